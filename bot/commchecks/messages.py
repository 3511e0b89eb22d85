"""What a ping says, and the acknowledgement page, in the contact's language (en, de, fr, it, ru)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage.models import PingPurpose
from storage.reference import supported_language

SUBJECT = {
    "en": "OSCE communication check #{check}: please acknowledge",
    "de": "OSZE-Kommunikationstest #{check}: bitte bestätigen",
    "fr": "Test de communication OSCE n° {check} : merci de confirmer",
    "it": "Verifica delle comunicazioni OSCE n. {check}: si prega di confermare",
    "ru": "Проверка связи ОБСЕ № {check}: просим подтвердить",
}
BODY = {
    "en": (
        "Dear {name},\n\nThis is communication check #{check} of the OSCE Points of Contact network "
        "(CBM 8), for {country}. Please acknowledge it by {deadline} (UTC), with the button or this link:\n"
        "{link}\n\nNo other action is needed."
    ),
    "de": (
        "Guten Tag {name},\n\ndies ist der Kommunikationstest #{check} des OSZE-Netzes der Kontaktstellen "
        "(VBM 8) für {country}. Bitte bestätigen Sie ihn bis {deadline} (UTC) mit der Schaltfläche oder "
        "diesem Link:\n{link}\n\nSonst ist nichts zu tun."
    ),
    "fr": (
        "Bonjour {name},\n\nCeci est le test de communication n° {check} du réseau des points de contact de "
        "l'OSCE (MDC 8), pour {country}. Merci de le confirmer avant le {deadline} (UTC), avec le bouton ou "
        "ce lien :\n{link}\n\nAucune autre action n'est nécessaire."
    ),
    "it": (
        "Gentile {name},\n\nquesta è la verifica delle comunicazioni n. {check} della rete dei punti di "
        "contatto OSCE (CBM 8), per {country}. Si prega di confermarla entro il {deadline} (UTC), con il "
        "pulsante o questo link:\n{link}\n\nNon serve altro."
    ),
    "ru": (
        "Уважаемый(ая) {name},\n\nэто проверка связи № {check} сети контактных пунктов ОБСЕ (МД 8) для "
        "{country}. Просим подтвердить её до {deadline} (UTC) кнопкой или по ссылке:\n{link}\n\n"
        "Других действий не требуется."
    ),
}
REMINDER = {
    "en": "Reminder: we have not yet received your acknowledgement.",
    "de": "Erinnerung: Ihre Bestätigung liegt uns noch nicht vor.",
    "fr": "Rappel : nous n'avons pas encore reçu votre confirmation.",
    "it": "Promemoria: non abbiamo ancora ricevuto la sua conferma.",
    "ru": "Напоминание: мы ещё не получили ваше подтверждение.",
}
ESCALATION = {
    "en": "Your colleague {colleague} ({type} point of contact) has not answered yet; please acknowledge "
    "for {country} yourself.",
    "de": "Ihre Kollegin bzw. Ihr Kollege {colleague} ({type}) hat noch nicht geantwortet; bitte "
    "bestätigen Sie für {country}.",
    "fr": "Votre collègue {colleague} ({type}) n'a pas encore répondu ; merci de confirmer pour {country}.",
    "it": "Il suo collega {colleague} ({type}) non ha ancora risposto; confermi lei per {country}.",
    "ru": "Ваш коллега {colleague} ({type}) ещё не ответил; просим подтвердить за {country}.",
}
BUTTON = {"en": "Acknowledge", "de": "Bestätigen", "fr": "Confirmer", "it": "Confermare", "ru": "Подтвердить"}
PAGE = {
    "en": (
        "Acknowledged",
        "Thank you, {name}: your acknowledgement of check #{check} was recorded at {at} UTC.",
    ),
    "de": ("Bestätigt", "Danke, {name}: Ihre Bestätigung des Tests #{check} wurde um {at} UTC erfasst."),
    "fr": ("Confirmé", "Merci, {name} : votre confirmation du test n° {check} a été enregistrée à {at} UTC."),
    "it": (
        "Confermato",
        "Grazie, {name}: la sua conferma della verifica n. {check} è registrata alle {at} UTC.",
    ),
    "ru": ("Подтверждено", "Спасибо, {name}: ваше подтверждение проверки № {check} записано в {at} UTC."),
}
ALREADY = {
    "en": "Check #{check} had already been acknowledged for you at {at} UTC; nothing changed.",
    "de": "Test #{check} war für Sie bereits um {at} UTC bestätigt; nichts wurde geändert.",
    "fr": "Le test n° {check} était déjà confirmé pour vous à {at} UTC ; rien n'a changé.",
    "it": "La verifica n. {check} era già confermata alle {at} UTC; nulla è cambiato.",
    "ru": "Проверка № {check} уже была подтверждена в {at} UTC; ничего не изменилось.",
}
GONE = (
    "Not found: this acknowledgement link is unknown, was already used, or its check has ended.",
    "Nicht gefunden · Introuvable · Non trovato · Не найдено",
)


def language(languages: list[str] | None) -> str:
    return supported_language(languages[0] if languages else None)


@dataclass(frozen=True)
class PingText:
    subject: str
    body: str
    button: str


def ping_text(
    *,
    lang: str,
    purpose: str,
    check_id: int,
    name: str,
    country: str,
    deadline: dt.datetime,
    link: str,
    colleague: str | None = None,
    colleague_type: str | None = None,
) -> PingText:
    lang = supported_language(lang)
    body = BODY[lang].format(
        name=name, check=check_id, country=country, deadline=f"{deadline:%Y-%m-%d %H:%M}", link=link
    )
    subject = SUBJECT[lang].format(check=check_id)
    if purpose == PingPurpose.reminder.value:
        body = REMINDER[lang] + "\n\n" + body
        subject = "⟳ " + subject
    elif purpose == PingPurpose.escalation.value:
        body = (
            ESCALATION[lang].format(colleague=colleague, type=colleague_type, country=country) + "\n\n" + body
        )
        subject = "⟳⟳ " + subject
    return PingText(subject=subject, body=body, button=BUTTON[lang])


def ack_page(lang: str, name: str, check_id: int, at: dt.datetime, first: bool) -> tuple[str, str]:
    """Title and sentence of the page (or the Discord reply) that confirms an acknowledgement."""
    lang = supported_language(lang)
    title, sentence = PAGE[lang]
    text = sentence if first else ALREADY[lang]
    return title, text.format(name=name, check=check_id, at=f"{at:%Y-%m-%d %H:%M}")


CONFIRM_SUBJECT = {
    "en": "OSCE Points of Contact: please confirm your details",
    "de": "OSZE-Kontaktstellen: bitte bestätigen Sie Ihre Angaben",
    "fr": "Points de contact OSCE : merci de confirmer vos coordonnées",
    "it": "Punti di contatto OSCE: si prega di confermare i suoi dati",
    "ru": "Контактные пункты ОБСЕ: просим подтвердить ваши данные",
}
CONFIRM_BODY = {
    "en": "Dear {name},\n\nOnce a year we ask every point of contact (CBM 8) to confirm their details. "
    "These are ours for you ({country}):\n\n{details}\n\nIf they are right, press the button or open "
    "this link and confirm; if something changed, correct it there (a directory administrator approves "
    "changes):\n{link}",
    "de": "Guten Tag {name},\n\neinmal im Jahr bitten wir jede Kontaktstelle (VBM 8), ihre Angaben zu "
    "bestätigen. Für Sie ({country}) haben wir:\n\n{details}\n\nStimmen sie, bestätigen Sie mit der "
    "Schaltfläche oder über diesen Link; hat sich etwas geändert, korrigieren Sie es dort:\n{link}",
    "fr": "Bonjour {name},\n\nune fois par an, nous demandons à chaque point de contact (MDC 8) de confirmer "
    "ses coordonnées. Voici les vôtres ({country}) :\n\n{details}\n\nSi elles sont exactes, confirmez avec "
    "le bouton ou ce lien ; sinon, corrigez-les à la même adresse :\n{link}",
    "it": "Gentile {name},\n\nuna volta all'anno chiediamo a ogni punto di contatto (CBM 8) di confermare i "
    "propri dati. Ecco i suoi ({country}):\n\n{details}\n\nSe sono corretti, confermi con il pulsante o con "
    "questo link; altrimenti li corregga lì:\n{link}",
    "ru": "Уважаемый(ая) {name},\n\nраз в год мы просим каждый контактный пункт (МД 8) подтвердить свои "
    "данные. Ваши данные ({country}):\n\n{details}\n\nЕсли они верны, подтвердите кнопкой или по ссылке; "
    "если что-то изменилось, исправьте их там же:\n{link}",
}
CONFIRM_BUTTON = {
    "en": "My details are right",
    "de": "Meine Angaben stimmen",
    "fr": "Mes coordonnées sont exactes",
    "it": "I miei dati sono corretti",
    "ru": "Мои данные верны",
}
CONFIRMED = {
    "en": ("Thank you", "Thank you, {name}: your details are confirmed ({at} UTC)."),
    "de": ("Danke", "Danke, {name}: Ihre Angaben sind bestätigt ({at} UTC)."),
    "fr": ("Merci", "Merci, {name} : vos coordonnées sont confirmées ({at} UTC)."),
    "it": ("Grazie", "Grazie, {name}: i suoi dati sono confermati ({at} UTC)."),
    "ru": ("Спасибо", "Спасибо, {name}: ваши данные подтверждены ({at} UTC)."),
}
CORRECTED = {
    "en": (
        "Thank you",
        "Thank you, {name}: your correction was received; a directory administrator will review it.",
    ),
    "de": ("Danke", "Danke, {name}: Ihre Korrektur ist eingegangen und wird geprüft."),
    "fr": ("Merci", "Merci, {name} : votre correction a été reçue et sera examinée."),
    "it": ("Grazie", "Grazie, {name}: la sua correzione è stata ricevuta e sarà esaminata."),
    "ru": ("Спасибо", "Спасибо, {name}: ваше исправление получено и будет рассмотрено."),
}
FORM = {
    "en": ("Your details", "Confirm", "Propose a correction", "Name", "Organisation", "E-mail", "Phone",
           "Note"),
    "de": ("Ihre Angaben", "Bestätigen", "Korrektur vorschlagen", "Name", "Organisation", "E-Mail", "Telefon",
           "Anmerkung"),
    "fr": ("Vos coordonnées", "Confirmer", "Proposer une correction", "Nom", "Organisation", "Courriel",
           "Téléphone", "Remarque"),
    "it": ("I suoi dati", "Confermare", "Proporre una correzione", "Nome", "Organizzazione", "E-mail",
           "Telefono", "Nota"),
    "ru": ("Ваши данные", "Подтвердить", "Предложить исправление", "Имя", "Организация", "Эл. почта",
           "Телефон", "Примечание"),
}  # fmt: skip


def details_text(name: str, organisation: str | None, email: str | None, phone: str | None) -> str:
    lines = [f"- {name}" + (f", {organisation}" if organisation else "")]
    if email:
        lines.append(f"- {email}")
    if phone:
        lines.append(f"- {phone}")
    return "\n".join(lines)


def confirm_text(*, lang: str, purpose: str, name: str, country: str, details: str, link: str) -> PingText:
    lang = supported_language(lang)
    body = CONFIRM_BODY[lang].format(name=name, country=country, details=details, link=link)
    subject = CONFIRM_SUBJECT[lang]
    if purpose != PingPurpose.initial.value:
        body = REMINDER[lang] + "\n\n" + body
        subject = "⟳ " + subject
    return PingText(subject=subject, body=body, button=CONFIRM_BUTTON[lang])


def confirm_page(lang: str, name: str, at: dt.datetime, corrected: bool) -> tuple[str, str]:
    title, sentence = (CORRECTED if corrected else CONFIRMED)[supported_language(lang)]
    return title, sentence.format(name=name, at=f"{at:%Y-%m-%d %H:%M}")

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

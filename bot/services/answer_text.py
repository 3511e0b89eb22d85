# ruff: noqa: E501  (sentences in five languages read better unbroken)
"""The answers' sentences and labels in the five languages (en, de, fr, it, ru).

The words (tokens, stems, ordinals, cue words, stop words) live in the one language module,
storage/language.py; they are re-exported here for the answers' convenience. The facts themselves live in
storage/reference/faq.yaml and cbms.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_interval, format_skeleton
from babel.lists import format_list

from bot.timeutil import format_local
from storage.language import (  # the vocabulary lives in the one language module
    CONTACT,
    CONTACT_TYPES,
    DECISION,
    DESCRIBE,
    DOMAIN_WORDS,
    EVENT,
    LANGS,
    LANGUAGE_ENDINGS,
    LANGUAGE_MARKERS,
    LAST,
    LIST_WORDS,
    MEASURE,
    NEXT,
    NUMBER_WORDS,
    ONLINE,
    PARTICIPANTS,
    STATUS,
    STOP_WORDS,
    WHO,
)

__all__ = [
    "CONTACT",
    "CONTACT_TYPES",
    "DECISION",
    "DESCRIBE",
    "DOMAIN_WORDS",
    "EVENT",
    "LANGS",
    "LANGUAGE_ENDINGS",
    "LANGUAGE_MARKERS",
    "LAST",
    "LIST_WORDS",
    "MEASURE",
    "NEXT",
    "NUMBER_WORDS",
    "ONLINE",
    "PARTICIPANTS",
    "STATUS",
    "STOP_WORDS",
    "WHO",
    "message",
]

BABEL_LOCALE = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "it": "it_IT", "ru": "ru_RU"}
# What the CBMs are called for short in each language (OSCE usage: VBM, MDC; ours for it and ru).
ABBREVIATION = {"en": "CBM", "de": "VBM", "fr": "MDC", "it": "MRF", "ru": "МД"}


def _locale(lang: str) -> str:
    return BABEL_LOCALE.get(lang, "en_GB")


def long_date(value: dt.date, lang: str) -> str:
    """3 December 2013, 3. Dezember 2013, 3 décembre 2013, 3 dicembre 2013, 3 декабря 2013 г. (CLDR)."""
    return format_date(value, "long", locale=_locale(lang))


def day_range(first: dt.date, last: dt.date, lang: str, *, with_year: bool = True) -> str:
    """A span of days in the reader's language (CLDR interval formats); without the year when unknown."""
    skeleton = "yMMMMd" if with_year else "MMMMd"
    if first == last:
        return long_date(first, lang) if with_year else format_skeleton("MMMMd", first, locale=_locale(lang))
    return format_interval(first, last, skeleton, locale=_locale(lang))


def local_time(value: dt.datetime, lang: str) -> str:
    """A wall-clock moment (already in the venue's zone) in the reader's language, with its zone."""
    return format_datetime(value, "long", locale=_locale(lang)).replace(":00 ", " ", 1)


MESSAGES: dict[str, dict[str, str]] = {
    "unknown": {
        "en": "I am not sure what you are asking. I can answer questions about the {cbms} cyber/ICT CBMs "
        '("What is CBM 8?", "Which CBM covers vulnerabilities?"), the decisions and the Informal Working '
        "Group, how many participating States there are, a country's OSCE status (\"Is Japan a participating "
        'State?"), events ("When is the next conference?") and, for members with the directory role, '
        "points of contact.",
        "de": "Ich bin nicht sicher, was Sie fragen. Ich beantworte Fragen zu den {cbms} Cyber-/IKT-VBM "
        "(„Was ist VBM 8?“), zu den Beschlüssen und der Informellen Arbeitsgruppe, zur Zahl der "
        "Teilnehmerstaaten, zum OSZE-Status eines Landes („Ist die Schweiz Teilnehmerstaat?“), zu "
        "Veranstaltungen („Wann ist die nächste Konferenz?“) und, für Mitglieder mit der Rolle directory, zu "
        "Kontaktstellen.",
        "fr": "Je ne suis pas sûr de comprendre la question. Je réponds sur les {cbms} mesures de confiance "
        "cyber/TIC (« Qu'est-ce que la mesure 8 ? »), les décisions et le Groupe de travail informel, le nombre "
        "d'États participants, le statut d'un pays à l'OSCE (« La France est-elle un État participant ? »), "
        "les événements (« Quand a lieu la prochaine conférence ? ») et, pour les membres ayant le rôle "
        "directory, les points de contact.",
        "it": "Non sono sicuro di aver capito la domanda. Rispondo sulle {cbms} misure di fiducia cyber/TIC "
        "(«Che cos'è la misura 8?»), sulle decisioni e sul Gruppo di lavoro informale, sul numero di Stati "
        "partecipanti, sullo status di un paese nell'OSCE («L'Italia è uno Stato partecipante?»), sugli "
        "eventi («Quando è la prossima conferenza?») e, per chi ha il ruolo directory, sui punti di contatto.",
        "ru": "Я не уверен, что понял вопрос. Я отвечаю о {cbms} мерах доверия в сфере кибер/ИКТ («Что такое "
        "мера 8?»), о решениях и Неофициальной рабочей группе, о числе государств-участников, о статусе "
        "страны в ОБСЕ («Является ли Япония государством-участником?»), о мероприятиях («Когда следующая "
        "конференция?») и, для участников с ролью directory, о контактных пунктах.",
    },
    "empty": {
        "en": 'Ask me a question, for example "What is CBM 8?" or "When is the next conference?".',
        "de": "Stellen Sie mir eine Frage, zum Beispiel „Was ist VBM 8?“.",
        "fr": "Posez-moi une question, par exemple « Qu'est-ce que la mesure 8 ? ».",
        "it": "Fammi una domanda, per esempio «Che cos'è la misura 8?».",
        "ru": "Задайте вопрос, например: «Что такое мера 8?».",
    },
    "long": {
        "en": "(Your question was long; I read its first {limit} characters.)",
        "de": "(Ihre Frage war lang; ich habe die ersten {limit} Zeichen gelesen.)",
        "fr": "(Votre question était longue ; j'en ai lu les {limit} premiers caractères.)",
        "it": "(La domanda era lunga; ne ho letto i primi {limit} caratteri.)",
        "ru": "(Вопрос длинный; я прочитал первые {limit} символов.)",
    },
    "no_cbm": {
        "en": "There is no CBM {number}: the OSCE has agreed {count} cyber/ICT CBMs, numbered 1 to {count}.",
        "de": "Es gibt keine VBM {number}: Die OSZE hat {count} Cyber-/IKT-VBM vereinbart, nummeriert von 1 "
        "bis {count}.",
        "fr": "Il n'existe pas de mesure {number} : l'OSCE a adopté {count} mesures de confiance cyber/TIC, "
        "numérotées de 1 à {count}.",
        "it": "Non esiste la misura {number}: l'OSCE ha adottato {count} misure di fiducia cyber/TIC, numerate "
        "da 1 a {count}.",
        "ru": "Меры {number} нет: ОБСЕ согласовала {count} мер доверия в сфере кибер/ИКТ с номерами от 1 до "
        "{count}.",
    },
    "cbm_source": {
        "en": "Our summary, not the official text. Source: {decision} of {date}.",
        "de": "Unsere Zusammenfassung, nicht der amtliche Text. Quelle: {decision} vom {date}.",
        "fr": "Notre résumé, pas le texte officiel. Source : {decision} du {date}.",
        "it": "Nostra sintesi, non il testo ufficiale. Fonte: {decision} del {date}.",
        "ru": "Наше краткое изложение, не официальный текст. Источник: {decision} от {date}.",
    },
    "participating_state": {
        "en": "{name} is an OSCE participating State.",
        "de": "{name} ist ein Teilnehmerstaat der OSZE.",
        "fr": "{name} est un État participant de l'OSCE.",
        "it": "{name} è uno Stato partecipante dell'OSCE.",
        "ru": "{name} — государство-участник ОБСЕ.",
    },
    "asian_partner": {
        "en": "{name} is not a participating State but one of the OSCE's Asian Partners for Co-operation{since}.",
        "de": "{name} ist kein Teilnehmerstaat, sondern ein asiatischer Kooperationspartner der OSZE{since}.",
        "fr": "{name} n'est pas un État participant mais un partenaire asiatique pour la coopération de "
        "l'OSCE{since}.",
        "it": "{name} non è uno Stato partecipante ma un partner asiatico per la cooperazione dell'OSCE{since}.",
        "ru": "{name} — не государство-участник, а азиатский партнёр ОБСЕ по сотрудничеству{since}.",
    },
    "mediterranean_partner": {
        "en": "{name} is not a participating State but one of the OSCE's Mediterranean Partners for "
        "Co-operation{since}.",
        "de": "{name} ist kein Teilnehmerstaat, sondern ein Mittelmeer-Kooperationspartner der OSZE{since}.",
        "fr": "{name} n'est pas un État participant mais un partenaire méditerranéen pour la coopération de "
        "l'OSCE{since}.",
        "it": "{name} non è uno Stato partecipante ma un partner mediterraneo per la cooperazione "
        "dell'OSCE{since}.",
        "ru": "{name} — не государство-участник, а средиземноморский партнёр ОБСЕ по сотрудничеству{since}.",
    },
    "none": {
        "en": "{name} is neither an OSCE participating State nor a Partner for Co-operation.",
        "de": "{name} ist weder Teilnehmerstaat der OSZE noch Kooperationspartner.",
        "fr": "{name} n'est ni un État participant de l'OSCE ni un partenaire pour la coopération.",
        "it": "{name} non è né uno Stato partecipante dell'OSCE né un partner per la cooperazione.",
        "ru": "{name} не является ни государством-участником ОБСЕ, ни партнёром по сотрудничеству.",
    },
    "since": {
        "en": " (since {year})",
        "de": " (seit {year})",
        "fr": " (depuis {year})",
        "it": " (dal {year})",
        "ru": " (с {year} года)",
    },
    "event_when": {
        "en": "{title}: {when}, {where}.",
        "de": "{title}: {when}, {where}.",
        "fr": "{title} : {when}, {where}.",
        "it": "{title}: {when}, {where}.",
        "ru": "{title}: {when}, {where}.",
    },
    "online": {"en": "online", "de": "online", "fr": "en ligne", "it": "online", "ru": "онлайн"},
    "online_and": {
        "en": "{place} and online",
        "de": "{place} und online",
        "fr": "{place} et en ligne",
        "it": "{place} e online",
        "ru": "{place} и онлайн",
    },
    "no_place": {
        "en": "place not given",
        "de": "Ort nicht angegeben",
        "fr": "lieu non précisé",
        "it": "luogo non indicato",
        "ru": "место не указано",
    },
    "participants": {
        "en": "Countries taking part ({count}): {names}.",
        "de": "Teilnehmende Länder ({count}): {names}.",
        "fr": "Pays participants ({count}) : {names}.",
        "it": "Paesi partecipanti ({count}): {names}.",
        "ru": "Страны-участницы ({count}): {names}.",
    },
    "no_participants": {
        "en": "Our sources name no participating countries for it.",
        "de": "Unsere Quellen nennen keine teilnehmenden Länder.",
        "fr": "Nos sources ne citent pas de pays participants.",
        "it": "Le nostre fonti non indicano paesi partecipanti.",
        "ru": "Наши источники не называют стран-участниц.",
    },
    "organisers": {
        "en": "Organisers: {names}.",
        "de": "Veranstalter: {names}.",
        "fr": "Organisateurs : {names}.",
        "it": "Organizzatori: {names}.",
        "ru": "Организаторы: {names}.",
    },
    "was_online": {
        "en": "It was held online.",
        "de": "Sie fand online statt.",
        "fr": "Il s'est tenu en ligne.",
        "it": "Si è svolto online.",
        "ru": "Оно проходило онлайн.",
    },
    "not_online": {
        "en": "It was not held online.",
        "de": "Sie fand nicht online statt.",
        "fr": "Il ne s'est pas tenu en ligne.",
        "it": "Non si è svolto online.",
        "ru": "Оно проходило не в онлайн-формате.",
    },
    "status_note": {
        "en": "Status: {status}.",
        "de": "Status: {status}.",
        "fr": "Statut : {status}.",
        "it": "Stato: {status}.",
        "ru": "Статус: {status}.",
    },
    "next_event": {
        "en": "The next one:",
        "de": "Die nächste:",
        "fr": "Le prochain :",
        "it": "Il prossimo:",
        "ru": "Ближайшее:",
    },
    "no_upcoming": {
        "en": "Nothing matching is scheduled yet; the most recent one was:",
        "de": "Noch ist nichts Passendes geplant; zuletzt fand statt:",
        "fr": "Rien de correspondant n'est encore prévu ; le plus récent était :",
        "it": "Non è ancora previsto nulla di corrispondente; il più recente è stato:",
        "ru": "Пока ничего подходящего не запланировано; последнее было:",
    },
    "attendance_about": {
        "en": "About {count} people attended.",
        "de": "Etwa {count} Personen nahmen teil.",
        "fr": "Environ {count} personnes y ont participé.",
        "it": "Vi hanno partecipato circa {count} persone.",
        "ru": "Участвовало около {count} человек.",
    },
    "attendance": {
        "en": "{count} people attended.",
        "de": "{count} Personen nahmen teil.",
        "fr": "{count} personnes y ont participé.",
        "it": "Vi hanno partecipato {count} persone.",
        "ru": "Участвовало {count} человек.",
    },
    "year_unconfirmed": {
        "en": "{when} (year not confirmed)",
        "de": "{when} (Jahr nicht bestätigt)",
        "fr": "{when} (année non confirmée)",
        "it": "{when} (anno non confermato)",
        "ru": "{when} (год не подтверждён)",
    },
    "source_country": {
        "en": "Source: the OSCE's list of participating States and Partners for Co-operation (osce.org).",
        "de": "Quelle: die Liste der Teilnehmerstaaten und Kooperationspartner der OSZE (osce.org).",
        "fr": "Source : la liste des États participants et des partenaires pour la coopération de l'OSCE (osce.org).",
        "it": "Fonte: l'elenco degli Stati partecipanti e dei partner per la cooperazione dell'OSCE (osce.org).",
        "ru": "Источник: перечень государств-участников и партнёров ОБСЕ по сотрудничеству (osce.org).",
    },
    "source_contact": {
        "en": "Source: the OSCE directory of Points of Contact under CBM 8 ({decision} of {date}).",
        "de": "Quelle: das OSZE-Verzeichnis der Kontaktstellen nach VBM 8 ({decision} vom {date}).",
        "fr": "Source : l'annuaire OSCE des points de contact prévu par la MDC 8 ({decision} du {date}).",
        "it": "Fonte: l'elenco OSCE dei punti di contatto previsto dalla MRF 8 ({decision} del {date}).",
        "ru": "Источник: справочник контактных пунктов ОБСЕ по МД 8 ({decision} от {date}).",
    },
    "source_event": {
        "en": "Source: {source}.",
        "de": "Quelle: {source}.",
        "fr": "Source : {source}.",
        "it": "Fonte: {source}.",
        "ru": "Источник: {source}.",
    },
    "source_unlinked": {
        "en": "published reports of the event (no link stored)",
        "de": "veröffentlichte Berichte über die Veranstaltung (kein Link hinterlegt)",
        "fr": "comptes rendus publiés de l'événement (aucun lien enregistré)",
        "it": "resoconti pubblicati dell'evento (nessun link registrato)",
        "ru": "опубликованные сообщения о мероприятии (ссылка не сохранена)",
    },
    "decision_of": {
        "en": "{decision} of {date}",
        "de": "{decision} vom {date}",
        "fr": "{decision} du {date}",
        "it": "{decision} del {date}",
        "ru": "{decision} от {date}",
    },
    "summary_note": {
        "en": "Our summary, not the official text · source: {decision}",
        "de": "Unsere Zusammenfassung, nicht der amtliche Text · Quelle: {decision}",
        "fr": "Notre résumé, pas le texte officiel · source : {decision}",
        "it": "Nostra sintesi, non il testo ufficiale · fonte: {decision}",
        "ru": "Наше краткое изложение, не официальный текст · источник: {decision}",
    },
    "also": {
        "en": "Also matching:",
        "de": "Ebenfalls passend:",
        "fr": "Correspondent aussi :",
        "it": "Corrispondono anche:",
        "ru": "Также подходят:",
    },
    "contact_forbidden": {
        "en": "Contact details of the points of contact are shown only to members with the directory role. "
        "Ask a directory member, or read what the network is with /cbm number:8.",
        "de": "Die Angaben der Kontaktstellen sehen nur Mitglieder mit der Rolle directory. Fragen Sie ein "
        "solches Mitglied oder lesen Sie mit /cbm number:8, was das Netz ist.",
        "fr": "Les coordonnées des points de contact ne sont visibles que par les membres ayant le rôle "
        "directory. Demandez à l'un d'eux, ou lisez ce qu'est le réseau avec /cbm number:8.",
        "it": "I recapiti dei punti di contatto sono visibili solo a chi ha il ruolo directory. Chiedi a uno di "
        "loro, oppure leggi che cos'è la rete con /cbm number:8.",
        "ru": "Контактные данные видят только участники с ролью directory. Обратитесь к такому участнику или "
        "прочитайте о сети командой /cbm number:8.",
    },
    "contact_none": {
        "en": "The directory has no {type}point of contact for {country}.",
        "de": "Das Verzeichnis enthält keine {type}Kontaktstelle für {country}.",
        "fr": "L'annuaire ne contient aucun point de contact {type}pour {country}.",
        "it": "La rubrica non contiene alcun punto di contatto {type}per {country}.",
        "ru": "В справочнике нет {type}контактного пункта для страны {country}.",
    },
    "contact_line": {
        "en": "{type} point of contact for {country}: {details}.",
        "de": "{type} Kontaktstelle für {country}: {details}.",
        "fr": "Point de contact {type} pour {country} : {details}.",
        "it": "Punto di contatto {type} per {country}: {details}.",
        "ru": "{type} контактный пункт ({country}): {details}.",
    },
    "confirmed": {
        "en": "confirmed {date}",
        "de": "bestätigt am {date}",
        "fr": "confirmé le {date}",
        "it": "confermato il {date}",
        "ru": "подтверждено {date}",
    },
    "stale": {
        "en": "not confirmed in the last 12 months",
        "de": "seit über 12 Monaten nicht bestätigt",
        "fr": "non confirmé depuis plus de 12 mois",
        "it": "non confermato da oltre 12 mesi",
        "ru": "не подтверждено более 12 месяцев",
    },
    "private": {
        "en": "Personal data: shown to you because you hold the directory role; this lookup is logged.",
        "de": "Personenbezogene Daten: sichtbar, weil Sie die Rolle directory haben; der Abruf wird protokolliert.",
        "fr": "Données personnelles : visibles car vous avez le rôle directory ; la consultation est journalisée.",
        "it": "Dati personali: visibili perché hai il ruolo directory; la consultazione è registrata.",
        "ru": "Персональные данные: видны, потому что у вас роль directory; запрос записан в журнал.",
    },
}
LABELS = {  # field names of an answer's reply
    "decision": {"en": "Decision", "de": "Beschluss", "fr": "Décision", "it": "Decisione", "ru": "Решение"},
    "also_called": {
        "en": "Also called",
        "de": "Auch genannt",
        "fr": "Autres noms",
        "it": "Detta anche",
        "ru": "Другие названия",
    },
    "related_events": {
        "en": "Related events",
        "de": "Zugehörige Veranstaltungen",
        "fr": "Événements liés",
        "it": "Eventi collegati",
        "ru": "Связанные мероприятия",
    },
    "all_cbms": {
        "en": "All CBMs",
        "de": "Alle VBM",
        "fr": "Toutes les MDC",
        "it": "Tutte le MRF",
        "ru": "Все МД",
    },
    "source": {"en": "Source", "de": "Quelle", "fr": "Source", "it": "Fonte", "ru": "Источник"},
    "when": {"en": "When", "de": "Wann", "fr": "Quand", "it": "Quando", "ru": "Когда"},
    "also": {
        "en": "Also matching",
        "de": "Ebenfalls passend",
        "fr": "Correspondent aussi",
        "it": "Corrispondono anche",
        "ru": "Также подходят",
    },
    "unknown": {
        "en": "Not sure",
        "de": "Nicht sicher",
        "fr": "Pas sûr",
        "it": "Non sono sicuro",
        "ru": "Не уверен",
    },
}


LABELS.update(
    {
        # what kind of answer it is (the reply's footer)
        "kind_country": {
            "en": "State or partner",
            "de": "Staat oder Partner",
            "fr": "État ou partenaire",
            "it": "Stato o partner",
            "ru": "Государство или партнёр",
        },
        "kind_event": {
            "en": "Event",
            "de": "Veranstaltung",
            "fr": "Événement",
            "it": "Evento",
            "ru": "Мероприятие",
        },
        "kind_contact": {
            "en": "Point of contact",
            "de": "Kontaktstelle",
            "fr": "Point de contact",
            "it": "Punto di contatto",
            "ru": "Контактный пункт",
        },
        "kind_faq": {
            "en": "Fact",
            "de": "Auskunft",
            "fr": "Information",
            "it": "Informazione",
            "ru": "Справка",
        },
        # follow-up buttons
        "events": {
            "en": "Events",
            "de": "Veranstaltungen",
            "fr": "Événements",
            "it": "Eventi",
            "ru": "Мероприятия",
        },
        "past_events": {
            "en": "Past events",
            "de": "Vergangene Veranstaltungen",
            "fr": "Événements passés",
            "it": "Eventi passati",
            "ru": "Прошедшие мероприятия",
        },
        "poc_meetings": {
            "en": "PoC meetings",
            "de": "Treffen der Kontaktstellen",
            "fr": "Réunions des points de contact",
            "it": "Riunioni dei punti di contatto",
            "ru": "Встречи контактных пунктов",
        },
        "upcoming_events": {
            "en": "Upcoming events",
            "de": "Kommende Veranstaltungen",
            "fr": "Événements à venir",
            "it": "Prossimi eventi",
            "ru": "Предстоящие мероприятия",
        },
        "help": {"en": "Help", "de": "Hilfe", "fr": "Aide", "it": "Aiuto", "ru": "Помощь"},
        "directory": {
            "en": "Directory",
            "de": "Verzeichnis",
            "fr": "Annuaire",
            "it": "Rubrica",
            "ru": "Справочник",
        },
        # the plain-text rendering of a reply (bot/text.py)
        "next": {"en": "Next", "de": "Weiter", "fr": "Ensuite", "it": "Poi", "ru": "Далее"},
        "link": {"en": "Link", "de": "Link", "fr": "Lien", "it": "Link", "ru": "Ссылка"},
        "attached": {
            "en": "Attached in Discord",
            "de": "In Discord angehängt",
            "fr": "Joint dans Discord",
            "it": "Allegato in Discord",
            "ru": "Вложено в Discord",
        },
        "iso_code": {
            "en": "ISO code",
            "de": "ISO-Code",
            "fr": "Code ISO",
            "it": "Codice ISO",
            "ru": "Код ISO",
        },
        "cancelled": {
            "en": "cancelled",
            "de": "abgesagt",
            "fr": "annulé",
            "it": "annullato",
            "ru": "отменено",
        },
        "postponed": {
            "en": "postponed",
            "de": "verschoben",
            "fr": "reporté",
            "it": "rinviato",
            "ru": "перенесено",
        },
        "scheduled": {
            "en": "scheduled",
            "de": "geplant",
            "fr": "prévu",
            "it": "previsto",
            "ru": "запланировано",
        },
        # /event show and the event listings (English: as the commands always wrote it)
        "where": {"en": "Where", "de": "Wo", "fr": "Où", "it": "Dove", "ru": "Где"},
        "kind": {"en": "Kind", "de": "Art", "fr": "Type", "it": "Tipo", "ru": "Вид"},
        "status": {"en": "Status", "de": "Status", "fr": "Statut", "it": "Stato", "ru": "Статус"},
        "about_date": {
            "en": "About the date",
            "de": "Zum Datum",
            "fr": "À propos de la date",
            "it": "Sulla data",
            "ru": "О дате",
        },
        "organisers": {
            "en": "Organisers",
            "de": "Veranstalter",
            "fr": "Organisateurs",
            "it": "Organizzatori",
            "ru": "Организаторы",
        },
        "held_in": {
            "en": "Held in",
            "de": "Austragungsland",
            "fr": "Pays hôte",
            "it": "Paese ospitante",
            "ru": "Страна проведения",
        },
        "cbms": {"en": "CBMs", "de": "VBM", "fr": "MDC", "it": "MRF", "ru": "МД"},
        "add_calendar": {
            "en": "Add to your calendar",
            "de": "Zum eigenen Kalender hinzufügen",
            "fr": "Ajouter à votre agenda",
            "it": "Aggiungi al tuo calendario",
            "ru": "Добавить в свой календарь",
        },
        "download_ics": {
            "en": "Download .ics",
            "de": ".ics herunterladen",
            "fr": "Télécharger le .ics",
            "it": "Scarica .ics",
            "ru": "Скачать .ics",
        },
        "previous_page": {
            "en": "◀ Previous",
            "de": "◀ Zurück",
            "fr": "◀ Précédent",
            "it": "◀ Indietro",
            "ru": "◀ Назад",
        },
        "next_page": {"en": "Next ▶", "de": "Weiter ▶", "fr": "Suivant ▶", "it": "Avanti ▶", "ru": "Далее ▶"},
        "kind_conference": {
            "en": "Conference",
            "de": "Konferenz",
            "fr": "Conférence",
            "it": "Conferenza",
            "ru": "Конференция",
        },
        "kind_study_visit": {
            "en": "Study visit",
            "de": "Studienreise",
            "fr": "Visite d'étude",
            "it": "Visita di studio",
            "ru": "Ознакомительный визит",
        },
        "kind_workshop": {
            "en": "Workshop",
            "de": "Workshop",
            "fr": "Atelier",
            "it": "Workshop",
            "ru": "Семинар",
        },
        "kind_meeting": {
            "en": "Meeting",
            "de": "Treffen",
            "fr": "Réunion",
            "it": "Riunione",
            "ru": "Встреча",
        },
        "kind_training": {
            "en": "Training",
            "de": "Schulung",
            "fr": "Formation",
            "it": "Formazione",
            "ru": "Тренинг",
        },
        "kind_other": {
            "en": "Event",
            "de": "Veranstaltung",
            "fr": "Événement",
            "it": "Evento",
            "ru": "Мероприятие",
        },
        "language": {"en": "English", "de": "Deutsch", "fr": "Français", "it": "Italiano", "ru": "Русский"},
        # the short source of an answer (the reply's Source field; the JSON keeps `sources` as it was)
        "source_osce_list": {
            "en": "osce.org (participating States and Partners for Co-operation)",
            "de": "osce.org (Teilnehmerstaaten und Kooperationspartner)",
            "fr": "osce.org (États participants et partenaires pour la coopération)",
            "it": "osce.org (Stati partecipanti e partner per la cooperazione)",
            "ru": "osce.org (государства-участники и партнёры по сотрудничеству)",
        },
        "cbms_title": {
            "en": "The OSCE cyber/ICT confidence-building measures",
            "de": "Die vertrauensbildenden Maßnahmen der OSZE zu Cyber/IKT",
            "fr": "Les mesures de confiance de l'OSCE dans le domaine cyber/TIC",
            "it": "Le misure di rafforzamento della fiducia dell'OSCE in materia cyber/TIC",
            "ru": "Меры доверия ОБСЕ в сфере кибер/ИКТ",
        },
    }
)
MESSAGES.update(
    {  # /feed (bot/commands/feeds.py)
        "feed_title": {
            "en": "Calendar feeds",
            "de": "Kalender zum Abonnieren",
            "fr": "Calendriers à suivre",
            "it": "Calendari da seguire",
            "ru": "Календари для подписки",
        },
        "feed_intro": {
            "en": "Add a feed to Google Calendar, Outlook, Apple Calendar or Thunderbird; it updates by itself "
            "(hourly in most apps). All feeds and upcoming events: {url}",
            "de": "Fügen Sie einen Kalender in Google Kalender, Outlook, Apple Kalender oder Thunderbird hinzu; "
            "er aktualisiert sich selbst (in den meisten Apps stündlich). Alle Kalender und kommenden "
            "Veranstaltungen: {url}",
            "fr": "Ajoutez un calendrier à Google Agenda, Outlook, Apple Calendrier ou Thunderbird ; il se met "
            "à jour tout seul (toutes les heures dans la plupart des applications). Tous les calendriers et "
            "les prochains événements : {url}",
            "it": "Aggiungi un calendario a Google Calendar, Outlook, Apple Calendario o Thunderbird; si "
            "aggiorna da solo (ogni ora nella maggior parte delle app). Tutti i calendari e i prossimi "
            "eventi: {url}",
            "ru": "Добавьте календарь в Google Календарь, Outlook, Apple Календарь или Thunderbird; он "
            "обновляется сам (в большинстве приложений раз в час). Все календари и ближайшие "
            "мероприятия: {url}",
        },
        "feed_subscribe": {
            "en": "Subscribe",
            "de": "Abonnieren",
            "fr": "S'abonner",
            "it": "Iscriviti",
            "ru": "Подписаться",
        },
        "feed_ics": {
            "en": "Feed link (.ics)",
            "de": "Kalender-Link (.ics)",
            "fr": "Lien du calendrier (.ics)",
            "it": "Link del calendario (.ics)",
            "ru": "Ссылка на календарь (.ics)",
        },
        "feed_google": {
            "en": "Google Calendar",
            "de": "Google Kalender",
            "fr": "Google Agenda",
            "it": "Google Calendar",
            "ru": "Google Календарь",
        },
        "feed_all": {
            "en": "All events",
            "de": "Alle Veranstaltungen",
            "fr": "Tous les événements",
            "it": "Tutti gli eventi",
            "ru": "Все мероприятия",
        },
        "feed_only": {
            "en": "Only: {what}",
            "de": "Nur: {what}",
            "fr": "Seulement : {what}",
            "it": "Solo: {what}",
            "ru": "Только: {what}",
        },
        "feed_private": {
            "en": "Your private feed: the events you follow",
            "de": "Ihr privater Kalender: die Veranstaltungen, denen Sie folgen",
            "fr": "Votre calendrier privé : les événements que vous suivez",
            "it": "Il tuo calendario privato: gli eventi che segui",
            "ru": "Ваш личный календарь: мероприятия, за которыми вы следите",
        },
        "feed_private_note": {
            "en": "Keep this link to yourself: anyone who has it sees the events you follow. It is shown only "
            "this once (we keep only a fingerprint of it); {reset} stops it.",
            "de": "Behalten Sie diesen Link für sich: Wer ihn hat, sieht die Veranstaltungen, denen Sie folgen. "
            "Er wird nur dieses eine Mal gezeigt (wir speichern nur einen Fingerabdruck davon); {reset} "
            "beendet ihn.",
            "fr": "Gardez ce lien pour vous : quiconque l'a voit les événements que vous suivez. Il n'est "
            "affiché que cette fois (nous n'en gardons qu'une empreinte) ; {reset} le désactive.",
            "it": "Tieni questo link per te: chi lo ha vede gli eventi che segui. Viene mostrato solo questa "
            "volta (ne conserviamo solo un'impronta); {reset} lo disattiva.",
            "ru": "Не передавайте эту ссылку другим: по ней видны мероприятия, за которыми вы следите. Она "
            "показывается только один раз (мы храним лишь её отпечаток); {reset} отключает её.",
        },
        "feed_already": {
            "en": "You already have a private link{made}. We keep only a fingerprint of it, so it cannot be "
            "shown again: {reset} stops it, then {feed} gives you a new one.",
            "de": "Sie haben bereits einen privaten Link{made}. Wir speichern nur einen Fingerabdruck davon, "
            "daher kann er nicht noch einmal gezeigt werden: {reset} beendet ihn, danach gibt Ihnen {feed} "
            "einen neuen.",
            "fr": "Vous avez déjà un lien privé{made}. Nous n'en gardons qu'une empreinte, il ne peut donc "
            "pas être affiché à nouveau : {reset} le désactive, puis {feed} vous en donne un nouveau.",
            "it": "Hai già un link privato{made}. Ne conserviamo solo un'impronta, quindi non può essere "
            "mostrato di nuovo: {reset} lo disattiva, poi {feed} te ne dà uno nuovo.",
            "ru": "У вас уже есть личная ссылка{made}. Мы храним лишь её отпечаток, поэтому показать её "
            "снова нельзя: {reset} отключает её, затем {feed} даёт новую.",
        },
        "feed_made": {
            "en": " (made {date})",
            "de": " (erstellt am {date})",
            "fr": " (créé le {date})",
            "it": " (creato il {date})",
            "ru": " (создана {date})",
        },
        "feed_reset_none_title": {
            "en": "Private feed",
            "de": "Privater Kalender",
            "fr": "Calendrier privé",
            "it": "Calendario privato",
            "ru": "Личный календарь",
        },
        "feed_reset_none": {
            "en": "You have no private feed link to stop; {feed} makes one.",
            "de": "Sie haben keinen privaten Kalender-Link, der beendet werden könnte; {feed} erstellt einen.",
            "fr": "Vous n'avez pas de lien privé à désactiver ; {feed} en crée un.",
            "it": "Non hai un link privato da disattivare; {feed} ne crea uno.",
            "ru": "У вас нет личной ссылки, которую можно отключить; {feed} создаёт её.",
        },
        "feed_reset_title": {
            "en": "Private feed stopped",
            "de": "Privater Kalender beendet",
            "fr": "Calendrier privé désactivé",
            "it": "Calendario privato disattivato",
            "ru": "Личный календарь отключён",
        },
        "feed_reset_done": {
            "en": "Your private feed link no longer works: calendars subscribed to it stop updating. "
            "{feed} gives you a new link.",
            "de": "Ihr privater Kalender-Link funktioniert nicht mehr: Kalender, die ihn abonniert haben, "
            "werden nicht mehr aktualisiert. {feed} gibt Ihnen einen neuen Link.",
            "fr": "Votre lien privé ne fonctionne plus : les calendriers abonnés ne se mettent plus à jour. "
            "{feed} vous donne un nouveau lien.",
            "it": "Il tuo link privato non funziona più: i calendari iscritti non si aggiornano più. "
            "{feed} ti dà un nuovo link.",
            "ru": "Ваша личная ссылка больше не работает: подписанные на неё календари перестают "
            "обновляться. {feed} даёт новую ссылку.",
        },
    }
)
MESSAGES.update(
    {  # /help (bot/commands/help.py)
        "help_title": {
            "en": "cbm-bot: commands",
            "de": "cbm-bot: Befehle",
            "fr": "cbm-bot : commandes",
            "it": "cbm-bot: comandi",
            "ru": "cbm-bot: команды",
        },
        "help_intro": {
            "en": "Options are written as Discord shows them: `{example}`, quotes around spaces "
            "(`{quoted}`). `/{help} command:NAME` explains one command.",
            "de": "Optionen werden so geschrieben, wie Discord sie zeigt: `{example}`, Leerzeichen in "
            "Anführungszeichen (`{quoted}`). `/{help} command:NAME` erklärt einen Befehl.",
            "fr": "Les options s'écrivent comme Discord les montre : `{example}`, avec des guillemets "
            "autour des espaces (`{quoted}`). `/{help} command:NOM` explique une commande.",
            "it": "Le opzioni si scrivono come le mostra Discord: `{example}`, con le virgolette attorno "
            "agli spazi (`{quoted}`). `/{help} command:NOME` spiega un comando.",
            "ru": "Параметры пишутся так, как их показывает Discord: `{example}`, с кавычками вокруг "
            "пробелов (`{quoted}`). `/{help} command:ИМЯ` объясняет одну команду.",
        },
        "help_usage": {
            "en": "Usage: `{usage}`",
            "de": "Aufruf: `{usage}`",
            "fr": "Utilisation : `{usage}`",
            "it": "Uso: `{usage}`",
            "ru": "Вызов: `{usage}`",
        },
        "help_required": {
            "en": "required",
            "de": "erforderlich",
            "fr": "obligatoire",
            "it": "obbligatorio",
            "ru": "обязательно",
        },
        "help_optional": {
            "en": "optional",
            "de": "optional",
            "fr": "facultatif",
            "it": "facoltativo",
            "ru": "необязательно",
        },
        "help_needs_role": {
            "en": "Needs the {role} role.",
            "de": "Erfordert die Rolle {role}.",
            "fr": "Nécessite le rôle {role}.",
            "it": "Richiede il ruolo {role}.",
            "ru": "Нужна роль {role}.",
        },
        "help_for_role": {
            "en": "/{name} is for members with the {role} role.",
            "de": "/{name} ist für Mitglieder mit der Rolle {role}.",
            "fr": "/{name} est réservé aux membres ayant le rôle {role}.",
            "it": "/{name} è per i membri con il ruolo {role}.",
            "ru": "/{name} доступна участникам с ролью {role}.",
        },
        "help_not_here": {
            "en": "/{name} does not run here; /{help} lists what does.",
            "de": "/{name} läuft hier nicht; /{help} zeigt, was hier läuft.",
            "fr": "/{name} ne fonctionne pas ici ; /{help} liste ce qui fonctionne.",
            "it": "/{name} non funziona qui; /{help} elenca ciò che funziona.",
            "ru": "/{name} здесь не работает; /{help} показывает, что работает.",
        },
        "help_no_such": {
            "en": "There is no /{name}.",
            "de": "Es gibt keinen Befehl /{name}.",
            "fr": "La commande /{name} n'existe pas.",
            "it": "Il comando /{name} non esiste.",
            "ru": "Команды /{name} нет.",
        },
        "help_did_you_mean": {
            "en": "Did you mean /{name}?",
            "de": "Meinten Sie /{name}?",
            "fr": "Vouliez-vous dire /{name} ?",
            "it": "Intendevi /{name}?",
            "ru": "Возможно, вы имели в виду /{name}?",
        },
        "help_more": {"en": "more", "de": "weiter", "fr": "suite", "it": "continua", "ru": "продолжение"},
        "help_general": {
            "en": "General",
            "de": "Allgemein",
            "fr": "Général",
            "it": "Generale",
            "ru": "Общее",
        },
    }
)
MESSAGES.update(
    {
        "in_full": {
            "en": "{cbm} in full",
            "de": "{cbm} vollständig",
            "fr": "{cbm} en entier",
            "it": "{cbm} per intero",
            "ru": "{cbm} полностью",
        },
        "event_number": {
            "en": "Event #{id}",
            "de": "Veranstaltung #{id}",
            "fr": "Événement #{id}",
            "it": "Evento #{id}",
            "ru": "Мероприятие #{id}",
        },
        "taking_as": {
            "en": "(Taking '{name}' as {matched}.)",
            "de": "(„{name}“ verstanden als {matched}.)",
            "fr": "(« {name} » compris comme {matched}.)",
            "it": "(«{name}» inteso come {matched}.)",
            "ru": "(«{name}» понято как {matched}.)",
        },
        "no_country": {
            "en": "no country or partner called '{name}': no OSCE participating State or Partner for "
            "Co-operation has that name",
            "de": "Kein Staat und kein Partner heißt „{name}“: Kein Teilnehmerstaat und kein "
            "Kooperationspartner der OSZE trägt diesen Namen.",
            "fr": "Aucun État ni partenaire ne s'appelle « {name} » : aucun État participant ni partenaire "
            "pour la coopération de l'OSCE ne porte ce nom.",
            "it": "Nessuno Stato o partner si chiama «{name}»: nessuno Stato partecipante né partner per la "
            "cooperazione dell'OSCE ha questo nome.",
            "ru": "Государства или партнёра с названием «{name}» нет: так не называется ни одно "
            "государство-участник ОБСЕ и ни один партнёр по сотрудничеству.",
        },
        "did_you_mean": {
            "en": "no country or partner called '{name}'; did you mean {names}?",
            "de": "Kein Staat und kein Partner heißt „{name}“. Meinten Sie {names}?",
            "fr": "Aucun État ni partenaire ne s'appelle « {name} ». Vouliez-vous dire {names} ?",
            "it": "Nessuno Stato o partner si chiama «{name}». Intendevi {names}?",
            "ru": "Государства или партнёра с названием «{name}» нет. Возможно, вы имели в виду {names}?",
        },
        "cbms_intro": {
            "en": "The OSCE participating States agreed {count} confidence-building measures to reduce the risk "
            "of conflict from the use of ICTs: {first} in {decision1} ({date1}) and {second} in {decision2} "
            "({date2}).",
            "de": "Die OSZE-Teilnehmerstaaten haben {count} vertrauensbildende Maßnahmen vereinbart, die das "
            "Konfliktrisiko durch die Nutzung von IKT verringern sollen: {first} in {decision1} ({date1}) "
            "und {second} in {decision2} ({date2}).",
            "fr": "Les États participants de l'OSCE ont adopté {count} mesures de confiance pour réduire les "
            "risques de conflit liés à l'utilisation des TIC : {first} dans {decision1} ({date1}) et {second} "
            "dans {decision2} ({date2}).",
            "it": "Gli Stati partecipanti dell'OSCE hanno adottato {count} misure di rafforzamento della "
            "fiducia per ridurre i rischi di conflitto legati all'uso delle TIC: {first} in {decision1} "
            "({date1}) e {second} in {decision2} ({date2}).",
            "ru": "Государства-участники ОБСЕ согласовали {count} мер доверия для снижения риска конфликтов, "
            "связанных с использованием ИКТ: {first} — в {decision1} ({date1}), {second} — в {decision2} "
            "({date2}).",
        },
        "taking_part": {
            "en": "Taking part ({count})",
            "de": "Teilnehmende ({count})",
            "fr": "Participants ({count})",
            "it": "Partecipanti ({count})",
            "ru": "Участники ({count})",
        },
        "event_footer": {
            "en": "{kind} · event #{id} · change {sequence}",
            "de": "{kind} · Veranstaltung #{id} · Änderung {sequence}",
            "fr": "{kind} · événement #{id} · modification {sequence}",
            "it": "{kind} · evento #{id} · modifica {sequence}",
            "ru": "{kind} · мероприятие #{id} · изменение {sequence}",
        },
        "page_footer": {
            "en": "page {page} of {pages} · {total} events",
            "de": "Seite {page} von {pages} · Veranstaltungen: {total}",
            "fr": "page {page} sur {pages} · événements : {total}",
            "it": "pagina {page} di {pages} · eventi: {total}",
            "ru": "стр. {page} из {pages} · мероприятий: {total}",
        },
        "events_matching": {
            "en": "Events matching “{text}”",
            "de": "Veranstaltungen zu „{text}“",
            "fr": "Événements correspondant à « {text} »",
            "it": "Eventi che corrispondono a «{text}»",
            "ru": "Мероприятия по запросу «{text}»",
        },
        "no_match": {
            "en": "No event matches “{text}”; try fewer or other words.",
            "de": "Keine Veranstaltung passt zu „{text}“; versuchen Sie weniger oder andere Wörter.",
            "fr": "Aucun événement ne correspond à « {text} » ; essayez moins de mots ou d'autres.",
            "it": "Nessun evento corrisponde a «{text}»; prova con meno parole o con altre.",
            "ru": "По запросу «{text}» мероприятий нет; попробуйте меньше слов или другие слова.",
        },
        "none_upcoming": {
            "en": "No upcoming events",
            "de": "Keine kommenden Veranstaltungen",
            "fr": "Aucun événement à venir",
            "it": "Nessun evento in programma",
            "ru": "Предстоящих мероприятий нет",
        },
        "none_past": {
            "en": "No past events",
            "de": "Keine vergangenen Veranstaltungen",
            "fr": "Aucun événement passé",
            "it": "Nessun evento passato",
            "ru": "Прошедших мероприятий нет",
        },
        "none_all": {
            "en": "No events",
            "de": "Keine Veranstaltungen",
            "fr": "Aucun événement",
            "it": "Nessun evento",
            "ru": "Мероприятий нет",
        },
        "with_filters": {
            "en": "{text} with those filters.",
            "de": "{text} mit diesen Filtern.",
            "fr": "{text} avec ces filtres.",
            "it": "{text} con questi filtri.",
            "ru": "{text} с этими фильтрами.",
        },
        "cbms_footer": {
            "en": "/cbm number:N for one CBM · sources: {decisions}",
            "de": "/cbm number:N für eine VBM · Quellen: {decisions}",
            "fr": "/cbm number:N pour une MDC · sources : {decisions}",
            "it": "/cbm number:N per una MRF · fonti: {decisions}",
            "ru": "/cbm number:N — одна МД · источники: {decisions}",
        },
    }
)


# The command layer's refusals (bot/commands/base.py): options that do not fit, permissions, private commands.
MESSAGES.update(
    {
        "opt_role": {
            "en": "{name} must be a role (@role or its id), not {raw}",
            "de": "{name} muss eine Rolle sein (@Rolle oder ihre ID), nicht {raw}",
            "fr": "{name} doit être un rôle (@rôle ou son identifiant), pas {raw}",
            "it": "{name} deve essere un ruolo (@ruolo o il suo ID), non {raw}",
            "ru": "{name} — это роль (@роль или её ID), а не {raw}",
        },
        "opt_channel": {
            "en": "{name} must be a channel (#channel or its id), not {raw}",
            "de": "{name} muss ein Kanal sein (#Kanal oder seine ID), nicht {raw}",
            "fr": "{name} doit être un salon (#salon ou son identifiant), pas {raw}",
            "it": "{name} deve essere un canale (#canale o il suo ID), non {raw}",
            "ru": "{name} — это канал (#канал или его ID), а не {raw}",
        },
        "opt_user": {
            "en": "{name} must be a user (@user or their id), not {raw}",
            "de": "{name} muss ein Mitglied sein (@Mitglied oder seine ID), nicht {raw}",
            "fr": "{name} doit être un membre (@membre ou son identifiant), pas {raw}",
            "it": "{name} deve essere un utente (@utente o il suo ID), non {raw}",
            "ru": "{name} — это пользователь (@пользователь или его ID), а не {raw}",
        },
        "opt_bool": {
            "en": "{name} must be true or false, not {raw}",
            "de": "{name} muss true oder false sein, nicht {raw}",
            "fr": "{name} doit valoir true ou false, pas {raw}",
            "it": "{name} deve essere true o false, non {raw}",
            "ru": "{name} должно быть true или false, а не {raw}",
        },
        "opt_whole": {
            "en": "{name} must be a whole number, not {raw}",
            "de": "{name} muss eine ganze Zahl sein, nicht {raw}",
            "fr": "{name} doit être un nombre entier, pas {raw}",
            "it": "{name} deve essere un numero intero, non {raw}",
            "ru": "{name} должно быть целым числом, а не {raw}",
        },
        "opt_number": {
            "en": "{name} must be a number, not {raw}",
            "de": "{name} muss eine Zahl sein, nicht {raw}",
            "fr": "{name} doit être un nombre, pas {raw}",
            "it": "{name} deve essere un numero, non {raw}",
            "ru": "{name} должно быть числом, а не {raw}",
        },
        "opt_nan": {
            "en": "{name} must be a number",
            "de": "{name} muss eine Zahl sein",
            "fr": "{name} doit être un nombre",
            "it": "{name} deve essere un numero",
            "ru": "{name} должно быть числом",
        },
        "opt_choice": {
            "en": "{name} must be one of {choices}, not {raw}",
            "de": "{name} muss einer dieser Werte sein: {choices}, nicht {raw}",
            "fr": "{name} doit être l'une de ces valeurs : {choices}, pas {raw}",
            "it": "{name} deve essere uno di questi valori: {choices}, non {raw}",
            "ru": "{name} должно быть одним из значений: {choices}, а не {raw}",
        },
        "opt_not_id": {
            "en": "{name} is not a Discord id",
            "de": "{name} ist keine Discord-ID",
            "fr": "{name} n'est pas un identifiant Discord",
            "it": "{name} non è un ID Discord",
            "ru": "{name} — не ID Discord",
        },
        "opt_min": {
            "en": "{name} must be at least {limit}",
            "de": "{name} muss mindestens {limit} sein",
            "fr": "{name} doit valoir au moins {limit}",
            "it": "{name} deve essere almeno {limit}",
            "ru": "{name} должно быть не меньше {limit}",
        },
        "opt_max": {
            "en": "{name} must be at most {limit}",
            "de": "{name} darf höchstens {limit} sein",
            "fr": "{name} doit valoir au plus {limit}",
            "it": "{name} deve essere al massimo {limit}",
            "ru": "{name} должно быть не больше {limit}",
        },
        "opt_length": {
            "en": "{name} is {length} characters long; at most {limit} are allowed",
            "de": "{name} ist {length} Zeichen lang; höchstens {limit} sind erlaubt",
            "fr": "{name} compte {length} caractères ; {limit} au plus sont admis",
            "it": "{name} è lungo {length} caratteri; ne sono ammessi al massimo {limit}",
            "ru": "{name}: {length} знаков, а допускается не больше {limit}",
        },
        "opt_needed": {
            "en": "{command} needs {name}: usage {usage}",
            "de": "{command} braucht {name}: Aufruf {usage}",
            "fr": "{command} a besoin de {name} : usage {usage}",
            "it": "{command} richiede {name}: uso {usage}",
            "ru": "{command}: нужно указать {name}; вызов: {usage}",
        },
        "for_role": {
            "en": "{command} is for members with the {role} role",
            "de": "{command} ist Mitgliedern mit der Rolle {role} vorbehalten",
            "fr": "{command} est réservé aux membres ayant le rôle {role}",
            "it": "{command} è riservato ai membri con il ruolo {role}",
            "ru": "{command} доступна только участникам с ролью {role}",
        },
        "for_admins": {
            "en": "{command} is for admins",
            "de": "{command} ist Administratoren vorbehalten",
            "fr": "{command} est réservé aux administrateurs",
            "it": "{command} è riservato agli amministratori",
            "ru": "{command} доступна только администраторам",
        },
        "private_only": {
            "en": "{command} answers privately, so I do not run it from a message in a channel: use the "
            "slash command {command}, or send me a direct message",
            "de": "{command} antwortet privat, deshalb führe ich den Befehl nicht aus einer Nachricht in einem "
            "Kanal aus: Nutzen Sie den Slash-Befehl {command} oder schreiben Sie mir eine Direktnachricht",
            "fr": "{command} répond en privé, je ne l'exécute donc pas depuis un message dans un salon : "
            "utilisez la commande slash {command} ou envoyez-moi un message privé",
            "it": "{command} risponde in privato, quindi non lo eseguo da un messaggio in un canale: usa il "
            "comando slash {command} o mandami un messaggio diretto",
            "ru": "{command} отвечает лично, поэтому я не выполняю её из сообщения в канале: используйте "
            "слеш-команду {command} или напишите мне в личные сообщения",
        },
    }
)


def cbm_name(number: int | str, lang: str) -> str:
    """ "CBM 8", "VBM 8", "MDC 8", "MRF 8", "МД 8"."""
    return f"{ABBREVIATION.get(lang, 'CBM')} {number}"


def cbm_span(first: int, last: int, lang: str) -> str:
    """ "CBMs 1-11", "VBM 1-11", "MDC 1 à 11"…"""
    plural = {"en": "CBMs"}.get(lang, ABBREVIATION.get(lang, "CBM"))
    return f"{plural} {first}–{last}"


SOURCE_NAMES = {  # sources as stored (reference/faq.yaml) -> as a reader of each language says them
    "osce.org (participating States and Partners for Co-operation)": LABELS["source_osce_list"],
    "UN GGE report 2015": {
        "en": "UN GGE report 2015",
        "de": "Bericht der UN-GGE 2015",
        "fr": "rapport du GEG des Nations unies de 2015",
        "it": "rapporto del GGE delle Nazioni Unite del 2015",
        "ru": "доклад ГПЭ ООН 2015 года",
    },
    "UN Global PoC Directory 2024": {
        "en": "UN Global PoC Directory 2024",
        "de": "globales Kontaktstellenverzeichnis der UN 2024",
        "fr": "répertoire mondial des points de contact de l'ONU 2024",
        "it": "elenco globale dei punti di contatto dell'ONU 2024",
        "ru": "глобальный справочник контактных пунктов ООН 2024",
    },
}
_CBM_REF = re.compile(r"\bCBM (\d+)\b")


def shown_source(source: str, lang: str) -> str:
    """A stored source in the reader's language: "CBM 8 (PC.DEC/1106)" -> "VBM 8 (PC.DEC/1106)"."""
    names = SOURCE_NAMES.get(source)
    if names is not None:
        return names.get(lang) or names["en"]
    return _CBM_REF.sub(lambda m: cbm_name(m.group(1), lang), source)


def sentence(text: str) -> str:
    """``text`` as a sentence of its own: a capital first letter and a closing stop (messages also used
    inside other text, such as refusals, are written without them in English)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!…" else text + "."


def either(names: list[str], lang: str) -> str:
    """ "Malta or Albania", "Malta oder Albanien", "Malte ou Albanie" (CLDR list patterns)."""
    return format_list(names, style="or", locale=_locale(lang))


def language_name(of: str, lang: str) -> str:
    """The name of the language ``of`` in ``lang`` (CLDR): Englisch, anglais, английский; capitalised, as
    it stands alone as a field's name."""
    name = Locale.parse(_locale(lang)).languages.get(of, of)
    return name[:1].upper() + name[1:]


def kind_label(kind: str, lang: str) -> str:
    """The kind of an answer, for its footer."""
    if kind == "cbm":
        return ABBREVIATION.get(lang, "CBM")
    return label("unknown" if kind == "unknown" else f"kind_{kind}", lang)


def label(key: str, lang: str) -> str:
    return LABELS[key].get(lang) or LABELS[key]["en"]


TYPE_LABEL = {
    "technical": {
        "en": "Technical",
        "de": "Technische",
        "fr": "technique",
        "it": "tecnico",
        "ru": "Технический",
    },
    "policy": {"en": "Policy", "de": "Politische", "fr": "politique", "it": "politico", "ru": "Политический"},
}
TYPE_WORD = {  # inside "no … point of contact"
    "technical": {
        "en": "technical ",
        "de": "technische ",
        "fr": "technique ",
        "it": "tecnico ",
        "ru": "технического ",
    },
    "policy": {
        "en": "policy ",
        "de": "politische ",
        "fr": "politique ",
        "it": "politico ",
        "ru": "политического ",
    },
}


_DOUBLE_STOP = re.compile(r"(?<=\w)\.\.(?!\.)")


def message(key: str, lang: str, **values: object) -> str:
    texts = MESSAGES[key]
    # A value may end a sentence with its own full stop ("3 декабря 2013 г."): one stop, not two.
    return _DOUBLE_STOP.sub(".", (texts.get(lang) or texts["en"]).format(**values))


# Reminders (bot/commands/reminders.py, bot/reminders/)
MESSAGES.update(
    {
        # the commands' replies
        "reminder_set": {
            "en": "Reminder #{id} set",
            "de": "Erinnerung #{id} eingerichtet",
            "fr": "Rappel #{id} programmé",
            "it": "Promemoria #{id} impostato",
            "ru": "Напоминание #{id} создано",
        },
        "reminder_event_set": {
            "en": "I will send you a direct message {offsets} before event #{id} starts.",
            "de": "Ich schicke Ihnen {offsets} vor Beginn der Veranstaltung #{id} eine Direktnachricht.",
            "fr": "Je vous enverrai un message privé {offsets} avant le début de l'événement #{id}.",
            "it": "Ti invierò un messaggio diretto {offsets} prima dell'inizio dell'evento #{id}.",
            "ru": "Я пришлю вам личное сообщение за {offsets} до начала мероприятия #{id}.",
        },
        "reminder_me_set": {
            "en": "I will remind you {when}:",
            "de": "Ich erinnere Sie am {when}:",
            "fr": "Je vous le rappellerai le {when} :",
            "it": "Te lo ricorderò il {when}:",
            "ru": "Я пришлю вам напоминание ({when}):",
        },
        "reminder_footer": {
            "en": "{list} shows yours · {cancel} id:N removes one",
            "de": "{list} zeigt Ihre Erinnerungen · {cancel} id:N löscht eine",
            "fr": "{list} affiche vos rappels · {cancel} id:N en supprime un",
            "it": "{list} mostra i tuoi promemoria · {cancel} id:N ne elimina uno",
            "ru": "{list} — ваши напоминания · {cancel} id:N — удалить одно",
        },
        "reminder_footer_cancel": {
            "en": "{cancel} id:N removes one",
            "de": "{cancel} id:N löscht eine",
            "fr": "{cancel} id:N en supprime un",
            "it": "{cancel} id:N ne elimina uno",
            "ru": "{cancel} id:N — удалить одно",
        },
        "reminders_title": {
            "en": "Your reminders",
            "de": "Ihre Erinnerungen",
            "fr": "Vos rappels",
            "it": "I tuoi promemoria",
            "ru": "Ваши напоминания",
        },
        "reminders_none": {
            "en": "You have no reminders. Set one with {me} or {event}.",
            "de": "Sie haben keine Erinnerungen. Richten Sie eine mit {me} oder {event} ein.",
            "fr": "Vous n'avez aucun rappel. Créez-en un avec {me} ou {event}.",
            "it": "Non hai promemoria. Creane uno con {me} o {event}.",
            "ru": "У вас нет напоминаний. Создайте напоминание командой {me} или {event}.",
        },
        "reminder_line": {
            "en": "**#{id}** {what}\nnext: {next}",
            "de": "**#{id}** {what}\nals Nächstes: {next}",
            "fr": "**#{id}** {what}\nprochain envoi : {next}",
            "it": "**#{id}** {what}\nprossimo invio: {next}",
            "ru": "**#{id}** {what}\nследующее: {next}",
        },
        "reminder_nothing_waiting": {
            "en": "nothing waiting",
            "de": "nichts geplant",
            "fr": "rien en attente",
            "it": "niente in attesa",
            "ru": "ничего не запланировано",
        },
        "reminder_before_event": {
            "en": "{offsets} before #{id} {title}",
            "de": "{offsets} vor Beginn der Veranstaltung #{id} {title}",
            "fr": "{offsets} avant l'événement #{id} {title}",
            "it": "{offsets} prima dell'evento #{id} {title}",
            "ru": "за {offsets} до начала мероприятия #{id} {title}",
        },
        "reminder_before_follows": {
            "en": "{offsets} before every event you follow",
            "de": "{offsets} vor jeder Veranstaltung, der Sie folgen",
            "fr": "{offsets} avant chaque événement que vous suivez",
            "it": "{offsets} prima di ogni evento che segui",
            "ru": "за {offsets} до каждого мероприятия, за которым вы следите",
        },
        "reminder_cancelled": {
            "en": "Reminder #{id} is cancelled; nothing more will be sent for it.",
            "de": "Erinnerung #{id} ist gelöscht; dafür wird nichts mehr gesendet.",
            "fr": "Le rappel #{id} est annulé ; plus rien ne sera envoyé pour lui.",
            "it": "Il promemoria #{id} è annullato; non verrà inviato più nulla.",
            "ru": "Напоминание #{id} отменено; по нему больше ничего не придёт.",
        },
        "reminder_follows_off": {
            "en": "Done: no more reminders for the events you follow.",
            "de": "Erledigt: keine Erinnerungen mehr zu den Veranstaltungen, denen Sie folgen.",
            "fr": "C'est fait : plus de rappels pour les événements que vous suivez.",
            "it": "Fatto: niente più promemoria per gli eventi che segui.",
            "ru": "Готово: напоминаний о мероприятиях, за которыми вы следите, больше не будет.",
        },
        "reminder_follows_on": {
            "en": "Done: you will get a direct message {offsets} before every event you follow.",
            "de": "Erledigt: Sie bekommen {offsets} vor jeder Veranstaltung, der Sie folgen, eine Direktnachricht.",
            "fr": "C'est fait : vous recevrez un message privé {offsets} avant chaque événement que vous suivez.",
            "it": "Fatto: riceverai un messaggio diretto {offsets} prima di ogni evento che segui.",
            "ru": "Готово: вы будете получать личное сообщение за {offsets} до каждого мероприятия, за "
            "которым вы следите.",
        },
        "deadline_set": {
            "en": "The {deadline} deadline of event #{event} is {when}; guild reminder channels get reminders "
            "before it.",
            "de": "Die {deadline} der Veranstaltung #{event} endet am {when}; die Erinnerungskanäle der Server "
            "erhalten vorher Erinnerungen.",
            "fr": "La {deadline} de l'événement #{event} est fixée au {when} ; les canaux de rappels des "
            "serveurs reçoivent des rappels avant cette date.",
            "it": "La {deadline} dell'evento #{event} è fissata per il {when}; i canali promemoria dei server "
            "ricevono promemoria prima di allora.",
            "ru": "Установлен {deadline} мероприятия #{event}: {when}; каналы напоминаний серверов получат "
            "напоминания заранее.",
        },
        "deadline_cleared": {
            "en": "The {deadline} deadline of event #{event} is removed, with its waiting reminders.",
            "de": "Die {deadline} der Veranstaltung #{event} ist entfernt, samt ihren wartenden Erinnerungen.",
            "fr": "La {deadline} de l'événement #{event} est supprimée, avec ses rappels en attente.",
            "it": "La {deadline} dell'evento #{event} è stata rimossa, insieme ai promemoria in attesa.",
            "ru": "Снят {deadline} мероприятия #{event} вместе с ожидающими напоминаниями.",
        },
        # a deadline's kind (storage.models.DeadlineKind) where the messages name it
        "deadline_registration": {
            "en": "registration",
            "de": "Anmeldefrist",
            "fr": "date limite d'inscription",
            "it": "scadenza per l'iscrizione",
            "ru": "срок регистрации",
        },
        "deadline_nomination": {
            "en": "nomination",
            "de": "Nominierungsfrist",
            "fr": "date limite de désignation",
            "it": "scadenza per le designazioni",
            "ru": "срок выдвижения кандидатур",
        },
        "deadline_visa": {
            "en": "visa",
            "de": "Visumsfrist",
            "fr": "date limite de demande de visa",
            "it": "scadenza per il visto",
            "ru": "срок оформления визы",
        },
        # the direct messages the scheduler sends (bot/reminders/delivery.py)
        "reminder_yours": {
            "en": "Your reminder",
            "de": "Ihre Erinnerung",
            "fr": "Votre rappel",
            "it": "Il tuo promemoria",
            "ru": "Ваше напоминание",
        },
        "reminder_starts_in": {
            "en": "Starts in {left}",
            "de": "Noch {left} bis zum Beginn",
            "fr": "Début dans {left}",
            "it": "Inizia tra {left}",
            "ru": "Начало через {left}",
        },
        "reminder_starting_soon": {
            "en": "Starting soon",
            "de": "Beginnt bald",
            "fr": "Début imminent",
            "it": "Inizia a breve",
            "ru": "Скоро начало",
        },
        "reminder_starts": {
            "en": "**{event}** starts {when}",
            "de": "**{event}** – Beginn: {when}",
            "fr": "**{event}** – début : {when}",
            "it": "**{event}** – inizio: {when}",
            "ru": "**{event}** — начало: {when}",
        },
        "reminder_event_cancelled_title": {
            "en": "Cancelled",
            "de": "Abgesagt",
            "fr": "Annulé",
            "it": "Annullato",
            "ru": "Отменено",
        },
        "reminder_event_cancelled": {
            "en": "**{event}** has been cancelled. It was planned for {when}.{reason}",
            "de": "**{event}** wurde abgesagt. Geplant war: {when}.{reason}",
            "fr": "**{event}** a été annulé. Il était prévu le {when}.{reason}",
            "it": "**{event}** è stato annullato. Era previsto per il {when}.{reason}",
            "ru": "**{event}** отменено. Было запланировано: {when}.{reason}",
        },
        "reminder_cancel_reason": {
            "en": " Reason: {reason}",
            "de": " Grund: {reason}",
            "fr": " Motif : {reason}",
            "it": " Motivo: {reason}",
            "ru": " Причина: {reason}",
        },
        "reminder_late": {
            "en": "(Late: this was due {when}; the bot was not running then.)",
            "de": "(Verspätet: Diese Nachricht war für {when} vorgesehen; der Bot lief zu dieser Zeit nicht.)",
            "fr": "(En retard : ce message était prévu le {when} ; le bot ne fonctionnait pas à ce moment-là.)",
            "it": "(In ritardo: questo messaggio era previsto per il {when}; il bot non era attivo in quel momento.)",
            "ru": "(С опозданием: это сообщение должно было прийти {when}; в то время бот не работал.)",
        },
        # refusals (bot/errors.py: raised with these keys, said in the asker's language)
        "offset_unreadable": {
            "en": "cannot read the offset {text!r}: write it like 7d, 1d, 2h, 30m or 1d12h (w weeks, d days, "
            "h hours, m minutes)",
            "de": "Die Zeitangabe „{text}“ ist nicht lesbar: Schreiben Sie sie wie 7d, 1d, 2h, 30m oder 1d12h "
            "(w Wochen, d Tage, h Stunden, m Minuten)",
            "fr": "Je ne peux pas lire le délai « {text} » : écrivez-le comme 7d, 1d, 2h, 30m ou 1d12h "
            "(w semaines, d jours, h heures, m minutes)",
            "it": "Non riesco a leggere l'anticipo «{text}»: scrivilo come 7d, 1d, 2h, 30m o 1d12h "
            "(w settimane, d giorni, h ore, m minuti)",
            "ru": "Не удаётся прочитать интервал «{text}»: пишите его как 7d, 1d, 2h, 30m или 1d12h "
            "(w — недели, d — дни, h — часы, m — минуты)",
        },
        "offset_too_long": {
            "en": "the offset {text!r} is longer than a year; at most 366 days are allowed",
            "de": "Die Zeitangabe „{text}“ ist länger als ein Jahr; erlaubt sind höchstens 366 Tage",
            "fr": "Le délai « {text} » dépasse un an ; 366 jours au plus sont autorisés",
            "it": "L'anticipo «{text}» supera un anno; sono ammessi al massimo 366 giorni",
            "ru": "Интервал «{text}» больше года; допускается не более 366 дней",
        },
        "offset_zero": {
            "en": "the offset {text!r} is zero; give a time before the event such as 1h",
            "de": "Die Zeitangabe „{text}“ ist null; geben Sie eine Zeit vor der Veranstaltung an, etwa 1h",
            "fr": "Le délai « {text} » est nul ; indiquez un délai avant l'événement, par exemple 1h",
            "it": "L'anticipo «{text}» è zero; indica un tempo prima dell'evento, per esempio 1h",
            "ru": "Интервал «{text}» равен нулю; укажите время до мероприятия, например 1h",
        },
        "offsets_none": {
            "en": "give at least one offset, e.g. 7d,1d,1h",
            "de": "Geben Sie mindestens eine Zeitangabe an, z. B. 7d,1d,1h",
            "fr": "Indiquez au moins un délai, par exemple 7d,1d,1h",
            "it": "Indica almeno un anticipo, per esempio 7d,1d,1h",
            "ru": "Укажите хотя бы один интервал, например 7d,1d,1h",
        },
        "offsets_too_many": {
            "en": "{count} offsets given; at most 10 are allowed",
            "de": "{count} Zeitangaben angegeben; erlaubt sind höchstens 10",
            "fr": "{count} délais indiqués ; 10 au plus sont autorisés",
            "it": "{count} anticipi indicati; ne sono ammessi al massimo 10",
            "ru": "Указано интервалов: {count}; допускается не более 10",
        },
        "reminders_too_many": {
            "en": "you already have {count} reminders waiting; at most {most} are allowed (cancel one with "
            "/reminders cancel id:N)",
            "de": "Sie haben bereits {count} wartende Erinnerungen; erlaubt sind höchstens {most} (löschen Sie "
            "zuerst eine)",
            "fr": "Vous avez déjà {count} rappels en attente ; {most} au plus sont autorisés (annulez-en un "
            "d'abord)",
            "it": "Hai già {count} promemoria in attesa; ne sono ammessi al massimo {most} (annullane prima "
            "uno)",
            "ru": "У вас уже {count} ожидающих напоминаний; допускается не более {most} (сначала отмените "
            "одно из них)",
        },
        "reminder_no_event": {
            "en": "there is no event #{id}",
            "de": "Es gibt keine Veranstaltung #{id}",
            "fr": "Il n'y a pas d'événement #{id}",
            "it": "Non esiste l'evento #{id}",
            "ru": "Мероприятия #{id} нет",
        },
        "reminder_event_not_scheduled": {
            "en": "event #{id} is {status}; there is nothing to remind you of",
            "de": "Die Veranstaltung #{id} ist {status}; es gibt nichts, woran ich Sie erinnern könnte",
            "fr": "L'événement #{id} est {status} ; il n'y a rien à vous rappeler",
            "it": "L'evento #{id} è {status}; non c'è nulla da ricordarti",
            "ru": "Мероприятие #{id} {status}; напоминать не о чем",
        },
        "reminder_moment_passed": {
            "en": "that moment ({when}) has already passed; choose a shorter time before the event",
            "de": "Dieser Zeitpunkt ({when}) ist schon vorbei; wählen Sie eine kürzere Zeit vor der Veranstaltung",
            "fr": "Ce moment ({when}) est déjà passé ; choisissez un délai plus court avant l'événement",
            "it": "Quel momento ({when}) è già passato; scegli un anticipo più breve",
            "ru": "Этот момент ({when}) уже прошёл; выберите более короткий интервал до мероприятия",
        },
        "reminder_text_missing": {
            "en": "say what to remind you of: text:…",
            "de": "Sagen Sie, woran ich Sie erinnern soll: text:…",
            "fr": "Dites-moi de quoi vous le rappeler : text:…",
            "it": "Dimmi che cosa ricordarti: text:…",
            "ru": "Напишите, о чём напомнить: text:…",
        },
        "reminder_text_too_long": {
            "en": "the text is {length} characters long; at most {most} are allowed",
            "de": "Der Text ist {length} Zeichen lang; erlaubt sind höchstens {most}",
            "fr": "Le texte compte {length} caractères ; {most} au plus sont autorisés",
            "it": "Il testo è lungo {length} caratteri; ne sono ammessi al massimo {most}",
            "ru": "Длина текста — {length} символов; допускается не более {most}",
        },
        "reminder_note_too_long": {
            "en": "the note is {length} characters long; at most {most} are allowed",
            "de": "Die Notiz ist {length} Zeichen lang; erlaubt sind höchstens {most}",
            "fr": "La note compte {length} caractères ; {most} au plus sont autorisés",
            "it": "La nota è lunga {length} caratteri; ne sono ammessi al massimo {most}",
            "ru": "Длина заметки — {length} символов; допускается не более {most}",
        },
        "reminder_in_past": {
            "en": "{when} is in the past; give a time in the future",
            "de": "Dieser Zeitpunkt ({when}) liegt in der Vergangenheit; geben Sie einen Zeitpunkt in der Zukunft an",
            "fr": "Ce moment ({when}) est déjà passé ; indiquez un moment à venir",
            "it": "Quel momento ({when}) è già passato; indica un momento futuro",
            "ru": "Это время ({when}) уже в прошлом; укажите время в будущем",
        },
        "reminder_too_far": {
            "en": "that is more than a year ahead; reminders go at most 366 days ahead",
            "de": "Das ist mehr als ein Jahr im Voraus; Erinnerungen gehen höchstens 366 Tage im Voraus",
            "fr": "C'est dans plus d'un an ; les rappels vont au plus 366 jours à l'avance",
            "it": "È oltre un anno da oggi; i promemoria arrivano al massimo a 366 giorni",
            "ru": "Это больше чем через год; напоминания ставятся не более чем на 366 дней вперёд",
        },
        "reminder_not_yours": {
            "en": "you have no reminder #{id} (/reminders list shows yours)",
            "de": "Sie haben keine Erinnerung #{id}",
            "fr": "Vous n'avez pas de rappel #{id}",
            "it": "Non hai il promemoria #{id}",
            "ru": "У вас нет напоминания #{id}",
        },
        "reminder_of_the_guild": {
            "en": "reminder #{id} belongs to the guild's settings; change them with /settings reminders",
            "de": "Erinnerung #{id} gehört zu den Erinnerungseinstellungen des Servers; dort wird sie geändert",
            "fr": "Le rappel #{id} relève des paramètres de rappel du serveur ; c'est là qu'il se modifie",
            "it": "Il promemoria #{id} fa parte delle impostazioni dei promemoria del server; si modifica lì",
            "ru": "Напоминание #{id} относится к настройкам напоминаний сервера; меняйте его там",
        },
        "reminder_already_cancelled": {
            "en": "reminder #{id} is already cancelled",
            "de": "Erinnerung #{id} ist bereits gelöscht",
            "fr": "Le rappel #{id} est déjà annulé",
            "it": "Il promemoria #{id} è già annullato",
            "ru": "Напоминание #{id} уже отменено",
        },
        "deadline_in_past": {
            "en": "the deadline {when} is in the past",
            "de": "Die Frist ({when}) liegt in der Vergangenheit",
            "fr": "L'échéance ({when}) est déjà passée",
            "it": "La scadenza ({when}) è già passata",
            "ru": "Срок ({when}) уже прошёл",
        },
        "deadline_after_event": {
            "en": "the deadline is after the event ends",
            "de": "Die Frist endet erst nach der Veranstaltung",
            "fr": "L'échéance tombe après la fin de l'événement",
            "it": "La scadenza cade dopo la fine dell'evento",
            "ru": "Срок наступает после окончания мероприятия",
        },
        "deadline_none": {
            "en": "event #{event} has no {deadline} deadline",
            "de": "Die Veranstaltung #{event} hat keine {deadline}",
            "fr": "L'événement #{event} n'a pas de {deadline}",
            "it": "L'evento #{event} non ha una {deadline}",
            "ru": "У мероприятия #{event} не задан {deadline}",
        },
        # bot/timeutil.py parse_when: the examples of each language are words it reads
        "time_unreadable": {
            "en": "cannot read the {what} {text!r}: write it in ISO 8601 (2026-03-03T14:30, or 2026-03-03 for "
            "a whole day) or in words such as 'next tuesday 10:00', '3 March 14:30' or 'tomorrow'",
            "de": "„{text}“ ist als Zeitpunkt nicht lesbar: Schreiben Sie ihn in ISO 8601 (2026-03-03T14:30, "
            "oder 2026-03-03 für einen ganzen Tag) oder in Worten wie „morgen 9:00“, „3. März 14:30“ oder "
            "„morgen“",
            "fr": "Je ne peux pas lire le moment « {text} » : écrivez-le en ISO 8601 (2026-03-03T14:30, ou "
            "2026-03-03 pour une journée entière) ou en toutes lettres, par exemple « demain 9h00 », "
            "« 3 mars 14:30 » ou « demain »",
            "it": "Non riesco a leggere il momento «{text}»: scrivilo in ISO 8601 (2026-03-03T14:30, o "
            "2026-03-03 per un giorno intero) o a parole, per esempio «domani 9:00», «3 marzo 14:30» o "
            "«domani»",
            "ru": "Не удаётся прочитать время «{text}»: укажите его в формате ISO 8601 (2026-03-03T14:30 или "
            "2026-03-03 для целого дня) или словами, например «завтра 9:00», «3 марта 14:30» или «завтра»",
        },
    }
)

# How many weeks, days, hours or minutes, by CLDR plural category (Babel). Russian words are in the
# accusative, the case its messages need them in ("за 1 неделю", "через 21 минуту", "за 5 дней").
UNIT_WORDS: dict[str, dict[str, dict[str, str]]] = {
    "w": {
        "en": {"one": "week", "other": "weeks"},
        "de": {"one": "Woche", "other": "Wochen"},
        "fr": {"one": "semaine", "other": "semaines"},
        "it": {"one": "settimana", "other": "settimane"},
        "ru": {"one": "неделю", "few": "недели", "many": "недель", "other": "недели"},
    },
    "d": {
        "en": {"one": "day", "other": "days"},
        "de": {"one": "Tag", "other": "Tage"},
        "fr": {"one": "jour", "other": "jours"},
        "it": {"one": "giorno", "other": "giorni"},
        "ru": {"one": "день", "few": "дня", "many": "дней", "other": "дня"},
    },
    "h": {
        "en": {"one": "hour", "other": "hours"},
        "de": {"one": "Stunde", "other": "Stunden"},
        "fr": {"one": "heure", "other": "heures"},
        "it": {"one": "ora", "other": "ore"},
        "ru": {"one": "час", "few": "часа", "many": "часов", "other": "часа"},
    },
    "m": {
        "en": {"one": "minute", "other": "minutes"},
        "de": {"one": "Minute", "other": "Minuten"},
        "fr": {"one": "minute", "other": "minutes"},
        "it": {"one": "minuto", "other": "minuti"},
        "ru": {"one": "минуту", "few": "минуты", "many": "минут", "other": "минуты"},
    },
}


def count_of(number: int, unit: str, lang: str) -> str:
    """ "1 day", "2 Tage", "5 jours", "21 день", "2 дня", "5 дней": ``unit`` w, d, h or m."""
    words = UNIT_WORDS[unit].get(lang) or UNIT_WORDS[unit]["en"]
    category = Locale.parse(_locale(lang)).plural_form(number)
    return f"{number} {words.get(category) or words['other']}"


def duration(parts: list[tuple[int, str]], lang: str) -> str:
    """A span of (count, unit) parts, the empty ones left out: "1 day 2 hours", "1 Tag 2 Stunden"."""
    return " ".join(count_of(number, unit, lang) for number, unit in parts if number)


def durations(spans: list[str], lang: str) -> str:
    """Several spans one after the other: "7 days, 1 day" in English (as the commands always wrote it),
    a CLDR list elsewhere ("7 Tage, 1 Tag und 1 Stunde", "7 дней, 1 день и 1 час")."""
    return ", ".join(spans) if lang == "en" else format_list(spans, locale=_locale(lang))


def moment(value: dt.datetime, tz: ZoneInfo, lang: str) -> str:
    """A moment in ``tz`` as plain text: in English as it was always written ("Thu 3 Dec 2026, 09:00 CET"),
    in another language in its own words (CLDR: "3. Dezember 2026, 09:00 MEZ")."""
    return format_local(value, tz) if lang == "en" else local_time(value.astimezone(tz), lang)


def deadline_name(kind: str, lang: str) -> str:
    """A deadline's kind as the reminders' messages name it ("registration", "Anmeldefrist")."""
    key = f"deadline_{kind}"
    return message(key, lang) if key in MESSAGES else kind

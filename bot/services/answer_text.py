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
from babel.numbers import format_percent, get_decimal_symbol

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
    SET_WORDS,
    STATUS,
    STATUS_NOUNS,
    STATUS_PAIRS,
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
    "SET_WORDS",
    "STATUS",
    "STATUS_NOUNS",
    "STATUS_PAIRS",
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


_BARE_OFFSET = re.compile(r"([+-])(\d\d)(\d\d)$")


def local_time(value: dt.datetime, lang: str) -> str:
    """A wall-clock moment (already in the venue's zone) in the reader's language, with its zone: its
    abbreviation where the language has one (MEZ, CET), else its offset as people write it ("UTC+1", where
    CLDR's French and Russian give a bare "+0100")."""
    text = format_datetime(value, "long", locale=_locale(lang)).replace(":00 ", " ", 1)

    def offset(found: re.Match[str]) -> str:
        minutes = "" if found[3] == "00" else f":{found[3]}"
        return f"UTC{found[1]}{int(found[2])}{minutes}"

    return _BARE_OFFSET.sub(offset, text)


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
    "no_such_country": {
        "en": "No such state or partner",
        "de": "Kein solcher Staat oder Partner",
        "fr": "Ni État ni partenaire",
        "it": "Nessuno Stato o partner con questo nome",
        "ru": "Нет такого государства или партнёра",
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
        "ask_status": {
            "en": 'Ask about one of them by name, e.g. "Is Japan a participating State?"',
            "de": "Fragen Sie nach einem von ihnen mit seinem Namen, etwa: „Ist die Schweiz ein Teilnehmerstaat?“",
            "fr": "Posez la question pour l'un d'eux, par son nom : « La France est-elle un État participant ? »",
            "it": "Chiedi di uno di loro per nome, ad esempio: «L'Italia è uno Stato partecipante?»",
            "ru": "Спросите о любом из них по названию, например: «Япония — государство-участник?»",
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


# Refusals of the events, times, text, feeds, knowledge and contacts services (bot/services/events.py,
# bot/timeutil.py, bot/services/text_rule.py, feeds.py, knowledge.py, contacts.py and their commands).
# Option names (title, start, end, month, limit, verified...) and values typed stay as they were typed.
MESSAGES.update(
    {
        # bot/services/text_rule.py: {what} names the field as the English does (title, description, URL...)
        "text_nul": {
            "en": "the {what} contains a NUL character (U+0000), which is not allowed",
            "de": "Das Feld {what} enthält ein NUL-Zeichen (U+0000); das ist nicht erlaubt",
            "fr": "Le champ {what} contient un caractère NUL (U+0000), ce qui n'est pas admis",
            "it": "Il campo {what} contiene un carattere NUL (U+0000), che non è ammesso",
            "ru": "Поле {what} содержит символ NUL (U+0000), а он недопустим",
        },
        "text_empty": {
            "en": "the {what} is empty",
            "de": "Das Feld {what} ist leer",
            "fr": "Le champ {what} est vide",
            "it": "Il campo {what} è vuoto",
            "ru": "Поле {what} пустое",
        },
        "text_too_long": {
            "en": "the {what} is {length} characters long; at most {limit} are allowed",
            "de": "Das Feld {what} ist {length} Zeichen lang; erlaubt sind höchstens {limit}",
            "fr": "Le champ {what} compte {length} caractères ; {limit} au plus sont admis",
            "it": "Il campo {what} è lungo {length} caratteri; ne sono ammessi al massimo {limit}",
            "ru": "Поле {what} слишком длинное (знаков: {length}); допускается не более {limit}",
        },
        "url_bad_character": {
            "en": "the {what} contains whitespace or a control character (U+{code}) at position {position}; "
            "write spaces as %20",
            "de": "Die URL enthält an Position {position} ein Leer- oder Steuerzeichen (U+{code}); schreiben "
            "Sie Leerzeichen als %20",
            "fr": "L'URL contient une espace ou un caractère de contrôle (U+{code}) en position {position} ; "
            "écrivez les espaces sous la forme %20",
            "it": "L'URL contiene uno spazio o un carattere di controllo (U+{code}) in posizione {position}; "
            "scrivi gli spazi come %20",
            "ru": "В URL на позиции {position} стоит пробел или управляющий символ (U+{code}); записывайте "
            "пробелы как %20",
        },
        "url_bad": {
            "en": "the {what} {raw} must start with http:// or https:// and name a host",
            "de": "Die URL „{url}“ muss mit http:// oder https:// beginnen und einen Host nennen",
            "fr": "L'URL « {url} » doit commencer par http:// ou https:// et indiquer un hôte",
            "it": "L'URL «{url}» deve iniziare con http:// o https:// e indicare un host",
            "ru": "URL «{url}» должен начинаться с http:// или https:// и содержать имя хоста",
        },
        "number_digits": {
            "en": "{what} must be a number written with the digits 0-9, not {raw}",
            "de": "{what} muss eine Zahl aus den Ziffern 0–9 sein, nicht „{shown}“",
            "fr": "{what} doit être un nombre écrit avec les chiffres 0 à 9, pas « {shown} »",
            "it": "{what} deve essere un numero scritto con le cifre 0-9, non «{shown}»",
            "ru": "{what}: нужно число, записанное цифрами 0–9, а не «{shown}»",
        },
        # bot/timeutil.py
        "zone_unknown": {
            "en": "unknown time zone {raw}: use an IANA name such as Europe/Vienna or UTC",
            "de": "Unbekannte Zeitzone „{name}“: Verwenden Sie einen IANA-Namen wie Europe/Vienna oder UTC",
            "fr": "Fuseau horaire « {name} » inconnu : utilisez un nom IANA tel que Europe/Vienna ou UTC",
            "it": "Fuso orario «{name}» sconosciuto: usa un nome IANA come Europe/Vienna o UTC",
            "ru": "Неизвестный часовой пояс «{name}»: укажите название IANA, например Europe/Vienna или UTC",
        },
        "dst_gap": {
            "en": "{label} does not exist in {zone}: the clocks jump forward then (daylight saving); choose "
            "another time or give an explicit offset",
            "de": "{label} gibt es in {zone} nicht: Dann werden die Uhren vorgestellt (Sommerzeit); wählen "
            "Sie eine andere Uhrzeit oder geben Sie den UTC-Versatz ausdrücklich an",
            "fr": "{label} n'existe pas dans le fuseau {zone} : les horloges avancent à ce moment-là (heure "
            "d'été) ; choisissez une autre heure ou indiquez explicitement le décalage horaire",
            "it": "{label} non esiste nel fuso {zone}: in quel momento gli orologi vanno avanti (ora legale); "
            "scegli un altro orario o indica esplicitamente la differenza da UTC",
            "ru": "{label} в поясе {zone} не бывает: в это время часы переводят вперёд (летнее время); "
            "выберите другое время или явно укажите смещение от UTC",
        },
        "dst_twice": {
            "en": "{label} happens twice in {zone}: the clocks go back then (daylight saving); add the offset "
            "you mean, {first} or {second}",
            "de": "{label} kommt in {zone} zweimal vor: Dann werden die Uhren zurückgestellt (Ende der "
            "Sommerzeit); geben Sie den gemeinten UTC-Versatz an, {first} oder {second}",
            "fr": "{label} existe deux fois dans le fuseau {zone} : les horloges reculent à ce moment-là (fin "
            "de l'heure d'été) ; ajoutez le décalage voulu, {first} ou {second}",
            "it": "{label} capita due volte nel fuso {zone}: in quel momento gli orologi tornano indietro "
            "(fine dell'ora legale); aggiungi la differenza da UTC che intendi, {first} o {second}",
            "ru": "{label} в поясе {zone} наступает дважды: в это время часы переводят назад (конец летнего "
            "времени); добавьте нужное смещение от UTC: {first} или {second}",
        },
        "year_outside": {
            "en": "{what} {value} is outside the years {first}-{last}",
            "de": "{what} {value} liegt außerhalb der Jahre {first}–{last}",
            "fr": "{what} {value} sort de la plage des années {first} à {last}",
            "it": "{what} {value} è fuori dagli anni {first}-{last}",
            "ru": "{what} {value}: год должен быть от {first} до {last}",
        },
        "iso_invalid": {
            "en": "{what} {raw} is not a valid ISO 8601 date or date-time (e.g. 2026-03-03T14:30)",
            "de": "{what} „{text}“ ist kein gültiges Datum und keine gültige Datums-Uhrzeit nach ISO 8601 "
            "(z. B. 2026-03-03T14:30)",
            "fr": "{what} « {text} » n'est ni une date ni une date-heure ISO 8601 valide (par exemple "
            "2026-03-03T14:30)",
            "it": "{what} «{text}» non è una data o una data e ora ISO 8601 valida (ad esempio "
            "2026-03-03T14:30)",
            "ru": "{what} «{text}» — не дата и не дата со временем в формате ISO 8601 (например, "
            "2026-03-03T14:30)",
        },
        "span_mixed": {
            "en": "start and end must both be dates (all-day) or both be date-times",
            "de": "start und end müssen entweder beide ein Datum (ganztägig) oder beide ein Datum mit "
            "Uhrzeit sein",
            "fr": "start et end doivent être soit deux dates (journée entière), soit deux dates avec heure",
            "it": "start ed end devono essere entrambi date (tutto il giorno) o entrambi date con ora",
            "ru": "start и end должны быть либо оба датами (на весь день), либо оба датами со временем",
        },
        "end_before_start": {
            "en": "the end {end} is before the start {start}",
            "de": "Das Ende ({end}) liegt vor dem Beginn ({start})",
            "fr": "La fin ({end}) précède le début ({start})",
            "it": "La fine ({end}) viene prima dell'inizio ({start})",
            "ru": "Окончание ({end}) раньше начала ({start})",
        },
        "time_names_month": {
            "en": "the {what} {raw} names a month, not a day: give the day too",
            "de": "„{text}“ nennt einen Monat, keinen Tag: Geben Sie auch den Tag an",
            "fr": "« {text} » désigne un mois, pas un jour : précisez aussi le jour",
            "it": "«{text}» indica un mese, non un giorno: aggiungi anche il giorno",
            "ru": "«{text}» — это месяц, а не день: укажите и день",
        },
        "time_names_year": {
            "en": "the {what} {raw} names a year, not a day: give the day too",
            "de": "„{text}“ nennt ein Jahr, keinen Tag: Geben Sie auch den Tag an",
            "fr": "« {text} » désigne une année, pas un jour : précisez aussi le jour",
            "it": "«{text}» indica un anno, non un giorno: aggiungi anche il giorno",
            "ru": "«{text}» — это год, а не день: укажите и день",
        },
        "end_not_clock": {
            "en": "the end {raw} is not a time of day",
            "de": "Das Ende „{text}“ ist keine gültige Uhrzeit",
            "fr": "La fin « {text} » n'est pas une heure valide",
            "it": "La fine «{text}» non è un orario valido",
            "ru": "Окончание «{text}» — не время суток",
        },
        # bot/services/events.py, bot/commands/events.py
        "kind_unknown": {
            "en": "unknown kind {raw}: use one of {kinds}",
            "de": "Unbekannte Veranstaltungsart „{value}“: Möglich sind {kinds}",
            "fr": "Type d'événement « {value} » inconnu : choisissez parmi {kinds}",
            "it": "Tipo di evento «{value}» sconosciuto: scegli tra {kinds}",
            "ru": "Неизвестный вид мероприятия «{value}»: укажите один из вариантов {kinds}",
        },
        "cbm_unknown": {
            "en": "unknown CBM {numbers}: the CBMs are numbered 1 to {last}",
            "de": "Unbekannte VBM-Nummer: {numbers}; die VBM sind von 1 bis {last} nummeriert",
            "fr": "Numéro de MDC inconnu : {numbers} ; les MDC sont numérotées de 1 à {last}",
            "it": "Numero di MRF sconosciuto: {numbers}; le MRF sono numerate da 1 a {last}",
            "ru": "Неизвестный номер МД: {numbers}; МД пронумерованы от 1 до {last}",
        },
        "cbm_unknown_unloaded": {
            "en": "unknown CBM {numbers}: the CBMs are numbered not loaded yet (run `cbmbot seed`)",
            "de": "Unbekannte VBM-Nummer: {numbers}; die VBM sind noch nicht geladen (führen Sie "
            "`cbmbot seed` aus)",
            "fr": "Numéro de MDC inconnu : {numbers} ; les MDC ne sont pas encore chargées (lancez "
            "`cbmbot seed`)",
            "it": "Numero di MRF sconosciuto: {numbers}; le MRF non sono ancora caricate (esegui "
            "`cbmbot seed`)",
            "ru": "Неизвестный номер МД: {numbers}; МД ещё не загружены (выполните `cbmbot seed`)",
        },
        "event_already_cancelled": {
            "en": "event #{id} is already cancelled",
            "de": "Die Veranstaltung #{id} ist bereits abgesagt",
            "fr": "L'événement #{id} est déjà annulé",
            "it": "L'evento #{id} è già annullato",
            "ru": "Мероприятие #{id} уже отменено",
        },
        "event_already_postponed": {
            "en": "event #{id} is already postponed",
            "de": "Die Veranstaltung #{id} ist bereits verschoben",
            "fr": "L'événement #{id} est déjà reporté",
            "it": "L'evento #{id} è già rinviato",
            "ru": "Мероприятие #{id} уже перенесено",
        },
        "event_already_scheduled": {
            "en": "event #{id} is already scheduled",
            "de": "Die Veranstaltung #{id} findet bereits wie geplant statt",
            "fr": "L'événement #{id} est déjà maintenu comme prévu",
            "it": "L'evento #{id} è già in programma",
            "ru": "Мероприятие #{id} уже проходит по плану",
        },
        "pages_start": {
            "en": "page numbers start at 1",
            "de": "Die Seiten sind ab 1 nummeriert",
            "fr": "Les pages sont numérotées à partir de 1",
            "it": "Le pagine sono numerate a partire da 1",
            "ru": "Страницы нумеруются с 1",
        },
        "pages_only": {
            "en": "there are only {pages} pages",
            "de": "Die letzte Seite ist Seite {pages}",
            "fr": "La dernière page est la page {pages}",
            "it": "L'ultima pagina è la {pages}",
            "ru": "Последняя страница — {pages}",
        },
        "month_range": {
            "en": "month must be 1 to 12, not {month}",
            "de": "month muss zwischen 1 und 12 liegen, nicht {month}",
            "fr": "month doit être compris entre 1 et 12, pas {month}",
            "it": "month deve essere tra 1 e 12, non {month}",
            "ru": "month должно быть от 1 до 12, а не {month}",
        },
        "fields_not_editable": {
            "en": "cannot change {fields}: the fields are {editable}",
            "de": "{fields} lässt sich nicht ändern; änderbar sind {editable}",
            "fr": "Impossible de modifier {fields} : les champs modifiables sont {editable}",
            "it": "Non si può modificare {fields}: i campi modificabili sono {editable}",
            "ru": "Нельзя изменить {fields}: изменяемые поля — {editable}",
        },
        "event_edit_nothing": {
            "en": "say what to change, e.g. title:… or start:…",
            "de": "Geben Sie an, was geändert werden soll, z. B. title:… oder start:…",
            "fr": "Indiquez ce qu'il faut modifier, par exemple title:… ou start:…",
            "it": "Indica cosa modificare, ad esempio title:… o start:…",
            "ru": "Укажите, что изменить, например title:… или start:…",
        },
        "event_unchanged": {
            "en": "nothing changed: event #{id} already has those values",
            "de": "Nichts geändert: Die Veranstaltung #{id} hat diese Werte bereits",
            "fr": "Rien n'a changé : l'événement #{id} a déjà ces valeurs",
            "it": "Nessuna modifica: l'evento #{id} ha già questi valori",
            "ru": "Ничего не изменилось: у мероприятия #{id} уже эти значения",
        },
        "participants_none": {
            "en": "give add:… or remove:… (country names, separated by commas)",
            "de": "Geben Sie add:… oder remove:… an (Ländernamen, durch Kommas getrennt)",
            "fr": "Indiquez add:… ou remove:… (noms de pays séparés par des virgules)",
            "it": "Indica add:… o remove:… (nomi di paesi separati da virgole)",
            "ru": "Укажите add:… или remove:… (названия стран через запятую)",
        },
        "participants_both": {
            "en": "a country cannot be added and removed at once",
            "de": "Ein Staat kann nicht zugleich hinzugefügt und entfernt werden",
            "fr": "Un pays ne peut pas être ajouté et retiré à la fois",
            "it": "Un paese non può essere aggiunto e rimosso nello stesso momento",
            "ru": "Нельзя одновременно добавить и убрать одну и ту же страну",
        },
        "participants_unchanged": {
            "en": "nothing changed: {notes}",
            "de": "Nichts geändert: {notes}",
            "fr": "Rien n'a changé : {notes}",
            "it": "Nessuna modifica: {notes}",
            "ru": "Ничего не изменилось: {notes}",
        },
        "takes_part_already": {
            "en": "{name} already takes part",
            "de": "{name} nimmt bereits teil",
            "fr": "{name} participe déjà",
            "it": "{name} partecipa già",
            "ru": "{name} уже участвует",
        },
        "takes_part_not": {
            "en": "{name} does not take part",
            "de": "{name} nimmt nicht teil",
            "fr": "{name} ne participe pas",
            "it": "{name} non partecipa",
            "ru": "{name} не участвует",
        },
        "search_no_words": {
            "en": "give a word to search for (at least two letters)",
            "de": "Geben Sie ein Suchwort an (mindestens zwei Buchstaben)",
            "fr": "Indiquez un mot à rechercher (au moins deux lettres)",
            "it": "Indica una parola da cercare (almeno due lettere)",
            "ru": "Укажите слово для поиска (не короче двух букв)",
        },
        "cbms_option_bad": {
            "en": "cbms must be CBM numbers separated by commas (e.g. 3, 8), not {raw}",
            "de": "cbms muss VBM-Nummern enthalten, durch Kommas getrennt (z. B. 3, 8), nicht „{part}“",
            "fr": "cbms doit contenir des numéros de MDC séparés par des virgules (par exemple 3, 8), pas "
            "« {part} »",
            "it": "cbms deve contenere numeri di MRF separati da virgole (ad esempio 3, 8), non «{part}»",
            "ru": "В cbms нужны номера МД через запятую (например, 3, 8), а не «{part}»",
        },
        "option_not_clearable": {
            "en": "{name} cannot be cleared, only changed",
            "de": "{name} lässt sich nicht leeren, nur ändern",
            "fr": "{name} ne peut pas être vidé, seulement modifié",
            "it": "{name} non può essere svuotato, solo modificato",
            "ru": "{name} нельзя очистить, только изменить",
        },
        # bot/services/feeds.py
        "feed_no_year": {
            "en": "event #{id} has no confirmed year, so it is not published as iCalendar",
            "de": "Bei der Veranstaltung #{id} ist das Jahr nicht bestätigt, deshalb wird sie nicht als "
            "iCalendar veröffentlicht",
            "fr": "L'année de l'événement #{id} n'est pas confirmée : il n'est donc pas publié en iCalendar",
            "it": "L'anno dell'evento #{id} non è confermato, quindi non viene pubblicato in iCalendar",
            "ru": "Год мероприятия #{id} не подтверждён, поэтому оно не публикуется в формате iCalendar",
        },
        # bot/services/knowledge.py
        "cbms_not_loaded": {
            "en": "the CBMs are not loaded yet: run `cbmbot seed`",
            "de": "Die VBM sind noch nicht geladen: Führen Sie `cbmbot seed` aus",
            "fr": "Les MDC ne sont pas encore chargées : lancez `cbmbot seed`",
            "it": "Le MRF non sono ancora caricate: esegui `cbmbot seed`",
            "ru": "МД ещё не загружены: выполните `cbmbot seed`",
        },
        "cbm_missing": {
            "en": "there is no CBM {number}: the OSCE has agreed {count} cyber/ICT CBMs, 1 to {count}",
            "de": "Es gibt keine VBM {number}: Die OSZE hat {count} VBM zu Cyber/IKT vereinbart, 1 bis {count}",
            "fr": "Il n'y a pas de MDC {number} : l'OSCE a adopté {count} MDC cyber/TIC, de 1 à {count}",
            "it": "Non esiste la MRF {number}: l'OSCE ha concordato {count} MRF in materia di cyber/TIC, da 1 "
            "a {count}",
            "ru": "МД {number} нет: ОБСЕ согласовала {count} МД в сфере кибербезопасности и ИКТ, с 1 по "
            "{count}",
        },
        "country_name_needed": {
            "en": "give a country name",
            "de": "Geben Sie den Namen eines Staates an",
            "fr": "Indiquez le nom d'un pays",
            "it": "Indica il nome di un paese",
            "ru": "Укажите название страны",
        },
        "countries_not_loaded": {
            "en": "the countries are not loaded yet: run `cbmbot seed`",
            "de": "Die Staaten sind noch nicht geladen: Führen Sie `cbmbot seed` aus",
            "fr": "Les pays ne sont pas encore chargés : lancez `cbmbot seed`",
            "it": "I paesi non sono ancora caricati: esegui `cbmbot seed`",
            "ru": "Страны ещё не загружены: выполните `cbmbot seed`",
        },
        "country_problems": {  # the refusals of several names, each said in the reader's language
            "en": "{problems}",
        },
        # bot/services/contacts.py
        "contact_type_unknown": {
            "en": "unknown contact type {raw}: use policy or technical",
            "de": "Unbekannte Art der Kontaktstelle „{value}“: Verwenden Sie policy oder technical",
            "fr": "Type de contact « {value} » inconnu : utilisez policy ou technical",
            "it": "Tipo di contatto «{value}» sconosciuto: usa policy o technical",
            "ru": "Неизвестный тип контакта «{value}»: укажите policy или technical",
        },
        "email_invalid": {
            "en": "{raw} is not an email address",
            "de": "„{value}“ ist keine E-Mail-Adresse",
            "fr": "« {value} » n'est pas une adresse e-mail",
            "it": "«{value}» non è un indirizzo email",
            "ru": "«{value}» — не адрес электронной почты",
        },
        "phone_invalid": {
            "en": "{raw} is not a phone number (digits, spaces and an optional leading +)",
            "de": "„{value}“ ist keine Telefonnummer (Ziffern, Leerzeichen und wahlweise ein + am Anfang)",
            "fr": "« {value} » n'est pas un numéro de téléphone (chiffres, espaces et éventuellement un + au "
            "début)",
            "it": "«{value}» non è un numero di telefono (cifre, spazi ed eventualmente un + iniziale)",
            "ru": "«{value}» — не номер телефона (допустимы цифры, пробелы и + в начале)",
        },
        "discord_id_invalid": {
            "en": "a Discord user id is a positive number",
            "de": "Eine Discord-Benutzer-ID ist eine positive Zahl",
            "fr": "Un identifiant d'utilisateur Discord est un nombre positif",
            "it": "L'ID utente di Discord è un numero positivo",
            "ru": "ID пользователя Discord — положительное число",
        },
        "contacts_for_directory": {
            "en": "contact details are shown only to members with the directory role",
            "de": "Kontaktdaten werden nur Mitgliedern mit der Rolle directory angezeigt",
            "fr": "Les coordonnées ne sont montrées qu'aux membres ayant le rôle directory",
            "it": "I recapiti sono visibili solo ai membri con il ruolo directory",
            "ru": "Контактные данные видны только участникам с ролью directory",
        },
        "contacts_for_admins": {
            "en": "changing the points of contact directory is for admins",
            "de": "Das Verzeichnis der Kontaktstellen können nur Administratoren ändern",
            "fr": "Seuls les administrateurs peuvent modifier l'annuaire des points de contact",
            "it": "Solo gli amministratori possono modificare l'elenco dei punti di contatto",
            "ru": "Изменять справочник контактных пунктов могут только администраторы",
        },
        "contact_edit_nothing": {
            "en": "say what to change: {fields}",
            "de": "Geben Sie an, was geändert werden soll: {fields}",
            "fr": "Indiquez ce qu'il faut modifier : {fields}",
            "it": "Indica cosa modificare: {fields}",
            "ru": "Укажите, что изменить: {fields}",
        },
        "contact_missing": {
            "en": "there is no contact #{id}",
            "de": "Es gibt keine Kontaktstelle #{id}",
            "fr": "Il n'y a pas de contact #{id}",
            "it": "Non esiste il contatto #{id}",
            "ru": "Контакта #{id} нет",
        },
        "audit_limit": {
            "en": "limit must be between 1 and 200",
            "de": "limit muss zwischen 1 und 200 liegen",
            "fr": "limit doit être compris entre 1 et 200",
            "it": "limit deve essere tra 1 e 200",
            "ru": "limit должно быть от 1 до 200",
        },
        "verified_invalid": {
            "en": "verified must be a date (YYYY-MM-DD) or today, not {raw}",
            "de": "verified muss ein Datum (JJJJ-MM-TT) oder today sein, nicht „{value}“",
            "fr": "verified doit être une date (AAAA-MM-JJ) ou today, pas « {value} »",
            "it": "verified deve essere una data (AAAA-MM-GG) o today, non «{value}»",
            "ru": "verified должно быть датой (ГГГГ-ММ-ДД) или today, а не «{value}»",
        },
        "verified_future": {
            "en": "verified cannot be in the future",
            "de": "verified darf nicht in der Zukunft liegen",
            "fr": "verified ne peut pas être dans le futur",
            "it": "verified non può essere nel futuro",
            "ru": "verified не может быть в будущем",
        },
    }
)


# Replies of the organisers' event commands and of following (bot/commands/events.py).
MESSAGES.update(
    {
        "event_added": {
            "en": "Added event #{id}.",
            "de": "Veranstaltung #{id} hinzugefügt.",
            "fr": "Événement n° {id} ajouté.",
            "it": "Evento n. {id} aggiunto.",
            "ru": "Мероприятие № {id} добавлено.",
        },
        "event_changed": {
            "en": "Changed {labels} of event #{id} (change {sequence}).",
            "de": "Geändert bei Veranstaltung #{id}: {labels} (Änderung {sequence}).",
            "fr": "Événement n° {id} modifié : {labels} (modification {sequence}).",
            "it": "Evento n. {id} modificato: {labels} (modifica {sequence}).",
            "ru": "Мероприятие № {id} изменено: {labels} (изменение {sequence}).",
        },
        "event_cancelled": {
            "en": "Event #{id} is cancelled.",
            "de": "Veranstaltung #{id} ist abgesagt.",
            "fr": "L'événement n° {id} est annulé.",
            "it": "L'evento n. {id} è annullato.",
            "ru": "Мероприятие № {id} отменено.",
        },
        "event_reason": {
            "en": "Reason: {reason}",
            "de": "Grund: {reason}",
            "fr": "Motif : {reason}",
            "it": "Motivo: {reason}",
            "ru": "Причина: {reason}",
        },
        "event_postponed": {
            "en": "Event #{id} is postponed; {edit} sets its new dates, {restore} ends this.",
            "de": "Veranstaltung #{id} ist verschoben; {edit} setzt die neuen Termine, {restore} hebt das auf.",
            "fr": "L'événement n° {id} est reporté ; {edit} fixe ses nouvelles dates, {restore} lève le report.",
            "it": "L'evento n. {id} è rinviato; {edit} ne fissa le nuove date, {restore} annulla il rinvio.",
            "ru": "Мероприятие № {id} перенесено; {edit} задаёт новые даты, {restore} отменяет перенос.",
        },
        "event_restored": {
            "en": "Event #{id} is scheduled again.",
            "de": "Veranstaltung #{id} ist wieder geplant.",
            "fr": "L'événement n° {id} est de nouveau prévu.",
            "it": "L'evento n. {id} è di nuovo in programma.",
            "ru": "Мероприятие № {id} снова запланировано.",
        },
        "participants_added": {
            "en": "added {names}",
            "de": "hinzugefügt: {names}",
            "fr": "ajoutés : {names}",
            "it": "aggiunti: {names}",
            "ru": "добавлены: {names}",
        },
        "participants_removed": {
            "en": "removed {names}",
            "de": "entfernt: {names}",
            "fr": "retirés : {names}",
            "it": "rimossi: {names}",
            "ru": "удалены: {names}",
        },
        "participants_changed": {
            "en": "Event #{id}: {parts}. {count} taking part now.",
            "de": "Veranstaltung #{id}: {parts}. Teilnehmende Staaten jetzt: {count}.",
            "fr": "Événement n° {id} : {parts}. États participants désormais : {count}.",
            "it": "Evento n. {id}: {parts}. Stati partecipanti ora: {count}.",
            "ru": "Мероприятие № {id}: {parts}. Теперь участвующих государств: {count}.",
        },
        "follow_new": {
            "en": "You now follow event #{id}, {title}.",
            "de": "Sie folgen jetzt der Veranstaltung #{id}, {title}.",
            "fr": "Vous suivez désormais l'événement n° {id}, {title}.",
            "it": "Ora segui l'evento n. {id}, {title}.",
            "ru": "Вы теперь следите за мероприятием № {id}, {title}.",
        },
        "follow_already": {
            "en": "You already follow event #{id}, {title}.",
            "de": "Sie folgen der Veranstaltung #{id} bereits, {title}.",
            "fr": "Vous suivez déjà l'événement n° {id}, {title}.",
            "it": "Segui già l'evento n. {id}, {title}.",
            "ru": "Вы уже следите за мероприятием № {id}, {title}.",
        },
        "unfollow_not": {
            "en": "You do not follow event #{id}.",
            "de": "Sie folgen der Veranstaltung #{id} nicht.",
            "fr": "Vous ne suivez pas l'événement n° {id}.",
            "it": "Non segui l'evento n. {id}.",
            "ru": "Вы не следите за мероприятием № {id}.",
        },
        "unfollow_done": {
            "en": "You no longer follow event #{id}, {title}.",
            "de": "Sie folgen der Veranstaltung #{id} nicht mehr, {title}.",
            "fr": "Vous ne suivez plus l'événement n° {id}, {title}.",
            "it": "Non segui più l'evento n. {id}, {title}.",
            "ru": "Вы больше не следите за мероприятием № {id}, {title}.",
        },
        "following_title": {
            "en": "Events you follow",
            "de": "Veranstaltungen, denen Sie folgen",
            "fr": "Événements que vous suivez",
            "it": "Eventi che segui",
            "ru": "Мероприятия, за которыми вы следите",
        },
        "following_none": {
            "en": "You follow no events; {follow} id:N adds one.",
            "de": "Sie folgen keiner Veranstaltung; {follow} id:N fügt eine hinzu.",
            "fr": "Vous ne suivez aucun événement ; {follow} id:N en ajoute un.",
            "it": "Non segui alcun evento; {follow} id:N ne aggiunge uno.",
            "ru": "Вы ни за чем не следите; {follow} id:N добавляет мероприятие.",
        },
        "button_follow": {"en": "Follow", "de": "Folgen", "fr": "Suivre", "it": "Segui", "ru": "Следить"},
        "button_unfollow": {
            "en": "Unfollow",
            "de": "Nicht mehr folgen",
            "fr": "Ne plus suivre",
            "it": "Smetti di seguire",
            "ru": "Не следить",
        },
        "approximate_note": {
            "en": "The sources give no year; the year used to order the event is a placeholder, not a fact.",
            "de": "Die Quellen nennen kein Jahr; das Jahr, nach dem die Veranstaltung eingeordnet ist, ist ein "
            "Platzhalter, keine Tatsache.",
            "fr": "Les sources ne donnent pas l'année ; celle qui sert à classer l'événement est provisoire, pas "
            "un fait établi.",
            "it": "Le fonti non indicano l'anno; quello usato per ordinare l'evento è provvisorio, non un dato "
            "accertato.",
            "ru": "Источники не называют год; год, по которому упорядочено мероприятие, условный, а не "
            "установленный факт.",
        },
        "country_as_held": {
            "en": "held there",
            "de": "dort ausgerichtet",
            "fr": "organisés là-bas",
            "it": "svolti lì",
            "ru": "проведённые там",
        },
        "country_as_taking-part": {
            "en": "taking part",
            "de": "mit Teilnahme",
            "fr": "avec participation",
            "it": "con partecipazione",
            "ru": "с участием",
        },
        "country_as_either": {
            "en": "held there or taking part",
            "de": "ausgerichtet oder mit Teilnahme",
            "fr": "organisés là-bas ou avec participation",
            "it": "svolti lì o con partecipazione",
            "ru": "проведённые там или с участием",
        },
        # /event form and /event describe on Discord (cogs/events): a modal's title and labels (45 characters)
        "form_new_event": {
            "en": "New event",
            "de": "Neue Veranstaltung",
            "fr": "Nouvel événement",
            "it": "Nuovo evento",
            "ru": "Новое мероприятие",
        },
        "form_title": {"en": "Title", "de": "Titel", "fr": "Titre", "it": "Titolo", "ru": "Название"},
        "form_kind": {"en": "Kind", "de": "Art", "fr": "Type", "it": "Tipo", "ru": "Вид"},
        "form_start": {"en": "Start", "de": "Beginn", "fr": "Début", "it": "Inizio", "ru": "Начало"},
        "form_start_hint": {
            "en": "2026-03-03T14:30, 3 March 14:30, next tuesday 10:00 or a date",
            "de": "2026-03-03T14:30, 3. März 14:30 oder ein Datum",
            "fr": "2026-03-03T14:30, 3 mars 14:30 ou une date",
            "it": "2026-03-03T14:30, 3 marzo 14:30 o una data",
            "ru": "2026-03-03T14:30, 3 марта 14:30 или дата",
        },
        "form_end": {
            "en": "End (optional)",
            "de": "Ende (optional)",
            "fr": "Fin (facultatif)",
            "it": "Fine (facoltativo)",
            "ru": "Окончание (необязательно)",
        },
        "form_end_hint": {
            "en": "16:00, 5 March, …",
            "de": "16:00, 5. März, …",
            "fr": "16:00, 5 mars, …",
            "it": "16:00, 5 marzo, …",
            "ru": "16:00, 5 марта, …",
        },
        "form_description": {
            "en": "Description (optional)",
            "de": "Beschreibung (optional)",
            "fr": "Description (facultatif)",
            "it": "Descrizione (facoltativa)",
            "ru": "Описание (необязательно)",
        },
        "form_description_of": {
            "en": "Description of event #{id}",
            "de": "Beschreibung der Veranstaltung #{id}",
            "fr": "Description de l'événement n° {id}",
            "it": "Descrizione dell'evento n. {id}",
            "ru": "Описание мероприятия № {id}",
        },
        "form_description_edit": {
            "en": "Description ('-' removes it)",
            "de": "Beschreibung („-“ entfernt sie)",
            "fr": "Description (« - » la supprime)",
            "it": "Descrizione («-» la rimuove)",
            "ru": "Описание («-» удаляет его)",
        },
        # Discord's buttons and mentions (cogs/buttons.py, cogs/commchecks, cogs/mentions)
        "button_failed": {
            "en": "Sorry, this button did not work on our side; it has been logged.",
            "de": "Entschuldigung, diese Schaltfläche hat bei uns nicht funktioniert; es wurde protokolliert.",
            "fr": "Désolé, ce bouton n'a pas fonctionné de notre côté ; l'erreur a été journalisée.",
            "it": "Ci scusiamo, questo pulsante non ha funzionato da parte nostra; è stato registrato.",
            "ru": "Извините, эта кнопка у нас не сработала; ошибка записана в журнал.",
        },
        "button_gone": {
            "en": "This button no longer knows what to do; run the command again.",
            "de": "Diese Schaltfläche weiß nicht mehr, was sie tun soll; führen Sie den Befehl erneut aus.",
            "fr": "Ce bouton ne sait plus quoi faire ; relancez la commande.",
            "it": "Questo pulsante non sa più cosa fare; esegui di nuovo il comando.",
            "ru": "Эта кнопка больше не знает, что делать; выполните команду ещё раз.",
        },
        "ack_not_yours": {
            "en": "This button is not for you, or its communication check has ended.",
            "de": "Diese Schaltfläche ist nicht für Sie, oder ihr Kommunikationstest ist beendet.",
            "fr": "Ce bouton ne vous est pas destiné, ou son test de communication est terminé.",
            "it": "Questo pulsante non è per te, oppure la sua verifica delle comunicazioni è terminata.",
            "ru": "Эта кнопка не для вас, или её проверка связи уже завершена.",
        },
        "private_in_channel": {
            "en": "That answer is private: use the slash command, or send me a direct message.",
            "de": "Diese Antwort ist privat: Nutzen Sie den Slash-Befehl oder schreiben Sie mir eine Direktnachricht.",
            "fr": "Cette réponse est privée : utilisez la commande slash ou envoyez-moi un message privé.",
            "it": "Questa risposta è privata: usa il comando slash o mandami un messaggio diretto.",
            "ru": "Этот ответ личный: используйте слеш-команду или напишите мне в личные сообщения.",
        },
        "internal_error": {
            "en": "Sorry, something went wrong on our side (reference {ref}); it has been logged.",
            "de": "Entschuldigung, bei uns ist etwas schiefgegangen (Referenz {ref}); es wurde protokolliert.",
            "fr": "Désolé, une erreur s'est produite de notre côté (référence {ref}) ; elle a été journalisée.",
            "it": "Ci scusiamo, qualcosa è andato storto da parte nostra (riferimento {ref}); è stato registrato.",
            "ru": "Извините, у нас что-то пошло не так (номер {ref}); ошибка записана в журнал.",
        },
    }
)


def month_name(number: int, lang: str) -> str:
    """A month (1-12) by name in ``lang`` (CLDR): März, mars, марта (standalone: март)."""
    return str(Locale.parse(_locale(lang)).months["stand-alone"]["wide"][number])


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

# What the bot posts in a server's channels, in the server's language
MESSAGES.update(
    {
        # channel reminders, deadline reminders, the weekly digest (bot/reminders/delivery.py)
        "post_reminder_title": {
            "en": "Reminder",
            "de": "Erinnerung",
            "fr": "Rappel",
            "it": "Promemoria",
            "ru": "Напоминание",
        },
        "post_notice_title": {
            "en": "Reminders",
            "de": "Erinnerungen",
            "fr": "Rappels",
            "it": "Promemoria",
            "ru": "Напоминания",
        },
        "post_deadline_title": {
            "en": "Deadline: {kind}",
            "de": "Erinnerung an die {kind}",
            "fr": "Rappel : {kind}",
            "it": "Promemoria: {kind}",
            "ru": "Напоминание: {kind}",
        },
        "post_deadline_any": {  # a deadline whose kind is no longer known (cleared meanwhile)
            "en": "a",
            "de": "Frist",
            "fr": "date limite",
            "it": "scadenza",
            "ru": "срок",
        },
        "post_deadline": {
            "en": "The {kind} deadline for **{event}** is {when} ({zone}).{note}",
            "de": "Die {kind} für **{event}** endet am {when} ({zone}).{note}",
            "fr": "La {kind} pour **{event}** est fixée au {when} ({zone}).{note}",
            "it": "La {kind} di **{event}** è fissata al {when} ({zone}).{note}",
            "ru": "Мероприятие **{event}**: {kind} истекает {when} ({zone}).{note}",
        },
        "post_deadline_soon": {
            "en": "The a deadline for **{event}** is soon ({zone}).{note}",
            "de": "Eine Frist für **{event}** läuft bald ab ({zone}).{note}",
            "fr": "Une date limite pour **{event}** arrive bientôt à échéance ({zone}).{note}",
            "it": "Una scadenza di **{event}** è vicina ({zone}).{note}",
            "ru": "Мероприятие **{event}**: скоро истекает срок ({zone}).{note}",
        },
        "post_digest_title": {
            "en": "This week: {days}",
            "de": "Diese Woche: {days}",
            "fr": "Cette semaine : {days}",
            "it": "Questa settimana: {days}",
            "ru": "На этой неделе: {days}",
        },
        "post_digest_empty": {
            "en": "No events in the coming seven days.",
            "de": "In den kommenden sieben Tagen finden keine Veranstaltungen statt.",
            "fr": "Aucun événement dans les sept prochains jours.",
            "it": "Nessun evento nei prossimi sette giorni.",
            "ru": "В ближайшие семь дней мероприятий нет.",
        },
        "post_digest_line": {
            "en": "- **{event}**: {when} ({zone})",
            "de": "- **{event}**: {when} ({zone})",
            "fr": "- **{event}** : {when} ({zone})",
            "it": "- **{event}**: {when} ({zone})",
            "ru": "- **{event}**: {when} ({zone})",
        },
        "post_digest_more": {
            "en": "- … and {count} more (/event upcoming)",
            "de": "- … und {count} weitere",
            "fr": "- … et {count} autres",
            "it": "- … e altri {count}",
            "ru": "- … и ещё {count}",
        },
        # the admins' summary of reminders missed while the bot was away (kept as the delivery's text)
        "post_missed_one": {
            "en": "For the admins: while the bot was unavailable, {reminders} passed the time when they were "
            "useful and was not sent:",
            "de": "Für die Admins: Während der Bot nicht verfügbar war, wurde {reminders} nicht gesendet, weil "
            "ihr Zeitpunkt verstrichen war:",
            "fr": "Pour les admins : pendant que le bot était indisponible, {reminders} a dépassé le moment où "
            "il était utile et n'a pas été envoyé :",
            "it": "Per gli admin: mentre il bot non era disponibile, {reminders} ha superato il momento in cui "
            "era utile e non è stato inviato:",
            "ru": "Для администраторов: пока бот был недоступен, {reminders} устарело и не было отправлено:",
        },
        "post_missed_other": {
            "en": "For the admins: while the bot was unavailable, {reminders} passed the time when they were "
            "useful and were not sent:",
            "de": "Für die Admins: Während der Bot nicht verfügbar war, wurden {reminders} nicht gesendet, weil "
            "ihr Zeitpunkt verstrichen war:",
            "fr": "Pour les admins : pendant que le bot était indisponible, {reminders} ont dépassé le moment "
            "où ils étaient utiles et n'ont pas été envoyés :",
            "it": "Per gli admin: mentre il bot non era disponibile, {reminders} hanno superato il momento in "
            "cui erano utili e non sono stati inviati:",
            "ru": "Для администраторов: пока бот был недоступен, {reminders} устарели и не были отправлены:",
        },
        "post_missed_line": {
            "en": "- {what} ({tag}, due {due})",
            "de": "- {what} ({tag}, fällig: {due})",
            "fr": "- {what} ({tag}, prévu le {due})",
            "it": "- {what} ({tag}, previsto per il {due})",
            "ru": "- {what} ({tag}, срок: {due})",
        },
        "post_missed_more": {
            "en": "- … and {count} more",
            "de": "- … und {count} weitere",
            "fr": "- … et {count} autres",
            "it": "- … e altri {count}",
            "ru": "- … и ещё {count}",
        },
        "post_missed_log": {
            "en": "`cbmbot reminders log` lists every delivery.",
            "de": "`cbmbot reminders log` listet alle Zustellungen auf.",
            "fr": "`cbmbot reminders log` liste tous les envois.",
            "it": "`cbmbot reminders log` elenca tutti gli invii.",
            "ru": "`cbmbot reminders log` показывает все отправки.",
        },
        # the note in the reminder channel when a person's direct messages are closed (bot/reminders/senders.py)
        "post_dm_closed_title": {
            "en": "Direct message not delivered",
            "de": "Direktnachricht nicht zugestellt",
            "fr": "Message privé non remis",
            "it": "Messaggio diretto non recapitato",
            "ru": "Личное сообщение не доставлено",
        },
        "post_dm_closed": {
            "en": "I could not send you a direct message; open your DMs or see `/reminders list`.",
            "de": "Ich konnte Ihnen keine Direktnachricht senden; erlauben Sie Direktnachrichten oder sehen "
            "Sie unter `/reminders list` nach.",
            "fr": "Je n'ai pas pu vous envoyer de message privé ; ouvrez vos messages privés ou consultez "
            "`/reminders list`.",
            "it": "Non sono riuscito a inviarti un messaggio diretto; apri i tuoi messaggi diretti o consulta "
            "`/reminders list`.",
            "ru": "Не удалось отправить вам личное сообщение; откройте личные сообщения или посмотрите "
            "`/reminders list`.",
        },
        # the Scheduled Events mirror (bot/services/mirror.py, cogs/mirror): where an event without a place
        # is held ("online" and "Vienna and online" are the answers' own words), and the admins' notice
        "post_mirror_no_place": {
            "en": "see the description",
            "de": "siehe Beschreibung",
            "fr": "voir la description",
            "it": "vedi la descrizione",
            "ru": "см. описание",
        },
        "post_mirror_forbidden": {
            "en": "I cannot mirror events into this server's Events tab: I lack the **Manage Events** "
            "permission. An admin can give my role Manage Events (Server Settings → Roles), or turn the "
            "mirror off with `{command} enabled:false`.",
            "de": "Ich kann keine Veranstaltungen in den Events-Tab dieses Servers spiegeln: Mir fehlt die "
            "Berechtigung **Events verwalten**. Ein Admin kann sie meiner Rolle geben (Servereinstellungen → "
            "Rollen) oder die Spiegelung mit `{command} enabled:false` ausschalten.",
            "fr": "Je ne peux pas reproduire les événements dans l'onglet Événements de ce serveur : il me "
            "manque l'autorisation **Gérer les événements**. Un admin peut la donner à mon rôle (Paramètres "
            "du serveur → Rôles) ou désactiver le reflet avec `{command} enabled:false`.",
            "it": "Non posso riportare gli eventi nella scheda Eventi di questo server: mi manca "
            "l'autorizzazione **Gestisci eventi**. Un admin può darla al mio ruolo (Impostazioni server → "
            "Ruoli) o disattivare la copia con `{command} enabled:false`.",
            "ru": "Не могу отражать мероприятия во вкладке «События» этого сервера: у меня нет права "
            "**Управлять событиями**. Администратор может выдать его моей роли (Настройки сервера → Роли) "
            "или выключить зеркало командой `{command} enabled:false`.",
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


def plural(number: int, lang: str) -> str:
    """The CLDR plural category of ``number`` in ``lang`` (Babel): one, few, many or other."""
    return str(Locale.parse(_locale(lang)).plural_form(number))


def count_of(number: int, unit: str, lang: str) -> str:
    """ "1 day", "2 Tage", "5 jours", "21 день", "2 дня", "5 дней": ``unit`` w, d, h or m."""
    words = UNIT_WORDS[unit].get(lang) or UNIT_WORDS[unit]["en"]
    return f"{number} {words.get(plural(number, lang)) or words['other']}"


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


# Contacts, communication checks and server settings (bot/commands/contacts.py, commchecks.py, guild_settings.py)
MESSAGES.update(
    {
        # /contact, /contacts missing|add|edit|remove, /audit (bot/commands/contacts.py)
        "poc_private": {
            "en": "Personal data: do not pass it on · this lookup is in the audit log",
            "de": "Personenbezogene Daten: nicht weitergeben · dieser Abruf steht im Protokoll",
            "fr": "Données personnelles : ne pas les transmettre · cette consultation figure au journal",
            "it": "Dati personali: non diffonderli · questa consultazione è nel registro",
            "ru": "Персональные данные: не передавайте их · этот запрос записан в журнал",
        },
        "poc_technical": {  # the kind of a point of contact, inside a sentence
            "en": "technical",
            "de": "technische Kontaktstelle",
            "fr": "point de contact technique",
            "it": "punto di contatto tecnico",
            "ru": "технический контактный пункт",
        },
        "poc_policy": {
            "en": "policy",
            "de": "politische Kontaktstelle",
            "fr": "point de contact politique",
            "it": "punto di contatto politico",
            "ru": "политический контактный пункт",
        },
        "type_technical": {  # a type alone (a button, a report line)
            "en": "technical",
            "de": "technisch",
            "fr": "technique",
            "it": "tecnico",
            "ru": "технический",
        },
        "type_policy": {
            "en": "policy",
            "de": "politisch",
            "fr": "politique",
            "it": "politico",
            "ru": "политический",
        },
        "poc_email": {
            "en": "Email: {value}",
            "de": "E-Mail: {value}",
            "fr": "E-mail : {value}",
            "it": "E-mail: {value}",
            "ru": "Эл. почта: {value}",
        },
        "poc_phone": {
            "en": "Phone: {value}",
            "de": "Telefon: {value}",
            "fr": "Téléphone : {value}",
            "it": "Telefono: {value}",
            "ru": "Телефон: {value}",
        },
        "poc_languages": {
            "en": "Languages: {value}",
            "de": "Sprachen: {value}",
            "fr": "Langues : {value}",
            "it": "Lingue: {value}",
            "ru": "Языки: {value}",
        },
        "poc_confirmed": {
            "en": "Confirmed {date}",
            "de": "Bestätigt am {date}",
            "fr": "Confirmé le {date}",
            "it": "Confermato il {date}",
            "ru": "Подтверждено {date}",
        },
        "poc_confirmed_stale": {
            "en": " (over 12 months ago)",
            "de": " (vor über 12 Monaten)",
            "fr": " (il y a plus de 12 mois)",
            "it": " (oltre 12 mesi fa)",
            "ru": " (более 12 месяцев назад)",
        },
        "poc_never_confirmed": {
            "en": "Never confirmed",
            "de": "Nie bestätigt",
            "fr": "Jamais confirmé",
            "it": "Mai confermato",
            "ru": "Ни разу не подтверждено",
        },
        "poc_title": {
            "en": "Points of contact: {country}",
            "de": "Kontaktstellen: {country}",
            "fr": "Points de contact : {country}",
            "it": "Punti di contatto: {country}",
            "ru": "Контактные пункты: {country}",
        },
        "poc_none": {
            "en": "The directory has no point of contact for {country}.",
            "de": "Das Verzeichnis enthält keine Kontaktstelle für dieses Land.",
            "fr": "L'annuaire ne contient aucun point de contact pour ce pays.",
            "it": "La rubrica non contiene alcun punto di contatto per questo paese.",
            "ru": "В справочнике нет контактного пункта для этой страны.",
        },
        "poc_none_technical": {
            "en": "The directory has no technical point of contact for {country}.",
            "de": "Das Verzeichnis enthält keine technische Kontaktstelle für dieses Land.",
            "fr": "L'annuaire ne contient aucun point de contact technique pour ce pays.",
            "it": "La rubrica non contiene alcun punto di contatto tecnico per questo paese.",
            "ru": "В справочнике нет технического контактного пункта для этой страны.",
        },
        "poc_none_policy": {
            "en": "The directory has no policy point of contact for {country}.",
            "de": "Das Verzeichnis enthält keine politische Kontaktstelle für dieses Land.",
            "fr": "L'annuaire ne contient aucun point de contact politique pour ce pays.",
            "it": "La rubrica non contiene alcun punto di contatto politico per questo paese.",
            "ru": "В справочнике нет политического контактного пункта для этой страны.",
        },
        "poc_count": {
            "en": "{count} point{s} of contact for {country}.",
            "de": "Kontaktstellen im Verzeichnis: {count}.",
            "fr": "Points de contact dans l'annuaire : {count}.",
            "it": "Punti di contatto nella rubrica: {count}.",
            "ru": "Контактных пунктов в справочнике: {count}.",
        },
        "poc_count_technical": {
            "en": "{count} technical point{s} of contact for {country}.",
            "de": "Technische Kontaktstellen im Verzeichnis: {count}.",
            "fr": "Points de contact techniques dans l'annuaire : {count}.",
            "it": "Punti di contatto tecnici nella rubrica: {count}.",
            "ru": "Технических контактных пунктов в справочнике: {count}.",
        },
        "poc_count_policy": {
            "en": "{count} policy point{s} of contact for {country}.",
            "de": "Politische Kontaktstellen im Verzeichnis: {count}.",
            "fr": "Points de contact politiques dans l'annuaire : {count}.",
            "it": "Punti di contatto politici nella rubrica: {count}.",
            "ru": "Политических контактных пунктов в справочнике: {count}.",
        },
        "poc_gaps_button": {
            "en": "Gaps in the directory",
            "de": "Lücken im Verzeichnis",
            "fr": "Lacunes de l'annuaire",
            "it": "Lacune della rubrica",
            "ru": "Пробелы в справочнике",
        },
        "poc_gaps_title": {
            "en": "Points of contact: gaps",
            "de": "Kontaktstellen: Lücken",
            "fr": "Points de contact : lacunes",
            "it": "Punti di contatto: lacune",
            "ru": "Контактные пункты: пробелы",
        },
        "poc_never": {
            "en": "never confirmed",
            "de": "nie bestätigt",
            "fr": "jamais confirmé",
            "it": "mai confermato",
            "ru": "не подтверждались",
        },
        "poc_without": {
            "en": "No point of contact ({count})",
            "de": "Ohne Kontaktstelle ({count})",
            "fr": "Sans point de contact ({count})",
            "it": "Senza punto di contatto ({count})",
            "ru": "Без контактного пункта ({count})",
        },
        "poc_stale": {
            "en": "Not confirmed in the last 12 months ({count})",
            "de": "In den letzten 12 Monaten nicht bestätigt ({count})",
            "fr": "Non confirmés au cours des 12 derniers mois ({count})",
            "it": "Non confermati negli ultimi 12 mesi ({count})",
            "ru": "Не подтверждены за последние 12 месяцев ({count})",
        },
        "poc_no_gaps": {
            "en": "Every participating State has a point of contact confirmed in the last 12 months.",
            "de": "Jeder Teilnehmerstaat hat eine in den letzten 12 Monaten bestätigte Kontaktstelle.",
            "fr": "Chaque État participant a un point de contact confirmé au cours des 12 derniers mois.",
            "it": "Ogni Stato partecipante ha un punto di contatto confermato negli ultimi 12 mesi.",
            "ru": "У каждого государства-участника есть контактный пункт, подтверждённый за последние 12 месяцев.",
        },
        "poc_gaps": {
            "en": "{cbm} contact data is renewed every year; these participating States need attention.",
            "de": "Die Kontaktdaten nach {cbm} werden jährlich erneuert; bei diesen Teilnehmerstaaten besteht "
            "Handlungsbedarf.",
            "fr": "Les coordonnées prévues par la {cbm} sont renouvelées chaque année ; ces États participants "
            "demandent votre attention.",
            "it": "I dati di contatto previsti dalla {cbm} si rinnovano ogni anno; questi Stati partecipanti "
            "richiedono attenzione.",
            "ru": "Контактные данные по {cbm} обновляются ежегодно; этим государствам-участникам нужно уделить "
            "внимание.",
        },
        "poc_lookup_logged": {
            "en": "This lookup is in the audit log",
            "de": "Dieser Abruf steht im Protokoll",
            "fr": "Cette consultation figure au journal",
            "it": "Questa consultazione è nel registro",
            "ru": "Этот запрос записан в журнал",
        },
        "poc_recorded": {
            "en": "Recorded in the audit log",
            "de": "Im Protokoll vermerkt",
            "fr": "Consigné au journal",
            "it": "Annotato nel registro",
            "ru": "Записано в журнал",
        },
        "poc_added_title": {
            "en": "Added contact #{id}",
            "de": "Kontakt #{id} hinzugefügt",
            "fr": "Contact #{id} ajouté",
            "it": "Contatto #{id} aggiunto",
            "ru": "Контакт #{id} добавлен",
        },
        "poc_added": {
            "en": "{Poc} point of contact for {country}: {name}.",
            "de": "{Poc} ({country}): {name}.",
            "fr": "{Poc} ({country}) : {name}.",
            "it": "{Poc} ({country}): {name}.",
            "ru": "{Poc} ({country}): {name}.",
        },
        "poc_changed_title": {
            "en": "Changed contact #{id}",
            "de": "Kontakt #{id} geändert",
            "fr": "Contact #{id} modifié",
            "it": "Contatto #{id} modificato",
            "ru": "Контакт #{id} изменён",
        },
        "poc_changed": {
            "en": "{country}, {poc}: {name}; changed {fields}.",
            "de": "{country}, {poc}: {name}; geänderte Felder: {fields}.",
            "fr": "{country}, {poc} : {name} ; champs modifiés : {fields}.",
            "it": "{country}, {poc}: {name}; campi modificati: {fields}.",
            "ru": "{country}, {poc}: {name}; изменены поля: {fields}.",
        },
        "poc_removed_title": {
            "en": "Removed contact #{id}",
            "de": "Kontakt #{id} entfernt",
            "fr": "Contact #{id} supprimé",
            "it": "Contatto #{id} rimosso",
            "ru": "Контакт #{id} удалён",
        },
        "poc_removed": {
            "en": "{country}, {poc}: {name} is no longer in the directory.",
            "de": "{country}, {poc}: {name} steht nicht mehr im Verzeichnis.",
            "fr": "{country}, {poc} : {name} ne figure plus dans l'annuaire.",
            "it": "{country}, {poc}: {name} non è più nella rubrica.",
            "ru": "{country}, {poc}: {name} — запись удалена из справочника.",
        },
        "audit_title": {
            "en": "Audit log",
            "de": "Protokoll",
            "fr": "Journal d'audit",
            "it": "Registro delle attività",
            "ru": "Журнал аудита",
        },
        "audit_none": {
            "en": "No entries.",
            "de": "Keine Einträge.",
            "fr": "Aucune entrée.",
            "it": "Nessuna voce.",
            "ru": "Записей нет.",
        },
        "audit_none_for": {
            "en": "No entries for {action}.",
            "de": "Keine Einträge für {action}.",
            "fr": "Aucune entrée pour {action}.",
            "it": "Nessuna voce per {action}.",
            "ru": "Записей для {action} нет.",
        },
        "audit_by": {
            "en": " by {actor}",
            "de": " von {actor}",
            "fr": " par {actor}",
            "it": " da {actor}",
            "ru": " — {actor}",
        },
        "audit_from": {
            "en": " from {origin}",
            "de": " über {origin}",
            "fr": " via {origin}",
            "it": " tramite {origin}",
            "ru": " через {origin}",
        },
        "audit_footer": {
            "en": "{count} newest entries",
            "de": "Neueste Einträge: {count}",
            "fr": "Entrées les plus récentes : {count}",
            "it": "Voci più recenti: {count}",
            "ru": "Последние записи: {count}",
        },
        "audit_action": {
            "en": " · action {action}",
            "de": " · Aktion {action}",
            "fr": " · action {action}",
            "it": " · azione {action}",
            "ru": " · действие {action}",
        },
        # /commcheck and the yearly confirmation (bot/commands/commchecks.py)
        "check_acknowledged": {
            "en": "in time",
            "de": "rechtzeitig",
            "fr": "dans les délais",
            "it": "in tempo",
            "ru": "вовремя",
        },
        "check_late": {
            "en": "late",
            "de": "verspätet",
            "fr": "en retard",
            "it": "in ritardo",
            "ru": "с опозданием",
        },
        "check_unanswered": {
            "en": "no answer",
            "de": "keine Antwort",
            "fr": "sans réponse",
            "it": "nessuna risposta",
            "ru": "нет ответа",
        },
        "check_undeliverable": {
            "en": "undeliverable",
            "de": "nicht zustellbar",
            "fr": "non distribuable",
            "it": "non recapitabile",
            "ru": "не доставлено",
        },
        "check_status_open": {"en": "open", "de": "läuft", "fr": "en cours", "it": "in corso", "ru": "идёт"},
        "check_status_closed": {
            "en": "closed",
            "de": "abgeschlossen",
            "fr": "clos",
            "it": "chiuso",
            "ru": "завершена",
        },
        "check_status_cancelled": {
            "en": "cancelled",
            "de": "abgesagt",
            "fr": "annulé",
            "it": "annullato",
            "ru": "отменена",
        },
        "check_scope_all": {"en": "all", "de": "alle", "fr": "tous", "it": "tutti", "ru": "все"},
        "check_scope_technical": {
            "en": "technical",
            "de": "technische",
            "fr": "techniques",
            "it": "tecnici",
            "ru": "технические",
        },
        "check_scope_policy": {
            "en": "policy",
            "de": "politische",
            "fr": "politiques",
            "it": "politici",
            "ru": "политические",
        },
        "check_title": {
            "en": "Communication check #{id}",
            "de": "Kommunikationstest #{id}",
            "fr": "Test de communication #{id}",
            "it": "Test di comunicazione #{id}",
            "ru": "Проверка связи #{id}",
        },
        "check_started": {
            "en": "Communication check #{id} started: {count} points of contact, {pings} pings on their way.",
            "de": "Kommunikationstest #{id} gestartet: {contacts}, Pings unterwegs: {pings}.",
            "fr": "Test de communication #{id} lancé : {contacts}, messages en cours d'envoi : {pings}.",
            "it": "Test di comunicazione #{id} avviato: {contacts}, messaggi in invio: {pings}.",
            "ru": "Проверка связи #{id} начата: {contacts}, сообщений отправляется: {pings}.",
        },
        "check_no_channel": {
            "en": " {count} have no usable channel (recorded as undeliverable).",
            "de": " Ohne nutzbaren Kanal (als nicht zustellbar erfasst): {count}.",
            "fr": " Sans canal utilisable (enregistrés comme non distribuables) : {count}.",
            "it": " Senza canale utilizzabile (registrati come non recapitabili): {count}.",
            "ru": " Без доступного канала (записаны как недоставленные): {count}.",
        },
        "check_remind_at": {
            "en": "Reminder to the unanswered",
            "de": "Erinnerung an Säumige",
            "fr": "Relance des non-répondants",
            "it": "Sollecito a chi non ha risposto",
            "ru": "Напоминание не ответившим",
        },
        "check_escalate_at": {
            "en": "Their colleagues asked",
            "de": "Kolleginnen und Kollegen gefragt",
            "fr": "Collègues sollicités",
            "it": "Colleghi interpellati",
            "ru": "Запрос коллегам",
        },
        "check_deadline": {"en": "Deadline", "de": "Frist", "fr": "Échéance", "it": "Scadenza", "ru": "Срок"},
        "check_report_so_far": {
            "en": "Report so far",
            "de": "Bisheriger Bericht",
            "fr": "Rapport provisoire",
            "it": "Rapporto finora",
            "ru": "Текущий отчёт",
        },
        "check_schedule_title": {
            "en": "Schedule #{id}",
            "de": "Plan #{id}",
            "fr": "Planning #{id}",
            "it": "Pianificazione #{id}",
            "ru": "Расписание #{id}",
        },
        "check_scheduled": {
            "en": "A {scope} check runs {every} {first} at {time} ({zone}). First run: {when}.",
            "de": "Ein Test {scope} läuft {every} {first} um {time} ({zone}). Erster Lauf: {when}.",
            "fr": "Un test {scope} a lieu {every}, {first} à {time} ({zone}). Premier lancement : {when}.",
            "it": "Un test {scope} si svolge {every}, {first} alle {time} ({zone}). Prima esecuzione: {when}.",
            "ru": "Проверка {scope} проводится {every} {first} в {time} ({zone}). Первый запуск: {when}.",
        },
        "check_of_all": {  # whose check it is
            "en": "all",
            "de": "aller Kontaktstellen",
            "fr": "de tous les points de contact",
            "it": "di tutti i punti di contatto",
            "ru": "всех контактных пунктов",
        },
        "check_of_technical": {
            "en": "technical",
            "de": "der technischen Kontaktstellen",
            "fr": "des points de contact techniques",
            "it": "dei punti di contatto tecnici",
            "ru": "технических контактных пунктов",
        },
        "check_of_policy": {
            "en": "policy",
            "de": "der politischen Kontaktstellen",
            "fr": "des points de contact politiques",
            "it": "dei punti di contatto politici",
            "ru": "политических контактных пунктов",
        },
        "check_every_monthly": {
            "en": "monthly",
            "de": "monatlich",
            "fr": "chaque mois",
            "it": "ogni mese",
            "ru": "ежемесячно",
        },
        "check_every_quarterly": {
            "en": "quarterly",
            "de": "vierteljährlich",
            "fr": "chaque trimestre",
            "it": "ogni trimestre",
            "ru": "ежеквартально",
        },
        "check_every_yearly": {
            "en": "yearly",
            "de": "jährlich",
            "fr": "chaque année",
            "it": "ogni anno",
            "ru": "ежегодно",
        },
        # "on the first Monday" (English: the weekday as the schedule stores it)
        "check_first_mon": {
            "en": "on the first mon",
            "de": "am ersten Montag",
            "fr": "le premier lundi",
            "it": "il primo lunedì",
            "ru": "в первый понедельник",
        },
        "check_first_tue": {
            "en": "on the first tue",
            "de": "am ersten Dienstag",
            "fr": "le premier mardi",
            "it": "il primo martedì",
            "ru": "в первый вторник",
        },
        "check_first_wed": {
            "en": "on the first wed",
            "de": "am ersten Mittwoch",
            "fr": "le premier mercredi",
            "it": "il primo mercoledì",
            "ru": "в первую среду",
        },
        "check_first_thu": {
            "en": "on the first thu",
            "de": "am ersten Donnerstag",
            "fr": "le premier jeudi",
            "it": "il primo giovedì",
            "ru": "в первый четверг",
        },
        "check_first_fri": {
            "en": "on the first fri",
            "de": "am ersten Freitag",
            "fr": "le premier vendredi",
            "it": "il primo venerdì",
            "ru": "в первую пятницу",
        },
        "check_first_sat": {
            "en": "on the first sat",
            "de": "am ersten Samstag",
            "fr": "le premier samedi",
            "it": "il primo sabato",
            "ru": "в первую субботу",
        },
        "check_first_sun": {
            "en": "on the first sun",
            "de": "am ersten Sonntag",
            "fr": "le premier dimanche",
            "it": "la prima domenica",
            "ru": "в первое воскресенье",
        },
        "check_never": {"en": "never", "de": "nie", "fr": "jamais", "it": "mai", "ru": "никогда"},
        "check_list_button": {
            "en": "Checks and schedules",
            "de": "Tests und Pläne",
            "fr": "Tests et plannings",
            "it": "Test e pianificazioni",
            "ru": "Проверки и расписания",
        },
        "check_list_item": {
            "en": "started {started}, deadline {deadline}",
            "de": "gestartet {started}, Frist {deadline}",
            "fr": "lancé {started}, échéance {deadline}",
            "it": "avviato {started}, scadenza {deadline}",
            "ru": "начата {started}, срок {deadline}",
        },
        "check_schedule_item": {
            "en": "Schedule #{id} · {every}",
            "de": "Plan #{id} · {every}",
            "fr": "Planning #{id} · {every}",
            "it": "Pianificazione #{id} · {every}",
            "ru": "Расписание #{id} · {every}",
        },
        "check_schedule_when": {
            "en": "first {weekday} at {time} ({zone}), {scope}; next {next}",
            "de": "{first} um {time} ({zone}), {scope}; nächster Lauf: {next}",
            "fr": "{first} à {time} ({zone}), {scope} ; prochain : {next}",
            "it": "{first} alle {time} ({zone}), {scope}; prossimo: {next}",
            "ru": "{first} в {time} ({zone}), {scope}; следующая: {next}",
        },
        "check_list_title": {
            "en": "Communication checks",
            "de": "Kommunikationstests",
            "fr": "Tests de communication",
            "it": "Test di comunicazione",
            "ru": "Проверки связи",
        },
        "check_none_yet": {
            "en": "No check yet: {start} scope:all deadline:2h",
            "de": "Noch kein Test: {start} scope:all deadline:2h",
            "fr": "Aucun test pour l'instant : {start} scope:all deadline:2h",
            "it": "Ancora nessun test: {start} scope:all deadline:2h",
            "ru": "Проверок пока нет: {start} scope:all deadline:2h",
        },
        "check_cancel_which": {
            "en": "Give either id:N (a check) or schedule:N.",
            "de": "Geben Sie entweder id:N (einen Test) oder schedule:N an.",
            "fr": "Indiquez soit id:N (un test), soit schedule:N.",
            "it": "Indica id:N (un test) oppure schedule:N.",
            "ru": "Укажите либо id:N (проверку), либо schedule:N.",
        },
        "check_schedule_removed": {
            "en": "Schedule #{id} removed; checks it started stay.",
            "de": "Plan #{id} gelöscht; die damit gestarteten Tests bleiben bestehen.",
            "fr": "Planning #{id} supprimé ; les tests qu'il a lancés sont conservés.",
            "it": "Pianificazione #{id} rimossa; i test già avviati restano.",
            "ru": "Расписание #{id} удалено; начатые по нему проверки сохраняются.",
        },
        "check_cancelled": {
            "en": "Communication check #{id} cancelled; its links and buttons no longer work.",
            "de": "Kommunikationstest #{id} abgesagt; seine Links und Schaltflächen funktionieren nicht mehr.",
            "fr": "Test de communication #{id} annulé ; ses liens et boutons ne fonctionnent plus.",
            "it": "Test di comunicazione #{id} annullato; i suoi link e pulsanti non funzionano più.",
            "ru": "Проверка связи #{id} отменена; её ссылки и кнопки больше не работают.",
        },
        "check_share": {
            "en": "{status}: {count} ({share})",
            "de": "{status}: {count} ({share})",
            "fr": "{status} : {count} ({share})",
            "it": "{status}: {count} ({share})",
            "ru": "{status}: {count} ({share})",
        },
        "check_times": {
            "en": "Time to acknowledge: median {median}, 90% within {p90}",
            "de": "Zeit bis zur Bestätigung: Median {median}, 90 % innerhalb von {p90}",
            "fr": "Délai d'accusé de réception : médiane {median}, 90 % en moins de {p90}",
            "it": "Tempo di conferma: mediana {median}, il 90% entro {p90}",
            "ru": "Время подтверждения: медиана {median}, 90 % — в пределах {p90}",
        },
        "check_outcome": {"en": "Outcome", "de": "Ergebnis", "fr": "Résultat", "it": "Esito", "ru": "Итог"},
        "check_reach": {
            "en": "{channel}: {delivered}/{tried} delivered ({share}), {acknowledged} acknowledged through it",
            "de": "{channel}: {delivered}/{tried} zugestellt ({share}), darüber bestätigt: {acknowledged}",
            "fr": "{channel} : {delivered}/{tried} remis ({share}), accusés de réception par ce canal : "
            "{acknowledged}",
            "it": "{channel}: {delivered}/{tried} recapitati ({share}), conferme tramite questo canale: "
            "{acknowledged}",
            "ru": "{channel}: доставлено {delivered}/{tried} ({share}), подтверждений через этот канал: "
            "{acknowledged}",
        },
        "check_channel_email": {
            "en": "email",
            "de": "E-Mail",
            "fr": "e-mail",
            "it": "e-mail",
            "ru": "эл. почта",
        },
        "check_channel_none": {  # no usable channel
            "en": "none",
            "de": "kein Kanal",
            "fr": "aucun canal",
            "it": "nessun canale",
            "ru": "нет канала",
        },
        "check_reach_title": {
            "en": "Reachability per channel",
            "de": "Erreichbarkeit je Kanal",
            "fr": "Joignabilité par canal",
            "it": "Raggiungibilità per canale",
            "ru": "Доступность по каналам",
        },
        "check_trend": {
            "en": "Trend (in time)",
            "de": "Verlauf (rechtzeitig)",
            "fr": "Tendance (dans les délais)",
            "it": "Andamento (in tempo)",
            "ru": "Динамика (вовремя)",
        },
        "check_missing": {
            "en": "Not reached or no answer ({count})",
            "de": "Nicht erreicht oder keine Antwort ({count})",
            "fr": "Non joints ou sans réponse ({count})",
            "it": "Non raggiunti o senza risposta ({count})",
            "ru": "Не доставлено или нет ответа ({count})",
        },
        "check_missing_line": {
            "en": "{country} ({type}): {status}",
            "de": "{country} ({type}): {status}",
            "fr": "{country} ({type}) : {status}",
            "it": "{country} ({type}): {status}",
            "ru": "{country} ({type}): {status}",
        },
        "check_report_title": {
            "en": "Communication check #{id}: {status}",
            "de": "Kommunikationstest #{id}: {status}",
            "fr": "Test de communication #{id} : {status}",
            "it": "Test di comunicazione #{id}: {status}",
            "ru": "Проверка связи #{id}: {status}",
        },
        "check_report": {
            "en": "{count} points of contact, {sent} reached; started {started}, deadline {deadline}.",
            "de": "{contacts}, davon erreicht: {sent}; gestartet {started}, Frist {deadline}.",
            "fr": "{contacts}, joints : {sent} ; lancé {started}, échéance {deadline}.",
            "it": "{contacts}, raggiunti: {sent}; avviato {started}, scadenza {deadline}.",
            "ru": "{contacts}, доставлено: {sent}; начата {started}, срок {deadline}.",
        },
        "check_report_footer": {
            "en": "Per-state results are for admins only; members see {summary}",
            "de": "Ergebnisse je Staat nur für Admins; Mitglieder sehen {summary}",
            "fr": "Résultats par État réservés aux admins ; les membres voient {summary}",
            "it": "Risultati per Stato solo per gli admin; i membri vedono {summary}",
            "ru": "Результаты по государствам — только для админов; участникам доступна команда {summary}",
        },
        "check_summary_title": {
            "en": "Communication check #{id} ({status})",
            "de": "Kommunikationstest #{id} ({status})",
            "fr": "Test de communication #{id} ({status})",
            "it": "Test di comunicazione #{id} ({status})",
            "ru": "Проверка связи #{id} ({status})",
        },
        "check_asked": {
            "en": "{count} points of contact were asked.",
            "de": "Angefragte Kontaktstellen: {count}.",
            "fr": "Points de contact sollicités : {count}.",
            "it": "Punti di contatto interpellati: {count}.",
            "ru": "Опрошено контактных пунктов: {count}.",
        },
        "check_median": {
            "en": "Median time to acknowledge: {median}",
            "de": "Mittlere Zeit bis zur Bestätigung (Median): {median}",
            "fr": "Délai médian d'accusé de réception : {median}",
            "it": "Tempo mediano di conferma: {median}",
            "ru": "Медианное время подтверждения: {median}",
        },
        "confirm_started": {
            "en": "Confirmation round #{id}: {count} points of contact asked to confirm or correct their "
            "details by {deadline}.",
            "de": "Bestätigungsrunde #{id}: Bitte an {contacts}, ihre Angaben bis {deadline} zu bestätigen oder "
            "zu korrigieren.",
            "fr": "Tour de confirmation #{id} : demande envoyée à {contacts} de confirmer ou de corriger les "
            "coordonnées enregistrées (échéance : {deadline}).",
            "it": "Giro di conferma #{id}: richiesta inviata a {contacts} di confermare o correggere i dati "
            "registrati (scadenza: {deadline}).",
            "ru": "Раунд подтверждения #{id}: контактным пунктам отправлен запрос подтвердить или исправить "
            "данные до {deadline}; получателей: {count}.",
        },
        "confirm_no_channel": {
            "en": " {count} have no usable channel.",
            "de": " Ohne nutzbaren Kanal: {count}.",
            "fr": " Sans canal utilisable : {count}.",
            "it": " Senza canale utilizzabile: {count}.",
            "ru": " Без доступного канала: {count}.",
        },
        "corrections_title": {
            "en": "Corrections to review",
            "de": "Zu prüfende Korrekturen",
            "fr": "Corrections à examiner",
            "it": "Correzioni da esaminare",
            "ru": "Исправления на проверку",
        },
        "corrections_gaps": {"en": "Gaps", "de": "Lücken", "fr": "Lacunes", "it": "Lacune", "ru": "Пробелы"},
        "corrections_note": {
            "en": "Note: {note}",
            "de": "Anmerkung: {note}",
            "fr": "Remarque : {note}",
            "it": "Nota: {note}",
            "ru": "Примечание: {note}",
        },
        "corrections_none": {
            "en": "None waiting.",
            "de": "Keine offen.",
            "fr": "Aucune en attente.",
            "it": "Nessuna in attesa.",
            "ru": "Ожидающих нет.",
        },
        "corrections_how": {
            "en": "Approve with {approve} id:N, or {reject} id:N.",
            "de": "Genehmigen mit {approve} id:N, ablehnen mit {reject} id:N.",
            "fr": "Approuvez avec {approve} id:N, ou rejetez avec {reject} id:N.",
            "it": "Approva con {approve} id:N, oppure respingi con {reject} id:N.",
            "ru": "Одобрить: {approve} id:N, отклонить: {reject} id:N.",
        },
        "corrections_private": {
            "en": "Personal data: do not pass it on",
            "de": "Personenbezogene Daten: nicht weitergeben",
            "fr": "Données personnelles : ne pas les transmettre",
            "it": "Dati personali: non diffonderli",
            "ru": "Персональные данные: не передавайте их",
        },
        "correction_applied": {
            "en": "Correction #{id} applied to contact #{contact} ({name}); it is in the audit log.",
            "de": "Korrektur #{id} auf Kontakt #{contact} ({name}) angewendet; sie steht im Protokoll.",
            "fr": "Correction #{id} appliquée au contact #{contact} ({name}) ; elle figure au journal.",
            "it": "Correzione #{id} applicata al contatto #{contact} ({name}); è nel registro.",
            "ru": "Исправление #{id} применено к контакту #{contact} ({name}); оно записано в журнал.",
        },
        "correction_rejected": {
            "en": "Correction #{id} rejected; the contact's details are unchanged.",
            "de": "Korrektur #{id} abgelehnt; die Angaben des Kontakts bleiben unverändert.",
            "fr": "Correction #{id} rejetée ; les coordonnées du contact sont inchangées.",
            "it": "Correzione #{id} respinta; i dati del contatto restano invariati.",
            "ru": "Исправление #{id} отклонено; данные контакта не изменились.",
        },
        # /settings (bot/commands/guild_settings.py). A setting's label and "not set" text: English is the
        # declaration's own (bot/services/guilds.py SETTINGS), read through declared().
        "setting_organiser_role": {
            "de": "Veranstalter-Rolle",
            "fr": "Rôle des organisateurs",
            "it": "Ruolo degli organizzatori",
            "ru": "Роль организаторов",
        },
        "setting_directory_role": {
            "de": "Verzeichnis-Rolle",
            "fr": "Rôle de l'annuaire",
            "it": "Ruolo della rubrica",
            "ru": "Роль справочника",
        },
        "setting_timezone": {
            "de": "Zeitzone",
            "fr": "Fuseau horaire",
            "it": "Fuso orario",
            "ru": "Часовой пояс",
        },
        "setting_mirror_events": {
            "de": "Spiegelung in den Events-Tab",
            "fr": "Reflet dans l'onglet Événements",
            "it": "Copia nella scheda Eventi",
            "ru": "Зеркало во вкладке «События»",
        },
        "setting_reminder_channel": {
            "de": "Erinnerungskanal",
            "fr": "Canal des rappels",
            "it": "Canale dei promemoria",
            "ru": "Канал напоминаний",
        },
        "setting_reminders_enabled": {
            "de": "Erinnerungen",
            "fr": "Rappels",
            "it": "Promemoria",
            "ru": "Напоминания",
        },
        "setting_reminder_offsets": {
            "de": "Vor jeder Veranstaltung",
            "fr": "Avant chaque événement",
            "it": "Prima di ogni evento",
            "ru": "За сколько до каждого мероприятия",  # the value in the accusative: "за 1 неделю"
        },
        "setting_reminder_role": {
            "de": "Erwähnte Rolle",
            "fr": "Rôle mentionné",
            "it": "Ruolo menzionato",
            "ru": "Упоминаемая роль",
        },
        "setting_reminder_kinds": {"de": "Arten", "fr": "Types", "it": "Tipi", "ru": "Виды"},
        "setting_reminder_countries": {"de": "Länder", "fr": "Pays", "it": "Paesi", "ru": "Страны"},
        "setting_digest": {
            "de": "Wochenübersicht",
            "fr": "Résumé hebdomadaire",
            "it": "Riepilogo settimanale",
            "ru": "Еженедельная сводка",
        },
        "setting_digest_day": {
            "de": "Tag der Übersicht",
            "fr": "Jour du résumé",
            "it": "Giorno del riepilogo",
            "ru": "День сводки",
        },
        "setting_digest_time": {
            "de": "Uhrzeit der Übersicht",
            "fr": "Heure du résumé",
            "it": "Ora del riepilogo",
            "ru": "Время сводки",
        },
        "setting_language": {
            "de": "Sprache der Kanalbeiträge",
            "fr": "Langue des messages dans les canaux",
            "it": "Lingua dei messaggi nei canali",
            "ru": "Язык сообщений в каналах",
        },
        "setting_language_unknown": {
            "en": "the language must be one of {languages}, not {raw}",
            "de": "Die Sprache muss eine von diesen sein: {languages}, nicht {raw}",
            "fr": "La langue doit être l'une de celles-ci : {languages}, pas {raw}",
            "it": "La lingua deve essere una di queste: {languages}, non {raw}",
            "ru": "Язык должен быть одним из следующих: {languages}, а не {raw}",
        },
        "setting_unset": {
            "de": "nicht gesetzt",
            "fr": "non défini",
            "it": "non impostato",
            "ru": "не задано",
        },
        "setting_unset_organiser_role": {
            "de": "nicht gesetzt (es zählen Mitglieder mit einer Rolle namens „organiser“)",
            "fr": "non défini (les membres ayant un rôle nommé « organiser » comptent)",
            "it": "non impostato (valgono i membri con un ruolo chiamato «organiser»)",
            "ru": "не задана (учитываются участники с ролью «organiser»)",
        },
        "setting_unset_directory_role": {
            "de": "nicht gesetzt (es zählen Mitglieder mit einer Rolle namens „directory“)",
            "fr": "non défini (les membres ayant un rôle nommé « directory » comptent)",
            "it": "non impostato (valgono i membri con un ruolo chiamato «directory»)",
            "ru": "не задана (учитываются участники с ролью «directory»)",
        },
        "setting_unset_timezone": {
            "de": "nicht gesetzt (Standard des Bots)",
            "fr": "non défini (valeur par défaut du bot)",
            "it": "non impostato (predefinito del bot)",
            "ru": "не задан (по умолчанию бота)",
        },
        "setting_unset_reminder_role": {"de": "keine", "fr": "aucun", "it": "nessuno", "ru": "нет"},
        "setting_unset_reminder_kinds": {"de": "alle", "fr": "tous", "it": "tutti", "ru": "все"},
        "setting_unset_reminder_countries": {"de": "alle", "fr": "tous", "it": "tutti", "ru": "все"},
        "setting_default_zone": {
            "en": "not set ({zone}, the bot's default)",
            "de": "nicht gesetzt ({zone}, Standard des Bots)",
            "fr": "non défini ({zone}, valeur par défaut du bot)",
            "it": "non impostato ({zone}, predefinito del bot)",
            "ru": "не задан (по умолчанию у бота: {zone})",
        },
        "setting_on": {"en": "on", "de": "an", "fr": "activé", "it": "attivo", "ru": "вкл."},
        "setting_off": {"en": "off", "de": "aus", "fr": "désactivé", "it": "disattivo", "ru": "выкл."},
        "setting_trusted": {
            "en": "Trusted server",
            "de": "Vertrauenswürdiger Server",
            "fr": "Serveur de confiance",
            "it": "Server attendibile",
            "ru": "Доверенный сервер",
        },
        "setting_trust_unset": {
            "en": "no: CBMBOT_GUILD_IDS is not set, so no server is trusted and these settings grant nothing",
            "de": "nein: CBMBOT_GUILD_IDS ist nicht gesetzt, daher ist kein Server vertrauenswürdig und diese "
            "Einstellungen verleihen keine Rechte",
            "fr": "non : CBMBOT_GUILD_IDS n'est pas défini, aucun serveur n'est donc de confiance et ces "
            "paramètres ne donnent aucun droit",
            "it": "no: CBMBOT_GUILD_IDS non è impostato, quindi nessun server è attendibile e queste "
            "impostazioni non danno alcun diritto",
            "ru": "нет: CBMBOT_GUILD_IDS не задан, поэтому ни один сервер не считается доверенным и эти "
            "настройки не дают прав",
        },
        "setting_trust_yes": {
            "en": "yes (in CBMBOT_GUILD_IDS): admins and the roles below have their rights here",
            "de": "ja (in CBMBOT_GUILD_IDS): Admins und die Rollen unten haben hier ihre Rechte",
            "fr": "oui (dans CBMBOT_GUILD_IDS) : les admins et les rôles ci-dessous ont ici leurs droits",
            "it": "sì (in CBMBOT_GUILD_IDS): gli admin e i ruoli indicati sotto hanno qui i loro diritti",
            "ru": "да (в CBMBOT_GUILD_IDS): админы и роли ниже имеют здесь свои права",
        },
        "setting_trust_no": {
            "en": "no (not in CBMBOT_GUILD_IDS): everyone here is a plain member",
            "de": "nein (nicht in CBMBOT_GUILD_IDS): hier sind alle einfache Mitglieder",
            "fr": "non (absent de CBMBOT_GUILD_IDS) : ici, chacun est un simple membre",
            "it": "no (non in CBMBOT_GUILD_IDS): qui tutti sono semplici membri",
            "ru": "нет (не в CBMBOT_GUILD_IDS): здесь все — обычные участники",
        },
        "setting_reminders_off": {
            "en": "Reminders are not set up for this server: {command} channel:#channel",
            "de": "Für diesen Server sind keine Erinnerungen eingerichtet: {command} channel:#kanal",
            "fr": "Les rappels ne sont pas configurés pour ce serveur : {command} channel:#canal",
            "it": "I promemoria non sono configurati per questo server: {command} channel:#canale",
            "ru": "Напоминания для этого сервера не настроены: {command} channel:#канал",
        },
        "setting_title": {
            "en": "Server settings",
            "de": "Servereinstellungen",
            "fr": "Paramètres du serveur",
            "it": "Impostazioni del server",
            "ru": "Настройки сервера",
        },
        "setting_footer": {
            "en": "Admins change them with {command} …",
            "de": "Admins ändern sie mit {command} …",
            "fr": "Les admins les modifient avec {command} …",
            "it": "Gli admin le modificano con {command} …",
            "ru": "Админы меняют их командой {command} …",
        },
        "setting_set": {
            "en": "{label} set.",
            "de": "{label} gesetzt.",
            "fr": "{label} : défini.",
            "it": "{label}: impostato.",
            "ru": "{label}: настройка сохранена.",
        },
        "setting_cleared": {
            "en": "{label} cleared.",
            "de": "{label} entfernt.",
            "fr": "{label} : supprimé.",
            "it": "{label}: rimosso.",
            "ru": "{label}: настройка удалена.",
        },
        "setting_mirror_on": {
            "en": "Upcoming events will be mirrored into the Events tab (the bot needs the Manage Events "
            "permission).",
            "de": "Kommende Veranstaltungen werden in den Events-Tab gespiegelt (der Bot braucht die Berechtigung "
            "„Events verwalten“).",
            "fr": "Les événements à venir seront reproduits dans l'onglet Événements (le bot a besoin de la "
            "permission « Gérer les événements »).",
            "it": "I prossimi eventi saranno riportati nella scheda Eventi (il bot ha bisogno del permesso "
            "«Gestire eventi»).",
            "ru": "Предстоящие мероприятия будут отражаться во вкладке «События» (боту нужно право «Управлять "
            "событиями»).",
        },
        "setting_mirror_off": {
            "en": "Mirror off: the events the bot created in the Events tab are removed.",
            "de": "Spiegelung aus: Die vom Bot im Events-Tab angelegten Events werden entfernt.",
            "fr": "Reflet désactivé : les événements créés par le bot dans l'onglet Événements sont supprimés.",
            "it": "Copia disattivata: gli eventi creati dal bot nella scheda Eventi vengono rimossi.",
            "ru": "Зеркало выключено: события, созданные ботом во вкладке «События», удаляются.",
        },
        "setting_not_both": {
            "en": "give a {what} or clear:true, not both",
            "de": "geben Sie {what}:… oder clear:true an, nicht beides",
            "fr": "indiquez {what}:… ou clear:true, pas les deux",
            "it": "indica {what}:… oppure clear:true, non entrambi",
            "ru": "укажите {what}:… или clear:true, но не оба сразу",
        },
        "setting_give": {
            "en": "give a {what}, or clear:true to remove the setting",
            "de": "geben Sie {what}:… an oder clear:true, um die Einstellung zu entfernen",
            "fr": "indiquez {what}:…, ou clear:true pour supprimer le paramètre",
            "it": "indica {what}:…, oppure clear:true per rimuovere l'impostazione",
            "ru": "укажите {what}:… или clear:true, чтобы удалить настройку",
        },
        "setting_not_both_clear": {
            "en": "give a {what} or clear:{what}, not both",
            "de": "geben Sie {what}:… oder clear:{what} an, nicht beides",
            "fr": "indiquez {what}:… ou clear:{what}, pas les deux",
            "it": "indica {what}:… oppure clear:{what}, non entrambi",
            "ru": "укажите {what}:… или clear:{what}, но не оба сразу",
        },
        "setting_unchanged": {
            "en": "nothing changed: {shown}",
            "de": "nichts geändert ({shown})",
            "fr": "rien n'a changé ({shown})",
            "it": "non è cambiato nulla ({shown})",
            "ru": "ничего не изменилось ({shown})",
        },
        "setting_already": {
            "en": "{label} is already {value}",
            "de": "{label}: bereits {value}",
            "fr": "{label} : déjà {value}",
            "it": "{label}: già {value}",
            "ru": "{label}: уже {value}",
        },
        "setting_saved": {
            "en": "Saved. Reminders for upcoming events were planned again.",
            "de": "Gespeichert. Die Erinnerungen an kommende Veranstaltungen wurden neu geplant.",
            "fr": "Enregistré. Les rappels des événements à venir ont été replanifiés.",
            "it": "Salvato. I promemoria dei prossimi eventi sono stati ripianificati.",
            "ru": "Сохранено. Напоминания о предстоящих мероприятиях запланированы заново.",
        },
    }
)
NOUNS = {  # a counted noun's forms by CLDR plural category (Babel), for counted()
    "poc": {
        "en": {"one": "point of contact", "other": "points of contact"},
        "de": {"one": "Kontaktstelle", "other": "Kontaktstellen"},
        "fr": {"one": "point de contact", "other": "points de contact"},
        "it": {"one": "punto di contatto", "other": "punti di contatto"},
        "ru": {"one": "контактный пункт", "few": "контактных пункта", "many": "контактных пунктов",
               "other": "контактного пункта"},
    },
    "reminder": {
        "en": {"one": "reminder", "other": "reminders"},
        "de": {"one": "Erinnerung", "other": "Erinnerungen"},
        "fr": {"one": "rappel", "other": "rappels"},
        "it": {"one": "promemoria", "other": "promemoria"},
        "ru": {"one": "напоминание", "few": "напоминания", "many": "напоминаний", "other": "напоминания"},
    },
}  # fmt: skip


def counted(count: int, noun: str, lang: str) -> str:
    """ "12 points of contact", "1 Kontaktstelle", "2 контактных пункта": the number with its noun."""
    forms = NOUNS[noun].get(lang) or NOUNS[noun]["en"]
    return f"{count} {forms.get(plural(count, lang)) or forms['other']}"


def share(value: float, lang: str) -> str:
    """A share (0-1) as a whole percentage: 50%, 50 % (CLDR)."""
    return f"{100 * value:.0f}%" if lang == "en" else format_percent(value, locale=_locale(lang))


def percent(part: int, whole: int, lang: str) -> str:
    """``part`` of ``whole`` as a whole percentage; "-" of nothing."""
    if not whole:
        return "-"
    return f"{100 * part / whole:.0f}%" if lang == "en" else share(part / whole, lang)


def answer_time(seconds: float | None, lang: str = "en") -> str:
    """A time to answer, short: 45 s, 12 min, 2.5 h (2,5 h; 45 с, 12 мин, 2,5 ч)."""
    if seconds is None:
        return "-"
    second, minute, hour = ("с", "мин", "ч") if lang == "ru" else ("s", "min", "h")
    seconds = round(seconds)
    if seconds < 90:
        return f"{seconds} {second}"
    if seconds < 5400:
        return f"{round(seconds / 60)} {minute}"
    hours = f"{seconds / 3600:.1f}"
    return f"{hours if lang == 'en' else hours.replace('.', get_decimal_symbol(_locale(lang)))} {hour}"


def weekday_name(index: int, lang: str) -> str:
    """Monday (0) to Sunday (6) in ``lang``: Montag, lundi, понедельник (CLDR)."""
    return str(Locale.parse(_locale(lang)).days["format"]["wide"][index])


def declared(english: str, key: str, lang: str, fallback: str | None = None) -> str:
    """Text whose English is declared elsewhere (a setting's label): that English, else ``key`` in ``lang``
    (``fallback`` when there is no such key)."""
    if lang == "en":
        return english
    return message(key if key in MESSAGES or fallback is None else fallback, lang)


# Refusals of the imports, server settings and communication checks (bot/services/imports.py,
# bot/services/guilds.py, bot/commchecks/, bot/commands/guild_settings.py) and the import's report in chat
# (bot/commands/events.py /event import). Option names, commands and typed values stay as they are.
MESSAGES.update(
    {
        # A file that cannot be imported at all.
        "import_unreadable": {
            "en": "cannot read {name}: {reason}",
            "de": "{name} kann nicht gelesen werden: {reason}",
            "fr": "impossible de lire {name} : {reason}",
            "it": "impossibile leggere {name}: {reason}",
            "ru": "не удаётся прочитать {name}: {reason}",
        },
        "import_not_regular": {
            "en": "{name} is not a regular file (directories, devices and pipes cannot be imported)",
            "de": "{name} ist keine gewöhnliche Datei (Verzeichnisse, Geräte und Pipes können nicht importiert werden)",
            "fr": "{name} n'est pas un fichier ordinaire (les répertoires, périphériques et tubes ne peuvent pas être importés)",
            "it": "{name} non è un file normale (cartelle, dispositivi e pipe non si possono importare)",
            "ru": "{name} — не обычный файл (каталоги, устройства и каналы импортировать нельзя)",
        },
        "import_the_file": {
            "en": "the file",
            "de": "die Datei",
            "fr": "le fichier",
            "it": "il file",
            "ru": "файл",
        },
        "import_named_file": {
            "en": "{name}",
            "de": "{name}",
            "fr": "{name}",
            "it": "{name}",
            "ru": "файл {name}",
        },
        "import_too_big": {
            "en": "{what} is {size} bytes; at most {most} bytes ({readable}) can be imported",
            "de": "{what} ist {size} Bytes groß; importiert werden können höchstens {most} Bytes ({readable})",
            "fr": "{what} fait {size} octets ; on peut importer au plus {most} octets ({readable})",
            "it": "{what} è di {size} byte; si possono importare al massimo {most} byte ({readable})",
            "ru": "{what} слишком большой ({size} Б); импортировать можно не больше {most} Б ({readable})",
        },
        "import_too_big_over": {
            "en": "{what} is over {most} bytes; at most {most} bytes ({readable}) can be imported",
            "de": "{what} ist größer als {most} Bytes; importiert werden können höchstens {most} Bytes ({readable})",
            "fr": "{what} dépasse {most} octets ; on peut importer au plus {most} octets ({readable})",
            "it": "{what} supera i {most} byte; si possono importare al massimo {most} byte ({readable})",
            "ru": "{what} слишком большой (больше {most} Б); импортировать можно не больше {most} Б ({readable})",
        },
        "import_kib": {
            "en": "{size} KiB",
            "de": "{size} KiB",
            "fr": "{size} Kio",
            "it": "{size} KiB",
            "ru": "{size} КиБ",
        },
        "import_mib": {
            "en": "{size} MiB",
            "de": "{size} MiB",
            "fr": "{size} Mio",
            "it": "{size} MiB",
            "ru": "{size} МиБ",
        },
        "import_fetch_failed": {
            "en": "could not fetch the file ({status})",
            "de": "die Datei konnte nicht abgerufen werden ({status})",
            "fr": "impossible de récupérer le fichier ({status})",
            "it": "impossibile scaricare il file ({status})",
            "ru": "не удалось получить файл ({status})",
        },
        "import_unknown_format": {
            "en": "cannot import {name}: give a .ics, .yaml, .yml, .json or .csv file",
            "de": "{name} kann nicht importiert werden: Geben Sie eine .ics-, .yaml-, .yml-, .json- oder .csv-Datei an",
            "fr": "impossible d'importer {name} : donnez un fichier .ics, .yaml, .yml, .json ou .csv",
            "it": "impossibile importare {name}: fornisci un file .ics, .yaml, .yml, .json o .csv",
            "ru": "не удаётся импортировать {name}: нужен файл .ics, .yaml, .yml, .json или .csv",
        },
        "import_not_text": {
            "en": "the file is not {encoding} text: line {line} has a byte that is not {encoding} (0x{byte}); save the file as UTF-8",
            "de": "die Datei ist kein {encoding}-Text: Zeile {line} enthält ein Byte, das kein gültiges {encoding} ist (0x{byte}); speichern Sie die Datei als UTF-8",
            "fr": "le fichier n'est pas du texte {encoding} : la ligne {line} contient un octet qui n'est pas de l'{encoding} (0x{byte}) ; enregistrez le fichier en UTF-8",
            "it": "il file non è testo {encoding}: la riga {line} contiene un byte non valido in {encoding} (0x{byte}); salva il file in UTF-8",
            "ru": "файл не в кодировке {encoding}: в строке {line} есть байт, недопустимый в {encoding} (0x{byte}); сохраните файл в UTF-8",
        },
        "import_json_deep": {
            "en": "the JSON file is nested more than {most} levels deep",
            "de": "die JSON-Datei ist mehr als {most} Ebenen tief verschachtelt",
            "fr": "le fichier JSON est imbriqué sur plus de {most} niveaux",
            "it": "il file JSON ha più di {most} livelli di annidamento",
            "ru": "в файле JSON больше {most} уровней вложенности",
        },
        "import_json_malformed": {
            "en": "the JSON file is malformed at line {line}: {problem}",
            "de": "die JSON-Datei ist in Zeile {line} fehlerhaft: {problem}",
            "fr": "le fichier JSON est mal formé à la ligne {line} : {problem}",
            "it": "il file JSON non è valido alla riga {line}: {problem}",
            "ru": "ошибка в файле JSON в строке {line}: {problem}",
        },
        "import_not_list": {
            "en": "the {what} file must hold a list of events (or {{events: [...]}})",
            "de": "die {what}-Datei muss eine Liste von Veranstaltungen enthalten (oder {{events: [...]}})",
            "fr": "le fichier {what} doit contenir une liste d'événements (ou {{events: [...]}})",
            "it": "il file {what} deve contenere un elenco di eventi (o {{events: [...]}})",
            "ru": "файл {what} должен содержать список мероприятий (или {{events: [...]}})",
        },
        "import_yaml_not_list": {
            "en": "the YAML file must hold a list of events (or events: [...])",
            "de": "die YAML-Datei muss eine Liste von Veranstaltungen enthalten (oder events: [...])",
            "fr": "le fichier YAML doit contenir une liste d'événements (ou events: [...])",
            "it": "il file YAML deve contenere un elenco di eventi (o events: [...])",
            "ru": "файл YAML должен содержать список мероприятий (или events: [...])",
        },
        "import_yaml_alias": {
            "en": "the YAML file uses an alias (*{anchor}) at line {line}; aliases are not accepted: write the value out",
            "de": "die YAML-Datei verwendet in Zeile {line} einen Alias (*{anchor}); Aliasse sind nicht erlaubt: Schreiben Sie den Wert aus",
            "fr": "le fichier YAML utilise un alias (*{anchor}) à la ligne {line} ; les alias ne sont pas acceptés : écrivez la valeur en entier",
            "it": "il file YAML usa un alias (*{anchor}) alla riga {line}; gli alias non sono ammessi: scrivi il valore per esteso",
            "ru": "в файле YAML в строке {line} используется псевдоним (*{anchor}); псевдонимы не допускаются: запишите значение полностью",
        },
        "import_yaml_malformed": {
            "en": "the YAML file is malformed: {problem}",
            "de": "die YAML-Datei ist fehlerhaft: {problem}",
            "fr": "le fichier YAML est mal formé : {problem}",
            "it": "il file YAML non è valido: {problem}",
            "ru": "ошибка в файле YAML: {problem}",
        },
        "import_yaml_malformed_at": {
            "en": "the YAML file is malformed at line {line}: {problem}",
            "de": "die YAML-Datei ist in Zeile {line} fehlerhaft: {problem}",
            "fr": "le fichier YAML est mal formé à la ligne {line} : {problem}",
            "it": "il file YAML non è valido alla riga {line}: {problem}",
            "ru": "ошибка в файле YAML в строке {line}: {problem}",
        },
        "import_yaml_deep": {
            "en": "the YAML file is nested too deeply",
            "de": "die YAML-Datei ist zu tief verschachtelt",
            "fr": "le fichier YAML est imbriqué trop profondément",
            "it": "il file YAML ha troppi livelli di annidamento",
            "ru": "в файле YAML слишком глубокая вложенность",
        },
        "import_csv_header_malformed": {
            "en": "the CSV file's header row is malformed: {problem}",
            "de": "die Kopfzeile der CSV-Datei ist fehlerhaft: {problem}",
            "fr": "la ligne d'en-tête du fichier CSV est mal formée : {problem}",
            "it": "la riga di intestazione del file CSV non è valida: {problem}",
            "ru": "ошибка в строке заголовков файла CSV: {problem}",
        },
        "import_csv_header": {
            "en": "the CSV file needs a header row with at least title and start (missing {missing}); the columns read are {columns}",
            "de": "die CSV-Datei braucht eine Kopfzeile mit mindestens title und start (es fehlt: {missing}); gelesen werden die Spalten {columns}",
            "fr": "le fichier CSV doit avoir une ligne d'en-tête avec au moins title et start (manquant : {missing}) ; les colonnes lues sont {columns}",
            "it": "il file CSV deve avere una riga di intestazione con almeno title e start (manca: {missing}); le colonne lette sono {columns}",
            "ru": "в файле CSV нужна строка заголовков как минимум с title и start (не хватает: {missing}); читаются столбцы {columns}",
        },
        "import_csv_malformed": {
            "en": "the CSV file is malformed at line {line}: {problem}",
            "de": "die CSV-Datei ist in Zeile {line} fehlerhaft: {problem}",
            "fr": "le fichier CSV est mal formé à la ligne {line} : {problem}",
            "it": "il file CSV non è valido alla riga {line}: {problem}",
            "ru": "ошибка в файле CSV в строке {line}: {problem}",
        },
        "import_not_ics": {
            "en": "not an iCalendar file: it does not start with BEGIN:VCALENDAR",
            "de": "keine iCalendar-Datei: sie beginnt nicht mit BEGIN:VCALENDAR",
            "fr": "ce n'est pas un fichier iCalendar : il ne commence pas par BEGIN:VCALENDAR",
            "it": "non è un file iCalendar: non inizia con BEGIN:VCALENDAR",
            "ru": "это не файл iCalendar: он не начинается с BEGIN:VCALENDAR",
        },
        "import_bad_ics": {
            "en": "not a valid iCalendar file: {problem}",
            "de": "keine gültige iCalendar-Datei: {problem}",
            "fr": "ce n'est pas un fichier iCalendar valide : {problem}",
            "it": "non è un file iCalendar valido: {problem}",
            "ru": "недопустимый файл iCalendar: {problem}",
        },
        # A row of a file that is refused (the others are imported), with the reason.
        "import_bool": {
            "en": "{what} must be true or false, not {raw}",
            "de": "{what} muss true oder false sein, nicht {raw}",
            "fr": "{what} doit valoir true ou false, pas {raw}",
            "it": "{what} deve essere true o false, non {raw}",
            "ru": "{what} должно быть true или false, а не {raw}",
        },
        "import_status": {
            "en": "status must be scheduled, cancelled or postponed, not {raw}",
            "de": "status muss scheduled, cancelled oder postponed sein, nicht {raw}",
            "fr": "status doit valoir scheduled, cancelled ou postponed, pas {raw}",
            "it": "status deve essere scheduled, cancelled o postponed, non {raw}",
            "ru": "status должно быть scheduled, cancelled или postponed, а не {raw}",
        },
        "import_no_title": {
            "en": "no title",
            "de": "title fehlt",
            "fr": "title manquant",
            "it": "manca title",
            "ru": "нет поля title",
        },
        "import_no_start": {
            "en": "no start",
            "de": "start fehlt",
            "fr": "start manquant",
            "it": "manca start",
            "ru": "нет поля start",
        },
        "import_no_summary": {
            "en": "no SUMMARY (title)",
            "de": "SUMMARY (Titel) fehlt",
            "fr": "SUMMARY (titre) manquant",
            "it": "manca SUMMARY (titolo)",
            "ru": "нет SUMMARY (названия)",
        },
        "import_no_dtstart": {
            "en": "no DTSTART",
            "de": "DTSTART fehlt",
            "fr": "DTSTART manquant",
            "it": "manca DTSTART",
            "ru": "нет DTSTART",
        },
        "import_not_date": {
            "en": "{what} is not a date or date-time",
            "de": "{what} ist weder ein Datum noch ein Zeitpunkt",
            "fr": "{what} n'est ni une date ni une date avec heure",
            "it": "{what} non è né una data né una data con ora",
            "ru": "{what} — не дата и не дата со временем",
        },
        "import_end_before_start": {
            "en": "the end is before the start",
            "de": "das Ende liegt vor dem Beginn",
            "fr": "la fin précède le début",
            "it": "la fine è prima dell'inizio",
            "ru": "окончание раньше начала",
        },
        "import_not_mapping": {
            "en": "not a mapping of field names to values",
            "de": "keine Zuordnung von Feldnamen zu Werten",
            "fr": "ce n'est pas une correspondance entre noms de champs et valeurs",
            "it": "non è una corrispondenza tra nomi di campo e valori",
            "ru": "это не набор пар «имя поля: значение»",
        },
        "import_unknown_field": {
            "en": "unknown field {fields} (known: {known})",
            "de": "unbekanntes Feld {fields} (bekannt: {known})",
            "fr": "champ inconnu : {fields} (champs connus : {known})",
            "it": "campo sconosciuto: {fields} (noti: {known})",
            "ru": "неизвестное поле {fields} (известные: {known})",
        },
        "import_more_values": {
            "en": "more values than columns",
            "de": "mehr Werte als Spalten",
            "fr": "plus de valeurs que de colonnes",
            "it": "più valori che colonne",
            "ru": "значений больше, чем столбцов",
        },
        "import_nothing": {
            "en": "nothing to import",
            "de": "nichts zu importieren",
            "fr": "rien à importer",
            "it": "niente da importare",
            "ru": "нечего импортировать",
        },
        "import_same_uid": {
            "en": "the same UID as {where} ({uid})",
            "de": "dieselbe UID wie {where} ({uid})",
            "fr": "UID déjà utilisé ({uid}) : {where}",
            "it": "UID già usato ({uid}): {where}",
            "ru": "этот UID ({uid}) уже встречался: {where}",
        },
        "import_uid_twice": {
            "en": "the file has more than one event with this UID",
            "de": "die Datei enthält mehr als einen Termin mit dieser UID",
            "fr": "le fichier contient plus d'un événement avec cet UID",
            "it": "il file contiene più di un evento con questo UID",
            "ru": "в файле больше одного события с этим UID",
        },
        "import_one_master": {
            "en": "the series needs exactly one event without RECURRENCE-ID",
            "de": "die Serie braucht genau einen Termin ohne RECURRENCE-ID",
            "fr": "la série doit avoir exactement un événement sans RECURRENCE-ID",
            "it": "la serie deve avere esattamente un evento senza RECURRENCE-ID",
            "ru": "в серии должно быть ровно одно событие без RECURRENCE-ID",
        },
        "import_cannot_expand": {
            "en": "cannot expand the recurrence: {problem}",
            "de": "die Wiederholung kann nicht aufgelöst werden: {problem}",
            "fr": "impossible de développer la récurrence : {problem}",
            "it": "impossibile espandere la ricorrenza: {problem}",
            "ru": "не удаётся развернуть повторение: {problem}",
        },
        "import_unreadable_value": {
            "en": "unreadable value: {problem}",
            "de": "unlesbarer Wert: {problem}",
            "fr": "valeur illisible : {problem}",
            "it": "valore illeggibile: {problem}",
            "ru": "нечитаемое значение: {problem}",
        },
        "import_every_second": {
            "en": "a series that repeats every second is not an event series",
            "de": "eine Serie, die sich jede Sekunde wiederholt, ist keine Veranstaltungsserie",
            "fr": "une série qui se répète chaque seconde n'est pas une série d'événements",
            "it": "una serie che si ripete ogni secondo non è una serie di eventi",
            "ru": "серия, повторяющаяся каждую секунду, — это не серия мероприятий",
        },
        "import_every_minute": {
            "en": "a series that repeats every minute must end (COUNT or UNTIL) within {days} days of its start",
            "de": "eine Serie, die sich jede Minute wiederholt, muss innerhalb von {days} Tagen nach ihrem Beginn enden (COUNT oder UNTIL)",
            "fr": "une série qui se répète chaque minute doit se terminer (COUNT ou UNTIL) dans les {days} jours suivant son début",
            "it": "una serie che si ripete ogni minuto deve finire (COUNT o UNTIL) entro {days} giorni dal suo inizio",
            "ru": "серия, повторяющаяся каждую минуту, должна закончиться (COUNT или UNTIL) в течение {days} дней после начала",
        },
        "import_every_hour": {
            "en": "a series that repeats every hour must end (COUNT or UNTIL) within {days} days of its start",
            "de": "eine Serie, die sich jede Stunde wiederholt, muss innerhalb von {days} Tagen nach ihrem Beginn enden (COUNT oder UNTIL)",
            "fr": "une série qui se répète chaque heure doit se terminer (COUNT ou UNTIL) dans les {days} jours suivant son début",
            "it": "una serie che si ripete ogni ora deve finire (COUNT o UNTIL) entro {days} giorni dal suo inizio",
            "ru": "серия, повторяющаяся каждый час, должна закончиться (COUNT или UNTIL) в течение {days} дней после начала",
        },
        "import_series_scanned": {
            "en": "the series has more than {most} occurrences before the window ends; it repeats too often to be imported",
            "de": "die Serie hat vor dem Ende des Zeitfensters mehr als {most} Termine; sie wiederholt sich zu oft, um importiert zu werden",
            "fr": "la série compte plus de {most} occurrences avant la fin de la période ; elle se répète trop souvent pour être importée",
            "it": "la serie ha più di {most} occorrenze prima della fine dell'intervallo; si ripete troppo spesso per essere importata",
            "ru": "в серии больше {most} повторений до конца периода; она повторяется слишком часто, чтобы её импортировать",
        },
        "import_series_window": {
            "en": "the series has more than {most} occurrences in the window; at most {most} are imported (give a shorter window)",
            "de": "die Serie hat mehr als {most} Termine im Zeitfenster; importiert werden höchstens {most} (wählen Sie ein kürzeres Zeitfenster)",
            "fr": "la série compte plus de {most} occurrences dans la période ; {most} au plus sont importées (choisissez une période plus courte)",
            "it": "la serie ha più di {most} occorrenze nell'intervallo; se ne importano al massimo {most} (indica un intervallo più breve)",
            "ru": "в серии больше {most} повторений в пределах периода; импортируется не больше {most} (укажите период короче)",
        },
        # Where a row is in its file ("line 4", "item 2", "event 3 (Title, no UID)").
        "import_at_line": {
            "en": "line {n}",
            "de": "Zeile {n}",
            "fr": "ligne {n}",
            "it": "riga {n}",
            "ru": "строка {n}",
        },
        "import_at_item": {
            "en": "item {n}",
            "de": "Eintrag {n}",
            "fr": "élément {n}",
            "it": "voce {n}",
            "ru": "элемент {n}",
        },
        "import_at_event": {
            "en": "event {n} ({title}, no UID)",
            "de": "Termin {n} ({title}, ohne UID)",
            "fr": "événement {n} ({title}, sans UID)",
            "it": "evento {n} ({title}, senza UID)",
            "ru": "событие {n} ({title}, без UID)",
        },
        "import_untitled": {
            "en": "untitled",
            "de": "ohne Titel",
            "fr": "sans titre",
            "it": "senza titolo",
            "ru": "без названия",
        },
        # The import's report in chat (/event import); the CLI and --json keep the English report.
        "import_title": {
            "en": "Import of {name}",
            "de": "Import von {name}",
            "fr": "Importation de {name}",
            "it": "Importazione di {name}",
            "ru": "Импорт файла {name}",
        },
        "import_summary": {
            "en": "{created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected.",
            "de": "Angelegt: {created}, aktualisiert: {updated}, unverändert: {unchanged}, abgelehnt: {rejected}.",
            "fr": "Créés : {created}, mis à jour : {updated}, inchangés : {unchanged}, refusés : {rejected}.",
            "it": "Creati: {created}, aggiornati: {updated}, invariati: {unchanged}, rifiutati: {rejected}.",
            "ru": "Создано: {created}, обновлено: {updated}, без изменений: {unchanged}, отклонено: {rejected}.",
        },
        "import_changed": {
            "en": "Created or updated ({count})",
            "de": "Angelegt oder aktualisiert ({count})",
            "fr": "Créés ou mis à jour ({count})",
            "it": "Creati o aggiornati ({count})",
            "ru": "Создано или обновлено ({count})",
        },
        "import_rejected": {
            "en": "Rejected ({count})",
            "de": "Abgelehnt ({count})",
            "fr": "Refusés ({count})",
            "it": "Rifiutati ({count})",
            "ru": "Отклонено ({count})",
        },
        "import_created": {"en": "created", "de": "angelegt", "fr": "créé", "it": "creato", "ru": "создано"},
        "import_updated": {
            "en": "updated",
            "de": "aktualisiert",
            "fr": "mis à jour",
            "it": "aggiornato",
            "ru": "обновлено",
        },
        "import_more": {
            "en": "… and {count} more",
            "de": "… und {count} weitere",
            "fr": "… et {count} de plus",
            "it": "… e altri {count}",
            "ru": "… и ещё {count}",
        },
        "import_footer": {
            "en": "Times without a zone were read in {zone}; importing the same file again changes nothing.",
            "de": "Zeiten ohne Zeitzone wurden in {zone} gelesen; ein erneuter Import derselben Datei ändert nichts.",
            "fr": "Les heures sans fuseau ont été lues dans le fuseau {zone} ; réimporter le même fichier ne change rien.",
            "it": "Gli orari senza fuso sono stati letti nel fuso {zone}; importare di nuovo lo stesso file non cambia nulla.",
            "ru": "Время без часового пояса прочитано в поясе {zone}; повторный импорт того же файла ничего не меняет.",
        },
        # Server settings (bot/services/guilds.py, bot/commands/guild_settings.py).
        "guild_settings_in_dm": {
            "en": "settings belong to a Discord server: change them there, not in a direct message",
            "de": "Einstellungen gehören zu einem Discord-Server: Ändern Sie sie dort, nicht in einer Direktnachricht",
            "fr": "les paramètres appartiennent à un serveur Discord : modifiez-les là-bas, pas dans un message privé",
            "it": "le impostazioni appartengono a un server Discord: modificale lì, non in un messaggio diretto",
            "ru": "настройки относятся к серверу Discord: меняйте их там, а не в личных сообщениях",
        },
        "guild_settings_where": {
            "en": "settings belong to a Discord server: use /settings there (or give guild:ID in the console)",
            "de": "Einstellungen gehören zu einem Discord-Server: Verwenden Sie dort /settings (oder geben Sie in der Konsole guild:ID an)",
            "fr": "les paramètres appartiennent à un serveur Discord : utilisez /settings sur ce serveur (ou indiquez guild:ID dans la console)",
            "it": "le impostazioni appartengono a un server Discord: usa /settings lì (o indica guild:ID nella console)",
            "ru": "настройки относятся к серверу Discord: используйте /settings там (или укажите guild:ID в консоли)",
        },
        "guild_id_digits": {
            "en": "guild must be a server id (its digits), not {raw}",
            "de": "guild muss eine Server-ID sein (nur Ziffern), nicht {raw}",
            "fr": "guild doit être un identifiant de serveur (ses chiffres), pas {raw}",
            "it": "guild deve essere l'ID di un server (le sue cifre), non {raw}",
            "ru": "guild должно быть ID сервера (только цифры), а не {raw}",
        },
        "guild_say_which": {
            "en": "say which setting to change",
            "de": "sagen Sie, welche Einstellung geändert werden soll",
            "fr": "indiquez le paramètre à modifier",
            "it": "indica quale impostazione modificare",
            "ru": "укажите, какую настройку изменить",
        },
        "guild_no_setting": {
            "en": "there is no setting {raw}; the settings are {names}",
            "de": "es gibt keine Einstellung {raw}; die Einstellungen sind {names}",
            "fr": "il n'existe pas de paramètre {raw} ; les paramètres sont {names}",
            "it": "non esiste l'impostazione {raw}; le impostazioni sono {names}",
            "ru": "настройки {raw} нет; есть такие настройки: {names}",
        },
        "guild_setting_for": {
            "en": "the {label} setting is for {role}s",
            "de": "die Einstellung „{label}“ ist Mitgliedern mit der Rolle {role} vorbehalten",
            "fr": "le paramètre « {label} » est réservé aux membres ayant le rôle {role}",
            "it": "l'impostazione «{label}» è riservata ai membri con il ruolo {role}",
            "ru": "настройка «{label}» доступна только участникам с ролью {role}",
        },
        "guild_setting_for_admins": {
            "en": "the {label} setting is for admins",
            "de": "die Einstellung „{label}“ ist Administratoren vorbehalten",
            "fr": "le paramètre « {label} » est réservé aux administrateurs",
            "it": "l'impostazione «{label}» è riservata agli amministratori",
            "ru": "настройка «{label}» доступна только администраторам",
        },
        "guild_not_clearable": {
            "en": "{label} cannot be removed, only changed",
            "de": "die Einstellung „{label}“ kann nicht entfernt, nur geändert werden",
            "fr": "le paramètre « {label} » ne peut pas être supprimé, seulement modifié",
            "it": "l'impostazione «{label}» non si può rimuovere, solo modificare",
            "ru": "настройку «{label}» нельзя удалить, только изменить",
        },
        "guild_separately": {
            "en": "change the server settings and the reminder settings separately",
            "de": "ändern Sie die Servereinstellungen und die Erinnerungseinstellungen getrennt",
            "fr": "modifiez séparément les paramètres du serveur et ceux des rappels",
            "it": "modifica separatamente le impostazioni del server e quelle dei promemoria",
            "ru": "меняйте настройки сервера и настройки напоминаний по отдельности",
        },
        "guild_no_reminders": {
            "en": "reminders are not available here",
            "de": "Erinnerungen sind hier nicht verfügbar",
            "fr": "les rappels ne sont pas disponibles ici",
            "it": "i promemoria non sono disponibili qui",
            "ru": "напоминания здесь недоступны",
        },
        "guild_not_an_id": {
            "en": "the {label} must be a Discord id",
            "de": "„{label}“ muss eine Discord-ID sein",
            "fr": "« {label} » doit être un identifiant Discord",
            "it": "«{label}» deve essere un ID Discord",
            "ru": "«{label}» должно быть ID Discord",
        },
        "guild_not_server_setting": {
            "en": "{label} is not a server setting",
            "de": "„{label}“ ist keine Servereinstellung",
            "fr": "« {label} » n'est pas un paramètre du serveur",
            "it": "«{label}» non è un'impostazione del server",
            "ru": "«{label}» — не настройка сервера",
        },
        # Communication checks and their schedules (bot/commchecks/).
        "commcheck_for_admins": {
            "en": "communication checks are for admins",
            "de": "Kommunikationstests sind Administratoren vorbehalten",
            "fr": "les tests de communication sont réservés aux administrateurs",
            "it": "i test di comunicazione sono riservati agli amministratori",
            "ru": "проверки связи доступны только администраторам",
        },
        "commcheck_choice": {
            "en": "{name} must be one of {choices}, not {raw}",
            "de": "{name} muss einer dieser Werte sein: {choices}, nicht {raw}",
            "fr": "{name} doit être l'une de ces valeurs : {choices}, pas {raw}",
            "it": "{name} deve essere uno di questi valori: {choices}, non {raw}",
            "ru": "{name} должно быть одним из значений: {choices}, а не {raw}",
        },
        "commcheck_all_confirmed": {
            "en": "every point of contact confirmed their details in the last 12 months",
            "de": "alle Kontaktstellen haben ihre Angaben in den letzten 12 Monaten bestätigt",
            "fr": "tous les points de contact ont confirmé leurs coordonnées au cours des 12 derniers mois",
            "it": "tutti i punti di contatto hanno confermato i propri dati negli ultimi 12 mesi",
            "ru": "все контактные пункты подтвердили свои данные за последние 12 месяцев",
        },
        "commcheck_no_contacts": {
            "en": "no point of contact is in that scope: add contacts with /contacts add first",
            "de": "in diesem Bereich gibt es keine Kontaktstelle: Fügen Sie zuerst Kontakte mit /contacts add hinzu",
            "fr": "aucun point de contact dans ce périmètre : ajoutez d'abord des contacts avec /contacts add",
            "it": "nessun punto di contatto in questo ambito: aggiungi prima dei contatti con /contacts add",
            "ru": "в этом охвате нет ни одного контактного пункта: сначала добавьте контакты командой /contacts add",
        },
        "commcheck_no_check": {
            "en": "there is no check #{id}",
            "de": "es gibt keinen Kommunikationstest #{id}",
            "fr": "il n'existe pas de test de communication #{id}",
            "it": "non esiste il test di comunicazione #{id}",
            "ru": "проверки связи #{id} нет",
        },
        "commcheck_already": {
            "en": "check #{id} is already {status}",
            "de": "Kommunikationstest #{id} ist bereits {status}",
            "fr": "le test de communication #{id} est déjà {status}",
            "it": "il test di comunicazione #{id} è già {status}",
            "ru": "проверка связи #{id} уже {status}",
        },
        "commcheck_no_schedule": {
            "en": "there is no active schedule #{id}",
            "de": "es gibt keinen aktiven Plan #{id}",
            "fr": "il n'existe pas de planning actif #{id}",
            "it": "non esiste una pianificazione attiva #{id}",
            "ru": "активного расписания #{id} нет",
        },
        "commcheck_no_correction": {
            "en": "there is no pending correction #{id}",
            "de": "es gibt keine offene Korrektur #{id}",
            "fr": "il n'existe pas de correction en attente #{id}",
            "it": "non esiste una correzione in sospeso #{id}",
            "ru": "ожидающего исправления #{id} нет",
        },
        "commcheck_decided": {
            "en": "correction #{id} was decided meanwhile",
            "de": "über Korrektur #{id} wurde inzwischen entschieden",
            "fr": "la correction #{id} a été traitée entre-temps",
            "it": "sulla correzione #{id} si è già deciso nel frattempo",
            "ru": "по исправлению #{id} тем временем уже принято решение",
        },
        "commcheck_cannot_correct": {
            "en": "cannot correct {fields}",
            "de": "{fields} kann nicht korrigiert werden",
            "fr": "impossible de corriger {fields}",
            "it": "impossibile correggere {fields}",
            "ru": "нельзя исправить {fields}",
        },
        "commcheck_too_many_countries": {
            "en": "at most 100 countries in one check",
            "de": "höchstens 100 Länder in einem Kommunikationstest",
            "fr": "100 pays au plus par test de communication",
            "it": "al massimo 100 paesi in un test di comunicazione",
            "ru": "не больше 100 стран в одной проверке связи",
        },
        "commcheck_deadline_form": {
            "en": "deadline must be a duration such as 2h, 90m or 1d12h, not {raw}",
            "de": "deadline muss eine Dauer wie 2h, 90m oder 1d12h sein, nicht {raw}",
            "fr": "deadline doit être une durée comme 2h, 90m ou 1d12h, pas {raw}",
            "it": "deadline deve essere una durata come 2h, 90m o 1d12h, non {raw}",
            "ru": "deadline должно быть длительностью вроде 2h, 90m или 1d12h, а не {raw}",
        },
        "commcheck_deadline_long": {
            "en": "deadline {raw} is too long",
            "de": "deadline {raw} ist zu lang",
            "fr": "le délai deadline {raw} est trop long",
            "it": "la durata deadline {raw} è troppo lunga",
            "ru": "срок deadline {raw} слишком велик",
        },
        "commcheck_deadline_range": {
            "en": "deadline must be between 1 minute and 30 days",
            "de": "deadline muss zwischen 1 Minute und 30 Tagen liegen",
            "fr": "deadline doit se situer entre 1 minute et 30 jours",
            "it": "deadline deve essere tra 1 minuto e 30 giorni",
            "ru": "deadline должно быть от 1 минуты до 30 дней",
        },
        "commcheck_time_form": {
            "en": "time must be HH:MM (24-hour clock), not {raw}",
            "de": "time muss im Format HH:MM (24-Stunden-Uhr) angegeben werden, nicht {raw}",
            "fr": "time doit être au format HH:MM (sur 24 heures), pas {raw}",
            "it": "time deve essere nel formato HH:MM (24 ore), non {raw}",
            "ru": "time должно быть в формате HH:MM (24-часовой), а не {raw}",
        },
    }
)

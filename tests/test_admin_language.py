"""The contacts, communication-check and server-settings commands answer in the asker's language (Discord's
client locale): no English label reaches a German, French, Italian or Russian reply, and the native words
(and grammar) a reader expects are there. The contacts' own data (names, addresses) and what is typed
(option:value, the audit log's recorded actions) stay as they are; English replies are checked elsewhere
(tests/test_contacts_directory.py, tests/test_commchecks_discord.py, tests/test_settings.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.commands import REGISTRY
from bot.console import make_context
from bot.services.contacts import ContactDraft
from bot.services.principal import OPERATOR, Principal, Role
from bot.text import render_text
from tests.helpers import make_bot, run_slash

ADMIN = {"admin": True, "roles": ("directory",), "user_id": 5}
CONSOLE_ADMIN = Principal("console:admin", "admin", frozenset({Role.admin, Role.directory}))
LANGS = ("de", "fr", "it", "ru")
SAME = {"it": {"Estonia", "Austria"}}  # the language's own name is the English one


@pytest.fixture
async def bot(app):
    for draft in (
        ContactDraft(
            country="Estonia",
            name="Kati Tamm",
            type="technical",
            email="kati@example.ee",
            phone="+372 600 0000",
            languages=["et", "en"],
            last_verified=dt.date(2024, 3, 1),
        ),
        ContactDraft(country="Germany", name="Anna Weber", type="policy", phone="+49 30 1234567"),
    ):
        await app.contacts.add(draft, OPERATOR, app.now())
    client = await make_bot(app)
    yield client
    await client.close()


def _seen(sent) -> str:
    """What the reader sees: every reply's text and its buttons' labels, without what is typed
    (option:value) or is the contacts' own data."""
    text = "\n".join(s.text + "\n" + "\n".join(b.get("label", "") for b in s.buttons) for s in sent)
    text = _spaces(text)
    text = re.sub(r"\S+:\S*\d\S*|\b[a-z_]+:[a-z#]+\b", " ", text)  # scope:all, id:N, channel:#…
    text = re.sub(r"(?m)^(`.*?) · .*$", r"\1", text)  # the audit log's recorded details
    for data in ("Kati Tamm", "Anna Weber", "kati@example.ee", "contact.lookup", "contact.create"):
        text = text.replace(data, " ")
    return text


def _spaces(text: str) -> str:
    """CLDR puts no-break spaces in numbers, units and dates ("50 %", "1 semaine"); compare plain ones."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _english(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(" + pattern + r")(?!\w)", re.MULTILINE)


CONTACT_ENGLISH = _english(
    r"Points? of contact|point of contact|Email:|Phone:|Languages:|Confirmed|Never confirmed|never confirmed|"
    r"over 12 months ago|Gaps in the directory|Personal data|audit log|No point of contact|Not confirmed|"
    r"participating States|need attention|Added contact|Changed contact|Removed contact|Recorded in|"
    r"Audit log|newest entries|No entries|Policy|Technical|is no longer|by discord|from discord|Estonia|"
    r"Germany|Switzerland|no country|has that name"
)
CHECK_ENGLISH = _english(
    r"Communication checks?|started|points of contact|pings|usable channel|Reminder to the unanswered|"
    r"colleagues asked|Deadline|deadline|Report so far|Schedule|runs|First run|Checks and schedules|"
    r"No check yet|In time|Late|No answer|Undeliverable|no answer|undeliverable|Outcome|Reachability|"
    r"delivered|acknowledged|Trend|Not reached|Per-state|were asked|Median|Confirmation round|"
    r"Corrections to review|Gaps|None waiting|Give either|cancelled|removed|open|quarterly|"
    r"on the first|policy|technical|none|Estonia|Germany"
)
SETTINGS_ENGLISH = _english(
    r"Server settings|Trusted server|yes \(in|no \(not in|Organiser role|Directory role|Time zone|"
    r"Mirror to the Events tab|Reminder channel|Reminders|Before each event|Role pinged|Kinds|Countries|"
    r"Weekly digest|Digest day|Digest time|not set|the bot's default|Admins change|Saved|planned again|"
    r"Tuesday|weeks?|days?|hours?|Conference|Austria|cleared|Nothing changed|already|give a|"
    r"^on$|^off$|^none$|^all$"
)

CONTACT_WORDS = {
    "de": (
        "Kontaktstellen: Estland",
        "#1 Technische Kontaktstelle",
        "Bestätigt am 1. März 2024",
        "Kontaktstellen: Lücken",
        "VBM 8",
        "Österreich",
        "Politische Kontaktstelle (Schweiz): Hans Muster.",
        "Kontakt #3 geändert",
        "Kontakt #3 entfernt",
        "Protokoll",
        "Lücken im Verzeichnis",
        "„Atlantis“",
    ),
    "fr": (
        "Points de contact : Estonie",
        "#1 Point de contact technique",
        "Confirmé le 1 mars 2024",
        "Points de contact : lacunes",
        "MDC 8",
        "Autriche",
        "Point de contact politique (Suisse) : Hans Muster.",
        "Contact #3 modifié",
        "Contact #3 supprimé",
        "Journal d'audit",
        "Lacunes de l'annuaire",
        "« Atlantis »",
    ),
    "it": (
        "Punti di contatto: Estonia",
        "#1 Punto di contatto tecnico",
        "Confermato il 1 marzo 2024",
        "Punti di contatto: lacune",
        "MRF 8",
        "Bosnia ed Erzegovina",
        "Punto di contatto politico (Svizzera): Hans Muster.",
        "Contatto #3 modificato",
        "Contatto #3 rimosso",
        "Registro delle attività",
        "Lacune della rubrica",
        "«Atlantis»",
    ),
    "ru": (
        "Контактные пункты: Эстония",
        "#1 Технический контактный пункт",
        "Подтверждено 1 марта 2024",
        "Контактные пункты: пробелы",
        "МД 8",
        "Австрия",
        "Политический контактный пункт (Швейцария): Hans Muster.",
        "Контакт #3 изменён",
        "Контакт #3 удалён",
        "Журнал аудита",
        "Пробелы в справочнике",
        "Государства или партнёра с названием «Atlantis» нет",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
async def test_contacts_commands_reply_in_the_readers_language(bot, lang):
    seen = []
    for line in (
        "/contact country:Estonia",
        "/contact country:Estonia type:policy",
        "/contacts missing",
        '/contacts add country:Switzerland name:"Hans Muster" type:policy',
        "/contacts edit id:3 organisation:Bundesamt",
        "/contacts remove id:3",
        "/audit limit:5",
        "/contact country:Atlantis",
    ):
        sent = await run_slash(bot, line, locale=lang, **ADMIN)
        assert sent and sent[0].ephemeral, line
        text = _seen(sent)
        leaks = set(CONTACT_ENGLISH.findall(text.replace("Hans Muster", " "))) - SAME.get(lang, set())
        assert not leaks, (line, leaks, text)
        seen.append(text)
    everything = "\n".join(seen)
    for word in CONTACT_WORDS[lang]:
        assert word in everything, (word, everything)
    assert "Kati Tamm" in "\n".join(s.text for s in await run_slash(bot, "/contact country:Estonia", **ADMIN))


CHECK_WORDS = {
    "de": (
        "Kommunikationstest #1 gestartet: 2 Kontaktstellen",
        "Frist",
        "am ersten Mittwoch",
        "vierteljährlich",
        "Kommunikationstests",
        "Nicht zustellbar: 2 (100 %)",
        "Angefragte Kontaktstellen: 2",
        "Bestätigungsrunde",
        "Zu prüfende Korrekturen",
        "Keine offen.",
        "Plan #1 gelöscht",
        "/kommunikationstest zusammenfassung",
        "Deutschland (politisch): nicht zustellbar",
    ),
    "fr": (
        "Test de communication #1 lancé : 2 points de contact",
        "Échéance",
        "le premier mercredi",
        "chaque trimestre",
        "Tests de communication",
        "Non distribuable : 2 (100 %)",
        "sollicités : 2",
        "Tour de confirmation",
        "Corrections à examiner",
        "Aucune en attente.",
        "Planning #1 supprimé",
        "/test-communication resume",
        "Allemagne (politique) : non distribuable",
    ),
    "it": (
        "Test di comunicazione #1 avviato: 2 punti di contatto",
        "Scadenza",
        "il primo mercoledì",
        "ogni trimestre",
        "Test di comunicazione",
        "Non recapitabile: 2 (100%)",
        "interpellati: 2",
        "Giro di conferma",
        "Correzioni da esaminare",
        "Nessuna in attesa.",
        "Pianificazione #1 rimossa",
        "/test-comunicazione riepilogo",
        "Germania (politico): non recapitabile",
    ),
    "ru": (
        "Проверка связи #1 начата: 2 контактных пункта",
        "Срок",
        "в первую среду",
        "ежеквартально",
        "Проверки связи",
        "Не доставлено: 2 (100 %)",
        "Опрошено контактных пунктов: 2",
        "Раунд подтверждения",
        "Исправления на проверку",
        "Ожидающих нет.",
        "Расписание #1 удалено",
        "/проверка-связи сводка",
        "Германия (политический): не доставлено",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
async def test_communication_check_commands_reply_in_the_readers_language(bot, app, lang):
    seen = []
    for line in (
        "/commcheck start scope:all deadline:2h",
        "/commcheck schedule every:quarterly weekday:wed time:10:00 scope:technical deadline:1d",
        "/commcheck list",
        "/commcheck summary id:1",
        "/commcheck cancel",
        "/commcheck cancel schedule:1",
        "/contacts confirm-round everyone:true",
        "/contacts corrections",
    ):
        sent = await run_slash(bot, line, locale=lang, **ADMIN)
        text = _seen(sent)
        leaks = set(CHECK_ENGLISH.findall(text)) - SAME.get(lang, set())
        assert not leaks, (line, leaks, text)
        seen.append(text)
    # The full report (chart and files on Discord, which stay English) read where it is only text.
    ctx = make_context(app, CONSOLE_ADMIN)
    ctx.locale = lang
    report = _spaces(render_text(await REGISTRY.handle_message(ctx, "/commcheck report id:1")))
    plain = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d \S+|=+", " ", report)  # the console's own time format
    leaks = set(CHECK_ENGLISH.findall(plain)) - SAME.get(lang, set())
    assert not leaks, (leaks, report)
    seen.append(report)
    everything = "\n".join(seen)
    for word in CHECK_WORDS[lang]:
        assert word in everything, (word, everything)


SETTINGS_WORDS = {
    "de": (
        "Servereinstellungen",
        "Vertrauenswürdiger Server",
        "nicht gesetzt (Europe/Vienna, Standard des Bots)",
        "1 Woche 2 Stunden und 1 Tag",
        "Dienstag",
        "Konferenz",
        "Österreich",
        "Gespeichert.",
        "Zeitzone gesetzt.",
        "Nichts geändert",
        "/einstellungen …",
        "an",
    ),
    "fr": (
        "Paramètres du serveur",
        "Serveur de confiance",
        "non défini (Europe/Vienna, valeur par défaut du bot)",
        "1 semaine 2 heures et 1 jour",
        "mardi",
        "Conférence",
        "Autriche",
        "Enregistré.",
        "Fuseau horaire : défini.",
        "Rien n'a changé",
        "/parametres …",
        "activé",
    ),
    "it": (
        "Impostazioni del server",
        "Server attendibile",
        "non impostato (Europe/Vienna, predefinito del bot)",
        "1 settimana 2 ore e 1 giorno",
        "martedì",
        "Conferenza",
        "Austria",
        "Salvato.",
        "Fuso orario: impostato.",
        "Non è cambiato nulla",
        "/impostazioni …",
        "attivo",
    ),
    "ru": (
        "Настройки сервера",
        "Доверенный сервер",
        "не задан (по умолчанию у бота: Europe/Vienna)",
        "За сколько до каждого мероприятия",
        "1 неделю 2 часа и 1 день",
        "вторник",
        "Конференция",
        "Австрия",
        "Сохранено.",
        "Часовой пояс: настройка сохранена.",
        "Ничего не изменилось",
        "/настройки …",
        "вкл.",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
async def test_server_settings_commands_reply_in_the_readers_language(bot, lang):
    seen = []
    for line in (
        "/settings show",
        "/settings reminders offsets:1w2h,1d kinds:conference countries:Austria digest_day:tuesday",
        "/settings timezone zone:Europe/Vienna",
        "/settings timezone zone:Europe/Vienna",  # nothing changed
        "/settings timezone clear:true",
        "/settings organiser-role",  # neither a role nor clear:true
    ):
        sent = await run_slash(bot, line, locale=lang, **ADMIN)
        text = _seen(sent)
        leaks = set(SETTINGS_ENGLISH.findall(text)) - SAME.get(lang, set())
        assert not leaks, (line, leaks, text)
        seen.append(text)
    everything = "\n".join(seen)
    for word in SETTINGS_WORDS[lang]:
        assert word in everything, (word, everything)


def test_the_checks_can_fail():
    english = "Points of contact: Estonia\nConfirmed 2024-03-01 (over 12 months ago)\n[Gaps in the directory]"
    assert CONTACT_ENGLISH.findall(english) == [
        "Points of contact",
        "Estonia",
        "Confirmed",
        "over 12 months ago",
        "Gaps in the directory",
    ]
    assert CHECK_ENGLISH.findall("No answer: 1 (50%)\nundeliverable") == ["No answer", "undeliverable"]
    assert SETTINGS_ENGLISH.findall("Reminders\non\nDigest day\nTuesday") == [
        "Reminders",
        "on",
        "Digest day",
        "Tuesday",
    ]
    assert _seen([]) == ""


SCHEDULE = "/commcheck schedule every:quarterly weekday:wed time:10:00 scope:technical deadline:1d"


async def test_english_replies_are_as_they_were(bot):
    """English (and the console) keep their words exactly; the single-setting commands included."""
    expected = {
        "/contact country:Estonia": "Points of contact: Estonia\n1 point of contact for Estonia.\n"
        "#1 Technical\n**Kati Tamm**\nEmail: kati@example.ee\nPhone: +372 600 0000\nLanguages: et, en\n"
        "Confirmed 2024-03-01 (over 12 months ago)\n"
        "Personal data: do not pass it on · this lookup is in the audit log",
        SCHEDULE: "Schedule #1\nA technical check runs quarterly on the first wed at 10:00 (Europe/Vienna). "
        "First run: T.",
        "/commcheck list": "Communication checks\nSchedule #1 · quarterly\n"
        "first wed at 10:00 (Europe/Vienna), technical; next T",
        "/settings timezone zone:Europe/Vienna": "Server settings\nTime zone set.\nTrusted server\n",
    }
    for line, text in expected.items():
        sent = await run_slash(bot, line, **ADMIN)
        seen = re.sub(r"<t:\d+:F>", "T", sent[0].text)
        assert seen.startswith(text), (line, seen)
    again = await run_slash(bot, "/settings timezone zone:Europe/Vienna", **ADMIN)
    assert again[0].content == "Nothing changed: time zone is already Europe/Vienna."
    settings = (await run_slash(bot, "/settings show", **ADMIN))[0].text
    assert "\nBefore each event\n1 week, 1 day, 1 hour\nRole pinged\nnone\nKinds\nall\n" in settings


@pytest.mark.parametrize(
    ("lang", "admins", "organisers", "at_least"),
    [
        ("de", "/einstellungen zeitzone ist Administratoren vorbehalten.",
         "/veranstaltung absagen ist Mitgliedern mit der Rolle organiser vorbehalten.",
         "Id muss mindestens 1 sein."),
        ("fr", "/parametres fuseau est réservé aux administrateurs.",
         "/evenement annuler est réservé aux membres ayant le rôle organiser.", "Id doit valoir au moins 1."),
        ("it", "/impostazioni fuso è riservato agli amministratori.",
         "/evento annulla è riservato ai membri con il ruolo organiser.", "Id deve essere almeno 1."),
        ("ru", "/настройки часовой-пояс доступна только администраторам.",
         "/мероприятие отменить доступна только участникам с ролью organiser.",
         "Id должно быть не меньше 1."),
        ("en", "/settings timezone is for admins.", "/event cancel is for members with the organiser role.",
         "Id must be at least 1."),
    ],
)  # fmt: skip
async def test_the_command_layers_refusals_follow_the_reader(bot, lang, admins, organisers, at_least):
    """The refusals every command shares (no right to it, an option out of range) are said in the reader's
    language, naming the command as that reader's client shows it; English word for word as before."""
    sent = await run_slash(bot, "/settings timezone zone:Europe/Berlin", locale=lang)
    assert sent[0].text == admins and sent[0].ephemeral
    sent = await run_slash(bot, "/event cancel id:1", locale=lang)
    assert sent[0].text == organisers
    sent = await run_slash(bot, "/event show id:0", locale=lang)
    assert sent[0].text == at_least

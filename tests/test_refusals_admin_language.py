# ruff: noqa: E501  (sentences in five languages read better unbroken)
"""The refusals of imports, server settings and communication checks in the asker's language (Discord's
client locale): a file too big, unreadable or of an unknown format, the import's report with its rejected
rows, a settings change the service refuses, an unknown check, a schedule that cannot be read. The English
(``str(error)``: the CLI, the logs, --json) stays word for word what it was."""

from __future__ import annotations

import datetime as dt

import discord
import pytest

from bot.app import App
from bot.commands import REGISTRY
from bot.commands.base import Context
from bot.commchecks.schedule import parse_deadline, parse_time
from bot.console import TextTimes
from bot.errors import BadInput, CbmError, Forbidden, NotFound
from bot.services.imports import read_rows, too_big
from bot.services.principal import OPERATOR, Principal
from bot.timeutil import zone
from tests.helpers import interaction_payload, make_bot, recording, run_slash

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
ADMIN = {"admin": True, "roles": ("organiser", "directory"), "user_id": 5}
LANGS = ("de", "fr", "it", "ru")
MEMBER = Principal("console:m", "m", frozenset())
WINDOW = (NOW - dt.timedelta(days=365), NOW + dt.timedelta(days=730))


def _plain(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


@pytest.fixture
async def limited(settings):
    """The application with CBMBOT_IMPORT_MAX_BYTES=2048."""
    app = App(settings.model_copy(update={"import_max_bytes": 2048}), clock=lambda: NOW)
    yield app
    await app.close()


@pytest.fixture
async def bot(limited):
    client = await make_bot(limited)
    yield client
    await client.close()


async def attach(bot, filename: str, data: bytes, lang: str, size: int | None = None) -> str:
    """`/event import` with an attachment, as an organiser whose client speaks ``lang``: the reply's text."""

    async def read(self, *, use_cached=False):
        return data

    original = discord.Attachment.read
    discord.Attachment.read = read  # type: ignore[method-assign]
    try:
        payload = interaction_payload(bot, "/event import file:777", roles=("organiser",), locale=lang)
        payload["data"]["options"][0]["options"][0]["value"] = "777"
        payload["data"]["resolved"] = {"attachments": {"777": {
            "id": "777", "filename": filename, "size": len(data) if size is None else size,
            "url": f"https://cdn.invalid/{filename}", "proxy_url": f"https://cdn.invalid/{filename}",
            "content_type": "text/plain"}}}  # fmt: skip
        with recording() as adapter:
            await bot.tree._call(discord.Interaction(data=payload, state=bot._connection))
        return _plain(adapter.sent[-1].text)
    finally:
        discord.Attachment.read = original  # type: ignore[method-assign]


# ---------------------------------------------------------------------------------------------- imports

TOO_BIG = {
    "de": "'big.csv' ist 3000 Bytes groß; importiert werden können höchstens 2048 Bytes (2 KiB)",
    "fr": "'big.csv' fait 3000 octets ; on peut importer au plus 2048 octets (2 Kio)",
    "it": "'big.csv' è di 3000 byte; si possono importare al massimo 2048 byte (2 KiB)",
    "ru": "Файл 'big.csv' слишком большой (3000 Б); импортировать можно не больше 2048 Б (2 КиБ)",
}
UNKNOWN_FORMAT = {
    "de": "'notes.txt' kann nicht importiert werden: Geben Sie eine .ics-, .yaml-, .yml-, .json- oder .csv-Datei an",
    "fr": "Impossible d'importer 'notes.txt' : donnez un fichier .ics, .yaml, .yml, .json ou .csv",
    "it": "Impossibile importare 'notes.txt': fornisci un file .ics, .yaml, .yml, .json o .csv",
    "ru": "Не удаётся импортировать 'notes.txt': нужен файл .ics, .yaml, .yml, .json или .csv",
}
NOT_UTF8 = {
    "de": "Die Datei ist kein UTF-8-Text: Zeile 2 enthält ein Byte, das kein gültiges UTF-8 ist (0xE9)",
    "fr": "Le fichier n'est pas du texte UTF-8 : la ligne 2 contient un octet qui n'est pas de l'UTF-8 (0xE9)",
    "it": "Il file non è testo UTF-8: la riga 2 contiene un byte non valido in UTF-8 (0xE9)",
    "ru": "Файл не в кодировке UTF-8: в строке 2 есть байт, недопустимый в UTF-8 (0xE9)",
}
REPORT = {  # the summary, the rejected rows' heading and one rejected row (its place and reason)
    "de": ("Angelegt: 1, aktualisiert: 0, unverändert: 0, abgelehnt: 2.", "Abgelehnt (2)", "Zeile 3: start fehlt",
           "Import von rows.csv", "Zeiten ohne Zeitzone wurden in"),
    "fr": ("Créés : 1, mis à jour : 0, inchangés : 0, refusés : 2.", "Refusés (2)", "ligne 3: start manquant",
           "Importation de rows.csv", "Les heures sans fuseau ont été lues"),
    "it": ("Creati: 1, aggiornati: 0, invariati: 0, rifiutati: 2.", "Rifiutati (2)", "riga 3: manca start",
           "Importazione di rows.csv", "Gli orari senza fuso sono stati letti"),
    "ru": ("Создано: 1, обновлено: 0, без изменений: 0, отклонено: 2.", "Отклонено (2)", "строка 3: нет поля start",
           "Импорт файла rows.csv", "Время без часового пояса прочитано"),
}  # fmt: skip
ROWS = b"uid,title,start,online\nr-1,Workshop,2027-03-01,no\nr-2,No start,,no\nr-3,Odd,2027-03-02,maybe\n"
ONLINE = {
    "de": "online muss true oder false sein, nicht 'maybe'",
    "fr": "online doit valoir true ou false, pas 'maybe'",
    "it": "online deve essere true o false, non 'maybe'",
    "ru": "online должно быть true или false, а не 'maybe'",
}


@pytest.mark.parametrize("lang", LANGS)
async def test_a_file_refused_on_discord_in_the_readers_language(bot, lang):
    text = await attach(bot, "big.csv", b"x" * 3000, lang)
    assert TOO_BIG[lang] in text, text
    assert "can be imported" not in text and "bytes" not in text

    text = await attach(bot, "notes.txt", b"title,start\n", lang)
    assert UNKNOWN_FORMAT[lang] in text, text
    assert "cannot import" not in text

    text = await attach(bot, "latin.csv", b"title,start\nCaf\xe9,2027-03-01\n", lang)
    assert NOT_UTF8[lang] in text, text
    assert "save the file" not in text


@pytest.mark.parametrize("lang", LANGS)
async def test_the_import_report_and_its_rejected_rows_in_the_readers_language(bot, lang):
    text = await attach(bot, "rows.csv", ROWS, lang)
    summary, heading, row, title, footer = REPORT[lang]
    for part in (summary, heading, row, title, footer, ONLINE[lang]):
        assert part in text, (part, text)
    for english in ("created", "Rejected", "line 3", "no start", "must be true or false", "Times without"):
        assert english not in text, (english, text)


async def test_the_import_report_stays_english_for_english_readers_and_the_cli(limited, bot):
    text = await attach(bot, "rows.csv", ROWS, "en-US")
    assert "1 created, 0 updated, 0 unchanged, 2 rejected." in text, text
    assert "line 3: no start" in text and "line 4: online must be true or false, not 'maybe'" in text
    assert "Import of rows.csv" in text and "Times without a zone were read in" in text
    report = await limited.imports.import_file("rows.csv", ROWS, OPERATOR, NOW, default_zone=zone("UTC"))
    assert report.summary().startswith("rows.csv: 0 created, ") and report.summary().endswith(", 2 rejected")
    assert report.lines()[1:] == [
        "rejected line 3: no start",
        "rejected line 4: online must be true or false, not 'maybe'",
    ]
    assert report.as_json()["rows"][1]["reason"] == "no start"
    assert report.rejected[0].reason_in("it") == "manca start"
    assert report.rejected[0].where_in("de") == "Zeile 3"


def test_file_refusals_keep_their_english_and_say_it_in_each_language():
    big = too_big("big.csv", 3000, 2048)
    assert str(big) == "'big.csv' is 3000 bytes; at most 2048 bytes (2 KiB) can be imported"
    assert big.said("de") == TOO_BIG["de"]
    grew = too_big(None, None, 6 * 2**20 + 2**19)
    assert str(grew) == "the file is over 6815744 bytes; at most 6815744 bytes (6.5 MiB) can be imported"
    assert grew.said("fr") == (
        "le fichier dépasse 6815744 octets ; on peut importer au plus 6815744 octets (6,5 Mio)"
    )
    assert grew.said("ru").startswith("файл слишком большой (больше 6815744 Б)")
    cases = (
        ("a.json", b"[1, ", "the JSON file is malformed at line 1: Expecting value", "die JSON-Datei ist in Zeile 1"),
        ("a.yaml", b"title: x\n", "the YAML file must hold a list of events (or events: [...])",
         "il file YAML deve contenere un elenco di eventi"),
        ("a.csv", b"name,when\nx,y\n", "the CSV file needs a header row with at least title and start "
         "(missing title, start)", "в файле CSV нужна строка заголовков"),
        ("a.ics", b"BEGIN:VEVENT\nEND:VEVENT\n", "not an iCalendar file", "ce n'est pas un fichier iCalendar"),
    )  # fmt: skip
    for name, data, english, said in cases:
        with pytest.raises(BadInput) as refused:
            read_rows(name, data, zone("UTC"), WINDOW)
        assert str(refused.value).startswith(english), str(refused.value)
        assert said in " ".join(refused.value.said(lang) for lang in LANGS), said


def test_a_rows_reason_is_said_in_each_language():
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:every@x\r\nSUMMARY:Ping\r\n"
        b"DTSTART:20261201T090000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    [row] = read_rows("a.ics", ics, zone("UTC"), WINDOW)
    assert str(row.problem) == "a series that repeats every second is not an event series"
    assert (
        row.refusal.said("de")
        == "eine Serie, die sich jede Sekunde wiederholt, ist keine Veranstaltungsserie"
    )
    assert row.refusal.said("ru") == "серия, повторяющаяся каждую секунду, — это не серия мероприятий"


# ---------------------------------------------------------------------------------------------- settings

SETTING_REFUSALS = {  # (English, de, fr, it, ru)
    "dm": ("settings belong to a Discord server: change them there, not in a direct message",
           "Einstellungen gehören zu einem Discord-Server: Ändern Sie sie dort, nicht in einer Direktnachricht",
           "les paramètres appartiennent à un serveur Discord : modifiez-les là-bas, pas dans un message privé",
           "le impostazioni appartengono a un server Discord: modificale lì, non in un messaggio diretto",
           "настройки относятся к серверу Discord: меняйте их там, а не в личных сообщениях"),
    "unknown": ("there is no setting 'colour'; the settings are organiser_role",
                "es gibt keine Einstellung 'colour'; die Einstellungen sind organiser_role",
                "il n'existe pas de paramètre 'colour' ; les paramètres sont organiser_role",
                "non esiste l'impostazione 'colour'; le impostazioni sono organiser_role",
                "настройки 'colour' нет; есть такие настройки: organiser_role"),
    "admins": ("the time zone setting is for admins",
               "die Einstellung „Zeitzone“ ist Administratoren vorbehalten",
               "le paramètre « Fuseau horaire » est réservé aux administrateurs",
               "l'impostazione «Fuso orario» è riservata agli amministratori",
               "настройка «Часовой пояс» доступна только администраторам"),
    "keep": ("weekly digest cannot be removed, only changed",
             "die Einstellung „Wochenübersicht“ kann nicht entfernt, nur geändert werden",
             "le paramètre « Résumé hebdomadaire » ne peut pas être supprimé, seulement modifié",
             "l'impostazione «Riepilogo settimanale» non si può rimuovere, solo modificare",
             "настройку «Еженедельная сводка» нельзя удалить, только изменить"),
    "apart": ("change the server settings and the reminder settings separately",
              "ändern Sie die Servereinstellungen und die Erinnerungseinstellungen getrennt",
              "modifiez séparément les paramètres du serveur et ceux des rappels",
              "modifica separatamente le impostazioni del server e quelle dei promemoria",
              "меняйте настройки сервера и настройки напоминаний по отдельности"),
}  # fmt: skip


async def test_the_settings_service_refuses_in_each_language(limited):
    guilds, admin = limited.guilds, OPERATOR
    attempts = {
        "dm": guilds.change(None, {"timezone": "UTC"}, admin, NOW),
        "unknown": guilds.change(1, {"colour": "red"}, admin, NOW),
        "admins": guilds.change(1, {"timezone": "UTC"}, MEMBER, NOW),
        "keep": guilds.change(1, {"digest": None}, admin, NOW),
        "apart": guilds.change(1, {"timezone": "UTC", "digest": True}, admin, NOW),
    }
    for what, attempt in attempts.items():
        with pytest.raises(CbmError) as refused:
            await attempt
        english, *others = SETTING_REFUSALS[what]
        assert str(refused.value).startswith(english), str(refused.value)
        for lang, said in zip(LANGS, others, strict=True):
            assert refused.value.said(lang).startswith(said), refused.value.said(lang)
    assert isinstance(refused.value, BadInput)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Guild must be a server id (its digits), not 'abc'."),
        ("de", "Guild muss eine Server-ID sein (nur Ziffern), nicht 'abc'."),
        ("fr", "Guild doit être un identifiant de serveur (ses chiffres), pas 'abc'."),
        ("it", "Guild deve essere l'ID di un server (le sue cifre), non 'abc'."),
        ("ru", "Guild должно быть ID сервера (только цифры), а не 'abc'."),
    ],
)
async def test_a_server_id_that_is_not_one_is_refused_in_the_readers_language(limited, lang, expected):
    ctx = Context(app=limited, principal=OPERATOR, now=NOW, times=TextTimes(limited.settings.zone),
                  zone=limited.settings.zone, transport="console", locale=lang)  # fmt: skip
    reply = await REGISTRY.handle_message(ctx, "/settings show guild:abc")
    assert not reply.ok and reply.text == expected, reply.text


# ---------------------------------------------------------------------------------------------- checks

CHECK_REFUSALS = {  # a command and what the reader is told, by language
    "/commcheck report id:999": {
        "de": "Es gibt keinen Kommunikationstest #999.",
        "fr": "Il n'existe pas de test de communication #999.",
        "it": "Non esiste il test di comunicazione #999.",
        "ru": "Проверки связи #999 нет.",
    },
    "/commcheck cancel schedule:77": {
        "de": "Es gibt keinen aktiven Plan #77.",
        "fr": "Il n'existe pas de planning actif #77.",
        "it": "Non esiste una pianificazione attiva #77.",
        "ru": "Активного расписания #77 нет.",
    },
    "/commcheck schedule every:quarterly weekday:mon time:25:00 scope:all deadline:2h": {
        "de": "Time muss im Format HH:MM (24-Stunden-Uhr) angegeben werden, nicht '25:00'.",
        "fr": "Time doit être au format HH:MM (sur 24 heures), pas '25:00'.",
        "it": "Time deve essere nel formato HH:MM (24 ore), non '25:00'.",
        "ru": "Time должно быть в формате HH:MM (24-часовой), а не '25:00'.",
    },
    "/commcheck schedule every:quarterly weekday:mon time:10:00 scope:all deadline:soon": {
        "de": "Deadline muss eine Dauer wie 2h, 90m oder 1d12h sein, nicht 'soon'.",
        "fr": "Deadline doit être une durée comme 2h, 90m ou 1d12h, pas 'soon'.",
        "it": "Deadline deve essere una durata come 2h, 90m o 1d12h, non 'soon'.",
        "ru": "Deadline должно быть длительностью вроде 2h, 90m или 1d12h, а не 'soon'.",
    },
    "/commcheck start scope:all deadline:45d": {
        "de": "Deadline muss zwischen 1 Minute und 30 Tagen liegen.",
        "fr": "Deadline doit se situer entre 1 minute et 30 jours.",
        "it": "Deadline deve essere tra 1 minuto e 30 giorni.",
        "ru": "Deadline должно быть от 1 минуты до 30 дней.",
    },
    "/commcheck start scope:all deadline:2h": {
        "de": "In diesem Bereich gibt es keine Kontaktstelle: Fügen Sie zuerst Kontakte mit /contacts add hinzu.",
        "fr": "Aucun point de contact dans ce périmètre : ajoutez d'abord des contacts avec /contacts add.",
        "it": "Nessun punto di contatto in questo ambito: aggiungi prima dei contatti con /contacts add.",
        "ru": "В этом охвате нет ни одного контактного пункта: сначала добавьте контакты командой /contacts add.",
    },
}


@pytest.mark.parametrize("lang", LANGS)
async def test_check_refusals_on_discord_in_the_readers_language(bot, lang):
    for line, said in CHECK_REFUSALS.items():
        sent = await run_slash(bot, line, locale=lang, **ADMIN)
        text = _plain(sent[-1].text)
        assert said[lang] in text, (line, text)


async def test_check_refusals_keep_their_english(limited):
    checks = limited.commchecks
    for attempt, english, exc_type in (
        (checks.report(999, OPERATOR), "there is no check #999", NotFound),
        (checks.cancel(999, OPERATOR, NOW), "there is no check #999", NotFound),
        (checks.remove_schedule(77, OPERATOR, NOW), "there is no active schedule #77", NotFound),
        (checks.report(1, MEMBER), "communication checks are for admins", Forbidden),
        (checks.start(OPERATOR, NOW, scope="everyone", deadline="2h"),
         "scope must be one of all, policy, technical, not 'everyone'", BadInput),
    ):  # fmt: skip
        with pytest.raises(exc_type) as refused:
            await attempt
        assert str(refused.value) == english
    assert (
        refused.value.said("de")
        == "scope muss einer dieser Werte sein: all, policy, technical, nicht 'everyone'"
    )
    with pytest.raises(BadInput) as refused:
        parse_deadline("9999999h")
    assert str(refused.value) == "deadline '9999999h' is too long"
    assert refused.value.said("ru") == "срок deadline '9999999h' слишком велик"
    with pytest.raises(BadInput) as refused:
        parse_time("7pm")
    assert str(refused.value) == "time must be HH:MM (24-hour clock), not '7pm'"
    assert refused.value.said("it") == "time deve essere nel formato HH:MM (24 ore), non '7pm'"


async def test_an_ended_check_is_named_with_its_state_in_the_readers_language(limited):
    from bot.services.contacts import ContactDraft

    await limited.contacts.add(ContactDraft(country="Estonia", name="Kati Tamm", type="technical",
                                            email="kati@example.ee"), OPERATOR, NOW)  # fmt: skip
    started = await limited.commchecks.start(OPERATOR, NOW, scope="all", deadline="2h")
    await limited.commchecks.cancel(started.check.id, OPERATOR, NOW)
    with pytest.raises(BadInput) as refused:
        await limited.commchecks.cancel(started.check.id, OPERATOR, NOW)
    number = started.check.id
    assert str(refused.value) == f"check #{number} is already cancelled"
    assert refused.value.said("de") == f"Kommunikationstest #{number} ist bereits abgesagt"
    assert refused.value.said("ru") == f"проверка связи #{number} уже отменена"

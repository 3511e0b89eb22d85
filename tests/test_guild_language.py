"""A server's language (/settings language): what the bot posts in that server's channels (event and deadline
reminders, the weekly digest, the admins' missed-reminders summary, the closed-DM note) is written in it;
a server that never set it reads English, word for word as before. Role pings stay as the admins set them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.commands import REGISTRY
from bot.console import make_context
from bot.errors import BadInput
from bot.reminders.senders import closed_dm_note
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR, Principal, Role
from bot.text import render_text
from tests.helpers import GUILD_ID, make_bot, run_slash
from tests.mirror_support import mirrored_bot
from tests.test_mirror import _add
from tests.test_reminders_service import Clock, FakeSender, dispatcher

ADMIN = Principal("discord:9", "admin", frozenset({Role.admin}))
ORGANISER = Principal("discord:5", "org", frozenset({Role.organiser}))
ANA = Principal("discord:111", "ana")
GUILD = 4242
CHANNEL = 555
ROLE = 777
SLASH_ADMIN = {"admin": True, "user_id": 5}

# What the English posts say; none of it may reach a server set to another language.
ENGLISH = re.compile(
    r"\b(Reminders?|Deadline|deadline|registration|This week|No events|starts?|Starts in|Starting soon|"
    r"due|more|For the admins|Direct message|not delivered|could not|Mon|Tue|Wed|Thu|Fri|Sat|Sun|"
    r"Nov(?!\.)|Dec(?!\.)|and|is)\b"  # (German abbreviates "Nov." too)
)
NATIVE = {
    "de": {
        "event": ("Noch 1 Tag bis zum Beginn", "– Beginn:", "26. November 2026"),
        "deadline": ("Erinnerung an die Anmeldefrist", "Die Anmeldefrist für **#",
                     "endet am 25. November 2026, 17:00 MEZ", "(Europe/Vienna)", "register online"),
        "digest": ("Diese Woche: 23.–29. Nov. 2026", "26. November 2026, 10:00 MEZ (Europe/Vienna)"),
    },
    "fr": {
        "event": ("Début dans 1 jour", "– début : 26 novembre 2026, 10:00 UTC+1 (Europe/Vienna)"),
        "deadline": ("Rappel : date limite d'inscription", "La date limite d'inscription pour **#",
                     "est fixée au 25 novembre 2026, 17:00 UTC+1 (Europe/Vienna)", "register online"),
        "digest": ("Cette semaine : 23–29 nov. 2026", "26 novembre 2026, 10:00 UTC+1 (Europe/Vienna)"),
    },
    "it": {
        "event": ("Inizia tra 1 giorno", "– inizio: 26 novembre 2026 10:00 CET (Europe/Vienna)"),
        "deadline": ("Promemoria: scadenza per l'iscrizione", "La scadenza per l'iscrizione di **#",
                     "è fissata al 25 novembre 2026 17:00 CET (Europe/Vienna)", "register online"),
        "digest": ("Questa settimana: 23–29 nov 2026", "26 novembre 2026 10:00 CET (Europe/Vienna)"),
    },
    "ru": {
        "event": ("Начало через 1 день", "— начало:", "26 ноября 2026"),
        "deadline": ("Напоминание: срок регистрации", "Мероприятие **#", "(Europe/Vienna)",
                     "срок регистрации истекает 25 ноября 2026 г., 17:00", "register online"),
        "digest": ("На этой неделе: 23—29 нояб. 2026 г.", "26 ноября 2026 г., 10:00"),
    },
}  # fmt: skip


async def set_language(app, lang: str, guild_id: int = GUILD) -> None:
    await app.guilds.set(guild_id, "language", lang, OPERATOR, app.now())


async def planned_guild(app, now):
    """An event on Thursday 26 November 2026 with a registration deadline, a reminder channel with a role
    to ping, one reminder a day before, and the Monday digest."""
    draft = EventDraft(
        title="Vienna Workshop", kind="workshop", start=dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC),
        timezone="Europe/Vienna", location="Vienna",
    )  # fmt: skip
    event = await app.events.create(draft, OPERATOR, now)
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, offsets="1d", role_id=ROLE)
    await app.reminders.set_deadline(
        ORGANISER, event.id, "registration", "2026-11-25T17:00", now, "register online"
    )
    return event


async def posts(app) -> dict[str, object]:
    """Every planned delivery sent at its own moment: the posts by what they are."""
    sender = FakeSender()
    rows = sorted(await app.reminders.deliveries(status="pending"), key=lambda r: r.due_at)
    for row in rows:
        await dispatcher(app, Clock(row.due_at), sender).drain()
    kinds = {row.id: row.occurrence.split(":", 1)[0] for row in rows}
    found = {kinds[post.delivery_id]: post for post in sender.sent}
    assert len(found) == len(sender.sent)
    return found


@pytest.mark.parametrize("lang", sorted(NATIVE))
async def test_channel_posts_are_in_the_servers_language(app, now, lang):
    await set_language(app, lang)
    await planned_guild(app, now)
    sent = await posts(app)
    assert sorted(sent) == ["deadline", "digest", "event"]
    for what, post in sent.items():
        text = post.title + "\n" + post.text
        for words in NATIVE[lang][what]:
            assert words in text.replace("\u202f", " ").replace("\xa0", " "), (what, words, text)
        assert not ENGLISH.findall(text.replace("Vienna Workshop", "")), (what, ENGLISH.findall(text), text)
        assert post.lang == lang and post.target == f"channel:{CHANNEL}"
        assert post.role_id == ROLE  # the admins' ping, as it was


async def test_a_server_without_the_setting_reads_english_as_before(app, now):
    await set_language(app, "de", guild_id=GUILD + 1)  # another server's language changes nothing here
    event = await planned_guild(app, now)
    sent = await posts(app)
    assert sent["event"].title == "Starts in 1 day"
    assert sent["event"].text.startswith(f"**#{event.id} Vienna Workshop** starts Thu 26 Nov 2026, 10:00 CET")
    assert sent["deadline"].title == "Deadline: registration"
    assert sent["deadline"].text == (
        f"The registration deadline for **#{event.id} Vienna Workshop** is Wed 25 Nov 2026, 17:00 CET "
        "(Europe/Vienna).\nregister online"
    )
    assert sent["digest"].title == "This week: Mon 23 Nov – Sun 29 Nov 2026"
    assert sent["digest"].text == (
        f"- **#{event.id} Vienna Workshop**: Thu 26 Nov 2026, 10:00 CET (Europe/Vienna)"
    )
    assert {p.lang for p in sent.values()} == {"en"} and {p.role_id for p in sent.values()} == {ROLE}


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("de", ("Für die Admins", "wurde 1 Erinnerung nicht gesendet", "fällig: 25. November 2026",
                "listet alle Zustellungen auf")),
        ("ru", ("Для администраторов", "1 напоминание устарело", "срок: 25 ноября 2026",
                "показывает все отправки")),
    ],
)  # fmt: skip
async def test_the_missed_reminders_summary_is_in_the_servers_language(app, now, lang, words):
    await set_language(app, lang)
    draft = EventDraft(
        title="Vienna Workshop", kind="workshop", start=dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC),
        timezone="Europe/Vienna", location="Vienna",
    )  # fmt: skip
    await app.events.create(draft, OPERATOR, now)
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, offsets="1d", digest=False)
    sender = FakeSender()
    await dispatcher(app, Clock(dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)), sender).drain()
    (summary,) = sender.sent
    text = (summary.title + "\n" + summary.text).replace("\xa0", " ").replace("\u202f", " ")
    for word in words:
        assert word in text, (word, text)
    prose = text.replace("`cbmbot reminders log`", "")  # the CLI's command, the same in every language
    assert not re.search(r"For the admins|reminder|passed|due|lists every", prose), text
    assert summary.role_id is None


@pytest.mark.parametrize(
    ("lang", "title", "note"),
    [
        ("en", "Direct message not delivered",
         "I could not send you a direct message; open your DMs or see `/reminders list`."),
        ("de", "Direktnachricht nicht zugestellt", "Ich konnte Ihnen keine Direktnachricht senden"),
        ("ru", "Личное сообщение не доставлено", "Не удалось отправить вам личное сообщение"),
    ],
)  # fmt: skip
async def test_the_closed_dm_note_is_in_the_servers_language(app, now, lang, title, note):
    await set_language(app, lang)  # English set on purpose reads as English always did
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, digest=False, role_id=ROLE)
    reminder = await app.reminders.remind_me(
        ANA, "in 2 hours", "call the PoC", now, guild_id=GUILD, lang="it"
    )
    sender = FakeSender(dm_closed={ANA.key})
    (row,) = [r for r in await app.reminders.deliveries(status="pending") if r.reminder_id == reminder.id]
    await dispatcher(app, Clock(row.due_at), sender).drain()
    (posted,) = sender.sent
    assert posted.target == f"channel:{CHANNEL}" and posted.instead_of == ANA.key
    assert posted.title == title and posted.text.startswith(note) and posted.lang == lang
    assert "call the PoC" not in posted.text and posted.role_id is None
    assert closed_dm_note(posted).text == posted.text  # the note is the note, whatever it is built from


# ------------------------------------------------------------------------------------------ the setting

SHOWN = {
    "en": ("Language of channel posts set.", "Language of channel posts", "German (de)"),
    "de": ("Sprache der Kanalbeiträge gesetzt.", "Sprache der Kanalbeiträge", "Deutsch (de)"),
    "fr": ("Langue des messages dans les canaux : défini.", "Langue des messages dans les canaux",
           "Allemand (de)"),
    "it": ("Lingua dei messaggi nei canali: impostato.", "Lingua dei messaggi nei canali", "Tedesco (de)"),
    "ru": ("Язык сообщений в каналах: настройка сохранена.", "Язык сообщений в каналах", "Немецкий (de)"),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(SHOWN))
async def test_settings_language_sets_it_and_shows_it_in_the_readers_language(app, lang):
    bot = await make_bot(app)
    try:
        before = (await run_slash(bot, "/settings show", locale=lang, **SLASH_ADMIN))[0].text
        changed = (await run_slash(bot, "/settings language language:de", locale=lang, **SLASH_ADMIN))[0]
        shown = (await run_slash(bot, "/settings show", locale=lang, **SLASH_ADMIN))[0].text
        refused = await run_slash(bot, "/settings language language:xx", locale=lang, **SLASH_ADMIN)
    finally:
        await bot.close()
    done, label, value = SHOWN[lang]
    english = {"en": "English", "de": "Englisch", "fr": "Anglais", "it": "Inglese", "ru": "Английский"}[lang]
    assert f"\n{label}\n{english} (en)\n" in before, before
    assert changed.text.startswith(done) or done in changed.text, changed.text
    assert f"\n{label}\n{value}\n" in shown, shown
    assert (await app.guilds.get(GUILD_ID)).language == "de"
    assert "xx" in refused[0].text and "en, de, fr, it, ru" in refused[0].text, refused[0].text
    assert (await app.guilds.get(GUILD_ID)).language == "de"  # the refusal changed nothing


async def test_an_unknown_language_is_refused_plainly(app):
    with pytest.raises(BadInput, match=r"the language must be one of en, de, fr, it, ru, not 'klingon'"):
        await app.guilds.set(GUILD, "language", "klingon", OPERATOR, app.now())
    ctx = make_context(app, Principal("console:admin", "admin", frozenset({Role.admin})))
    reply = await REGISTRY.handle_message(ctx, f"/settings language language:tlh guild:{GUILD}")
    assert not reply.ok and "Language must be one of en, de, fr, it, ru, not 'tlh'." in render_text(reply)
    ctx.locale = "de"
    reply = await REGISTRY.handle_message(ctx, f"/settings language language:tlh guild:{GUILD}")
    assert not reply.ok and "einer dieser Werte sein: en, de, fr, it, ru" in render_text(reply)
    assert (await app.guilds.get(GUILD)).language == "en"
    config, before, after = await app.guilds.set(GUILD, "language", " RU ", OPERATOR, app.now())
    assert (before, after, config.language) == ("en", "ru", "ru")
    with pytest.raises(BadInput, match="cannot be removed"):
        await app.guilds.set(GUILD, "language", None, OPERATOR, app.now())


# ------------------------------------------------------------------------------------------ the Events tab


@pytest.fixture
async def mirrored(app):
    async with mirrored_bot(app) as mirrored:
        yield mirrored


async def test_the_events_tab_and_its_notice_are_in_the_servers_language(app, mirrored):
    """The mirror writes the places of a ru server's events in Russian, and tells its admins in Russian
    (the command as a Russian client names it) that Manage Events is missing; no role is pinged."""
    _bot, cog, fake = mirrored
    await set_language(app, "ru", guild_id=GUILD_ID)
    await _add(app, "Hybrid meeting", 3, location="Vienna", online=True)
    await _add(app, "Online meeting", 4, online=True)
    await _add(app, "Somewhere meeting", 5)
    await cog.sync_guild(GUILD_ID)
    places = {e["name"]: e["entity_metadata"]["location"] for e in fake.events.values()}
    assert places == {
        "Hybrid meeting": "Vienna и онлайн",
        "Online meeting": "онлайн",
        "Somewhere meeting": "см. описание",
    }
    fake.can_manage = False
    await _add(app, "Cannot be mirrored", 6)
    assert await cog.sync_guild(GUILD_ID) is None
    (notice,) = fake.messages
    assert notice["content"].startswith("Не могу отражать мероприятия во вкладке «События»"), notice
    assert "**Управлять событиями**" in notice["content"]
    assert "`/настройки зеркало enabled:false`" in notice["content"]
    assert notice["allowed_mentions"] == {"parse": []}


async def test_the_events_tab_of_an_english_server_is_as_it_was(app, mirrored):
    _bot, cog, fake = mirrored
    await set_language(app, "de", guild_id=GUILD)  # another server
    await _add(app, "Hybrid meeting", 3, location="Vienna", online=True)
    await _add(app, "Somewhere meeting", 5)
    await cog.sync_guild(GUILD_ID)
    places = {e["name"]: e["entity_metadata"]["location"] for e in fake.events.values()}
    assert places == {"Hybrid meeting": "Vienna and online", "Somewhere meeting": "see the description"}
    fake.can_manage = False
    await _add(app, "Cannot be mirrored", 6)
    assert await cog.sync_guild(GUILD_ID) is None
    assert fake.messages[0]["content"] == (
        "I cannot mirror events into this server's Events tab: I lack the **Manage Events** permission. "
        "An admin can give my role Manage Events (Server Settings → Roles), or turn the mirror off with "
        "`/settings mirror enabled:false`."
    )


async def test_a_language_change_rewrites_the_events_already_mirrored(app, mirrored):
    """Events mirrored before the server chose a language are written again in it, unchanged otherwise."""
    _bot, cog, fake = mirrored
    await _add(app, "Hybrid meeting", 3, location="Vienna", online=True)
    await cog.sync_guild(GUILD_ID)
    assert [e["entity_metadata"]["location"] for e in fake.events.values()] == ["Vienna and online"]
    await set_language(app, "de", guild_id=GUILD_ID)
    assert GUILD_ID in cog.pending  # a sync is on its way
    plan = await cog.sync_guild(GUILD_ID)
    assert plan is not None and len(plan.update) == 1 and not plan.create
    assert [e["entity_metadata"]["location"] for e in fake.events.values()] == ["Vienna und online"]
    again = await cog.sync_guild(GUILD_ID)  # once: the next sync changes nothing
    assert again is not None and not again.update

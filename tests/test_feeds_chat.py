"""/feed and /feed reset through the console, Discord (offline) and `cbmbot feed export`."""

from __future__ import annotations

import asyncio
import os
import re
import sys

import pytest

from bot.console import handle_line
from bot.services.principal import Principal
from tests.feedcheck import strict_read
from tests.helpers import make_bot, run_slash

ANA = Principal("console:ana", "ana")
TOKEN = re.compile(r"/feeds/private/([A-Za-z0-9_-]+)\.ics")


async def test_feed_gives_links_once_and_reset_stops_the_private_one(app):
    text, ok = await handle_line(app, ANA, "/feed kind:conference country:Austria")
    assert ok
    public = app.settings.public_url
    assert f"{public}/feeds/events.ics" in text
    assert "webcal://" in text and "calendar.google.com/calendar/render?cid=webcal%3A%2F%2F" in text
    assert f"{public}/feeds/events.ics?kind=conference&country=Austria" in text
    token = TOKEN.search(text).group(1)
    assert await app.feeds.private_scope(token) is not None

    again, ok = await handle_line(app, ANA, "/feed")
    assert ok and "already have a private link" in again and token not in again

    stopped, ok = await handle_line(app, ANA, "/feed reset")
    assert ok and "no longer works" in stopped
    assert await app.feeds.private_scope(token) is None
    nothing, _ = await handle_line(app, ANA, "/feed reset")
    assert "no private feed link" in nothing

    fresh, _ = await handle_line(app, ANA, "/feed")
    new_token = TOKEN.search(fresh).group(1)
    assert new_token != token and await app.feeds.private_scope(new_token) is not None

    async with app.db() as session:
        from storage.repositories import AuditRepository

        entries = [e for e in await AuditRepository(session).recent(10) if e.entity == "feed_token"]
    assert [e.action for e in entries] == ["feed.token.issue", "feed.token.revoke", "feed.token.issue"]
    assert all(e.actor.startswith("console:ana") for e in entries)
    assert not any(t in str(e.details) for e in entries for t in (token, new_token))


async def test_feed_refuses_unknown_filters(app):
    text, ok = await handle_line(app, ANA, "/feed country:Atlantis")
    assert not ok and "Atlantis" in text


async def test_feed_in_discord_is_ephemeral_and_pings_nobody(app):
    bot = await make_bot(app)
    try:
        sent = await run_slash(bot, "/feed links kind:conference")
        assert sent[0].ephemeral and sent[0].allowed_mentions == {"parse": []}
        assert "webcal://" in sent[0].text and "kind=conference" in sent[0].text
        assert TOKEN.search(sent[0].text)
        reset = await run_slash(bot, "/feed reset")
        assert reset[0].ephemeral and "no longer works" in reset[0].text
    finally:
        await bot.close()


FEED_ENGLISH = re.compile(
    r"\b(Subscribe|Feed link|All events|Your private feed|Keep this link|already have|Calendar feeds|"
    r"Add a feed|no longer works|gives you|Private feed|Only:)\b"
)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("de", ("Kalender zum Abonnieren", "Alle Veranstaltungen", "/kalender zuruecksetzen", "Österreich")),
        ("fr", ("Calendriers à suivre", "Tous les événements", "/calendrier reinitialiser", "Autriche")),
        ("ru", ("Календари для подписки", "Все мероприятия", "/календарь сбросить", "Австрия")),
    ],
)
async def test_feed_on_discord_is_in_the_readers_language(app, lang, words):
    """/feed links and /feed reset in the Discord client's language, naming the commands as that client
    shows them; the links themselves are the same."""
    bot = await make_bot(app)
    try:
        sent = await run_slash(bot, "/feed links kind:conference country:Austria", locale=lang)
        text = sent[0].text + "\n" + sent[0].embeds[0]["title"]
        assert TOKEN.search(text) and "kind=conference&country=Austria" in text
        for word in words:
            assert word in text, (word, text)
        assert not FEED_ENGLISH.findall(text), FEED_ENGLISH.findall(text)
        again = await run_slash(bot, "/feed links", locale=lang)
        assert not TOKEN.search(again[0].text) and not FEED_ENGLISH.findall(again[0].text)
        reset = await run_slash(bot, "/feed reset", locale=lang)
        stopped = reset[0].text + "\n" + reset[0].embeds[0]["title"]
        assert reset[0].ephemeral and not FEED_ENGLISH.findall(stopped), stopped
    finally:
        await bot.close()


async def cli(db_url: str, *args: str) -> tuple[int, bytes, bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CBMBOT_")}
    env["CBMBOT_DATABASE_URL"] = db_url
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    return process.returncode or 0, out, err


@pytest.mark.slow
async def test_cli_feed_export(db_url, tmp_path):
    code, out, err = await cli(db_url, "feed", "export", "--kind", "conference")
    assert code == 0, err
    events = strict_read(out).events
    assert events and all("Conference" in e.categories for e in events)
    target = tmp_path / "feed.ics"
    code, out, err = await cli(db_url, "feed", "export", "--country", "Korea", "-o", str(target))
    assert code == 0 and out == b"" and b"wrote" in err
    assert strict_read(target.read_bytes()).events
    code, out, err = await cli(db_url, "feed", "export", "--kind", "party")
    assert code == 2 and err.decode().strip().startswith("cbmbot: unknown kind 'party'")
    assert b"Traceback" not in err

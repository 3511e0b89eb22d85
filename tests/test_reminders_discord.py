"""Reminder commands through bot.tree, and the Discord sender against a recorded HTTP layer (offline)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import discord
import pytest

from bot.reminders.senders import (
    DM_CLOSED_NOTE,
    Outgoing,
    RateLimited,
    RecipientUnavailable,
    ServerError,
    Undeliverable,
    closed_dm_note,
)
from cogs.reminders import DiscordSender
from tests.helpers import CHANNEL_ID, GUILD_ID, _message_payload, _user, make_bot, run_slash

ROLE = 900_000_000_000_000_777


@pytest.fixture
async def bot(app):
    client = await make_bot(app)
    yield client
    await client.close()


async def test_remind_me_is_private_and_planned(bot, app):
    sent = await run_slash(bot, '/remind me when:"in 2 hours" text:"call the PoC"', user_id=31)
    assert sent[0].ephemeral and "Reminder #" in sent[0].text
    assert sent[0].allowed_mentions == {"parse": []}
    (row,) = await app.reminders.deliveries(status="pending")
    assert row.target == "user:discord:31" and row.due_at == app.now() + dt.timedelta(hours=2)
    listing = await run_slash(bot, "/reminders list", user_id=31)
    assert "call the PoC" in listing[0].text and listing[0].ephemeral


async def test_remind_me_refuses_the_past_plainly(bot):
    sent = await run_slash(bot, "/remind me when:2020-01-01T00:00Z text:late", user_id=31)
    assert sent[0].ephemeral and "in the past" in sent[0].content


async def test_settings_reminders_for_admins_only(bot, app):
    refused = await run_slash(bot, f"/settings reminders channel:{CHANNEL_ID}")
    assert refused[0].ephemeral and "for admins" in refused[0].content
    sent = await run_slash(
        bot, f"/settings reminders channel:<#{CHANNEL_ID}> role:<@&{ROLE}> offsets:2d,3h", admin=True
    )
    assert "Saved" in sent[0].text and "2 days, 3 hours" in sent[0].text
    row = await app.reminders.guild_settings(GUILD_ID)
    assert row.channel_id == CHANNEL_ID and row.role_id == ROLE and row.offsets == ["2d", "3h"]
    cleared = await run_slash(bot, "/settings reminders clear:role", admin=True)
    assert "Role pinged\nnone" in cleared[0].text


async def test_the_settings_reminder_channel_is_the_one_reminders_go_to(bot, app):
    """/settings reminder-channel and /settings reminders channel: are one setting, read by the planner."""
    from bot.services.events import EventDraft
    from bot.services.principal import OPERATOR

    sent = await run_slash(bot, f"/settings reminder-channel channel:{CHANNEL_ID}", admin=True)
    assert "Reminder channel set." in sent[0].text and f"<#{CHANNEL_ID}>" in sent[0].text
    assert (await app.reminders.guild_settings(GUILD_ID)).channel_id == CHANNEL_ID
    shown = await run_slash(bot, "/settings reminders", admin=True)
    assert f"<#{CHANNEL_ID}>" in shown[0].text
    start = app.now() + dt.timedelta(days=10)
    event = await app.events.create(
        EventDraft(title="Comcheck drill", kind="meeting", start=start, timezone="Europe/Vienna"),
        OPERATOR,
        app.now(),
    )
    await app.reminders.reconcile(app.now())
    rows = await app.reminders.deliveries(event_id=event.id, status="pending")
    assert {r.target for r in rows} == {f"channel:{CHANNEL_ID}"}
    cleared = await run_slash(bot, "/settings reminder-channel clear:true", admin=True)
    assert "Reminder channel cleared." in cleared[0].text
    assert (await app.guilds.get(GUILD_ID)).reminder_channel_id is None


class FakeHTTP:
    """Stands in for HTTPClient.request: answers the user and DM-channel lookups, records messages."""

    def __init__(self, fail=None):
        self.messages = []
        self.fail = fail

    async def request(self, route, **kwargs):
        if route.method == "GET" and route.path == "/users/{user_id}":
            return _user(int(route.url.rsplit("/", 1)[-1]), "someone")
        if route.path == "/users/@me/channels":
            return {"id": "777", "type": 1, "recipients": [_user(kwargs["json"]["recipient_id"], "someone")]}
        if route.path == "/channels/{channel_id}/messages":
            if self.fail is not None:
                raise self.fail
            self.messages.append((route.url.split("/channels/")[1].split("/")[0], kwargs["json"]))
            return _message_payload(kwargs["json"])
        raise AssertionError(f"unexpected request {route.method} {route.path}")


def _outgoing(**changes):
    values = dict(
        delivery_id=12,
        reminder_id=3,
        target=f"channel:{CHANNEL_ID}",
        title="Starts in 1 day",
        text="**#5 Meeting** starts tomorrow",
        due_at=dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC),
    )
    values.update(changes)
    return Outgoing(**values)


def _error(cls, status, text="nope"):
    return cls(SimpleNamespace(status=status, reason=text), text)


async def _sender(bot, monkeypatch, fail=None):
    http = FakeHTTP(fail)
    monkeypatch.setattr(bot.http, "request", http.request)
    monkeypatch.setattr(bot, "is_ready", lambda: True)
    return DiscordSender(bot), http


async def test_channel_post_pings_only_the_configured_role_with_a_nonce(bot, monkeypatch):
    sender, http = await _sender(bot, monkeypatch)
    await sender.send(_outgoing(role_id=ROLE, late=True))
    channel, payload = http.messages[0]
    assert channel == str(CHANNEL_ID)
    assert payload["content"] == f"<@&{ROLE}>"
    assert payload["allowed_mentions"] == {"parse": [], "roles": [ROLE]}  # no users, no @everyone
    assert payload["nonce"] == "cbmr12" and payload["enforce_nonce"] is True
    assert "Late: this was due" in payload["embeds"][0]["description"]


async def test_post_without_role_pings_nobody(bot, monkeypatch):
    sender, http = await _sender(bot, monkeypatch)
    personal = _outgoing(
        target="user:discord:31", text="my private note", fallback_channel_id=CHANNEL_ID, role_id=ROLE
    )
    await sender.send(closed_dm_note(personal))
    channel, payload = http.messages[0]
    assert channel == str(CHANNEL_ID) and payload["allowed_mentions"] == {"parse": []}
    assert payload["content"] == "<@31>: " + DM_CLOSED_NOTE and "embeds" not in payload
    assert "my private note" not in str(payload)


async def test_direct_message_and_its_errors(bot, monkeypatch):
    sender, http = await _sender(bot, monkeypatch)
    await sender.send(_outgoing(target="user:discord:31"))
    assert http.messages[0][0] == "777"
    with pytest.raises(RecipientUnavailable, match="no Discord account"):
        await sender.send(_outgoing(target="user:console:ana"))
    sender, _ = await _sender(bot, monkeypatch, fail=_error(discord.Forbidden, 403))
    with pytest.raises(RecipientUnavailable, match="closed"):
        await sender.send(_outgoing(target="user:discord:32"))
    with pytest.raises(Undeliverable, match="no permission"):
        await sender.send(_outgoing())


@pytest.mark.parametrize(
    ("status", "expected"), [(429, RateLimited), (500, ServerError), (503, ServerError), (400, Undeliverable)]
)
async def test_http_errors_map_to_retry_or_give_up(bot, monkeypatch, status, expected):
    sender, _ = await _sender(bot, monkeypatch, fail=_error(discord.HTTPException, status))
    with pytest.raises(expected):
        await sender.send(_outgoing())


async def test_not_connected_is_a_retryable_error(bot):
    with pytest.raises(ServerError, match="not connected"):
        await DiscordSender(bot).send(_outgoing())


async def test_the_cog_installs_the_discord_sender(bot, app):
    # (extensions are loaded as modules of their own, so compare by name)
    assert type(app.reminder_sender).__name__ == "DiscordSender" and app.reminder_sender.bot is bot
    await bot.unload_extension("cogs.reminders")
    assert app.reminder_sender is None


async def test_forbidden_dm_through_the_dispatcher_lands_in_the_guild_channel(bot, app, monkeypatch):
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.reminders.dispatcher import ReminderDispatcher
    from bot.services.principal import Principal, Role

    now = app.now()
    admin = Principal("discord:9", "admin", frozenset({Role.admin}))
    await app.reminders.configure_guild(GUILD_ID, admin, now, channel_id=CHANNEL_ID, role_id=ROLE)
    await app.reminders.remind_me(Principal("discord:31", "ana"), "in 1 hour", "bring slides", now,
                                  guild_id=GUILD_ID)  # fmt: skip

    class DMsClosed(FakeHTTP):
        async def request(self, route, **kwargs):
            if route.path == "/channels/{channel_id}/messages" and "/channels/777/" in route.url:
                raise _error(discord.Forbidden, 403, "Cannot send messages to this user")
            return await super().request(route, **kwargs)

    http = DMsClosed()
    monkeypatch.setattr(bot.http, "request", http.request)
    monkeypatch.setattr(bot, "is_ready", lambda: True)
    later = now + dt.timedelta(hours=1)
    dispatcher = ReminderDispatcher(app, AsyncIOScheduler(), clock=lambda: later)
    await dispatcher.drain()
    (posted,) = [(c, p) for c, p in http.messages if c == str(CHANNEL_ID)]
    payload = posted[1]
    # A neutral note for the person, never the text of their personal reminder; nobody is pinged.
    assert payload["content"] == (
        "<@31>: I could not send you a direct message; open your DMs or see `/reminders list`."
    )
    assert "bring slides" not in str(payload) and f"<@&{ROLE}>" not in str(payload)
    assert payload["allowed_mentions"] == {"parse": []}  # neither the person nor the role is pinged
    (row,) = [r for r in await app.reminders.deliveries() if r.target == "user:discord:31"]
    assert row.status == "sent" and "posted in channel" in row.note

"""/commcheck through real interaction payloads, the Discord DM sender against a faked HTTP layer, and the
persistent Acknowledge button pressed on a freshly started bot (offline)."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
import pytest

from bot.commchecks.delivery import Refused, TryLater
from bot.commchecks.dispatch import CommCheckDispatcher
from bot.services import answer_text as T
from bot.services.principal import OPERATOR
from cogs.commchecks import DiscordPingSender
from tests.commcheck_support import add_contact
from tests.helpers import (
    CHANNEL_ID,
    _message_payload,
    _user,
    interaction_payload,
    make_bot,
    recording,
    run_slash,
)


class FakeHTTP:
    """Stands in for HTTPClient.request: answers user and DM-channel lookups, records posted messages."""

    def __init__(self, closed: set[int] | None = None, fail: Exception | None = None) -> None:
        self.messages: list[tuple[str, dict[str, Any]]] = []
        self.closed = closed or set()
        self.fail = fail
        self.dm_of: dict[str, int] = {}

    async def request(self, route: Any, **kwargs: Any) -> Any:
        if route.method == "GET" and route.path == "/users/{user_id}":
            return _user(int(route.url.rsplit("/", 1)[-1]), "someone")
        if route.path == "/users/@me/channels":
            user_id = int(kwargs["json"]["recipient_id"])
            channel = str(800 + user_id % 100)
            self.dm_of[channel] = user_id
            return {"id": channel, "type": 1, "recipients": [_user(user_id, "someone")]}
        if route.path == "/channels/{channel_id}/messages":
            channel = route.url.split("/channels/")[1].split("/")[0]
            if self.fail is not None:
                raise self.fail
            if self.dm_of.get(channel) in self.closed:
                raise discord.Forbidden(_Response(403), {"code": 50007, "message": "Cannot send messages"})
            payload = kwargs.get("json")
            if payload is None:  # multipart: files attached
                payload = {"files": [f.filename for f in kwargs.get("files") or []]}
                for part in kwargs.get("form") or []:
                    if part.get("name") == "payload_json":
                        import json

                        payload.update(json.loads(part["value"]))
            self.messages.append((channel, payload))
            return _message_payload(payload)
        if route.path == "/channels/{channel_id}":
            return {"id": str(CHANNEL_ID), "type": 0, "name": "admins", "guild_id": "1", "position": 0}
        raise AssertionError(f"unexpected request {route.method} {route.path}")


class _Response:
    def __init__(self, status: int) -> None:
        self.status = status
        self.reason = "refused"


@pytest.fixture
async def bot(app):
    client = await make_bot(app)
    yield client
    await client.close()


async def _wire(bot, monkeypatch, **fake: Any) -> FakeHTTP:
    http = FakeHTTP(**fake)
    monkeypatch.setattr(bot.http, "request", http.request)
    monkeypatch.setattr(bot, "is_ready", lambda: True)
    return http


async def press(
    bot, message: dict[str, Any], custom_id: str, user_id: int, locale: str = "en-US"
) -> list[Any]:
    """A component interaction for ``custom_id``, as the gateway delivers it after a restart (no view
    in memory: only the registered DynamicItem can answer)."""
    payload = interaction_payload(bot, "/help", user_id=user_id, locale=locale)
    payload["type"] = 3
    payload["data"] = {"custom_id": custom_id, "component_type": 2}
    payload["message"] = {**_message_payload(message), "id": "123456789012345678"}
    with recording() as adapter:
        bot._connection.parse_interaction_create(payload)
        pending = [t for t in asyncio.all_tasks() if t.get_name().startswith("discord-ui-dynamic-item")]
        await asyncio.gather(*pending)
    return adapter.sent


async def test_start_is_for_admins_and_prints_the_id(bot, app):
    await add_contact(app, "Austria", "Anna", discord_id=111)
    refused = await run_slash(bot, "/commcheck start scope:all deadline:2h", user_id=5)
    assert refused[0].ephemeral and "for admins" in refused[0].content
    sent = await run_slash(bot, "/commcheck start scope:all deadline:2h", user_id=5, admin=True)
    assert sent[0].ephemeral and "Communication check #1 started" in sent[0].text
    assert sent[0].allowed_mentions == {"parse": []}
    listed = await run_slash(bot, "/commcheck list", user_id=5, admin=True)
    assert "#1 · open · all" in listed[0].text


async def test_the_dm_carries_a_persistent_button_that_only_the_contact_can_press(bot, app, monkeypatch):
    http = await _wire(bot, monkeypatch, closed={222})
    await add_contact(app, "Austria", "Anna", discord_id=111, languages=("de",))
    await add_contact(app, "France", "Fleur", discord_id=222)
    started = await app.commchecks.start(OPERATOR, app.now(), scope="all", deadline="2h")
    worker = CommCheckDispatcher(app, None, leads=lambda: True)
    await worker.drain()
    (dm,) = http.messages
    buttons = [c for row in dm[1]["components"] for c in row["components"]]
    ack = next(b for b in buttons if b.get("custom_id", "").startswith("cbm:ack:"))
    assert ack["label"] == "Bestätigen" and dm[1]["nonce"].startswith("cbmping")
    assert any(b.get("url", "").startswith("http://") and "/ack/" in b["url"] for b in buttons)
    report = (await app.commchecks.report(started.check.id, OPERATOR)).as_json()
    fleur = next(c for c in report["contacts"] if c["name"] == "Fleur")
    assert fleur["status"] == "undeliverable"  # closed DM: recorded, the check went on
    # A restarted bot: a new client, nothing in memory but the registered DynamicItem
    await bot.close()
    fresh = await make_bot(app)
    try:
        stranger = await press(fresh, dm[1], ack["custom_id"], user_id=999)
        assert stranger[0].ephemeral and stranger[0].content == T.message("ack_not_yours", "en")
        stranger = await press(fresh, dm[1], ack["custom_id"], user_id=999, locale="ru")
        assert stranger[0].content == "Эта кнопка не для вас, или её проверка связи уже завершена."
        first = await press(fresh, dm[1], ack["custom_id"], user_id=111)
        assert first[0].ephemeral and "Bestätigt" in first[0].content
        second = await press(fresh, dm[1], ack["custom_id"], user_id=111)
        assert "bereits" in second[0].content
    finally:
        await fresh.close()
    report = (await app.commchecks.report(started.check.id, OPERATOR)).as_json()
    anna = next(c for c in report["contacts"] if c["name"] == "Anna")
    assert anna["status"] == "acknowledged" and anna["channel"] == "discord"


async def test_discord_errors_map_to_retry_or_refusal(bot, app, monkeypatch):
    from bot.commchecks.service import PingMessage

    message = PingMessage(
        ping_id=1, check_id=1, channel="discord", purpose="initial", address="111", recipient_name="A",
        country="Austria", language="en", subject="s", body="b", button="Acknowledge",
        link="http://127.0.0.1:8080/ack/x", attempts=1,
    )  # fmt: skip
    await _wire(bot, monkeypatch, fail=discord.HTTPException(_Response(503), "unavailable"))
    with pytest.raises(TryLater):
        await DiscordPingSender(bot).send(message)
    await _wire(bot, monkeypatch, fail=discord.NotFound(_Response(404), "unknown user"))
    with pytest.raises(Refused):
        await DiscordPingSender(bot).send(message)


async def test_report_is_private_with_chart_and_csv_and_posted_to_the_admin_channel(bot, app, monkeypatch):
    http = await _wire(bot, monkeypatch)
    await add_contact(app, "Austria", "Anna", discord_id=111)
    await add_contact(app, "Germany", "Paul", phone="+49 30 1234567")
    await run_slash(
        bot, f"/commcheck start scope:all deadline:2h channel:{CHANNEL_ID}", user_id=5, admin=True
    )
    await CommCheckDispatcher(app, None, leads=lambda: True).drain()
    http.messages.clear()
    member = await run_slash(bot, "/commcheck report id:1", user_id=6)
    assert "for admins" in member[0].content and not http.messages
    sent = await run_slash(bot, "/commcheck report id:1", user_id=5, admin=True)
    assert sent[0].ephemeral and "No answer: 1 (50%)" in sent[0].text and "Germany" in sent[0].text
    attachments = [a["filename"] for a in sent[0].payload.get("attachments", [])]
    assert attachments == ["commcheck-1.png", "commcheck-1.csv"]
    ((channel, posted),) = http.messages
    assert channel == str(CHANNEL_ID) and posted["files"] == ["commcheck-1.png", "commcheck-1.csv"]
    summary = await run_slash(bot, "/commcheck summary id:1", user_id=6)
    assert "2 points of contact" in summary[0].text and "Germany" not in summary[0].text


async def test_confirmation_round_and_corrections_from_discord(bot, app):
    contact_id = await add_contact(app, "Austria", "Anna", discord_id=111)
    await app.contacts.edit(contact_id, {"verified": "2025-01-15"}, OPERATOR, app.now())
    refused = await run_slash(bot, "/contacts confirm-round", user_id=5)
    assert refused[0].ephemeral and "for admins" in refused[0].content
    sent = await run_slash(bot, "/contacts confirm-round", user_id=5, admin=True)
    assert sent[0].ephemeral and "Confirmation round #1: 1 points of contact" in sent[0].text
    empty = await run_slash(bot, "/contacts corrections", user_id=5, admin=True)
    assert empty[0].ephemeral and "None waiting" in empty[0].text
    unknown = await run_slash(bot, "/contacts approve id:4", user_id=5, admin=True)
    assert "no pending correction #4" in unknown[0].content

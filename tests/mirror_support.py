"""A faked Discord HTTP layer for the Scheduled Events mirror (tests/test_mirror.py, test_guild_language.py):
the scheduled-events and messages endpoints, and the bot mirroring the trusted server on it."""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import AsyncIterator
from typing import Any

import discord

from bot.services.principal import OPERATOR
from tests.helpers import CHANNEL_ID, GUILD_ID, make_bot

_ids = itertools.count(5_000_000_000_000_000_000)


class FakeResponse:
    def __init__(self, status: int, reason: str) -> None:
        self.status, self.reason = status, reason


class FakeDiscord:
    """Stands in for discord.py's HTTPClient.request: the scheduled-events and messages endpoints."""

    def __init__(self, can_manage: bool = True) -> None:
        self.events: dict[int, dict] = {}
        self.calls: list[tuple[str, str]] = []
        self.messages: list[dict] = []
        self.can_manage = can_manage

    async def request(self, route, **kwargs):
        method, url = route.method, route.url
        self.calls.append((method, url))
        body = kwargs.get("json") or {}
        if url.endswith(f"/channels/{CHANNEL_ID}/messages"):
            self.messages.append(body)
            return {"id": str(next(_ids)), "channel_id": str(CHANNEL_ID), "type": 0, "content": body["content"],  # noqa: E501
                    "author": {"id": "1", "username": "bot", "discriminator": "0", "avatar": None},
                    "attachments": [], "embeds": [], "mentions": [], "mention_roles": [], "pinned": False,
                    "mention_everyone": False, "tts": False, "timestamp": "2026-11-22T10:00:00+00:00",
                    "edited_timestamp": None, "flags": 0, "components": []}  # fmt: skip
        match = re.search(r"/guilds/(\d+)/scheduled-events(?:/(\d+))?$", url)
        assert match, url
        if method != "GET" and not self.can_manage:
            raise discord.Forbidden(
                FakeResponse(403, "Forbidden"), {"code": 50013, "message": "Missing Permissions"}
            )
        event_id = int(match.group(2)) if match.group(2) else None
        if method == "GET":
            return list(self.events.values())
        if method == "POST":
            assert len(self.events) < 100, "Discord's cap of 100 scheduled events"
            made = {"id": str(next(_ids)), "guild_id": match.group(1), **body}
            self.events[int(made["id"])] = made
            return made
        if event_id not in self.events:
            raise discord.NotFound(
                FakeResponse(404, "Not Found"), {"code": 10070, "message": "Unknown event"}
            )
        if method == "PATCH":
            self.events[event_id].update(body)
            return self.events[event_id]
        if method == "DELETE":
            del self.events[event_id]
            return None
        raise AssertionError(method)

    def writes(self) -> list[tuple[str, str]]:
        return [c for c in self.calls if c[0] != "GET"]


@contextlib.asynccontextmanager
async def mirrored_bot(app: Any) -> AsyncIterator[tuple[Any, Any, FakeDiscord]]:
    """The bot on a FakeDiscord, mirroring the trusted server into its reminder channel; the syncs are left
    to the test (the cog's pending ones are cleared)."""
    bot = await make_bot(app)
    fake = FakeDiscord()
    bot.http.request = fake.request  # type: ignore[method-assign]
    cog = bot.get_cog("Mirror")
    await app.guilds.set(GUILD_ID, "mirror_events", True, OPERATOR, app.now())
    await app.reminders.configure_guild(GUILD_ID, OPERATOR, app.now(), channel_id=CHANNEL_ID)
    cog.pending.clear()
    try:
        yield bot, cog, fake
    finally:
        await bot.close()

"""The Discord Scheduled Events mirror with a faked Discord HTTP layer: created, kept in step on edit and
cancel through the link table (idempotent), within the cap of 100, admins told about Manage Events."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import discord
import pytest
from sqlalchemy import select

from bot.services.events import EventDraft
from bot.services.mirror import Link, plan_mirror
from bot.services.principal import OPERATOR
from storage.models import ScheduledEventLink
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


@pytest.fixture
async def mirrored(app):
    bot = await make_bot(app)
    fake = FakeDiscord()
    bot.http.request = fake.request  # type: ignore[method-assign]
    cog = bot.get_cog("Mirror")
    await app.guilds.set(GUILD_ID, "mirror_events", True, OPERATOR, app.now())
    await app.reminders.configure_guild(GUILD_ID, OPERATOR, app.now(), channel_id=CHANNEL_ID)
    cog.pending.clear()  # the tests run the syncs themselves
    yield bot, cog, fake
    await bot.close()


async def _add(app, title, days, **kw):
    start = app.now() + dt.timedelta(days=days)
    draft = EventDraft(title=title, kind="meeting", start=start, timezone="Europe/Vienna", **kw)
    return await app.events.create(draft, OPERATOR, app.now())


async def _links(app):
    async with app.db() as session:
        return (await session.scalars(select(ScheduledEventLink))).all()


async def test_mirror_creates_updates_cancels_idempotently(app, mirrored):
    _bot, cog, fake = mirrored
    first = await _add(app, "Upcoming PoC meeting", 3, location="Vienna")
    second = await _add(app, "Second meeting", 5, online=True)
    plan = await cog.sync_guild(GUILD_ID)
    assert len(plan.create) == 2 and not plan.update and not plan.delete
    names = sorted(e["name"] for e in fake.events.values())
    assert names == ["Second meeting", "Upcoming PoC meeting"]
    made = next(e for e in fake.events.values() if e["name"] == "Upcoming PoC meeting")
    assert made["entity_type"] == 3 and made["privacy_level"] == 2
    assert made["entity_metadata"] == {"location": "Vienna"}
    assert made["scheduled_start_time"] == first.start_at.isoformat()

    fake.calls.clear()
    plan = await cog.sync_guild(GUILD_ID)  # nothing changed: no writes
    assert plan.empty and fake.writes() == []

    await app.events.update(first.id, {"title": "Renamed meeting"}, OPERATOR, app.now())
    plan = await cog.sync_guild(GUILD_ID)
    assert [e.id for _, e in plan.update] == [first.id] and fake.writes()[0][0] == "PATCH"
    assert "Renamed meeting" in [e["name"] for e in fake.events.values()]

    await app.events.cancel(second.id, "no room", OPERATOR, app.now())
    fake.calls.clear()
    plan = await cog.sync_guild(GUILD_ID)
    assert [link.event_id for link in plan.delete] == [second.id]
    assert [c[0] for c in fake.writes()] == ["DELETE"]
    assert [e["name"] for e in fake.events.values()] == ["Renamed meeting"]
    assert [link.event_id for link in await _links(app)] == [first.id]

    fake.events.clear()  # someone deleted it by hand in Discord: it comes back
    plan = await cog.sync_guild(GUILD_ID)
    assert [e.id for e in plan.create] == [first.id]

    await app.guilds.set(GUILD_ID, "mirror_events", False, OPERATOR, app.now())
    cog.pending.clear()
    await cog.sync_guild(GUILD_ID)
    assert fake.events == {} and await _links(app) == []


async def test_mirror_stays_within_the_cap_of_100(app, mirrored):
    _bot, cog, fake = mirrored
    for n in range(3):  # made by people in Discord, not ours
        fake.events[next(_ids)] = {"id": str(next(_ids)), "name": f"human {n}"}
    fake.events = {int(e["id"]): e for e in fake.events.values()}
    for n in range(100):
        await _add(app, f"Meeting {n:03d}", 2 + n)
    await cog.sync_guild(GUILD_ID)
    ours = [e for e in fake.events.values() if e["name"].startswith("Meeting")]
    assert len(fake.events) == 100 and len(ours) == 97
    assert max(e["name"] for e in ours) == "Meeting 096"  # the soonest ones
    fake.calls.clear()
    await cog.sync_guild(GUILD_ID)
    assert fake.writes() == []


async def test_admins_are_told_when_manage_events_is_missing(app, mirrored):
    _bot, cog, fake = mirrored
    fake.can_manage = False
    await _add(app, "Cannot be mirrored", 3)
    assert await cog.sync_guild(GUILD_ID) is None
    assert await cog.sync_guild(GUILD_ID) is None  # said once, not on every attempt
    assert len(fake.messages) == 1
    notice = fake.messages[0]
    assert "Manage Events" in notice["content"] and notice["allowed_mentions"] == {"parse": []}
    assert await _links(app) == []
    fake.can_manage = True
    # The change above also scheduled a background sync; whichever runs first mirrors the event, once.
    await cog.sync_guild(GUILD_ID)
    if cog.task is not None:
        await cog.task
    assert [e["name"] for e in fake.events.values()] == ["Cannot be mirrored"]
    assert len(await _links(app)) == 1


async def test_changes_schedule_a_sync(app, mirrored):
    _bot, cog, fake = mirrored
    await _add(app, "Triggers a sync", 4)
    assert cog.task is not None
    await cog.task
    assert [e["name"] for e in fake.events.values()] == ["Triggers a sync"]


def test_plan_is_pure_and_skips_running_or_cancelled(now):
    class E:
        def __init__(self, id, start, end, status="scheduled", sequence=0):
            self.id, self.start_at, self.end_at, self.status, self.sequence = id, start, end, status, sequence

    hour = dt.timedelta(hours=1)
    running = E(1, now - hour, now + hour)
    future = E(2, now + hour, now + 2 * hour, sequence=2)
    cancelled = E(3, now + hour, now + 2 * hour, status="cancelled")
    plan = plan_mirror([running, future, cancelled], [Link(3, 99, 0), Link(2, 98, 1)], now)
    assert plan.create == [] and [e.id for _, e in plan.update] == [2]
    assert [link.event_id for link in plan.delete] == [3]
    assert json.dumps([e.id for e in plan_mirror([future], [], now, room=0).create]) == "[]"

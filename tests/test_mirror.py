"""The Discord Scheduled Events mirror with a faked Discord HTTP layer: created, kept in step on edit and
cancel through the link table (idempotent), within the cap of 100, admins told about Manage Events."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot.services.events import EventDraft
from bot.services.mirror import Link, plan_mirror
from bot.services.principal import OPERATOR
from storage.models import ScheduledEventLink
from tests.helpers import GUILD_ID
from tests.mirror_support import _ids, mirrored_bot


@pytest.fixture
async def mirrored(app):
    async with mirrored_bot(app) as mirrored:
        yield mirrored


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

"""Services on both backends: rules, one transaction per action, audit."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.errors import BadInput, Forbidden, NotFound
from bot.services.contacts import ContactDraft
from bot.services.events import EventDraft, event_record
from bot.services.principal import OPERATOR, Principal, Role
from storage.models import AuditEntry, Contact, Event

from .conftest import NOW

VIENNA = ZoneInfo("Europe/Vienna")
MEMBER = Principal("discord:1", "member")
DIRECTORY = Principal("discord:2", "keeper", frozenset({Role.directory}))


async def count(app, model):
    async with app.db() as session:
        return await session.scalar(select(func.count()).select_from(model))


def draft(**changes):
    values = dict(
        title="Workshop on CBM 8",
        kind="workshop",
        start=dt.datetime(2026, 12, 3, 10, tzinfo=VIENNA),
        end=dt.datetime(2026, 12, 3, 17, tzinfo=VIENNA),
        timezone="Europe/Vienna",
        countries=["Austria", "Czech Republic"],
        cbms=[8],
    )
    values.update(changes)
    return EventDraft(**values)


async def test_create_event_is_audited_with_its_fields(app):
    event = await app.events.create(draft(), OPERATOR, NOW)
    assert event.sequence == 0 and event.created_at == NOW
    async with app.db() as session:
        entry = (await session.scalars(select(AuditEntry).where(AuditEntry.action == "event.create"))).one()
    assert entry.entity_id == str(event.id)
    assert entry.details["after"]["countries"] == ["Austria", "Czechia"]
    assert entry.actor.startswith("cli:operator")


async def test_failed_create_writes_nothing(app):
    events, audit = await count(app, Event), await count(app, AuditEntry)
    with pytest.raises(BadInput, match="no country or partner called 'Narnia'"):
        await app.events.create(draft(countries=["Austria", "Narnia"]), OPERATOR, NOW)
    with pytest.raises(BadInput, match="unknown CBM 17"):
        await app.events.create(draft(cbms=[8, 17]), OPERATOR, NOW)
    assert (await count(app, Event), await count(app, AuditEntry)) == (events, audit)


async def test_cancel_raises_sequence_and_keeps_the_event(app):
    event = await app.events.create(draft(), OPERATOR, NOW)
    later = NOW + dt.timedelta(hours=1)
    cancelled = await app.events.cancel(event.id, "venue closed", OPERATOR, later)
    assert cancelled.status == "cancelled" and cancelled.sequence == 1 and cancelled.updated_at == later
    page = await app.events.list(NOW, when="upcoming", page_size=None)
    assert event.id not in [e.id for e in page.events]
    assert event_record(await app.events.get(event.id))["status"] == "cancelled"
    with pytest.raises(NotFound):
        await app.events.cancel(99999, None, OPERATOR, later)


async def test_all_day_event_spans_local_midnights_across_dst(app):
    # Vienna leaves summer time on 2026-10-25: the all-day span is 25 hours long.
    event = await app.events.create(
        draft(start=dt.date(2026, 10, 24), end=dt.date(2026, 10, 25), countries=[]), OPERATOR, NOW
    )
    assert event.all_day
    assert event.start_at == dt.datetime(2026, 10, 23, 22, 0, tzinfo=dt.UTC)
    assert event.end_at == dt.datetime(2026, 10, 25, 23, 0, tzinfo=dt.UTC)
    record = event_record(event)
    assert record["start"] == "2026-10-24T00:00:00+02:00"
    assert record["end"] == "2026-10-26T00:00:00+01:00"


async def test_upcoming_includes_events_in_progress(app):
    event = await app.events.create(
        draft(start=NOW - dt.timedelta(hours=1), end=NOW + dt.timedelta(hours=1)), OPERATOR, NOW
    )
    upcoming = await app.events.list(NOW, when="upcoming", page_size=None)
    past = await app.events.list(NOW, when="past", page_size=None)
    assert event.id in [e.id for e in upcoming.events]
    assert event.id not in [e.id for e in past.events]


async def test_contacts_need_the_directory_role_and_every_lookup_is_audited(app):
    contact = await app.contacts.add(
        ContactDraft(country="Estonia", name="Mari Tamm", type="technical", email="mari@example.ee"),
        OPERATOR,
        NOW,
    )
    with pytest.raises(Forbidden):
        await app.contacts.list(MEMBER, NOW, country="Estonia")
    with pytest.raises(Forbidden):
        await app.contacts.add(ContactDraft(country="Estonia", name="x", type="policy"), MEMBER, NOW)
    rows = await app.contacts.list(DIRECTORY, NOW, country="Estonia")
    assert [c.id for c in rows] == [contact.id]
    async with app.db() as session:
        lookups = (
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "contact.lookup"))
        ).all()
    assert len(lookups) == 1
    assert lookups[0].actor.startswith("discord:2") and lookups[0].details["results"] == [contact.id]
    assert await count(app, Contact) == 1


async def test_contact_input_is_checked(app):
    with pytest.raises(BadInput, match="unknown contact type"):
        await app.contacts.add(ContactDraft(country="Austria", name="x", type="legal"), OPERATOR, NOW)
    with pytest.raises(BadInput, match="is not a phone number"):
        await app.contacts.add(
            ContactDraft(country="Austria", name="x", type="policy", phone="call me"), OPERATOR, NOW
        )
    assert await count(app, Contact) == 0

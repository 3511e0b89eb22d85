"""The events service on both backends: edit, status, participants, follow, list filters, search."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bot.errors import BadInput, NotFound
from bot.services.events import EventDraft
from bot.services.principal import Principal, Role
from bot.timeutil import zone
from storage.models import AuditEntry, Follow

ORGANISER = Principal("console:olga", "olga", frozenset({Role.organiser}))
MEMBER = Principal("discord:77", "member")
VIENNA = zone("Europe/Vienna")


async def _add(app, now, **kw):
    values = {"title": "Regional workshop on ICT security", "kind": "workshop",
              "start": dt.datetime(2027, 3, 3, 14, 30, tzinfo=VIENNA), "timezone": "Europe/Vienna",
              "location": "Hofburg, Vienna", "countries": ["Austria"], "cbms": [3]}  # fmt: skip
    values.update(kw)
    return await app.events.create(EventDraft(**values), ORGANISER, now)


async def _audit(app, action):
    async with app.db() as session:
        return (await session.scalars(select(AuditEntry).where(AuditEntry.action == action))).all()


async def test_edit_raises_sequence_and_audits_before_after(app, now):
    event = await _add(app, now)
    later = now + dt.timedelta(minutes=5)
    changed, fields = await app.events.update(
        event.id, {"title": "Renamed workshop", "location": None}, ORGANISER, later
    )
    assert changed.title == "Renamed workshop" and changed.location is None
    assert set(fields) == {"title", "location"}
    assert changed.sequence == 1 and changed.updated_at == later
    entry = (await _audit(app, "event.update"))[-1]
    assert entry.details["before"]["title"] == "Regional workshop on ICT security"
    assert entry.details["after"]["title"] == "Renamed workshop"
    assert entry.actor.startswith("console:olga")


async def test_new_start_keeps_the_length_and_zone_change_keeps_wall_clock(app, now):
    event = await _add(app, now, end=dt.datetime(2027, 3, 3, 16, 30, tzinfo=VIENNA))
    moved, _ = await app.events.update(
        event.id, {"start": dt.datetime(2027, 3, 4, 9, 0, tzinfo=VIENNA)}, ORGANISER, now
    )
    assert moved.end_at - moved.start_at == dt.timedelta(hours=2)
    rezoned, _ = await app.events.update(event.id, {"timezone": "Europe/London"}, ORGANISER, now)
    local = rezoned.start_at.astimezone(zone("Europe/London"))
    assert (local.hour, local.minute, rezoned.timezone) == (9, 0, "Europe/London")
    assert rezoned.sequence == 2


async def test_edit_validates_in_one_place_and_writes_nothing_when_refused(app, now):
    event = await _add(app, now)
    with pytest.raises(BadInput, match="at most 200"):
        await app.events.update(event.id, {"title": "x" * 201}, ORGANISER, now)
    with pytest.raises(BadInput, match="unknown CBM 42"):
        await app.events.update(event.id, {"cbms": [42]}, ORGANISER, now)
    with pytest.raises(BadInput, match="no country or partner called 'Atlantis'"):
        await app.events.update(event.id, {"countries": ["Atlantis"]}, ORGANISER, now)
    with pytest.raises(BadInput, match="before the start"):
        await app.events.update(
            event.id, {"end": dt.datetime(2027, 3, 1, 9, 0, tzinfo=VIENNA)}, ORGANISER, now
        )
    with pytest.raises(BadInput, match="nothing changed"):
        await app.events.update(event.id, {"title": event.title}, ORGANISER, now)
    with pytest.raises(NotFound):
        await app.events.update(99999, {"title": "x"}, ORGANISER, now)
    again = await app.events.get(event.id)
    assert again.sequence == 0 and again.title == event.title and again.cbm_numbers == [3]


async def test_cancel_postpone_restore(app, now):
    event = await _add(app, now)
    assert (await app.events.postpone(event.id, "venue closed", ORGANISER, now)).status == "postponed"
    cancelled = await app.events.cancel(event.id, "no money", ORGANISER, now)
    assert cancelled.status == "cancelled" and cancelled.status_reason == "no money"
    with pytest.raises(BadInput, match="already cancelled"):
        await app.events.cancel(event.id, None, ORGANISER, now)
    restored = await app.events.restore(event.id, ORGANISER, now)
    assert restored.status == "scheduled" and restored.sequence == 3
    assert [e.action for e in await _audit(app, "event.cancelled")] == ["event.cancelled"]


async def test_participants_add_and_remove_by_any_name(app, now):
    event = await _add(app, now)
    changed, added, removed = await app.events.change_participants(
        event.id, ["Schweiz", "FR"], ["Austria"], ORGANISER, now
    )
    assert sorted(added) == ["France", "Switzerland"] and removed == ["Austria"]
    assert [c.name for c in changed.countries] == ["France", "Switzerland"]
    with pytest.raises(BadInput, match="nothing changed: France already takes part"):
        await app.events.change_participants(event.id, ["France"], [], ORGANISER, now)
    with pytest.raises(BadInput, match="Narnia"):
        await app.events.change_participants(event.id, ["Narnia"], [], ORGANISER, now)


async def test_follow_and_unfollow_by_principal_key(app, now):
    event = await _add(app, now)
    assert (await app.events.follow(event.id, MEMBER, now))[1] is True
    assert (await app.events.follow(event.id, MEMBER, now))[1] is False
    page = await app.events.following(MEMBER)
    assert [e.id for e in page.events] == [event.id]
    async with app.db() as session:
        rows = (await session.scalars(select(Follow))).all()
    assert [(r.user_key, r.event_id) for r in rows] == [("discord:77", event.id)]
    assert (await app.events.unfollow(event.id, MEMBER, now))[1] is True
    assert (await app.events.unfollow(event.id, MEMBER, now))[1] is False
    assert (await app.events.following(MEMBER)).total == 0


async def test_month_filter_uses_the_venue_calendar(app, now):
    # 1 March in Vienna starts at 23:00 UTC on 28 February: it is a March event.
    early = await _add(app, now, title="First of March", start=dt.date(2027, 3, 1))
    await _add(app, now, title="End of February", start=dt.date(2027, 2, 28))
    march = await app.events.list(now, month=3, year=2027)
    assert [e.id for e in march.events] == [early.id]
    assert (await app.events.list(now, month=2, kind="workshop")).total == 1
    with pytest.raises(BadInput, match="month must be 1 to 12"):
        await app.events.list(now, month=13)


async def test_search_tolerates_typos_and_looks_at_every_field(app, now):
    event = await _add(app, now, description="Tabletop exercise on incident notification.")
    await _add(app, now, title="Unrelated meeting", location="Geneva", countries=[], cbms=[])
    for query in ("regonal worksop", "hofburg", "tabletop excercise", "Österreich", "austria hofburg"):
        found = await app.events.search(query, now)
        assert found.events and found.events[0].id == event.id, query
    assert (await app.events.search("zzzqqq", now)).total == 0
    with pytest.raises(BadInput):
        await app.events.search("  ", now)
    # the index follows changes
    await app.events.update(event.id, {"title": "Renamed gathering"}, ORGANISER, now)
    assert (await app.events.search("gathering", now)).events[0].id == event.id
    assert event.id not in [e.id for e in (await app.events.search("regional workshop", now)).events]
    assert (await app.events.search("tabletop", now)).events[0].id == event.id  # description still indexed


async def test_search_typo_fallback_reads_the_words_once_until_an_event_changes(app, now, monkeypatch):
    """The typo fallback matches against every word of every event: read once, not for every typo (a pass
    over all events' documents), and read again after an event changes so that its new words are found."""
    from storage import search

    reads = []
    real = search.event_vocabulary

    async def counting(session):
        reads.append(1)
        return await real(session)

    monkeypatch.setattr(search, "event_vocabulary", counting)
    event = await _add(app, now, description="Tabletop exercise on incident notification.")
    for query in ("tabletop excercise", "regonal worksop", "tabletop excercise"):
        assert (await app.events.search(query, now)).events[0].id == event.id, query
    assert len(reads) == 1
    await app.events.update(event.id, {"title": "Gathering on steganography"}, ORGANISER, now)
    assert (await app.events.search("stegamography", now)).events[0].id == event.id
    assert len(reads) == 2


async def test_search_ranks_on_the_full_text_index_by_relevance(app, now):
    """`/event search` and its autocomplete rank on the answers' full-text index (storage/search.py), not on
    a second word index: a description saying "ransomware" four times outranks one saying it once in many
    words, even though the latter starts sooner; taking-part countries are found under any of their names."""
    import bot.services.events as events_module
    from storage.models import SearchDoc

    later = dt.datetime(2028, 5, 5, 10, tzinfo=VIENNA)
    drill = "Ransomware, ransomware: a ransomware drill on ransomware."
    focused = await _add(app, now, title="Spring drill", location="Geneva", countries=[], cbms=[],
                         start=later, description=drill)  # fmt: skip
    filler = " ".join(f"topic{n} item{n}" for n in range(40))
    passing = await _add(app, now, title="General meeting", location="Geneva", countries=[], cbms=[],
                         description=f"Agenda: {filler}; one talk on ransomware.")  # fmt: skip
    assert [e.id for e in (await app.events.search("ransomware", now)).events] == [focused.id, passing.id]
    assert [i for i, _ in await app.events.complete("ransomw", now)] == [focused.id, passing.id]
    assert not hasattr(events_module, "SearchIndex") and not hasattr(app.events, "_index")
    # taking part, found under every name, and kept current when the participants change
    await app.events.update(passing.id, {"countries": ["Germany"]}, ORGANISER, now)
    for query in ("Deutschland", "Allemagne", "Германия", "Deutchland"):
        assert (await app.events.search(query, now)).events[0].id == passing.id, query
    async with app.db() as session:
        kinds = (await session.scalars(select(SearchDoc.kind).where(SearchDoc.event_id == passing.id))).all()
    assert sorted(kinds) == ["event", "eventsearch"]

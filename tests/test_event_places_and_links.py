"""Where an event is held (country filters, search, ?country=) and adding one event once (a one-time .ics
download and Google Calendar's form, on the page and in chat); the subscribe page's cancelled and postponed
events and line breaks (issue 13)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from bot.commands import REGISTRY
from bot.console import make_context
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR
from storage.models import EventStatus
from tests.feedcheck import strict_read
from tests.test_feeds_http import Server, start

VIENNA = 4  # reference events held in Vienna, Austria


@pytest.fixture
async def server(app) -> AsyncIterator[Server]:
    runner, port, web_app = await start(app)
    async with aiohttp.ClientSession(auto_decompress=False, skip_auto_headers=["Accept-Encoding"]) as http:
        yield Server(f"http://127.0.0.1:{port}", port, http, web_app)
    await runner.cleanup()


async def add(app, **fields) -> int:
    base = {
        "title": "Drill",
        "kind": "meeting",
        "start": dt.datetime(2026, 12, 10, 10, 0, tzinfo=ZoneInfo("Europe/Vienna")),
        "timezone": "Europe/Vienna",
    }
    event = await app.events.create(EventDraft(**{**base, **fields}), OPERATOR, app.now())
    return event.id


# ------------------------------------------------------------------------------------------ held in


async def test_reference_events_know_the_country_they_are_held_in(app, now):
    held = await app.events.list(now, country="Austria", country_as="held", page_size=None)
    assert len(held.events) >= VIENNA
    assert all(e.venue_country is not None and e.venue_country.name == "Austria" for e in held.events)
    either = await app.events.list(now, country="Austria", page_size=None)
    taking = await app.events.list(now, country="Austria", country_as="taking-part", page_size=None)
    assert {e.id for e in either.events} == {e.id for e in held.events} | {e.id for e in taking.events}
    assert all("Austria" in [c.name for c in e.countries] for e in taking.events)


async def test_the_venue_country_is_derived_given_cleared_and_re_derived(app):
    vienna = await app.events.get(await add(app, location="Hofburg, Vienna, Austria"))
    assert vienna.venue_country.name == "Austria"
    german = await app.events.get(await add(app, location="Wien, Österreich"))  # any language
    assert german.venue_country.name == "Austria"
    online = await app.events.get(await add(app, online=True))
    assert online.venue_country is None
    given = await app.events.get(await add(app, location="Hofburg", venue_country="Österreich"))
    assert given.venue_country.name == "Austria"
    moved, changed = await app.events.update(vienna.id, {"location": "Tallinn, Estonia"}, OPERATOR, app.now())
    assert moved.venue_country.name == "Estonia" and "venue_country" in changed
    kept, _ = await app.events.update(given.id, {"title": "Renamed"}, OPERATOR, app.now())
    assert kept.venue_country.name == "Austria"  # an explicit country stays when other fields change
    cleared, _ = await app.events.update(given.id, {"venue_country": ""}, OPERATOR, app.now())
    assert cleared.venue_country is None


async def test_the_readme_examples_find_the_events_held_in_vienna(app):
    ctx = make_context(app, OPERATOR)
    listed = await REGISTRY.handle_message(ctx, "/event list country:Austria")
    assert (
        listed.ok and "Vienna" in listed.text and listed.footer and int(listed.footer.split()[-2]) >= VIENNA
    )
    for query in ("Österreich", "Östereich", "Austria"):
        found = await REGISTRY.handle_message(ctx, f"/event search query:{query}")
        assert found.ok and "Vienna" in found.text, (query, found.text)
    only_taking = await REGISTRY.handle_message(ctx, "/event list country:Austria country_as:taking-part")
    assert only_taking.ok
    event_id = await add(app, location="Vienna, Austria", title="Held here")
    shown = await REGISTRY.handle_message(ctx, f"/event show id:{event_id}")
    assert any(f.name == "Held in" and f.value == "Austria" for f in shown.fields)


async def test_chat_sets_and_clears_where_an_event_is_held(app):
    organiser = make_context(app, OPERATOR)
    added = await REGISTRY.handle_message(
        organiser,
        "/event add title:Visit kind:study_visit start:2026-12-01 location:Somewhere held_in:Estonia",
    )
    event_id = int(re.search(r"#(\d+)", added.text or added.title).group(1))
    assert (await app.events.get(event_id)).venue_country.name == "Estonia"
    edited = await REGISTRY.handle_message(organiser, f"/event edit id:{event_id} held_in:-")
    assert edited.ok and (await app.events.get(event_id)).venue_country is None


async def test_feed_country_filter_matches_held_in_or_taking_part(server):
    def events(body: bytes) -> dict[str, str]:
        return {e.uid: e.location or "" for e in strict_read(body).events}

    either = events((await server.get("/feeds/events.ics?country=Austria"))[1])
    held = events((await server.get("/feeds/events.ics?country=Austria&country_as=held"))[1])
    taking = events((await server.get("/feeds/events.ics?country=Austria&country_as=taking-part"))[1])
    assert held and all("Austria" in place for place in held.values())
    assert sum("Vienna" in place for place in held.values()) >= VIENNA - 1  # one has no confirmed year
    assert set(either) == set(held) | set(taking)
    response, body = await server.get("/feeds/events.ics?country=Austria&country_as=nowhere")
    assert response.status == 400 and b"country_as must be one of" in body


# ------------------------------------------------------------------------------------------ one event once


async def test_one_event_is_a_download_and_the_old_feed_url_still_works(server, app):
    event_id = await add(app, location="Vienna, Austria", description="Line one\nLine two")
    response, body = await server.get(f"/events/{event_id}.ics")
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/calendar")
    assert response.headers["Content-Disposition"] == f'attachment; filename="cbm-event-{event_id}.ics"'
    (vevent,) = strict_read(body).events
    assert b"X-WR-CALNAME" not in body and b"REFRESH-INTERVAL" not in body  # not a subscription
    feed, feed_body = await server.get(f"/feeds/events/{event_id}.ics")
    assert feed.status == 200 and feed.headers["Content-Disposition"].startswith("inline")
    (fed,) = strict_read(feed_body).events
    assert fed.uid == vevent.uid  # the same event: no duplicate next to a subscription
    missing, _ = await server.get("/events/99999.ics")
    assert missing.status == 404


async def test_google_link_adds_the_event_itself(app):
    timed = await app.events.get(await add(app, location="Vienna, Austria", description="Agenda\nand more"))
    link = app.feeds.event_links(timed).google
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("https://calendar.google.com/calendar/render?")
    assert query["action"] == ["TEMPLATE"] and query["text"] == ["Drill"]
    assert query["dates"] == ["20261210T090000Z/20261210T100000Z"]  # 10:00 in Vienna (CET) is 09:00 UTC
    assert query["ctz"] == ["Europe/Vienna"] and query["location"] == ["Vienna, Austria"]
    assert query["details"][0].startswith("Agenda\nand more") and f"/events/{timed.id}" in query["details"][0]
    all_day = await app.events.get(
        await add(app, start=dt.date(2027, 3, 30), end=dt.date(2027, 4, 1), title="Summer time")
    )
    days = parse_qs(urlsplit(app.feeds.event_links(all_day).google).query)["dates"]
    assert days == ["20270330/20270402"]  # the day after the last, as Google wants


async def test_event_page_and_chat_offer_download_and_google(server, app):
    event_id = await add(app, location="Vienna, Austria")
    _, body = await server.get(f"/events/{event_id}")
    page = body.decode()
    assert f"/events/{event_id}.ics" in page and "action=TEMPLATE" in page and "webcal://" not in page
    shown = await REGISTRY.handle_message(make_context(app, OPERATOR), f"/event show id:{event_id}")
    links = next(f.value for f in shown.fields if f.name == "Add to your calendar")
    assert f"/events/{event_id}.ics" in links and "action=TEMPLATE" in links


# ------------------------------------------------------------------------------------------ the page


async def test_subscribe_page_lists_cancelled_and_postponed_events_marked_with_line_breaks(server, app):
    cancelled = await add(app, title="Called off", description="First line\nSecond line")
    postponed = await add(app, title="Later")
    await app.events.set_status(cancelled, EventStatus.cancelled, "no venue", OPERATOR, app.now())
    await app.events.set_status(postponed, EventStatus.postponed, None, OPERATOR, app.now())
    _, body = await server.get("/")
    page = body.decode()
    for event_id, mark in ((cancelled, "cancelled"), (postponed, "postponed")):
        card = page[page.index(f'id="event-{event_id}"') :]
        card = card[: card.index("</article>")]
        assert f'<span class="status">{mark}</span>' in card
    assert "First line\nSecond line" in page and "white-space: pre-line" in page


async def test_imported_rows_know_where_they_are_held(app):
    csv = (
        b"uid,title,kind,start,location,held_in\n"
        b"u-1,Named,meeting,2026-12-01T10:00:00+01:00,Hofburg,Austria\n"
        b'u-2,Derived,meeting,2026-12-02T10:00:00+01:00,"Tallinn, Estonia",\n'
    )
    report = await app.imports.import_file("rows.csv", csv, OPERATOR, app.now(), default_zone=ZoneInfo("UTC"))
    assert not report.rejected, report.rejected
    by_title = {}
    for result in report.results:
        event = await app.events.get(result.event_id)
        by_title[event.title] = event.venue_country.name if event.venue_country else None
    assert by_title == {"Named": "Austria", "Derived": "Estonia"}
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:ics-1@t\r\n"
        b"DTSTAMP:20261101T000000Z\r\nDTSTART:20261203T090000Z\r\nDTEND:20261203T100000Z\r\n"
        b"SUMMARY:From ics\r\nLOCATION:Vienna\\, Austria\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    report = await app.imports.import_file("one.ics", ics, OPERATOR, app.now(), default_zone=ZoneInfo("UTC"))
    assert not report.rejected, report.rejected
    (result,) = report.results
    assert (await app.events.get(result.event_id)).venue_country.name == "Austria"


async def test_migration_0010_fills_in_where_existing_events_are_held(blank_db_url):
    """Events stored before 0010 get their venue country from the location; online ones none."""
    import asyncio

    from alembic import command
    from sqlalchemy import insert, select
    from sqlalchemy.ext.asyncio import create_async_engine

    from storage.migrate import alembic_config, upgrade
    from storage.models import Country, CountryName, Event

    await asyncio.to_thread(command.downgrade, alembic_config(blank_db_url), "0006")
    engine = create_async_engine(blank_db_url)
    when = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    common = {
        "kind": "meeting", "description": "", "start_at": when, "end_at": when + dt.timedelta(hours=1),
        "timezone": "UTC", "all_day": False, "organisers": [], "status": "scheduled", "approximate": False,
        "sequence": 0, "created_at": when, "updated_at": when,
    }  # fmt: skip
    try:
        async with engine.begin() as connection:
            await connection.execute(
                insert(Country.__table__).values(id=1, name="Austria", status="participating_state")
            )
            await connection.execute(
                insert(CountryName.__table__).values(
                    country_id=1, lang="de", name="Österreich", folded="osterreich"
                )
            )
            await connection.execute(
                insert(Event.__table__).values(
                    id=1, title="Held", location="Wien, Österreich", online=False, **common
                )
            )
            await connection.execute(
                insert(Event.__table__).values(id=2, title="Online", location=None, online=True, **common)
            )
        await engine.dispose()
        await asyncio.to_thread(upgrade, blank_db_url)
        engine = create_async_engine(blank_db_url)
        async with engine.connect() as connection:
            rows = dict((await connection.execute(select(Event.id, Event.venue_country_id))).all())
        assert rows == {1: 1, 2: None}
    finally:
        await engine.dispose()

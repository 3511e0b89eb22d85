"""Storage on SQLite and PostgreSQL: migrations, UTC instants, constraints, idempotent seeding."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from bot.app import App
from storage import reference
from storage.migrate import current_revision, head_revision
from storage.models import AuditEntry, Cbm, Country, CountryName, Event, EventCbm, EventCountry

from .conftest import NOW


async def _counts(app: App) -> dict[str, int]:
    async with app.db() as session:
        return {
            model.__tablename__: await session.scalar(select(func.count()).select_from(model))
            for model in (Cbm, Country, CountryName, Event, EventCountry, EventCbm)
        }


async def test_schema_is_at_head(app):
    assert await current_revision(app.engine) == head_revision()
    await app.check_schema()


async def test_utc_instants_round_trip_aware(app):
    vienna = dt.datetime(2026, 7, 1, 9, 30, tzinfo=ZoneInfo("Europe/Vienna"))
    async with app.db.begin() as session:
        session.add(
            Event(
                kind="meeting",
                title="t",
                start_at=vienna,
                end_at=vienna,
                timezone="Europe/Vienna",
                created_at=NOW,
                updated_at=NOW,
            )
        )
    async with app.db() as session:
        event = (await session.scalars(select(Event).where(Event.title == "t"))).one()
    assert event.start_at.tzinfo == dt.UTC
    assert event.start_at == vienna
    assert event.start_at.hour == 7


async def test_naive_datetimes_are_refused(app):
    with pytest.raises(Exception, match="naive datetime"):
        async with app.db.begin() as session:
            session.add(
                Event(
                    kind="meeting",
                    title="naive",
                    start_at=dt.datetime(2026, 1, 1),
                    end_at=dt.datetime(2026, 1, 1),
                    timezone="UTC",
                )
            )


async def test_check_constraints_and_foreign_keys_are_enforced(app):
    with pytest.raises(IntegrityError):
        async with app.db.begin() as session:
            session.add(Event(kind="party", title="x", start_at=NOW, end_at=NOW, timezone="UTC"))
    with pytest.raises(IntegrityError):
        async with app.db.begin() as session:
            session.add(
                Event(kind="meeting", title="x", start_at=NOW, end_at=NOW - dt.timedelta(1), timezone="UTC")
            )
    with pytest.raises(IntegrityError):
        async with app.db.begin() as session:
            session.add(EventCbm(event_id=1, cbm_number=42))


async def test_sqlite_runs_in_wal_mode_with_foreign_keys(app, backend):
    if backend.name != "sqlite":
        pytest.skip("SQLite pragmas")
    async with app.engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar() == 1


async def test_reference_data_is_complete(app):
    counts = await _counts(app)
    assert counts["cbms"] == 16
    async with app.db() as session:
        statuses = dict(
            (await session.execute(select(Country.status, func.count()).group_by(Country.status))).all()
        )
        cbms = (await session.scalars(select(Cbm).order_by(Cbm.number))).all()
    assert statuses["participating_state"] == 57
    assert statuses["asian_partner"] == 5
    assert statuses["mediterranean_partner"] == 6
    assert {c.decision for c in cbms[:11]} == {"PC.DEC/1106"}
    assert {c.decision for c in cbms[11:]} == {"PC.DEC/1202"}
    for cbm in cbms:
        assert set(cbm.title) == set(reference.LANGUAGES)
        assert set(cbm.summary) == set(reference.LANGUAGES)
        assert all(cbm.keywords[lang] for lang in reference.LANGUAGES)


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("Turkey", "Türkiye"),
        ("Czech Republic", "Czechia"),
        ("Schweiz", "Switzerland"),
        ("Suisse", "Switzerland"),
        ("Svizzera", "Switzerland"),
        ("Vatican", "Holy See"),
        ("USA", "United States of America"),
        ("Russia", "Russian Federation"),
        ("Republic of Moldova", "Moldova"),
        ("Турция", "Türkiye"),
        ("turkiye", "Türkiye"),
        ("NL", "Netherlands"),
    ],
)
async def test_other_names_find_the_country(app, alias, canonical):
    match = await app.knowledge.match_country(alias)
    assert match.exact
    assert match.country.name == canonical


async def test_seed_events_keep_open_facts_honest(app):
    async with app.db() as session:
        events = {e.uid: e for e in (await session.scalars(select(Event))).all()}
    estonia = next(e for e in events.values() if "Estonia" in e.title)
    assert estonia.approximate and estonia.date_note
    assert {c.name for c in estonia.countries} == {"Armenia", "Georgia", "Moldova", "Ukraine"}
    assert estonia.cbm_numbers == [8]
    third = next(e for e in events.values() if e.title.startswith("3rd Inter-Regional"))
    assert third.online and third.all_day
    assert third.start_at.astimezone(ZoneInfo(third.timezone)).date() == dt.date(2021, 6, 22)
    assert (third.end_at.astimezone(ZoneInfo(third.timezone)) - dt.timedelta(seconds=1)).date() == dt.date(
        2021, 6, 23
    )
    beijing = next(e for e in events.values() if "Beijing" in (e.location or ""))
    assert beijing.start_at.astimezone(ZoneInfo("Asia/Shanghai")).date() == dt.date(2014, 6, 5)
    assert beijing.kind == "workshop"


async def test_seed_twice_changes_nothing(app):
    before = await _counts(app)
    async with app.db() as session:
        stamps = dict((await session.execute(select(Event.id, Event.updated_at))).all())
        audit = await session.scalar(select(func.count()).select_from(AuditEntry))
    report = await app.reference.seed(NOW + dt.timedelta(days=1))
    assert not report.changed
    assert await _counts(app) == before
    async with app.db() as session:
        assert dict((await session.execute(select(Event.id, Event.updated_at))).all()) == stamps
        assert await session.scalar(select(func.count()).select_from(AuditEntry)) == audit


async def test_seed_updates_changed_reference_rows(app, monkeypatch):
    async with app.db.begin() as session:
        cbm = await session.get(Cbm, 8)
        cbm.title = {**cbm.title, "en": "edited by hand"}
        event = (await session.scalars(select(Event).where(Event.title.like("%Beijing%")))).first()
        event = event or (await session.scalars(select(Event).where(Event.location.like("%Beijing%")))).one()
        sequence = event.sequence
        turkey = (
            await session.scalars(
                select(Country).options(selectinload(Country.names)).where(Country.iso2 == "TR")
            )
        ).one()
        turkey.names = [n for n in turkey.names if n.name != "Turkey"]
    # The reference data itself changed (a new release): an event's untouched fields follow it.
    original = reference.events()
    changed = tuple(
        dataclasses.replace(item, location=f"Beijing (new venue) {item.location}")
        if item.uid == event.uid
        else item
        for item in original
    )
    monkeypatch.setattr(reference, "events", lambda: changed)
    later = NOW + dt.timedelta(days=1)
    report = await app.reference.seed(later)
    assert report.counts["cbms"]["updated"] == 1
    assert report.counts["events"]["updated"] == 1
    assert report.counts["countries"]["updated"] == 1
    async with app.db() as session:
        assert (await session.get(Cbm, 8)).title["en"] != "edited by hand"
        refreshed = await session.get(Event, event.id)
        assert refreshed.location.startswith("Beijing (new venue)")
        assert refreshed.sequence == sequence + 1
        assert refreshed.updated_at == later
    assert (await app.knowledge.match_country("Turkey")).country.iso2 == "TR"


async def test_blank_database_reports_missing_reference_data(blank_db_url, tmp_path):
    from bot.errors import NotFound

    from .conftest import _settings

    app = App(_settings(blank_db_url, tmp_path), clock=lambda: NOW)
    try:
        with pytest.raises(NotFound, match="cbmbot seed"):
            await app.knowledge.cbm(8)
        report = await app.reference.seed(NOW)
        assert report.counts["cbms"]["created"] == 16
    finally:
        await app.close()


@pytest.mark.parametrize(
    "typed, meant",
    [("Austira", "Austria"), ("Ukraina", "Ukraine"), ("Ukriane", "Ukraine"), ("Germny", "Germany")],
)
async def test_a_typo_is_never_read_as_a_short_code_inside_it(app, typed, meant):
    """WRatio's partial match found "us" inside "austira" and "uk" inside "ukraina" (90 each): the typos
    were taken for the United States and the United Kingdom. Now the meant country, or a did-you-mean."""
    from bot.services.knowledge import NoSuchCountry

    try:
        match = await app.knowledge.match_country(typed)
    except NoSuchCountry as exc:
        assert exc.suggestions[:1] == [meant], exc.suggestions
    else:
        assert match.country.name == meant

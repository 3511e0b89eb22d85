"""Events: the rules for creating, changing and listing them. One transaction per action, audited."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, NotFound
from bot.services.knowledge import KnowledgeService
from bot.services.principal import Principal
from bot.timeutil import event_span, zone
from storage.models import Event, EventCbm, EventKind, EventStatus
from storage.repositories import AuditRepository, CbmRepository, EventFilter, EventRepository, apply_changes

TITLE_MAX = 200
DESCRIPTION_MAX = 4000
LOCATION_MAX = 300
URL_MAX = 500
KINDS = tuple(k.value for k in EventKind)
KIND_ALIASES = {"study visit": "study_visit", "studyvisit": "study_visit", "visit": "study_visit"}


def parse_kind(value: str) -> str:
    key = value.strip().lower().replace("-", "_")
    key = KIND_ALIASES.get(key.replace("_", " "), key)
    if key not in KINDS:
        raise BadInput(f"unknown kind {value!r}: use one of {', '.join(KINDS)}")
    return key


@dataclass
class EventDraft:
    """What a person gives for a new event; validated by :meth:`EventService.validate`."""

    title: str
    kind: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None = None
    timezone: str = "UTC"
    location: str | None = None
    online: bool = False
    countries: Sequence[str] = ()
    cbms: Sequence[int] = ()
    url: str | None = None
    description: str = ""
    organisers: Sequence[str] = ()
    uid: str | None = None
    source: str | None = None
    approximate: bool = False
    date_note: str | None = None


@dataclass(frozen=True)
class EventPage:
    events: Sequence[Event]
    total: int
    page: int
    pages: int
    page_size: int


@dataclass
class SeedCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    names: list[str] = field(default_factory=list)


def clean_text(value: str | None, what: str, limit: int, *, required: bool = False) -> str | None:
    text = (value or "").strip()
    if required and not text:
        raise BadInput(f"the {what} is empty")
    if len(text) > limit:
        raise BadInput(f"the {what} is {len(text)} characters long; at most {limit} are allowed")
    return text or None


async def check_cbms(session: AsyncSession, numbers: Sequence[int]) -> list[int]:
    """The CBM numbers, sorted and unique; every one must exist."""
    wanted = sorted({int(n) for n in numbers})
    if not wanted:
        return wanted
    known = await CbmRepository(session).numbers()
    unknown = [n for n in wanted if n not in known]
    if unknown:
        span = f"1 to {max(known)}" if known else "not loaded yet (run `cbmbot seed`)"
        raise BadInput(f"unknown CBM {', '.join(map(str, unknown))}: the CBMs are numbered {span}")
    return wanted


def check_url(url: str | None) -> str | None:
    url = clean_text(url, "URL", URL_MAX)
    if url is None:
        return None
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise BadInput(f"the URL {url!r} must start with http:// or https://")
    return url


class EventService:
    def __init__(self, db: async_sessionmaker[AsyncSession], knowledge: KnowledgeService) -> None:
        self.db = db
        self.knowledge = knowledge

    async def validate(self, draft: EventDraft, session: AsyncSession) -> dict[str, Any]:
        """All the rules for an event's fields, in one place. Returns the column values and links."""
        tz = zone(draft.timezone)
        start_at, end_at, all_day = event_span(draft.start, draft.end, tz)
        cbm_numbers = await check_cbms(session, draft.cbms)
        countries = await self.knowledge.resolve_countries(list(draft.countries), session)
        return {
            "columns": {
                "title": clean_text(draft.title, "title", TITLE_MAX, required=True),
                "kind": parse_kind(draft.kind),
                "description": clean_text(draft.description, "description", DESCRIPTION_MAX) or "",
                "start_at": start_at,
                "end_at": end_at,
                "timezone": tz.key,
                "all_day": all_day,
                "location": clean_text(draft.location, "location", LOCATION_MAX),
                "online": bool(draft.online),
                "url": check_url(draft.url),
                "organisers": [o.strip() for o in draft.organisers if o and o.strip()],
                "approximate": bool(draft.approximate),
                "date_note": clean_text(draft.date_note, "date note", DESCRIPTION_MAX),
                "source": clean_text(draft.source, "source", DESCRIPTION_MAX),
            },
            "countries": countries,
            "cbms": cbm_numbers,
        }

    async def create(self, draft: EventDraft, actor: Principal, now: dt.datetime) -> Event:
        async with self.db.begin() as session:
            values = await self.validate(draft, session)
            event = await EventRepository(session).add(new_event(values, draft.uid, actor.key, now))
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="event.create",
                entity="event",
                entity_id=event.id,
                details={"after": snapshot(event)},
            )
        return event

    async def set_status(
        self, event_id: int, status: EventStatus, reason: str | None, actor: Principal, now: dt.datetime
    ) -> Event:
        async with self.db.begin() as session:
            event = await self._get(session, event_id)
            if event.status == status.value:
                raise BadInput(f"event #{event_id} is already {status.value}")
            before = snapshot(event)
            event.status = status.value
            event.status_reason = clean_text(reason, "reason", DESCRIPTION_MAX)
            touch(event, now)
            await session.flush()
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action=f"event.{status.value}" if status != EventStatus.scheduled else "event.restore",
                entity="event",
                entity_id=event.id,
                details={"before": before, "after": snapshot(event)},
            )
        return event

    async def cancel(self, event_id: int, reason: str | None, actor: Principal, now: dt.datetime) -> Event:
        return await self.set_status(event_id, EventStatus.cancelled, reason, actor, now)

    async def get(self, event_id: int) -> Event:
        async with self.db() as session:
            return await self._get(session, event_id)

    @staticmethod
    async def _get(session: AsyncSession, event_id: int) -> Event:
        event = await EventRepository(session).get(event_id)
        if event is None:
            raise NotFound(f"there is no event #{event_id}")
        return event

    async def filter_for(
        self,
        session: AsyncSession,
        *,
        kind: str | None = None,
        country: str | None = None,
        cbm: int | None = None,
        year: int | None = None,
    ) -> EventFilter:
        flt = EventFilter(kind=parse_kind(kind) if kind else None, cbm=cbm, year=year)
        if country:
            flt.country_id = (await self.knowledge.match_country(country, session)).country.id
        if cbm is not None:
            await check_cbms(session, [cbm])
        return flt

    async def list(
        self,
        now: dt.datetime,
        *,
        when: str = "all",
        kind: str | None = None,
        country: str | None = None,
        cbm: int | None = None,
        year: int | None = None,
        page: int = 1,
        page_size: int | None = 10,
    ) -> EventPage:
        """Events by time ('upcoming': not yet over, soonest first; 'past': over, newest first; 'all')."""
        if page < 1:
            raise BadInput("page numbers start at 1")
        async with self.db() as session:
            flt = await self.filter_for(session, kind=kind, country=country, cbm=cbm, year=year)
            if when == "upcoming":
                flt.starts_after = now
                flt.statuses = (EventStatus.scheduled.value, EventStatus.postponed.value)
            elif when == "past":
                flt.ended_before = now
                flt.newest_first = True
            offset = (page - 1) * page_size if page_size else 0
            rows, total = await EventRepository(session).list(flt, limit=page_size, offset=offset)
        pages = max(1, math.ceil(total / page_size)) if page_size else 1
        if page > pages and total:
            raise BadInput(f"there are only {pages} pages")
        return EventPage(rows, total, page, pages, page_size or total)

    async def complete(self, text: str, now: dt.datetime, limit: int = 25) -> list[tuple[int, str]]:
        """(id, label) of events whose number or title matches ``text``, upcoming ones first."""
        from rapidfuzz import fuzz, process

        async with self.db() as session:
            rows, _ = await EventRepository(session).list(EventFilter(), limit=None)
        needle = text.strip().lstrip("#").lower()
        if needle.isdigit():
            picked = [e for e in rows if str(e.id).startswith(needle)]
        elif needle:
            titles = {e.id: f"{e.title} {e.location or ''}".lower() for e in rows}
            scored = process.extract(needle, titles, scorer=fuzz.partial_ratio, limit=limit, score_cutoff=75)
            by_id = {e.id: e for e in rows}
            picked = [by_id[key] for _title, _score, key in scored]
        else:
            picked = sorted(rows, key=lambda e: (e.end_at < now, abs((e.start_at - now).total_seconds())))
        return [(e.id, f"#{e.id} {e.title}"[:100]) for e in picked[:limit]]

    async def upsert_reference(self, session: AsyncSession, draft: EventDraft, now: dt.datetime) -> str:
        """Create or update a reference event by its UID; 'created', 'updated' or 'unchanged'."""
        assert draft.uid
        values = await self.validate(draft, session)
        repo = EventRepository(session)
        event = await repo.by_uid(draft.uid)
        if event is None:
            await repo.add(new_event(values, draft.uid, "seed", now))
            return "created"
        before = snapshot(event)
        apply_changes(event, values["columns"])
        await repo.set_links(event, values["countries"], values["cbms"])
        if snapshot(event) == before:
            return "unchanged"
        touch(event, now)
        await AuditRepository(session).record(
            at=now,
            actor="seed",
            action="event.update",
            entity="event",
            entity_id=event.id,
            details={"before": before, "after": snapshot(event)},
        )
        return "updated"


def new_event(values: dict[str, Any], uid: str | None, created_by: str, now: dt.datetime) -> Event:
    """A new event from validated values; its links are set before it meets the session."""
    return Event(
        **values["columns"],
        uid=uid,
        status=EventStatus.scheduled.value,
        sequence=0,
        created_by=created_by,
        created_at=now,
        updated_at=now,
        countries=list(values["countries"]),
        cbm_links=[EventCbm(cbm_number=n) for n in values["cbms"]],
    )


def touch(event: Event, now: dt.datetime) -> None:
    """Every change raises the sequence and the change time (calendar clients rely on both)."""
    event.sequence = (event.sequence or 0) + 1
    event.updated_at = now


def snapshot(event: Event) -> dict[str, Any]:
    """The event's fields as plain JSON values, for the audit log and change detection."""
    return {
        "title": event.title,
        "kind": event.kind,
        "description": event.description,
        "start_at": event.start_at.isoformat(),
        "end_at": event.end_at.isoformat(),
        "timezone": event.timezone,
        "all_day": event.all_day,
        "location": event.location,
        "online": event.online,
        "url": event.url,
        "organisers": list(event.organisers or []),
        "status": event.status,
        "status_reason": event.status_reason,
        "approximate": event.approximate,
        "date_note": event.date_note,
        "source": event.source,
        "countries": [c.name for c in event.countries],
        "cbms": event.cbm_numbers,
    }


def event_record(event: Event) -> dict[str, Any]:
    """The contract's JSON shape of an event (`events list --json`)."""
    tz = zone(event.timezone)
    # Instants with the venue's offset; an all-day event runs from local midnight to the midnight
    # after its last day (exclusive), as in iCalendar.
    start, end = event.start_at.astimezone(tz).isoformat(), event.end_at.astimezone(tz).isoformat()
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind,
        "start": start,
        "end": end,
        "timezone": event.timezone,
        "all_day": event.all_day,
        "location": event.location,
        "online": event.online,
        "countries": [c.name for c in event.countries],
        "cbms": event.cbm_numbers,
        "status": event.status,
        "url": event.url,
    }

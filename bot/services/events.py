"""Events: the rules for creating, changing and listing them. One transaction per action, audited."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, NotFound
from bot.services.answer_text import message
from bot.services.knowledge import KnowledgeService
from bot.services.principal import Principal
from bot.services.text_rule import URL_MAX as URL_MAX
from bot.services.text_rule import check_url, clean_line, clean_text
from bot.timeutil import event_span, local_days, localize, zone
from storage import search
from storage.engine import refresh_statistics
from storage.language import stem
from storage.models import Country, Event, EventCbm, EventKind, EventStatus
from storage.reference import LANGUAGES
from storage.repositories import (
    AuditRepository,
    CbmRepository,
    EventFilter,
    EventRepository,
    FollowRepository,
    apply_changes,
    audit_details,
)
from storage.text import fold

log = logging.getLogger(__name__)

# A bulk write of at least this many new events refreshes the database's planner statistics at once.
BULK_STATISTICS = 1000

TITLE_MAX = 200
DESCRIPTION_MAX = 4000
LOCATION_MAX = 300
KINDS = tuple(k.value for k in EventKind)
KIND_ALIASES = {"study visit": "study_visit", "studyvisit": "study_visit", "visit": "study_visit"}


def parse_kind(value: str) -> str:
    key = value.strip().lower().replace("-", "_")
    key = KIND_ALIASES.get(key.replace("_", " "), key)
    if key not in KINDS:
        raise BadInput(key="kind_unknown", raw=repr(value), value=value, kinds=", ".join(KINDS))
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
    # The country the event is held in: None derives it from the location (a country's name in it;
    # nothing for an online event without a place); "" or "none" says it is held in no country.
    venue_country: str | None = None


COUNTRY_AS = ("either", "held", "taking-part")  # how a country filter matches (EventFilter.country_as)
NO_COUNTRY = frozenset({"", "none", "-", "online"})


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


async def check_cbms(session: AsyncSession, numbers: Sequence[int]) -> list[int]:
    """The CBM numbers, sorted and unique; every one must exist."""
    wanted = sorted({int(n) for n in numbers})
    if not wanted:
        return wanted
    known = session.info.get("cbm_numbers")
    if known is None:  # remembered for the rest of the transaction (imports check many rows)
        known = session.info["cbm_numbers"] = await CbmRepository(session).numbers()
    unknown = [n for n in wanted if n not in known]
    if unknown:
        numbers = ", ".join(map(str, unknown))
        if known:
            raise BadInput(key="cbm_unknown", numbers=numbers, last=max(known))
        raise BadInput(key="cbm_unknown_unloaded", numbers=numbers)
    return wanted


class EventService:
    def __init__(self, db: async_sessionmaker[AsyncSession], knowledge: KnowledgeService) -> None:
        self.db = db
        self.knowledge = knowledge
        # Called (without arguments) after every committed change to events: e.g. the Discord
        # Scheduled Events mirror schedules a sync. A listener's failure never undoes the change.
        self.listeners: list[Callable[[], None]] = []
        # `/event search`'s typo fallback matches against every word of the events' search documents;
        # reading them costs a pass over all events, so they are kept (when read, words) until an event
        # changes here or VOCABULARY_TTL passes (changes made by another process, e.g. a CLI import).
        self._vocabulary: tuple[float, list[str]] | None = None

    def changed(self) -> None:
        self._vocabulary = None
        for listener in list(self.listeners):
            try:
                listener()
            except Exception:
                log.exception("an event change listener failed")

    async def validate(
        self, draft: EventDraft, session: AsyncSession, corrections: list[str] | None = None
    ) -> dict[str, Any]:
        """All the rules for an event's fields, in one place (chat, CLI, imports and the seed). Returns the
        column values and links; names read as close typos are added to ``corrections``."""
        tz = zone(draft.timezone)
        start_at, end_at, all_day = event_span(draft.start, draft.end, tz)
        cbm_numbers = await check_cbms(session, draft.cbms)
        names = [n for n in (clean_line(c, "country", LOCATION_MAX) for c in draft.countries) if n]
        countries = await self.knowledge.resolve_countries(names, session, corrections)
        location = clean_line(draft.location, "location", LOCATION_MAX)
        return {
            "columns": {
                "title": clean_line(draft.title, "title", TITLE_MAX, required=True),
                "kind": parse_kind(draft.kind),
                "description": clean_text(draft.description, "description", DESCRIPTION_MAX) or "",
                "start_at": start_at,
                "end_at": end_at,
                "timezone": tz.key,
                "all_day": all_day,
                "location": location,
                "online": bool(draft.online),
                "url": check_url(draft.url),
                "organisers": [
                    o for o in (clean_line(x, "organiser", LOCATION_MAX) for x in draft.organisers) if o
                ],
                "approximate": bool(draft.approximate),
                "date_note": clean_text(draft.date_note, "date note", DESCRIPTION_MAX),
                "source": clean_text(draft.source, "source", DESCRIPTION_MAX),
            },
            "countries": countries,
            "cbms": cbm_numbers,
            "venue_country": await self.venue_country(draft.venue_country, location, session),
        }

    async def venue_country(self, given: str | None, location: str | None, session: AsyncSession) -> Any:
        """The country an event is held in: the one given, else the one named in its location."""
        if given is not None:
            if fold(given) in NO_COUNTRY:
                return None
            return (await self.knowledge.resolve_countries([given], session))[0]
        return await self.knowledge.country_in(location, session)

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
        self.changed()
        return event

    async def set_status(
        self, event_id: int, status: EventStatus, reason: str | None, actor: Principal, now: dt.datetime
    ) -> Event:
        async with self.db.begin() as session:
            event = await self._get(session, event_id)
            if event.status == status.value:
                raise BadInput(key=f"event_already_{status.value}", id=event_id)
            before = snapshot(event)
            event.status = status.value
            event.status_reason = clean_text(reason, "reason", DESCRIPTION_MAX)
            action = f"event.{status.value}" if status != EventStatus.scheduled else "event.restore"
            await record_change(
                session, event, action, actor.audit_name, before, now, reason=event.status_reason
            )
        self.changed()
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
            raise NotFound(key="reminder_no_event", id=event_id)
        return event

    async def filter_for(
        self,
        session: AsyncSession,
        *,
        kind: str | None = None,
        country: str | None = None,
        cbm: int | None = None,
        year: int | None = None,
        country_as: str | None = None,
    ) -> EventFilter:
        """A filter from what a person chose. ``country`` matches events held there or taking part;
        ``country_as`` ("held", "taking-part") asks for only one of the two."""
        flt = EventFilter(kind=parse_kind(kind) if kind else None, cbm=cbm, year=year)
        if country_as is not None:
            flt.country_as = parse_country_as(country_as)
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
        month: int | None = None,
        page: int = 1,
        page_size: int | None = 10,
        country_as: str | None = None,
        with_cancelled: bool = False,
    ) -> EventPage:
        """Events by time ('upcoming': not yet over, soonest first; 'past': over, newest first; 'all').
        ``month`` (1-12, with or without ``year``) is the month of the first day at the venue."""
        if page < 1:
            raise BadInput(key="pages_start")
        if month is not None and not 1 <= month <= 12:
            raise BadInput(key="month_range", month=month)
        async with self.db() as session:
            flt = await self.filter_for(
                session, kind=kind, country=country, cbm=cbm, year=year, country_as=country_as
            )
            if when == "upcoming":
                flt.starts_after = now
                if not with_cancelled:  # the subscribe page lists cancelled ones too, marked
                    flt.statuses = (EventStatus.scheduled.value, EventStatus.postponed.value)
            elif when == "past":
                flt.ended_before = now
                flt.newest_first = True
            offset = (page - 1) * page_size if page_size else 0
            if month is None:
                rows, total = await EventRepository(session).list(flt, limit=page_size, offset=offset)
            else:
                # The database narrows to the UTC months around it; the venue's calendar decides.
                flt.utc_months = tuple(sorted({(month - 2) % 12 + 1, month, month % 12 + 1}))
                candidates, _ = await EventRepository(session).list(flt, limit=None)
                chosen = [e for e in candidates if _local_start(e).month == month]
                if year is not None:
                    chosen = [e for e in chosen if _local_start(e).year == year]
                total = len(chosen)
                rows = chosen[offset : offset + page_size] if page_size else chosen
        pages = max(1, math.ceil(total / page_size)) if page_size else 1
        if page > pages and total:
            raise BadInput(key="pages_only", pages=pages)
        return EventPage(rows, total, page, pages, page_size or total)

    async def complete(self, text: str, now: dt.datetime, limit: int = 25) -> list[tuple[int, str]]:
        """(id, label) for autocomplete: events whose number starts with ``text`` or whose words match it
        (ranked on the full-text index, as in :meth:`search`), else the soonest ones. Only those shown are
        read from the database (this runs on every keystroke)."""
        needle = text.strip().lstrip("#")
        async with self.db() as session:
            repo = EventRepository(session)
            if needle.isdigit():
                chosen = await repo.ids_starting_with(needle, limit)
            elif words := query_words(needle):
                chosen = (await self._ranked(session, words, now, limit))[:limit]
            else:
                upcoming, _ = await repo.list(EventFilter(starts_after=now), limit=limit)
                past, _ = await repo.list(
                    EventFilter(ended_before=now, newest_first=True), limit=limit - len(upcoming)
                )
                chosen = [e.id for e in [*upcoming, *past]]
            rows, _ = await repo.list(EventFilter(ids=chosen), limit=None)
        by_id = {e.id: e for e in rows}
        return [(i, f"#{i} {by_id[i].title}"[:100]) for i in chosen if i in by_id]

    async def upsert_by_uid(
        self,
        session: AsyncSession,
        draft: EventDraft,
        now: dt.datetime,
        *,
        actor: str,
        created_by: str,
        status: EventStatus | None = None,
        audit_create: bool = False,
        known: dict[str, Event] | None = None,
        corrections: list[str] | None = None,
        values: dict[str, Any] | None = None,
    ) -> tuple[str, Event]:
        """Create or update an event by its UID inside the caller's transaction: ('created' | 'updated' |
        'unchanged', event). Unchanged rows are left alone (no sequence bump). Validation comes first, so
        a refused row changes nothing."""
        assert draft.uid
        if values is None:
            values = await self.validate(draft, session, corrections)
        else:  # validated beforehand in another session: the countries as this session's objects
            values = {**values, "countries": [await _attached(session, c) for c in values["countries"]]}
        repo = EventRepository(session)
        # ``known``: the caller fetched the events of these UIDs in bulk (absent there: not in the database)
        event = known.get(draft.uid) if known is not None else await repo.by_uid(draft.uid)
        if event is None:
            event = new_event(values, draft.uid, created_by, now)
            if status is not None:
                event.status = status.value
            await repo.add(event)
            if audit_create:
                await AuditRepository(session).record(
                    at=now, actor=actor, action="event.create", entity="event", entity_id=event.id,
                    details={"after": snapshot(event)}, flush=False,
                )  # fmt: skip
            if known is not None:
                known[draft.uid] = event
            return "created", event
        before = snapshot(event)
        apply_changes(event, values["columns"])
        if status is not None and event.status != status.value:
            event.status = status.value
        set_venue(event, values["venue_country"])
        await repo.set_links(event, values["countries"], values["cbms"], flush=known is None)
        if snapshot(event) == before:
            return "unchanged", event
        await record_change(session, event, "event.update", actor, before, now, flush=known is None)
        return "updated", event

    @staticmethod
    def prepare_new(
        items: Sequence[tuple[EventDraft, dict[str, Any], EventStatus | None]],
        now: dt.datetime,
        *,
        actor: str,
        created_by: str,
    ) -> NewEvents:
        """Everything the bulk writing of new events needs, made BEFORE the transaction: their rows, links
        and audit entries (snapshots already JSON text). CPU only, no database: imports run it in a worker
        thread. Then :meth:`write_new` inside the transaction only sends bulk statements."""
        prepared = NewEvents()
        for draft, values, status in items:
            assert draft.uid
            state = (status or EventStatus.scheduled).value
            venue = values["venue_country"]
            prepared.rows.append({
                **values["columns"], "uid": draft.uid, "status": state, "sequence": 0,
                "created_by": created_by, "created_at": now, "updated_at": now,
                "venue_country_id": venue.id if venue is not None else None,
            })  # fmt: skip
            prepared.countries.append([c.id for c in values["countries"]])
            prepared.cbms.append(list(values["cbms"]))
            prepared.audits.append({
                "at": now, "actor": actor, "action": "event.create", "entity": "event", "entity_id": None,
                "details": audit_details({"after": values_snapshot(values, state)}),
            })  # fmt: skip
        return prepared

    @staticmethod
    async def write_new(session: AsyncSession, prepared: NewEvents) -> list[int]:
        """The events of :meth:`prepare_new` with bulk statements inside the caller's transaction (the
        write lock is held for these statements only); their ids in the order prepared."""
        ids = await EventRepository(session).insert_many(prepared.rows, prepared.countries, prepared.cbms)
        for audit, event_id in zip(prepared.audits, ids, strict=True):
            audit["entity_id"] = str(event_id)
        await AuditRepository(session).record_many(prepared.audits)
        return ids

    async def create_many(
        self,
        session: AsyncSession,
        items: Sequence[tuple[EventDraft, dict[str, Any], EventStatus | None]],
        now: dt.datetime,
        *,
        actor: str,
        created_by: str,
    ) -> list[int]:
        """New events from validated values (:meth:`validate`), written with bulk statements inside the
        caller's transaction, each with its audit entry; their ids in the order given."""
        return await self.write_new(session, self.prepare_new(items, now, actor=actor, created_by=created_by))

    async def index_new(self, ids: Sequence[int], chunk: int = 500) -> None:
        """After new events were committed in bulk: their documents into the answers' index. Per chunk of
        events: a read, the documents built in a worker thread (CPU work never holds the event loop), a
        short write transaction. An interrupted run is repaired by the next `cbmbot seed` (sync_all)."""
        lexicon = None
        for start in range(0, len(ids), chunk):
            part = list(ids[start : start + chunk])
            async with self.db() as session:
                rows, taking_part, lexicon = await EventRepository(session).index_inputs(part, lexicon)
            docs = await asyncio.to_thread(search.event_docs, rows, taking_part, lexicon)
            async with self.db.begin() as session:
                await EventRepository(session).store_index(part, docs)
        if len(ids) >= BULK_STATISTICS:
            try:
                await refresh_statistics(self.db.kw["bind"])
            except Exception as exc:  # the import is committed; the server's autovacuum catches up later
                log.warning("after the bulk import: could not refresh the planner's statistics: %s", exc)

    # ------------------------------------------------------------------------------ changing events

    async def update(
        self, event_id: int, changes: dict[str, Any], actor: Principal, now: dt.datetime
    ) -> tuple[Event, list[str]]:
        """Change some fields of an event: (event, names of the fields that changed).

        ``changes`` holds any of :data:`EDITABLE`; ``None`` clears an optional field. A new start without
        an end keeps the event's length; a new zone alone keeps the wall-clock times at the venue.
        Everything goes through :meth:`validate`; the sequence rises and the audit log keeps before/after.
        """
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise BadInput(key="fields_not_editable", fields=", ".join(unknown), editable=", ".join(EDITABLE))
        if not changes:
            raise BadInput(key="event_edit_nothing")
        async with self.db.begin() as session:
            event = await self._get(session, event_id)
            draft = draft_from_event(event, changes)
            values = await self.validate(draft, session)
            before = snapshot(event)
            for key, value in values["columns"].items():
                if getattr(event, key) != value:
                    setattr(event, key, value)
            set_venue(event, values["venue_country"])
            await EventRepository(session).set_links(event, values["countries"], values["cbms"])
            after = snapshot(event)
            changed = [k for k in after if after[k] != before[k]]
            if not changed:
                raise BadInput(key="event_unchanged", id=event_id)
            await record_change(session, event, "event.update", actor.audit_name, before, now, fields=changed)
        self.changed()
        return event, changed

    async def postpone(self, event_id: int, reason: str | None, actor: Principal, now: dt.datetime) -> Event:
        return await self.set_status(event_id, EventStatus.postponed, reason, actor, now)

    async def restore(self, event_id: int, actor: Principal, now: dt.datetime) -> Event:
        return await self.set_status(event_id, EventStatus.scheduled, None, actor, now)

    async def change_participants(
        self,
        event_id: int,
        add: Sequence[str],
        remove: Sequence[str],
        actor: Principal,
        now: dt.datetime,
    ) -> tuple[Event, list[str], list[str]]:
        """Add and remove taking-part states: (event, names added, names removed). Names are matched like
        everywhere else (any language, ISO code, close typos); unknown names refuse the whole change."""
        if not any(n.strip() for n in [*add, *remove]):
            raise BadInput(key="participants_none")
        async with self.db.begin() as session:
            event = await self._get(session, event_id)
            adding = await self.knowledge.resolve_countries(list(add), session)
            removing = await self.knowledge.resolve_countries(list(remove), session)
            both = {c.id for c in adding} & {c.id for c in removing}
            if both:
                raise BadInput(key="participants_both")
            current = {c.id: c for c in event.countries}
            added = [c for c in adding if c.id not in current]
            removed = [c for c in removing if c.id in current]
            if not added and not removed:
                notes = [("takes_part_already", c) for c in adding]
                notes += [("takes_part_not", c) for c in removing if c.id not in current]
                raise BadInput(key="participants_unchanged", notes=_notes(notes))
            before = snapshot(event)
            for c in added:
                current[c.id] = c
            for c in removed:
                current.pop(c.id, None)
            chosen = sorted(current.values(), key=lambda c: c.name)
            await EventRepository(session).set_links(event, chosen, event.cbm_numbers)
            await record_change(session, event, "event.participants", actor.audit_name, before, now)
        self.changed()
        return event, [c.name for c in added], [c.name for c in removed]

    # ------------------------------------------------------------------------------ following

    async def follow(self, event_id: int, actor: Principal, now: dt.datetime) -> tuple[Event, bool]:
        """(event, True when newly followed). Following is the person's own choice: audited, no sequence."""
        return await self._set_follow(event_id, actor, now, follow=True)

    async def unfollow(self, event_id: int, actor: Principal, now: dt.datetime) -> tuple[Event, bool]:
        """(event, True when it was followed until now)."""
        return await self._set_follow(event_id, actor, now, follow=False)

    async def _set_follow(
        self, event_id: int, actor: Principal, now: dt.datetime, *, follow: bool
    ) -> tuple[Event, bool]:
        async with self.db.begin() as session:
            event = await self._get(session, event_id)
            follows = FollowRepository(session)
            changed = (
                await follows.follow(actor.key, event_id, now)
                if follow
                else await follows.unfollow(actor.key, event_id)
            )
            if changed:
                await AuditRepository(session).record(
                    at=now,
                    actor=actor.audit_name,
                    action="event.follow" if follow else "event.unfollow",
                    entity="event",
                    entity_id=event_id,
                    details={"user": actor.key},
                )
        return event, changed

    async def following(self, actor: Principal, page: int = 1, page_size: int = 10) -> EventPage:
        """The events a person follows, soonest first."""
        if page < 1:
            raise BadInput(key="pages_start")
        async with self.db() as session:
            ids = await FollowRepository(session).followed_event_ids(actor.key)
            rows, total = await EventRepository(session).list(
                EventFilter(ids=ids), limit=page_size, offset=(page - 1) * page_size
            )
        pages = max(1, math.ceil(total / page_size))
        if page > pages and total:
            raise BadInput(key="pages_only", pages=pages)
        return EventPage(rows, total, page, pages, page_size)

    # ------------------------------------------------------------------------------ searching

    async def search(self, query: str, now: dt.datetime, *, page: int = 1, page_size: int = 10) -> EventPage:
        """Events whose title, description, place, country or taking-part states match ``query``, ranked on
        the full-text index (storage/search.py) and tolerant of typos: every word of the query must match a
        word of the event (equal, as its beginning, or, failing both, closely). Best matches first; among
        equals, events not yet over first. At most ``SEARCH_LIMIT`` matches are counted."""
        words = query_words(query)
        if not words:
            raise BadInput(key="search_no_words")
        if page < 1:
            raise BadInput(key="pages_start")
        async with self.db() as session:
            ranked = await self._ranked(session, words, now, SEARCH_LIMIT)
            total = len(ranked)
            chosen = ranked[(page - 1) * page_size : page * page_size]
            rows, _ = await EventRepository(session).list(EventFilter(ids=chosen), limit=None)
        by_id = {e.id: e for e in rows}
        pages = max(1, math.ceil(total / page_size))
        if page > pages and total:
            raise BadInput(key="pages_only", pages=pages)
        return EventPage([by_id[i] for i in chosen if i in by_id], total, page, pages, page_size)

    async def _event_vocabulary(self, session: AsyncSession) -> list[str]:
        clock = time.monotonic()
        if self._vocabulary is None or clock - self._vocabulary[0] > VOCABULARY_TTL:
            self._vocabulary = (clock, sorted(await search.event_vocabulary(session)))
        return self._vocabulary[1]

    async def _ranked(
        self, session: AsyncSession, words: Sequence[str], now: dt.datetime, limit: int
    ) -> list[int]:
        """Event ids matching every word, best first on the index; a word the index lacks (even as the
        beginning of one of its words) stands for its closest index words (rapidfuzz): typos still match."""
        groups: list[list[tuple[str, bool]]] = []
        vocabulary: list[str] | None = None
        for word in words:
            term = stem(word)
            group = [(term, False)]
            if not await search.event_matches(session, [group], 1):
                group = [(term, True)]
                if len(term) < 3 or not await search.event_matches(session, [group], 1):
                    if len(word) < 4:
                        return []
                    if vocabulary is None:
                        vocabulary = await self._event_vocabulary(session)
                    cutoff = WORD_ACCEPT if len(term) >= 5 else 75
                    found = process.extract(
                        term, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff, limit=10
                    )
                    group = [(other, False) for other, _, _ in found]
                    if not group:
                        return []
            groups.append(group)
        hits = await search.event_matches(session, groups, limit)
        moment = now.timestamp()
        hits.sort(
            key=lambda h: (
                -round(h.rank, 9),
                h.end_at.timestamp() < moment,
                abs(h.start_at.timestamp() - moment),
            )
        )
        return [h.event_id for h in hits]


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
        venue_country=values["venue_country"],
    )


def _notes(notes: list[tuple[str, Country]]) -> Callable[[str], str]:
    """Why nothing changed, country by country, in a language (each country named in it). The names are
    taken now: the refusal is said after its transaction has ended."""
    named = [(key, {lang: local_country_name(c, lang) for lang in LANGUAGES}) for key, c in notes]

    def said(lang: str) -> str:
        return "; ".join(message(key, lang, name=names.get(lang, names["en"])) for key, names in named)

    return said


def local_country_name(country: Country, lang: str) -> str:
    """The country's first name stored in ``lang`` (its names loaded), else its English name."""
    if lang == "en":
        return country.name
    return next((n.name for n in country.names if n.lang == lang), country.name)


def set_venue(event: Event, country: Any) -> None:
    if event.venue_country_id != (country.id if country is not None else None):
        event.venue_country = country


def parse_country_as(value: str) -> str:
    key = value.strip().lower().replace("_", "-").replace(" ", "-")
    if key not in COUNTRY_AS:
        raise BadInput(key="opt_choice", name="country_as", choices=", ".join(COUNTRY_AS), raw=repr(value))
    return key


async def record_change(
    session: AsyncSession,
    event: Event,
    action: str,
    actor: str,
    before: dict[str, Any],
    now: dt.datetime,
    *,
    flush: bool = True,
    **details: Any,
) -> None:
    """Every change to an event: its sequence and change time raised, and the audit entry with the values
    before and after. ``flush=False`` leaves the writing to the caller's next flush (bulk imports)."""
    touch(event, now)
    if flush:
        await session.flush()
    await AuditRepository(session).record(
        at=now,
        actor=actor,
        action=action,
        entity="event",
        entity_id=event.id,
        details={"before": before, "after": snapshot(event), **details},
        flush=flush,
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
        "venue_country": event.venue_country.name if event.venue_country is not None else None,
    }


@dataclass
class NewEvents:
    """New events ready for bulk statements (:meth:`EventService.prepare_new`)."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    countries: list[list[int]] = field(default_factory=list)
    cbms: list[list[int]] = field(default_factory=list)
    audits: list[dict[str, Any]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def only(self, keep: Callable[[str], bool]) -> NewEvents:
        """The events whose UID ``keep`` accepts."""
        chosen = [n for n, row in enumerate(self.rows) if keep(row["uid"])]
        return NewEvents(
            [self.rows[n] for n in chosen],
            [self.countries[n] for n in chosen],
            [self.cbms[n] for n in chosen],
            [self.audits[n] for n in chosen],
        )


def values_snapshot(values: dict[str, Any], status: str) -> dict[str, Any]:
    """:func:`snapshot` of an event not yet loaded, from its validated values."""
    columns = values["columns"]
    return {
        "title": columns["title"],
        "kind": columns["kind"],
        "description": columns["description"],
        "start_at": columns["start_at"].astimezone(dt.UTC).isoformat(),
        "end_at": columns["end_at"].astimezone(dt.UTC).isoformat(),
        "timezone": columns["timezone"],
        "all_day": columns["all_day"],
        "location": columns["location"],
        "online": columns["online"],
        "url": columns["url"],
        "organisers": list(columns["organisers"]),
        "status": status,
        "status_reason": None,
        "approximate": columns["approximate"],
        "date_note": columns["date_note"],
        "source": columns["source"],
        "countries": sorted(c.name for c in values["countries"]),
        "cbms": list(values["cbms"]),
        "venue_country": values["venue_country"].name if values["venue_country"] is not None else None,
    }


async def _attached(session: AsyncSession, country: Country) -> Country:
    found = await session.get(Country, country.id)
    assert found is not None
    return found


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
        # True when the sources leave the year open: the years in start and end are placeholders.
        "approximate": bool(event.approximate),
    }


EDITABLE = (
    "title",
    "kind",
    "start",
    "end",
    "timezone",
    "location",
    "online",
    "countries",
    "cbms",
    "url",
    "description",
    "organisers",
    "venue_country",
)


def _local_start(event: Event) -> dt.datetime:
    return event.start_at.astimezone(zone(event.timezone))


def draft_from_event(event: Event, changes: dict[str, Any] | None = None) -> EventDraft:
    """The event as a draft (what a person would have given), with ``changes`` laid over it."""
    changes = dict(changes or {})
    old_tz = zone(event.timezone)
    new_tz = zone(changes["timezone"]) if changes.get("timezone") else old_tz
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None
    if event.all_day:
        first, last = local_days(event.start_at, event.end_at, old_tz)
        start, end = first, last
    elif new_tz.key != old_tz.key:  # the venue's zone was wrong: keep the wall-clock times
        start = localize(event.start_at.astimezone(old_tz).replace(tzinfo=None), new_tz)
        end = localize(event.end_at.astimezone(old_tz).replace(tzinfo=None), new_tz)
    else:
        start, end = event.start_at.astimezone(old_tz), event.end_at.astimezone(old_tz)
    approximate, date_note = event.approximate, event.date_note
    if "start" in changes:
        new_start = changes["start"]
        if "end" not in changes:
            # Keep the length when the kind of time (day or clock) stays; otherwise the default length.
            same_kind = isinstance(new_start, dt.datetime) == isinstance(start, dt.datetime)
            end = new_start + (end - start) if same_kind and end is not None else None  # type: ignore[operator]
        start = new_start
        approximate, date_note = False, None  # a date given now is a date that is known
    if "end" in changes:
        end = changes["end"]
    if "venue_country" in changes:
        venue: str | None = changes["venue_country"] or ""
    elif "location" in changes:
        venue = None  # a new place: its country is read from it again
    else:
        venue = event.venue_country.name if event.venue_country is not None else ""
    return EventDraft(
        title=changes.get("title", event.title),
        kind=changes.get("kind", event.kind),
        start=start,
        end=end,
        timezone=new_tz.key,
        location=changes.get("location", event.location),
        online=changes["online"] if changes.get("online") is not None else event.online,
        countries=changes["countries"] if "countries" in changes else [c.name for c in event.countries],
        cbms=changes.get("cbms", event.cbm_numbers),
        url=changes.get("url", event.url),
        description=changes.get("description", event.description),
        organisers=changes["organisers"] if "organisers" in changes else list(event.organisers or []),
        uid=event.uid,
        source=event.source,
        approximate=approximate,
        date_note=date_note,
        venue_country=venue,
    )


# ---------------------------------------------------------------------------------------------- search

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
STOP_WORDS = frozenset(
    "a an and at for in of on the to with by from der die das und im am le la les et de du des il".split()  # noqa: SIM905
)
WORD_ACCEPT = 80  # fuzz.ratio for an index term (a stem of up to six letters) to stand for a misspelt one
VOCABULARY_TTL = 300.0  # seconds the typo fallback's word list is kept (see EventService._vocabulary)
SEARCH_LIMIT = 1000  # the most matches `/event search` ranks and counts


def query_words(text: str) -> list[str]:
    words = [w for w in _WORD.findall(fold(text or "")) if len(w) >= 2]
    meaningful = [w for w in words if w not in STOP_WORDS]
    return meaningful or words

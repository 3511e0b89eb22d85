"""Queries, one class per aggregate. Each takes the session of the caller's transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    JSON,
    Select,
    String,
    TypeDecorator,
    and_,
    bindparam,
    cast,
    delete,
    exists,
    extract,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.models import (
    AuditEntry,
    ButtonAction,
    Cbm,
    Contact,
    Country,
    CountryName,
    Event,
    EventCbm,
    EventCountry,
    EventStatus,
    FeedToken,
    Follow,
    GuildSettings,
    ScheduledEventLink,
)
from storage.text import fold


def apply_changes(row: object, values: dict[str, Any]) -> bool:
    """Set only the attributes whose value differs; True when anything changed."""
    changed = False
    for key, value in values.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    return changed


class CbmRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def all(self) -> Sequence[Cbm]:
        return (await self.session.scalars(select(Cbm).order_by(Cbm.number))).all()

    async def get(self, number: int) -> Cbm | None:
        return await self.session.get(Cbm, number)

    async def numbers(self) -> set[int]:
        return set((await self.session.scalars(select(Cbm.number))).all())


class CountryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _query(self) -> Select[tuple[Country]]:
        return select(Country).options(selectinload(Country.names))

    async def all(self) -> Sequence[Country]:
        return (await self.session.scalars(self._query().order_by(Country.name))).all()

    async def get(self, country_id: int) -> Country | None:
        return (await self.session.scalars(self._query().where(Country.id == country_id))).first()

    async def by_exact_name(self, name: str) -> Country | None:
        """The country one of whose names (any language) folds to the same text, or whose ISO code it is."""
        folded = fold(name)
        if not folded:
            return None
        query = self._query().where(
            or_(
                Country.id.in_(select(CountryName.country_id).where(CountryName.folded == folded)),
                func.lower(Country.iso2) == folded if len(folded) == 2 else False,
            )
        )
        return (await self.session.scalars(query.order_by(Country.id))).first()

    async def name_index(self) -> list[tuple[str, str, int]]:
        """(folded name, name as written, country id) for every name: the input of fuzzy matching."""
        rows = await self.session.execute(
            select(CountryName.folded, CountryName.name, CountryName.country_id)
        )
        return [(f, n, c) for f, n, c in rows.all()]

    async def by_key(self, iso2: str | None, name: str) -> Country | None:
        if iso2:
            found = (await self.session.scalars(self._query().where(Country.iso2 == iso2))).first()
            if found is not None:
                return found
        return (await self.session.scalars(self._query().where(Country.name == name))).first()


@dataclass
class EventFilter:
    kind: str | None = None
    country_id: int | None = None
    country_as: str = "either"  # the country: "held" there, "taking-part", or "either" of the two
    cbm: int | None = None
    statuses: tuple[str, ...] | None = None
    starts_after: dt.datetime | None = None  # events not yet over at this instant (end >= it)
    ended_before: dt.datetime | None = None  # events over at this instant (end < it)
    year: int | None = None
    ids: Sequence[int] | None = None
    newest_first: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    utc_months: tuple[int, ...] | None = None  # months (1-12) of the start instant in UTC


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, event_id: int) -> Event | None:
        return await self.session.get(Event, event_id)

    async def by_uid(self, uid: str) -> Event | None:
        return (await self.session.scalars(select(Event).where(Event.uid == uid))).first()

    async def by_uids(self, uids: Sequence[str], chunk: int = 500) -> dict[str, Event]:
        """Events by UID, fetched in a few queries (for imports)."""
        found: dict[str, Event] = {}
        wanted = sorted(set(uids))
        for start in range(0, len(wanted), chunk):
            query = select(Event).where(Event.uid.in_(wanted[start : start + chunk]))
            for event in (await self.session.scalars(query)).all():
                found[event.uid or ""] = event
        return found

    async def existing_uids(self, uids: Sequence[str], chunk: int = 500) -> set[str]:
        """Which of these UIDs the database holds (one light query per chunk; for imports)."""
        found: set[str] = set()
        wanted = sorted(set(uids))
        for start in range(0, len(wanted), chunk):
            query = select(Event.uid).where(Event.uid.in_(wanted[start : start + chunk]))
            found.update(uid for uid in (await self.session.scalars(query)).all() if uid is not None)
        return found

    async def insert_many(
        self,
        rows: Sequence[dict[str, Any]],
        countries: Sequence[Sequence[int]],
        cbms: Sequence[Sequence[int]],
        chunk: int = 250,
    ) -> list[int]:
        """New events in bulk (every row has its own UID): multi-row INSERTs of ``chunk`` rows returning
        (id, uid), then their links with executemany; the ids in the order given. Each statement's
        parameters are processed on the event loop: chunks keep that to a few tens of milliseconds.
        RETURNING is matched by UID, not by position: asking SQLAlchemy for the rows' order makes it send
        one INSERT per row on SQLite, thousands of round trips while the write lock is held. Bulk statements
        bypass the answers' index (storage/search.py): give the ids to :meth:`index_inputs` and
        :meth:`store_index` afterwards."""
        table = Event.__table__
        by_uid: dict[str, int] = {}
        for start in range(0, len(rows), chunk):
            result = await self.session.execute(
                insert(table).returning(table.c.id, table.c.uid), list(rows[start : start + chunk])
            )
            by_uid.update((uid, event_id) for event_id, uid in result)
        ids = [by_uid[row["uid"]] for row in rows]
        links = [{"event_id": i, "country_id": c} for i, cs in zip(ids, countries, strict=True) for c in cs]
        numbers = [{"event_id": i, "cbm_number": n} for i, ns in zip(ids, cbms, strict=True) for n in ns]
        for model, values in ((EventCountry, links), (EventCbm, numbers)):
            for start in range(0, len(values), 4 * chunk):
                await self.session.execute(insert(model.__table__), values[start : start + 4 * chunk])
        return ids

    async def index_for_answers(self, ids: Sequence[int]) -> None:
        """Bring the answers' full-text index up to date for these events (after bulk inserts)."""
        from storage import search

        await self.session.run_sync(lambda s: search.sync_events(s.connection(), list(ids)))

    async def index_inputs(self, ids: Sequence[int], lexicon: Any = None) -> tuple[Any, Any, Any]:
        """What the answers' documents of these events are built from (rows, taking-part countries, the
        countries' names: ``lexicon`` when the caller has it already); reads only."""
        from storage import search

        def read(s: Any) -> tuple[Any, Any, Any]:
            rows, taking_part = search.event_rows(s.connection(), list(ids))
            return rows, taking_part, lexicon or search.country_lexicon(s.connection())

        return await self.session.run_sync(read)

    async def store_index(self, ids: Sequence[int], docs: Sequence[Any]) -> None:
        """The answers' documents of these events, built by ``search.event_docs``, into the index."""
        from storage import search

        await self.session.run_sync(lambda s: search.store_event_docs(s.connection(), list(ids), list(docs)))

    def _filtered(self, flt: EventFilter) -> list[Any]:
        where: list[Any] = []
        if flt.kind:
            where.append(Event.kind == flt.kind)
        if flt.country_id is not None:
            taking_part = exists().where(
                and_(EventCountry.event_id == Event.id, EventCountry.country_id == flt.country_id)
            )
            held = Event.venue_country_id == flt.country_id
            chosen = {"held": held, "taking-part": taking_part}.get(flt.country_as, or_(held, taking_part))
            where.append(chosen)
        if flt.cbm is not None:
            where.append(exists().where(and_(EventCbm.event_id == Event.id, EventCbm.cbm_number == flt.cbm)))
        if flt.statuses:
            where.append(Event.status.in_(flt.statuses))
        if flt.starts_after is not None:
            where.append(Event.end_at >= flt.starts_after)
        if flt.ended_before is not None:
            where.append(Event.end_at < flt.ended_before)
        if flt.year is not None:
            lo = dt.datetime(flt.year, 1, 1, tzinfo=dt.UTC) - dt.timedelta(hours=14)
            hi = dt.datetime(flt.year + 1, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=14)
            where.append(and_(Event.start_at >= lo, Event.start_at < hi))
        if flt.ids is not None:
            where.append(Event.id.in_(list(flt.ids)))
        if flt.utc_months:
            where.append(extract("month", Event.start_at).in_(list(flt.utc_months)))
        return where

    async def list(
        self, flt: EventFilter, *, limit: int | None = None, offset: int = 0
    ) -> tuple[Sequence[Event], int]:
        where = self._filtered(flt)
        total = await self.session.scalar(select(func.count()).select_from(Event).where(*where)) or 0
        # Events whose year is unknown come last: their stored year is a placeholder, never an order.
        order = (
            (Event.approximate, Event.start_at.desc(), Event.id.desc())
            if flt.newest_first
            else (Event.approximate, Event.start_at, Event.id)
        )
        query = select(Event).where(*where).order_by(*order).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return (await self.session.scalars(query)).all(), total

    async def add(self, event: Event) -> Event:
        self.session.add(event)
        await self.session.flush()
        return event

    async def set_links(
        self, event: Event, countries: Sequence[Country], cbms: Sequence[int], *, flush: bool = True
    ) -> None:
        """``flush=False``: written by the caller's next flush (imports flush once, after every row)."""
        event.countries = sorted(countries, key=lambda c: c.name)  # the order the relationship loads in
        wanted = sorted(set(cbms))
        if event.cbm_numbers != wanted:
            event.cbm_links = [EventCbm(cbm_number=n) for n in wanted]
        if flush:
            await self.session.flush()

    async def count(self) -> int:
        return await self.session.scalar(select(func.count()).select_from(Event)) or 0

    async def ids_starting_with(self, digits: str, limit: int) -> list[int]:
        """The numbers of the events whose number starts with ``digits``, lowest first (autocomplete)."""
        number = cast(Event.id, String)
        query = select(Event.id).where(number.like(f"{digits}%")).order_by(Event.id).limit(limit)
        return list((await self.session.scalars(query)).all())

    async def related_to_cbm(self, number: int, limit: int = 5) -> Sequence[Event]:
        query = (
            select(Event)
            .join(EventCbm, EventCbm.event_id == Event.id)
            .where(EventCbm.cbm_number == number, Event.status != EventStatus.cancelled.value)
            .order_by(Event.start_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(query)).all()


class ContactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, contact: Contact) -> Contact:
        self.session.add(contact)
        await self.session.flush()
        return contact

    async def get(self, contact_id: int) -> Contact | None:
        return await self.session.get(Contact, contact_id)

    async def list(self, country_id: int | None = None, type_: str | None = None) -> Sequence[Contact]:
        query = select(Contact).join(Country, Contact.country_id == Country.id)
        if country_id is not None:
            query = query.where(Contact.country_id == country_id)
        if type_ is not None:
            query = query.where(Contact.type == type_)
        return (await self.session.scalars(query.order_by(Country.name, Contact.type, Contact.name))).all()

    async def delete(self, contact: Contact) -> None:
        await self.session.execute(delete(Contact).where(Contact.id == contact.id))


# Where the current action came from ("discord guild:1 channel:2", "discord dm", "console", "cli"), set by
# the command layer around each action (bot.services.principal.acting); every audit entry records it.
AUDIT_ORIGIN: ContextVar[str | None] = ContextVar("cbmbot_audit_origin", default=None)


class JSONText(TypeDecorator[str]):
    """A JSON column's value given as JSON text already (made outside the transaction): sent as is."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Any) -> None:
        return None


def audit_details(details: dict[str, Any]) -> str:
    """An audit entry's details as the JSON text :meth:`AuditRepository.record_many` takes."""
    return json.dumps(details)


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def actors(self, entity: str, entity_id: object) -> set[str]:
        """Everyone who has an audit entry about one row."""
        query = select(AuditEntry.actor).where(
            AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id)
        )
        return set((await self.session.scalars(query.distinct())).all())

    async def record(
        self,
        *,
        at: dt.datetime,
        actor: str,
        action: str,
        entity: str,
        entity_id: object = None,
        details: dict[str, Any] | None = None,
        flush: bool = True,
        origin: str | None = None,
    ) -> AuditEntry:
        entry = AuditEntry(
            at=at,
            origin=(origin or AUDIT_ORIGIN.get() or "system")[:120],
            actor=actor,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            details=details or {},
        )
        self.session.add(entry)
        if flush:  # bulk writers leave it to the next flush (or the commit)
            await self.session.flush()
        return entry

    async def record_many(self, entries: Sequence[dict[str, Any]], chunk: int = 500) -> None:
        """Audit entries in bulk (keys as :meth:`record` takes them; entity_id already text; ``details``
        already JSON text, made before the transaction: see :func:`audit_details`)."""
        origin = (AUDIT_ORIGIN.get() or "system")[:120]
        statement = insert(AuditEntry.__table__).values(details=bindparam("details", type_=JSONText()))
        rows = [entry if "origin" in entry else {**entry, "origin": origin} for entry in entries]
        for start in range(0, len(rows), chunk):
            await self.session.execute(statement, rows[start : start + chunk])

    async def recent(self, limit: int = 50, action: str | None = None) -> Sequence[AuditEntry]:
        query = select(AuditEntry)
        if action:
            query = query.where(AuditEntry.action == action)
        return (await self.session.scalars(query.order_by(AuditEntry.id.desc()).limit(limit))).all()


class FollowRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def follow(self, user_key: str, event_id: int, at: dt.datetime) -> bool:
        """True when newly followed, False when already followed."""
        if await self.session.get(Follow, (user_key, event_id)) is not None:
            return False
        self.session.add(Follow(user_key=user_key, event_id=event_id, created_at=at))
        await self.session.flush()
        return True

    async def unfollow(self, user_key: str, event_id: int) -> bool:
        result = await self.session.execute(
            delete(Follow).where(Follow.user_key == user_key, Follow.event_id == event_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def followed_event_ids(self, user_key: str) -> list[int]:
        rows = await self.session.scalars(select(Follow.event_id).where(Follow.user_key == user_key))
        return list(rows.all())

    async def followers(self, event_id: int) -> list[str]:
        rows = await self.session.scalars(select(Follow.user_key).where(Follow.event_id == event_id))
        return list(rows.all())


class GuildSettingsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, guild_id: int) -> GuildSettings | None:
        return await self.session.get(GuildSettings, guild_id)

    async def get_or_create(self, guild_id: int, at: dt.datetime) -> GuildSettings:
        row = await self.get(guild_id)
        if row is None:
            row = GuildSettings(guild_id=guild_id, updated_at=at)
            self.session.add(row)
            await self.session.flush()
        return row


class FeedRepository:
    """The cheap queries behind iCalendar feeds: a fingerprint of the data and a light index."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _where(self, flt: EventFilter) -> list[Any]:
        # Events whose year is not known are never published as iCalendar (see calendars/ics.py).
        return [*EventRepository(self.session)._filtered(flt), Event.approximate.is_(False)]

    async def fingerprint(self, flt: EventFilter) -> tuple[int, dt.datetime | None, int, int]:
        """(count, latest change, sum of ids, sum of sequences): changes whenever the feed's data does."""
        row = (
            await self.session.execute(
                select(
                    func.count(Event.id),
                    func.max(Event.updated_at),
                    func.coalesce(func.sum(Event.id), 0),
                    func.coalesce(func.sum(Event.sequence), 0),
                ).where(*self._where(flt))
            )
        ).one()
        latest = _aware(row[1]) if row[1] is not None else None
        return int(row[0]), latest, int(row[2]), int(row[3])

    async def changed_at(self) -> dt.datetime | None:
        """The latest change to any event or to who follows what: the latest change time of any event
        (an event that leaves a feed's filter was changed, and so moved this forward) and the latest audit
        entry about events (follows, unfollows). Read from the data, so it never goes back, not even
        across restarts: a feed's Last-Modified."""
        latest_event = await self.session.scalar(select(func.max(Event.updated_at)))
        latest_audit = await self.session.scalar(
            select(func.max(AuditEntry.at)).where(AuditEntry.entity == "event")
        )
        found = [_aware(v) for v in (latest_event, latest_audit) if v is not None]
        return max(found) if found else None

    async def index(self, flt: EventFilter) -> list[tuple[int, int, dt.datetime]]:
        """(id, sequence, updated_at) of the feed's events in feed order, read in partitions (streamed) so
        that a large feed gives the event loop a turn between them."""
        query = (
            select(Event.id, Event.sequence, Event.updated_at)
            .where(*self._where(flt))
            .order_by(Event.start_at, Event.id)
            .execution_options(yield_per=1000)
        )
        found: list[tuple[int, int, dt.datetime]] = []
        result = await self.session.stream(query)
        async for partition in result.partitions():
            found.extend((i, s, u) for i, s, u in partition)
        return found

    async def events(self, ids: Sequence[int]) -> Sequence[Event]:
        query = (
            select(Event)
            .where(Event.id.in_(list(ids)))
            .options(selectinload(Event.countries), selectinload(Event.cbm_links))
        )
        return (await self.session.scalars(query)).all()


class TokenConflict(Exception):
    """Another active token exists for this person (the transaction must be rolled back)."""


class FeedTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active_for(self, user_key: str) -> FeedToken | None:
        query = select(FeedToken).where(FeedToken.user_key == user_key, FeedToken.revoked_at.is_(None))
        return (await self.session.scalars(query.order_by(FeedToken.id.desc()))).first()

    async def by_hash(self, token_hash: str) -> FeedToken | None:
        query = select(FeedToken).where(FeedToken.token_hash == token_hash)
        return (await self.session.scalars(query)).first()

    async def add(self, token: FeedToken) -> FeedToken:
        """Insert an active token; :class:`TokenConflict` when the person already has one (a concurrent
        request won the race: the partial unique index ux_feed_tokens_one_active refused this one)."""
        self.session.add(token)
        try:
            await self.session.flush()
        except IntegrityError as exc:
            raise TokenConflict(token.user_key) from exc
        return token

    async def revoke_all(self, user_key: str, at: dt.datetime) -> int:
        rows = (
            await self.session.scalars(
                select(FeedToken).where(FeedToken.user_key == user_key, FeedToken.revoked_at.is_(None))
            )
        ).all()
        for row in rows:
            row.revoked_at = at
        await self.session.flush()
        return len(rows)


class ScheduledEventLinkRepository:
    """Which events are mirrored into which guild's Discord Scheduled Events."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_guild(self, guild_id: int) -> Sequence[ScheduledEventLink]:
        query = select(ScheduledEventLink).where(ScheduledEventLink.guild_id == guild_id)
        return (await self.session.scalars(query.order_by(ScheduledEventLink.event_id))).all()

    async def save(
        self, guild_id: int, event_id: int, discord_event_id: int, sequence: int, at: dt.datetime
    ) -> None:
        row = await self.session.get(ScheduledEventLink, (guild_id, event_id))
        if row is None:
            self.session.add(
                ScheduledEventLink(
                    guild_id=guild_id, event_id=event_id, discord_event_id=discord_event_id,
                    sequence=sequence, synced_at=at,
                )
            )  # fmt: skip
        else:
            row.discord_event_id, row.sequence, row.synced_at = discord_event_id, sequence, at
        await self.session.flush()

    async def forget(self, guild_id: int, event_id: int) -> None:
        await self.session.execute(
            delete(ScheduledEventLink).where(
                ScheduledEventLink.guild_id == guild_id, ScheduledEventLink.event_id == event_id
            )
        )


def _aware(value: Any) -> dt.datetime:
    """An aggregate's datetime: SQLite's max() of a datetime column comes back as naive text."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


class ButtonActionRepository:
    """Commands of buttons too long for a custom_id, by a key derived from the command (idempotent)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def put(self, key: str, command: str, now: dt.datetime) -> None:
        if await self.session.get(ButtonAction, key) is None:
            self.session.add(ButtonAction(key=key, command=command, created_at=now))
            await self.session.flush()

    async def get(self, key: str) -> str | None:
        row = await self.session.get(ButtonAction, key)
        return row.command if row is not None else None

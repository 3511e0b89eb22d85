"""Feeds: which events a feed holds, their data as plain values, and private feed links.

Transport-free. The iCalendar bytes are written by calendars/ (ics.py, feeds.py) from the plain
:class:`FeedEventData` values this service returns, so serialising can run in a worker thread.

Private links: a token of 256 random bits (``secrets.token_urlsafe(32)``) is shown to its owner once;
only its SHA-256 is stored. A lookup hashes the presented token, finds the row by hash and compares the
digests with ``hmac.compare_digest`` (against a dummy digest when there is no row, so that both paths
do the same work). Issuing and revoking are audited (never the token itself).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import NotFound
from bot.services.events import EventService
from bot.services.principal import Principal
from bot.timeutil import local_days, zone
from storage.models import Event, FeedToken
from storage.repositories import (
    AuditRepository,
    CbmRepository,
    CountryRepository,
    EventFilter,
    EventRepository,
    FeedRepository,
    FeedTokenRepository,
    FollowRepository,
    TokenConflict,
)

TOKEN_BYTES = 32  # 256 bits; the issue asks for at least 128
TOKEN_ATTEMPTS = 6  # a reset that loses a race with another one revokes the winner and tries again
LOAD_CHUNK = 200  # events per query when loading a feed: the event loop gets a turn between chunks
_DUMMY_DIGEST = hashlib.sha256(b"no such token").hexdigest()


@dataclass(frozen=True, slots=True)
class FeedEventData:
    """An event as a feed needs it: plain values only, safe to hand to another thread."""

    id: int
    title: str
    kind: str
    kind_label: str
    description: str
    status: str
    status_reason: str | None
    start_at: dt.datetime
    end_at: dt.datetime
    timezone: str
    all_day: bool
    first_day: dt.date | None  # all-day events: the first local day
    end_day: dt.date | None  # all-day events: the day after the last local day (exclusive end)
    location: str | None
    online: bool
    url: str | None
    organisers: tuple[str, ...]
    countries: tuple[str, ...]
    cbms: tuple[tuple[int, str], ...]  # (number, English title)
    sequence: int
    created_at: dt.datetime
    updated_at: dt.datetime
    approximate: bool = False
    date_note: str | None = None


@dataclass(frozen=True)
class FeedScope:
    """One feed: what it holds, how it is named, and the key its cache lives under."""

    key: tuple[object, ...]
    flt: EventFilter = field(compare=False)
    name: str
    description: str
    path: str  # "/feeds/events.ics?kind=conference"


@dataclass(frozen=True)
class FeedLinks:
    https: str
    webcal: str
    google: str


@dataclass(frozen=True)
class EventLinks:
    """Ways to add one event once: a one-time .ics download and Google Calendar's "add event" form.
    (Subscriptions are for whole feeds: a subscribed one-event feed becomes a calendar of its own.)"""

    download: str  # /events/{id}.ics, Content-Disposition: attachment
    google: str  # https://calendar.google.com/calendar/render?action=TEMPLATE&…
    page: str


GOOGLE_DETAILS_MAX = 1200  # characters of description in the Google link (URLs are kept short)


def kind_label(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def feed_data(event: Event, cbm_titles: dict[int, str]) -> FeedEventData:
    first_day = end_day = None
    if event.all_day:
        first, last = local_days(event.start_at, event.end_at, zone(event.timezone))
        first_day, end_day = first, last + dt.timedelta(days=1)
    return FeedEventData(
        id=event.id,
        title=event.title,
        kind=event.kind,
        kind_label=kind_label(event.kind),
        description=event.description or "",
        status=event.status,
        status_reason=event.status_reason,
        start_at=event.start_at,
        end_at=event.end_at,
        timezone=event.timezone,
        all_day=event.all_day,
        first_day=first_day,
        end_day=end_day,
        location=event.location,
        online=event.online,
        url=event.url,
        organisers=tuple(event.organisers or ()),
        countries=tuple(c.name for c in event.countries),
        cbms=tuple((n, cbm_titles.get(n, "")) for n in event.cbm_numbers),
        sequence=event.sequence or 0,
        created_at=event.created_at,
        updated_at=event.updated_at,
        approximate=event.approximate,
        date_note=event.date_note,
    )


class FeedService:
    def __init__(self, db: async_sessionmaker[AsyncSession], events: EventService, public_url: str) -> None:
        self.db = db
        self.events = events
        self.public_url = public_url.rstrip("/")

    # ------------------------------------------------------------------------------------ scopes

    async def scope(
        self,
        *,
        kind: str | None = None,
        country: str | None = None,
        cbm: int | None = None,
        country_as: str | None = None,
    ) -> FeedScope:
        """The public feed with these filters; unknown values raise BadInput / NotFound. ``country``
        matches events held there or with it taking part; ``country_as`` narrows to one of the two."""
        async with self.db() as session:
            flt = await self.events.filter_for(
                session, kind=kind, country=country, cbm=cbm, country_as=country_as
            )
            country_name = None
            if flt.country_id is not None:
                found = await CountryRepository(session).get(flt.country_id)
                country_name = found.name if found else None
        query: dict[str, str] = {}
        words: list[str] = []
        if flt.kind:
            query["kind"] = flt.kind
            words.append(kind_label(flt.kind).lower() + "s")
        if country_name:
            query["country"] = country_name
            if flt.country_as != "either":
                query["country_as"] = flt.country_as
            words.append(
                {"held": f"held in {country_name}", "taking-part": f"with {country_name} taking part"}.get(
                    flt.country_as, f"in or with {country_name}"
                )
            )
        if flt.cbm is not None:
            query["cbm"] = str(flt.cbm)
            words.append(f"for CBM {flt.cbm}")
        name = "OSCE cyber/ICT CBM events" + (f": {' '.join(words)}" if words else "")
        description = (
            "Events around the OSCE cyber/ICT confidence-building measures (PC.DEC/1106, PC.DEC/1202)"
            + (f", only {' '.join(words)}" if words else "")
            + ". Published by cbm-bot; cancelled events stay listed as cancelled."
        )
        path = "/feeds/events.ics" + (f"?{urlencode(query)}" if query else "")
        key = ("events", flt.kind, flt.country_id, flt.country_as if flt.country_id else None, flt.cbm)
        return FeedScope(key, flt, name, description, path)

    async def event_scope(self, event_id: int) -> FeedScope:
        async with self.db() as session:
            event = await EventRepository(session).get(event_id)
            if event is None:
                raise NotFound(key="reminder_no_event", id=event_id)
            if event.approximate:
                raise NotFound(key="feed_no_year", id=event_id)
            title = event.title
        return FeedScope(
            ("event", event_id),
            EventFilter(ids=[event_id]),
            f"{title} (cbm-bot)",
            f"Event #{event_id} from cbm-bot, the OSCE cyber/ICT CBM events calendar.",
            f"/feeds/events/{event_id}.ics",
        )

    async def private_scope(self, token: str) -> FeedScope | None:
        """The feed of the person who holds ``token``; None for an unknown or revoked token."""
        digest = token_digest(token)
        async with self.db() as session:
            row = await FeedTokenRepository(session).by_hash(digest)
            stored = row.token_hash if row is not None else _DUMMY_DIGEST
            if not hmac.compare_digest(stored, digest) or row is None or row.revoked_at is not None:
                return None
            user_key = row.user_key
            ids = await FollowRepository(session).followed_event_ids(user_key)
        return FeedScope(
            ("private", user_key),
            EventFilter(ids=sorted(ids)),
            "My OSCE cyber/ICT CBM events (cbm-bot)",
            "The events you follow in cbm-bot. This link is personal: do not share it.",
            f"/feeds/private/{token}.ics",
        )

    # ------------------------------------------------------------------------------------ data

    async def fingerprint(self, scope: FeedScope) -> tuple[object, ...]:
        async with self.db() as session:
            return await FeedRepository(session).fingerprint(scope.flt)

    async def changed_at(self) -> dt.datetime | None:
        """The latest change to events or follows, from the data (feeds' Last-Modified)."""
        async with self.db() as session:
            return await FeedRepository(session).changed_at()

    async def index(self, scope: FeedScope) -> list[tuple[int, int, dt.datetime]]:
        async with self.db() as session:
            return await FeedRepository(session).index(scope.flt)

    async def load(self, ids: Sequence[int]) -> list[FeedEventData]:
        """The events' data, in chunks so that a large feed never holds the event loop for long."""
        found: dict[int, FeedEventData] = {}
        if not ids:
            return []
        async with self.db() as session:
            titles = {c.number: str(c.title.get("en", "")) for c in await CbmRepository(session).all()}
        for start in range(0, len(ids), LOAD_CHUNK):
            chunk = ids[start : start + LOAD_CHUNK]
            async with self.db() as session:
                for event in await FeedRepository(session).events(chunk):
                    found[event.id] = feed_data(event, titles)
        return [found[i] for i in ids if i in found]

    # ------------------------------------------------------------------------------------ tokens

    async def private_status(self, principal: Principal) -> FeedToken | None:
        async with self.db() as session:
            return await FeedTokenRepository(session).active_for(principal.key)

    async def issue_token(
        self, principal: Principal, now: dt.datetime, *, replace: bool = False
    ) -> str | None:
        """A new private token for ``principal``; None when one is active and ``replace`` is false
        (we keep only its hash, so it cannot be shown again). With ``replace`` the old one is revoked."""
        for attempt in range(TOKEN_ATTEMPTS):
            try:
                async with self.db.begin() as session:
                    repo = FeedTokenRepository(session)
                    revoked = 0
                    if replace:
                        revoked = await repo.revoke_all(principal.key, now)
                    elif await repo.active_for(principal.key) is not None:
                        return None
                    token = secrets.token_urlsafe(TOKEN_BYTES)
                    row = await repo.add(
                        FeedToken(user_key=principal.key, token_hash=token_digest(token), created_at=now)
                    )
                    await AuditRepository(session).record(
                        at=now,
                        actor=principal.audit_name,
                        action="feed.token.reset" if replace else "feed.token.issue",
                        entity="feed_token",
                        entity_id=row.id,
                        details={"revoked": revoked},
                    )
                return token
            except TokenConflict:
                # A concurrent request issued one first (the database allows one active token).
                if not replace:
                    return None
                if attempt == TOKEN_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(secrets.randbelow(20) / 1000)  # racers spread out
        raise AssertionError("unreachable")

    async def revoke_tokens(self, principal: Principal, now: dt.datetime) -> int:
        async with self.db.begin() as session:
            revoked = await FeedTokenRepository(session).revoke_all(principal.key, now)
            if revoked:
                await AuditRepository(session).record(
                    at=now,
                    actor=principal.audit_name,
                    action="feed.token.revoke",
                    entity="feed_token",
                    entity_id=None,
                    details={"revoked": revoked},
                )
        return revoked

    # ------------------------------------------------------------------------------------ links

    def links(self, path: str) -> FeedLinks:
        """https, webcal and "add to Google Calendar" links for a feed path such as /feeds/events.ics."""
        https = f"{self.public_url}{path}"
        webcal = "webcal://" + https.split("://", 1)[1]
        google = "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe="")
        return FeedLinks(https, webcal, google)

    def page_url(self) -> str:
        return f"{self.public_url}/"

    def event_links(self, event: Event) -> EventLinks | None:
        """A single event's download and Google links; None while its year is not confirmed."""
        if event.approximate:
            return None
        page = f"{self.public_url}/events/{event.id}"
        return EventLinks(f"{page}.ics", google_template_link(event, page), page)


def google_template_link(event: Event, page: str) -> str:
    """Google Calendar's "add event" form, filled in (action=TEMPLATE): the event lands in the reader's own
    calendar. Times in UTC with the venue's zone (ctz); all-day events as dates, the end exclusive."""
    if event.all_day:
        first, last = local_days(event.start_at, event.end_at, zone(event.timezone))
        dates = f"{first:%Y%m%d}/{last + dt.timedelta(days=1):%Y%m%d}"
    else:
        start, end = event.start_at.astimezone(dt.UTC), event.end_at.astimezone(dt.UTC)
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    mark = {"cancelled": "[Cancelled] ", "postponed": "[Postponed] "}.get(event.status, "")
    description = (event.description or "").strip()
    if len(description) > GOOGLE_DETAILS_MAX:
        description = description[: GOOGLE_DETAILS_MAX - 1] + "…"
    details = f"{description}\n\n{page}" if description else page
    place = event.location or ("Online" if event.online else "")
    query = {"action": "TEMPLATE", "text": mark + event.title, "dates": dates, "details": details}
    if place:
        query["location"] = place
    query["ctz"] = event.timezone
    return "https://calendar.google.com/calendar/render?" + urlencode(query, quote_via=quote)

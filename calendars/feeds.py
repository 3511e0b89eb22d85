"""Built feeds, cached: rebuilt only when their data changed, one VEVENT re-serialised per edit.

For each request :meth:`FeedCache.get`:

1. unless this process committed to the database since the last check, or RECHECK_SECONDS passed, answers
   the cached body without any query; otherwise
2. asks the service for the feed's fingerprint (one aggregate query: count, latest change, sums of ids
   and sequences); when it equals the one the cached body was built from, the cached body is answered;
3. otherwise reads the feed's light index (id, sequence, last change per event, in feed order), loads
   in chunks only the events whose serialised VEVENT is not cached under that (id, sequence, change),
   serialises those in a worker thread, and joins head + VTIMEZONEs + cached VEVENTs in the thread too.

The gzip body is made once per built feed (in a thread) and kept beside the plain one. The ETag is a
strong one over the exact plain bytes (the gzip variant adds ``-gz``), so identical data gives identical
ETags across restarts.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from calendars import ics

if TYPE_CHECKING:
    from bot.app import App
    from bot.services.feeds import FeedEventData, FeedScope

log = logging.getLogger(__name__)
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # Last-Modified of a feed that never held an event
GZIP_LEVEL = 6
FEED_BYTES_BUDGET = 128 * 1024 * 1024  # built feeds kept in memory (plain + gzip), least recently used out
# Between two requests with no commit in this process, the fingerprint query is skipped for this long:
# changes made by another process (a `cbmbot events add` beside the server) show within that time.
RECHECK_SECONDS = 2.0


@dataclass
class CachedEvent:
    sequence: int
    updated_at: dt.datetime
    body: bytes
    zone: str | None  # the zone whose VTIMEZONE it needs (None: all-day or UTC)
    years: tuple[int, int]


@dataclass
class BuiltFeed:
    body: bytes
    digest: str
    last_modified: dt.datetime
    fingerprint: tuple[object, ...]
    name: str
    count: int
    checked: float = 0.0  # time.monotonic() of the last fingerprint check
    version: int = -1  # FeedCache.version at that check
    _gzip: bytes | None = None
    _gzip_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'

    @property
    def gzip_etag(self) -> str:
        return f'"{self.digest}-gz"'

    async def gzipped(self) -> bytes:
        """The gzip body, made once (in a thread) and kept; mtime 0 so equal data gives equal bytes."""
        if self._gzip is None:
            async with self._gzip_lock:
                if self._gzip is None:
                    self._gzip = await asyncio.to_thread(compress, self.body)
        return self._gzip

    @property
    def size(self) -> int:
        return len(self.body) + len(self._gzip or b"")


def compress(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def serialise(events: Sequence[FeedEventData], base_url: str) -> list[tuple[int, CachedEvent]]:
    """(id, cached VEVENT) for each event; runs in a worker thread. An event that cannot be written (data
    stored before today's rules, a value the writer refuses) is left out and logged: the feed never fails
    as a whole because of one event."""
    found = []
    for ev in events:
        try:
            zone, years = _zone_of(ev)
            body = ics.vevent(ev, base_url)
        except Exception as exc:
            log.warning("event #%s left out of the feed: it cannot be written as iCalendar (%s)", ev.id, exc)
            body, zone, years = b"", None, (0, 0)
        found.append((ev.id, CachedEvent(ev.sequence, ev.updated_at, body, zone, years)))
    return found


def _zone_of(ev: FeedEventData) -> tuple[str | None, tuple[int, int]]:
    if ev.all_day or ics.is_utc(ev.timezone):
        return None, (0, 0)
    tz = ZoneInfo(ev.timezone)
    return ev.timezone, (ev.start_at.astimezone(tz).year, ev.end_at.astimezone(tz).year)


def join_feed(head: bytes, parts: Sequence[CachedEvent]) -> tuple[bytes, str]:  # runs in a worker thread
    years: dict[str, tuple[int, int]] = {}
    for part in parts:
        if part.zone is None:
            continue
        lo, hi = part.years
        if part.zone in years:
            lo, hi = min(lo, years[part.zone][0]), max(hi, years[part.zone][1])
        years[part.zone] = (lo, hi)
    body = ics.assemble(head, ics.timezones_for(years), (p.body for p in parts))
    return body, hashlib.sha256(body).hexdigest()[:40]


class FeedCache:
    def __init__(self, app: App) -> None:
        self.app = app
        self.base_url = app.feeds.public_url
        self.events: dict[int, CachedEvent] = {}
        self.feeds: OrderedDict[tuple[object, ...], BuiltFeed] = OrderedDict()
        self._locks: dict[tuple[object, ...], asyncio.Lock] = {}
        self.builds = 0  # how many times a feed body was (re)built: for tests and benchmarks
        self.serialised = 0  # how many VEVENTs were serialised
        self.commits = app.commits  # commits seen on this process's database engine

    async def get(self, scope: FeedScope) -> BuiltFeed:
        """The feed, rebuilt only when its data changed."""
        built = self.feeds.get(scope.key)
        if (
            built is not None
            and built.name == scope.name
            and built.version == self.commits.value
            and time.monotonic() - built.checked < RECHECK_SECONDS
        ):
            self.feeds.move_to_end(scope.key)
            return built
        version, checked = self.commits.value, time.monotonic()
        fingerprint = await self.app.feeds.fingerprint(scope)
        built = self._fresh(scope, fingerprint)
        if built is None:
            lock = self._locks.setdefault(scope.key, asyncio.Lock())
            async with lock:
                built = self._fresh(scope, fingerprint)
                if built is None:
                    built = await self._build(scope, fingerprint)
        built.version, built.checked = version, checked
        return built

    def _fresh(self, scope: FeedScope, fingerprint: tuple[object, ...]) -> BuiltFeed | None:
        built = self.feeds.get(scope.key)
        if built is not None and built.fingerprint == fingerprint and built.name == scope.name:
            self.feeds.move_to_end(scope.key)
            return built
        return None

    async def _build(self, scope: FeedScope, fingerprint: tuple[object, ...]) -> BuiltFeed:
        index = await self.app.feeds.index(scope)
        stale = [
            event_id
            for event_id, sequence, updated_at in index
            if (cached := self.events.get(event_id)) is None
            or (cached.sequence, cached.updated_at) != (sequence, updated_at)
        ]
        if stale:
            data = await self.app.feeds.load(stale)
            self.events.update(await asyncio.to_thread(serialise, data, self.base_url))
            self.serialised += len(data)
        parts = [
            part for event_id, _, _ in index if (part := self.events.get(event_id)) is not None and part.body
        ]
        head = ics.calendar_head(ics.FeedMeta(scope.name, scope.description))
        body, digest = await asyncio.to_thread(join_feed, head, parts)
        # Last-Modified comes from the data (never from this process's memory, so never backwards after a
        # restart): the latest change to any event or follow, which covers events that left this feed.
        changed = await self.app.feeds.changed_at()
        latest = max([p.updated_at for p in parts] + [changed or EPOCH, EPOCH]).replace(microsecond=0)
        previous = self.feeds.get(scope.key)
        if previous is not None and previous.digest != digest and latest <= previous.last_modified:
            # The feed changed without a newer event change (a follow, a removed event): move forward.
            latest = max(
                previous.last_modified + dt.timedelta(seconds=1), self.app.now().replace(microsecond=0)
            )
        built = BuiltFeed(body, digest, latest, fingerprint, scope.name, len(parts))
        self.feeds[scope.key] = built
        self.feeds.move_to_end(scope.key)
        self.builds += 1
        if scope.key == ("events", None, None, None):  # the full feed: forget events no longer there
            present = {event_id for event_id, _, _ in index}
            for gone in [i for i in self.events if i not in present]:
                del self.events[gone]
        self._trim()
        return built

    def _trim(self) -> None:
        total = sum(b.size for b in self.feeds.values())
        while total > FEED_BYTES_BUDGET and len(self.feeds) > 1:
            _, dropped = self.feeds.popitem(last=False)
            total -= dropped.size


async def export(app: App, scope: FeedScope) -> bytes:
    """One feed built from scratch (the CLI's `cbmbot feed export`)."""
    return (await FeedCache(app).get(scope)).body

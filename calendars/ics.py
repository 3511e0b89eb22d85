"""iCalendar (RFC 5545 / RFC 7986) building with icalendar 7.

A feed is assembled from parts that are serialised once and reused:

* the calendar head (PRODID, VERSION, METHOD:PUBLISH, NAME/X-WR-CALNAME, DESCRIPTION/X-WR-CALDESC,
  REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL);
* one VTIMEZONE per zone used by a timed event, written by :func:`vtimezone` from zoneinfo's own
  transitions (see below);
* one VEVENT per event (:func:`vevent`), cached by the caller under (id, sequence, last change).

Everything in a VEVENT comes from the event's stored data (DTSTAMP and LAST-MODIFIED are its last change),
so unchanged data gives byte-identical feeds, hence stable ETags.

Why our own VTIMEZONEs: the VTIMEZONE that icalendar 7.3 writes with ``add_missing_timezones()`` is read
one hour off by Mozilla's ical.js (Thunderbird) for summer dates. We write, for every zone, one observance
per real UTC-offset change that zoneinfo knows inside the years the feed's events cover (plus the offset in
force at the start), each with an explicit DTSTART and no RRULE, which every client reads the same way.
``tests/test_feeds_ics.py`` proves with ical.js that the instants equal zoneinfo's across DST changes.

Events whose year is not known (``approximate``) are never written here: a placeholder year would put a
wrong date into people's calendars. The feed queries leave them out (storage FeedRepository).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vDuration, vText

from bot.services.text_rule import check_url, normalise
from bot.timeutil import happens_twice

if TYPE_CHECKING:
    from bot.services.feeds import FeedEventData

PRODID = "-//cbm-bot//OSCE cyber-ICT CBM events//EN"
REFRESH = dt.timedelta(hours=1)
FOOT = b"END:VCALENDAR\r\n"
STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}
SUMMARY_MARK = {"postponed": "[Postponed] ", "cancelled": "[Cancelled] "}
UTC_KEYS = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Zulu", "Etc/Universal", "Etc/Zulu"}


@dataclass(frozen=True)
class FeedMeta:
    name: str
    description: str


def public_host(base_url: str) -> str:
    """The host part of the public URL: the right-hand side of every UID."""
    return urlsplit(base_url).hostname or "localhost"


def uid_for(event_id: int, host: str) -> str:
    return f"event-{event_id}@{host}"


def event_link(base_url: str, event_id: int) -> str:
    return f"{base_url.rstrip('/')}/events/{event_id}"


# ------------------------------------------------------------------------------------------------ head


def calendar_head(meta: FeedMeta) -> bytes:
    """The VCALENDAR's opening and properties, without components or END."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", vText(meta.name))  # icalendar 7.3 leaves a plain str NAME unescaped
    cal.add("x-wr-calname", vText(meta.name))
    cal.add("description", meta.description)
    cal.add("x-wr-caldesc", vText(meta.description))
    # icalendar 7.3 drops VALUE=DURATION from REFRESH-INTERVAL and writes a bare timedelta X- property
    # as "1:00:00": give both the duration type explicitly (RFC 7986 section 5.7 requires the parameter).
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    raw = cal.to_ical()
    assert raw.endswith(FOOT)
    return raw[: -len(FOOT)]


def assemble(head: bytes, timezones: Iterable[bytes], vevents: Iterable[bytes]) -> bytes:
    return b"".join([head, *timezones, *vevents, FOOT])


# ------------------------------------------------------------------------------------------- VEVENT


def is_utc(key: str) -> bool:
    return key in UTC_KEYS


def wall_time(instant: dt.datetime, key: str) -> dt.datetime:
    """The instant as the venue's wall time with TZID; in UTC where that wall time is ambiguous (the hour
    the clocks go back happens twice). RFC 5545 3.3.5 reads a repeated local time as its first occurrence,
    but ical.js reads it as the second: only UTC means the same instant to every client."""
    if is_utc(key):
        return instant.astimezone(dt.UTC)
    local = instant.astimezone(ZoneInfo(key))
    if happens_twice(local):
        return instant.astimezone(dt.UTC)
    return local


def describe(ev: FeedEventData, base_url: str) -> str:
    """The DESCRIPTION: the event's own text, then status, CBMs, participants and a link back."""
    parts: list[str] = []
    if ev.description:
        parts.append(ev.description.strip())
    lines: list[str] = []
    if ev.status != "scheduled":
        reason = f": {ev.status_reason}" if ev.status_reason else ""
        lines.append(f"Status: {ev.status}{reason}")
    lines.append(f"Kind: {ev.kind_label}")
    if ev.cbms:
        lines.append("CBMs: " + "; ".join(f"CBM {n} ({title})" for n, title in ev.cbms))
    if ev.countries:
        lines.append(f"Taking part ({len(ev.countries)}): " + ", ".join(ev.countries))
    if ev.organisers:
        lines.append("Organisers: " + ", ".join(ev.organisers))
    if ev.date_note:
        lines.append(f"About the date: {ev.date_note}")
    lines.append(f"Details: {event_link(base_url, ev.id)}")
    parts.append("\n".join(lines))
    return "\n\n".join(parts)


def where(ev: FeedEventData) -> str | None:
    if ev.online and ev.location:
        return f"{ev.location} and online"
    if ev.online:
        return "Online"
    return ev.location


def vevent(ev: FeedEventData, base_url: str) -> bytes:
    """One VEVENT, serialised. Depends only on the event's data and the public URL."""
    if ev.approximate:
        raise ValueError(f"event #{ev.id} has no confirmed year and cannot be published as iCalendar")
    item = Event()
    item.add("uid", uid_for(ev.id, public_host(base_url)))
    item.add("dtstamp", ev.updated_at.astimezone(dt.UTC))
    item.add("created", ev.created_at.astimezone(dt.UTC))
    item.add("last-modified", ev.updated_at.astimezone(dt.UTC))
    item.add("sequence", ev.sequence)
    if ev.all_day:
        assert ev.first_day is not None and ev.end_day is not None
        item.add("dtstart", ev.first_day)  # VALUE=DATE
        item.add("dtend", ev.end_day)  # exclusive: the day after the last day
    else:
        item.add("dtstart", wall_time(ev.start_at, ev.timezone))
        item.add("dtend", wall_time(ev.end_at, ev.timezone))
    # Stored text follows bot/services/text_rule.py; rows stored before it are held to it here too
    # (control characters stripped, NUL and unsafe URLs refused: the caller leaves the event out).
    item.add("summary", normalise(SUMMARY_MARK.get(ev.status, "") + ev.title, "title"))
    item.add("description", normalise(describe(ev, base_url), "description"))
    place = where(ev)
    if place:
        item.add("location", normalise(place, "location"))
    item.add("url", check_url(ev.url) or event_link(base_url, ev.id))
    item.add("categories", [ev.kind_label, *(f"CBM {n}" for n, _ in ev.cbms)])
    item.add("status", STATUS.get(ev.status, "CONFIRMED"))
    item.add("transp", "TRANSPARENT" if ev.all_day else "OPAQUE")
    return item.to_ical()


# ----------------------------------------------------------------------------------------- VTIMEZONE


def _state(tz: ZoneInfo, at: dt.datetime) -> tuple[dt.timedelta, dt.timedelta, str]:
    local = at.astimezone(tz)
    return local.utcoffset() or dt.timedelta(), local.dst() or dt.timedelta(), local.tzname() or ""


def transitions(tz: ZoneInfo, lo: dt.datetime, hi: dt.datetime) -> list[dt.datetime]:
    """The UTC instants in [lo, hi) at which zoneinfo changes the zone's offset, DST flag or name."""
    found: list[dt.datetime] = []
    step = dt.timedelta(days=1)
    at, before = lo, _state(tz, lo)
    while at < hi:
        nxt = min(at + step, hi)
        after = _state(tz, nxt)
        if after != before:
            a, b = at, nxt  # the change is in (a, b]: bisect to the second
            while b - a > dt.timedelta(seconds=1):
                mid = a + (b - a) / 2
                mid = mid.replace(microsecond=0)
                if mid <= a:
                    break
                if _state(tz, mid) == before:
                    a = mid
                else:
                    b = mid
            found.append(b)
        at, before = nxt, after
    return found


def _observance(
    tz: ZoneInfo, at: dt.datetime, offset_from: dt.timedelta
) -> TimezoneStandard | TimezoneDaylight:
    offset_to, dst, name = _state(tz, at)
    part = TimezoneDaylight() if dst else TimezoneStandard()
    # DTSTART is the local time of the change as read on the clock before it (RFC 5545 3.6.5).
    part.add("dtstart", (at + offset_from).replace(tzinfo=None))
    part.add("tzoffsetfrom", offset_from)
    part.add("tzoffsetto", offset_to)
    if name:
        part.add("tzname", name)
    return part


@lru_cache(maxsize=512)
def vtimezone(key: str, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE for ``key`` correct for every instant of the local years first_year..last_year."""
    tz = ZoneInfo(key)
    lo = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC) - dt.timedelta(days=2)
    hi = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=2)
    component = Timezone()
    component.add("tzid", key)
    start_offset = _state(tz, lo)[0]
    # The offset in force at the start of the range, then every change inside it.
    component.add_component(_observance(tz, lo.replace(second=0, microsecond=0), start_offset))
    previous = start_offset
    for change in transitions(tz, lo, hi):
        component.add_component(_observance(tz, change, previous))
        previous = _state(tz, change)[0]
    return component.to_ical()


def zone_years(events: Iterable[FeedEventData]) -> dict[str, tuple[int, int]]:
    """For each zone used by a timed event: the first and last local year it needs."""
    years: dict[str, tuple[int, int]] = {}
    for ev in events:
        if ev.all_day or is_utc(ev.timezone):
            continue
        tz = ZoneInfo(ev.timezone)
        lo, hi = ev.start_at.astimezone(tz).year, ev.end_at.astimezone(tz).year
        if ev.timezone in years:
            old_lo, old_hi = years[ev.timezone]
            lo, hi = min(lo, old_lo), max(hi, old_hi)
        years[ev.timezone] = (lo, hi)
    return years


def timezones_for(years: dict[str, tuple[int, int]]) -> list[bytes]:
    return [vtimezone(key, lo, hi) for key, (lo, hi) in sorted(years.items())]


def build_calendar(meta: FeedMeta, events: Sequence[FeedEventData], base_url: str) -> bytes:
    """A whole feed at once (no caching): the reference the cached path in calendars/feeds.py matches."""
    published = [ev for ev in events if not ev.approximate]
    return assemble(
        calendar_head(meta),
        timezones_for(zone_years(published)),
        (vevent(ev, base_url) for ev in published),
    )


# ------------------------------------------------------------------------------------ one-time download


def one_time_head() -> bytes:
    """The head of a file that adds one event once: no calendar name and no refresh interval, so that a
    calendar app imports the event into the reader's own calendar instead of subscribing to a new one."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    raw = cal.to_ical()
    assert raw.endswith(FOOT)
    return raw[: -len(FOOT)]


def event_file(ev: FeedEventData, base_url: str) -> bytes:
    """One event as a downloadable .ics (the same VEVENT and UID as in the feeds: no duplicate when the
    reader also subscribes)."""
    return assemble(one_time_head(), timezones_for(zone_years([ev])), [vevent(ev, base_url)])

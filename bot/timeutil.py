"""Time rules, the one place for wall time: parsing dates given by people, local <-> UTC, display.

Stored: UTC instants plus the IANA zone of the venue. An all-day event runs from local midnight of its
first day to local midnight after its last day (exclusive end).

DST policy (:class:`Dst`), explicit wherever a wall time becomes an instant:
- ``Dst.refuse`` for times people type (events, personal reminders): a time in the spring gap or in the
  repeated autumn hour is refused, saying which offset to add.
- ``Dst.shift`` for moments the bot computes from a rule (an offset in days before an event, the weekly
  digest at 09:00): a time in the gap moves forward by the gap, a repeated time counts once, the first.
The other direction, an instant as a venue's wall time, is :func:`happens_twice` aware (calendars/ics.py).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import BadInput

MIN_YEAR, MAX_YEAR = 1900, 2100
UTC = dt.UTC


def zone(name: str) -> ZoneInfo:
    """The IANA zone by name, or a clear refusal."""
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(key="zone_unknown", raw=repr(name), name=name) from None


class Dst(enum.StrEnum):
    refuse = "refuse"  # a time typed by a person: refuse a time that does not exist or happens twice
    shift = "shift"  # a computed moment: move forward across a gap, take the first of a repeated time


def localize(naive: dt.datetime, tz: ZoneInfo, dst: Dst = Dst.refuse) -> dt.datetime:
    """Attach ``tz`` to a wall-clock time. ``Dst.refuse``: refuse times that do not exist or happen twice
    (DST); ``Dst.shift``: a time in the gap moves forward by the gap (02:30 -> 03:30), a repeated time is
    its first occurrence."""
    if dst is Dst.shift:
        # fold=0 reads a time in the gap with the offset before it, and a repeated time as the first.
        return naive.replace(tzinfo=tz, fold=0).astimezone(UTC).astimezone(tz)
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first
    label = f"{naive:%Y-%m-%d %H:%M}"
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise BadInput(key="dst_gap", label=label, zone=tz.key)
    raise BadInput(key="dst_twice", label=label, zone=tz.key, first=_offset(first), second=_offset(second))


def wall_time(day: dt.date, clock: dt.time, tz: ZoneInfo, dst: Dst = Dst.shift) -> dt.datetime:
    """The UTC instant of ``clock`` on ``day`` in ``tz``, under the DST policy ``dst``."""
    return localize(dt.datetime.combine(day, clock), tz, dst).astimezone(UTC)


def happens_twice(local: dt.datetime) -> bool:
    """Does this aware local time occur twice (the hour the clocks go back)?"""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _offset(value: dt.datetime) -> str:
    offset = value.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def check_year(value: dt.date | dt.datetime, what: str) -> None:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise BadInput(key="year_outside", what=what, value=value.isoformat(), first=MIN_YEAR, last=MAX_YEAR)


def parse_iso(text: str, tz: ZoneInfo, what: str = "date", dst: Dst = Dst.refuse) -> dt.date | dt.datetime:
    """ISO 8601: a date (all-day) or a date and time, with an offset or read in ``tz``. Aware on return."""
    raw = text.strip()
    try:
        if len(raw) <= 10 and "T" not in raw and ":" not in raw:
            value: dt.date | dt.datetime = dt.date.fromisoformat(raw)
        else:
            value = dt.datetime.fromisoformat(raw.replace(" ", "T", 1) if " " in raw else raw)
    except ValueError:
        raise BadInput(key="iso_invalid", what=what, raw=repr(text), text=text) from None
    check_year(value, what)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = localize(value, tz, dst)
    return value


def day_start(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    """The first instant of a local day (midnight, or the first valid time where midnight is skipped)."""
    local = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
    return local.astimezone(UTC)


def event_span(
    start: dt.date | dt.datetime, end: dt.date | dt.datetime | None, tz: ZoneInfo
) -> tuple[dt.datetime, dt.datetime, bool]:
    """(start UTC, end UTC, all_day) from what a person gave. A date alone is an all-day event whose
    ``end`` is the last day, inclusive; a timed event without an end lasts one hour."""
    start_is_day = not isinstance(start, dt.datetime)
    if end is not None and start_is_day != (not isinstance(end, dt.datetime)):
        raise BadInput(key="span_mixed")
    if start_is_day:
        last_day = end if end is not None else start
        if last_day < start:  # type: ignore[operator]
            raise BadInput(key="end_before_start", end=str(last_day), start=str(start))
        return day_start(start, tz), day_start(last_day + dt.timedelta(days=1), tz), True  # type: ignore[operator, arg-type]
    assert isinstance(start, dt.datetime)
    start_utc = start.astimezone(UTC)
    if end is None:
        return start_utc, start_utc + dt.timedelta(hours=1), False
    assert isinstance(end, dt.datetime)
    end_utc = end.astimezone(UTC)
    if end_utc < start_utc:
        raise BadInput(key="end_before_start", end=end.isoformat(), start=start.isoformat())
    return start_utc, end_utc, False


def local_days(start_at: dt.datetime, end_at: dt.datetime, tz: ZoneInfo) -> tuple[dt.date, dt.date]:
    """First and last (inclusive) local day of an all-day event."""
    first = start_at.astimezone(tz).date()
    last = (end_at.astimezone(tz) - dt.timedelta(seconds=1)).date()
    return first, max(first, last)


def all_day_text(start_at: dt.datetime, end_at: dt.datetime, tz: ZoneInfo, *, approximate: bool) -> str:
    """The days of an all-day event; without a year when the source does not confirm it."""
    first, last = local_days(start_at, end_at, tz)
    if approximate:
        return f"{format_day_range(first, last, with_year=False)} (year not confirmed)"
    return format_day_range(first, last)


def format_day_range(first: dt.date, last: dt.date, *, with_year: bool = True) -> str:
    year = f" {last.year}" if with_year else ""
    if first == last:
        return f"{first.day} {first:%b}{year}" if not with_year else f"{first:%a} {first.day} {first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b}{year}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b}{year}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def format_local(value: dt.datetime, tz: ZoneInfo) -> str:
    local = value.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()}"


# ------------------------------------------------------------------------------------------ chat dates

_ISO_START = re.compile(r"^\s*\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(
    r"\d{1,2}:\d{2}|\b\d{1,2}\s*(?:am|pm)\b|\b\d{1,2}h\d{2}\b|\bnoon\b|\bmidnight\b|\bmittag\b|\bmidi\b",
    re.IGNORECASE,
)
_RELATIVE_CLOCK = re.compile(
    r"^\s*in\s+(\d{1,4})\s*(minutes?|mins?|hours?|hrs?|h)\s*$|^\s*now\s*$", re.IGNORECASE
)


def _dateparser(now_local: dt.datetime) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en", "de", "fr", "it", "ru"],
        settings={
            "RELATIVE_BASE": now_local.replace(tzinfo=None),
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "DMY",
            "STRICT_PARSING": False,
        },
    )


def parse_when(
    text: str, tz: ZoneInfo, now: dt.datetime, what: str = "date", *, dst: Dst = Dst.refuse
) -> dt.date | dt.datetime:
    """A date or time as a person types it in chat: ISO 8601 (``2026-03-03T14:30``, ``2026-03-03``) or
    words (``next tuesday 10:00``, ``3 March 14:30``, ``tomorrow``, ``in 2 hours``), read in ``tz`` and
    relative to ``now``. Without a clock time it is a date (an all-day event); with one, an aware
    date-time. Wall-clock times that do not exist or happen twice at a DST change are refused, saying
    which (``dst=Dst.refuse``, the policy for typed times; ``Dst.shift`` moves them instead); years outside
    1900-2100 are refused."""
    raw = (text or "").strip()
    if not raw:
        raise BadInput(key="text_empty", what=what)
    if _ISO_START.match(raw):
        return parse_iso(raw, tz, what, dst)
    relative = _RELATIVE_CLOCK.match(raw)
    if relative:  # counted on the real clock, so a DST change in between cannot shift it
        if not relative.group(1):
            return now.astimezone(tz)
        amount, unit = int(relative.group(1)), relative.group(2).lower()
        delta = dt.timedelta(minutes=amount) if unit.startswith("m") else dt.timedelta(hours=amount)
        return (now + delta).astimezone(tz)
    data = _dateparser(now.astimezone(tz)).get_date_data(raw)
    value = data.date_obj
    if value is None:
        raise BadInput(key="time_unreadable", what=what, text=raw)
    if data.period in {"month", "year"}:
        raise BadInput(key=f"time_names_{data.period}", what=what, raw=repr(raw), text=raw)
    timed = bool(_CLOCK.search(raw))
    check_year(value if timed else value.date(), what)
    if not timed:
        return value.date()
    if value.tzinfo is not None:  # the text named its own zone or offset
        return value.astimezone(UTC).astimezone(tz)
    return localize(value.replace(second=0, microsecond=0), tz, dst)


def parse_end(
    text: str, start: dt.date | dt.datetime, tz: ZoneInfo, now: dt.datetime
) -> dt.date | dt.datetime:
    """The end of an event as typed: like :func:`parse_when`, but a clock time alone (``16:00``) is on
    the start's day."""
    raw = (text or "").strip()
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", raw)
    if clock and isinstance(start, dt.datetime):
        hour, minute = int(clock.group(1)), int(clock.group(2))
        if hour > 23 or minute > 59:
            raise BadInput(key="end_not_clock", raw=repr(raw), text=raw)
        day = start.astimezone(tz).date()
        return localize(dt.datetime.combine(day, dt.time(hour, minute)), tz)
    return parse_when(raw, tz, now, "end")

"""Wall-time rules of reminders: offsets ("1d", "2h"), local wall times, weekly moments, and reading a
moment given by a person. The one place these rules live; events read dates through the same
:func:`parse_when` (see the DST policy there)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.errors import BadInput
from bot.timeutil import Dst, parse_when, wall_time

OFFSET_MAX = dt.timedelta(days=366)
AHEAD_MAX = dt.timedelta(days=366)
DEFAULT_OFFSETS = ("7d", "1d", "1h")
DEFAULT_PERSONAL_OFFSETS = ("1d",)
ALL_DAY_HOUR = dt.time(9, 0)  # day-based reminders of all-day events go out at 09:00 local time
FREE_USEFUL = dt.timedelta(hours=24)  # how long a personal reminder is still worth sending late
DIGEST_USEFUL = dt.timedelta(hours=12)
NOTICE_USEFUL = dt.timedelta(days=1)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

OFFSET_PATTERN = re.compile(r"(\d+)\s*(w|d|h|m)", re.I)
_UNIT_WORDS = {"w": "week", "d": "day", "h": "hour", "m": "minute"}


# ---------------------------------------------------------------------------------------------- time


@dataclass(frozen=True)
class Offset:
    """How long before a moment: whole days (counted in local wall time) plus an exact duration."""

    spec: str
    days: int
    seconds: int

    @property
    def label(self) -> str:
        """'1 day', '2 weeks', '1 day 2 hours', '30 minutes'."""
        weeks = self.days // 7 if self.days and self.days % 7 == 0 else 0
        parts = [(weeks, "w")] if weeks else [(self.days, "d")]
        parts += [(self.seconds // 3600, "h"), (self.seconds % 3600 // 60, "m")]
        return " ".join(f"{n} {_UNIT_WORDS[u]}{'s' if n != 1 else ''}" for n, u in parts if n)

    @property
    def total(self) -> dt.timedelta:
        return dt.timedelta(days=self.days, seconds=self.seconds)


def parse_offset(text: str) -> Offset:
    """'7d', '1d', '1h', '30m', '2w', '1d12h' -> :class:`Offset`; at most a year, more than zero."""
    raw = text.strip().lower().replace(" ", "")
    if not raw or OFFSET_PATTERN.sub("", raw):
        raise BadInput(
            f"cannot read the offset {text!r}: write it like 7d, 1d, 2h, 30m or 1d12h "
            "(w weeks, d days, h hours, m minutes)"
        )
    days = seconds = 0
    for number, unit in OFFSET_PATTERN.findall(raw):
        n = int(number)
        if n > 100_000:
            raise BadInput(f"the offset {text!r} is longer than a year; at most 366 days are allowed")
        if unit == "w":
            days += 7 * n
        elif unit == "d":
            days += n
        elif unit == "h":
            seconds += 3600 * n
        else:
            seconds += 60 * n
    total = dt.timedelta(days=days, seconds=seconds)
    if total <= dt.timedelta(0):
        raise BadInput(f"the offset {text!r} is zero; give a time before the event such as 1h")
    if total > OFFSET_MAX:
        raise BadInput(f"the offset {text!r} is longer than a year; at most 366 days are allowed")
    parts = ((days, "d"), (seconds // 3600, "h"), (seconds % 3600 // 60, "m"))
    spec = "".join(f"{n}{u}" for n, u in parts if n)
    return Offset(spec, days, seconds)


def parse_offsets(text: str | Iterable[str]) -> list[Offset]:
    items = [p for p in re.split(r"[,\s;]+", text.strip())] if isinstance(text, str) else list(text)
    items = [p for p in items if p]
    if not items:
        raise BadInput("give at least one offset, e.g. 7d,1d,1h")
    if len(items) > 10:
        raise BadInput(f"{len(items)} offsets given; at most 10 are allowed")
    found: dict[str, Offset] = {}
    for item in items:
        offset = parse_offset(item)
        found[offset.spec] = offset
    return sorted(found.values(), key=lambda o: o.total, reverse=True)


def offset_due(moment: dt.datetime, tz: ZoneInfo, offset: Offset, *, all_day: bool = False) -> dt.datetime:
    """When a reminder ``offset`` before ``moment`` goes out. Whole days count in the venue's wall time
    (1 day before 09:00 Vienna is 09:00 Vienna the day before, across DST); hours and minutes are exact.
    Day-based reminders of all-day events go out at 09:00 local time."""
    local = moment.astimezone(tz)
    if offset.days:
        day = local.date() - dt.timedelta(days=offset.days)
        clock = ALL_DAY_HOUR if all_day and not offset.seconds else local.time().replace(tzinfo=None)
        base = wall_time(day, clock, tz)
    else:
        base = moment.astimezone(dt.UTC)
    return base - dt.timedelta(seconds=offset.seconds)


def parse_clock(text: str) -> dt.time:
    match = re.fullmatch(r"\s*(\d{1,2})[:.h](\d{2})\s*", text or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise BadInput(f"cannot read the time {text!r}: write it as HH:MM, e.g. 09:00")
    return dt.time(int(match[1]), int(match[2]))


def parse_weekday(text: str) -> int:
    low = text.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if len(low) >= 2 and name.startswith(low):
            return index
    raise BadInput(f"unknown weekday {text!r}: use monday … sunday")


def next_weekly(now: dt.datetime, tz: ZoneInfo, weekday: int, clock: dt.time) -> dt.datetime:
    """The first moment at or after ``now`` that is ``weekday`` at ``clock`` local time (keeps the
    local hour across DST)."""
    today = now.astimezone(tz).date()
    for ahead in range(15):
        day = today + dt.timedelta(days=ahead)
        if day.weekday() != weekday:
            continue
        at = wall_time(day, clock, tz)
        if at >= now:
            return at
    raise AssertionError("no weekly moment within two weeks")


_DURATION = re.compile(
    r"^\s*in\s+(\d{1,4})\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\s*$", re.IGNORECASE
)


def parse_moment(text: str, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """When a personal reminder goes out, as a person gives it: a duration from ``now`` (``in 2 hours``,
    ``in 3 days``: exact, whatever the clocks do), else :func:`bot.timeutil.parse_when` with the policy
    for typed times, ``Dst.refuse`` (ISO 8601 or words, in ``tz``; a date alone means 09:00 local)."""
    duration = _DURATION.match(text or "")
    if duration:
        amount, unit = int(duration[1]), duration[2].lower()
        size = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[unit[0]]
        return now + dt.timedelta(**{size: amount})
    value = parse_when(text, tz, now, "time", dst=Dst.refuse)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return wall_time(value, ALL_DAY_HOUR, tz, Dst.refuse)

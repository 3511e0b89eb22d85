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
from bot.services.answer_text import duration, durations
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


# ---------------------------------------------------------------------------------------------- time


@dataclass(frozen=True)
class Offset:
    """How long before a moment: whole days (counted in local wall time) plus an exact duration."""

    spec: str
    days: int
    seconds: int

    @property
    def parts(self) -> list[tuple[int, str]]:
        """(count, unit) from the largest unit: whole weeks when the days are, then days, hours, minutes."""
        weeks = self.days // 7 if self.days and self.days % 7 == 0 else 0
        parts = [(weeks, "w")] if weeks else [(self.days, "d")]
        return [*parts, (self.seconds // 3600, "h"), (self.seconds % 3600 // 60, "m")]

    @property
    def label(self) -> str:
        """'1 day', '2 weeks', '1 day 2 hours', '30 minutes'."""
        return self.words("en")

    def words(self, lang: str) -> str:
        """The label in ``lang``: '1 Tag', '2 semaines', '2 дня' (Russian: accusative, 'за 1 неделю')."""
        return duration(self.parts, lang)

    @property
    def total(self) -> dt.timedelta:
        return dt.timedelta(days=self.days, seconds=self.seconds)


def parse_offset(text: str) -> Offset:
    """'7d', '1d', '1h', '30m', '2w', '1d12h' -> :class:`Offset`; at most a year, more than zero."""
    raw = text.strip().lower().replace(" ", "")
    if not raw or OFFSET_PATTERN.sub("", raw):
        raise BadInput(key="offset_unreadable", text=text)
    days = seconds = 0
    for number, unit in OFFSET_PATTERN.findall(raw):
        n = int(number)
        if n > 100_000:
            raise BadInput(key="offset_too_long", text=text)
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
        raise BadInput(key="offset_zero", text=text)
    if total > OFFSET_MAX:
        raise BadInput(key="offset_too_long", text=text)
    parts = ((days, "d"), (seconds // 3600, "h"), (seconds % 3600 // 60, "m"))
    spec = "".join(f"{n}{u}" for n, u in parts if n)
    return Offset(spec, days, seconds)


def parse_offsets(text: str | Iterable[str]) -> list[Offset]:
    items = [p for p in re.split(r"[,\s;]+", text.strip())] if isinstance(text, str) else list(text)
    items = [p for p in items if p]
    if not items:
        raise BadInput(key="offsets_none")
    if len(items) > 10:
        raise BadInput(key="offsets_too_many", count=len(items))
    found: dict[str, Offset] = {}
    for item in items:
        offset = parse_offset(item)
        found[offset.spec] = offset
    return sorted(found.values(), key=lambda o: o.total, reverse=True)


def offsets_words(specs: Iterable[str], lang: str) -> str:
    """Stored offsets ("7d", "1d") in ``lang``: "1 week, 1 day", "1 Woche und 1 Tag", "1 неделю и 1 день"."""
    return durations([parse_offset(spec).words(lang) for spec in specs], lang)


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

"""Recurring checks: when the next run of a schedule falls (APScheduler's cron rules, in the guild's zone)."""

from __future__ import annotations

import datetime as dt
import re

from apscheduler.triggers.cron import CronTrigger

from bot.errors import BadInput
from bot.timeutil import zone

EVERY = ("monthly", "quarterly", "yearly")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_DURATION = re.compile(r"(\d+)\s*(d|h|m)", re.IGNORECASE)
DEADLINE_MIN = dt.timedelta(minutes=1)
DEADLINE_MAX = dt.timedelta(days=30)


def not_one_of(name: str, value: str, choices: tuple[str, ...]) -> BadInput:
    """``name`` must be one of ``choices``: the one wording of a value out of a closed list."""
    return BadInput(key="commcheck_choice", name=name, choices=", ".join(choices), raw=repr(value))


def parse_deadline(text: str) -> dt.timedelta:
    """'2h', '90m', '1d12h' -> a duration between a minute and 30 days."""
    raw = (text or "").strip().lower().replace(" ", "")
    if not raw or _DURATION.sub("", raw):
        raise BadInput(key="commcheck_deadline_form", raw=repr(text))
    total = dt.timedelta()
    for number, unit in _DURATION.findall(raw):
        if len(number) > 6:
            raise BadInput(key="commcheck_deadline_long", raw=repr(text))
        total += dt.timedelta(**{{"d": "days", "h": "hours", "m": "minutes"}[unit]: int(number)})
    if not DEADLINE_MIN <= total <= DEADLINE_MAX:
        raise BadInput(key="commcheck_deadline_range")
    return total


def parse_time(text: str) -> str:
    match = _TIME.match((text or "").strip())
    if not match:
        raise BadInput(key="commcheck_time_form", raw=repr(text))
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def months(every: str, month: int) -> str:
    if every == "monthly":
        return "*"
    if every == "quarterly":
        first = (month - 1) % 3 + 1
        return ",".join(str(m) for m in range(first, 13, 3))
    if every == "yearly":
        return str(month)
    raise not_one_of("every", every, EVERY)


def next_run(
    every: str, weekday: str, time: str, timezone: str, month: int, after: dt.datetime
) -> dt.datetime | None:
    """The first ``weekday`` of the schedule's months at ``time`` in ``timezone``, strictly after ``after``.
    (APScheduler resolves local times that do not exist or happen twice at DST changes.)"""
    if weekday not in WEEKDAYS:
        raise not_one_of("weekday", weekday, WEEKDAYS)
    hour, minute = parse_time(time).split(":")
    trigger = CronTrigger(
        month=months(every, month),
        day=f"1st {weekday}",
        hour=int(hour),
        minute=int(minute),
        timezone=zone(timezone),
    )
    fire = trigger.get_next_fire_time(None, after + dt.timedelta(seconds=1))
    return fire.astimezone(dt.UTC) if fire else None

"""Reminders: planning deliveries from events, settings and follows; claiming and finishing them.

The database is the truth. Every moment a reminder should go out is a :class:`ReminderDelivery` row,
unique per (reminder, occurrence, target), with a state. Planning is idempotent: :meth:`plan_event`
computes what an event's deliveries should be and brings the rows there; :meth:`reconcile` re-plans
every event whose fingerprint (event sequence and status, guild settings, personal reminders, followers,
deadlines) changed, whoever changed it (this process, the CLI, another bot process). The dispatcher
(bot/reminders_dispatch.py) only claims due rows, sends them through a transport and records the result.

Transport-free: no discord here; every method takes ``now``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, Forbidden, NotFound
from bot.services.knowledge import KnowledgeService
from bot.services.principal import Principal, Role
from bot.timeutil import format_local, parse_iso, zone
from storage.models import (
    DeadlineKind,
    DeliveryStatus,
    Event,
    EventDeadline,
    EventStatus,
    Follow,
    GuildSettings,
    Reminder,
    ReminderDelivery,
    ReminderKind,
    ReminderPlan,
    ReminderSettings,
    UTCDateTime,
)
from storage.repositories import AuditRepository, EventRepository

TEXT_MAX = 1000
PERSONAL_MAX = 25
OFFSET_MAX = dt.timedelta(days=366)
AHEAD_MAX = dt.timedelta(days=366)
DEFAULT_OFFSETS = ("7d", "1d", "1h")
DEFAULT_PERSONAL_OFFSETS = ("1d",)
ALL_DAY_HOUR = dt.time(9, 0)  # day-based reminders of all-day events go out at 09:00 local time
FREE_USEFUL = dt.timedelta(hours=24)  # how long a personal reminder is still worth sending late
DIGEST_USEFUL = dt.timedelta(hours=12)
NOTICE_USEFUL = dt.timedelta(days=1)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FINAL = (DeliveryStatus.sent, DeliveryStatus.late, DeliveryStatus.missed, DeliveryStatus.failed)
OUT = (DeliveryStatus.sent.value, DeliveryStatus.late.value)
GUILD_KINDS = (ReminderKind.guild, ReminderKind.deadline, ReminderKind.digest)
PERSONAL_KINDS = (ReminderKind.personal_event.value, ReminderKind.personal_free.value)
EVENT_KINDS = (ReminderKind.guild.value, ReminderKind.deadline.value, ReminderKind.personal_event.value)

_OFFSET = re.compile(r"(\d+)\s*(w|d|h|m)", re.I)
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
    if not raw or _OFFSET.sub("", raw):
        raise BadInput(
            f"cannot read the offset {text!r}: write it like 7d, 1d, 2h, 30m or 1d12h "
            "(w weeks, d days, h hours, m minutes)"
        )
    days = seconds = 0
    for number, unit in _OFFSET.findall(raw):
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


def wall_time(day: dt.date, clock: dt.time, tz: ZoneInfo) -> dt.datetime:
    """The UTC instant of a local wall time. In a DST gap it moves forward by the gap; when the time
    happens twice, the first one counts."""
    # fold=0 reads a time in the gap with the offset before it (02:30 -> 03:30 after the jump) and a
    # repeated time as its first occurrence.
    return dt.datetime.combine(day, clock).replace(tzinfo=tz, fold=0).astimezone(dt.UTC)


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


def parse_when(text: str, now: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    """A moment given by a person: ISO 8601 (with an offset or Z; without one it is read in ``tz``) or
    words such as 'in 2 hours', 'tomorrow 9:00', 'next monday 14:00', relative to ``now``."""
    raw = (text or "").strip()
    if not raw:
        raise BadInput("say when: an ISO 8601 time such as 2026-12-01T09:00Z, or words like 'in 2 hours'")
    if re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        value = parse_iso(raw, tz, "time")
        if not isinstance(value, dt.datetime):
            return wall_time(value, ALL_DAY_HOUR, tz)
        return value.astimezone(dt.UTC)
    import dateparser  # slow to import: only when words are given

    base = now.astimezone(tz).replace(tzinfo=None)
    parsed = dateparser.parse(
        raw,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False},
    )
    if parsed is None:
        raise BadInput(
            f"cannot read the time {raw!r}: use ISO 8601 (2026-12-01T09:00+01:00) or words like "
            "'in 2 hours' or 'tomorrow 9:00'"
        )
    if re.match(r"^\s*in\s+\d", raw, re.I):  # a duration from now: exact, whatever the clocks do
        return now + (parsed - base)
    return wall_time(parsed.date(), parsed.time(), tz)


# ---------------------------------------------------------------------------------------------- results


@dataclass
class Outgoing:
    """One message to send, built from the tables at claim time; transports render it."""

    delivery_id: int
    reminder_id: int
    target: str  # "channel:<id>" or "user:<principal key>"
    title: str
    text: str
    due_at: dt.datetime
    late: bool = False
    role_id: int | None = None  # the one ping an admin configured (channel posts only)
    fallback_channel_id: int | None = None  # where a DM goes when the person's DMs are closed
    attempts: int = 1
    instead_of: str | None = None  # set on a fallback post: the user key whose DMs were closed
    at: dt.datetime | None = None  # when to send it (its due time, or the retry time)

    def late_note(self, tz: ZoneInfo | None = None) -> str:
        return (
            f"(Late: this was due {format_local(self.due_at, tz or ZoneInfo('UTC'))}; "
            "the bot was not running then.)"
            if self.late
            else ""
        )

    @property
    def nonce(self) -> str:
        """The same for every attempt of this delivery: Discord drops a repeated message with it."""
        return f"cbmr{self.delivery_id}"

    @property
    def channel_id(self) -> int | None:
        kind, _, rest = self.target.partition(":")
        return int(rest) if kind == "channel" else None

    @property
    def user_key(self) -> str | None:
        kind, _, rest = self.target.partition(":")
        return rest if kind == "user" else None


@dataclass
class Outcome:
    """What happened to one claimed delivery."""

    delivery_id: int
    status: str  # sent, late, failed, or pending (retry at retry_at)
    at: dt.datetime
    error: str | None = None
    note: str | None = None
    retry_at: dt.datetime | None = None


@dataclass
class Claimed:
    outgoing: list[Outgoing] = field(default_factory=list)
    missed: int = 0
    withdrawn: int = 0
    summaries: int = 0


@dataclass
class ReminderView:
    reminder: Reminder
    event: Event | None
    next_due: dt.datetime | None
    pending: int


# ---------------------------------------------------------------------------------------------- helpers


def _insert(session: AsyncSession) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def pending_delivery(
    *,
    reminder_id: int,
    occurrence: str,
    target: str,
    due: dt.datetime,
    useful_until: dt.datetime,
    now: dt.datetime,
    body: str | None = None,
    event_id: int | None = None,
    event_sequence: int | None = None,
) -> dict[str, Any]:
    """The column values of a delivery waiting to be sent."""
    return {
        "reminder_id": reminder_id,
        "occurrence": occurrence,
        "target": target,
        "event_id": event_id,
        "event_sequence": event_sequence,
        "due_at": due,
        "next_at": due,
        "useful_until": useful_until,
        "status": DeliveryStatus.pending.value,
        "attempts": 0,
        "body": body,
        "created_at": now,
        "updated_at": now,
    }


async def add_deliveries(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Insert deliveries; one already planned under the same (reminder, occurrence, target) stays as it is."""
    if rows:
        await session.execute(
            _insert(session)(ReminderDelivery)
            .values(rows)
            .on_conflict_do_nothing(index_elements=["reminder_id", "occurrence", "target"])
        )


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _channel_target(channel_id: int) -> str:
    return f"channel:{channel_id}"


def _user_target(user_key: str) -> str:
    return f"user:{user_key}"


def _event_title(event: Event) -> str:
    return f"#{event.id} {event.title}"


def _where(event: Event) -> str:
    if event.online and event.location:
        return f"{event.location} and online"
    return "online" if event.online else (event.location or "")


@dataclass
class _Desired:
    due: dt.datetime
    useful_until: dt.datetime
    body: str | None = None


@dataclass
class _Context:
    """What planning needs besides the event, loaded once per reconcile."""

    settings: list[ReminderSettings]
    guild_reminders: dict[tuple[int, str], Reminder]
    country_names: dict[int, set[str]]  # event id -> names, filled lazily
    personal: dict[int, list[Reminder]]  # event id -> personal reminders on that event
    optins: dict[str, Reminder]  # user key -> "every event I follow" reminder
    followers: dict[int, list[str]]  # event id -> opted-in followers
    deadlines: dict[int, list[EventDeadline]]


class ReminderService:
    def __init__(
        self, db: async_sessionmaker[AsyncSession], knowledge: KnowledgeService, default_zone: ZoneInfo
    ) -> None:
        self.db = db
        self.knowledge = knowledge
        self.default_zone = default_zone
        # Called after this process wrote deliveries (the dispatcher schedules them without waiting for
        # its next poll; other processes' rows are found by that poll).
        self.listeners: list[Callable[[], None]] = []

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()

    # ------------------------------------------------------------------------------------ guild settings

    async def guild_settings(self, guild_id: int) -> ReminderSettings | None:
        async with self.db() as session:
            return await session.get(ReminderSettings, guild_id)

    async def configure_guild(
        self,
        guild_id: int,
        actor: Principal,
        now: dt.datetime,
        *,
        channel_id: int | None = None,
        clear_channel: bool = False,
        offsets: str | None = None,
        role_id: int | None = None,
        clear_role: bool = False,
        kinds: str | None = None,
        countries: str | None = None,
        digest: bool | None = None,
        digest_day: str | None = None,
        digest_time: str | None = None,
        enabled: bool | None = None,
    ) -> ReminderSettings:
        """Change a guild's reminder settings (admins); its events are re-planned in the same transaction."""
        if not actor.has(Role.admin):
            raise Forbidden("reminder settings are for admins")
        async with self.db.begin() as session:
            row = await session.get(ReminderSettings, guild_id)
            before = _settings_dict(row) if row else None
            if row is None:
                row = ReminderSettings(guild_id=guild_id, offsets=list(DEFAULT_OFFSETS), updated_at=now)
                session.add(row)
            if clear_channel:
                row.channel_id = None
            elif channel_id is not None:
                if channel_id <= 0:
                    raise BadInput("the channel must be a channel id or #mention")
                row.channel_id = channel_id
            if offsets is not None:
                row.offsets = [o.spec for o in parse_offsets(offsets)]
            if clear_role:
                row.role_id = None
            elif role_id is not None:
                row.role_id = role_id
            if kinds is not None:
                row.kinds = _parse_kinds(kinds)
            if countries is not None:
                names = [p.strip() for p in countries.split(",") if p.strip()]
                row.countries = [(await self.knowledge.match_country(n, session)).country.name for n in names]
            if digest is not None:
                row.digest_enabled = digest
            if digest_day is not None:
                row.digest_weekday = parse_weekday(digest_day)
            if digest_time is not None:
                row.digest_time = parse_clock(digest_time).strftime("%H:%M")
            if enabled is not None:
                row.enabled = enabled
            if not row.offsets:
                row.offsets = list(DEFAULT_OFFSETS)
            row.updated_at = now
            await session.flush()
            for kind in GUILD_KINDS:
                await self._guild_reminder(session, guild_id, kind, now)
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="reminders.settings",
                entity="guild",
                entity_id=guild_id,
                details={"before": before, "after": _settings_dict(row)},
            )
            await self._reconcile(session, now, force=True)
        self._changed()
        return row

    async def _guild_reminder(
        self, session: AsyncSession, guild_id: int, kind: ReminderKind, now: dt.datetime
    ) -> Reminder:
        found = (
            await session.scalars(
                select(Reminder).where(Reminder.guild_id == guild_id, Reminder.kind == kind.value)
            )
        ).first()
        if found is None:
            found = Reminder(
                kind=kind.value, guild_id=guild_id, created_by="settings", created_at=now, updated_at=now
            )
            session.add(found)
            await session.flush()
        return found

    def guild_zone(self, gs: GuildSettings | None) -> ZoneInfo:
        if gs is not None and gs.timezone:
            try:
                return zone(gs.timezone)
            except BadInput:
                pass
        return self.default_zone

    # ------------------------------------------------------------------------------------ personal

    async def _personal_count(self, session: AsyncSession, user_key: str) -> int:
        live = (
            select(func.count(func.distinct(Reminder.id)))
            .join(ReminderDelivery, ReminderDelivery.reminder_id == Reminder.id)
            .where(
                Reminder.user_key == user_key,
                Reminder.active.is_(True),
                Reminder.kind.in_(PERSONAL_KINDS),
                ReminderDelivery.status.in_([DeliveryStatus.pending.value, DeliveryStatus.claimed.value]),
            )
        )
        return int(await session.scalar(live) or 0)

    async def _check_room(self, session: AsyncSession, user_key: str) -> None:
        count = await self._personal_count(session, user_key)
        if count >= PERSONAL_MAX:
            raise BadInput(
                f"you already have {count} reminders waiting; at most {PERSONAL_MAX} are allowed "
                "(cancel one with /reminders cancel id:N)"
            )

    async def remind_event(
        self,
        actor: Principal,
        event_id: int,
        before: str,
        now: dt.datetime,
        *,
        guild_id: int | None = None,
    ) -> tuple[Reminder, list[dt.datetime]]:
        """A DM ``before`` (one or more offsets) event ``event_id`` starts."""
        offsets = parse_offsets(before)
        async with self.db.begin() as session:
            event = await EventRepository(session).get(event_id)
            if event is None:
                raise NotFound(f"there is no event #{event_id}")
            if event.status != EventStatus.scheduled.value:
                raise BadInput(f"event #{event_id} is {event.status}; there is nothing to remind you of")
            tz = zone(event.timezone)
            dues = [offset_due(event.start_at, tz, o, all_day=event.all_day) for o in offsets]
            future = [d for d in dues if d > now]
            if not future:
                when = format_local(min(dues), tz)
                raise BadInput(
                    f"that moment ({when}) has already passed; choose a shorter time before the event"
                )
            await self._check_room(session, actor.key)
            reminder = Reminder(
                kind=ReminderKind.personal_event.value,
                guild_id=guild_id,
                user_key=actor.key,
                event_id=event.id,
                offsets=[o.spec for o in offsets],
                created_by=actor.audit_name,
                created_at=now,
                updated_at=now,
            )
            session.add(reminder)
            await session.flush()
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="reminder.create",
                entity="reminder",
                entity_id=reminder.id,
                details={"event_id": event.id, "offsets": reminder.offsets},
            )
            await self.plan_event(session, event, now, await self._context(session, [event.id]))
        self._changed()
        return reminder, sorted(future)

    async def remind_me(
        self,
        actor: Principal,
        when: str,
        text: str,
        now: dt.datetime,
        *,
        tz: ZoneInfo | None = None,
        guild_id: int | None = None,
    ) -> Reminder:
        """A personal reminder of ``text`` at ``when``."""
        from bot.services.text_rule import clean_text  # the one rule for stored text

        body = clean_text(text, "text", TEXT_MAX) or ""
        if not body:
            raise BadInput("say what to remind you of: text:…")
        if len(body) > TEXT_MAX:
            raise BadInput(f"the text is {len(body)} characters long; at most {TEXT_MAX} are allowed")
        at = parse_when(when, now, tz or self.default_zone)
        if at <= now:
            raise BadInput(
                f"{format_local(at, tz or self.default_zone)} is in the past; give a time in the future"
            )
        if at - now > AHEAD_MAX:
            raise BadInput("that is more than a year ahead; reminders go at most 366 days ahead")
        async with self.db.begin() as session:
            await self._check_room(session, actor.key)
            reminder = Reminder(
                kind=ReminderKind.personal_free.value,
                guild_id=guild_id,
                user_key=actor.key,
                due_at=at,
                text=body,
                created_by=actor.audit_name,
                created_at=now,
                updated_at=now,
            )
            session.add(reminder)
            await session.flush()
            await add_deliveries(
                session,
                [
                    pending_delivery(
                        reminder_id=reminder.id,
                        occurrence="once",
                        target=_user_target(actor.key),
                        due=at,
                        useful_until=at + FREE_USEFUL,
                        now=now,
                    )
                ],
            )
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="reminder.create",
                entity="reminder",
                entity_id=reminder.id,
                details={"due_at": at.isoformat(), "length": len(body)},
            )
        self._changed()
        return reminder

    async def follow_reminders(
        self,
        actor: Principal,
        enabled: bool,
        now: dt.datetime,
        *,
        before: str | None = None,
        guild_id: int | None = None,
    ) -> Reminder | None:
        """Opt in (or out) of DM reminders for every event the person follows."""
        async with self.db.begin() as session:
            current = (
                await session.scalars(
                    select(Reminder).where(
                        Reminder.user_key == actor.key,
                        Reminder.kind == ReminderKind.personal_event.value,
                        Reminder.event_id.is_(None),
                    )
                )
            ).first()
            if enabled:
                offsets = [o.spec for o in parse_offsets(before or ",".join(DEFAULT_PERSONAL_OFFSETS))]
                if current is None:
                    current = Reminder(
                        kind=ReminderKind.personal_event.value,
                        user_key=actor.key,
                        guild_id=guild_id,
                        created_by=actor.audit_name,
                        created_at=now,
                    )
                    session.add(current)
                current.offsets, current.active, current.updated_at = offsets, True, now
                if guild_id is not None:
                    current.guild_id = guild_id
            elif current is not None:
                current.active, current.updated_at = False, now
            await session.flush()
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="reminder.follows",
                entity="reminder",
                entity_id=current.id if current else None,
                details={"enabled": enabled, "offsets": current.offsets if current else []},
            )
            await self._reconcile(session, now, force=False)
        self._changed()
        return current if enabled else None

    async def list_for(self, actor: Principal, now: dt.datetime) -> list[ReminderView]:
        """The person's active reminders with their next moment."""
        async with self.db() as session:
            rows = (
                await session.scalars(
                    select(Reminder)
                    .where(Reminder.user_key == actor.key, Reminder.active.is_(True))
                    .order_by(Reminder.id)
                )
            ).all()
            views = []
            for r in rows:
                pending = (
                    await session.execute(
                        select(func.min(ReminderDelivery.next_at), func.count()).where(
                            ReminderDelivery.reminder_id == r.id,
                            ReminderDelivery.status.in_(
                                [DeliveryStatus.pending.value, DeliveryStatus.claimed.value]
                            ),
                        )
                    )
                ).one()
                event = await session.get(Event, r.event_id) if r.event_id else None
                if r.kind == ReminderKind.personal_free.value and not pending[1]:
                    continue
                views.append(ReminderView(r, event, pending[0], int(pending[1])))
        return views

    async def cancel(self, actor: Principal, reminder_id: int, now: dt.datetime) -> Reminder:
        """Cancel a reminder (its owner; admins any reminder) and withdraw its pending deliveries."""
        async with self.db.begin() as session:
            reminder = await session.get(Reminder, reminder_id)
            if reminder is None or (reminder.user_key != actor.key and not actor.has(Role.admin)):
                raise NotFound(f"you have no reminder #{reminder_id} (/reminders list shows yours)")
            if reminder.kind not in PERSONAL_KINDS:
                raise BadInput(
                    f"reminder #{reminder_id} belongs to the guild's settings; change them with "
                    "/settings reminders"
                )
            if not reminder.active:
                raise BadInput(f"reminder #{reminder_id} is already cancelled")
            reminder.active, reminder.updated_at = False, now
            withdrawn = await self._withdraw(
                session, ReminderDelivery.reminder_id == reminder.id, now, "cancelled by its owner"
            )
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="reminder.cancel",
                entity="reminder",
                entity_id=reminder.id,
                details={"withdrawn": withdrawn},
            )
        return reminder

    # ------------------------------------------------------------------------------------ deadlines

    async def set_deadline(
        self, actor: Principal, event_id: int, kind: str, when: str, now: dt.datetime, note: str | None = None
    ) -> EventDeadline:
        if not actor.has(Role.organiser):
            raise Forbidden("deadlines are for organisers")
        key = kind.strip().lower()
        if key not in {k.value for k in DeadlineKind}:
            raise BadInput(
                f"unknown deadline {kind!r}: use one of {', '.join(k.value for k in DeadlineKind)}"
            )
        if note and len(note) > TEXT_MAX:
            raise BadInput(f"the note is {len(note)} characters long; at most {TEXT_MAX} are allowed")
        async with self.db.begin() as session:
            event = await EventRepository(session).get(event_id)
            if event is None:
                raise NotFound(f"there is no event #{event_id}")
            at = parse_when(when, now, zone(event.timezone))
            if at <= now:
                raise BadInput(f"the deadline {format_local(at, zone(event.timezone))} is in the past")
            if at > event.end_at:
                raise BadInput("the deadline is after the event ends")
            row = (
                await session.scalars(
                    select(EventDeadline).where(EventDeadline.event_id == event_id, EventDeadline.kind == key)
                )
            ).first()
            if row is None:
                row = EventDeadline(event_id=event_id, kind=key, due_at=at, note=note, updated_at=now)
                session.add(row)
            else:
                row.due_at, row.note, row.updated_at = at, note, now
            await session.flush()
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="event.deadline",
                entity="event",
                entity_id=event_id,
                details={"kind": key, "due_at": at.isoformat(), "note": note},
            )
            await self.plan_event(session, event, now, await self._context(session, [event.id]))
        self._changed()
        return row

    async def clear_deadline(self, actor: Principal, event_id: int, kind: str, now: dt.datetime) -> None:
        """Remove an event's deadline; its waiting reminders are withdrawn by the re-planning."""
        if not actor.has(Role.organiser):
            raise Forbidden("deadlines are for organisers")
        key = kind.strip().lower()
        async with self.db.begin() as session:
            event = await EventRepository(session).get(event_id)
            if event is None:
                raise NotFound(f"there is no event #{event_id}")
            row = (
                await session.scalars(
                    select(EventDeadline).where(EventDeadline.event_id == event_id, EventDeadline.kind == key)
                )
            ).first()
            if row is None:
                raise NotFound(f"event #{event_id} has no {key} deadline")
            await session.delete(row)
            await session.flush()
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="event.deadline_cleared",
                entity="event",
                entity_id=event_id,
                details={"kind": key},
            )
            await self.plan_event(session, event, now, await self._context(session, [event.id]))
        self._changed()

    async def deadlines(self, event_id: int) -> list[EventDeadline]:
        async with self.db() as session:
            rows = await session.scalars(
                select(EventDeadline).where(EventDeadline.event_id == event_id).order_by(EventDeadline.due_at)
            )
            return list(rows.all())

    # ------------------------------------------------------------------------------------ planning

    async def _context(self, session: AsyncSession, event_ids: Sequence[int]) -> _Context:
        settings = list((await session.scalars(select(ReminderSettings))).all())
        guild_rows = (
            await session.scalars(select(Reminder).where(Reminder.kind.in_([k.value for k in GUILD_KINDS])))
        ).all()
        personal: dict[int, list[Reminder]] = defaultdict(list)
        deadlines: dict[int, list[EventDeadline]] = defaultdict(list)
        followers: dict[int, list[str]] = defaultdict(list)
        optins: dict[str, Reminder] = {}
        ids = list(event_ids)
        for chunk in [ids[i : i + 500] for i in range(0, len(ids), 500)]:
            for r in (
                await session.scalars(
                    select(Reminder).where(Reminder.event_id.in_(chunk), Reminder.active.is_(True))
                )
            ).all():
                personal[r.event_id].append(r)  # type: ignore[index]
            for d in (
                await session.scalars(select(EventDeadline).where(EventDeadline.event_id.in_(chunk)))
            ).all():
                deadlines[d.event_id].append(d)
        for r in (
            await session.scalars(
                select(Reminder).where(
                    Reminder.kind == ReminderKind.personal_event.value,
                    Reminder.event_id.is_(None),
                    Reminder.active.is_(True),
                )
            )
        ).all():
            optins[r.user_key or ""] = r
        if optins:
            rows = await session.execute(
                select(Follow.event_id, Follow.user_key).where(Follow.user_key.in_(list(optins)))
            )
            for event_id, user_key in rows.all():
                followers[event_id].append(user_key)
        return _Context(
            settings=settings,
            guild_reminders={(r.guild_id or 0, r.kind): r for r in guild_rows},
            country_names={},
            personal=personal,
            optins=optins,
            followers=followers,
            deadlines=deadlines,
        )

    def _fingerprint(self, event: Event, ctx: _Context) -> str:
        data = {
            "seq": event.sequence,
            "status": event.status,
            "start": event.start_at.isoformat(),
            "settings": [_settings_dict(s) for s in sorted(ctx.settings, key=lambda s: s.guild_id)],
            "guild": sorted(f"{g}:{k}:{r.id}" for (g, k), r in ctx.guild_reminders.items()),
            "personal": sorted(f"{r.id}:{r.offsets}" for r in ctx.personal.get(event.id, [])),
            "follows": sorted(
                f"{u}:{ctx.optins[u].id}:{ctx.optins[u].offsets}" for u in ctx.followers.get(event.id, [])
            ),
            "deadlines": sorted(f"{d.id}:{d.due_at.isoformat()}" for d in ctx.deadlines.get(event.id, [])),
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    @staticmethod
    def _passes(settings: ReminderSettings, event: Event) -> bool:
        if settings.kinds and event.kind not in settings.kinds:
            return False
        if settings.countries:
            names = {c.name for c in event.countries}
            if not names & set(settings.countries):
                return False
        return True

    def _desired(
        self, event: Event, ctx: _Context, existing: Sequence[ReminderDelivery], now: dt.datetime
    ) -> dict[tuple[int, str, str], _Desired]:
        desired: dict[tuple[int, str, str], _Desired] = {}
        tz = zone(event.timezone)
        if event.status == EventStatus.cancelled.value:
            reason = f" Reason: {event.status_reason}" if event.status_reason else ""
            body = (
                f"**{_event_title(event)}** has been cancelled. It was planned for "
                f"{format_local(event.start_at, tz)} ({tz.key}).{reason}"
            )
            notified: dict[str, int] = {}  # one notice per place a reminder went to
            for row in existing:
                if row.occurrence.startswith("cancel:"):
                    notified[row.target] = row.reminder_id
            for row in sorted(existing, key=lambda r: r.reminder_id):
                if row.status in OUT and row.target not in notified:
                    notified[row.target] = row.reminder_id
                    desired[(row.reminder_id, f"cancel:{event.id}", row.target)] = _Desired(
                        now, now + NOTICE_USEFUL, body
                    )
            for row in existing:  # notices already planned stay wanted
                if row.occurrence.startswith("cancel:"):
                    desired[(row.reminder_id, row.occurrence, row.target)] = _Desired(
                        row.due_at, row.useful_until, row.body
                    )
            return desired
        if event.status != EventStatus.scheduled.value:
            return desired  # postponed: no reminders until it has a date again
        start_key = f"event:{event.id}@{_stamp(event.start_at)}"
        for s in ctx.settings:
            if not s.enabled or not s.channel_id:
                continue
            target = _channel_target(s.channel_id)
            if self._passes(s, event):
                guild_rem = ctx.guild_reminders.get((s.guild_id, ReminderKind.guild.value))
                if guild_rem is not None:
                    for spec in s.offsets:
                        off = parse_offset(spec)
                        due = offset_due(event.start_at, tz, off, all_day=event.all_day)
                        desired[(guild_rem.id, f"{start_key}:{off.spec}", target)] = _Desired(
                            due, event.start_at
                        )
                deadline_rem = ctx.guild_reminders.get((s.guild_id, ReminderKind.deadline.value))
                if deadline_rem is not None:
                    for d in ctx.deadlines.get(event.id, []):
                        for spec in s.offsets:
                            off = parse_offset(spec)
                            due = offset_due(d.due_at, tz, off)
                            key = f"deadline:{d.id}@{_stamp(d.due_at)}:{off.spec}"
                            desired[(deadline_rem.id, key, target)] = _Desired(due, d.due_at)
        personal = list(ctx.personal.get(event.id, []))
        personal += [ctx.optins[u] for u in ctx.followers.get(event.id, []) if u in ctx.optins]
        for r in personal:
            if not r.active or not r.user_key:
                continue
            for spec in r.offsets or DEFAULT_PERSONAL_OFFSETS:
                off = parse_offset(spec)
                due = offset_due(event.start_at, tz, off, all_day=event.all_day)
                desired[(r.id, f"{start_key}:{off.spec}", _user_target(r.user_key))] = _Desired(
                    due, event.start_at
                )
        return desired

    async def plan_event(self, session: AsyncSession, event: Event, now: dt.datetime, ctx: _Context) -> int:
        """Bring the event's delivery rows to what its current state asks for. Returns rows changed."""
        existing = list(
            (
                await session.scalars(select(ReminderDelivery).where(ReminderDelivery.event_id == event.id))
            ).all()
        )
        desired = self._desired(event, ctx, existing, now)
        changed = 0
        seen: set[tuple[int, str, str]] = set()
        for row in existing:
            key = (row.reminder_id, row.occurrence, row.target)
            seen.add(key)
            if row.status != DeliveryStatus.pending.value:
                continue
            want = desired.get(key)
            if want is None:
                reason = (
                    "the event was cancelled"
                    if event.status == EventStatus.cancelled.value
                    else "the event, the settings or the reminder changed"
                )
                row.status, row.error, row.updated_at = DeliveryStatus.withdrawn.value, reason, now
                changed += 1
            elif row.event_sequence != event.sequence or row.useful_until != want.useful_until:
                row.event_sequence, row.useful_until, row.updated_at = event.sequence, want.useful_until, now
                changed += 1
        fresh = [
            pending_delivery(
                reminder_id=key[0],
                occurrence=key[1],
                target=key[2],
                event_id=event.id,
                event_sequence=event.sequence,
                due=want.due,
                useful_until=want.useful_until,
                now=now,
                body=want.body,
            )
            for key, want in desired.items()
            if key not in seen and want.due >= now - dt.timedelta(seconds=1) and want.useful_until > now
        ]
        if fresh:
            await add_deliveries(session, fresh)
            changed += len(fresh)
        fingerprint = self._fingerprint(event, ctx)
        plan = await session.get(ReminderPlan, event.id)
        if plan is None:
            session.add(
                ReminderPlan(
                    event_id=event.id,
                    sequence=event.sequence,
                    status=event.status,
                    fingerprint=fingerprint,
                    planned_at=now,
                )
            )
        else:
            plan.sequence, plan.status, plan.fingerprint, plan.planned_at = (
                event.sequence,
                event.status,
                fingerprint,
                now,
            )
        await session.flush()
        return changed

    async def reconcile(self, now: dt.datetime, *, force: bool = False) -> int:
        """Re-plan every event whose fingerprint changed (or all with ``force``) and plan the digests.
        Returns the number of events re-planned."""
        async with self.db.begin() as session:
            count = await self._reconcile(session, now, force=force)
        if count:
            self._changed()
        return count

    async def _reconcile(self, session: AsyncSession, now: dt.datetime, *, force: bool) -> int:
        horizon = now - dt.timedelta(days=1)
        events = list(
            (await session.scalars(select(Event).where(Event.end_at >= horizon).order_by(Event.id))).all()
        )
        ctx = await self._context(session, [e.id for e in events])
        plans = {p.event_id: p.fingerprint for p in (await session.scalars(select(ReminderPlan))).all()}
        count = 0
        for event in events:
            if force or plans.get(event.id) != self._fingerprint(event, ctx):
                await self.plan_event(session, event, now, ctx)
                count += 1
        await self._plan_digests(session, now, ctx)
        return count

    async def _plan_digests(self, session: AsyncSession, now: dt.datetime, ctx: _Context) -> None:
        for s in ctx.settings:
            reminder = ctx.guild_reminders.get((s.guild_id, ReminderKind.digest.value))
            if reminder is None:
                continue
            active = s.enabled and s.digest_enabled and bool(s.channel_id)
            tz = self.guild_zone(await session.get(GuildSettings, s.guild_id))
            clock = parse_clock(s.digest_time)
            target = _channel_target(s.channel_id) if s.channel_id else ""
            pending = (
                await session.scalars(
                    select(ReminderDelivery).where(
                        ReminderDelivery.reminder_id == reminder.id,
                        ReminderDelivery.status == DeliveryStatus.pending.value,
                    )
                )
            ).all()
            for row in pending:
                day = dt.date.fromisoformat(row.occurrence.removeprefix("digest:"))
                fits = (
                    active
                    and row.target == target
                    and day.weekday() == s.digest_weekday
                    and wall_time(day, clock, tz) == row.due_at
                )
                if not fits:
                    row.status, row.error, row.updated_at = (
                        DeliveryStatus.withdrawn.value,
                        "the digest settings changed",
                        now,
                    )
            if not active:
                continue
            if any(r.status == DeliveryStatus.pending.value for r in pending):
                continue
            at = next_weekly(now, tz, s.digest_weekday, clock)
            day = at.astimezone(tz).date()
            await add_deliveries(
                session,
                [
                    pending_delivery(
                        reminder_id=reminder.id,
                        occurrence=f"digest:{day.isoformat()}",
                        target=target,
                        due=at,
                        useful_until=at + DIGEST_USEFUL,
                        now=now,
                    )
                ],
            )
        await session.flush()

    async def _withdraw(self, session: AsyncSession, where: Any, now: dt.datetime, reason: str) -> int:
        result = await session.execute(
            update(ReminderDelivery)
            .where(where, ReminderDelivery.status == DeliveryStatus.pending.value)
            .values(status=DeliveryStatus.withdrawn.value, error=reason, updated_at=now)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------------------------ delivering

    async def wake_times(
        self,
        now: dt.datetime,
        until: dt.datetime,
        limit: int,
        *,
        changed_since: dt.datetime | None = None,
        after: dt.datetime | None = None,
    ) -> list[dt.datetime]:
        """The distinct moments at which pending deliveries are due, up to ``until`` (overdue included).
        With ``changed_since`` and ``after`` (a poll): only rows written since then, those due after
        ``after`` (the horizon already scheduled), and whether anything is overdue, so that a poll
        stays cheap however many rows are pending."""
        pending = ReminderDelivery.status == DeliveryStatus.pending.value
        column = ReminderDelivery.next_at
        async with self.db() as session:
            if changed_since is None or after is None:
                query = (
                    select(column).where(pending, column <= until).distinct().order_by(column).limit(limit)
                )
                return list((await session.scalars(query)).all())
            found: set[dt.datetime] = set()
            ahead = select(column).where(pending, column > after, column <= until).distinct().limit(limit)
            found.update((await session.scalars(ahead)).all())
            fresh = (
                select(column)
                .where(pending, column <= until, ReminderDelivery.updated_at >= changed_since)
                .distinct()
                .limit(limit)
            )
            found.update((await session.scalars(fresh)).all())
            overdue = select(column).where(pending, column <= now).order_by(column).limit(1)
            found.update((await session.scalars(overdue)).all())
            return sorted(found)[:limit]

    async def release_stale(self, worker: str, now: dt.datetime) -> int:
        """Deliveries claimed by a process that stopped before recording the result: due again now."""
        async with self.db.begin() as session:
            result = await session.execute(
                update(ReminderDelivery)
                .where(
                    ReminderDelivery.status == DeliveryStatus.claimed.value,
                    or_(ReminderDelivery.claimed_by.is_(None), ReminderDelivery.claimed_by != worker),
                )
                .values(
                    status=DeliveryStatus.pending.value,
                    next_at=now,
                    claimed_by=None,
                    note="the process sending it stopped before recording the result; sent again",
                    updated_at=now,
                )
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def claim_due(
        self,
        now: dt.datetime,
        worker: str,
        *,
        limit: int = 500,
        late_after: dt.timedelta,
        ahead: dt.timedelta = dt.timedelta(0),
    ) -> Claimed:
        """Claim the deliveries due by ``now + ahead`` (one transaction) and build their messages; the
        dispatcher sends each at its moment (``Outgoing.at``). Those past their useful time become
        ``missed`` (and the guild's admins get a summary); those whose event no longer wants them are
        withdrawn."""
        claimed = Claimed()
        async with self.db.begin() as session:
            # One statement claims them: only rows still pending are taken, so two claimers never share one.
            due = (
                select(ReminderDelivery.id)
                .where(
                    ReminderDelivery.status == DeliveryStatus.pending.value,
                    ReminderDelivery.next_at <= now + ahead,
                )
                .order_by(ReminderDelivery.next_at, ReminderDelivery.id)
                .limit(limit)
            )
            taken = await session.scalars(
                update(ReminderDelivery)
                .where(
                    ReminderDelivery.id.in_(due),
                    ReminderDelivery.status == DeliveryStatus.pending.value,
                )
                .values(
                    status=DeliveryStatus.claimed.value,
                    claimed_by=worker,
                    claimed_at=now,
                    attempts=ReminderDelivery.attempts + 1,
                    updated_at=now,
                )
                .returning(ReminderDelivery)
                .execution_options(synchronize_session=False)
            )
            rows = sorted(taken.all(), key=lambda r: (r.next_at, r.id))
            if not rows:
                return claimed
            reminder_ids = {r.reminder_id for r in rows}
            reminders = {
                r.id: r
                for r in (await session.scalars(select(Reminder).where(Reminder.id.in_(reminder_ids)))).all()
            }
            event_ids = {r.event_id for r in rows if r.event_id is not None}
            events = (
                {e.id: e for e in (await session.scalars(select(Event).where(Event.id.in_(event_ids)))).all()}
                if event_ids
                else {}
            )
            guilds = {r.guild_id for r in reminders.values() if r.guild_id is not None}
            settings = (
                {
                    s.guild_id: s
                    for s in (
                        await session.scalars(
                            select(ReminderSettings).where(ReminderSettings.guild_id.in_(guilds))
                        )
                    ).all()
                }
                if guilds
                else {}
            )
            missed_by_guild: dict[int, list[str]] = defaultdict(list)
            for row in rows:
                reminder = reminders.get(row.reminder_id)
                event = events.get(row.event_id) if row.event_id is not None else None
                if now > row.useful_until:
                    row.status = DeliveryStatus.missed.value
                    row.error = (
                        f"not sent: due {row.due_at:%Y-%m-%d %H:%M} UTC, no longer useful after "
                        f"{row.useful_until:%Y-%m-%d %H:%M} UTC (the bot was not running)"
                    )
                    row.claimed_by, row.updated_at = None, now
                    claimed.missed += 1
                    if reminder is not None and reminder.guild_id is not None:
                        what = _event_title(event) if event else (reminder.text or reminder.kind)[:80]
                        missed_by_guild[reminder.guild_id].append(
                            f"- {what} ({row.occurrence.rsplit(':', 1)[-1]}, due "
                            f"{row.due_at:%Y-%m-%d %H:%M} UTC)"
                        )
                    continue
                about_event = reminder is not None and reminder.kind in EVENT_KINDS and row.body is None
                stale = reminder is None or (
                    about_event and (event is None or event.status != EventStatus.scheduled.value)
                )
                if stale:
                    row.status, row.error, row.claimed_by, row.updated_at = (
                        DeliveryStatus.withdrawn.value,
                        "the event is gone or no longer scheduled",
                        None,
                        now,
                    )
                    claimed.withdrawn += 1
                    continue
                assert reminder is not None
                outgoing = await self._message(session, row, reminder, event, settings, now)
                outgoing.late = now - row.due_at > late_after
                outgoing.attempts = row.attempts
                outgoing.at = row.next_at
                claimed.outgoing.append(outgoing)
            for guild_id, lines in missed_by_guild.items():
                if await self._missed_summary(session, guild_id, lines, now):
                    claimed.summaries += 1
        return claimed

    async def _missed_summary(
        self, session: AsyncSession, guild_id: int, lines: list[str], now: dt.datetime
    ) -> bool:
        settings = await session.get(ReminderSettings, guild_id)
        guild_rem = (
            await session.scalars(
                select(Reminder).where(
                    Reminder.guild_id == guild_id, Reminder.kind == ReminderKind.guild.value
                )
            )
        ).first()
        if settings is None or not settings.channel_id or guild_rem is None:
            return False
        shown = lines[:20] + ([f"- … and {len(lines) - 20} more"] if len(lines) > 20 else [])
        body = (
            f"For the admins: while the bot was unavailable, {len(lines)} reminder"
            f"{'s' if len(lines) != 1 else ''} passed the time when they were useful and "
            f"{'were' if len(lines) != 1 else 'was'} not sent:\n" + "\n".join(shown) + "\n"
            "`cbmbot reminders log` lists every delivery."
        )
        await add_deliveries(
            session,
            [
                pending_delivery(
                    reminder_id=guild_rem.id,
                    occurrence=f"missed-summary:{_stamp(now)}:{now.timestamp():.3f}",
                    target=_channel_target(settings.channel_id),
                    due=now,
                    useful_until=now + NOTICE_USEFUL,
                    now=now,
                    body=body,
                )
            ],
        )
        return True

    async def _message(
        self,
        session: AsyncSession,
        row: ReminderDelivery,
        reminder: Reminder,
        event: Event | None,
        settings: dict[int, ReminderSettings],
        now: dt.datetime,
    ) -> Outgoing:
        guild_settings = settings.get(reminder.guild_id) if reminder.guild_id is not None else None
        out = Outgoing(
            delivery_id=row.id,
            reminder_id=reminder.id,
            target=row.target,
            title="Reminder",
            text="",
            due_at=row.due_at,
        )
        if row.target.startswith("user:") and guild_settings is not None and guild_settings.enabled:
            out.fallback_channel_id = guild_settings.channel_id
        is_channel_post = row.target.startswith("channel:") and reminder.kind in (
            ReminderKind.guild.value,
            ReminderKind.deadline.value,
            ReminderKind.digest.value,
        )
        if is_channel_post and guild_settings is not None and row.body is None:
            out.role_id = guild_settings.role_id
        if row.body is not None:
            out.title = "Cancelled" if row.occurrence.startswith("cancel:") else "Reminders"
            out.text = row.body
        elif reminder.kind == ReminderKind.personal_free.value:
            out.title = "Your reminder"
            out.text = reminder.text or ""
        elif reminder.kind == ReminderKind.digest.value:
            out.title, out.text = await self._digest(session, reminder, guild_settings, row.due_at)
        elif reminder.kind == ReminderKind.deadline.value and event is not None:
            deadline_id = int(row.occurrence.split(":", 1)[1].split("@", 1)[0])
            deadline = await session.get(EventDeadline, deadline_id)
            tz = zone(event.timezone)
            when = format_local(deadline.due_at, tz) if deadline else "soon"
            kind = deadline.kind if deadline else "a"
            note = f"\n{deadline.note}" if deadline and deadline.note else ""
            out.title = f"Deadline: {kind}"
            out.text = f"The {kind} deadline for **{_event_title(event)}** is {when} ({tz.key}).{note}"
        elif event is not None:
            tz = zone(event.timezone)
            spec = row.occurrence.rsplit(":", 1)[-1]
            left = parse_offset(spec).label if _OFFSET.fullmatch(spec) else ""
            where = _where(event)
            out.title = f"Starts in {left}" if left else "Starting soon"
            out.text = (
                f"**{_event_title(event)}** starts {format_local(event.start_at, tz)} ({tz.key})"
                + (f" · {where}" if where else "")
                + (f"\n{event.url}" if event.url else "")
            )
        return out

    async def _digest(
        self, session: AsyncSession, reminder: Reminder, settings: ReminderSettings | None, at: dt.datetime
    ) -> tuple[str, str]:
        gs = await session.get(GuildSettings, reminder.guild_id) if reminder.guild_id else None
        tz = self.guild_zone(gs)
        rows = (
            await session.scalars(
                select(Event)
                .where(
                    Event.start_at >= at,
                    Event.start_at < at + dt.timedelta(days=7),
                    Event.status != EventStatus.cancelled.value,
                )
                .order_by(Event.start_at, Event.id)
            )
        ).all()
        picked = [e for e in rows if settings is None or self._passes(settings, e)]
        first, last = at.astimezone(tz).date(), (at + dt.timedelta(days=6)).astimezone(tz).date()
        title = f"This week: {first:%a} {first.day} {first:%b} – {last:%a} {last.day} {last:%b %Y}"
        if not picked:
            return title, "No events in the coming seven days."
        lines = []
        for e in picked[:25]:
            etz = zone(e.timezone)
            lines.append(f"- **{_event_title(e)}**: {format_local(e.start_at, etz)} ({etz.key})")
        if len(picked) > 25:
            lines.append(f"- … and {len(picked) - 25} more (/event upcoming)")
        return title, "\n".join(lines)

    async def finish(self, outcomes: Sequence[Outcome], worker: str) -> None:
        """Record what happened to claimed deliveries (only rows this worker still holds)."""
        if not outcomes:
            return
        table = ReminderDelivery.__table__
        params = [
            {
                "_id": o.delivery_id,
                "_status": o.status,
                "_sent_at": o.at if o.status in OUT else None,
                "_next_at": o.retry_at or o.at,
                "_error": o.error,
                "_note": o.note,
                "_claimed_by": None,
                "_updated_at": o.at,
            }
            for o in outcomes
        ]
        statement = (
            update(table)
            .where(
                table.c.id == bindparam("_id"),
                table.c.status == DeliveryStatus.claimed.value,
                table.c.claimed_by == worker,
            )
            .values(
                status=bindparam("_status"),
                sent_at=bindparam("_sent_at", type_=UTCDateTime()),
                next_at=bindparam("_next_at", type_=UTCDateTime()),
                error=bindparam("_error"),
                note=func.coalesce(bindparam("_note"), table.c.note),
                claimed_by=bindparam("_claimed_by"),
                updated_at=bindparam("_updated_at", type_=UTCDateTime()),
            )
        )
        done = [o.delivery_id for o in outcomes if o.status != DeliveryStatus.pending.value]
        async with self.db.begin() as session:
            await session.execute(statement, params, execution_options={"synchronize_session": False})
            if done:
                finished_free = (
                    select(ReminderDelivery.reminder_id)
                    .where(ReminderDelivery.id.in_(done))
                    .scalar_subquery()
                )
                await session.execute(
                    update(Reminder)
                    .where(Reminder.id.in_(finished_free), Reminder.kind == ReminderKind.personal_free.value)
                    .values(active=False)
                )

    async def delivery_log(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Every delivery that ended (sent, late, missed, failed): the contract's `reminders log` rows."""
        async with self.db() as session:
            query = (
                select(ReminderDelivery)
                .where(ReminderDelivery.status.in_([s.value for s in FINAL]))
                .order_by(
                    func.coalesce(ReminderDelivery.sent_at, ReminderDelivery.updated_at), ReminderDelivery.id
                )
            )
            if limit is not None:
                query = query.limit(limit)
            rows = (await session.scalars(query)).all()
        return [delivery_record(r) for r in rows]

    async def deliveries(
        self, *, event_id: int | None = None, status: str | None = None
    ) -> list[ReminderDelivery]:
        async with self.db() as session:
            query = select(ReminderDelivery)
            if event_id is not None:
                query = query.where(ReminderDelivery.event_id == event_id)
            if status is not None:
                query = query.where(ReminderDelivery.status == status)
            return list(
                (await session.scalars(query.order_by(ReminderDelivery.due_at, ReminderDelivery.id))).all()
            )


def delivery_record(row: ReminderDelivery) -> dict[str, Any]:
    return {
        "reminder_id": row.reminder_id,
        "event_id": row.event_id,
        "target": row.target,
        "due_at": row.due_at.isoformat(),
        "sent_at": row.sent_at.isoformat() if row.sent_at else None,
        "status": row.status,
        "error": row.error
        if row.status in (DeliveryStatus.failed.value, DeliveryStatus.missed.value)
        else None,
        "id": row.id,
        "occurrence": row.occurrence,
        "attempts": row.attempts,
        "note": row.note,
    }


def _parse_kinds(text: str) -> list[str]:
    from bot.services.events import parse_kind

    if text.strip().lower() in {"", "all", "any"}:
        return []
    return sorted({parse_kind(p) for p in text.split(",") if p.strip()})


def _settings_dict(row: ReminderSettings | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "guild_id": row.guild_id,
        "enabled": row.enabled,
        "channel_id": row.channel_id,
        "offsets": list(row.offsets or []),
        "role_id": row.role_id,
        "kinds": list(row.kinds or []),
        "countries": list(row.countries or []),
        "digest_enabled": row.digest_enabled,
        "digest_weekday": row.digest_weekday,
        "digest_time": row.digest_time,
    }

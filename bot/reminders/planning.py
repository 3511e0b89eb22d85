"""Planning: what deliveries an event, the guild settings, the follows and personal reminders ask for,
and bringing the rows there (idempotent). Also the settings, personal reminders and deadlines that people
change through the commands. Transport-free; every method takes ``now``."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, Forbidden, NotFound
from bot.reminders.delivery import (
    GUILD_KINDS,
    OUT,
    PERSONAL_KINDS,
    PERSONAL_MAX,
    TEXT_MAX,
    DeliveryDesk,
    ReminderView,
    add_deliveries,
    cancelled_text,
    channel_target,
    pending_delivery,
    stamp,
    user_target,
)
from bot.reminders.timing import (
    AHEAD_MAX,
    DEFAULT_OFFSETS,
    DEFAULT_PERSONAL_OFFSETS,
    DIGEST_USEFUL,
    FREE_USEFUL,
    NOTICE_USEFUL,
    next_weekly,
    offset_due,
    parse_clock,
    parse_moment,
    parse_offset,
    parse_offsets,
    parse_weekday,
)
from bot.services.answer_text import LABELS, deadline_name, label, moment
from bot.services.knowledge import KnowledgeService
from bot.services.principal import Principal, Role
from bot.timeutil import wall_time, zone
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
)
from storage.repositories import AuditRepository, EventRepository


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


class ReminderService(DeliveryDesk):
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
            raise BadInput(key="reminders_too_many", count=count, most=PERSONAL_MAX)

    async def remind_event(
        self,
        actor: Principal,
        event_id: int,
        before: str,
        now: dt.datetime,
        *,
        guild_id: int | None = None,
        lang: str | None = None,
    ) -> tuple[Reminder, list[dt.datetime]]:
        """A DM ``before`` (one or more offsets) event ``event_id`` starts, in ``lang`` (the asker's)."""
        offsets = parse_offsets(before)
        async with self.db.begin() as session:
            event = await EventRepository(session).get(event_id)
            if event is None:
                raise NotFound(key="reminder_no_event", id=event_id)
            if event.status != EventStatus.scheduled.value:
                status = event.status
                raise BadInput(
                    key="reminder_event_not_scheduled",
                    id=event_id,
                    status=lambda lang: label(status, lang) if status in LABELS else status,
                )
            tz = zone(event.timezone)
            dues = [offset_due(event.start_at, tz, o, all_day=event.all_day) for o in offsets]
            future = [d for d in dues if d > now]
            if not future:
                first = min(dues)
                raise BadInput(key="reminder_moment_passed", when=lambda lang: moment(first, tz, lang))
            await self._check_room(session, actor.key)
            reminder = Reminder(
                kind=ReminderKind.personal_event.value,
                guild_id=guild_id,
                user_key=actor.key,
                event_id=event.id,
                offsets=[o.spec for o in offsets],
                language=lang,
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
        lang: str | None = None,
    ) -> Reminder:
        """A personal reminder of ``text`` at ``when``, sent in ``lang`` (the asker's)."""
        from bot.services.text_rule import clean_text  # the one rule for stored text

        body = clean_text(text, "text", TEXT_MAX) or ""
        if not body:
            raise BadInput(key="reminder_text_missing")
        if len(body) > TEXT_MAX:
            raise BadInput(key="reminder_text_too_long", length=len(body), most=TEXT_MAX)
        place = tz or self.default_zone
        at = parse_moment(when, now, place)
        if at <= now:
            raise BadInput(key="reminder_in_past", when=lambda lang: moment(at, place, lang))
        if at - now > AHEAD_MAX:
            raise BadInput(key="reminder_too_far")
        async with self.db.begin() as session:
            await self._check_room(session, actor.key)
            reminder = Reminder(
                kind=ReminderKind.personal_free.value,
                guild_id=guild_id,
                user_key=actor.key,
                due_at=at,
                text=body,
                language=lang,
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
                        target=user_target(actor.key),
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
        lang: str | None = None,
    ) -> Reminder | None:
        """Opt in (or out) of DM reminders for every event the person follows (sent in ``lang``)."""
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
                current.language = lang
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
                raise NotFound(key="reminder_not_yours", id=reminder_id)
            if reminder.kind not in PERSONAL_KINDS:
                raise BadInput(key="reminder_of_the_guild", id=reminder_id)
            if not reminder.active:
                raise BadInput(key="reminder_already_cancelled", id=reminder_id)
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
            raise BadInput(key="reminder_note_too_long", length=len(note), most=TEXT_MAX)
        async with self.db.begin() as session:
            event = await EventRepository(session).get(event_id)
            if event is None:
                raise NotFound(key="reminder_no_event", id=event_id)
            tz = zone(event.timezone)
            at = parse_moment(when, now, tz)
            if at <= now:
                raise BadInput(key="deadline_in_past", when=lambda lang: moment(at, tz, lang))
            if at > event.end_at:
                raise BadInput(key="deadline_after_event")
            row = await _deadline(session, event_id, key)
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
                raise NotFound(key="reminder_no_event", id=event_id)
            row = await _deadline(session, event_id, key)
            if row is None:
                raise NotFound(
                    key="deadline_none", event=event_id, deadline=lambda lang: deadline_name(key, lang)
                )
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
            body = cancelled_text(event, "en")  # direct messages are said again in their owner's language
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
        start_key = f"event:{event.id}@{stamp(event.start_at)}"
        for s in ctx.settings:
            if not s.enabled or not s.channel_id:
                continue
            target = channel_target(s.channel_id)
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
                            key = f"deadline:{d.id}@{stamp(d.due_at)}:{off.spec}"
                            desired[(deadline_rem.id, key, target)] = _Desired(due, d.due_at)
        personal = list(ctx.personal.get(event.id, []))
        personal += [ctx.optins[u] for u in ctx.followers.get(event.id, []) if u in ctx.optins]
        for r in personal:
            if not r.active or not r.user_key:
                continue
            for spec in r.offsets or DEFAULT_PERSONAL_OFFSETS:
                off = parse_offset(spec)
                due = offset_due(event.start_at, tz, off, all_day=event.all_day)
                desired[(r.id, f"{start_key}:{off.spec}", user_target(r.user_key))] = _Desired(
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
            target = channel_target(s.channel_id) if s.channel_id else ""
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


async def _deadline(session: AsyncSession, event_id: int, key: str) -> EventDeadline | None:
    """An event's deadline of one kind, if it has one (set and cleared through the same look-up)."""
    return (
        await session.scalars(
            select(EventDeadline).where(EventDeadline.event_id == event_id, EventDeadline.kind == key)
        )
    ).first()

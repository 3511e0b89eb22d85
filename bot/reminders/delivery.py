"""Delivery: claiming due rows (fenced by the dispatcher's lease epoch), classifying them (send, late,
missed, withdrawn), building their messages, and recording results. Transport-free; every method takes
``now``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.reminders.senders import Outgoing
from bot.reminders.timing import NOTICE_USEFUL, OFFSET_PATTERN, parse_offset
from bot.services.answer_text import counted, day_range, deadline_name, message, moment, plural
from bot.services.answers import when_text
from bot.services.answers import where_text as place_text
from bot.timeutil import format_local, zone
from storage.deliveries import DeliveryRepository
from storage.leases import lease_fence, no_fence
from storage.models import (
    DeliveryStatus,
    Event,
    EventDeadline,
    EventStatus,
    GuildSettings,
    Reminder,
    ReminderDelivery,
    ReminderKind,
    ReminderSettings,
)
from storage.reference import supported_language

TEXT_MAX = 1000
PERSONAL_MAX = 25
FINAL = (DeliveryStatus.sent, DeliveryStatus.late, DeliveryStatus.missed, DeliveryStatus.failed)
OUT = (DeliveryStatus.sent.value, DeliveryStatus.late.value)
GUILD_KINDS = (ReminderKind.guild, ReminderKind.deadline, ReminderKind.digest)
PERSONAL_KINDS = (ReminderKind.personal_event.value, ReminderKind.personal_free.value)
UTC = ZoneInfo("UTC")
EVENT_KINDS = (ReminderKind.guild.value, ReminderKind.deadline.value, ReminderKind.personal_event.value)


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


def stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def channel_target(channel_id: int) -> str:
    return f"channel:{channel_id}"


def user_target(user_key: str) -> str:
    return f"user:{user_key}"


def event_title(event: Event) -> str:
    return f"#{event.id} {event.title}"


def where_text(event: Event, lang: str = "en") -> str:
    """Where the event is, in ``lang`` ("Vienna and online", "online"); empty when nothing is known."""
    return place_text(event, lang) if event.online or event.location else ""


def when_in(event: Event, lang: str) -> str:
    """When the event starts, with its zone: in English as the reminders always wrote it (the start, in the
    venue's zone), in another language as the answers write an event's time (CLDR)."""
    if lang != "en":
        return when_text(event, lang)
    tz = zone(event.timezone)
    return f"{format_local(event.start_at, tz)} ({tz.key})"


def starts_message(event: Event, spec: str, lang: str) -> tuple[str, str]:
    """The title and text of a reminder ``spec`` (an offset such as "1d") before ``event`` starts."""
    left = parse_offset(spec).words(lang) if OFFSET_PATTERN.fullmatch(spec) else ""
    soon = message("reminder_starting_soon", lang)
    title = message("reminder_starts_in", lang, left=left) if left else soon
    where = where_text(event, lang)
    text = (
        message("reminder_starts", lang, event=event_title(event), when=when_in(event, lang))
        + (f" · {where}" if where else "")
        + (f"\n{event.url}" if event.url else "")
    )
    return title, text


def cancelled_text(event: Event, lang: str) -> str:
    """The notice that ``event`` is cancelled, sent where its reminders went."""
    why = event.status_reason
    reason = message("reminder_cancel_reason", lang, reason=why) if why else ""
    return message(
        "reminder_event_cancelled", lang, event=event_title(event), when=when_in(event, lang), reason=reason
    )


@dataclass(frozen=True)
class Missed:
    """A delivery that passed its useful time unsent, for the guild admins' summary."""

    what: str  # the event or the reminder's text
    tag: str  # the end of its occurrence: the offset, the day of a digest
    due_at: dt.datetime

    def line(self, lang: str) -> str:
        due = f"{self.due_at:%Y-%m-%d %H:%M} UTC" if lang == "en" else moment(self.due_at, UTC, lang)
        return message("post_missed_line", lang, what=self.what, tag=self.tag, due=due)


async def guild_language(session: AsyncSession, guild_id: int | None) -> str:
    """The language a guild set for its channel posts (the /settings language); English when none."""
    found = await session.get(GuildSettings, guild_id) if guild_id is not None else None
    return supported_language(found.language if found is not None else None)


def deadline_message(event: Event, deadline: EventDeadline | None, lang: str) -> tuple[str, str]:
    """The title and text of a reminder of one of ``event``'s deadlines (``None``: cleared meanwhile)."""
    tz = zone(event.timezone)
    note = f"\n{deadline.note}" if deadline and deadline.note else ""
    if deadline is None:
        kind = message("post_deadline_any", lang)
        text = message("post_deadline_soon", lang, event=event_title(event), zone=tz.key, note=note)
        return message("post_deadline_title", lang, kind=kind), text
    kind = deadline_name(deadline.kind, lang)
    when = moment(deadline.due_at, tz, lang)
    text = message(
        "post_deadline", lang, kind=kind, event=event_title(event), when=when, zone=tz.key, note=note
    )
    return message("post_deadline_title", lang, kind=kind), text


class DeliveryDesk:
    db: async_sessionmaker[AsyncSession]

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
        async with self.db() as session:
            return await DeliveryRepository(session).wake_times(now, until, limit, changed_since, after)

    @staticmethod
    def _fence(session: AsyncSession, epoch: int | None, now: dt.datetime) -> Any:
        return no_fence() if epoch is None else lease_fence(session.get_bind().dialect.name, epoch, now)

    async def release_stale(
        self, worker: str, now: dt.datetime, *, epoch: int | None = None, confirms: bool = False
    ) -> int:
        """Deliveries claimed by an earlier leader (its lease ran out) or, without epochs, by another
        worker, that never recorded a result: due again now. Fenced: only while ``epoch`` holds the lease.
        ``confirms``: sends are confirmed first, so a row without ``sending_at`` was surely not sent."""
        async with self.db.begin() as session:
            fence = self._fence(session, epoch, now)
            return await DeliveryRepository(session).take_over(worker, epoch, now, fence, confirmed=confirms)

    async def claim_due(
        self,
        now: dt.datetime,
        worker: str,
        *,
        limit: int = 500,
        late_after: dt.timedelta,
        ahead: dt.timedelta = dt.timedelta(0),
        epoch: int | None = None,
    ) -> Claimed:
        """Claim the deliveries due by ``now + ahead`` (one transaction; with ``epoch`` only while that
        epoch holds the lease) and build their messages; the dispatcher sends each at its moment
        (``Outgoing.at``). Those past their useful time become ``missed`` (and the guild's admins get a
        summary); those whose event no longer wants them are withdrawn."""
        claimed = Claimed()
        async with self.db.begin() as session:
            repo = DeliveryRepository(session)
            rows = await repo.claim(now, now + ahead, limit, worker, epoch, self._fence(session, epoch, now))
            if not rows:
                return claimed
            reminders, events, settings = await repo.context(rows)
            missed_by_guild: dict[int, list[Missed]] = defaultdict(list)
            for row in rows:
                reminder = reminders.get(row.reminder_id)
                event = events.get(row.event_id) if row.event_id is not None else None
                kind = self._classify(row, reminder, event, now, missed_by_guild)
                if kind == "missed":
                    claimed.missed += 1
                elif kind == "withdrawn":
                    claimed.withdrawn += 1
                else:
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

    @staticmethod
    def _classify(
        row: ReminderDelivery,
        reminder: Reminder | None,
        event: Event | None,
        now: dt.datetime,
        missed_by_guild: dict[int, list[Missed]],
    ) -> str:
        """``send``, or ``missed`` (past its useful time) / ``withdrawn`` (its event no longer wants it),
        in which case the row is finished here."""
        if now > row.useful_until:
            row.status = DeliveryStatus.missed.value
            row.error = (
                f"not sent: due {row.due_at:%Y-%m-%d %H:%M} UTC, no longer useful after "
                f"{row.useful_until:%Y-%m-%d %H:%M} UTC (the bot was not running)"
            )
            row.claimed_by, row.claim_epoch, row.updated_at = None, None, now
            if reminder is not None and reminder.guild_id is not None:
                what = event_title(event) if event else (reminder.text or reminder.kind)[:80]
                missed_by_guild[reminder.guild_id].append(
                    Missed(what, row.occurrence.rsplit(":", 1)[-1], row.due_at)
                )
            return "missed"
        about_event = reminder is not None and reminder.kind in EVENT_KINDS and row.body is None
        stale = reminder is None or (
            about_event and (event is None or event.status != EventStatus.scheduled.value)
        )
        if stale:
            row.status, row.error = DeliveryStatus.withdrawn.value, "the event is gone or no longer scheduled"
            row.claimed_by, row.claim_epoch, row.updated_at = None, None, now
            return "withdrawn"
        return "send"

    async def confirm(self, ids: Sequence[int], now: dt.datetime, *, epoch: int | None = None) -> list[int]:
        """Just before sending: mark the rows as being sent, only while ``epoch`` still holds the lease
        (checked by the database in the same statement). Returns the ids that may go out."""
        async with self.db.begin() as session:
            return await DeliveryRepository(session).confirm(
                ids, epoch, now, self._fence(session, epoch, now)
            )

    async def _missed_summary(
        self, session: AsyncSession, guild_id: int, missed: list[Missed], now: dt.datetime
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
        lang = await guild_language(session, guild_id)
        shown = [m.line(lang) for m in missed[:20]]
        if len(missed) > 20:
            shown.append(message("post_missed_more", lang, count=len(missed) - 20))
        count = len(missed)
        intro = "post_missed_one" if plural(count, lang) == "one" else "post_missed_other"
        body = "\n".join(
            [
                message(intro, lang, reminders=counted(count, "reminder", lang)),
                *shown,
                message("post_missed_log", lang),
            ]
        )
        await add_deliveries(
            session,
            [
                pending_delivery(
                    reminder_id=guild_rem.id,
                    occurrence=f"missed-summary:{stamp(now)}:{now.timestamp():.3f}",
                    target=channel_target(settings.channel_id),
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
        # Posts in the guild's channels (and the note posted there when a DM cannot be delivered) are in
        # the guild's language; a direct message in the language its owner set the reminder in.
        place = await guild_language(session, reminder.guild_id)
        out = Outgoing(
            delivery_id=row.id,
            reminder_id=reminder.id,
            target=row.target,
            title=message("post_reminder_title", place),
            text="",
            due_at=row.due_at,
            lang=place,
            place_lang=place,
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
        if row.target.startswith("user:"):  # a direct message: in the language its owner set it in
            out.lang = supported_language(reminder.language)
            out.title = message("post_reminder_title", out.lang)
        lang = out.lang
        if row.body is not None:
            cancel = row.occurrence.startswith("cancel:")
            out.title = message("reminder_event_cancelled_title" if cancel else "post_notice_title", lang)
            out.text = cancelled_text(event, lang) if cancel and lang != "en" and event else row.body
        elif reminder.kind == ReminderKind.personal_free.value:
            out.title = message("reminder_yours", lang)
            out.text = reminder.text or ""
        elif reminder.kind == ReminderKind.digest.value:
            out.title, out.text = await self._digest(session, reminder, guild_settings, row.due_at, lang)
        elif reminder.kind == ReminderKind.deadline.value and event is not None:
            deadline_id = int(row.occurrence.split(":", 1)[1].split("@", 1)[0])
            out.title, out.text = deadline_message(event, await session.get(EventDeadline, deadline_id), lang)
        elif event is not None:
            out.title, out.text = starts_message(event, row.occurrence.rsplit(":", 1)[-1], lang)
        return out

    async def _digest(
        self,
        session: AsyncSession,
        reminder: Reminder,
        settings: ReminderSettings | None,
        at: dt.datetime,
        lang: str = "en",
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
        if lang == "en":  # as the digest was always titled
            days = f"{first:%a} {first.day} {first:%b} – {last:%a} {last.day} {last:%b %Y}"
        else:
            days = day_range(first, last, lang)
        title = message("post_digest_title", lang, days=days)
        if not picked:
            return title, message("post_digest_empty", lang)
        lines = []
        for e in picked[:25]:
            etz = zone(e.timezone)
            when = moment(e.start_at, etz, lang)
            lines.append(message("post_digest_line", lang, event=event_title(e), when=when, zone=etz.key))
        if len(picked) > 25:
            lines.append(message("post_digest_more", lang, count=len(picked) - 25))
        return title, "\n".join(lines)

    async def finish(self, outcomes: Sequence[Outcome], worker: str, *, epoch: int | None = None) -> None:
        """Record what happened to claimed deliveries: only rows this worker and epoch still hold (the
        results of a leader whose rows were taken over are refused)."""
        if not outcomes:
            return
        params = [
            {
                "_id": o.delivery_id,
                "_status": o.status,
                "_sent_at": o.at if o.status in OUT else None,
                "_next_at": o.retry_at or o.at,
                "_error": o.error,
                "_note": o.note,
                "_updated_at": o.at,
            }
            for o in outcomes
        ]
        done = [o.delivery_id for o in outcomes if o.status != DeliveryStatus.pending.value]
        async with self.db.begin() as session:
            repo = DeliveryRepository(session)
            await repo.record(params, worker, epoch)
            await repo.end_free_reminders(done)

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

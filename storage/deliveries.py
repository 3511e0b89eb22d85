"""The reminder deliveries' SQL: the moments to wake for, and the fenced steps of a delivery.

pending --claim--> claimed (claim_epoch = the leader's epoch) --confirm--> sending_at set --record-->
sent/late/failed, or pending again for a retry. Claim, confirm and take-over carry the lease fence
(storage/leases.py): the database writes them only while the lease is held by that epoch and has not
run out. A result is recorded only for a row still claimed by the epoch that reports it, so the results
of a leader that lost its lease are refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    DeliveryStatus,
    Event,
    Reminder,
    ReminderDelivery,
    ReminderKind,
    ReminderSettings,
    UTCDateTime,
)

CLAIMED = DeliveryStatus.claimed.value
PENDING = DeliveryStatus.pending.value
RESENT = "claimed by a dispatcher that stopped (or lost its lease) before sending it; sent by the next one"
IN_DOUBT = (
    "the process sending it lost its lease after starting to send and before recording the result; "
    "sent again (a repeat is possible where the transport does not drop it)"
)


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def wake_times(
        self,
        now: dt.datetime,
        until: dt.datetime,
        limit: int,
        changed_since: dt.datetime | None,
        after: dt.datetime | None,
    ) -> list[dt.datetime]:
        """The distinct moments at which pending deliveries are due, up to ``until`` (overdue included);
        with ``changed_since`` and ``after`` only rows written since, those beyond ``after``, and the
        first overdue one."""
        pending = ReminderDelivery.status == PENDING
        column = ReminderDelivery.next_at
        if changed_since is None or after is None:
            query = select(column).where(pending, column <= until).distinct().order_by(column).limit(limit)
            return list((await self.session.scalars(query)).all())
        found: set[dt.datetime] = set()
        ahead = select(column).where(pending, column > after, column <= until).distinct().limit(limit)
        found.update((await self.session.scalars(ahead)).all())
        fresh = (
            select(column)
            .where(pending, column <= until, ReminderDelivery.updated_at >= changed_since)
            .distinct()
            .limit(limit)
        )
        found.update((await self.session.scalars(fresh)).all())
        overdue = select(column).where(pending, column <= now).order_by(column).limit(1)
        found.update((await self.session.scalars(overdue)).all())
        return sorted(found)[:limit]

    async def take_over(
        self, worker: str, epoch: int | None, now: dt.datetime, fence: Any, *, confirmed: bool = True
    ) -> int:
        """Rows claimed by an earlier epoch (whose lease ran out, or this would not hold the lease) or,
        without epochs, by another worker: due again now. Those that were being sent say so; where sends
        are not confirmed first (``confirmed=False``, SQLite) every such row may have been sent."""
        if epoch is not None:
            older = or_(ReminderDelivery.claim_epoch.is_(None), ReminderDelivery.claim_epoch < epoch)
        else:
            older = or_(ReminderDelivery.claimed_by.is_(None), ReminderDelivery.claimed_by != worker)
        total = 0
        for sending, note in ((False, RESENT if confirmed else IN_DOUBT), (True, IN_DOUBT)):
            was = (
                ReminderDelivery.sending_at.isnot(None) if sending else ReminderDelivery.sending_at.is_(None)
            )
            result = await self.session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.status == CLAIMED, older, was, fence)
                .values(
                    status=PENDING,
                    next_at=now,
                    claimed_by=None,
                    claim_epoch=None,
                    sending_at=None,
                    note=note,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            total += int(result.rowcount or 0)  # type: ignore[attr-defined]
        return total

    async def claim(
        self, now: dt.datetime, until: dt.datetime, limit: int, worker: str, epoch: int | None, fence: Any
    ) -> list[ReminderDelivery]:
        """Claim the pending rows due by ``until`` in one statement (two claimers never share one)."""
        due = (
            select(ReminderDelivery.id)
            .where(ReminderDelivery.status == PENDING, ReminderDelivery.next_at <= until)
            .order_by(ReminderDelivery.next_at, ReminderDelivery.id)
            .limit(limit)
        )
        taken = await self.session.scalars(
            update(ReminderDelivery)
            .where(ReminderDelivery.id.in_(due), ReminderDelivery.status == PENDING, fence)
            .values(
                status=CLAIMED,
                claimed_by=worker,
                claim_epoch=epoch,
                claimed_at=now,
                sending_at=None,
                attempts=ReminderDelivery.attempts + 1,
                updated_at=now,
            )
            .returning(ReminderDelivery)
            .execution_options(synchronize_session=False)
        )
        return sorted(taken.all(), key=lambda r: (r.next_at, r.id))

    async def context(
        self, rows: Sequence[ReminderDelivery]
    ) -> tuple[dict[int, Reminder], dict[int, Event], dict[int, ReminderSettings]]:
        """The reminders, events and guild reminder settings the claimed rows refer to."""
        session = self.session
        reminder_ids = {r.reminder_id for r in rows}
        reminders = {
            r.id: r
            for r in (await session.scalars(select(Reminder).where(Reminder.id.in_(reminder_ids)))).all()
        }
        event_ids = {r.event_id for r in rows if r.event_id is not None}
        events = {}
        if event_ids:
            events = {
                e.id: e for e in (await session.scalars(select(Event).where(Event.id.in_(event_ids)))).all()
            }
        guilds = {r.guild_id for r in reminders.values() if r.guild_id is not None}
        settings = {}
        if guilds:
            query = select(ReminderSettings).where(ReminderSettings.guild_id.in_(guilds))
            settings = {s.guild_id: s for s in (await session.scalars(query)).all()}
        return reminders, events, settings

    async def confirm(self, ids: Sequence[int], epoch: int | None, now: dt.datetime, fence: Any) -> list[int]:
        """Mark claimed rows as being sent now, only while the lease still holds: the ids that may go out."""
        if not ids:
            return []
        epoch_is = (
            ReminderDelivery.claim_epoch.is_(None) if epoch is None else ReminderDelivery.claim_epoch == epoch
        )
        result = await self.session.scalars(
            update(ReminderDelivery)
            .where(ReminderDelivery.id.in_(list(ids)), ReminderDelivery.status == CLAIMED, epoch_is, fence)
            .values(sending_at=now)
            .returning(ReminderDelivery.id)
            .execution_options(synchronize_session=False)
        )
        return list(result.all())

    async def record(self, params: list[dict[str, Any]], worker: str, epoch: int | None) -> None:
        """Write results (``_id``, ``_status``, ``_sent_at``, ``_next_at``, ``_error``, ``_note``,
        ``_updated_at``) for rows this worker and epoch still hold; any other row is left alone."""
        table = ReminderDelivery.__table__
        epoch_is = table.c.claim_epoch.is_(None) if epoch is None else table.c.claim_epoch == epoch
        statement = (
            update(table)
            .where(
                table.c.id == bindparam("_id"),
                table.c.status == CLAIMED,
                table.c.claimed_by == worker,
                epoch_is,
            )
            .values(
                status=bindparam("_status"),
                sent_at=bindparam("_sent_at", type_=UTCDateTime()),
                next_at=bindparam("_next_at", type_=UTCDateTime()),
                error=bindparam("_error"),
                note=func.coalesce(bindparam("_note"), table.c.note),
                claimed_by=None,
                claim_epoch=None,
                sending_at=None,
                updated_at=bindparam("_updated_at", type_=UTCDateTime()),
            )
        )
        await self.session.execute(statement, params, execution_options={"synchronize_session": False})

    async def end_free_reminders(self, done: Sequence[int]) -> None:
        """A personal free-text reminder whose delivery ended is no longer active."""
        if not done:
            return
        finished = (
            select(ReminderDelivery.reminder_id).where(ReminderDelivery.id.in_(list(done))).scalar_subquery()
        )
        await self.session.execute(
            update(Reminder)
            .where(Reminder.id.in_(finished), Reminder.kind == ReminderKind.personal_free.value)
            .values(active=False)
        )

"""Communication checks: every query of checks, their targets, pings and acknowledgement tokens.

Pings follow the reminders' claim -> send -> record design: one statement moves rows from ``pending`` to
``claimed`` (only rows still pending, so two processes never claim the same ping), the sender sends, and
:meth:`CommCheckRepository.finish` records the result only on rows the same worker still holds. Every
chasing step is a column set once by a guarded UPDATE, so a step runs in exactly one process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    CheckStatus,
    CommAckToken,
    CommCheck,
    CommCheckPing,
    CommCheckSchedule,
    CommCheckTarget,
    Contact,
    ContactCorrection,
    CorrectionStatus,
    Country,
    PingStatus,
    UTCDateTime,
)

LIVE = (CheckStatus.open.value, CheckStatus.closed.value)


@dataclass(frozen=True)
class PingResult:
    """What a send did to one claimed ping."""

    ping_id: int
    status: str  # sent, failed, or pending (retry at next_at)
    at: dt.datetime
    next_at: dt.datetime | None = None
    error: str | None = None
    note: str | None = None


class CommCheckRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # ----------------------------------------------------------------------------------- checks

    async def add(self, row: object) -> None:
        self.session.add(row)
        await self.session.flush()

    async def get(self, check_id: int) -> CommCheck | None:
        return await self.session.get(CommCheck, check_id)

    async def checks(self, limit: int = 20) -> Sequence[CommCheck]:
        query = select(CommCheck).order_by(CommCheck.id.desc()).limit(limit)
        return (await self.session.scalars(query)).all()

    async def contacts(self, type_: str | None, country_ids: Iterable[int] | None) -> Sequence[Contact]:
        query = select(Contact).join(Country, Contact.country_id == Country.id)
        if type_ is not None:
            query = query.where(Contact.type == type_)
        ids = list(country_ids or [])
        if ids:
            query = query.where(Contact.country_id.in_(ids))
        return (await self.session.scalars(query.order_by(Country.name, Contact.type, Contact.id))).all()

    async def country_contacts(self, country_ids: Iterable[int]) -> Sequence[Contact]:
        query = select(Contact).where(Contact.country_id.in_(list(country_ids))).order_by(Contact.id)
        return (await self.session.scalars(query)).all()

    async def targets(self, check_id: int) -> Sequence[CommCheckTarget]:
        query = select(CommCheckTarget).where(CommCheckTarget.check_id == check_id)
        return (await self.session.scalars(query.order_by(CommCheckTarget.id))).all()

    async def pings(self, check_id: int) -> Sequence[CommCheckPing]:
        query = select(CommCheckPing).where(CommCheckPing.check_id == check_id)
        return (await self.session.scalars(query.order_by(CommCheckPing.id))).all()

    async def past_checks(self, before_id: int, limit: int) -> Sequence[CommCheck]:
        query = (
            select(CommCheck)
            .where(CommCheck.id < before_id, CommCheck.status != CheckStatus.cancelled.value)
            .order_by(CommCheck.id.desc())
            .limit(limit)
        )
        return list(reversed((await self.session.scalars(query)).all()))

    async def take_step(self, check_id: int, column: str, now: dt.datetime) -> bool:
        """Set a step's column once (``reminded_at``, ``escalated_at``): True for the one caller that did."""
        field = getattr(CommCheck, column)
        done = await self.session.execute(
            update(CommCheck)
            .where(CommCheck.id == check_id, CommCheck.status == CheckStatus.open.value, field.is_(None))
            .values({column: now, "updated_at": now})
            .execution_options(synchronize_session=False)
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    async def due_steps(self, now: dt.datetime) -> Sequence[CommCheck]:
        """Open checks with a step due: reminder, escalation or closing."""
        query = select(CommCheck).where(
            CommCheck.status == CheckStatus.open.value,
            or_(
                and_(CommCheck.reminded_at.is_(None), CommCheck.remind_at <= now),
                and_(CommCheck.escalated_at.is_(None), CommCheck.escalate_at <= now),
                CommCheck.deadline_at <= now,
            ),
        )
        return (await self.session.scalars(query.order_by(CommCheck.id))).all()

    async def step_moments(self, now: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
        """The moments of open checks' coming steps, for wake jobs."""
        rows = (
            await self.session.execute(
                select(CommCheck.remind_at, CommCheck.escalate_at, CommCheck.deadline_at).where(
                    CommCheck.status == CheckStatus.open.value
                )
            )
        ).all()
        return sorted({m for row in rows for m in row if now < m <= until})

    async def end(self, check_id: int, status: str, now: dt.datetime, *, only_open: bool = True) -> bool:
        """Close or cancel a check, once; its pending pings are withdrawn."""
        allowed = (CheckStatus.open.value,) if only_open else LIVE
        done = await self.session.execute(
            update(CommCheck)
            .where(CommCheck.id == check_id, CommCheck.status.in_(allowed))
            .values(status=status, closed_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if not done.rowcount:  # type: ignore[attr-defined]
            return False
        await self.session.execute(
            update(CommCheckPing)
            .where(CommCheckPing.check_id == check_id, CommCheckPing.status == PingStatus.pending.value)
            .values(status=PingStatus.withdrawn.value, note="the check ended first", updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if status == CheckStatus.cancelled.value:  # its links stop working at once
            await self.session.execute(
                update(CommCheck)
                .where(CommCheck.id == check_id)
                .values(expires_at=now)
                .execution_options(synchronize_session=False)
            )
        return True

    # ----------------------------------------------------------------------------------- schedules

    async def schedule(self, schedule_id: int) -> CommCheckSchedule | None:
        return await self.session.get(CommCheckSchedule, schedule_id)

    async def schedules(self, active_only: bool = True) -> Sequence[CommCheckSchedule]:
        query = select(CommCheckSchedule)
        if active_only:
            query = query.where(CommCheckSchedule.active.is_(True))
        return (await self.session.scalars(query.order_by(CommCheckSchedule.id))).all()

    async def due_schedules(self, now: dt.datetime) -> Sequence[CommCheckSchedule]:
        query = select(CommCheckSchedule).where(
            CommCheckSchedule.active.is_(True), CommCheckSchedule.next_at <= now
        )
        return (await self.session.scalars(query.order_by(CommCheckSchedule.id))).all()

    async def advance_schedule(
        self, schedule_id: int, was: dt.datetime, following: dt.datetime | None, now: dt.datetime
    ) -> bool:
        """Move a schedule from the run at ``was`` to the next one: True for the one caller that did."""
        done = await self.session.execute(
            update(CommCheckSchedule)
            .where(CommCheckSchedule.id == schedule_id, CommCheckSchedule.next_at == was)
            .values(next_at=following, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    # ----------------------------------------------------------------------------------- pings

    async def release_stale(self, worker: str, now: dt.datetime) -> int:
        """Pings claimed by a process that is gone: due again (sent with the same Discord nonce and
        e-mail Message-ID, so that a receiver drops a repeat)."""
        done = await self.session.execute(
            update(CommCheckPing)
            .where(
                CommCheckPing.status == PingStatus.claimed.value,
                or_(CommCheckPing.claimed_by.is_(None), CommCheckPing.claimed_by != worker),
            )
            .values(status=PingStatus.pending.value, claimed_by=None, next_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(done.rowcount or 0)  # type: ignore[attr-defined]

    async def claim(
        self, now: dt.datetime, worker: str, limit: int, channels: Sequence[str] | None = None
    ) -> list[CommCheckPing]:
        """Claim due pings of open checks on ``channels``: one statement, only rows still pending."""
        due = (
            select(CommCheckPing.id)
            .join(CommCheck, CommCheck.id == CommCheckPing.check_id)
            .where(
                CommCheckPing.status == PingStatus.pending.value,
                CommCheckPing.next_at <= now,
                CommCheck.status == CheckStatus.open.value,
            )
            .order_by(CommCheckPing.next_at, CommCheckPing.id)
            .limit(limit)
        )
        if channels is not None:
            due = due.where(CommCheckPing.channel.in_(list(channels)))
        taken = await self.session.scalars(
            update(CommCheckPing)
            .where(CommCheckPing.id.in_(due), CommCheckPing.status == PingStatus.pending.value)
            .values(
                status=PingStatus.claimed.value,
                claimed_by=worker,
                claimed_at=now,
                attempts=CommCheckPing.attempts + 1,
                updated_at=now,
            )
            .returning(CommCheckPing)
            .execution_options(synchronize_session=False)
        )
        return sorted(taken.all(), key=lambda p: (p.next_at, p.id))

    async def withdraw(self, ping_ids: Sequence[int], note: str, now: dt.datetime, worker: str) -> None:
        if not ping_ids:
            return
        await self.session.execute(
            update(CommCheckPing)
            .where(CommCheckPing.id.in_(list(ping_ids)), CommCheckPing.claimed_by == worker)
            .values(status=PingStatus.withdrawn.value, note=note, claimed_by=None, updated_at=now)
            .execution_options(synchronize_session=False)
        )

    async def targets_by_id(self, ids: Iterable[int]) -> dict[int, CommCheckTarget]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await self.session.scalars(select(CommCheckTarget).where(CommCheckTarget.id.in_(wanted)))
        return {t.id: t for t in rows.all()}

    async def checks_by_id(self, ids: Iterable[int]) -> dict[int, CommCheck]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await self.session.scalars(select(CommCheck).where(CommCheck.id.in_(wanted)))
        return {c.id: c for c in rows.all()}

    async def add_tokens(self, rows: Sequence[CommAckToken]) -> None:
        self.session.add_all(rows)
        await self.session.flush()

    async def finish(self, results: Sequence[PingResult], worker: str) -> None:
        """Record what happened to claimed pings (only rows this worker still holds)."""
        if not results:
            return
        table = CommCheckPing.__table__
        params = [
            {
                "_id": r.ping_id,
                "_status": r.status,
                "_sent_at": r.at if r.status == PingStatus.sent.value else None,
                "_next_at": r.next_at or r.at,
                "_error": r.error,
                "_note": r.note,
                "_updated_at": r.at,
            }
            for r in results
        ]
        statement = (
            update(table)
            .where(
                table.c.id == bindparam("_id"),
                table.c.status == PingStatus.claimed.value,
                table.c.claimed_by == worker,
            )
            .values(
                status=bindparam("_status"),
                sent_at=bindparam("_sent_at", type_=UTCDateTime()),
                next_at=bindparam("_next_at", type_=UTCDateTime()),
                error=bindparam("_error"),
                note=func.coalesce(bindparam("_note"), table.c.note),
                claimed_by=None,
                updated_at=bindparam("_updated_at", type_=UTCDateTime()),
            )
        )
        await self.session.execute(statement, params, execution_options={"synchronize_session": False})

    async def next_ping_at(self) -> dt.datetime | None:
        query = (
            select(func.min(CommCheckPing.next_at))
            .join(CommCheck, CommCheck.id == CommCheckPing.check_id)
            .where(
                CommCheckPing.status == PingStatus.pending.value, CommCheck.status == CheckStatus.open.value
            )
        )
        return (await self.session.execute(query)).scalar()

    # ----------------------------------------------------------------------------------- acknowledging

    async def ping(self, ping_id: int) -> CommCheckPing | None:
        return await self.session.get(CommCheckPing, ping_id)

    async def peek_token(self, digest: str, now: dt.datetime) -> int | None:
        """The ping of a usable token (not used, its check still taking answers), without spending it."""
        query = (
            select(CommAckToken.ping_id)
            .join(CommCheckPing, CommCheckPing.id == CommAckToken.ping_id)
            .join(CommCheck, CommCheck.id == CommCheckPing.check_id)
            .where(
                CommAckToken.token_hash == digest,
                CommAckToken.used_at.is_(None),
                CommCheck.status.in_(LIVE),
                CommCheck.expires_at > now,
            )
        )
        return (await self.session.execute(query)).scalar()

    async def token_ping(self, digest: str, now: dt.datetime) -> tuple[CommCheckPing, CommCheck] | None:
        """The ping and check of a usable token (not used, its check still taking answers), in one query,
        without spending it."""
        query = (
            select(CommCheckPing, CommCheck)
            .join(CommAckToken, CommAckToken.ping_id == CommCheckPing.id)
            .join(CommCheck, CommCheck.id == CommCheckPing.check_id)
            .where(
                CommAckToken.token_hash == digest,
                CommAckToken.used_at.is_(None),
                CommCheck.status.in_(LIVE),
                CommCheck.expires_at > now,
            )
        )
        found = (await self.session.execute(query)).first()
        return (found[0], found[1]) if found else None

    async def spend(self, digest: str, now: dt.datetime) -> bool:
        """Mark a token used (once: True for the one caller that did)."""
        done = await self.session.execute(
            update(CommAckToken)
            .where(CommAckToken.token_hash == digest, CommAckToken.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    async def acked_at(self, target_id: int) -> dt.datetime | None:
        return (
            await self.session.execute(
                select(CommCheckTarget.acked_at).where(CommCheckTarget.id == target_id)
            )
        ).scalar()

    async def contacts_by_id(self, ids: Iterable[int]) -> dict[int, Contact]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await self.session.scalars(select(Contact).where(Contact.id.in_(wanted)))
        return {c.id: c for c in rows.all()}

    async def stale_contacts(self, before: dt.date) -> Sequence[Contact]:
        """Contacts not confirmed since ``before`` (or never)."""
        query = (
            select(Contact)
            .join(Country, Contact.country_id == Country.id)
            .where(or_(Contact.last_verified.is_(None), Contact.last_verified < before))
        )
        return (await self.session.scalars(query.order_by(Country.name, Contact.type, Contact.id))).all()

    async def mark_verified(self, contact_id: int, day: dt.date, now: dt.datetime) -> None:
        await self.session.execute(
            update(Contact)
            .where(Contact.id == contact_id)
            .values(last_verified=day, updated_at=now)
            .execution_options(synchronize_session=False)
        )

    async def corrections(self, status: str = CorrectionStatus.pending.value) -> Sequence[ContactCorrection]:
        query = select(ContactCorrection).where(ContactCorrection.status == status)
        return (await self.session.scalars(query.order_by(ContactCorrection.id))).all()

    async def correction(self, correction_id: int) -> ContactCorrection | None:
        return await self.session.get(ContactCorrection, correction_id)

    async def decide(self, correction_id: int, status: str, actor: str, now: dt.datetime) -> bool:
        done = await self.session.execute(
            update(ContactCorrection)
            .where(
                ContactCorrection.id == correction_id,
                ContactCorrection.status == CorrectionStatus.pending.value,
            )
            .values(status=status, decided_by=actor, decided_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    async def use_token(self, digest: str, now: dt.datetime) -> int | None:
        """Spend a token of a check still taking answers: its ping id, or None (unknown, used, expired)."""
        live = (
            select(CommCheckPing.id)
            .join(CommCheck, CommCheck.id == CommCheckPing.check_id)
            .where(CommCheck.status.in_(LIVE), CommCheck.expires_at > now)
        )
        found = await self.session.execute(
            update(CommAckToken)
            .where(
                CommAckToken.token_hash == digest,
                CommAckToken.used_at.is_(None),
                CommAckToken.ping_id.in_(live),
            )
            .values(used_at=now)
            .returning(CommAckToken.ping_id)
            .execution_options(synchronize_session=False)
        )
        return found.scalar()

    async def acknowledge(self, target_id: int, now: dt.datetime, channel: str, ping_id: int) -> bool:
        """The first acknowledgement of a target wins; later ones change nothing."""
        done = await self.session.execute(
            update(CommCheckTarget)
            .where(CommCheckTarget.id == target_id, CommCheckTarget.acked_at.is_(None))
            .values(acked_at=now, ack_channel=channel, ack_ping_id=ping_id)
            .execution_options(synchronize_session=False)
        )
        return bool(done.rowcount)  # type: ignore[attr-defined]

    async def target(self, target_id: int) -> CommCheckTarget | None:
        return await self.session.get(CommCheckTarget, target_id)

    async def refresh(self, row: Any) -> None:
        await self.session.refresh(row)

"""The dispatcher's lease and its fencing epoch: the database refuses an old epoch's claims, confirmations
and results, and hands a claimed row to a new leader only once the epoch that claimed it is over."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import delete, insert, select, update

from bot.reminders.delivery import Outcome
from bot.reminders.leadership import PgLease
from bot.services.principal import Principal
from storage.models import LeaderLease, ReminderDelivery

UTC = dt.UTC
ANA = Principal("console:ana", "ana")
LATE = dt.timedelta(minutes=1)


async def _lease(app, epoch: int, expires: dt.datetime) -> None:
    async with app.db.begin() as session:
        await session.execute(delete(LeaderLease))
        await session.execute(
            insert(LeaderLease).values(
                name="reminders", owner=f"o{epoch}", epoch=epoch, expires_at=expires, renewed_at=expires
            )
        )


async def _row(app) -> ReminderDelivery:
    async with app.db() as session:
        return (await session.scalars(select(ReminderDelivery))).one()


def _clock_of(backend, later: dt.datetime) -> dt.datetime:
    """The clock the fence reads: the server's on PostgreSQL, the `now` given on SQLite."""
    return dt.datetime.now(UTC) if backend.name == "postgres" else later


async def test_the_database_refuses_an_old_epoch(app, now, backend):
    await app.reminders.remind_me(ANA, "in 1 hour", "fenced", now)
    later = now + dt.timedelta(hours=1)
    clock = _clock_of(backend, later)
    await _lease(app, 1, clock + dt.timedelta(hours=1))
    assert (
        await app.reminders.claim_due(later, "b", late_after=LATE, epoch=2)
    ).outgoing == []  # not its lease
    (message,) = (await app.reminders.claim_due(later, "a", late_after=LATE, epoch=1)).outgoing
    row = await _row(app)
    assert row.status == "claimed" and row.claim_epoch == 1
    # The lease of epoch 1 runs out: it may no longer confirm a send.
    async with app.db.begin() as session:
        await session.execute(update(LeaderLease).values(expires_at=clock - dt.timedelta(seconds=1)))
    assert await app.reminders.confirm([message.delivery_id], later, epoch=1) == []
    # Epoch 2 takes the lease and the row (never sent: its note says so), then claims it.
    await _lease(app, 2, clock + dt.timedelta(hours=1))
    assert await app.reminders.release_stale("b", later, epoch=2, confirms=True) == 1
    row = await _row(app)
    assert row.status == "pending" and row.claim_epoch is None and "before sending it" in row.note
    (again,) = (await app.reminders.claim_due(later, "b", late_after=LATE, epoch=2)).outgoing
    # The old leader's result is refused; the new one's is recorded.
    await app.reminders.finish([Outcome(message.delivery_id, "sent", later)], "a", epoch=1)
    assert (await _row(app)).status == "claimed"
    assert await app.reminders.confirm([again.delivery_id], later, epoch=2) == [again.delivery_id]
    await app.reminders.finish([Outcome(again.delivery_id, "sent", later)], "b", epoch=2)
    row = await _row(app)
    assert row.status == "sent" and row.claim_epoch is None and row.sending_at is None and row.attempts == 2


async def test_a_row_that_was_being_sent_is_sent_again_and_says_so(app, now, backend):
    await app.reminders.remind_me(ANA, "in 1 hour", "in doubt", now)
    later = now + dt.timedelta(hours=1)
    clock = _clock_of(backend, later)
    await _lease(app, 1, clock + dt.timedelta(hours=1))
    (message,) = (await app.reminders.claim_due(later, "a", late_after=LATE, epoch=1)).outgoing
    assert await app.reminders.confirm([message.delivery_id], later, epoch=1) == [message.delivery_id]
    assert (await _row(app)).sending_at is not None
    await _lease(app, 2, clock + dt.timedelta(hours=1))  # epoch 1 was cut off before recording
    assert await app.reminders.release_stale("b", later, epoch=2, confirms=True) == 1
    row = await _row(app)
    assert row.status == "pending" and "sent again" in row.note and "repeat is possible" in row.note


@pytest.mark.postgres
async def test_lease_taken_only_after_it_ran_out_with_the_next_epoch(backend, db_url):
    if backend.name != "postgres":
        pytest.skip("the lease runs on PostgreSQL (SQLite keeps its lock file)")
    a, b = PgLease(db_url, "owner-a", 1.0), PgLease(db_url, "owner-b", 1.0)
    try:
        assert await a.acquire() and a.epoch is not None
        first = a.epoch
        assert not await b.acquire()  # held
        assert a.valid() and await a.renew()
        await asyncio.sleep(0.8)
        assert not a.valid()  # its own clock: less than a quarter of the lease left -> no more sending
        assert not await b.acquire()  # but the server's lease has not run out yet
        await asyncio.sleep(0.4)
        assert await b.acquire() and b.epoch == first + 1
        assert not await a.renew() and a.epoch is None  # the old leader learns it at its next renewal
        await b.release()
        assert await a.acquire() and a.epoch == first + 2  # a clean release: no wait
    finally:
        await a.release()
        await b.release()

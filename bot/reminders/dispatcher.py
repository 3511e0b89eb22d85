"""The reminder dispatcher: one process claims due deliveries, sends them, records the result.

- The tables are the truth (bot/reminders/planning.py). APScheduler only wakes the dispatcher: one
  ``date`` job per moment at which deliveries are due (id ``reminders:wake:<epoch ms>``, kwargs hold the
  dispatcher's id and the moment, never objects; ``replace_existing``), plus the poll job
  (``reminders:poll``) that re-plans changed events and picks up rows written by other processes.
  Every job is rebuilt from the tables when a process becomes the dispatcher.
- Only one process dispatches (bot/reminders/leadership.py): on PostgreSQL the holder of a lease with a
  fencing epoch (``CBMBOT_REMINDER_LEASE_SECONDS`` long, renewed every quarter of it), on SQLite the
  holder of an ``fcntl`` lock on a file beside the database. The dispatcher has its own engine whose
  connections have bounded waits (storage/leases.py SERVER_SETTINGS, client TCP timeouts).
- A delivery is claimed under the lease (pending -> claimed with the epoch, only if still pending), and
  at its moment confirmed under the lease (``sending_at``), sent, then marked ``sent``/``late`` (only
  if that epoch still holds the row); rate limits and server errors are retried with exponential
  backoff, a closed DM gives a neutral note in the guild's reminder channel, and after the last attempt
  the row is ``failed``
  with the reason. Deliveries claimed by a process that died are sent again by the next dispatcher
  (on Discord with the same nonce, which Discord uses to drop the repeat).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.reminders.delivery import Outcome
from bot.reminders.leadership import Leadership, leadership_for, why
from bot.reminders.senders import Outgoing, RecipientUnavailable, Sender, SendError, closed_dm_note
from bot.scheduler import poll_every, remove_jobs, worker_id
from storage.engine import make_engine, make_sessionmaker
from storage.leases import SERVER_SETTINGS
from storage.models import DeliveryStatus

if TYPE_CHECKING:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.app import App

log = logging.getLogger(__name__)
# One line per wake job would drown the log: APScheduler speaks only of problems.
logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
logging.getLogger("apscheduler.scheduler").setLevel(logging.WARNING)

HORIZON = dt.timedelta(minutes=10)  # wake jobs exist for moments up to this far ahead
MAX_WAKE_JOBS = 20_000
# Deliveries are claimed this long before their moment and sent by a timer exactly at it, so that the
# database round trips do not make them late. (A claimed row no longer follows edits of its event.)
PREFETCH = dt.timedelta(milliseconds=500)  # wake jobs fire this long before a moment
CLAIM_AHEAD = dt.timedelta(milliseconds=1000)  # a claim takes what falls due within this
RECHECK = 0.25  # seconds: a wake for a moment already claimed only re-checks for rows added since
CLAIM_BATCH = 500
SEND_CONCURRENCY = 50
POLL_JOB = "reminders:poll"
WAKE_PREFIX = "reminders:wake:"

# ------------------------------------------------------------------------------------------- dispatcher

_DISPATCHERS: dict[str, ReminderDispatcher] = {}


async def wake(dispatcher: str, at: str) -> None:
    """The APScheduler job: wake dispatcher ``dispatcher`` for the moment ``at`` (ISO 8601)."""
    found = _DISPATCHERS.get(dispatcher)
    if found is None:
        return
    await found.woken(dt.datetime.fromisoformat(at))


async def poll(dispatcher: str) -> None:
    """The APScheduler poll job: re-plan changed events and schedule wakes for new rows."""
    found = _DISPATCHERS.get(dispatcher)
    if found is not None:
        await found.poll()


class ReminderDispatcher:
    def __init__(
        self,
        app: App,
        scheduler: AsyncIOScheduler,
        *,
        sender: Callable[[], Sender | None] | None = None,
        leadership: Leadership | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> None:
        settings = app.settings
        self.app = app
        self.service = app.reminders
        self.scheduler = scheduler
        self.clock = clock or app.now
        self._sender = sender or (lambda: app.reminder_sender)
        self.poll_seconds = settings.reminder_poll_seconds
        self.lease_seconds = settings.reminder_lease_seconds
        self.retry_base = settings.reminder_retry_seconds
        self.max_attempts = settings.reminder_max_attempts
        self.late_after = dt.timedelta(seconds=settings.reminder_late_seconds)
        self.renew_seconds = self.lease_seconds / 4  # renewals, and a standby's tries
        self.id = worker_id()
        self.leadership = leadership or leadership_for(
            str(settings.database_url), self.id, self.lease_seconds, app.db
        )
        self._fenced = False  # True once leading under an epoch: claims, sends and results carry it
        self._term: int | None = None
        self._announced = False  # "stands by" said once
        self._confirms = False  # confirm rows under the lease just before sending (PostgreSQL, once started)
        self._engine: AsyncEngine | None = None
        self.leader = False
        self._halt = False  # set while stepping down: finish the batch in hand, claim no more
        self._kick = asyncio.Event()
        self._stopping = asyncio.Event()
        self._wakes: set[int] = set()
        self._polled_at: dt.datetime | None = None  # when the tables were last read for wake moments
        self._horizon: dt.datetime | None = None  # wake jobs exist for every moment up to here
        self._tasks: list[asyncio.Task[None]] = []
        self._loop_task: asyncio.Task[None] | None = None
        self._finisher_task: asyncio.Task[None] | None = None
        self._inflight: set[asyncio.Task[None]] = set()
        self._outcomes: list[Outcome] = []
        self._recorded = asyncio.Event()
        self._claimed_until: dt.datetime | None = None  # every row due by then was claimed
        self._recheck: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._gate = asyncio.Semaphore(SEND_CONCURRENCY)
        self.sent = 0  # counters for logs and the benchmark

    def leads(self) -> bool:
        """True while this process leads and its lease (or lock) is still good by its own clock: what other
        leader-only work (the communication checks' pings) asks before it claims or sends."""
        return self.leader and self.may_send()

    # --------------------------------------------------------------------------------- life cycle

    async def start(self) -> None:
        _DISPATCHERS[self.id] = self
        url = str(self.app.settings.database_url)
        # PostgreSQL: each moment's rows are confirmed under the lease just before they go out. SQLite: the
        # lock file on this host is the truth, and a write at the moment of sending could wait on an import.
        self._confirms = make_url(url).get_backend_name() == "postgresql"
        if self._confirms:
            # Connections of its own, every wait bounded, so a silent network cannot hold it for long.
            self._engine = make_engine(
                url, bounded=SERVER_SETTINGS, pool_size=2, max_overflow=4, pool_timeout=5
            )
            db = make_sessionmaker(self._engine)  # (planning reads countries too: through these connections)
            knowledge = type(self.app.knowledge)(db)
            self.service = type(self.app.reminders)(db, knowledge, self.app.reminders.default_zone)
        self._tasks.append(asyncio.create_task(self._elect(), name="reminders-election"))

    async def stop(self) -> None:
        self._stopping.set()
        await self._step_down()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        _DISPATCHERS.pop(self.id, None)
        if self._engine is not None:
            # Bounded, and without waiting on a close that may never finish (a connection cut mid-query).
            closing = asyncio.ensure_future(self._engine.dispose())
            done, _ = await asyncio.wait({closing}, timeout=3)
            if not done:
                log.warning("reminders: could not close the dispatcher's database connections in time")
            self._engine = None
        log.info("reminders: dispatcher stopped")

    async def _elect(self) -> None:
        """Take the lease when it is free; renew it while leading; step down when it is lost."""
        while not self._stopping.is_set():
            try:
                if not self.leader:
                    if await self.leadership.acquire():
                        await self._take_over()
                    elif not self._announced:
                        self._announced = True
                        log.info("reminders: standing by, the lease is held elsewhere (this is %s)", self.id)
                elif not await self.leadership.renew():
                    log.warning("reminders: lost the dispatcher lease; standing by")
                    await self._step_down()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("reminders: election failed (%s); trying again", why(exc))
                if self.leader and not self.leadership.valid():
                    await self._step_down()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self.renew_seconds)

    @property
    def epoch(self) -> int | None:
        """The epoch this process leads (or last led) under; None outside an election. Claims, confirms
        and results carry it, and the database checks it."""
        return self._term if self._fenced else None

    def may_send(self) -> bool:
        """By this process's own clock, is the lease still ours (always, outside an election)?"""
        return not self._fenced or self.leadership.valid()

    async def _take_over(self) -> None:
        now = self.clock()
        self._fenced, self._term = True, self.leadership.epoch
        try:
            released = await self.service.release_stale(
                self.id, now, epoch=self.epoch, confirms=self._confirms
            )
        except BaseException:
            await self.leadership.release()
            raise
        planned = await self.service.reconcile(now)
        self._clear_wakes()
        poll_every(
            self.scheduler, "bot.reminders.dispatcher:poll", POLL_JOB, self.poll_seconds, dispatcher=self.id
        )
        count = await self._schedule_wakes(now)
        self._start_dispatching()
        self._kick.set()  # whatever fell due while no process was dispatching
        log.info(
            "reminders: this process (%s) dispatches; %d wake jobs rebuilt from the tables, "
            "%d events re-planned, %d interrupted deliveries due again (epoch %s)",
            self.id, count, planned, released, self.epoch,
        )  # fmt: skip

    async def _step_down(self) -> None:
        was = self.leader
        self.leader = False
        self._halt = True
        with contextlib.suppress(ValueError):
            self.app.reminders.listeners.remove(self.nudge)
        if self._loop_task is not None:
            # Let the sends in hand finish and record their results; cancel only what is stuck.
            # Bounded: cut off from the database, recording may never finish (those rows stay claimed by
            # this epoch; the next leader sends them once the lease has run out).
            self._kick.set()
            bound = max(2.0, self.lease_seconds / 2)
            try:
                await asyncio.wait_for(asyncio.shield(self._loop_task), timeout=bound)
                await asyncio.wait_for(self._settle(), timeout=bound)
            except (TimeoutError, asyncio.CancelledError, Exception) as exc:
                log.warning("reminders: could not finish the deliveries in hand (%s)", why(exc))
            stuck = [t for t in (self._loop_task, self._finisher_task, *self._inflight) if t and not t.done()]
            for task in stuck:
                task.cancel()
            if stuck:  # a query cut off mid-way may end only when the network answers: not waited for long
                await asyncio.wait(stuck, timeout=1)
            self._loop_task = self._finisher_task = None
        with contextlib.suppress(Exception):
            self.scheduler.remove_job(POLL_JOB)
        self._clear_wakes()
        epoch = self.epoch
        await self.leadership.release()
        if was:
            log.info("reminders: this process stopped dispatching (epoch %s)", epoch)

    def _clear_wakes(self) -> None:
        remove_jobs(self.scheduler, lambda job_id: job_id.startswith(WAKE_PREFIX))
        self._wakes.clear()

    # --------------------------------------------------------------------------------- waking

    async def _schedule_wakes(self, now: dt.datetime, *, full: bool = True) -> int:
        until = now + HORIZON
        if full or self._polled_at is None or self._horizon is None:
            moments = await self.service.wake_times(now, until, MAX_WAKE_JOBS)
        else:  # a poll: rows written since the last one (with a margin), and the horizon moving on
            moments = await self.service.wake_times(
                now,
                until,
                MAX_WAKE_JOBS,
                changed_since=self._polled_at - dt.timedelta(seconds=30),  # slow commits elsewhere
                after=self._horizon,
            )
        self._polled_at = now
        if len(moments) < MAX_WAKE_JOBS:
            self._horizon = until
        elif moments:  # capped: the next poll continues from the last moment scheduled
            self._horizon = moments[-1]
        added = 0
        for moment in moments:
            if moment <= now:
                self._kick.set()
                continue
            ms = int(moment.timestamp() * 1000)
            if ms in self._wakes:
                continue
            self._add_wake(moment, ms)
            added += 1
        return added

    def _add_wake(self, moment: dt.datetime, ms: int) -> None:
        self._wakes.add(ms)
        self.scheduler.add_job(
            "bot.reminders.dispatcher:wake",
            "date",
            run_date=moment - PREFETCH,
            id=f"{WAKE_PREFIX}{ms}",
            kwargs={"dispatcher": self.id, "at": moment.isoformat()},
            replace_existing=True,
            misfire_grace_time=None,
        )

    async def woken(self, at: dt.datetime) -> None:
        self._wakes.discard(int(at.timestamp() * 1000))
        if self._claimed_until is not None and at <= self._claimed_until:
            # Claimed already (a claim reaches further ahead than a wake): one deferred look for rows
            # written since, instead of a claim per moment.
            if self._recheck is None or self._recheck.done():
                self._recheck = asyncio.get_running_loop().create_task(self._kick_later(RECHECK))
            return
        self._kick.set()

    async def _kick_later(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._kick.set()

    def nudge(self) -> None:
        """Rows were written in this process: schedule their wakes now rather than at the next poll."""
        if self.leader:
            self._kick.set()
            task = asyncio.get_running_loop().create_task(self._schedule_quietly())
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def _schedule_quietly(self) -> None:
        with contextlib.suppress(Exception):
            await self._schedule_wakes(self.clock(), full=False)

    async def poll(self) -> None:
        if not self.leader:
            return
        now = self.clock()
        try:
            await self.service.reconcile(now)
            await self._schedule_wakes(now, full=False)
        except Exception as exc:
            log.warning("reminders: poll failed (%s); next poll in %.0f s", why(exc), self.poll_seconds)

    # --------------------------------------------------------------------------------- delivering

    def _start_dispatching(self) -> None:
        self.leader, self._halt = True, False
        self._claimed_until = None
        self.app.reminders.listeners.append(self.nudge)
        self._loop_task = asyncio.create_task(self._loop(), name="reminders-dispatch")
        self._finisher_task = asyncio.create_task(self._finisher(), name="reminders-record")

    async def _loop(self) -> None:
        """Claim what falls due (shortly ahead of time) whenever woken; a timer task sends each one."""
        backoff = 0.25
        while self.leader and not self._stopping.is_set():
            await self._kick.wait()
            self._kick.clear()
            if not self.leader or self._stopping.is_set():
                return
            try:
                await self._claim_all()
                backoff = 0.25
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database is away: keep trying, nothing is lost
                log.warning("reminders: cannot dispatch now (%s); retrying in %.1f s", why(exc), backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)
                self._kick.set()

    async def _claim_all(self) -> int:
        handled = 0
        while not self._stopping.is_set() and not self._halt and self.may_send():
            sender = self._sender()
            ready = getattr(sender, "ready", None)
            if sender is None or (ready is not None and not ready()):  # e.g. Discord still connecting
                await asyncio.sleep(1)
                self._kick.set()
                return handled
            now = self.clock()
            claimed = await self.service.claim_due(
                now,
                self.id,
                limit=CLAIM_BATCH,
                late_after=self.late_after,
                ahead=CLAIM_AHEAD,
                epoch=self.epoch,
            )
            if len(claimed.outgoing) < CLAIM_BATCH:
                self._claimed_until = now + CLAIM_AHEAD
            if claimed.missed:
                log.warning("reminders: %d deliveries were missed (too late to be useful)", claimed.missed)
            count = len(claimed.outgoing) + claimed.missed + claimed.withdrawn
            if not count:
                return handled
            handled += count
            moments: dict[dt.datetime | None, list[Outgoing]] = {}
            for message in claimed.outgoing:
                moments.setdefault(message.at, []).append(message)
            for at, messages in moments.items():
                task = asyncio.create_task(self._send_at(sender, at, messages))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
        return handled

    async def _send_at(self, sender: Sender, at: dt.datetime | None, messages: list[Outgoing]) -> None:
        """At the moment: confirm the rows under the lease, send those confirmed, keep the results."""
        for _ in range(3):  # again if the timer fired a little early: never before the moment
            ahead = (at - self.clock()).total_seconds() if at is not None else 0.0
            if ahead <= 0:
                break
            await asyncio.sleep(ahead + 0.001)
        ids = [m.delivery_id for m in messages]
        confirmed = await self._confirm(ids) if self._confirms else (set(ids) if self.may_send() else set())
        if not confirmed:
            return
        go = [m for m in messages if m.delivery_id in confirmed]
        results = await asyncio.gather(*(self._send_one(sender, m) for m in go))
        self._outcomes.extend(results)
        self._recorded.set()

    async def _confirm(self, ids: list[int]) -> set[int]:
        """The ids the database lets this epoch send now; none once the lease is gone by our own clock.
        Rows not confirmed stay claimed by this epoch (retried here while the lease holds, else sent by
        the next leader)."""
        for attempt in range(40):
            if not self.may_send() or self._stopping.is_set():
                break
            try:
                found = await asyncio.wait_for(
                    self.service.confirm(ids, self.clock(), epoch=self.epoch), timeout=self.renew_seconds + 1
                )
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning(
                    "reminders: cannot confirm %d deliveries (%s); attempt %d",
                    len(ids),
                    why(exc),
                    attempt + 1,
                )
                await asyncio.sleep(0.25)
                continue
            if not self.may_send():  # the answer came too late to act on
                break
            if len(found) < len(ids):
                log.warning(
                    "reminders: %d deliveries are no longer this process's to send", len(ids) - len(found)
                )
            return set(found)
        log.warning(
            "reminders: %d deliveries left for the next dispatcher (lease lost or stopping)", len(ids)
        )
        return set()

    async def _finisher(self) -> None:
        """Record results in batches, apart from sending, so that recording never delays a send."""
        while True:
            await self._recorded.wait()
            self._recorded.clear()
            try:
                await self._flush()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # kept in memory and recorded once the database answers
                log.warning("reminders: cannot record results now (%s); retrying", why(exc))
                await asyncio.sleep(0.5)
                self._recorded.set()

    async def _flush(self) -> None:
        while self._outcomes:
            batch, self._outcomes = self._outcomes, []
            try:
                log.debug("reminders: recording %d results", len(batch))
                await self.service.finish(batch, self.id, epoch=self.epoch)
                log.debug("reminders: recorded %d results", len(batch))
            except BaseException:
                self._outcomes = batch + self._outcomes
                raise
            for outcome in batch:
                if outcome.retry_at is not None:
                    self._add_wake(outcome.retry_at, int(outcome.retry_at.timestamp() * 1000))

    async def _settle(self) -> None:
        """Wait for the sends in flight and record every result."""
        if self._inflight:
            await asyncio.gather(*list(self._inflight), return_exceptions=True)
        await self._flush()

    async def drain(self) -> int:
        """Claim, send and record everything due now; return how many deliveries were handled."""
        handled = 0
        while True:
            count = await self._claim_all()
            await self._settle()
            if not count or self._halt:
                return handled + count
            handled += count

    async def _send_one(self, sender: Sender, message: Outgoing) -> Outcome:
        async with self._gate:
            return await self._attempt(sender, message)

    async def _attempt(self, sender: Sender, message: Outgoing) -> Outcome:
        done = DeliveryStatus.late.value if message.late else DeliveryStatus.sent.value
        try:
            try:
                await sender.send(message)
                self.sent += 1
                return Outcome(message.delivery_id, done, self.clock())
            except RecipientUnavailable as exc:
                if not message.fallback_channel_id:
                    return Outcome(
                        message.delivery_id,
                        DeliveryStatus.failed.value,
                        self.clock(),
                        error=f"{exc}; no guild reminder channel to post it in instead",
                    )
                await sender.send(closed_dm_note(message))
                self.sent += 1
                return Outcome(
                    message.delivery_id,
                    done,
                    self.clock(),
                    note=f"{exc}; a neutral note (not the text) posted in channel "
                    f"{message.fallback_channel_id}",
                )
        except SendError as exc:
            return self._retry_or_fail(message, exc, exc.retryable, exc.retry_after)
        except Exception as exc:  # an unexpected transport error: retried like a server error
            log.exception("reminders: sending delivery %s failed", message.delivery_id)
            return self._retry_or_fail(message, exc, True, None)

    def _retry_or_fail(
        self, message: Outgoing, exc: BaseException, retryable: bool, retry_after: float | None
    ) -> Outcome:
        now = self.clock()
        reason = f"{type(exc).__name__}: {exc}"
        if not retryable or message.attempts >= self.max_attempts:
            tried = f" after {message.attempts} attempts" if retryable else ""
            return Outcome(
                message.delivery_id, DeliveryStatus.failed.value, now, error=f"gave up{tried}: {reason}"
            )
        delay = max(retry_after or 0.0, self.retry_base * 2 ** (message.attempts - 1))
        retry_at = now + dt.timedelta(seconds=delay)
        log.info("reminders: delivery %s will be retried in %.1f s (%s)", message.delivery_id, delay, reason)
        return Outcome(
            message.delivery_id, DeliveryStatus.pending.value, now, error=reason, retry_at=retry_at
        )

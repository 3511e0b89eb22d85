"""The reminder dispatcher: one process claims due deliveries, sends them, records the result.

- The tables are the truth (bot/reminders/planning.py). APScheduler only wakes the dispatcher: one
  ``date`` job per moment at which deliveries are due (id ``reminders:wake:<epoch ms>``, kwargs hold the
  dispatcher's id and the moment, never objects; ``replace_existing``), plus the poll job
  (``reminders:poll``) that re-plans changed events and picks up rows written by other processes.
  Every job is rebuilt from the tables when a process becomes the dispatcher.
- Only one process dispatches: on PostgreSQL the holder of a session advisory lock, on SQLite the holder
  of an ``fcntl`` lock on a file beside the database. The kernel or the server frees the lock when the
  process dies; a standby retries every ``CBMBOT_REMINDER_LEASE_SECONDS`` and takes over.
- A delivery is claimed in a transaction (pending -> claimed, only if still pending), sent, then marked
  ``sent``/``late``; rate limits and server errors are retried with exponential backoff, a closed DM falls
  back to the guild's reminder channel with a note, and after the last attempt the row is ``failed``
  with the reason. Deliveries claimed by a process that died are sent again by the next dispatcher
  (on Discord with the same nonce, which Discord uses to drop the repeat).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy.engine import URL, make_url

from bot.reminders.delivery import Outcome
from bot.reminders.senders import Outgoing, RecipientUnavailable, Sender, SendError
from storage.models import DeliveryStatus

if TYPE_CHECKING:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.app import App

log = logging.getLogger(__name__)
# One line per wake job would drown the log: APScheduler speaks only of problems.
logging.getLogger("apscheduler.executors.default").setLevel(logging.WARNING)
logging.getLogger("apscheduler.scheduler").setLevel(logging.WARNING)

PG_LOCK_KEY = 0x63626D72656D  # "cbmrem": the advisory lock of the reminder dispatcher
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

# ------------------------------------------------------------------------------------------- leadership


class Leadership(Protocol):
    async def acquire(self) -> bool: ...

    async def alive(self) -> bool: ...

    async def release(self) -> None: ...


class FileLock:
    """SQLite: an exclusive ``fcntl`` lock on a file beside the database, freed by the kernel at exit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    async def acquire(self) -> bool:
        import fcntl

        if self.fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return True

    async def alive(self) -> bool:
        return self.fd is not None

    async def release(self) -> None:
        if self.fd is not None:
            import fcntl

            with contextlib.suppress(OSError):
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


class AdvisoryLock:
    """PostgreSQL: a session advisory lock on a connection of its own; the server frees it when the
    connection ends (the process died or the network is gone)."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = make_url(url)
        self.timeout = timeout
        self.connection: Any = None

    async def acquire(self) -> bool:
        import asyncpg

        if self.connection is not None:
            return True
        connection = await asyncio.wait_for(
            asyncpg.connect(**lock_connect_args(self.url)), timeout=self.timeout
        )
        try:
            got = await asyncio.wait_for(
                connection.fetchval("SELECT pg_try_advisory_lock($1)", PG_LOCK_KEY), timeout=self.timeout
            )
        except BaseException:
            await _close_quietly(connection)
            raise
        if not got:
            await _close_quietly(connection)
            return False
        self.connection = connection
        return True

    async def alive(self) -> bool:
        if self.connection is None:
            return False
        try:
            await asyncio.wait_for(self.connection.fetchval("SELECT 1"), timeout=self.timeout)
        except Exception:
            await self.release()
            return False
        return True

    async def release(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            await _close_quietly(connection)


def lock_connect_args(url: URL) -> dict[str, Any]:
    """asyncpg.connect's arguments for the database URL, read as SQLAlchemy reads it for the engine
    (query options such as ?ssl=require or ?host=/run/postgresql included)."""
    from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg

    args, kwargs = PGDialect_asyncpg().create_connect_args(url)
    if args:
        raise ValueError(f"unexpected positional connect arguments for {url.render_as_string()}")
    return dict(kwargs)


async def _close_quietly(connection: Any) -> None:
    try:
        await asyncio.wait_for(connection.close(), timeout=2)
    except Exception:
        connection.terminate()


def leadership_for(database_url: str, timeout: float) -> Leadership:
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return AdvisoryLock(database_url, timeout)
    database = url.database or ""
    if not database or database == ":memory:":
        return FileLock(Path(os.environ.get("TMPDIR", "/tmp")) / f"cbmbot-reminders-{os.getpid()}.lock")
    return FileLock(Path(database + ".reminders.lock"))


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
        self.leadership = leadership or leadership_for(
            str(settings.database_url), max(1.0, self.lease_seconds)
        )
        self.id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
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

    # --------------------------------------------------------------------------------- life cycle

    async def start(self) -> None:
        _DISPATCHERS[self.id] = self
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

    async def _elect(self) -> None:
        """Become the dispatcher when the lock is free; step down when it is lost."""
        while not self._stopping.is_set():
            try:
                if not self.leader:
                    if await self.leadership.acquire():
                        await self._take_over()
                elif not await self.leadership.alive():
                    log.warning("reminders: lost the dispatcher lock; standing by")
                    await self._step_down()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("reminders: election failed (%s); trying again", exc)
                if self.leader:
                    await self._step_down()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self.lease_seconds)

    async def _take_over(self) -> None:
        now = self.clock()
        released = await self.service.release_stale(self.id, now)
        planned = await self.service.reconcile(now)
        self._clear_wakes()
        self.scheduler.add_job(
            "bot.reminders.dispatcher:poll",
            "interval",
            seconds=self.poll_seconds,
            id=POLL_JOB,
            kwargs={"dispatcher": self.id},
            replace_existing=True,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
        count = await self._schedule_wakes(now)
        self._start_dispatching()
        self._kick.set()  # whatever fell due while no process was dispatching
        log.info(
            "reminders: this process (%s) dispatches; %d wake jobs rebuilt from the tables, "
            "%d events re-planned, %d interrupted deliveries due again",
            self.id, count, planned, released,
        )  # fmt: skip

    async def _step_down(self) -> None:
        was = self.leader
        self.leader = False
        self._halt = True
        with contextlib.suppress(ValueError):
            self.service.listeners.remove(self.nudge)
        if self._loop_task is not None:
            # Let the sends in hand finish and record their results; cancel only what is stuck.
            self._kick.set()
            try:
                await asyncio.wait_for(asyncio.shield(self._loop_task), timeout=10)
                await asyncio.wait_for(self._settle(), timeout=10)
            except (TimeoutError, asyncio.CancelledError, Exception) as exc:
                log.warning("reminders: could not finish the deliveries in hand (%s)", exc)
            for task in (self._loop_task, self._finisher_task, *self._inflight):
                if task is not None and not task.done():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
            self._loop_task = self._finisher_task = None
        with contextlib.suppress(Exception):
            self.scheduler.remove_job(POLL_JOB)
        self._clear_wakes()
        await self.leadership.release()
        if was:
            log.info("reminders: this process stopped dispatching")

    def _clear_wakes(self) -> None:
        for job in list(self.scheduler.get_jobs()):
            if job.id.startswith(WAKE_PREFIX):
                with contextlib.suppress(Exception):
                    job.remove()
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
            log.warning("reminders: poll failed (%s); next poll in %.0f s", exc, self.poll_seconds)

    # --------------------------------------------------------------------------------- delivering

    def _start_dispatching(self) -> None:
        self.leader, self._halt = True, False
        self._claimed_until = None
        self.service.listeners.append(self.nudge)
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
                log.warning("reminders: cannot dispatch now (%s); retrying in %.1f s", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)
                self._kick.set()

    async def _claim_all(self) -> int:
        handled = 0
        while not self._stopping.is_set() and not self._halt:
            sender = self._sender()
            ready = getattr(sender, "ready", None)
            if sender is None or (ready is not None and not ready()):  # e.g. Discord still connecting
                await asyncio.sleep(1)
                self._kick.set()
                return handled
            now = self.clock()
            claimed = await self.service.claim_due(
                now, self.id, limit=CLAIM_BATCH, late_after=self.late_after, ahead=CLAIM_AHEAD
            )
            if len(claimed.outgoing) < CLAIM_BATCH:
                self._claimed_until = now + CLAIM_AHEAD
            if claimed.missed:
                log.warning("reminders: %d deliveries were missed (too late to be useful)", claimed.missed)
            count = len(claimed.outgoing) + claimed.missed + claimed.withdrawn
            if not count:
                return handled
            handled += count
            for message in claimed.outgoing:
                task = asyncio.create_task(self._deliver(sender, message))
                self._inflight.add(task)
                task.add_done_callback(self._inflight.discard)
        return handled

    async def _deliver(self, sender: Sender, message: Outgoing) -> None:
        outcome = await self._send_one(sender, message)
        self._outcomes.append(outcome)  # (not `append(await …)`: the list is swapped while it waits)
        self._recorded.set()

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
                log.warning("reminders: cannot record results now (%s); retrying", exc)
                await asyncio.sleep(0.5)
                self._recorded.set()

    async def _flush(self) -> None:
        while self._outcomes:
            batch, self._outcomes = self._outcomes, []
            try:
                log.debug("reminders: recording %d results", len(batch))
                await self.service.finish(batch, self.id)
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
        if message.at is not None:
            ahead = (message.at - self.clock()).total_seconds()
            if ahead > 0:
                await asyncio.sleep(ahead)
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
                fallback = dataclasses.replace(
                    message,
                    target=f"channel:{message.fallback_channel_id}",
                    instead_of=message.user_key,
                    role_id=None,
                )
                await sender.send(fallback)
                self.sent += 1
                return Outcome(
                    message.delivery_id,
                    done,
                    self.clock(),
                    note=f"{exc}; posted in channel {message.fallback_channel_id} instead",
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

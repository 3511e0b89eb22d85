"""The ping dispatcher: on the process that dispatches reminders (and only there), run the checks' due steps
and claim -> send -> record their pings.

- The tables are the truth (storage/commchecks.py). APScheduler only wakes the dispatcher: an interval job
  (``commchecks:poll``) and one ``date`` job per coming step, scheduled run or retry
  (``commchecks:wake:<epoch ms>``), rebuilt from the tables whenever this process becomes the leader.
- Leadership is the reminders' (one hook, ``leads``): the runner passes a function that asks the reminder
  dispatcher whether this process leads. A process that stops leading finishes the sends in hand and
  claims nothing more; the next leader makes pings claimed by a process that is gone due again (sent
  with the same Discord nonce and e-mail Message-ID, so receivers drop a repeat).
- Each ping is claimed in one statement (pending -> claimed), sent by its channel's sender, and recorded
  (``sent``, or ``failed`` with the reason); a refusal (closed DM, refused address) is final, anything
  that may pass (rate limit, timeout, connection lost) is retried with exponential backoff. A failure is
  recorded for that contact and channel and never stops the check.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from bot.commchecks.delivery import PingError, PingSender
from bot.commchecks.service import PingMessage
from bot.scheduler import poll_every, remove_jobs, worker_id
from storage.commchecks import PingResult
from storage.models import PingStatus

if TYPE_CHECKING:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from bot.app import App

log = logging.getLogger(__name__)

POLL_JOB = "commchecks:poll"
WAKE_PREFIX = "commchecks:wake:"
HORIZON = dt.timedelta(minutes=10)
CLAIM_BATCH = 200
SEND_CONCURRENCY = 50
NOT_READY_DELAY = 5.0  # seconds: a channel whose transport is not connected is tried again after this

_DISPATCHERS: dict[str, CommCheckDispatcher] = {}


async def wake(dispatcher: str) -> None:
    """The APScheduler jobs' target: wake the dispatcher (kwargs hold its id, never objects)."""
    found = _DISPATCHERS.get(dispatcher)
    if found is not None:
        found.kick()


class CommCheckDispatcher:
    def __init__(
        self,
        app: App,
        scheduler: AsyncIOScheduler | None,
        *,
        leads: Callable[[], bool],
        clock: Callable[[], dt.datetime] | None = None,
        poll_seconds: float | None = None,
    ) -> None:
        settings = app.settings
        self.app = app
        self.service = app.commchecks
        self.scheduler = scheduler
        self.leads = leads
        self.clock = clock or app.now
        self.poll_seconds = poll_seconds or settings.reminder_poll_seconds
        self.retry_base = settings.reminder_retry_seconds
        self.max_attempts = settings.reminder_max_attempts
        self.id = worker_id("ping-")
        self.leader = False
        self._kick = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._gate = asyncio.Semaphore(SEND_CONCURRENCY)
        self._wakes: set[int] = set()
        self.sent = 0  # counters for logs and the benchmark
        self.last_sent_at: dt.datetime | None = None

    # --------------------------------------------------------------------------------- life cycle

    async def start(self) -> None:
        _DISPATCHERS[self.id] = self
        self.service.listeners.append(self.kick)
        if self.scheduler is not None:
            poll_every(
                self.scheduler,
                "bot.commchecks.dispatch:wake",
                POLL_JOB,
                self.poll_seconds,
                dispatcher=self.id,
            )
        self._task = asyncio.create_task(self._loop(), name="commchecks-dispatch")

    async def stop(self) -> None:
        self._stopping.set()
        self._kick.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), timeout=10)
            except (TimeoutError, asyncio.CancelledError, Exception):
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await self._task
            self._task = None
        with contextlib.suppress(ValueError):
            self.service.listeners.remove(self.kick)
        self._clear_jobs()
        _DISPATCHERS.pop(self.id, None)

    def kick(self) -> None:
        self._kick.set()

    def _clear_jobs(self) -> None:
        if self.scheduler is None:
            return
        remove_jobs(self.scheduler, lambda job_id: job_id.startswith(WAKE_PREFIX) or job_id == POLL_JOB)
        self._wakes.clear()

    async def _loop(self) -> None:
        backoff = 0.25
        while not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._kick.wait(), timeout=self.poll_seconds)
            self._kick.clear()
            if self._stopping.is_set():
                return
            try:
                await self.step()
                backoff = 0.25
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database is away: nothing is lost, try again
                log.warning("commchecks: cannot dispatch now (%s); retrying in %.1f s", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                self._kick.set()

    # --------------------------------------------------------------------------------- work

    async def step(self) -> int:
        """One round: if this process leads, run due steps, send due pings, schedule the next wakes."""
        if not self.leads():
            if self.leader:
                log.info("commchecks: this process no longer dispatches pings")
                self.leader = False
                self._clear_wakes()
            return 0
        now = self.clock()
        if not self.leader:
            released = await self.service.release_stale(self.id, now)
            self.leader = True
            log.info("commchecks: this process dispatches pings (%d interrupted pings due again)", released)
        handled = await self.drain()
        await self._schedule_wakes(self.clock())
        return handled

    async def drain(self) -> int:
        """Run due steps, then claim, send and record every due ping until none is left."""
        handled = await self.service.advance(self.clock())
        while not self._stopping.is_set():
            channels = self._ready_channels()
            if not channels:
                break
            claimed = await self.service.claim(self.clock(), self.id, CLAIM_BATCH, channels=channels)
            if not claimed:
                break
            results = await asyncio.gather(*(self._send(m) for m in claimed))
            await self.service.finish(results, self.id)
            handled += len(claimed)
        return handled

    def _senders(self) -> dict[str, Any]:
        return dict(getattr(self.app, "ping_senders", {}) or {})

    def _ready_channels(self) -> list[str]:
        ready = []
        for channel, sender in self._senders().items():
            check = getattr(sender, "ready", None)
            if sender is not None and (check is None or check()):
                ready.append(channel)
        return ready

    async def _send(self, message: PingMessage) -> PingResult:
        sender: PingSender | None = self._senders().get(message.channel)
        async with self._gate:
            try:
                if sender is None:
                    raise PingError(f"no {message.channel} transport is running", retry_after=NOT_READY_DELAY)
                await sender.send(message)
            except PingError as exc:
                return self._retry_or_fail(message, exc, exc.retryable, exc.retry_after)
            except Exception as exc:  # an unexpected transport error: retried like a server error
                log.exception("commchecks: sending ping %s failed", message.ping_id)
                return self._retry_or_fail(message, exc, True, None)
        now = self.clock()
        self.sent += 1
        self.last_sent_at = now
        return PingResult(message.ping_id, PingStatus.sent.value, now)

    def _retry_or_fail(
        self, message: PingMessage, exc: BaseException, retryable: bool, retry_after: float | None
    ) -> PingResult:
        now = self.clock()
        reason = str(exc) or type(exc).__name__
        if not retryable or message.attempts >= self.max_attempts:
            tried = f"gave up after {message.attempts} attempts: " if retryable else ""
            return PingResult(message.ping_id, PingStatus.failed.value, now, error=f"{tried}{reason}")
        delay = max(retry_after or 0.0, self.retry_base * 2 ** (message.attempts - 1))
        log.info("commchecks: ping %s will be retried in %.1f s (%s)", message.ping_id, delay, reason)
        return PingResult(
            message.ping_id,
            PingStatus.pending.value,
            now,
            next_at=now + dt.timedelta(seconds=delay),
            error=reason,
        )

    # --------------------------------------------------------------------------------- waking

    def _clear_wakes(self) -> None:
        if self.scheduler is None:
            return
        remove_jobs(self.scheduler, lambda job_id: job_id.startswith(WAKE_PREFIX))
        self._wakes.clear()

    async def _schedule_wakes(self, now: dt.datetime) -> None:
        if self.scheduler is None:
            return
        for moment in await self.service.wake_moments(now, now + HORIZON):
            ms = int(moment.timestamp() * 1000)
            if ms in self._wakes:
                continue
            self._wakes.add(ms)
            self.scheduler.add_job(
                "bot.commchecks.dispatch:wake",
                "date",
                run_date=moment,
                id=f"{WAKE_PREFIX}{ms}",
                kwargs={"dispatcher": self.id},
                replace_existing=True,
                misfire_grace_time=None,
            )
        passed = {ms for ms in self._wakes if ms < int(now.timestamp() * 1000)}
        self._wakes -= passed

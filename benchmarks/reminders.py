"""Reminder dispatch: lateness against a bare asyncio timer, restore time at start, peak RSS.

    .venv/bin/python benchmarks/reminders.py [--count 10000] [--window 60] [--restore 100000]
                                             [--database URL]

1. Lateness: ``--count`` reminders due at random moments within ``--window`` seconds are delivered by
   the real dispatcher (APScheduler wake jobs, claim/send/record transactions on the database) to a
   sender that notes how late each call came. The baseline, in the same run and on the same loop, is a
   bare ``loop.call_at`` timer per moment doing nothing but noting its own lateness. p50, p99 and max of
   both, and the difference at p99 (goal: within 50 ms).
2. Restore: ``--restore`` pending deliveries are in the tables; the time a process takes from getting the
   dispatcher lock to having re-planned, released stale claims and rebuilt its wake jobs (goal: < 5 s).
   Twice: spread over 30 days, and all due within the next 10 minutes (the worst case for job count).
3. Peak RSS of the process.

The default database is a temporary SQLite file; ``--database postgresql+asyncpg://…/db`` uses an empty
PostgreSQL database (it is migrated; its reminder tables are emptied first).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import delete, insert

from bot.app import App
from bot.reminders.dispatcher import ReminderDispatcher
from bot.settings import Settings
from storage.migrate import upgrade
from storage.models import Reminder, ReminderDelivery

UTC = dt.UTC


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]


def row(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"{name:<28} n={len(ms):>6}  p50={pct(ms, 50):8.2f} ms  p99={pct(ms, 99):8.2f} ms  "
        f"max={max(ms):8.2f} ms  mean={statistics.fmean(ms):7.2f} ms"
    )


async def fill(app: App, dues: list[dt.datetime], now: dt.datetime) -> None:
    """Personal reminders and their pending deliveries, written in bulk."""
    async with app.db.begin() as session:
        await session.execute(delete(ReminderDelivery))
        await session.execute(delete(Reminder))
    chunk = 5000
    next_id = 1
    for start in range(0, len(dues), chunk):
        part = dues[start : start + chunk]
        ids = list(range(next_id, next_id + len(part)))
        next_id += len(part)
        async with app.db.begin() as session:
            await session.execute(
                insert(Reminder),
                [
                    {"id": i, "kind": "personal_free", "user_key": f"bench:{i % 997}", "due_at": d,
                     "text": f"benchmark reminder {i}", "offsets": [], "active": True, "created_at": now,
                     "updated_at": now}
                    for i, d in zip(ids, part, strict=True)
                ],
            )  # fmt: skip
            await session.execute(
                insert(ReminderDelivery),
                [
                    {"reminder_id": i, "occurrence": "once", "target": f"user:bench:{i % 997}", "due_at": d,
                     "next_at": d, "useful_until": d + dt.timedelta(days=1), "status": "pending",
                     "attempts": 0, "created_at": now, "updated_at": now}
                    for i, d in zip(ids, part, strict=True)
                ],
            )  # fmt: skip


class Recorder:
    def __init__(self) -> None:
        self.lateness: list[float] = []

    async def send(self, message) -> None:
        self.lateness.append((dt.datetime.now(UTC) - message.due_at).total_seconds())


class NoLock:
    epoch = None

    async def acquire(self) -> bool:
        return True

    async def renew(self) -> bool:
        return True

    def valid(self, margin: float = 0.0) -> bool:
        return True

    async def release(self) -> None:
        return None


async def baseline(count: int, window: float, lead: float) -> list[float]:
    """A bare asyncio timer per moment: how late does the loop itself call back?"""
    loop = asyncio.get_running_loop()
    wall0, mono0 = time.time(), loop.time()
    done = asyncio.Event()
    late: list[float] = []

    def fire(due_wall: float) -> None:
        late.append(time.time() - due_wall)
        if len(late) == count:
            done.set()

    for _ in range(count):
        due_wall = wall0 + lead + random.uniform(0, window)
        loop.call_at(mono0 + (due_wall - wall0), fire, due_wall)
    await asyncio.wait_for(done.wait(), timeout=lead + window + 60)
    return late


async def dispatched(app: App, count: int, window: float, lead: float) -> tuple[list[float], float]:
    now = dt.datetime.now(UTC)
    start = now + dt.timedelta(seconds=lead)
    dues = sorted(start + dt.timedelta(seconds=random.uniform(0, window)) for _ in range(count))
    await fill(app, dues, now)
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start()
    recorder = Recorder()
    dispatcher = ReminderDispatcher(app, scheduler, sender=lambda: recorder, leadership=NoLock())
    t0 = time.perf_counter()
    await dispatcher.start()
    while not dispatcher.leader:  # noqa: ASYNC110  (polling is the measurement)
        await asyncio.sleep(0.01)
    took = time.perf_counter() - t0
    deadline = time.monotonic() + lead + window + 120
    while len(recorder.lateness) < count and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.2)
    await dispatcher.stop()
    scheduler.shutdown(wait=False)
    if len(recorder.lateness) < count:
        raise SystemExit(f"only {len(recorder.lateness)} of {count} reminders were delivered")
    return recorder.lateness, took


async def restore(app: App, count: int, spread: dt.timedelta) -> tuple[float, int]:
    now = dt.datetime.now(UTC)
    lead = dt.timedelta(seconds=30)  # nothing falls due while measuring
    dues = [now + lead + spread * random.random() for _ in range(count)]
    await fill(app, dues, now)
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start()
    dispatcher = ReminderDispatcher(app, scheduler, sender=lambda: Recorder(), leadership=NoLock())
    t0 = time.perf_counter()
    await dispatcher.start()
    while not dispatcher.leader:  # noqa: ASYNC110  (polling is the measurement)
        await asyncio.sleep(0.001)
    took = time.perf_counter() - t0
    jobs = sum(1 for j in scheduler.get_jobs() if j.id.startswith("reminders:wake:"))
    await dispatcher.stop()
    scheduler.shutdown(wait=False)
    return took, jobs


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000, help="reminders in the lateness test")
    parser.add_argument("--window", type=float, default=60.0, help="seconds within which they fall due")
    parser.add_argument("--restore", type=int, default=100_000, help="pending deliveries to restore")
    parser.add_argument("--database", help="SQLAlchemy async URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    random.seed(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="cbmbot-bench-"))
    url = args.database or f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    await asyncio.to_thread(upgrade, url)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        CBMBOT_DATABASE_URL=url,
        CBMBOT_DATA_DIR=folder,
        CBMBOT_REMINDER_LATE_SECONDS=3600,
    )
    app = App(settings)
    lead = 5.0
    print(f"database: {app.engine.url.render_as_string()}")
    print(f"lateness: {args.count} reminders due within {args.window:g} s (they start {lead:g} s from now)")
    try:
        base = await baseline(args.count, args.window, lead)
        ours, _ = await dispatched(app, args.count, args.window, lead)
        print(row("bare asyncio timer", base))
        print(row("reminder dispatcher", ours))
        gap = (pct(ours, 99) - pct(base, 99)) * 1000
        print(f"p99 difference: {gap:.2f} ms (goal: within 50 ms) -> {'OK' if gap <= 50 else 'MISSED'}")
        print(f"p99 ratio dispatcher/baseline: {pct(ours, 99) / max(pct(base, 99), 1e-6):.1f}x")
        for label, spread in (("spread over 30 days", dt.timedelta(days=30)),
                              ("all due within 10 minutes", dt.timedelta(minutes=9))):  # fmt: skip
            took, jobs = await restore(app, args.restore, spread)
            verdict = "OK" if took < 5 else "MISSED"
            print(
                f"restore {args.restore} pending ({label}): {took:.3f} s, {jobs} wake jobs "
                f"(goal: < 5 s) -> {verdict}"
            )
    finally:
        await app.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS: {peak / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

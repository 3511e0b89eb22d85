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

    .venv/bin/python benchmarks/reminders.py --partition --database postgresql+asyncpg://…/db [--runs 5]

Faults of the leader, two dispatchers in this process (the leader reaches PostgreSQL through a loopback
proxy, tests/netproxy.py; the standby directly), each fault ``--runs`` times, the lease as configured
(``CBMBOT_REMINDER_LEASE_SECONDS``, default 8 s): a silent partition (blackhole both ways) and the
lease session killed with pg_terminate_backend. Printed: p50/max of the takeover time (fault -> the
standby leads; "kept" when the leader renewed its lease on a new connection instead) and of the
lateness of a reminder due 0.2 s after the fault, beside the lease length; and that every reminder was
delivered exactly once and none early.

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


async def fault_run(url: str, folder: Path, fault: str, lease: float) -> tuple[float | None, float, bool]:
    """One fault: (takeover seconds or None when the leader kept its lease, lateness of the reminder due
    0.2 s after the fault, exactly once and not early)."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from bot.services.principal import Principal
    from tests.netproxy import Proxy

    parsed = make_url(url)
    proxy = Proxy(parsed.host or "127.0.0.1", parsed.port or 5432)
    await proxy.up()
    via = parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    seen: list[tuple[str, int, dt.datetime]] = []

    class Sink:
        def __init__(self, name: str) -> None:
            self.name = name

        async def send(self, message) -> None:  # type: ignore[no-untyped-def]
            seen.append((self.name, message.delivery_id, dt.datetime.now(dt.UTC)))

    def settings(database: str) -> Settings:
        return Settings(_env_file=None, CBMBOT_DATABASE_URL=database, CBMBOT_DATA_DIR=folder,  # type: ignore[call-arg]
                        CBMBOT_REMINDER_LEASE_SECONDS=lease, CBMBOT_REMINDER_POLL_SECONDS=1)  # fmt: skip

    apps = [App(settings(via)), App(settings(url))]
    schedulers = [AsyncIOScheduler(timezone="UTC") for _ in apps]
    dispatchers = [
        ReminderDispatcher(a, s, sender=lambda n=n: Sink(n))
        for a, s, n in zip(apps, schedulers, "LS", strict=True)
    ]
    try:
        for scheduler in schedulers:
            scheduler.start()
        await dispatchers[0].start()
        while not dispatchers[0].leader:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        await dispatchers[1].start()
        await asyncio.sleep(1)
        now = apps[1].now()
        at = now + dt.timedelta(seconds=2)
        dues = {}
        for i, offset in enumerate((-1.0, 0.2, 1.0, lease * 1.5 + 2)):
            reminder = await apps[1].reminders.remind_me(
                Principal(f"cli:b{i}", "b"), (at + dt.timedelta(seconds=offset)).isoformat(), "x", now
            )
            dues[reminder.id] = at + dt.timedelta(seconds=offset)
        await asyncio.sleep(max(0.0, (at - apps[1].now()).total_seconds()))
        cut = time.monotonic()
        if fault == "partition":
            proxy.blackhole()
        else:
            async with apps[1].engine.connect() as connection:
                await connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :n"
                    ),
                    {"n": dispatchers[0].leadership.application_name},
                )  # type: ignore[attr-defined]
        takeover = None
        while time.monotonic() - cut < max(dues.values()).timestamp() - at.timestamp() + 4:
            if takeover is None and dispatchers[1].leader:
                takeover = time.monotonic() - cut
            await asyncio.sleep(0.02)
        proxy.heal()
        await asyncio.sleep(1)
    finally:
        for dispatcher in dispatchers:
            await dispatcher.stop()
        for scheduler in schedulers:
            scheduler.shutdown(wait=False)
        await proxy.close()
        for app in apps:
            await app.close()
    check = App(settings(url))
    try:
        rows = {r.id: r for r in await check.reminders.deliveries()}
    finally:
        await check.close()
    by_delivery = {row.id: dues[row.reminder_id] for row in rows.values() if row.reminder_id in dues}
    counts = {d: sum(1 for _, i, _ in seen if i == d) for d in by_delivery}
    early = any(when < by_delivery[d] for _, d, when in seen if d in by_delivery)
    second = sorted(by_delivery, key=lambda d: by_delivery[d])[1]
    late = min(
        ((when - by_delivery[second]).total_seconds() for _, d, when in seen if d == second),
        default=float("inf"),
    )
    return takeover, late, all(n == 1 for n in counts.values()) and not early


async def partition(url: str, runs: int) -> int:
    from sqlalchemy import delete as sql_delete

    from storage.models import LeaderLease, Reminder

    lease = Settings(_env_file=None, CBMBOT_DATABASE_URL=url).reminder_lease_seconds  # type: ignore[call-arg]
    folder = Path(tempfile.mkdtemp(prefix="cbmbot-bench-"))
    print(
        f"lease: {lease:g} s (renewed every {lease / 4:g} s; a cut-off leader stops after {lease * 0.75:g} s)"
    )
    ok = True
    for fault in ("partition", "kill-lease-session"):
        takeovers, lates = [], []
        for _ in range(runs):
            app = App(Settings(_env_file=None, CBMBOT_DATABASE_URL=url))  # type: ignore[call-arg]
            async with app.db.begin() as session:
                await session.execute(sql_delete(Reminder))
                await session.execute(sql_delete(LeaderLease))
            await app.close()
            takeover, late, once = await fault_run(url, folder, fault, lease)
            ok = ok and once
            takeovers.append(takeover)
            lates.append(late)
        taken = [t for t in takeovers if t is not None]
        kept = len(takeovers) - len(taken)
        took = f"takeover p50 {pct(taken, 50):.2f} s, max {max(taken):.2f} s" if taken else "no takeover"
        print(f"{fault}: {took} ({kept}/{runs} kept by the leader); reminder due 0.2 s after the fault: "
              f"late p50 {pct(lates, 50):.2f} s, max {max(lates):.2f} s; lease {lease:g} s")  # fmt: skip
    print(f"every reminder exactly once, none early: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=10_000, help="reminders in the lateness test")
    parser.add_argument("--window", type=float, default=60.0, help="seconds within which they fall due")
    parser.add_argument("--restore", type=int, default=100_000, help="pending deliveries to restore")
    parser.add_argument("--database", help="SQLAlchemy async URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--partition", action="store_true", help="leader faults on PostgreSQL (see above)")
    parser.add_argument("--runs", type=int, default=5, help="runs per fault with --partition")
    args = parser.parse_args()
    random.seed(args.seed)
    if args.partition:
        if not (args.database or "").startswith("postgresql"):
            parser.error("--partition needs --database postgresql+asyncpg://…")
        await asyncio.to_thread(upgrade, args.database)
        return await partition(args.database, args.runs)
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

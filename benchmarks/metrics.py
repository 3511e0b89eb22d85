"""The cost of a /metrics scrape as the reminder table grows, against /healthz in the same run.

    .venv/bin/python benchmarks/metrics.py [--rows 10000 100000] [--repeat 15] [--database URL]

For each size, ``--rows`` reminder deliveries (half sent at random lateness, the rest pending) are written
in bulk, then the median time of ``--repeat`` scrapes over real HTTP on 127.0.0.1 is measured for
``GET /healthz`` (the baseline: one `SELECT 1`), ``GET /metrics`` while the table does not change (counts
by status from the index; the lateness histogram reused), and ``GET /metrics`` after one more delivery was
recorded as sent before each request (the histogram recomputed over the sent rows). Prints the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from aiohttp import web
from sqlalchemy import delete, insert, update

from bot.app import App
from bot.settings import Settings
from calendars.web import make_web_app
from storage.migrate import upgrade
from storage.models import Reminder, ReminderDelivery

UTC = dt.UTC


async def fill(app: App, count: int, now: dt.datetime) -> None:
    async with app.db.begin() as session:
        await session.execute(delete(ReminderDelivery))
        await session.execute(delete(Reminder))
    rng = random.Random(7)
    chunk = 5000
    for start in range(0, count, chunk):
        ids = range(start + 1, min(count, start + chunk) + 1)
        dues = {i: now - dt.timedelta(seconds=rng.randint(0, 86400 * 30)) for i in ids}
        late = {i: dt.timedelta(seconds=rng.expovariate(1 / 20)) for i in ids}
        async with app.db.begin() as session:
            await session.execute(
                insert(Reminder),
                [
                    {"id": i, "kind": "personal_free", "user_key": f"bench:{i % 997}", "due_at": dues[i],
                     "text": f"benchmark {i}", "offsets": [], "active": i % 2 == 0, "created_at": now,
                     "updated_at": now}
                    for i in ids
                ],
            )  # fmt: skip
            await session.execute(
                insert(ReminderDelivery),
                [
                    {"reminder_id": i, "occurrence": "once", "target": f"user:bench:{i % 997}",
                     "due_at": dues[i], "next_at": dues[i], "useful_until": dues[i] + dt.timedelta(days=1),
                     "status": "sent" if i % 2 else "pending", "attempts": 1 if i % 2 else 0,
                     "sent_at": dues[i] + late[i] if i % 2 else None, "created_at": now, "updated_at": now}
                    for i in ids
                ],
            )  # fmt: skip


async def median_get(http: aiohttp.ClientSession, url: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        async with http.get(url) as response:
            await response.read()
            assert response.status == 200, response.status
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--database", help="an empty PostgreSQL database URL (default: temporary SQLite)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cbmbot-bench-metrics-"))
    url = args.database or f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    await asyncio.to_thread(upgrade, url)
    settings = Settings(_env_file=None, CBMBOT_DATABASE_URL=url, CBMBOT_DATA_DIR=folder)  # type: ignore[call-arg]
    app = App(settings)
    runner = web.AppRunner(make_web_app(app), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    print(f"database: {app.engine.dialect.name}; median of {args.repeat} requests each")
    try:
        async with aiohttp.ClientSession() as http:
            for rows in args.rows:
                await fill(app, rows, dt.datetime.now(UTC))
                await median_get(http, base + "/metrics", 2)  # warm up
                health = await median_get(http, base + "/healthz", args.repeat)
                steady = await median_get(http, base + "/metrics", args.repeat)
                changed = []
                for n in range(args.repeat):
                    async with app.db.begin() as session:
                        await session.execute(
                            update(ReminderDelivery)
                            .where(ReminderDelivery.id == 2 * (n + 1))
                            .values(status="sent", sent_at=ReminderDelivery.due_at)
                        )
                    changed.append(await median_get(http, base + "/metrics", 1))
                fresh = statistics.median(changed)
                print(
                    f"{rows:>8} deliveries  /healthz {health * 1000:7.2f} ms  "
                    f"/metrics unchanged {steady * 1000:7.2f} ms ({steady / health:5.1f}x)  "
                    f"after a send {fresh * 1000:7.2f} ms ({fresh / health:5.1f}x)"
                )
    finally:
        await runner.cleanup()
        await app.close()


if __name__ == "__main__":
    asyncio.run(main())

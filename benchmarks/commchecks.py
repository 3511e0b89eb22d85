"""Communication checks: fan-out time over 1,000 contacts and acknowledgement latency under 50 concurrent
clicks, beside the reminders' figures measured in the same run.

    .venv/bin/python benchmarks/commchecks.py [--contacts 1000] [--clicks 1000] [--concurrency 50]
                                              [--database URL]

1. Fan-out: ``--contacts`` points of contact, half with a Discord id and an e-mail address, half with one
   of them. A check is started and the real dispatcher (claim -> send -> record) delivers every ping: the
   Discord DMs to an in-memory stand-in, the e-mails to a real local SMTP server (aiosmtpd). Measured:
   time from the start command to the last ping recorded as sent. Beside it: the reminder dispatcher
   delivering as many reminder deliveries, all due at once, to an in-memory sender (time from taking the
   lead to the last one sent), on the same database.
2. Acknowledgements: ``--clicks`` acknowledgement links opened by ``--concurrency`` concurrent clients
   over real HTTP (``GET /ack/{token}``, whose answers take at least ACK_MIN_SECONDS on purpose, so that
   valid and invalid tokens cannot be told apart by time); p50/p99 of the HTTP round trip and of the
   recording itself (the service call under the same concurrency). Baseline: ``GET /healthz`` (one
   database round trip) under the same concurrency.

The default database is a temporary SQLite file; ``--database postgresql+asyncpg://…/db`` uses an empty
PostgreSQL database (migrated and seeded here).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import resource
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
from aiosmtpd.controller import Controller
from sqlalchemy import delete, insert, select

from benchmarks.reminders import NoLock, fill, pct
from bot.app import App
from bot.commchecks.dispatch import CommCheckDispatcher
from bot.reminders.dispatcher import ReminderDispatcher
from bot.services.principal import OPERATOR
from bot.settings import Settings
from calendars.web import ACK_MIN_SECONDS, WebServer
from storage.migrate import upgrade
from storage.models import CommCheck, Contact, Country

UTC = dt.UTC


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def row(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"{name:<34} n={len(ms):>5}  p50={pct(ms, 50):8.2f} ms  p99={pct(ms, 99):8.2f} ms  "
        f"max={max(ms):8.2f} ms  mean={statistics.fmean(ms):7.2f} ms"
    )


class Sink:
    async def handle_DATA(self, server, session, envelope) -> str:
        return "250 OK"


class MemoryDM:
    """The Discord stand-in: keeps each ping's link (for the click test) and the time it was sent."""

    def __init__(self) -> None:
        self.links: list[str] = []

    async def send(self, message) -> None:
        self.links.append(message.link)


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.last = 0.0

    async def send(self, message) -> None:
        self.count += 1
        self.last = time.perf_counter()


async def directory(app: App, count: int, now: dt.datetime) -> None:
    async with app.db.begin() as session:
        await session.execute(delete(CommCheck))
        await session.execute(delete(Contact))
        countries = list((await session.scalars(select(Country.id).order_by(Country.id))).all())
        await session.execute(
            insert(Contact),
            [
                {"country_id": countries[i % len(countries)], "type": "policy" if i % 2 else "technical",
                 "name": f"Contact {i}", "email": f"poc{i}@example.org" if i % 4 != 3 else None,
                 "discord_user_id": 10_000 + i if i % 4 != 2 else None, "languages": ["en"],
                 "created_at": now, "updated_at": now}
                for i in range(count)
            ],
        )  # fmt: skip


async def fan_out(app: App, contacts: int) -> tuple[float, int, MemoryDM]:
    dm = MemoryDM()
    app.ping_senders["discord"] = dm
    worker = CommCheckDispatcher(app, None, leads=lambda: True)
    t0 = time.perf_counter()
    started = await app.commchecks.start(OPERATOR, app.now(), scope="all", deadline="1d")
    await worker.drain()
    took = time.perf_counter() - t0
    sent = worker.sent
    if sent != started.pings:
        raise SystemExit(f"only {sent} of {started.pings} pings were sent")
    return took, sent, dm


async def reminders_fan_out(app: App, count: int) -> float:
    now = dt.datetime.now(UTC)
    await fill(app, [now] * count, now)
    counter = Counter()
    dispatcher = ReminderDispatcher(app, None, sender=lambda: counter, leadership=NoLock())  # type: ignore[arg-type]
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start()
    dispatcher.scheduler = scheduler
    t0 = time.perf_counter()
    await dispatcher.start()
    deadline = time.monotonic() + 120
    while counter.count < count and time.monotonic() < deadline:  # noqa: ASYNC110  (the measurement)
        await asyncio.sleep(0.005)
    await dispatcher.stop()
    scheduler.shutdown(wait=False)
    if counter.count < count:
        raise SystemExit(f"only {counter.count} of {count} reminders were sent")
    return counter.last - t0


async def clicks(base: str, paths: list[str], concurrency: int) -> list[float]:
    queue: asyncio.Queue[str] = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)
    times: list[float] = []

    async def client(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            path = queue.get_nowait()
            t0 = time.perf_counter()
            async with session.get(base + path) as response:
                await response.read()
                if response.status not in (200, 404):
                    raise SystemExit(f"{path}: HTTP {response.status}")
            times.append(time.perf_counter() - t0)

    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(client(session) for _ in range(concurrency)))
    return times


async def service_clicks(app: App, tokens: list[str], concurrency: int) -> list[float]:
    gate = asyncio.Semaphore(concurrency)
    times: list[float] = []

    async def one(token: str) -> None:
        async with gate:
            t0 = time.perf_counter()
            await app.commchecks.acknowledge_link(token, app.now())
            times.append(time.perf_counter() - t0)

    await asyncio.gather(*(one(t) for t in tokens))
    return times


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=1000)
    parser.add_argument("--clicks", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--database", help="SQLAlchemy async URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    random.seed(5)
    folder = Path(tempfile.mkdtemp(prefix="cbmbot-bench-"))
    url = args.database or f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    await asyncio.to_thread(upgrade, url)
    smtp_port, http_port = free_port(), free_port()
    smtp = Controller(Sink(), hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        CBMBOT_DATABASE_URL=url,
        CBMBOT_DATA_DIR=folder,
        CBMBOT_HTTP_PORT=http_port,
        CBMBOT_SMTP_URL=f"smtp://127.0.0.1:{smtp_port}",
        CBMBOT_REMINDER_LATE_SECONDS=3600,
    )
    app = App(settings)
    web = WebServer(app)
    print(f"database: {app.engine.url.render_as_string()}")
    try:
        await app.reference.seed(app.now())
        await directory(app, args.contacts, app.now())
        took, sent, dm = await fan_out(app, args.contacts)
        reminders = await reminders_fan_out(app, sent)
        print(f"fan-out: {args.contacts} contacts, {sent} pings (Discord stand-in + local SMTP)")
        print(f"  check start -> last ping sent     {took:8.3f} s  ({sent / took:7.0f} pings/s)")
        print(f"  reminders, {sent} due at once      {reminders:8.3f} s  ({sent / reminders:7.0f} sends/s)")
        print(f"  ratio check/reminders: {took / reminders:.2f}x (e-mails go through real SMTP sessions)")

        await web.start()
        base = f"http://127.0.0.1:{http_port}"
        tokens = [link.rsplit("/", 1)[1] for link in dm.links]
        random.shuffle(tokens)
        http_tokens = tokens[: min(args.clicks, len(tokens) // 2)]
        service_tokens = tokens[len(http_tokens) : len(http_tokens) * 2]
        health = await clicks(base, ["/healthz"] * len(http_tokens), args.concurrency)
        acks = await clicks(base, [f"/ack/{t}" for t in http_tokens], args.concurrency)
        recorded = await service_clicks(app, service_tokens, args.concurrency)
        print(f"acknowledgements: {len(http_tokens)} links, {args.concurrency} concurrent clients")
        print(row("GET /healthz (baseline)", health))
        print(row(f"GET /ack/… (floor {ACK_MIN_SECONDS * 1000:.0f} ms)", acks))
        print(row("recording (service call)", recorded))
        print(f"  p99 ratio /ack over /healthz: {pct(acks, 99) / max(pct(health, 99), 1e-6):.1f}x; "
              f"p99 recording {pct(recorded, 99) * 1000:.1f} ms")  # fmt: skip
    finally:
        await web.stop()
        await app.close()
        smtp.stop()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS: {peak / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))

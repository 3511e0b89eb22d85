"""Feed speed, measured against baselines in the same run, printed as ratios.

  (a) requests per second for the cached 1,000-event feed served by `cbmbot run` (aiohttp) against nginx
      serving the very same bytes as a static file, both loaded with wrk (Debian packages `nginx`, `wrk`;
      without them this part is skipped with the command that installs them). Goal: >= 0.8 of nginx.
  (b) the first GET after one edit in a 10,000-event calendar against building the same feed with a plain
      string template from one SQL query (the floor). Goal: <= 3 x the floor.
  (c) a cold build of 10,000 events: time, peak Python memory (tracemalloc) and the longest stall of the
      event loop while it builds.

Run: .venv/bin/python benchmarks/feeds.py [--events 10000] [--feed-events 1000] [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select, text  # noqa: E402

from bot.app import App  # noqa: E402
from bot.services.principal import OPERATOR  # noqa: E402
from bot.settings import Settings  # noqa: E402
from calendars.feeds import FeedCache  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Country, Event, EventCbm, EventCountry, EventStatus  # noqa: E402

ZONES = ["Europe/Vienna", "Europe/Warsaw", "America/New_York", "Asia/Tokyo", "Europe/Chisinau", "UTC"]
KINDS = ["conference", "study_visit", "workshop", "meeting", "training", "other"]
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def settings_for(url: str, data_dir: Path, port: int = 8080) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        CBMBOT_DATABASE_URL=url,
        CBMBOT_DATA_DIR=data_dir,
        CBMBOT_HTTP_PORT=port,
        CBMBOT_PUBLIC_URL="https://cbm.example.org",
    )


async def make_database(folder: Path, name: str, count: int) -> str:
    """A migrated, seeded SQLite database with ``count`` synthetic events more (bulk inserted)."""
    url = f"sqlite+aiosqlite:///{folder / name}"
    await asyncio.to_thread(upgrade, url)
    app = App(settings_for(url, folder), clock=lambda: NOW)
    try:
        await app.reference.seed(NOW)
        async with app.db.begin() as session:
            countries = list((await session.scalars(select(Country.id).limit(40))).all())
            first = (await session.scalar(text("SELECT coalesce(max(id), 0) FROM events"))) + 1
            rows, cbm_rows, country_rows = [], [], []
            for i in range(count):
                start = dt.datetime(2024, 1, 1, 7, 0, tzinfo=dt.UTC) + dt.timedelta(
                    days=i % 1500, hours=i % 10
                )
                all_day = i % 6 == 0
                event_id = first + i
                rows.append(
                    {
                        "id": event_id,
                        "kind": KINDS[i % len(KINDS)],
                        "title": f"Event {i}: workshop on CBM {i % 16 + 1}, Übung; тест",
                        "description": "A synthetic event for the benchmark, with commas, semicolons; "
                        "and a long enough text to need folding in the feed. " * 3,
                        "start_at": start,
                        "end_at": start + (dt.timedelta(days=2) if all_day else dt.timedelta(hours=6)),
                        "timezone": ZONES[i % len(ZONES)],
                        "all_day": all_day,
                        "location": "Hofburg, Vienna",
                        "online": i % 4 == 0,
                        "url": None,
                        "organisers": ["OSCE Secretariat"],
                        "status": ("scheduled", "scheduled", "postponed", "cancelled")[i % 4],
                        "approximate": False,
                        "sequence": 0,
                        "created_at": NOW,
                        "updated_at": NOW,
                    }
                )
                cbm_rows.append({"event_id": event_id, "cbm_number": i % 16 + 1})
                for c in countries[i % 7 : i % 7 + 3]:
                    country_rows.append({"event_id": event_id, "country_id": c})
            await session.execute(insert(Event), rows)
            await session.execute(insert(EventCbm), cbm_rows)
            await session.execute(insert(EventCountry), country_rows)
    finally:
        await app.close()
    return url


# ------------------------------------------------------------------------------------------ floor


def _esc(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


TEMPLATE = (
    "BEGIN:VEVENT\r\nUID:event-{id}@cbm.example.org\r\nDTSTAMP:{stamp}\r\nSEQUENCE:{sequence}\r\n"
    "DTSTART:{start}\r\nDTEND:{end}\r\nSUMMARY:{title}\r\nDESCRIPTION:{description}\r\n"
    "LOCATION:{location}\r\nSTATUS:{status}\r\nEND:VEVENT\r\n"
)


async def floor_build(app: App) -> bytes:
    """The same feed's events from one SQL query and a plain string template (UTC times, no folding)."""
    async with app.db() as session:
        rows = (
            await session.execute(
                select(
                    Event.id, Event.sequence, Event.updated_at, Event.start_at, Event.end_at, Event.title,
                    Event.description, Event.location, Event.status,
                )
                .where(Event.approximate.is_(False))
                .order_by(Event.start_at, Event.id)
            )
        ).all()  # fmt: skip
    fmt = "%Y%m%dT%H%M%SZ"
    parts = ["BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//floor//EN\r\n"]
    for r in rows:
        parts.append(
            TEMPLATE.format(
                id=r.id, stamp=r.updated_at.strftime(fmt), sequence=r.sequence,
                start=r.start_at.strftime(fmt), end=r.end_at.strftime(fmt), title=_esc(r.title),
                description=_esc(r.description), location=_esc(r.location or ""), status=r.status.upper(),
            )
        )  # fmt: skip
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode()


# ------------------------------------------------------------------------------------------ (a) wrk


def wrk_rps(url: str, seconds: int) -> float:
    done = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    )
    match = re.search(r"Requests/sec:\s+([0-9.]+)", done.stdout)
    if not match:
        raise RuntimeError(f"wrk printed no rate:\n{done.stdout}\n{done.stderr}")
    return float(match.group(1))


def wait_http(port: int, path: str, timeout: float = 30.0) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2).read()
            return
        time.sleep(0.2)
    raise RuntimeError(f"nothing answers on port {port}")


def part_a(folder: Path, url: str, seconds: int) -> None:
    missing = [
        tool
        for tool in ("wrk", "nginx")
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists()
    ]
    if missing:
        print(f"(a) skipped: {' and '.join(missing)} not installed; install with "
              f"`apt-get install -y {' '.join(missing)}` (Debian packages)")  # fmt: skip
        return
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    ours_port, nginx_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CBMBOT_") and k != "DISCORD_TOKEN"}
    env.update(CBMBOT_DATABASE_URL=url, CBMBOT_HTTP_PORT=str(ours_port), CBMBOT_DATA_DIR=str(folder),
               CBMBOT_PUBLIC_URL="https://cbm.example.org", CBMBOT_LOG_LEVEL="WARNING")  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--no-console"], env=env, cwd=ROOT,
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    nginx_proc = None
    try:
        wait_http(ours_port, "/healthz")
        import urllib.request

        feed_url = f"http://127.0.0.1:{ours_port}/feeds/events.ics"
        body = urllib.request.urlopen(feed_url, timeout=60).read()
        static = folder / "www"
        static.mkdir(exist_ok=True)
        (static / "events.ics").write_bytes(body)
        os.chmod(folder, 0o755)
        conf = folder / "nginx.conf"
        conf.write_text(
            f"""worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    types {{ text/calendar ics; }}
    etag on;
    client_body_temp_path {folder}/nginx-tmp;
    proxy_temp_path {folder}/nginx-tmp;
    fastcgi_temp_path {folder}/nginx-tmp;
    uwsgi_temp_path {folder}/nginx-tmp;
    scgi_temp_path {folder}/nginx-tmp;
    server {{
        listen 127.0.0.1:{nginx_port};
        location = /feeds/events.ics {{ alias {static}/events.ics; }}
    }}
}}
"""
        )
        nginx_proc = subprocess.Popen(
            [nginx, "-p", str(folder), "-c", str(conf), "-g", "user root;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_http(nginx_port, "/feeds/events.ics")
        events = body.count(b"BEGIN:VEVENT")
        ours = wrk_rps(feed_url, seconds)
        theirs = wrk_rps(f"http://127.0.0.1:{nginx_port}/feeds/events.ics", seconds)
        print(f"(a) cached {events}-event feed ({len(body) / 1024:.0f} KiB), wrk -t2 -c32 -d{seconds}s, "
              "one process each:")  # fmt: skip
        print(f"    cbm-bot (aiohttp) {ours:10.0f} req/s")
        print(f"    nginx static file {theirs:10.0f} req/s")
        print(f"    ratio cbm-bot / nginx = {ours / theirs:.2f}   (goal >= 0.80)")
    finally:
        for proc in (nginx_proc, server):
            if proc is not None:
                proc.terminate()
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=10)
                if proc.poll() is None:
                    proc.kill()


# ------------------------------------------------------------------------------------- (b) and (c)


async def part_b(folder: Path, url: str, rounds: int) -> None:
    import aiohttp
    from aiohttp import web

    from calendars.web import CACHE_KEY, make_web_app

    app = App(settings_for(url, folder), clock=lambda: NOW)
    runner = None
    try:
        web_app = make_web_app(app)
        runner = web.AppRunner(web_app, access_log=None, handle_signals=False)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        feed_url = f"http://127.0.0.1:{port}/feeds/events.ics"
        async with aiohttp.ClientSession(skip_auto_headers=["Accept-Encoding"]) as http:
            async with http.get(feed_url) as response:  # warm: the cached feed exists
                count = (await response.read()).count(b"BEGIN:VEVENT")
            ours, floors = [], []
            ids = (await app.feeds.index(await app.feeds.scope()))[:: max(1, count // rounds)][:rounds]
            for event_id, _, _ in ids:
                current = (await app.events.get(event_id)).status
                status = EventStatus.cancelled if current == "postponed" else EventStatus.postponed
                await app.events.set_status(event_id, status, "benchmark edit", OPERATOR, NOW)
                started = time.perf_counter()
                async with http.get(feed_url) as response:
                    body = await response.read()
                ours.append(time.perf_counter() - started)
                assert body.count(b"BEGIN:VEVENT") == count
                started = time.perf_counter()
                await floor_build(app)
                floors.append(time.perf_counter() - started)
        cache = web_app[CACHE_KEY]
        ours_ms, floor_ms = statistics.median(ours) * 1000, statistics.median(floors) * 1000
        print(f"(b) first GET after one edit, {count}-event calendar, median of {len(ours)} edits:")
        again = cache.serialised - count
        print(f"    cbm-bot GET over HTTP {ours_ms:8.1f} ms  (VEVENTs re-serialised: {again})")
        print(f"    floor: one query + string template {floor_ms:8.1f} ms")
        print(f"    ratio cbm-bot / floor = {ours_ms / floor_ms:.2f}   (goal <= 3)")
    finally:
        if runner is not None:
            await runner.cleanup()
        await app.close()


async def part_c(folder: Path, url: str) -> None:
    app = App(settings_for(url, folder), clock=lambda: NOW)
    try:
        scope = await app.feeds.scope()
        stalls: list[float] = []
        stop = asyncio.Event()

        async def ticker() -> None:
            last = time.perf_counter()
            while not stop.is_set():
                await asyncio.sleep(0.005)
                now = time.perf_counter()
                stalls.append(now - last - 0.005)
                last = now

        tick = asyncio.create_task(ticker())
        started = time.perf_counter()
        built = await FeedCache(app).get(scope)
        cold = time.perf_counter() - started
        stop.set()
        await tick
        floor_started = time.perf_counter()
        await floor_build(app)
        floor = time.perf_counter() - floor_started

        tracemalloc.start()
        await FeedCache(app).get(scope)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"(c) cold build of {built.count} events ({len(built.body) / 1024 / 1024:.1f} MiB of iCalendar):"
        )
        print(f"    time {cold:6.2f} s  (floor {floor:.2f} s, ratio {cold / floor:.1f})")
        print(f"    peak Python memory during the build {peak / 1024 / 1024:.0f} MiB (tracemalloc)")
        print(f"    longest event-loop stall while building {max(stalls) * 1000:.0f} ms "
              f"(median tick delay {statistics.median(stalls) * 1000:.1f} ms)")  # fmt: skip
    finally:
        await app.close()


async def prepare(folder: Path, feed_events: int, events: int) -> tuple[str, str]:
    small = await make_database(folder, "small.sqlite3", feed_events)
    large = await make_database(folder, "large.sqlite3", events)
    return small, large


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000, help="events for (b) and (c)")
    parser.add_argument("--feed-events", type=int, default=1_000, help="synthetic events for (a)")
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per server")
    parser.add_argument("--rounds", type=int, default=5, help="edits measured in (b)")
    parser.add_argument("--only", choices=["a", "b", "c"], action="append", help="run only these parts")
    args = parser.parse_args()
    parts = set(args.only or ["a", "b", "c"])
    with tempfile.TemporaryDirectory(prefix="cbmbot-bench-") as tmp:
        folder = Path(tmp)
        print(f"preparing databases ({args.feed_events} and {args.events} synthetic events + the seed)...")
        small, large = asyncio.run(prepare(folder, args.feed_events, args.events))
        if "a" in parts:
            part_a(folder, small, args.seconds)
        if "b" in parts:
            asyncio.run(part_b(folder, large, args.rounds))
        if "c" in parts:
            asyncio.run(part_c(folder, large))


if __name__ == "__main__":
    main()

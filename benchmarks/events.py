# ruff: noqa: E501
"""Events at scale: p50/p99 of `upcoming`, a filtered list and a fuzzy search over 10,000 events, each
beside the bare SQL query for the same rows as the baseline, measured in the same run; the time to
import 10,000 events from a CSV file beside a bare bulk INSERT of the same rows; and the time to import a
10,000-event .ics file beside the time icalendar alone needs to parse the same file, with the longest
event-loop stall during that import and during hostile files (a recurrence bomb, a YAML alias bomb), and how
long the import held the write lock (from its first write to its commit; on SQLite also as another
connection saw it: its longest wait to take the lock).

    .venv/bin/python benchmarks/events.py [--events 10000] [--runs 200] [--url sqlite+aiosqlite:///…] [--imports-only]

Prints one line per measurement with the ratio service/baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import io
import random
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from bot.app import App
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR
from bot.settings import Settings
from bot.timeutil import zone
from storage.migrate import upgrade

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)
_VOCABULARY = (
    "regional workshop conference cyber security confidence building measures points contact crisis "
    "communication incident response tabletop exercise study visit capacity training critical infrastructure "
    "protection national strategy cooperation dialogue transparency resilience threat assessment information "
    "sharing network technical policy"
)
WORDS = tuple(_VOCABULARY.split())
COUNTRIES = ("Austria", "Germany", "France", "Finland", "Estonia", "Georgia", "Armenia", "Moldova", "Ukraine",
             "Switzerland", "Italy", "Spain", "Poland", "Sweden", "Norway", "Canada", "Japan", "Kazakhstan")  # fmt: skip
KINDS = ("conference", "study_visit", "workshop", "meeting", "training", "other")
CITIES = ("Vienna", "Tallinn", "Tbilisi", "Geneva", "Warsaw", "Helsinki", "Rome", "Madrid", "Astana", "Oslo")


def make_csv(count: int, rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["uid", "title", "kind", "start", "end", "timezone", "location", "countries", "cbms",
                     "description"])  # fmt: skip
    base = dt.datetime(2020, 1, 1, 9, 0)
    for n in range(count):
        start = base + dt.timedelta(hours=rng.randrange(0, 24 * 365 * 10))
        start = start.replace(hour=rng.choice((9, 10, 11, 14, 15)))
        end = start + dt.timedelta(hours=rng.choice((1, 2, 3, 8)))
        title = " ".join(rng.sample(WORDS, 4)).capitalize() + f" {n}"
        writer.writerow([
            f"bench-{n}", title, rng.choice(KINDS), start.isoformat(timespec="minutes"),
            end.isoformat(timespec="minutes"), "UTC", rng.choice(CITIES),
            "; ".join(rng.sample(COUNTRIES, rng.randrange(0, 5))),
            ", ".join(str(c) for c in sorted(rng.sample(range(1, 17), rng.randrange(0, 3)))),
            " ".join(rng.choices(WORDS, k=30)),
        ])  # fmt: skip
    return out.getvalue().encode()


def make_ics(count: int, rng: random.Random) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    base = dt.datetime(2026, 1, 1, 9, 0)
    for n in range(count):
        start = base + dt.timedelta(hours=rng.randrange(0, 24 * 365 * 2))
        end = start + dt.timedelta(hours=rng.choice((1, 2, 3, 8)))
        title = " ".join(rng.sample(WORDS, 4)).capitalize() + f" {n}"
        lines += [
            "BEGIN:VEVENT", f"UID:ics-bench-{n}@example.org", "DTSTAMP:20260101T000000Z",
            f"DTSTART;TZID=Europe/Vienna:{start:%Y%m%dT%H%M%S}", f"DTEND;TZID=Europe/Vienna:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{title}", f"LOCATION:{rng.choice(CITIES)}",
            f"DESCRIPTION:{' '.join(rng.choices(WORDS, k=20))}",
            f"CATEGORIES:{rng.choice(('Workshop', 'Conference', 'Meeting'))}",
            "END:VEVENT",
        ]  # fmt: skip
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


RECURRENCE_BOMB = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@b\r\n"
                   b"DTSTAMP:20250101T000000Z\r\nDTSTART:20250101T000000Z\r\nSUMMARY:x\r\n"
                   b"RRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")  # fmt: skip
ALIAS_BOMB = ("a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n"
              + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
                        for i in range(8))
              + "events:\n  - title: *i\n    start: 2027-01-01\n").encode()  # fmt: skip


class WritePhases:
    """How long each transaction held the write lock: from the end of its first INSERT/UPDATE/DELETE
    (SQLite's driver begins the transaction there; once it returns, the lock is held) to its COMMIT; with
    its statement count. Kept per connection, so that the other writer's transactions do not mix in."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.phases: list[tuple[float, int]] = []  # (seconds, statements), in commit order

    def _after(self, conn: Any, cursor: object, statement: str, *args: object) -> None:
        # Once the first write has returned, the lock is held (its own wait for the lock is not counted).
        writes = statement.lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}
        if "write_began" not in conn.info and writes:
            conn.info["write_began"], conn.info["write_statements"] = time.perf_counter(), 0
        if "write_began" in conn.info:
            conn.info["write_statements"] += 1

    def _commit(self, conn: Any) -> None:
        if "write_began" in conn.info:
            self.phases.append(
                (time.perf_counter() - conn.info.pop("write_began"), conn.info.pop("write_statements"))
            )

    def _rollback(self, conn: Any) -> None:
        conn.info.pop("write_began", None)

    def __enter__(self) -> WritePhases:
        engine = self.app.engine.sync_engine
        event.listen(engine, "after_cursor_execute", self._after)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)
        return self

    def __exit__(self, *exc: object) -> None:
        engine = self.app.engine.sync_engine
        event.remove(engine, "after_cursor_execute", self._after)
        event.remove(engine, "commit", self._commit)
        event.remove(engine, "rollback", self._rollback)


class LockProbe(threading.Thread):
    """Another program on the same SQLite file: its own connection with the normal busy timeout takes the
    write lock (BEGIN IMMEDIATE) every 20 ms and records how long it waited for it."""

    def __init__(self, path: str) -> None:
        super().__init__(daemon=True)
        self.path, self.stop, self.longest, self.failures = path, threading.Event(), 0.0, []

    def run(self) -> None:
        connection = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
        try:
            while not self.stop.is_set():
                began = time.perf_counter()
                try:
                    connection.execute("BEGIN IMMEDIATE")
                    self.longest = max(self.longest, time.perf_counter() - began)
                    connection.execute("ROLLBACK")
                except sqlite3.Error as exc:
                    self.failures.append(str(exc))
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                time.sleep(0.02)
        finally:
            connection.close()


class StallMeter:
    """The longest time the event loop could not run a 5 ms timer on time, while it runs."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            planned = loop.time() + 0.005
            await asyncio.sleep(0.005)
            self.longest = max(self.longest, loop.time() - planned)

    async def __aenter__(self) -> StallMeter:
        self._task = asyncio.create_task(self._watch())
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def imports(app: App, count: int, rng: random.Random) -> None:
    import icalendar

    data = make_ics(count, rng)
    async with StallMeter() as idle:  # the baseline: this machine's own scheduling noise, loop idle
        await asyncio.sleep(3)
    print(f"{'idle loop (baseline)':<28} longest loop stall {idle.longest * 1000:6.1f} ms over 3 s")
    begin = time.perf_counter()
    icalendar.Calendar.from_ical(data)
    parse_only = time.perf_counter() - begin
    waits: list[float] = []
    failures: list[str] = []

    async def other_writer() -> None:  # another organiser adding events while the import runs
        n = 0
        while True:
            n += 1
            begin = time.perf_counter()
            try:
                await app.events.create(EventDraft(title=f"Added during the import {n}", kind="meeting",
                                                   start=NOW + dt.timedelta(days=n)), OPERATOR, NOW)  # fmt: skip
            except Exception as exc:
                failures.append(type(exc).__name__)
            waits.append(time.perf_counter() - begin)
            await asyncio.sleep(0.1)

    database = make_url(str(app.settings.database_url))
    probe = LockProbe(database.database or "") if database.get_backend_name() == "sqlite" else None
    if probe is not None:
        probe.start()
    with WritePhases(app) as writes:
        async with StallMeter() as meter:
            writer = asyncio.create_task(other_writer())
            begin = time.perf_counter()
            result = await app.imports.import_file("bench.ics", data, OPERATOR, NOW, default_zone=zone("UTC"))
            service = time.perf_counter() - begin
            writer.cancel()
    if probe is not None:
        probe.stop.set()
        probe.join()
    print(f"{'import (.ics)':<28} service {service:8.2f} s ({result.count('created')} created, "
          f"{result.count('rejected')} rejected) | icalendar parse only {parse_only:6.2f} s | "
          f"ratio {service / parse_only:5.2f}x | longest loop stall {meter.longest * 1000:6.1f} ms")  # fmt: skip
    print(f"{'another writer meanwhile':<28} {len(waits)} events added, longest wait {max(waits, default=0):6.2f} s "
          f"(busy timeout 10 s), {len(failures)} failed {sorted(set(failures))}")  # fmt: skip
    # The import's own transaction is the longest one; the answers' index follows in short ones.
    held, statements = max(writes.phases, default=(0.0, 0))
    others = sorted(writes.phases, reverse=True)[1:]
    seen = (f"; another connection waited at most {probe.longest:5.2f} s to take it ({len(probe.failures)} failed {sorted(set(probe.failures))})"
            if probe is not None else "")  # fmt: skip
    print(f"{'write lock held':<28} import transaction {held:5.2f} s ({statements} statements), "
          f"{len(others)} other transactions at most {max(others, default=(0.0, 0))[0]:5.2f} s{seen}")  # fmt: skip
    for name, hostile in (("recurrence bomb (.ics)", ("bomb.ics", RECURRENCE_BOMB)),
                          ("alias bomb (.yaml)", ("bomb.yaml", ALIAS_BOMB))):  # fmt: skip
        async with StallMeter() as meter:
            begin = time.perf_counter()
            try:
                outcome = (
                    await app.imports.import_file(*hostile, OPERATOR, NOW, default_zone=zone("UTC"))
                ).summary()
            except Exception as exc:  # a refusal of the whole file
                outcome = f"refused: {exc}"
            took = time.perf_counter() - begin
        print(
            f"{name:<28} {took * 1000:8.1f} ms, longest loop stall {meter.longest * 1000:6.1f} ms | {outcome[:90]}"
        )


async def timed(fn: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    await fn()  # warm-up (connections, caches, the search index)
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        await fn()
        samples.append(time.perf_counter() - begin)
    return samples


def p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


def report(name: str, service: list[float], baseline: list[float]) -> None:
    s50, s99, b50, b99 = p(service, 0.5), p(service, 0.99), p(baseline, 0.5), p(baseline, 0.99)
    print(f"{name:<28} service p50 {s50:8.2f} ms  p99 {s99:8.2f} ms | bare SQL p50 {b50:7.2f} ms  "
          f"p99 {b99:7.2f} ms | ratio p50 {s50 / b50:6.1f}x  p99 {s99 / b99:6.1f}x")  # fmt: skip


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--url", help="database URL (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--imports-only", action="store_true", help="only the .ics import measurements")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cbmbot-bench-"))
    url = args.url or f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"
    await asyncio.to_thread(upgrade, url)
    settings = Settings(_env_file=None, CBMBOT_DATABASE_URL=url, CBMBOT_DATA_DIR=folder,  # type: ignore[call-arg]
                        CBMBOT_TIMEZONE="Europe/Vienna")  # fmt: skip
    app = App(settings, clock=lambda: NOW)
    try:
        await app.reference.seed(NOW)
        rng = random.Random(1106)
        await imports(app, args.events, rng)
        if args.imports_only:
            return
        data = make_csv(args.events, rng)
        print(f"{args.events} events, {args.runs} runs per query, database {url.split(':')[0]}")

        # ---- import: the service (validation, matching by UID, audit) vs a bare bulk INSERT of the rows
        begin = time.perf_counter()
        result = await app.imports.import_file("bench.csv", data, OPERATOR, NOW, default_zone=zone("UTC"))
        service_import = time.perf_counter() - begin
        rows = list(csv.DictReader(io.StringIO(data.decode())))
        async with app.engine.begin() as conn:
            await conn.execute(text("CREATE TEMP TABLE bare_events (uid TEXT, title TEXT, kind TEXT, "
                                    "start_at TEXT, end_at TEXT, location TEXT, description TEXT)"))  # fmt: skip
            begin = time.perf_counter()
            await conn.execute(
                text("INSERT INTO bare_events VALUES (:uid, :title, :kind, :start, :end, :location, :description)"),
                [{k: r[k] for k in ("uid", "title", "kind", "start", "end", "location", "description")}
                 for r in rows],
            )  # fmt: skip
            bare_import = time.perf_counter() - begin
        print(f"{'import (CSV)':<28} service {service_import:8.2f} s ({result.count('created')} created, "
              f"{result.count('rejected')} rejected) | bare INSERT {bare_import:6.3f} s | "
              f"ratio {service_import / bare_import:6.1f}x")  # fmt: skip
        begin = time.perf_counter()
        again = await app.imports.import_file("bench.csv", data, OPERATOR, NOW, default_zone=zone("UTC"))
        print(f"{'re-import (all unchanged)':<28} service {time.perf_counter() - begin:8.2f} s "
              f"({again.count('unchanged')} unchanged)")  # fmt: skip

        # ---- upcoming, first page
        async def upcoming() -> object:
            return await app.events.list(NOW, when="upcoming")

        async def upcoming_sql() -> object:
            async with app.engine.connect() as conn:
                params = {"now": NOW.replace(tzinfo=None) if url.startswith("sqlite") else NOW}
                where = "end_at >= :now AND status IN ('scheduled', 'postponed')"
                await conn.execute(text(f"SELECT count(*) FROM events WHERE {where}"), params)
                return (await conn.execute(text(f"SELECT * FROM events WHERE {where} ORDER BY start_at, id "
                                                "LIMIT 10"), params)).all()  # fmt: skip

        report("upcoming (page 1)", await timed(upcoming, args.runs), await timed(upcoming_sql, args.runs))

        # ---- filtered: kind, country, CBM
        austria = (await app.knowledge.match_country("Austria")).country.id

        async def filtered() -> object:
            return await app.events.list(NOW, kind="workshop", country="Austria", cbm=8)

        async def filtered_sql() -> object:
            async with app.engine.connect() as conn:
                where = ("kind = 'workshop' AND EXISTS (SELECT 1 FROM event_countries ec WHERE "
                         "ec.event_id = events.id AND ec.country_id = :c) AND EXISTS (SELECT 1 FROM event_cbms "
                         "eb WHERE eb.event_id = events.id AND eb.cbm_number = 8)")  # fmt: skip
                await conn.execute(text(f"SELECT count(*) FROM events WHERE {where}"), {"c": austria})
                return (await conn.execute(text(f"SELECT * FROM events WHERE {where} ORDER BY start_at, id "
                                                "LIMIT 10"), {"c": austria})).all()  # fmt: skip

        report("filtered list", await timed(filtered, args.runs), await timed(filtered_sql, args.runs))

        # ---- fuzzy search (typos) vs LIKE with the words spelled right
        found = await app.events.search("tabletop excercise", NOW)

        async def fuzzy() -> object:
            return await app.events.search("tabletop excercise", NOW)

        async def like_sql() -> object:
            # The same page of the same matches, spelled right: count them, then the first 10 by date.
            async with app.engine.connect() as conn:
                where = ("(lower(title) LIKE '%tabletop%' OR lower(description) LIKE '%tabletop%') AND "
                         "(lower(title) LIKE '%exercise%' OR lower(description) LIKE '%exercise%')")  # fmt: skip
                await conn.execute(text(f"SELECT count(*) FROM events WHERE {where}"))
                return (await conn.execute(text(f"SELECT * FROM events WHERE {where} ORDER BY start_at, id "
                                                "LIMIT 10"))).all()  # fmt: skip

        runs = max(20, args.runs // 4)
        report("fuzzy search (typo)", await timed(fuzzy, runs), await timed(like_sql, runs))
        async with app.engine.connect() as conn:
            where = ("(lower(title) LIKE '%tabletop%' OR lower(description) LIKE '%tabletop%') AND "
                     "(lower(title) LIKE '%exercise%' OR lower(description) LIKE '%exercise%')")  # fmt: skip
            like_total = (await conn.execute(text(f"SELECT count(*) FROM events WHERE {where}"))).scalar()
        print(
            f"{'':<28} search found {found.total} events with the typo; LIKE finds {like_total} spelled right"
        )
        await app.events.update(1, {"title": "Index rebuild trigger"}, OPERATOR, NOW)
        begin = time.perf_counter()
        await app.events.search("tabletop excercise", NOW)
        print(f"{'search after a change':<28} {1000 * (time.perf_counter() - begin):8.2f} ms (no rebuild)")
    finally:
        await app.close()


if __name__ == "__main__":
    asyncio.run(main())

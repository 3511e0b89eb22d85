"""How an import writes: everything made before the transaction, then a few bulk statements, so that the
write lock is held briefly and other writers go on (issue 10: "fast, short imports")."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url

from bot.commands import REGISTRY
from bot.console import make_context
from bot.services.events import snapshot
from bot.services.principal import OPERATOR, Principal, Role
from bot.timeutil import zone
from storage.models import AuditEntry, Event, SearchDoc

UTC = zone("UTC")
BUSY_TIMEOUT = 10.0  # seconds: storage/engine.py's PRAGMA busy_timeout, the wait every writer accepts


def csv_rows(count: int, prefix: str = "w") -> bytes:
    lines = ["uid,title,kind,start,end,location,countries,cbms,description"]
    for n in range(count):
        day = f"2027-{1 + n % 12:02d}-{1 + n % 28:02d}"
        lines.append(
            f"{prefix}-{n},Workshop {n} on incident response,workshop,{day}T09:00,{day}T12:00,"
            f'"Tallinn, Estonia",Estonia; Finland,{1 + n % 16},Tabletop exercise for the points of contact'
        )
    return ("\n".join(lines) + "\n").encode()


@contextmanager
def write_phases(app: Any) -> Iterator[list[int]]:
    """The number of statements each transaction sent from its first write until its commit: what runs
    while SQLite's write lock is held (the driver begins the transaction at the first write)."""
    phases: list[int] = []
    state = {"writing": False, "count": 0}

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not state["writing"] and statement.lstrip().split(None, 1)[0].upper() in {
            "INSERT",
            "UPDATE",
            "DELETE",
        }:
            state["writing"] = True
        if state["writing"]:
            state["count"] += 1

    def commit(conn: Any) -> None:
        if state["writing"]:
            phases.append(state["count"])
        state["writing"], state["count"] = False, 0

    engine = app.engine.sync_engine
    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "commit", commit)
    try:
        yield phases
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "commit", commit)


async def test_an_import_writes_new_events_with_a_few_bulk_statements(app, now):
    """1,200 new events, their links and audit entries: a handful of statements while the lock is held
    (before: one INSERT per event on SQLite, because RETURNING was asked in the rows' order)."""
    with write_phases(app) as phases:
        report = await app.imports.import_file("many.csv", csv_rows(1200), OPERATOR, now, default_zone=UTC)
    assert report.count("created") == 1200, report.summary()
    assert phases and phases[0] <= 20, phases  # the import's own transaction comes first
    assert max(phases) <= 20, phases  # and the answers' index, after it, in short ones too
    async with app.db() as session:
        events = (await session.scalars(select(Event).where(Event.uid.like("w-%")))).all()
        docs = await session.scalar(
            select(func.count()).select_from(SearchDoc).where(SearchDoc.event_id.in_([e.id for e in events]))
        )
    assert len(events) == 1200
    fifth = next(e for e in events if e.uid == "w-5")
    assert {c.name for c in fifth.countries} == {"Estonia", "Finland"} and fifth.cbm_numbers == [6]
    assert docs == 2 * 1200  # indexed for the answers and /event search
    assert (await app.events.search("Workshop 1199", now)).total >= 1


async def test_import_audit_entries_are_full_snapshots_with_their_origin(app, now):
    """Made before the transaction as JSON text, they read back as the same JSON as any other entry: the
    event's whole snapshot (venue country included) and where the import came from."""
    path = app.settings.data_dir / "three.csv"
    path.write_bytes(csv_rows(3, prefix="a"))
    ctx = make_context(app, Principal("console:o", "o", frozenset({Role.organiser}), origin="console"))
    reply = await REGISTRY.handle_message(ctx, f"/event import file:{path}")
    assert reply.ok and "3 created" in reply.text, reply.text
    async with app.db() as session:
        entries = (await session.scalars(select(AuditEntry).where(AuditEntry.action == "event.create"))).all()
        created = {e.entity_id: e for e in entries if e.actor.endswith(" import")}
        assert len(created) == 3
        for entry in created.values():
            event_row = await session.get(Event, int(entry.entity_id))
            assert isinstance(entry.details, dict)
            assert entry.details == {"after": snapshot(event_row)}
            assert entry.details["after"]["venue_country"] == "Estonia"
            assert entry.origin == "console"


class OtherWriter(threading.Thread):
    """Another program writing the same SQLite file: its own connection with the normal busy timeout, a
    small write every 20 ms. It records how long each write waited for the write lock (BEGIN IMMEDIATE);
    its own commit is not counted (with a large WAL it may include a checkpoint: not a wait for the lock)."""

    def __init__(self, path: str) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.stop = threading.Event()
        self.waits: list[tuple[float, float]] = []  # (began, got the lock), perf_counter
        self.failures: list[str] = []

    def run(self) -> None:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        connection.execute("PRAGMA synchronous=NORMAL")  # as storage/engine.py sets it
        try:
            n = 0
            while not self.stop.is_set():
                n += 1
                began = time.perf_counter()
                try:
                    connection.execute("BEGIN IMMEDIATE")
                    self.waits.append((began, time.perf_counter()))
                    connection.execute(
                        "INSERT INTO audit_log (at, actor, origin, action, entity, entity_id, details) "
                        "VALUES ('2026-11-22', 'other writer', 'test', 'other.write', 'test', ?, '{}')",
                        (str(n),),
                    )
                    connection.execute("COMMIT")
                except sqlite3.Error as exc:
                    self.failures.append(str(exc))
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                time.sleep(0.02)
        finally:
            connection.close()


async def test_another_writer_goes_on_while_a_large_import_runs(app, now, backend):
    """A second connection (another process, as `cbmbot events add` is) writes throughout a 5,000-row
    import and never waits long for the write lock: the import holds it for its bulk statements only
    (0.3-1 s here). Before, it held it while sending one INSERT per event and building every audit
    snapshot: 3-4 s for these rows, a third of the busy timeout."""
    if backend.name != "sqlite":
        pytest.skip("the write lock of one database file")
    path = make_url(str(app.settings.database_url)).database
    data = csv_rows(5000, prefix="big")
    other = OtherWriter(path)
    other.start()
    try:
        began = time.perf_counter()
        report = await app.imports.import_file("big.csv", data, OPERATOR, now, default_zone=UTC)
        ended = time.perf_counter()
    finally:
        other.stop.set()
        await asyncio.to_thread(other.join, 30)
    assert report.count("created") == 5000, report.summary()
    assert not other.failures, other.failures
    during = [(b, e) for b, e in other.waits if began <= b and e <= ended]
    assert len(during) >= 3, (len(other.waits), ended - began)
    longest = max(e - b for b, e in other.waits)
    # Well within the busy timeout: a fifth of it at most.
    assert longest < BUSY_TIMEOUT / 5, f"the other writer waited {longest:.2f} s for the write lock"


async def test_a_bulk_import_refreshes_the_planner_statistics_on_postgresql(app, now, backend):
    """Before, the planner saw the tables as they were before the import until autovacuum came round (a
    minute or more), and the full-text index's pending list stayed unmerged: queries scanned whole tables."""
    if backend.name != "postgres":
        pytest.skip("planner statistics and VACUUM are PostgreSQL's")
    from sqlalchemy import text

    report = await app.imports.import_file(
        "bulk.csv", csv_rows(1000, prefix="v"), OPERATOR, now, default_zone=UTC
    )
    assert report.count("created") == 1000, report.summary()
    async with app.engine.connect() as connection:
        await connection.execute(text("SELECT pg_stat_clear_snapshot()"))
        rows = await connection.execute(
            text(
                "SELECT relname, last_vacuum, last_analyze FROM pg_stat_user_tables "
                "WHERE relname IN ('events', 'search_docs')"
            )
        )
        stats = {r.relname: r for r in rows}
    assert set(stats) == {"events", "search_docs"}
    for name, row in stats.items():
        assert row.last_vacuum is not None and row.last_analyze is not None, (name, row)

"""Queries for operating the bot: counts for /metrics and `cbmbot doctor`, backups and restores.

SQLite backups use the online backup API (a consistent copy while other connections write); PostgreSQL
backups use `pg_dump` in the custom format (one snapshot transaction) and `pg_restore`.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import case, func, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.models import Cbm, Country, ReminderDelivery

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
DUMP_TIMEOUT = 3600  # seconds: pg_dump / pg_restore of a database this size take far less

# ------------------------------------------------------------------------------------------ metrics


@dataclass
class DeliveryStats:
    """Reminder deliveries by status, and how late the sent ones went out (cumulative bucket counts)."""

    by_status: dict[str, int] = field(default_factory=dict)
    buckets: list[tuple[float, int]] = field(default_factory=list)  # (upper bound in seconds, count <=)
    sent: int = 0  # deliveries with a sent_at (the histogram's count)
    lateness_sum: float = 0.0
    fingerprint: tuple[object, ...] = ()


def _seconds_between(dialect: str, later: object, earlier: object) -> object:
    if dialect == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 86400.0
    return func.extract("epoch", later - earlier)  # type: ignore[operator]


async def delivery_stats(
    session: AsyncSession, bounds: tuple[float, ...], previous: DeliveryStats | None = None
) -> DeliveryStats:
    """Counts by status (an index scan) and, only when those or the newest row changed since
    ``previous``, the lateness histogram (one aggregate query over the sent rows)."""
    stats = DeliveryStats()
    rows = await session.execute(
        select(ReminderDelivery.status, func.count()).group_by(ReminderDelivery.status)
    )
    stats.by_status = {status: int(count) for status, count in rows}
    newest = (
        await session.execute(select(func.max(ReminderDelivery.id), func.max(ReminderDelivery.updated_at)))
    ).one()
    stats.fingerprint = (tuple(sorted(stats.by_status.items())), newest[0], str(newest[1]), bounds)
    if previous is not None and previous.fingerprint == stats.fingerprint:
        # Sent rows never change again: the same counts and newest row mean the same histogram.
        stats.buckets, stats.sent, stats.lateness_sum = previous.buckets, previous.sent, previous.lateness_sum
        return stats
    dialect = session.get_bind().dialect.name
    late = _seconds_between(dialect, ReminderDelivery.sent_at, ReminderDelivery.due_at)
    # Sent before the moment (clock skew between replicas) counts as on time.
    late = case((late < 0, 0.0), else_=late)  # type: ignore[operator]
    inner = select(late.label("late")).where(ReminderDelivery.sent_at.is_not(None))
    if dialect == "sqlite":
        inner = inner.limit(-1)  # keeps SQLite from re-computing `late` inside every sum (3x faster)
    sub = inner.subquery()
    columns = [func.count(), func.coalesce(func.sum(sub.c.late), 0.0)]
    columns += [func.sum(case((sub.c.late <= bound, 1), else_=0)) for bound in bounds]
    row = (await session.execute(select(*columns).select_from(sub))).one()
    stats.sent, stats.lateness_sum = int(row[0]), float(row[1] or 0.0)
    stats.buckets = [(bound, int(count or 0)) for bound, count in zip(bounds, row[2:], strict=True)]
    return stats


# ------------------------------------------------------------------------------------------ doctor


@dataclass
class SeedState:
    cbms: int
    countries: int


async def seed_state(session: AsyncSession) -> SeedState:
    cbms = await session.scalar(select(func.count()).select_from(Cbm))
    countries = await session.scalar(select(func.count()).select_from(Country))
    return SeedState(int(cbms or 0), int(countries or 0))


async def server_clock(session: AsyncSession) -> object | None:
    """The database server's clock (PostgreSQL); None on SQLite, whose clock is ours."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    return await session.scalar(select(func.statement_timestamp()))


# ------------------------------------------------------------------------------------------ backups


class BackupError(Exception):
    """A backup or restore cannot be done; the message says why and what to do."""


async def table_names(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as connection:
        return await connection.run_sync(lambda sync: inspect(sync).get_table_names())


def sqlite_path(url: URL) -> Path:
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError(f"cannot back up the SQLite database {database or '(memory)'!r}: not a file")
    return Path(database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy with the online backup API: a consistent snapshot even while the bot writes."""
    src = sqlite3.connect(source, timeout=30)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def _pg_env(url: URL) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", url.host),
        ("PGPORT", str(url.port) if url.port else None),
        ("PGUSER", url.username),
        ("PGPASSWORD", url.password),
        ("PGDATABASE", url.database),
    ):
        if value:
            env[key] = str(value)
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client tools (apt install postgresql-client)"
        )
    return path


def _run(argv: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=DUMP_TIMEOUT, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BackupError(f"{Path(argv[0]).name} failed: {last}")


async def backup(database_url: str, target: Path) -> str:
    """Write a consistent copy of the database to ``target``; returns the format written."""
    url = make_url(database_url)
    target = await asyncio.to_thread(target.resolve)
    if not await asyncio.to_thread(target.parent.is_dir):
        raise BackupError(f"the folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if url.get_backend_name() == "sqlite":
            source = sqlite_path(url)
            if not source.exists():
                raise BackupError(f"the database file {source} does not exist")
            await asyncio.to_thread(_sqlite_copy, source, partial)
            kind = "sqlite"
        else:
            argv = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", str(partial)]
            await asyncio.to_thread(_run, argv, _pg_env(url))
            kind = "pg_dump custom"
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return kind


def backup_format(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "pg_dump"
    raise BackupError(f"{path} is neither a SQLite backup nor a pg_dump custom-format file")


def _sqlite_check(path: Path) -> None:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is damaged: {exc}") from None
    finally:
        connection.close()
    if not result or result[0] != "ok":
        raise BackupError(f"{path} is damaged: {result[0] if result else 'no answer'}")


async def restore(database_url: str, engine: AsyncEngine, source: Path) -> None:
    """Bring a backup back into an empty database; refuse a database that has any table."""
    url = make_url(database_url)
    kind = backup_format(source)
    backend = url.get_backend_name()
    wanted = "sqlite" if backend == "sqlite" else "pg_dump"
    if kind != wanted:
        raise BackupError(
            f"{source} is a {kind} backup but CBMBOT_DATABASE_URL is {backend}: restore it into a "
            f"{'SQLite' if kind == 'sqlite' else 'PostgreSQL'} database"
        )
    present = await table_names(engine)
    if present:
        raise BackupError(
            f"the database is not empty ({len(present)} tables, e.g. {sorted(present)[0]}): restore only "
            "into a new, empty database (point CBMBOT_DATABASE_URL at one)"
        )
    await engine.dispose()  # no pooled connection may hold the file or the database during the restore
    if backend == "sqlite":
        await asyncio.to_thread(_sqlite_check, source)
        await asyncio.to_thread(_sqlite_copy, source, sqlite_path(url))
        return
    argv = [
        _tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "-d",
        str(url.database),
        str(source),
    ]
    await asyncio.to_thread(_run, argv, _pg_env(url))

"""Engines and sessions for SQLite (WAL, foreign keys enforced) and PostgreSQL (asyncpg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def bound_socket(
    sock: Any, keepidle: int = 5, keepintvl: int = 2, keepcnt: int = 3, user_timeout_ms: int = 10_000
) -> None:
    """TCP keepalives and TCP_USER_TIMEOUT on a client socket: a peer that goes silent (a partition without
    FIN or RST) is detected in seconds instead of the kernel's default of hours."""
    import socket

    if sock is None or sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for option, value in (
        ("TCP_KEEPIDLE", keepidle),
        ("TCP_KEEPINTVL", keepintvl),
        ("TCP_KEEPCNT", keepcnt),
        ("TCP_USER_TIMEOUT", user_timeout_ms),
    ):
        if hasattr(socket, option):
            sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, option), value)


def bounded_connection_class() -> Any:
    """An asyncpg connection class whose socket has :func:`bound_socket`'s options."""
    import asyncpg

    class BoundedConnection(asyncpg.Connection):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            bound_socket(self._transport.get_extra_info("socket"))

    return BoundedConnection


def make_engine(url: str, *, bounded: dict[str, str] | None = None, **kwargs: Any) -> AsyncEngine:
    """An async engine; for SQLite the file's folder is created and the pragmas set on every connection.
    On PostgreSQL ``bounded`` (server settings such as statement_timeout) also turns on the client-side
    TCP bounds (:func:`bound_socket`) and a connect timeout: for the connections a dispatcher depends on."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if bounded is not None:
        args = kwargs.setdefault("connect_args", {})
        args.setdefault("server_settings", {}).update(bounded)
        args.setdefault("connection_class", bounded_connection_class())
        args.setdefault("timeout", 10)
        args.setdefault("command_timeout", 20)
    return create_async_engine(url, **kwargs)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def ping(engine: AsyncEngine) -> None:
    """Raise unless the database answers."""
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


def unreachable(exc: BaseException) -> bool:
    """Whether ``exc`` says the database cannot be reached (refused, cut, timed out, gone), as opposed to a
    fault in a query: the former is a 503 "retry later", the latter a bug."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, (OSError, ConnectionError, TimeoutError)):  # refused, reset, DNS, timeouts
            return True
        if type(current).__module__.startswith("asyncpg") and type(current).__name__ in _ASYNCPG_GONE:
            return True
        if isinstance(current, OperationalError) and current.orig is not None:
            text = str(current.orig).lower()
            if any(word in text for word in ("unable to open", "disk i/o", "connection", "closed")):
                return True
        current = current.__cause__ or current.__context__
    return False


_ASYNCPG_GONE = {
    "CannotConnectNowError",
    "ConnectionDoesNotExistError",
    "ConnectionFailureError",
    "InterfaceError",
    "AdminShutdownError",
    "CrashShutdownError",
    "TooManyConnectionsError",
}


class CommitCounter:
    """Counts the commits made through an engine in this process: a cheap "may anything have changed?"."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.value = 0
        event.listen(engine.sync_engine, "commit", self._committed)

    def _committed(self, _connection: Any) -> None:
        self.value += 1


# What a bulk load of events changes; the planner's view of these is refreshed after one (below).
BULK_LOADED_TABLES = ("events", "event_countries", "event_cbms", "search_docs", "audit_log")


async def refresh_statistics(engine: AsyncEngine, tables: tuple[str, ...] = BULK_LOADED_TABLES) -> None:
    """After a bulk load, on PostgreSQL: VACUUM (ANALYZE) the tables it filled, which autovacuum would do
    only a minute or more later. Until then the planner's row counts are stale and the full-text index's
    pending list (GIN fastupdate) is unmerged, so it scans whole tables (a bare full-text query: 33/51 ms
    p50/p99 with 10,000 new events, 5/30 ms after). Outside any transaction, as VACUUM must be. SQLite
    needs nothing (FTS5 keeps its own index). Raises what the server raises; the caller decides."""
    if engine.dialect.name != "postgresql":
        return
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        for table in tables:
            await autocommit.exec_driver_sql(f'VACUUM (ANALYZE) "{table}"')

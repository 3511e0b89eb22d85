"""Who dispatches reminders: one process at a time, with a fencing epoch.

- PostgreSQL (:class:`PgLease`): a lease row (storage/leases.py) with an owner, an epoch and an expiry
  kept by the server's clock, on a connection of its own with bounded waits (connect and statement
  timeouts, TCP keepalives and TCP_USER_TIMEOUT on both ends). The holder renews it every
  ``seconds / 4``; it may send only while its own clock says the lease still holds, counted from the
  moment it *sent* the last renewal that succeeded, minus a guard of ``seconds / 4``. So a leader cut off
  from the database (a silent partition, a frozen event loop, a killed connection) stops sending at
  least ``seconds / 4`` before the server lets a standby take the lease with the next epoch.
- SQLite (:class:`FileLock`): an ``fcntl`` lock on a file beside the database (the kernel frees it when
  the process dies, and it is on the same host); the lease row only gives the holder its epoch.

A leader that loses the lease learns it at its next renewal (refused: the epoch moved on), also after
the network heals, and then sends nothing more.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import time
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.engine import bounded_connection_class
from storage.leases import SERVER_SETTINGS, PgLeaseStore, bump_epoch_sqlite

log = logging.getLogger(__name__)


class Leadership(Protocol):
    """``epoch`` is None while not leading (or where there are no epochs)."""

    epoch: int | None

    async def acquire(self) -> bool: ...

    async def renew(self) -> bool:
        """Still leading? (False once the lease is lost or has run out by this process's clock.)"""
        ...

    def valid(self, margin: float = 0.0) -> bool:
        """May this process still claim and send, ``margin`` seconds from now, by its own clock?"""
        ...

    async def release(self) -> None: ...


class FileLock:
    """SQLite: an exclusive ``fcntl`` lock on a file beside the database, freed by the kernel at exit."""

    def __init__(
        self, path: Path, db: async_sessionmaker[AsyncSession] | None = None, owner: str = ""
    ) -> None:
        self.path = path
        self.db = db
        self.owner = owner or f"pid:{os.getpid()}"
        self.fd: int | None = None
        self.epoch: int | None = None

    async def acquire(self) -> bool:
        import fcntl

        if self.fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        if self.db is not None:
            try:
                async with self.db.begin() as session:
                    self.epoch = await bump_epoch_sqlite(session, self.owner, dt.datetime.now(dt.UTC))
            except BaseException:
                await self.release()
                raise
        return True

    async def renew(self) -> bool:
        return self.fd is not None

    def valid(self, margin: float = 0.0) -> bool:
        return self.fd is not None

    async def release(self) -> None:
        self.epoch = None
        if self.fd is not None:
            import fcntl

            with contextlib.suppress(OSError):
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


class PgLease:
    """PostgreSQL: the lease row, renewed on a connection of its own; every wait bounded."""

    def __init__(self, url: str, owner: str, seconds: float) -> None:
        self.url = make_url(url)
        self.owner = owner
        self.seconds = seconds
        self.guard = seconds / 4
        self.timeout = max(0.25, seconds / 4)  # each wait on the lease connection
        self.connection: Any = None
        self.epoch: int | None = None
        self.deadline = 0.0  # time.monotonic() after which this process must not send
        # how operators (and the fault tests) find the lease session in pg_stat_activity
        self.application_name = f"cbmbot-lease:{os.getpid()}:{owner[-6:]}"

    async def _store(self) -> PgLeaseStore:
        import asyncpg

        if self.connection is None or self.connection.is_closed():
            self.connection = await asyncio.wait_for(
                asyncpg.connect(
                    **lock_connect_args(self.url),
                    timeout=self.timeout,
                    server_settings={**SERVER_SETTINGS, "application_name": self.application_name},
                    connection_class=bounded_connection_class(),
                ),
                timeout=self.timeout + 0.5,
            )
        return PgLeaseStore(self.connection)

    def _drop(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            connection.terminate()  # no network wait: the peer may be unreachable

    async def acquire(self) -> bool:
        if self.epoch is not None:
            return await self.renew()
        try:
            store = await self._store()
            started = time.monotonic()
            epoch = await asyncio.wait_for(store.acquire(self.owner, self.seconds), timeout=self.timeout)
        except BaseException:
            self._drop()
            raise
        if epoch is None:
            return False
        self.epoch, self.deadline = epoch, started + self.seconds - self.guard
        return True

    async def renew(self) -> bool:
        if self.epoch is None:
            return False
        try:
            store = await self._store()
            started = time.monotonic()
            ok = await asyncio.wait_for(
                store.renew(self.owner, self.epoch, self.seconds), timeout=self.timeout
            )
        except asyncio.CancelledError:
            self._drop()
            raise
        except Exception as exc:  # unreachable: keep leading only while our own clock allows it
            self._drop()
            left = self.deadline - time.monotonic()
            log.warning(
                "reminders: cannot renew the lease (%s); %.1f s left by this process's clock", exc, left
            )
            if left <= 0:
                self.epoch = None
            return self.epoch is not None
        if not ok:
            log.warning("reminders: the lease of epoch %s ran out or was taken over", self.epoch)
            self.epoch = None
            return False
        self.deadline = started + self.seconds - self.guard
        return True

    def valid(self, margin: float = 0.0) -> bool:
        return self.epoch is not None and time.monotonic() + margin < self.deadline

    async def release(self) -> None:
        epoch, self.epoch = self.epoch, None
        if epoch is not None and self.connection is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(PgLeaseStore(self.connection).release(self.owner, epoch), self.timeout)
        if self.connection is not None:
            connection, self.connection = self.connection, None
            try:
                await asyncio.wait_for(connection.close(), timeout=self.timeout)
            except Exception:
                connection.terminate()


def why(exc: BaseException) -> str:
    """An exception for a log line (a timeout has no message of its own)."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def lock_connect_args(url: URL) -> dict[str, Any]:
    """asyncpg.connect's arguments for the database URL, read as SQLAlchemy reads it for the engine
    (query options such as ?ssl=require or ?host=/run/postgresql included)."""
    from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg

    args, kwargs = PGDialect_asyncpg().create_connect_args(url)
    if args:
        raise ValueError(f"unexpected positional connect arguments for {url.render_as_string()}")
    return dict(kwargs)


def leadership_for(
    database_url: str, owner: str, seconds: float, db: async_sessionmaker[AsyncSession] | None = None
) -> Leadership:
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return PgLease(database_url, owner, seconds)
    database = url.database or ""
    if not database or database == ":memory:":
        return FileLock(
            Path(os.environ.get("TMPDIR", "/tmp")) / f"cbmbot-reminders-{os.getpid()}.lock", db, owner
        )
    return FileLock(Path(database + ".reminders.lock"), db, owner)

"""Leases: which process leads a job (the reminder dispatcher), fenced by an epoch.

A lease is one row of ``leader_leases``: an owner, an epoch and an expiry. On PostgreSQL the expiry is
read and written with the database server's clock (``clock_timestamp()``), so the hosts' clocks never
have to agree: a process may take the lease only once the server says it has expired, and every take-over
increments the epoch. The holder renews it every few seconds on a connection of its own
(:class:`PgLeaseStore`, raw asyncpg so that each wait is bounded); it counts its own deadline from the
moment it *sent* a renewal that succeeded, which is never later than when the server started the new
term, so the holder's own clock always says "expired" before the server's does.

On SQLite a lock file on the same host is the truth (the kernel frees it when the process dies); the
lease row only carries the epoch (``expires_at`` NULL), bumped by :func:`bump_epoch_sqlite`.

:func:`lease_fence` is the condition the fenced delivery statements (``storage/deliveries.py``) add:
"the lease named N is held by epoch E and has not expired", checked by the database in the same
statement as the write.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import exists, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import LeaderLease

REMINDERS = "reminders"

# Session settings for every connection the dispatcher depends on: the server drops a silent peer
# (keepalives, tcp_user_timeout), and no statement or lock wait lasts long. Values in ms where a unit is
# needed. idle_in_transaction_session_timeout frees the row locks of a client that vanished mid-claim.
SERVER_SETTINGS = {
    "tcp_keepalives_idle": "5",
    "tcp_keepalives_interval": "2",
    "tcp_keepalives_count": "3",
    "tcp_user_timeout": "10000",
    "statement_timeout": "15000",
    "lock_timeout": "5000",
    "idle_in_transaction_session_timeout": "15000",
}
# The same on the client's side of the socket (set by storage.engine for asyncpg connections): a peer
# that stops acknowledging is given up after TCP_USER_TIMEOUT ms; an idle one is probed after 5 s.
CLIENT_TCP = {"keepidle": 5, "keepintvl": 2, "keepcnt": 3, "user_timeout_ms": 10_000}

_ACQUIRE = """
INSERT INTO leader_leases AS l (name, owner, epoch, expires_at, renewed_at)
VALUES ($1, $2, 1, clock_timestamp() + make_interval(secs => $3::float8), clock_timestamp())
ON CONFLICT (name) DO UPDATE
    SET owner = EXCLUDED.owner, epoch = l.epoch + 1, expires_at = EXCLUDED.expires_at,
        renewed_at = EXCLUDED.renewed_at
    WHERE l.expires_at IS NULL OR l.expires_at <= clock_timestamp()
RETURNING epoch
"""
_RENEW = """
UPDATE leader_leases
SET expires_at = clock_timestamp() + make_interval(secs => $4::float8), renewed_at = clock_timestamp()
WHERE name = $1 AND owner = $2 AND epoch = $3 AND expires_at > clock_timestamp()
RETURNING epoch
"""
_RELEASE = """
UPDATE leader_leases SET expires_at = clock_timestamp()
WHERE name = $1 AND owner = $2 AND epoch = $3 AND expires_at > clock_timestamp()
"""
_HOLDER = """
SELECT owner, epoch, expires_at, expires_at > clock_timestamp() AS live FROM leader_leases WHERE name = $1
"""


class PgLeaseStore:
    """The lease statements on one asyncpg connection (the caller bounds each wait)."""

    def __init__(self, connection: Any, name: str = REMINDERS) -> None:
        self.connection = connection
        self.name = name

    async def acquire(self, owner: str, seconds: float) -> int | None:
        """Take the lease if it is free or expired: the new epoch, or None when another holds it."""
        value = await self.connection.fetchval(_ACQUIRE, self.name, owner, float(seconds))
        return int(value) if value is not None else None

    async def renew(self, owner: str, epoch: int, seconds: float) -> bool:
        """Extend our own, still running lease; False when it expired or another epoch holds it."""
        return await self.connection.fetchval(_RENEW, self.name, owner, epoch, float(seconds)) is not None

    async def release(self, owner: str, epoch: int) -> None:
        """Let it expire now (a clean stop: the next leader need not wait)."""
        await self.connection.execute(_RELEASE, self.name, owner, epoch)

    async def holder(self) -> dict[str, Any] | None:
        row = await self.connection.fetchrow(_HOLDER, self.name)
        return dict(row) if row is not None else None


async def bump_epoch_sqlite(
    session: AsyncSession, owner: str, now: dt.datetime, name: str = REMINDERS
) -> int:
    """SQLite: the lock file's new holder takes the next epoch (no expiry: the lock file is the truth)."""
    from sqlalchemy.dialects.sqlite import insert

    statement = insert(LeaderLease).values(name=name, owner=owner, epoch=1, expires_at=None, renewed_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=["name"],
        set_={"owner": owner, "epoch": LeaderLease.epoch + 1, "expires_at": None, "renewed_at": now},
    )
    await session.execute(statement)
    return int((await session.scalars(select(LeaderLease.epoch).where(LeaderLease.name == name))).one())


def lease_fence(dialect: str, epoch: int, now: dt.datetime, name: str = REMINDERS) -> Any:
    """True while the lease ``name`` is held by ``epoch`` and has not run out (by the server's clock on
    PostgreSQL; on SQLite the row has no expiry)."""
    if dialect == "postgresql":
        live = or_(LeaderLease.expires_at.is_(None), LeaderLease.expires_at > func.clock_timestamp())
    else:
        live = or_(LeaderLease.expires_at.is_(None), LeaderLease.expires_at > now)
    return exists().where(LeaderLease.name == name, LeaderLease.epoch == epoch, live)


def no_fence() -> Any:
    """A single process without leadership (tests, `drain`): no lease to check."""
    return true()

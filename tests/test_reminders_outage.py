"""The database goes away for a few seconds at the due time: the reminder goes out once it is back.

On PostgreSQL the database is reached through a TCP proxy that the test cuts (every connection dropped,
new ones refused) and restores; the dispatcher, its advisory lock and APScheduler are the real ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import socket

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.engine import make_url

from bot.app import App
from bot.reminders.dispatcher import ReminderDispatcher
from bot.services.principal import Principal
from bot.settings import Settings

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.xdist_group("real-time-leases")]


class Proxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server: asyncio.AbstractServer | None = None
        self.writers: set[asyncio.StreamWriter] = set()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]

    async def up(self) -> None:
        self.server = await asyncio.start_server(self._client, "127.0.0.1", self.port, reuse_address=True)

    async def down(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for writer in list(self.writers):
            writer.transport.abort()
        self.writers.clear()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self.writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


class Sink:
    def __init__(self) -> None:
        self.sent: list[tuple[dt.datetime, str]] = []

    async def send(self, message) -> None:
        self.sent.append((dt.datetime.now(dt.UTC), message.text))


async def test_database_away_at_the_due_time(backend, db_url, tmp_path):
    if backend.name != "postgres":
        pytest.skip("needs a database server to cut off (the SQLite case is injected in the service tests)")
    url = make_url(db_url)
    proxy = Proxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.up()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        CBMBOT_DATABASE_URL=url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
        CBMBOT_DATA_DIR=tmp_path,
        CBMBOT_REMINDER_POLL_SECONDS=0.3,
        CBMBOT_REMINDER_LEASE_SECONDS=2,
        CBMBOT_REMINDER_LATE_SECONDS=1,
    )
    app = App(settings)
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start()
    sink = Sink()
    dispatcher = ReminderDispatcher(app, scheduler, sender=lambda: sink)
    try:
        await dispatcher.start()
        for _ in range(100):
            if dispatcher.leader:
                break
            await asyncio.sleep(0.05)
        assert dispatcher.leader
        now = app.now()
        due = now + dt.timedelta(seconds=1.5)
        await app.reminders.remind_me(Principal("cli:ana", "ana"), due.isoformat(), "after the outage", now)
        await asyncio.sleep(0.8)  # the wake job for it exists now
        await proxy.down()
        await asyncio.sleep(max(0.0, (due - app.now()).total_seconds()) + 1.5)
        assert sink.sent == []  # nothing can be claimed while the database is away
        back = app.now()
        await proxy.up()
        for _ in range(200):
            if sink.sent:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(1)
        assert len(sink.sent) == 1 and sink.sent[0][1] == "after the outage"
        assert back <= sink.sent[0][0] < back + dt.timedelta(seconds=10)
        log = await app.reminders.delivery_log()
        assert [(r["status"], r["sent_at"] is not None) for r in log] == [("late", True)]
    finally:
        await dispatcher.stop()
        scheduler.shutdown(wait=False)
        await app.close()
        await proxy.down()

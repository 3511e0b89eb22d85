"""`cbmbot run` as real processes, real time: SIGKILL and restart, and two processes with a takeover.

Timings are shortened through CBMBOT_REMINDER_* variables (poll and lease every 0.5 s, late after 1 s);
due times are a few seconds ahead, so each test takes seconds.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.app import App
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR, Principal, Role
from bot.settings import Settings
from storage.models import Event

# One worker runs the real-time lease tests one after another (pytest-xdist: --dist loadgroup).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("real-time-leases")]

UTC = dt.UTC
LINE = re.compile(r"^\[reminder #(\d+) -> ([^\]]+)\]", re.M)
LEAD = 6.0  # seconds before the first reminder of a wave falls due: time to write the rows
ADMIN = Principal("cli:admin", "admin", frozenset({Role.admin}))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(db_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CBMBOT_") and k != "DISCORD_TOKEN"}
    env.update(
        CBMBOT_DATA_DIR=str(data_dir),
        CBMBOT_DATABASE_URL=db_url,
        CBMBOT_HTTP_PORT=str(_free_port()),
        CBMBOT_TIMEZONE="UTC",
        CBMBOT_REMINDER_POLL_SECONDS="0.5",
        CBMBOT_REMINDER_LEASE_SECONDS="4",  # long enough that a busy machine never starves a leader out
        CBMBOT_REMINDER_RETRY_SECONDS="0.2",
        CBMBOT_REMINDER_LATE_SECONDS="1",
        PYTHONUNBUFFERED="1",
    )
    return env


class Proc:
    """One `cbmbot run --no-console`, its standard output and error in files."""

    def __init__(self, name: str, db_url: str, folder: Path) -> None:
        self.out = folder / f"{name}.out"
        self.err = folder / f"{name}.err"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--no-console"],
            stdin=subprocess.DEVNULL,
            stdout=self.out.open("w"),
            stderr=self.err.open("w"),
            env=_env(db_url, folder),
        )

    def stdout(self) -> str:
        return self.out.read_text()

    def stderr(self) -> str:
        return self.err.read_text()

    @property
    def leads(self) -> bool:
        return "this process" in self.stderr() and "dispatches" in self.stderr()

    def delivered(self) -> list[int]:
        return [int(m[1]) for m in LINE.finditer(self.stdout())]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int:
        """SIGTERM (a clean stop exits 0); the exit status, -9 for a process killed before."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


async def _until(predicate, limit: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if predicate():
            return time.monotonic() - start
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out after {limit} s waiting for {what}")


def _log(db_url: str, folder: Path) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "reminders", "log", "--json"],
        env=_env(db_url, folder),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
async def live_app(db_url, tmp_path):
    """The application on the test's database with the real clock: it writes rows as another process."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        CBMBOT_DATABASE_URL=db_url,
        CBMBOT_DATA_DIR=tmp_path,
        CBMBOT_TIMEZONE="UTC",
    )
    app = App(settings)
    yield app
    await app.close()


async def _personal(app: App, user: str, at: dt.datetime, text: str) -> int:
    reminder = await app.reminders.remind_me(Principal(f"cli:{user}", user), at.isoformat(), text, app.now())
    return reminder.id


async def test_sigkill_while_reminders_are_due_then_restart_delivers_each_once(live_app, db_url, tmp_path):
    first = Proc("first", db_url, tmp_path)
    procs = [first]
    try:
        await _until(lambda: first.leads, 30, "the first process to dispatch")
        # The waves start LEAD seconds from now: writing 105 rows takes a while on a busy machine.
        now = live_app.now() + dt.timedelta(seconds=LEAD)
        wave1 = [await _personal(live_app, f"u{i}", now + dt.timedelta(seconds=4 + i * 0.01), f"wave one {i}")
                 for i in range(100)]  # fmt: skip
        wave2 = [await _personal(live_app, f"v{i}", now + dt.timedelta(seconds=7 + i * 0.1), f"wave two {i}")
                 for i in range(5)]  # fmt: skip
        assert live_app.now() < now + dt.timedelta(seconds=3.5), "writing the reminders took too long"
        # Kill it in the middle of the first wave (due from +4 s to +5 s).
        await asyncio.sleep(max(0.0, (now + dt.timedelta(seconds=4.4) - live_app.now()).total_seconds()))
        first.kill()
        killed_at = live_app.now()
        assert killed_at < now + dt.timedelta(seconds=7)  # the second wave falls due while no one runs
        await asyncio.sleep(max(0.0, (now + dt.timedelta(seconds=8.5) - live_app.now()).total_seconds()))
        second = Proc("second", db_url, tmp_path)
        procs.append(second)
        await _until(lambda: second.leads, 30, "the restarted process to dispatch")
        await _until(lambda: len(set(first.delivered() + second.delivered())) >= 105, 45, "every delivery")
        await asyncio.sleep(1)  # anything sent twice would show up now
    finally:
        codes = [p.stop() for p in procs]
    assert codes == [-9, 0], second.stderr()[-2000:]
    log = _log(db_url, tmp_path)
    assert len(log) == 105
    assert len({(r["reminder_id"], r["occurrence"], r["target"]) for r in log}) == 105
    by_reminder = {r["reminder_id"]: r for r in log}
    assert set(by_reminder) == set(wave1) | set(wave2)
    assert all(by_reminder[i]["status"] == "late" for i in wave2)  # due while the bot was down
    assert all(by_reminder[i]["status"] in {"sent", "late"} for i in wave1)
    assert all(r["sent_at"] is not None and r["error"] is None for r in log)
    printed = Counter(first.delivered() + second.delivered())
    assert set(printed) == {r["id"] for r in log}  # nothing lost
    # A delivery is printed twice only if the kill fell between printing it and recording it: the row
    # then says so (at-least-once in that window; Discord drops the repeat by its nonce).
    twice = {d for d, n in printed.items() if n > 1}
    interrupted = {r["id"] for r in log if r["note"] and "sent again" in r["note"]}
    assert twice <= interrupted
    assert all(n <= 2 for n in printed.values())
    assert "late: this was due" in second.stdout().lower()


async def test_two_processes_deliver_once_and_the_standby_takes_over(live_app, backend, db_url, tmp_path):
    """On PostgreSQL the advisory lock elects the dispatcher; on SQLite the lock file does."""
    await live_app.reminders.configure_guild(
        1, ADMIN, live_app.now(), channel_id=555, offsets="1m", digest=False
    )
    a, b = Proc("a", db_url, tmp_path), Proc("b", db_url, tmp_path)
    procs = [a, b]
    try:
        await _until(lambda: a.leads or b.leads, 30, "one process to dispatch")
        await asyncio.sleep(1.5)  # the other stays a standby
        leader, standby = (a, b) if a.leads else (b, a)
        assert not standby.leads
        # Written by this (other) process once the leader runs: its reminder is due in 14 s, then moved.
        now = live_app.now()
        event = await live_app.events.create(
            EventDraft(
                title="Moved meeting", kind="meeting", start=now + dt.timedelta(seconds=74), timezone="UTC"
            ),
            OPERATOR,
            now,
        )
        now = live_app.now()
        wave1 = [await _personal(live_app, f"u{i}", now + dt.timedelta(seconds=1.5 + i * 0.05), f"one {i}")
                 for i in range(10)]  # fmt: skip
        wave2 = [await _personal(live_app, f"v{i}", now + dt.timedelta(seconds=7 + i * 0.05), f"two {i}")
                 for i in range(10)]  # fmt: skip
        # An edit written by another process: the event moves 4 s earlier; its reminder must follow.
        async with live_app.db.begin() as session:
            await session.execute(
                update(Event)
                .where(Event.id == event.id)
                .values(
                    start_at=event.start_at - dt.timedelta(seconds=4),
                    end_at=event.end_at - dt.timedelta(seconds=4),
                    sequence=event.sequence + 1,
                )
            )
        await _until(lambda: len(leader.delivered()) >= 10, 15, "the first wave")
        await asyncio.sleep(0.3)
        leader.kill()
        killed = time.monotonic()
        took = await _until(lambda: standby.leads, 15, "the standby to take over")
        assert took < 15
        rebuilt = re.search(r"(\d+) wake jobs rebuilt from the tables", standby.stderr())
        assert rebuilt and int(rebuilt[1]) >= 5  # the second wave's moments, from the tables
        # (the moved reminder falls due around the kill: before it from the leader, else from the standby)
        await _until(
            lambda: len(set(a.delivered() + b.delivered())) >= 21, 20, "the second wave and the moved one"
        )
        await asyncio.sleep(1)
        assert time.monotonic() - killed < 30
    finally:
        codes = sorted(p.stop() for p in procs)
    assert codes == [-9, 0]
    log = _log(db_url, tmp_path)
    printed = Counter(a.delivered() + b.delivered())
    assert all(n == 1 for n in printed.values()), printed  # no kill fell inside a send: exactly once
    assert set(printed) == {r["id"] for r in log}
    personal = {r["reminder_id"] for r in log if r["event_id"] is None}
    assert personal == set(wave1) | set(wave2)
    (moved,) = [r for r in log if r["event_id"] == event.id]
    assert moved["status"] == "sent" and moved["target"] == "channel:555"
    assert dt.datetime.fromisoformat(moved["due_at"]) == event.start_at - dt.timedelta(seconds=64)
    assert moved["occurrence"].endswith(":1m")
    assert set(standby.delivered()) >= {r["id"] for r in log if r["reminder_id"] in wave2}

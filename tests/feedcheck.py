"""Checking feeds the way real clients read them: Mozilla's ical.js (Node) and the strict `ical` package."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.services.feeds import FeedEventData

ROOT = Path(__file__).resolve().parent.parent
NPM_DIR = ROOT / ".npm-test"  # ignored by git
ICALJS_VERSION = "2.2.1"
ICALJS = NPM_DIR / "node_modules" / "ical.js" / "dist" / "ical.js"
CHECKER = Path(__file__).resolve().parent / "js" / "icaljs_check.mjs"
REQUIRE_NODE = os.environ.get("CBMBOT_REQUIRE_NODE") == "1"
BASE = "https://cbm.example.org"


def ensure_icaljs() -> Path:
    """ical.js, pinned, installed with npm into .npm-test/ when missing (one test worker at a time)."""
    NPM_DIR.mkdir(exist_ok=True)
    with (NPM_DIR / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return _install_icaljs()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _install_icaljs() -> Path:
    package = NPM_DIR / "node_modules" / "ical.js" / "package.json"
    if package.exists() and json.loads(package.read_text())["version"] == ICALJS_VERSION:
        return ICALJS
    npm = shutil.which("npm")
    if npm is None:
        if REQUIRE_NODE:
            pytest.fail("CBMBOT_REQUIRE_NODE=1 but npm is not installed")
        pytest.skip("npm is not installed")
    done = subprocess.run(
        [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(NPM_DIR),
         f"ical.js@{ICALJS_VERSION}"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if done.returncode != 0 or not ICALJS.exists():
        message = f"npm could not install ical.js {ICALJS_VERSION}: {done.stderr.strip()[-400:]}"
        if REQUIRE_NODE:
            pytest.fail(message)
        pytest.skip(message)
    return ICALJS


def icaljs_read(node: str, files: Sequence[Path]) -> list[dict]:
    """What ical.js reads from each file; fails the test on any parse error."""
    module = ensure_icaljs()
    done = subprocess.run(
        [node, str(CHECKER), str(module), *map(str, files)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert len(results) == len(files)
    for result in results:
        assert "error" not in result, f"ical.js could not read {result['file']}: {result['error']}"
    return results


def strict_read(body: bytes):
    """The strict `ical` package (no compatibility mode): raises on anything not RFC 5545."""
    from ical.calendar_stream import IcsCalendarStream

    return IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))


def make_event(
    event_id: int,
    title: str = "Meeting",
    *,
    start: dt.datetime | dt.date = dt.datetime(2026, 7, 15, 10, 0),
    end: dt.datetime | dt.date | None = None,
    zone: str = "Europe/Vienna",
    status: str = "scheduled",
    description: str = "",
    location: str | None = "Vienna, Austria",
    sequence: int = 0,
    updated_at: dt.datetime = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC),
    fold: int = 0,
    cbms: tuple[tuple[int, str], ...] = ((8, "Points of contact"),),
    countries: tuple[str, ...] = ("Austria",),
) -> FeedEventData:
    """Event data as the service builds it: start/end given as local wall time in ``zone``."""
    tz = ZoneInfo(zone)
    if isinstance(start, dt.datetime):
        start_at = start.replace(tzinfo=tz, fold=fold).astimezone(dt.UTC)
        end_at = (end.replace(tzinfo=tz) if isinstance(end, dt.datetime) else start.replace(tzinfo=tz)
                  + dt.timedelta(hours=1)).astimezone(dt.UTC)  # fmt: skip
        first_day = end_day = None
        all_day = False
    else:
        last = end if isinstance(end, dt.date) else start
        first_day, end_day = start, last + dt.timedelta(days=1)
        start_at = dt.datetime.combine(start, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
        end_at = dt.datetime.combine(end_day, dt.time(0), tzinfo=tz).astimezone(dt.UTC)
        all_day = True
    return FeedEventData(
        id=event_id,
        title=title,
        kind="meeting",
        kind_label="Meeting",
        description=description,
        status=status,
        status_reason="moved to spring" if status == "postponed" else None,
        start_at=start_at,
        end_at=end_at,
        timezone=zone,
        all_day=all_day,
        first_day=first_day,
        end_day=end_day,
        location=location,
        online=False,
        url=None,
        organisers=("OSCE Secretariat",),
        countries=countries,
        cbms=cbms,
        sequence=sequence,
        created_at=dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC),
        updated_at=updated_at,
    )


def assert_instants(events: Sequence[FeedEventData], read: dict) -> None:
    """The instants ical.js reads equal zoneinfo's (timed) and the local days (all-day)."""
    by_uid = {e["uid"]: e for e in read["events"]}
    assert len(by_uid) == len(events)
    for ev in events:
        got = by_uid[f"event-{ev.id}@cbm.example.org"]
        if ev.all_day:
            assert got["isDate"] and got["start"] == ev.first_day.isoformat()
            assert got["end"] == ev.end_day.isoformat()
        else:
            assert not got["floating"], f"event {ev.id} read as floating time"
            assert got["start"] == int(ev.start_at.timestamp()), (ev.id, ev.start_at, got)
            assert got["end"] == int(ev.end_at.timestamp()), (ev.id, ev.end_at, got)

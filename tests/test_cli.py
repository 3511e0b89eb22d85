"""`cbmbot` as a user runs it: real processes, the contract's exit codes and JSON shapes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONTRACT_EVENT_KEYS = {
    "id",
    "title",
    "kind",
    "start",
    "end",
    "timezone",
    "all_day",
    "location",
    "online",
    "countries",
    "cbms",
    "status",
    "url",
    "approximate",
}


def cbmbot(data_dir: Path, *args: str, timezone: str = "UTC") -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "CBMBOT_DATA_DIR": str(data_dir), "CBMBOT_TIMEZONE": timezone}
    env["CBMBOT_EMBEDDER"] = (
        "none"  # the CLI's own behaviour; semantic answers: tests/test_answers_semantic.py
    )
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=data_dir,
    )


@pytest.fixture(scope="module")
def seeded_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-template")
    assert cbmbot(folder, "db", "upgrade").returncode == 0
    result = cbmbot(folder, "seed")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def data_dir(seeded_dir, tmp_path) -> Path:
    shutil.copyfile(seeded_dir / "cbmbot.sqlite3", tmp_path / "cbmbot.sqlite3")
    return tmp_path


def test_fresh_directory_needs_migration_first(tmp_path):
    result = cbmbot(tmp_path, "chat", "/cbm number:8")
    assert result.returncode == 1
    assert result.stderr.strip() == "cbmbot: the database has no schema yet: run `cbmbot db upgrade`"


def test_seed_twice_reports_nothing_changed(data_dir):
    result = cbmbot(data_dir, "seed")
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "cbms: 0 created, 0 updated, 16 unchanged",
        "countries: 0 created, 0 updated, 82 unchanged",
        "events: 0 created, 0 updated, 19 unchanged",
    ]


def test_chat_answers_the_done_when_questions(data_dir):
    cbm = cbmbot(data_dir, "chat", "/cbm number:8")
    assert cbm.returncode == 0 and "Points of Contact" in cbm.stdout and "PC.DEC/1106" in cbm.stdout
    past = cbmbot(data_dir, "chat", "/event past")
    assert past.returncode == 0 and "Past events" in past.stdout and "#" in past.stdout
    turkey = cbmbot(data_dir, "chat", "/country name:Turkey")
    assert turkey.returncode == 0 and "Türkiye is an OSCE participating State." in turkey.stdout


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("/evnt past", "did you mean /event past?"),
        ("/cbm number:17", "There is no CBM 17"),
        ("/country nme:Turkey", "did you mean name?"),
    ],
)
def test_chat_refusals_exit_2(data_dir, message, reason):
    result = cbmbot(data_dir, "chat", message)
    assert result.returncode == 2
    assert reason in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_events_add_list_cancel(data_dir):
    added = cbmbot(
        data_dir,
        "events",
        "add",
        "--title",
        "PoC communication check debrief",
        "--kind",
        "meeting",
        "--start",
        "2026-12-03T14:30",
        "--end",
        "2026-12-03T16:00",
        "--timezone",
        "Europe/Vienna",
        "--location",
        "Hofburg, Vienna",
        "--country",
        "Austria",
        "--country",
        "Schweiz",
        "--cbm",
        "8",
    )
    assert added.returncode == 0, added.stderr
    event_id = int(added.stdout.splitlines()[0])
    listed = cbmbot(data_dir, "events", "list", "--upcoming", "--json")
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows] == [event_id]
    row = rows[0]
    assert set(row) == CONTRACT_EVENT_KEYS
    assert row["start"] == "2026-12-03T14:30:00+01:00"
    assert row["end"] == "2026-12-03T16:00:00+01:00"
    assert row["countries"] == ["Austria", "Switzerland"]
    assert row["cbms"] == [8] and row["status"] == "scheduled" and row["all_day"] is False
    cancelled = cbmbot(data_dir, "events", "cancel", str(event_id))
    assert cancelled.returncode == 0
    row = next(
        r for r in json.loads(cbmbot(data_dir, "events", "list", "--json").stdout) if r["id"] == event_id
    )
    assert row["status"] == "cancelled"
    again = cbmbot(data_dir, "events", "cancel", str(event_id))
    assert again.returncode == 2 and "already cancelled" in again.stderr


def test_all_day_event_from_a_date(data_dir):
    added = cbmbot(
        data_dir,
        "events",
        "add",
        "--title",
        "Study visit",
        "--kind",
        "study_visit",
        "--start",
        "2027-03-01",
        "--end",
        "2027-03-03",
        "--timezone",
        "Europe/Tallinn",
    )
    assert added.returncode == 0, added.stderr
    rows = json.loads(
        cbmbot(data_dir, "events", "list", "--upcoming", "--kind", "study_visit", "--json").stdout
    )
    assert rows[0]["all_day"] is True
    assert rows[0]["start"] == "2027-03-01T00:00:00+02:00"
    assert rows[0]["end"] == "2027-03-04T00:00:00+02:00"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--start", "2026-02-30"], "is not a valid ISO 8601 date"),
        (["--start", "2026-05-01", "--kind", "party"], "unknown kind 'party'"),
        (["--start", "2026-05-01", "--timezone", "Mars/Base"], "unknown time zone 'Mars/Base'"),
        (["--start", "2026-05-03", "--end", "2026-05-01"], "the end 2026-05-01 is before the start"),
        (["--start", "2026-03-29T02:30", "--timezone", "Europe/Vienna"], "does not exist in Europe/Vienna"),
        (["--start", "2026-10-25T02:30", "--timezone", "Europe/Vienna"], "happens twice in Europe/Vienna"),
        (["--start", "1850-01-01"], "outside the years 1900-2100"),
        (["--start", "2026-05-01", "--country", "Atlantis"], "no country or partner called 'Atlantis'"),
        (["--start", "2026-05-01", "--cbm", "17"], "unknown CBM 17"),
        (["--start", "2026-05-01", "--title", "x" * 201], "at most 200 are allowed"),
        (["--start", "2026-05-01", "--url", "javascript:alert(1)"], "must start with http"),
    ],
)
def test_events_add_bad_input_exits_2_and_writes_nothing(data_dir, args, reason):
    base = {"--title": "Workshop", "--kind": "workshop"}
    for i in range(0, len(args), 2):
        base[args[i]] = args[i + 1]
    flat = [part for pair in base.items() for part in pair]
    before = cbmbot(data_dir, "events", "list", "--json").stdout
    result = cbmbot(data_dir, "events", "add", *flat)
    assert result.returncode == 2, result.stderr
    assert reason in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert cbmbot(data_dir, "events", "list", "--json").stdout == before


def test_usage_errors_exit_2(data_dir):
    assert cbmbot(data_dir, "events", "frobnicate").returncode == 2
    assert cbmbot(data_dir, "events", "cancel", "abc").returncode == 2
    assert cbmbot(data_dir, "events", "cancel", "999").returncode == 2


def test_contacts_add_and_list_are_audited(data_dir):
    added = cbmbot(
        data_dir,
        "contacts",
        "add",
        "--country",
        "Estonia",
        "--name",
        "Mari Tamm",
        "--type",
        "technical",
        "--email",
        "mari@example.ee",
        "--phone",
        "+372 600 0000",
    )
    assert added.returncode == 0, added.stderr
    rows = json.loads(cbmbot(data_dir, "contacts", "list", "--country", "Eesti", "--json").stdout or "[]")
    if not rows:  # Estonian endonym may not be among the stored names; the English one is
        rows = json.loads(cbmbot(data_dir, "contacts", "list", "--country", "Estonia", "--json").stdout)
    assert (
        rows[0]["name"] == "Mari Tamm" and rows[0]["type"] == "technical" and rows[0]["country"] == "Estonia"
    )
    bad = cbmbot(
        data_dir,
        "contacts",
        "add",
        "--country",
        "Estonia",
        "--name",
        "X",
        "--type",
        "policy",
        "--email",
        "not-an-email",
    )
    assert bad.returncode == 2 and "is not an email address" in bad.stderr


def test_output_cut_short_by_the_reader_is_not_an_error(data_dir):
    """`cbmbot … | head`: the reader is gone before the reply is written (read end closed at once)."""
    env = {"PATH": os.environ["PATH"], "CBMBOT_DATA_DIR": str(data_dir), "CBMBOT_EMBEDDER": "none"}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "/cbm"],
        env=env, cwd=data_dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0, err
    assert err == ""

"""`cbmbot chat "/commcheck start …"` and `cbmbot commcheck report ID [--json]` as real processes."""

from __future__ import annotations

import json

from tests.test_cli import cbmbot, data_dir, seeded_dir  # noqa: F401  (fixtures)

REPORT_KEYS = {"id", "status", "sent", "acknowledged", "late", "unanswered", "undeliverable",
               "median_seconds", "p90_seconds", "contacts"}  # fmt: skip
CONTACT_KEYS = {"name", "country", "type", "channel", "sent_at", "ack_at", "seconds", "status"}


def test_start_prints_the_id_and_the_report_keeps_the_contract(data_dir):  # noqa: F811
    added = cbmbot(data_dir, "contacts", "add", "--country", "Austria", "--name", "Anna", "--type", "policy",
                   "--discord-id", "111")  # fmt: skip
    assert added.returncode == 0, added.stderr
    cbmbot(data_dir, "contacts", "add", "--country", "Malta", "--name", "Mark", "--type", "technical")
    refused = cbmbot(data_dir, "chat", "/commcheck start scope:all deadline:2h")
    assert refused.returncode == 2 and "for admins" in refused.stdout + refused.stderr
    started = cbmbot(data_dir, "chat", "/commcheck start scope:all deadline:2h", "--role", "admin")
    assert started.returncode == 0, started.stderr
    assert "Communication check #1 started: 2 points of contact" in started.stdout
    report = cbmbot(data_dir, "commcheck", "report", "1", "--json")
    assert report.returncode == 0, report.stderr
    body = json.loads(report.stdout)
    assert set(body) >= REPORT_KEYS and body["id"] == 1 and body["status"] == "open"
    assert all(set(c) >= CONTACT_KEYS for c in body["contacts"])
    mark = next(c for c in body["contacts"] if c["name"] == "Mark")
    assert mark["status"] == "undeliverable" and mark["channel"] == "none"
    text = cbmbot(data_dir, "commcheck", "report", "1", "--csv", "out.csv", "--chart", "out.png")
    assert text.returncode == 0 and "check #1 (open): 2 contacts" in text.stdout
    assert (data_dir / "out.png").read_bytes().startswith(b"\x89PNG")
    assert "Mark" in (data_dir / "out.csv").read_text(encoding="utf-8-sig")
    missing = cbmbot(data_dir, "commcheck", "report", "99")
    assert missing.returncode == 2 and "no check #99" in missing.stderr
    bad = cbmbot(data_dir, "commcheck", "report", "x")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr

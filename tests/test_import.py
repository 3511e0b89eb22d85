"""Importing events: .ics (with recurrences), YAML, JSON, CSV; per-row outcomes; re-import changes
nothing; a malformed file writes nothing. Service on both backends, the CLI, the console and Discord."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import discord
import pytest
from sqlalchemy import func, select

from bot.cli import main
from bot.console import handle_line
from bot.errors import BadInput
from bot.services.principal import OPERATOR, Principal, Role
from bot.timeutil import zone
from storage.models import AuditEntry, Event
from tests.helpers import interaction_payload, make_bot, recording

DATA = Path(__file__).parent / "data"
VIENNA = zone("Europe/Vienna")


async def _count(app) -> int:
    async with app.db() as session:
        return await session.scalar(select(func.count()).select_from(Event))


async def _import(app, name, data, now):
    return await app.imports.import_file(name, data, OPERATOR, now, default_zone=VIENNA)


async def test_mixed_ics_reports_each_row_and_reimport_creates_nothing(app, now):
    before = await _count(app)
    report = await _import(app, "mixed.ics", (DATA / "mixed.ics").read_bytes(), now)
    outcomes = {r.where: (r.outcome, r.reason) for r in report.results}
    assert report.count("created") == 6 and report.count("rejected") == 5
    assert outcomes["UID bad-end-4@example.org"][1].startswith("the end")
    assert "Atlantis" in outcomes["UID bad-country-5@example.org"][1]
    assert "does not exist in Europe/Vienna" in outcomes["UID gap-6@example.org"][1]
    assert "outside the years 1900-2100" in outcomes["UID old-7@example.org"][1]
    assert "no SUMMARY" in outcomes["UID notitle-8@example.org"][1]
    # the weekly series is expanded into its three occurrences
    assert [w for w in outcomes if w.startswith("UID weekly-3")] == [
        "UID weekly-3@example.org (20261201T090000Z)",
        "UID weekly-3@example.org (20261208T090000Z)",
        "UID weekly-3@example.org (20261215T090000Z)",
    ]
    assert await _count(app) == before + 6

    async with app.db() as session:
        conference = (await session.scalars(select(Event).where(Event.uid == "good-1@example.org"))).one()
        visit = (await session.scalars(select(Event).where(Event.uid == "allday-2@example.org"))).one()
        called_off = (
            await session.scalars(select(Event).where(Event.uid == "cancelled-9@example.org"))
        ).one()
        creations = await session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "event.create")
        )
    assert conference.kind == "conference" and conference.cbm_numbers == [8]
    assert [c.name for c in conference.countries] == ["Austria", "Switzerland"]
    assert conference.timezone == "Europe/Vienna"
    assert conference.start_at == dt.datetime(2027, 3, 3, 8, 30, tzinfo=dt.UTC)
    assert visit.all_day and visit.kind == "study_visit"
    assert (visit.end_at - visit.start_at) == dt.timedelta(days=3)  # DTEND is exclusive
    assert called_off.status == "cancelled"
    assert creations == 6

    again = await _import(app, "mixed.ics", (DATA / "mixed.ics").read_bytes(), now)
    assert again.count("created") == 0 and again.count("updated") == 0 and again.count("unchanged") == 6
    assert await _count(app) == before + 6


async def test_changed_file_updates_by_uid_and_raises_sequence(app, now):
    text = (DATA / "mixed.ics").read_text()
    await _import(app, "mixed.ics", text.encode(), now)
    changed = text.replace("LOCATION:Hofburg", "LOCATION:Redoutensaal")
    report = await _import(app, "mixed.ics", changed.encode(), now)
    assert report.count("updated") == 1 and report.count("created") == 0
    async with app.db() as session:
        event = (await session.scalars(select(Event).where(Event.uid == "good-1@example.org"))).one()
    assert event.location == "Redoutensaal" and event.sequence == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.ics", b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n", "not a valid iCalendar"),
        ("broken.json", b'[{"title": "x", ', "JSON file is malformed at line 1"),
        ("broken.yaml", b"- title: x\n  start: [unclosed\n", "YAML file is malformed"),
        ("scalar.yaml", b"just text\n", "must hold a list"),
        ("nohead.csv", b"name,when\nx,2027-01-01\n", "needs a header row"),
        ("notes.txt", b"hello", "give a .ics, .yaml, .yml, .json or .csv"),
        ("latin1.csv", "title,start\nCaf\xe9,2027-01-01\n".encode("latin-1"), "not UTF-8"),
    ],
)
async def test_malformed_file_is_refused_whole_and_writes_nothing(app, now, name, data, message):
    before = await _count(app)
    with pytest.raises(BadInput, match=message):
        await _import(app, name, data, now)
    assert await _count(app) == before


async def test_yaml_json_csv_rows_with_lines(app, now):
    yaml_text = """events:
  - uid: ext-1
    title: Workshop on CBM 3
    kind: workshop
    start: 2027-04-01T09:00
    end: 2027-04-01T12:00
    countries: [Austria, Finland]
    cbms: [3]
  - title: No start here
    kind: workshop
  - title: Bad kind
    kind: party
    start: 2027-04-02
"""
    report = await _import(app, "events.yaml", yaml_text.encode(), now)
    assert [(r.where, r.outcome) for r in report.results] == [
        ("line 2 (UID ext-1)", "created"),
        ("line 9", "rejected"),
        ("line 11", "rejected"),
    ]
    assert report.results[1].reason == "no start"
    assert "unknown kind 'party'" in report.results[2].reason

    rows = [{"external_id": "j-1", "title": "JSON event", "kind": "meeting", "start": "2027-05-01"},
            {"title": "No id", "kind": "meeting", "start": "2027-05-02", "online": "perhaps"}]  # fmt: skip
    report = await _import(app, "events.json", json.dumps(rows).encode(), now)
    assert [(r.where, r.outcome) for r in report.results] == [
        ("item 1 (UID j-1)", "created"),
        ("item 2", "rejected"),
    ]

    csv_text = (
        "title,kind,start,end,timezone,countries,cbms\n"
        'CSV one,conference,2027-06-01T10:00,2027-06-01T12:00,Europe/Berlin,"Germany, France","8"\n'
        "CSV two,training,2027-06-05,,,,\n"
        "CSV bad,training,2027-02-30,,,,\n"
    )
    report = await _import(app, "events.csv", csv_text.encode(), now)
    assert [(r.where, r.outcome) for r in report.results] == [
        ("line 2", "created"),
        ("line 3", "created"),
        ("line 4", "rejected"),
    ]
    again = await _import(app, "events.csv", csv_text.encode(), now)  # rows without ids match too
    assert again.count("created") == 0 and again.count("unchanged") == 2


def test_cli_import_exit_codes_and_json(settings, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CBMBOT_DATABASE_URL", str(settings.database_url))
    monkeypatch.setenv("CBMBOT_TIMEZONE", "Europe/Vienna")
    good = tmp_path / "good.csv"
    good.write_text("title,kind,start\nFrom the CLI,meeting,2027-01-10\n")
    assert main(["events", "import", str(good)]) == 0
    assert "1 created" in capsys.readouterr().out
    assert main(["events", "import", str(good), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == 1
    assert main(["events", "import", str(DATA / "mixed.ics")]) == 2
    captured = capsys.readouterr()
    assert "rejected UID gap-6@example.org" in captured.out and "5 rows rejected" in captured.err
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    assert main(["events", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cbmbot: the JSON file is malformed") and "Traceback" not in err
    assert main(["events", "import", str(tmp_path / "missing.ics")]) == 2


async def test_console_import_for_organisers_only(app):
    path = str(DATA / "mixed.ics")
    text, ok = await handle_line(app, Principal("cli:m", "m"), f"/event import file:{path}")
    assert not ok and "organiser role" in text
    organiser = Principal("cli:o", "o", frozenset({Role.organiser}))
    text, ok = await handle_line(app, organiser, f"/event import file:{path}")
    assert ok and "6 created" in text and "Rejected (5)" in text
    assert "gap-6@example.org" in text
    # typed in a Discord message (the mentions path), a path is never read from the bot's machine
    from bot.commands import REGISTRY
    from bot.console import make_context

    ctx = make_context(app, organiser, transport="discord")
    reply = await REGISTRY.handle_message(ctx, f"/event import file:{path}")
    assert not reply.ok and "Attach the file" in reply.text


async def test_slash_import_with_an_attachment(app, monkeypatch):
    bot = await make_bot(app)
    data = (DATA / "mixed.ics").read_bytes()

    async def fake_read(self, *, use_cached=False):
        return data

    monkeypatch.setattr(discord.Attachment, "read", fake_read)
    try:
        for roles, expected in (((), "organiser role"), (("organiser",), "6 created")):
            payload = interaction_payload(bot, "/event import file:777", roles=roles)
            payload["data"]["options"][0]["options"][0]["value"] = "777"
            payload["data"]["resolved"] = {"attachments": {"777": {
                "id": "777", "filename": "mixed.ics", "size": len(data), "url": "https://cdn.invalid/mixed.ics",
                "proxy_url": "https://cdn.invalid/mixed.ics", "content_type": "text/calendar"}}}  # fmt: skip
            with recording() as adapter:
                await bot.tree._call(discord.Interaction(data=payload, state=bot._connection))
            assert expected in adapter.sent[-1].text, adapter.sent
    finally:
        await bot.close()


# ---- a large .ics never holds the GIL (and so the event loop) in one long call; no full GC meanwhile


def _big_calendar(count: int) -> str:
    zone_block = (
        "BEGIN:VTIMEZONE\r\nTZID:Custom/Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:big-{n}@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;TZID=Custom/Zone:2027{1 + n % 12:02d}{1 + n % 28:02d}T090000\r\n"
        f"SUMMARY:Workshop number {n} with a long title that is folded over two\r\n  lines\r\nEND:VEVENT\r\n"
        for n in range(count)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{zone_block}{events}END:VCALENDAR\r\n"


def test_a_large_calendar_is_read_in_pieces_with_the_same_rows(monkeypatch):
    from bot.services import imports
    from bot.services.imports import calendar_parts, read_ics

    text = _big_calendar(450)
    parts = list(calendar_parts(text))
    assert len(parts) == 3 and all(p.count("BEGIN:VTIMEZONE") == 1 for p in parts)
    assert all(p.startswith("BEGIN:VCALENDAR") and p.endswith("END:VCALENDAR\r\n") for p in parts)
    window = (dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2029, 1, 1, tzinfo=dt.UTC))
    rows = read_ics(text, zone("UTC"), window)
    assert [r.where for r in rows] == [f"UID big-{n}@example.org" for n in range(450)]
    assert rows[7].draft.title == "Workshop number 7 with a long title that is folded over two lines"
    monkeypatch.setattr(imports, "PART_EVENTS", 10_000)
    assert len(list(calendar_parts(text))) == 1
    assert read_ics(text, zone("UTC"), window) == rows  # the same rows as from the whole file
    # a file of another shape (two calendars) is given to icalendar whole
    assert list(calendar_parts(text + text)) == [text + text]


async def test_no_full_garbage_collection_while_an_import_runs(app, now):
    import gc

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    app.imports.events.listeners.append(lambda: seen.append(gc.get_threshold()))
    report = await app.imports.import_file(
        "big.ics", _big_calendar(5).encode(), OPERATOR, now, default_zone=zone("UTC")
    )
    assert report.count("created") == 5
    assert seen and seen[0][2] > 10**9 and seen[0][:2] == before[:2]
    assert gc.get_threshold() == before

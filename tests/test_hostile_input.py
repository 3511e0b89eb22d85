"""Issue 10: hostile and messy input never hurts the service, and nobody's edit is lost. One test (or more)
per finding, on SQLite and PostgreSQL where the database is involved."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import time
from email.utils import format_datetime, parsedate_to_datetime

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.console import handle_line
from bot.errors import BadInput
from bot.services.imports import MAX_OCCURRENCES, decode, read_rows, read_upload
from bot.services.principal import OPERATOR, Principal, Role
from bot.services.text_rule import ascii_number, check_url, clean_line, clean_text
from bot.timeutil import zone
from calendars.feeds import FeedCache
from storage.models import Event
from tests.feedcheck import strict_read
from tests.test_feeds_http import server  # noqa: F401  (fixture)

from .conftest import NOW

UTC = zone("UTC")
WINDOW = (NOW - dt.timedelta(days=365), NOW + dt.timedelta(days=730))
ORGANISER = Principal("cli:olga", "olga", frozenset({Role.organiser}))
BAD_URL = "https://x.org/\r\nX-EVIL:1"


def ics(*vevents: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{v.strip()}\r\nEND:VEVENT\r\n" for v in vevents)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n{body}END:VCALENDAR\r\n".encode()


def series(rule: str, start: str = "20250101T000000Z") -> bytes:
    return ics(f"UID:a@b\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:{start}\r\nSUMMARY:x\r\nRRULE:{rule}")


# ------------------------------------------------------------------------------------- bounded imports


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        ("FREQ=MINUTELY", "20250101T000000Z"),  # the 172-byte file of the report
        ("FREQ=MINUTELY", "19700101T000000Z"),  # decades of minutes before the window
        ("FREQ=HOURLY", "20250101T000000Z"),
        ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "20250101T000000Z"),  # never matches
        ("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", "20250101T000000Z"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "19000101T000000Z"),
        ("FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12;BYMINUTE=0,1,2,3,4,5,6,7,8,9", "19900101T000000Z"),
    ],
)
def test_recurrence_bombs_are_refused_within_bounded_time(rule, start):
    began = time.perf_counter()
    rows = read_rows("bomb.ics", series(rule, start), UTC, WINDOW)
    elapsed = time.perf_counter() - began
    assert elapsed < 10  # was: over 30 s and 1.9 GB, then MemoryError
    assert len(rows) <= 1
    if rows:
        assert rows[0].problem and ("occurrences" in rows[0].problem or "series" in rows[0].problem)


def test_a_series_inside_the_cap_is_expanded_lazily_with_overrides_and_exdates():
    data = ics(
        "UID:w@b\r\nDTSTART;TZID=Europe/Vienna:20261201T100000\r\nDTEND;TZID=Europe/Vienna:20261201T110000\r\n"
        "SUMMARY:Weekly\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Vienna:20261208T100000",
        "UID:w@b\r\nRECURRENCE-ID;TZID=Europe/Vienna:20261215T100000\r\n"
        "DTSTART;TZID=Europe/Vienna:20261215T140000\r\nDTEND;TZID=Europe/Vienna:20261215T150000\r\n"
        "SUMMARY:Weekly (moved)",
    )
    rows = read_rows("w.ics", data, UTC, WINDOW)
    assert [r.where for r in rows] == [
        "UID w@b (20261201T090000Z)",
        "UID w@b (20261215T090000Z)",
        "UID w@b (20261222T090000Z)",
    ]
    assert rows[1].draft.title == "Weekly (moved)" and rows[1].draft.start.hour == 14
    assert rows[0].draft.timezone == "Europe/Vienna" and rows[0].draft.end.hour == 11
    assert all(r.problem is None for r in rows)


def test_daily_series_over_the_cap_is_one_rejected_row():
    rows = read_rows("d.ics", series("FREQ=DAILY", "20261101T090000Z"), UTC, WINDOW)
    assert len(rows) == 1 and f"more than {MAX_OCCURRENCES} occurrences" in rows[0].problem


def test_yaml_alias_bomb_is_refused_at_once():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        prev, cur = chr(ord("a") + n - 1), chr(ord("a") + n)
        levels.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(levels) + "\nevents:\n  - title: *i\n    start: 2027-01-01\n"
    began = time.perf_counter()
    with pytest.raises(BadInput, match=r"alias \(\*a\) at line 2"):
        read_rows("bomb.yaml", text.encode(), UTC, WINDOW)
    assert time.perf_counter() - began < 2


def test_deep_json_is_a_clear_refusal_not_a_recursion_error():
    with pytest.raises(BadInput, match="nested more than"):
        read_rows("deep.json", b"[" * 100_000 + b"]" * 100_000, UTC, WINDOW)
    # brackets inside strings do not count
    rows = read_rows(
        "ok.json", json.dumps([{"title": "[[[[" * 50, "start": "2027-01-01"}]).encode(), UTC, WINDOW
    )
    assert rows[0].problem is None


@pytest.mark.parametrize(
    "data",
    [b"\r\x00", b"title,start\r\x00,2027-01-01\n", b'"title\r\x00",start\n'],
    ids=["bare-cr-nul", "nul-after-cr-in-a-row", "quoted-header"],
)
def test_a_csv_with_a_carriage_return_beside_a_nul_is_answered_not_an_internal_error(data):
    """Found by Hypothesis in CI: ``b"\\r\\x00"`` escaped the CSV reader as a bare ``_csv.Error``."""
    try:
        rows = read_rows("x.csv", data, UTC, WINDOW)
    except BadInput as exc:
        assert "CSV" in str(exc) or "NUL" in str(exc) or "header" in str(exc)
    else:
        for row in rows:
            assert (row.draft is None) != (row.problem is None)


def test_encodings_utf8_bom_utf16_bom_and_a_refusal_naming_the_line():
    csv_text = "title,start\nCafé,2027-01-01\n"
    assert decode(codecs.BOM_UTF8 + csv_text.encode()) == csv_text
    assert decode(csv_text.encode("utf-16")) == csv_text  # with its byte-order mark
    latin1 = "title,start\nfine,2027-01-01\nCafé,2027-01-02\n".encode("latin-1")
    with pytest.raises(BadInput, match=r"line 3 has a byte that is not UTF-8 \(0xE9\)"):
        read_rows("x.csv", latin1, UTC, WINDOW)
    with pytest.raises(BadInput, match="line 2"):
        read_rows("x.ics", "BEGIN:VCALENDAR\r\nX:é\r\n".encode("cp1252"), UTC, WINDOW)


def test_cli_reads_only_regular_files_within_the_limit(tmp_path):
    with pytest.raises(BadInput, match="not a regular file"):
        read_upload("/dev/zero", 1024)
    with pytest.raises(BadInput, match="not a regular file"):
        read_upload(tmp_path, 1024)
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    with pytest.raises(BadInput, match="not a regular file"):
        read_upload(fifo, 1024)  # never blocks waiting for a writer
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(BadInput, match="at most 1024"):
        read_upload(big, 1024)


def test_cli_import_refuses_dev_zero_and_big_files(settings, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CBMBOT_DATABASE_URL", str(settings.database_url))
    monkeypatch.setenv("CBMBOT_IMPORT_MAX_BYTES", "2048")
    assert main(["events", "import", "/dev/zero"]) == 2
    assert "not a regular file" in capsys.readouterr().err
    big = tmp_path / "big.csv"
    big.write_text("title,start\n" + "x,2027-01-01\n" * 400)
    assert main(["events", "import", str(big)]) == 2
    err = capsys.readouterr().err
    assert "at most 2048" in err and "Traceback" not in err


async def test_the_import_service_refuses_files_over_the_limit(app, now):
    app.imports.max_bytes = 1024
    with pytest.raises(BadInput, match="at most 1024"):
        await app.imports.import_file("x.csv", b"x" * 2000, OPERATOR, now, default_zone=UTC)


# ------------------------------------------------------------------------------------- the text rule


def test_the_text_rule():
    assert clean_text("a\x0bb\x1b[31mc\x7fd\x85e\r\nf", "title", 100) == "a\nb[31mcd\ne\nf"
    assert clean_line("Title\twith\nbreaks", "title", 100) == "Title with breaks"
    with pytest.raises(BadInput, match="NUL"):
        clean_text("a\x00b", "title", 100)
    with pytest.raises(BadInput, match="at most 3"):
        clean_text("abcd", "title", 3)
    assert check_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in [
        BAD_URL,
        "https://x.org/a b",
        "javascript:alert(1)",
        "https://",
        "http://[::1",
        "ftp://x.org",
    ]:
        with pytest.raises(BadInput):
            check_url(bad)


async def test_bad_url_is_refused_in_chat_and_import(app, now):
    text, ok = await handle_line(
        app,
        ORGANISER,
        f'/event add title:"Evil" kind:meeting start:2027-01-10 url:"{BAD_URL}"',
        transport="cli",
    )
    assert not ok and "control character" in text
    rows = [
        {"title": "Evil", "start": "2027-01-10", "url": BAD_URL},
        {"title": "Fine", "start": "2027-01-11"},
    ]
    report = await app.imports.import_file(
        "x.json", json.dumps(rows).encode(), OPERATOR, now, default_zone=UTC
    )
    assert [r.outcome for r in report.results] == ["rejected", "created"]
    assert "control character" in report.results[0].reason


async def _stored(app, **fields) -> int:
    """An event written straight into the database, as rows stored before today's rules were."""
    async with app.db.begin() as session:
        event = Event(
            kind="meeting",
            title=fields.pop("title", "Stored before the rule"),
            start_at=dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC),
            end_at=dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC),
            timezone="UTC",
            created_at=NOW,
            updated_at=NOW,
            **fields,
        )
        session.add(event)
        await session.flush()
        return event.id


async def test_one_unwritable_event_never_takes_the_feed_down(app, server, settings, monkeypatch, capsys):  # noqa: F811
    bad = await _stored(app, url=BAD_URL)
    ctrl = await _stored(app, title="Pasted\x0bfrom\x1bWord\x7f")
    response, body = await server.get("/feeds/events.ics")
    assert response.status == 200  # was: 500 for everyone
    calendar = strict_read(body)  # the strict parser Home Assistant uses reads the whole feed
    assert f"event-{bad}@" not in body.decode() and b"X-EVIL" not in body
    assert any(e.summary == "Pasted\nfromWord" for e in calendar.events), ctrl
    response, _ = await server.get("/feeds/events.ics?kind=meeting")
    assert response.status == 200
    monkeypatch.setenv("CBMBOT_DATABASE_URL", str(settings.database_url))
    capsys.readouterr()
    assert await _export_ok(settings)


async def _export_ok(settings) -> bool:
    import asyncio

    return await asyncio.to_thread(main, ["feed", "export"]) == 0


async def test_control_characters_are_stripped_when_stored(app, now):
    text, ok = await handle_line(
        app,
        ORGANISER,
        '/event add title:"Pasted\x0bfrom\x1b[31mWord\x7f" kind:meeting start:2027-01-10',
        transport="cli",
    )
    assert ok, text
    async with app.db() as session:
        titles = (await session.scalars(select(Event.title).where(Event.title.like("Pasted%")))).all()
    assert titles == ["Pasted from[31mWord"]


# ------------------------------------------------------------------------------------- numbers and NUL


@pytest.mark.parametrize("value", ["²", "①", "٨", "8.0", "+8", " ", "99999"])
def test_numbers_from_outside_are_ascii_digits(value):
    with pytest.raises(BadInput):
        ascii_number(value, "cbm", max_digits=3)
    assert ascii_number(" 8 ", "cbm") == 8


async def test_odd_digits_and_nul_in_feed_filters_are_400(server):  # noqa: F811
    for query in ["cbm=%C2%B2", "cbm=%E2%91%A0", "cbm=%D9%A8", "country=Aus%00tria", "kind=me%00eting"]:
        response, text = await server.get(f"/feeds/events.ics?{query}")
        assert response.status == 400, (query, text)  # was 500 (isdigit; NUL on PostgreSQL)


async def test_a_nul_in_one_json_row_rejects_that_row_only(app, now):
    rows = [
        {"title": "Bad\u0000row", "start": "2027-01-10"},
        {"title": "Bad country", "start": "2027-01-10", "countries": ["Aus\u0000tria"]},
        {"title": "Good", "start": "2027-01-11"},
    ]
    report = await app.imports.import_file(
        "x.json", json.dumps(rows).encode(), OPERATOR, now, default_zone=UTC
    )
    assert [r.outcome for r in report.results] == ["rejected", "rejected", "created"]
    assert all("NUL" in r.reason for r in report.rejected)


# ------------------------------------------------------------------------------------- Last-Modified


async def test_last_modified_never_goes_back_across_a_restart(app):
    scope = await app.feeds.scope(kind="conference")
    first = await FeedCache(app).get(scope)
    async with app.db() as session:
        leaving = (await session.scalars(select(Event).where(Event.kind == "conference"))).first()
    later = NOW + dt.timedelta(days=2)
    await app.events.update(leaving.id, {"kind": "workshop"}, OPERATOR, later)
    restarted = await FeedCache(app).get(scope)  # a new process: nothing remembered
    assert restarted.digest != first.digest
    assert restarted.last_modified > first.last_modified  # was: moved back to an older event's change
    assert restarted.last_modified == later.replace(microsecond=0)
    assert not restarted.last_modified <= parsedate_to_datetime(
        format_datetime(first.last_modified, usegmt=True)
    )


# ------------------------------------------------------------------------------------- the seed


async def test_the_seed_keeps_an_organisers_edit_and_does_not_raise_the_sequence(app):
    async with app.db() as session:
        estonia = (await session.scalars(select(Event).where(Event.approximate.is_(True)))).first()
    edited_at = NOW + dt.timedelta(hours=1)
    await app.events.update(
        estonia.id,
        {"location": "Tallinn, a better place", "start": dt.date(2019, 6, 30)},
        ORGANISER,
        edited_at,
    )
    async with app.db() as session:
        before = await session.get(Event, estonia.id)
        sequence, updated = before.sequence, before.updated_at
    report = await app.reference.seed(NOW + dt.timedelta(days=1))
    assert "events: 0 created, 0 updated" in report.lines()[-1]
    assert report.lines()[-1].endswith("1 kept local edits")
    assert not report.changed
    async with app.db() as session:
        after = await session.get(Event, estonia.id)
        assert after.location == "Tallinn, a better place"  # was: reverted on every start
        assert after.approximate is False  # the confirmed year stays
        assert (after.sequence, after.updated_at) == (sequence, updated)  # no SEQUENCE for subscribers
    again = await app.reference.seed(NOW + dt.timedelta(days=2))
    assert not again.changed and again.lines()[-1].endswith("1 kept local edits")


# ------------------------------------------------------------------------------------- unknown years


def test_approximate_in_events_list_json_and_ask_json(settings, monkeypatch, capsys):
    monkeypatch.setenv("CBMBOT_DATABASE_URL", str(settings.database_url))
    assert main(["events", "list", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    flagged = [e for e in events if e["approximate"]]
    assert flagged and all(e["approximate"] is False for e in events if e not in flagged)
    assert events[-len(flagged) :] == flagged  # never sorted by the placeholder year
    assert main(["events", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for e in flagged:
        (line,) = [x for x in lines if x.startswith(f"#{e['id']}\t")]
        assert e["start"][:4] not in line.split("\t")[2]  # the invented year is not shown
    assert main(["ask", "When is the study visit to Estonia?", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert all("approximate" in e for e in answer["events"])
    assert any(e["approximate"] for e in answer["events"])


# ------------------------------------------------------------------------------------- one validation


def test_contacts_add_verified_in_the_future_is_refused_in_the_cli(settings, monkeypatch, capsys):
    monkeypatch.setenv("CBMBOT_DATABASE_URL", str(settings.database_url))
    args = ["contacts", "add", "--country", "Austria", "--name", "N", "--type", "policy"]
    assert main([*args, "--verified", "2030-01-01"]) == 2  # was: accepted (chat refused it)
    assert "cannot be in the future" in capsys.readouterr().err


async def test_fuzzy_country_corrections_are_reported_in_imports(app, now):
    csv_text = "title,start,countries\nWith a typo,2027-01-10,Germny\n"
    report = await app.imports.import_file("x.csv", csv_text.encode(), OPERATOR, now, default_zone=UTC)
    (row,) = report.results
    assert row.outcome == "created" and row.corrections == ("Germny → Germany",)
    assert "(read Germny → Germany)" in report.lines()[0]
    assert report.as_json()["rows"][0]["corrections"] == ["Germny → Germany"]

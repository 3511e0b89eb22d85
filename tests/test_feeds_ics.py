"""Feed building: every feed read with zero errors by Mozilla's ical.js and the strict `ical` package,
with the instants ical.js reads equal to zoneinfo's across the DST changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendars import ics
from tests.feedcheck import BASE, assert_instants, icaljs_read, make_event, strict_read

META = ics.FeedMeta("Test feed, with; specials", "A feed for tests: commas, semicolons; and\nnewlines")


def build(events) -> bytes:
    return ics.build_calendar(META, events, BASE)


def unfold(body: bytes) -> str:
    return body.decode("utf-8").replace("\r\n ", "")


def check(node: str, tmp_path: Path, name: str, events) -> tuple[bytes, dict]:
    body = build(events)
    path = tmp_path / f"{name}.ics"
    path.write_bytes(body)
    (read,) = icaljs_read(node, [path])
    strict = strict_read(body)
    assert len(strict.events) == len(events)
    assert_instants(events, read)
    return body, read


# --------------------------------------------------------------------------------------- the bytes


def test_calendar_properties_are_written_with_the_right_types():
    body = build([])
    text = unfold(body)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "VERSION:2.0" in lines and "METHOD:PUBLISH" in lines
    assert f"PRODID:{ics.PRODID}" in lines
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in lines
    assert "X-PUBLISHED-TTL:PT1H" in lines
    assert "NAME:Test feed\\, with\\; specials" in lines
    assert "X-WR-CALNAME:Test feed\\, with\\; specials" in lines
    assert "X-WR-CALDESC:A feed for tests: commas\\, semicolons\\; and\\nnewlines" in lines
    assert "DESCRIPTION:A feed for tests: commas\\, semicolons\\; and\\nnewlines" in lines
    assert all(len(line.encode()) <= 75 for line in body.decode().split("\r\n"))


def test_unchanged_data_gives_identical_bytes_and_vevent_fields():
    events = [make_event(1, status="postponed", sequence=3), make_event(2, start=dt.date(2026, 3, 28),
              end=dt.date(2026, 3, 30))]  # fmt: skip
    first, second = build(events), build(list(events))
    assert first == second
    text = unfold(first)
    assert "UID:event-1@cbm.example.org" in text
    assert "DTSTAMP:20261101T090000Z" in text and "LAST-MODIFIED:20261101T090000Z" in text
    assert "SEQUENCE:3" in text and "STATUS:TENTATIVE" in text
    assert "DTSTART;TZID=Europe/Vienna:20260715T100000" in text
    assert "DTSTART;VALUE=DATE:20260328" in text and "DTEND;VALUE=DATE:20260331" in text
    assert "CATEGORIES:Meeting,CBM 8" in text
    assert "URL:https://cbm.example.org/events/1" in text
    assert "Details: https://cbm.example.org/events/1" in text
    assert "CBMs: CBM 8 (Points of contact)" in text
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Vienna" in text


def test_approximate_events_are_never_written():
    from dataclasses import replace

    event = replace(make_event(1), approximate=True)
    assert b"BEGIN:VEVENT" not in build([event])
    with pytest.raises(ValueError, match="no confirmed year"):
        ics.vevent(event, BASE)


def test_vtimezone_has_one_observance_per_zoneinfo_change():
    text = ics.vtimezone("Europe/Vienna", 2026, 2026).decode()
    assert text.count("BEGIN:DAYLIGHT") == 1 and text.count("BEGIN:STANDARD") == 2
    assert "DTSTART:20260329T020000\r\nTZNAME:CEST\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200" in text
    assert "DTSTART:20261025T030000\r\nTZNAME:CET\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100" in text
    assert "RRULE" not in text
    kolkata = ics.vtimezone("Asia/Kolkata", 2026, 2027).decode()
    assert kolkata.count("BEGIN:STANDARD") == 1 and "TZOFFSETTO:+0530" in kolkata


# --------------------------------------------------------------------------- read by real parsers


def test_empty_feed(require_node, tmp_path):
    _, read = check(require_node, tmp_path, "empty", [])
    assert read["events"] == []
    assert read["calendar"]["method"] == "PUBLISH"
    assert read["calendar"]["refreshType"] == "duration" and read["calendar"]["refresh"] == "PT1H"


def test_all_day_and_multi_day_across_dst(require_node, tmp_path):
    events = [
        make_event(1, "One day", start=dt.date(2026, 7, 15)),
        make_event(2, "Across spring forward", start=dt.date(2026, 3, 28), end=dt.date(2026, 3, 30)),
        make_event(3, "Across fall back", start=dt.date(2026, 10, 24), end=dt.date(2026, 10, 26)),
        make_event(4, "Timed across spring forward", start=dt.datetime(2026, 3, 28, 9, 0),
                   end=dt.datetime(2026, 3, 30, 17, 0)),
        make_event(5, "Timed across fall back", start=dt.datetime(2026, 10, 24, 9, 0),
                   end=dt.datetime(2026, 10, 26, 17, 0)),
        make_event(6, "Summer", start=dt.datetime(2026, 7, 15, 10, 0)),
        make_event(7, "Winter", start=dt.datetime(2026, 1, 15, 10, 0)),
        make_event(8, "Just before the jump", start=dt.datetime(2026, 3, 29, 1, 30)),
        make_event(9, "Just after the jump", start=dt.datetime(2026, 3, 29, 3, 30)),
        make_event(10, "Repeated hour, first", start=dt.datetime(2026, 10, 25, 2, 30)),
        make_event(11, "Repeated hour, second", start=dt.datetime(2026, 10, 25, 2, 30), fold=1),
        make_event(12, "New York summer", start=dt.datetime(2026, 7, 4, 18, 0), zone="America/New_York"),
        make_event(13, "New York between the changes", start=dt.datetime(2026, 3, 20, 9, 0),
                   zone="America/New_York"),
        make_event(14, "Sydney summer", start=dt.datetime(2026, 1, 10, 9, 0), zone="Australia/Sydney"),
        make_event(15, "Sydney winter", start=dt.datetime(2026, 7, 10, 9, 0), zone="Australia/Sydney"),
        make_event(16, "Kolkata", start=dt.datetime(2026, 7, 10, 9, 0), zone="Asia/Kolkata"),
        make_event(17, "St John's", start=dt.datetime(2026, 8, 1, 9, 0), zone="America/St_Johns"),
        make_event(18, "Kathmandu", start=dt.datetime(2027, 8, 1, 9, 0), zone="Asia/Kathmandu"),
        make_event(19, "UTC", start=dt.datetime(2026, 8, 1, 9, 0), zone="UTC"),
        make_event(20, "Vienna years later", start=dt.datetime(2029, 6, 1, 9, 0)),
        make_event(21, "Chisinau summer", start=dt.datetime(2025, 10, 16, 9, 0), zone="Europe/Chisinau"),
    ]  # fmt: skip
    body, read = check(require_node, tmp_path, "dst", events)
    text = unfold(body)
    # Both 02:30s of the repeated hour are written in UTC: ical.js reads a repeated wall time as the second.
    assert "DTSTART:20261025T003000Z" in text and "DTSTART:20261025T013000Z" in text
    assert set(read["calendar"]["timezones"]) == {
        "Europe/Vienna", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "America/St_Johns",
        "Asia/Kathmandu", "Europe/Chisinau",
    }  # fmt: skip
    zones = {e["uid"]: e["startZone"] for e in read["events"]}
    assert zones["event-6@cbm.example.org"] == "Europe/Vienna"


def test_cancelled_and_postponed_stay_with_their_status(require_node, tmp_path):
    events = [
        make_event(1, "Gone", status="cancelled", sequence=2),
        make_event(2, "Later", status="postponed"),
        make_event(3, "On"),
    ]
    _, read = check(require_node, tmp_path, "status", events)
    got = {e["uid"].split("@")[0]: e for e in read["events"]}
    assert got["event-1"]["status"] == "CANCELLED" and got["event-1"]["sequence"] == 2
    assert got["event-1"]["summary"] == "[Cancelled] Gone"
    assert (
        got["event-2"]["status"] == "TENTATIVE"
        and "Status: postponed: moved to spring" in (got["event-2"]["description"])
    )
    assert got["event-3"]["status"] == "CONFIRMED"


def test_titles_in_the_five_seed_languages(require_node, tmp_path):
    titles = {
        1: "Study visit on cybersecurity",
        2: "Nationale Sichtweisen zu IKT-Bedrohungen: Maßnahmen, Übungen und Prüfungen",
        3: "Points de vue nationaux sur les menaces liées aux TIC — réunion à Genève",
        4: "Punti di vista nazionali sulle minacce legate alle TIC: perché è così",
        5: "Национальные взгляды на угрозы в сфере ИКТ и меры укрепления доверия, встреча в Вене",
    }
    events = [make_event(i, t, description=t * 4) for i, t in titles.items()]
    body, read = check(require_node, tmp_path, "languages", events)
    assert all(len(line.encode()) <= 75 for line in body.decode().split("\r\n"))
    assert {e["summary"] for e in read["events"]} == set(titles.values())
    strict = {e.summary for e in strict_read(body).events}
    assert strict == set(titles.values())


def test_long_descriptions_and_escaping(require_node, tmp_path):
    description = ("Line one, with commas; and semicolons\\ and a backslash.\nLine two\n\n" * 40).strip()
    tricky = "A, B; C \\ D\nE"
    events = [make_event(1, tricky, description=description, location="Room 1, Hofburg; Vienna\nAustria")]
    body, read = check(require_node, tmp_path, "escaping", events)
    lines = body.decode().split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert sum(1 for line in lines if line.startswith(" ")) > 40  # folded
    (got,) = read["events"]
    assert got["summary"] == tricky
    assert got["description"].startswith(description)
    assert got["location"] == "Room 1, Hofburg; Vienna\nAustria"
    (strict,) = strict_read(body).events
    assert strict.summary == tricky and strict.location == "Room 1, Hofburg; Vienna\nAustria"


@pytest.mark.slow
def test_five_thousand_events(require_node, tmp_path):
    zones = ["Europe/Vienna", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC"]
    base = dt.datetime(2025, 1, 1, 9, 0)
    events = []
    for i in range(5000):
        start = base + dt.timedelta(days=i % 1400, hours=i % 9)
        if i % 7 == 0:
            events.append(make_event(i + 1, f"Day {i}", start=start.date(), zone=zones[i % 5]))
        else:
            events.append(make_event(i + 1, f"Event {i}: Übung, тест; prova", start=start,
                                     end=start + dt.timedelta(hours=30), zone=zones[i % 5],
                                     status=("scheduled", "cancelled", "postponed")[i % 3]))  # fmt: skip
    check(require_node, tmp_path, "five-thousand", events)

"""Time rules, DST changes included (pure functions, no database)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.errors import BadInput
from bot.timeutil import event_span, localize, parse_iso, zone

VIENNA = ZoneInfo("Europe/Vienna")


def test_normal_local_time():
    assert localize(dt.datetime(2026, 7, 1, 9, 0), VIENNA).utcoffset() == dt.timedelta(hours=2)


def test_spring_gap_is_refused():
    with pytest.raises(BadInput, match="does not exist in Europe/Vienna"):
        localize(dt.datetime(2026, 3, 29, 2, 30), VIENNA)


def test_autumn_fold_is_refused_with_both_offsets():
    with pytest.raises(BadInput, match=r"happens twice .* \+02:00 or \+01:00"):
        localize(dt.datetime(2026, 10, 25, 2, 30), VIENNA)


def test_explicit_offset_resolves_the_fold():
    value = parse_iso("2026-10-25T02:30+01:00", VIENNA)
    assert value.astimezone(dt.UTC) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["2026-02-30", "yesterday", "2026-13-01T10:00", ""])
def test_invalid_iso_is_refused(text):
    with pytest.raises(BadInput):
        parse_iso(text, VIENNA)


@pytest.mark.parametrize("text", ["1899-12-31", "2101-01-01T00:00Z"])
def test_years_out_of_range(text):
    with pytest.raises(BadInput, match="outside the years 1900-2100"):
        parse_iso(text, VIENNA)


def test_timed_event_without_end_lasts_an_hour():
    start = parse_iso("2026-06-01T09:00", VIENNA)
    start_utc, end_utc, all_day = event_span(start, None, VIENNA)
    assert (end_utc - start_utc, all_day) == (dt.timedelta(hours=1), False)


def test_spring_all_day_is_23_hours():
    start, end, all_day = event_span(dt.date(2026, 3, 29), None, VIENNA)
    assert all_day and end - start == dt.timedelta(hours=23)


def test_mixed_date_and_datetime_refused():
    with pytest.raises(BadInput, match="both be dates"):
        event_span(dt.date(2026, 3, 1), parse_iso("2026-03-02T10:00", VIENNA), VIENNA)


@pytest.mark.parametrize("name", ["Mars/Base", "../etc/passwd", "", "/usr/share/zoneinfo/UTC"])
def test_unknown_zones(name):
    with pytest.raises(BadInput, match="unknown time zone"):
        zone(name)

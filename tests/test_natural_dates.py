"""Chat dates: ISO 8601 or words, read in a zone, relative to now; DST gaps and folds refused."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.errors import BadInput
from bot.timeutil import event_span, parse_end, parse_when, zone

NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)  # a Sunday
VIENNA = zone("Europe/Vienna")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next tuesday 10:00", dt.datetime(2026, 11, 24, 10, 0, tzinfo=VIENNA)),
        ("3 March 14:30", dt.datetime(2027, 3, 3, 14, 30, tzinfo=VIENNA)),
        ("2026-12-01T09:15", dt.datetime(2026, 12, 1, 9, 15, tzinfo=VIENNA)),
        ("29 March 2026 03:30", dt.datetime(2026, 3, 29, 3, 30, tzinfo=VIENNA)),
    ],
)
def test_words_and_iso_with_a_clock_give_local_times(text, expected):
    value = parse_when(text, VIENNA, NOW)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()


def test_a_date_alone_is_a_day_and_makes_an_all_day_event():
    assert parse_when("tomorrow", VIENNA, NOW) == dt.date(2026, 11, 23)
    assert parse_when("2026-12-01", VIENNA, NOW) == dt.date(2026, 12, 1)
    start, end, all_day = event_span(parse_when("3 March", VIENNA, NOW), None, VIENNA)
    assert all_day
    assert start == dt.datetime(2027, 3, 2, 23, 0, tzinfo=dt.UTC)
    assert end - start == dt.timedelta(days=1)


def test_relative_to_now_and_in_the_given_zone():
    tokyo = zone("Asia/Tokyo")
    # 10:00 UTC on the 22nd is 19:00 in Tokyo: "tomorrow" there is the 23rd; 10:00 is Tokyo's clock.
    assert parse_when("tomorrow 10:00", tokyo, NOW) == dt.datetime(2026, 11, 23, 10, 0, tzinfo=tokyo)
    assert parse_when("in 2 hours", VIENNA, NOW) == NOW + dt.timedelta(hours=2)


def test_explicit_offset_wins_over_the_zone():
    value = parse_when("2026-12-01T09:15+00:00", VIENNA, NOW)
    assert value.astimezone(dt.UTC) == dt.datetime(2026, 12, 1, 9, 15, tzinfo=dt.UTC)


def test_dst_gap_is_refused_saying_so():
    for text in ("2026-03-29 02:30", "29 March 2026 02:30", "2026-03-29T02:30"):
        with pytest.raises(BadInput, match=r"does not exist in Europe/Vienna.*jump forward"):
            parse_when(text, VIENNA, NOW)


def test_dst_fold_is_refused_naming_both_offsets():
    for text in ("2026-10-25 02:30", "25 October 2026 02:30"):
        with pytest.raises(BadInput, match=r"happens twice.*\+02:00 or \+01:00"):
            parse_when(text, VIENNA, NOW)
    # With the offset given, the same wall-clock time is accepted.
    value = parse_when("2026-10-25T02:30+01:00", VIENNA, NOW)
    assert value.astimezone(dt.UTC) == dt.datetime(2026, 10, 25, 1, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("text", ["1 January 1850", "1850-01-01", "3 March 2150 10:00"])
def test_years_outside_1900_2100_are_refused(text):
    with pytest.raises(BadInput, match="outside the years 1900-2100"):
        parse_when(text, VIENNA, NOW)


@pytest.mark.parametrize("text", ["someday", "", "March 2027"])
def test_unreadable_or_vague_input_is_refused(text):
    with pytest.raises(BadInput):
        parse_when(text, VIENNA, NOW)


def test_end_as_a_time_alone_is_on_the_start_day():
    start = parse_when("3 March 14:30", VIENNA, NOW)
    assert parse_end("16:00", start, VIENNA, NOW) == dt.datetime(2027, 3, 3, 16, 0, tzinfo=VIENNA)
    with pytest.raises(BadInput, match="not a time of day"):
        parse_end("25:00", start, VIENNA, NOW)

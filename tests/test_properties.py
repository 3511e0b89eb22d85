"""Property-based tests (Hypothesis): whatever people type or send, the date parsers, the chat option
parser, every import reader and the feed filters answer or refuse clearly (a CbmError / HTTP 400), never
with an internal error. The database-backed ones run on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands import REGISTRY
from bot.errors import CbmError
from bot.services.imports import ROW_FIELDS, read_rows
from bot.services.principal import OPERATOR
from bot.services.text_rule import check_url, clean_text
from bot.timeutil import parse_end, parse_iso, parse_when, zone
from tests.test_feeds_http import server  # noqa: F401  (fixture)

from .conftest import NOW

VIENNA = zone("Europe/Vienna")
WINDOW = (NOW - dt.timedelta(days=365), NOW + dt.timedelta(days=730))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

# Text that looks like what people (and attackers) send: digits, date-ish words, odd Unicode digits,
# controls and NUL.
ALPHABET = st.sampled_from([*"0123456789-:T+Z /.,年²①٨\x00\x0b\x1b\u2028é", "next", "in", "hours", "tue"])
DATEISH = st.lists(ALPHABET, max_size=12).map("".join)
ANY_TEXT = st.one_of(DATEISH, st.text(max_size=40))


def answers_or_refuses(fn, *args):
    try:
        return fn(*args)
    except CbmError as exc:
        assert str(exc), "a refusal says why"
        return None


@FAST
@given(ANY_TEXT)
def test_date_parsers_answer_or_refuse(text):
    for value in (
        answers_or_refuses(parse_iso, text, VIENNA, "start"),
        answers_or_refuses(parse_when, text, VIENNA, NOW, "start"),
    ):
        if isinstance(value, dt.datetime):
            assert value.tzinfo is not None
    answers_or_refuses(parse_end, text, dt.date(2027, 1, 1), VIENNA, NOW)


@FAST
@given(
    st.sampled_from(
        ["/event add", "/event show", "/event upcoming", "/remind me", "/cbm", "/country", "/evnt"]
    ),
    st.lists(
        st.tuples(st.sampled_from(["id", "title", "start", "kind", "number", "page", "when", "x"]), ANY_TEXT),
        max_size=4,
    ),
)
def test_chat_option_parser_answers_or_refuses(head, options):
    message = head + "".join(f' {name}:"{value}"' for name, value in options)
    try:
        command, raw = REGISTRY.parse(message)
    except CbmError:
        return
    for name, text in raw.items():
        option = command.option(name)
        if option is not None:
            answers_or_refuses(option.convert, text)


ROW_VALUE = st.one_of(
    ANY_TEXT,
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(ANY_TEXT, max_size=3),
    st.dates().map(str),
)
ROWS = st.lists(
    st.dictionaries(st.sampled_from([*ROW_FIELDS, "unknown"]), ROW_VALUE, max_size=8),
    max_size=5,
)


def read(name: str, data: bytes) -> None:
    try:
        rows = read_rows(name, data, VIENNA, WINDOW)
    except CbmError as exc:
        assert str(exc)
        return
    for row in rows:
        assert (row.draft is None) != (row.problem is None)


@FAST
@given(ROWS)
def test_json_and_yaml_readers_answer_or_refuse(rows):
    read("x.json", json.dumps(rows).encode())
    read("x.json", json.dumps({"events": rows}).encode())
    import yaml

    read("x.yaml", yaml.safe_dump(rows, allow_unicode=True).encode())


@FAST
@given(st.binary(max_size=300))
def test_every_reader_survives_arbitrary_bytes(data):
    for name in ("x.json", "x.yaml", "x.csv", "x.ics"):
        read(name, data)


@FAST
@given(st.lists(st.lists(ANY_TEXT, min_size=1, max_size=5), max_size=5))
def test_csv_reader_answers_or_refuses(records):
    text = "title,start,end,countries,cbms\n" + "\n".join(",".join(f'"{v}"' for v in r) for r in records)
    read("x.csv", text.encode())


ICS_PROPS = st.sampled_from(
    [
        "RRULE:FREQ=DAILY",
        "RRULE:FREQ=WEEKLY;COUNT=3",
        "RRULE:FREQ=MINUTELY",
        "RRULE:FREQ=MONTHLY;BYMONTHDAY=31",
        "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "RRULE:FREQ=HOURLY;UNTIL=20261201T000000Z",
        "RRULE:GARBAGE",
        "EXDATE:20261202T090000Z",
        "RDATE;VALUE=DATE:20261224",
        "DTEND:20261201T080000Z",
        "DURATION:PT1H",
        "DURATION:-P1D",
        "X-CBM-CBMS:8,²",
        "URL:https://x.org/\\nX",
        "CATEGORIES:CBM 99,Workshop",
        "RECURRENCE-ID:20261208T090000Z",
    ]
)


@FAST
@given(
    st.sampled_from(["20261201T090000Z", "20261201", "20261201T090000", "1800-01-01", "x"]),
    st.lists(ICS_PROPS, max_size=4),
    ANY_TEXT,
)
def test_ics_reader_answers_or_refuses(start, props, summary):
    summary = summary.replace("\r", " ").replace("\n", " ")
    lines = ["UID:p@x", f"DTSTART:{start}", f"SUMMARY:{summary}", *props]
    body = "\r\n".join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", *lines, "END:VEVENT", "END:VCALENDAR"]
    )
    read("x.ics", body.encode())


@FAST
@given(ANY_TEXT)
def test_text_rule_answers_or_refuses(text):
    cleaned = answers_or_refuses(clean_text, text, "title", 30)
    if cleaned is not None:
        assert "\x00" not in cleaned and "\x1b" not in cleaned and len(cleaned) <= 30
    url = answers_or_refuses(check_url, "https://example.org/" + text)
    if url is not None:
        assert not any(ch.isspace() or ord(ch) < 32 for ch in url)


# ------------------------------------------------------------------------------ both backends


def run_in_thread_with_loop(loop: asyncio.AbstractEventLoop, coro_fn):
    """Hypothesis drives synchronous tests: it runs in a worker thread and each example's coroutine runs on
    the test's event loop (where the app and its connections live)."""

    def call(*args):
        return asyncio.run_coroutine_threadsafe(coro_fn(*args), loop).result(timeout=60)

    return call


FILTER_VALUE = st.one_of(
    ANY_TEXT,
    st.sampled_from(["8", "08", "0", "17", "999", "conference", "study visit", "Austria", "AT", "Germny"]),
)


async def test_feed_filters_answer_200_or_400(server):  # noqa: F811
    loop = asyncio.get_running_loop()

    async def fetch(query: str) -> int:
        response, _ = await server.get(f"/feeds/events.ics?{query}")
        return response.status

    call = run_in_thread_with_loop(loop, fetch)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.dictionaries(st.sampled_from(["kind", "country", "cbm"]), FILTER_VALUE, max_size=3))
    def check(params):
        query = "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items())
        assert call(query) in (200, 400), query

    await asyncio.to_thread(check)


@pytest.mark.slow
async def test_json_imports_answer_or_refuse_on_the_database(app):
    loop = asyncio.get_running_loop()

    async def apply(data: bytes):
        try:
            report = await app.imports.import_file("x.json", data, OPERATOR, NOW, default_zone=VIENNA)
        except CbmError:
            return
        assert all(r.outcome != "rejected" or r.reason for r in report.results)

    call = run_in_thread_with_loop(loop, apply)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(ROWS)
    def check(rows):
        call(json.dumps(rows).encode())

    await asyncio.to_thread(check)

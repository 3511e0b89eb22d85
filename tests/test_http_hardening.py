"""HTTP as a careful server does it, against the real server (`calendars.web.WebServer`, the one `cbmbot
run` starts) on 127.0.0.1: headers on every answer, header and keep-alive timeouts, 503 while the database
is unreachable, /healthz within 2 s, malformed requests logged in one line, secrets never logged."""

from __future__ import annotations

import asyncio
import io
import logging
import re
import socket
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.app import App
from bot.logs import RedactSecrets, make_handler, redact
from bot.services.principal import Principal
from calendars import web as webmod
from calendars.web import WebServer
from tests.conftest import NOW, _settings

ANA = Principal("discord:1001", "ana")


@pytest.fixture
async def server(app) -> AsyncIterator[WebServer]:
    web = WebServer(app, port=0)
    await web.start()
    yield web
    await web.stop()


async def get(web: WebServer, path: str, method: str = "GET", **headers: str) -> tuple[int, dict, bytes]:
    url = f"http://127.0.0.1:{web.port}{path}"
    async with aiohttp.ClientSession() as http, http.request(method, url, headers=headers) as response:
        return response.status, dict(response.headers), await response.read()


async def raw(port: int, data: bytes, *, wait: float = 5.0) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    try:
        return await asyncio.wait_for(reader.read(), wait)
    finally:
        writer.close()


def header_block(response: bytes) -> dict[str, str]:
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head)}


# ----------------------------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "path, method, status",
    [
        ("/", "GET", 200),
        ("/healthz", "GET", 200),
        ("/feeds/events.ics", "GET", 200),
        ("/nowhere", "GET", 404),  # aiohttp's own 404
        ("/feeds/events.ics", "POST", 405),  # aiohttp's own 405
        ("/feeds/private/" + "a" * 30 + ".ics", "GET", 404),
        ("/events/999999", "GET", 404),
        ("/feeds/events.ics?kind=nope", "GET", 400),
    ],
)
async def test_every_answer_has_nosniff_and_no_version(server, path, method, status):
    got, headers, _ = await get(server, path, method)
    assert got == status
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == "cbm-bot"  # not "Python/3.11 aiohttp/3.x"
    assert not re.search(r"\d", headers["Server"])


@pytest.mark.parametrize("path, status", [("/", 200), ("/events/999999", 404), ("/?kind=nope", 400)])
async def test_html_has_csp_frame_ancestors_and_referrer_policy(server, path, status):
    got, headers, body = await get(server, path)
    assert got == status and headers["Content-Type"].startswith("text/html")
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp and "script-src" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert b"<script" not in body  # the policy forbids scripts: the page must not need any


async def test_malformed_request_gets_our_headers_and_one_log_line(server, caplog):
    caplog.set_level(logging.DEBUG)
    answer = await raw(server.port, b"GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n")
    assert re.match(rb"HTTP/1\.[01] 400 ", answer)
    headers = header_block(answer)
    assert headers["x-content-type-options"] == "nosniff" and headers["server"] == "cbm-bot"
    records = [r for r in caplog.records if "malformed" in r.getMessage() or r.exc_info]
    assert len(records) == 1, [r.getMessage() for r in caplog.records]
    assert records[0].levelno == logging.WARNING and records[0].exc_info is None
    assert "\n" not in records[0].getMessage()


# ---------------------------------------------------------------------------------------------- timeouts


async def test_half_sent_requests_are_dropped_after_the_header_timeout(server, monkeypatch):
    monkeypatch.setattr(webmod.HardenedHandler, "header_seconds", 0.5)
    started = time.monotonic()
    # 50 clients that send part of a request line and then nothing
    connections = [await asyncio.open_connection("127.0.0.1", server.port) for _ in range(50)]
    for _, writer in connections:
        writer.write(b"GET /feeds/events.ics HTTP/1.1\r\nHost: 127")
        await writer.drain()
    answers = await asyncio.gather(*(asyncio.wait_for(r.read(), 5) for r, _ in connections))
    elapsed = time.monotonic() - started
    for _, writer in connections:
        writer.close()
    assert all(a.startswith(b"HTTP/1.1 408") for a in answers)  # answered and closed (read() hit EOF)
    assert elapsed < 3
    # a slow but complete client is still served: the deadline is for the headers only
    status, _, _ = await get(server, "/healthz")
    assert status == 200


async def test_silent_connection_is_closed(server, monkeypatch):
    monkeypatch.setattr(webmod.HardenedHandler, "header_seconds", 0.5)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    assert (await asyncio.wait_for(reader.read(), 5)).startswith(b"HTTP/1.1 408")
    writer.close()


async def test_keepalive_connection_is_closed_when_idle(app, monkeypatch):
    monkeypatch.setattr(webmod, "KEEPALIVE_SECONDS", 0.5)
    web = WebServer(app, port=0)
    await web.start()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", web.port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        await writer.drain()
        first = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 5)
        assert first.startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        rest = await asyncio.wait_for(reader.read(), 5)  # the body, then EOF when the server closes
        assert b"ok" in rest and time.monotonic() - started < 3
        writer.close()
    finally:
        await web.stop()


def test_timeouts_are_set_for_production():
    assert 0 < webmod.HEADER_SECONDS <= 15 and 0 < webmod.KEEPALIVE_SECONDS <= 30
    assert webmod.HEALTH_SECONDS < 2


# ------------------------------------------------------------------------------------ database outages


async def _black_hole() -> tuple[asyncio.AbstractServer, int]:
    """A TCP server that accepts and never answers: a database behind a network cut."""
    held: list[asyncio.StreamWriter] = []

    async def swallow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)
        await reader.read()

    hole = await asyncio.start_server(swallow, "127.0.0.1", 0)
    return hole, hole.sockets[0].getsockname()[1]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _app_on(url: str, tmp_path) -> App:
    return App(_settings(url, tmp_path), clock=lambda: NOW)


async def test_healthz_answers_within_two_seconds_during_a_network_cut(tmp_path):
    hole, port = await _black_hole()
    app = await _app_on(f"postgresql+asyncpg://cbm@127.0.0.1:{port}/cbm", tmp_path)
    web = WebServer(app, port=0)
    await web.start()
    try:
        started = time.monotonic()
        status, headers, _ = await get(web, "/healthz")
        assert status == 503 and headers["Retry-After"]
        assert time.monotonic() - started < 2.0
    finally:
        await web.stop()
        hole.close()
        await app.close()


async def test_database_refusing_connections_gives_503_with_retry_after(tmp_path, caplog):
    app = await _app_on(f"postgresql+asyncpg://cbm@127.0.0.1:{_closed_port()}/cbm", tmp_path)
    web = WebServer(app, port=0)
    await web.start()
    try:
        for path in ("/feeds/events.ics", "/", "/events/1", "/feeds/private/" + "b" * 43 + ".ics"):
            status, headers, _ = await get(web, path)
            assert status == 503, path
            assert headers["Retry-After"] == webmod.RETRY_AFTER
        status, _, _ = await get(web, "/healthz")
        assert status == 503
        assert not any(r.exc_info for r in caplog.records)  # an outage is not a bug: no tracebacks
    finally:
        await web.stop()
        await app.close()


# ------------------------------------------------------------------------------------------------ secrets


def test_redact_hides_tokens_in_paths_and_queries():
    token = "DG_t0wdXk3v9QmZ2nL5pR8sT1uV4wY7zA0bC3dE6fG"
    for line in (
        f"HTTP GET /feeds/private/{token}.ics failed",
        f"GET http://h:8080/feeds/private/{token}.ics?x=1",
        f"'/ack/{token}' expired",
        f"https://cbm.example/ack/{token}",
        f"link ?token={token}&a=b",
    ):
        assert token not in redact(line) and "[redacted]" in redact(line)
    assert redact("/feeds/events.ics?kind=workshop") == "/feeds/events.ics?kind=workshop"


async def test_a_failing_private_feed_does_not_log_its_token(server, monkeypatch):
    token = "Zq9" + "x" * 40
    stream = io.StringIO()
    handler = make_handler(logging.StreamHandler(stream))
    root = logging.getLogger()
    root.addHandler(handler)

    async def broken(self, token):
        raise RuntimeError(f"cannot read the feed for /feeds/private/{token}.ics")

    monkeypatch.setattr(type(server.app.feeds), "private_scope", broken)
    try:
        status, _, _ = await get(server, f"/feeds/private/{token}.ics")
    finally:
        root.removeHandler(handler)
    assert status == 500
    text = stream.getvalue()
    assert "/feeds/private/[redacted].ics" in text and "Traceback" in text
    assert token not in text  # neither in the message nor in the traceback


def test_redaction_filter_covers_arguments_and_tracebacks():
    stream = io.StringIO()
    logger = logging.getLogger("cbmbot.test.redaction")
    logger.propagate = False
    handler = make_handler(logging.StreamHandler(stream))
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("bad /ack/SECRETSECRETSECRET")
        except ValueError:
            logger.exception("GET %s", "/feeds/private/SECRET2SECRET2.ics")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert "SECRET" not in out and out.count("[redacted]") >= 2
    assert any(isinstance(f, RedactSecrets) for f in handler.filters)


# ------------------------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize("path", ["/events/{n}", "/feeds/events/{n}.ics"])
@pytest.mark.parametrize("number", ["2147483648", "99999999999999999999999", "9" * 5000])
async def test_ids_out_of_range_are_400(server, path, number):
    status, headers, body = await get(server, path.format(n=number))
    assert status == 400 and b"1 to 2147483647" in body and len(body.splitlines()) == 1
    assert headers["X-Content-Type-Options"] == "nosniff"


async def test_largest_id_is_simply_not_found(server):
    for path in ("/events/2147483647", "/feeds/events/2147483647.ics", "/events/0", "/feeds/events/0.ics"):
        status, _, _ = await get(server, path)
        assert status == 404, path

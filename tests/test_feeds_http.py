"""Feeds over a real aiohttp server on 127.0.0.1 (random port), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import statistics
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime

import aiohttp
import pytest
from aiohttp import web

from bot.services.principal import Principal
from calendars.web import CACHE_KEY, make_web_app
from storage.models import EventStatus
from storage.repositories import FollowRepository
from tests.feedcheck import strict_read

ANA = Principal("discord:1001", "ana")


@dataclass
class Server:
    base: str
    port: int
    http: aiohttp.ClientSession
    web_app: web.Application

    async def get(self, path: str, **headers: str) -> tuple[aiohttp.ClientResponse, bytes]:
        async with self.http.get(self.base + path, headers=headers, allow_redirects=False) as response:
            return response, await response.read()

    async def raw(self, target: str) -> bytes:
        """Send the request line exactly as given (no client normalisation of the path)."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await reader.read()
        writer.close()
        return data

    @property
    def cache(self):
        return self.web_app[CACHE_KEY]


async def start(app) -> tuple[web.AppRunner, int, web.Application]:
    web_app = make_web_app(app)
    runner = web.AppRunner(web_app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, port, web_app


@pytest.fixture
async def server(app) -> AsyncIterator[Server]:
    runner, port, web_app = await start(app)
    async with aiohttp.ClientSession(auto_decompress=False, skip_auto_headers=["Accept-Encoding"]) as http:
        yield Server(f"http://127.0.0.1:{port}", port, http, web_app)
    await runner.cleanup()


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:40]}"'


async def test_feed_headers_and_body(server, app):
    response, body = await server.get("/feeds/events.ics", Accept="application/json")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("inline")
    assert response.headers["ETag"] == etag_of(body) and not response.headers["ETag"].startswith("W/")
    assert parsedate_to_datetime(response.headers["Last-Modified"])
    assert response.headers["Vary"] == "Accept-Encoding"
    assert "Content-Encoding" not in response.headers
    calendar = strict_read(body)
    titles = {e.summary for e in calendar.events}
    assert "4th Annual Meeting of the CBM 8 Points of Contact" in titles
    # Events whose year is not confirmed are not published.
    assert not any("Estonia" in t and "Study visit" in t for t in titles)
    assert "Study visit to the Netherlands" not in titles
    host = "127.0.0.1"
    assert all(e.uid.endswith(f"@{host}") for e in calendar.events)


async def test_unchanged_data_is_not_rebuilt_and_keeps_its_etag(server, app):
    first, body1 = await server.get("/feeds/events.ics")
    builds = server.cache.builds
    second, body2 = await server.get("/feeds/events.ics")
    assert body1 == body2 and first.headers["ETag"] == second.headers["ETag"]
    assert server.cache.builds == builds
    # A fresh server (after a restart) gives the same bytes and ETag.
    runner, port, _ = await start(app)
    try:
        async with server.http.get(f"http://127.0.0.1:{port}/feeds/events.ics") as response:
            assert response.headers["ETag"] == first.headers["ETag"]
            assert await response.read() == body1
    finally:
        await runner.cleanup()


async def test_conditional_requests(server):
    response, body = await server.get("/feeds/events.ics")
    tag, modified = response.headers["ETag"], response.headers["Last-Modified"]
    for header in (tag, f"W/{tag}", f'"other", {tag}', "*"):
        again, rest = await server.get("/feeds/events.ics", **{"If-None-Match": header})
        assert again.status == 304 and rest == b"" and again.headers["ETag"] == tag
    other, _ = await server.get("/feeds/events.ics", **{"If-None-Match": '"nope"'})
    assert other.status == 200
    since, _ = await server.get("/feeds/events.ics", **{"If-Modified-Since": modified})
    assert since.status == 304
    older = format_datetime(parsedate_to_datetime(modified).replace(year=2001), usegmt=True)
    stale, _ = await server.get("/feeds/events.ics", **{"If-Modified-Since": older})
    assert stale.status == 200
    for garbage in ("garbage", '"unterminated', "W/", '"é"', '"a" "b"', "x" * 5000):
        ignored, got = await server.get("/feeds/events.ics", **{"If-None-Match": garbage})
        assert ignored.status == 200 and got == body
    bad_date, _ = await server.get("/feeds/events.ics", **{"If-Modified-Since": "yesterday"})
    assert bad_date.status == 200


async def test_gzip_only_when_accepted_and_head(server):
    _, plain = await server.get("/feeds/events.ics")
    response, body = await server.get("/feeds/events.ics", **{"Accept-Encoding": "br, gzip;q=0.8"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain and len(body) < len(plain)
    assert response.headers["ETag"] == etag_of(plain)[:-1] + '-gz"'
    again, _ = await server.get(
        "/feeds/events.ics", **{"Accept-Encoding": "gzip", "If-None-Match": response.headers["ETag"]}
    )
    assert again.status == 304
    for header in ("gzip;q=0", "identity", "br", "*;q=0"):
        refused, got = await server.get("/feeds/events.ics", **{"Accept-Encoding": header})
        assert "Content-Encoding" not in refused.headers and got == plain, header
    async with server.http.head(server.base + "/feeds/events.ics") as head:
        assert head.status == 200 and await head.read() == b""
        assert int(head.headers["Content-Length"]) == len(plain)
        assert head.headers["ETag"] == etag_of(plain)


async def test_filters_and_bad_values(server):
    _, body = await server.get("/feeds/events.ics?kind=conference")
    events = strict_read(body).events
    assert events and all("Conference" in e.categories for e in events)
    _, body = await server.get("/feeds/events.ics?cbm=8")
    assert all("CBM 8" in e.categories for e in strict_read(body).events)
    _, body = await server.get("/feeds/events.ics?country=Korea&kind=conference")
    korea = strict_read(body).events
    assert korea and all("Inter-Regional" in e.summary or "Korea" in e.description for e in korea)
    for query, reason in [
        ("kind=party", "unknown kind 'party'"),
        ("cbm=99", "unknown CBM 99"),
        ("cbm=eight", "cbm must be a CBM number"),
        ("country=Atlantis", "no country or partner called 'Atlantis'"),
        ("colour=red", "unknown parameter 'colour'"),
        ("kind=meeting&kind=workshop", "more than once"),
    ]:
        response, text = await server.get(f"/feeds/events.ics?{query}")
        assert response.status == 400, query
        assert response.headers["Content-Type"].startswith("text/plain")
        assert reason in text.decode(), (query, text)


async def test_path_tricks_and_oversized_queries_are_refused(server):
    for target in (
        "/feeds/../feeds/events.ics",
        "/feeds/%2e%2e/feeds/events.ics",
        "/feeds/events/1%2f..%2f.ics",
        "/feeds//events.ics",
        "/feeds/private/..%5c..%5cetc.ics",
    ):
        answer = await server.raw(target)
        assert answer.split(b"\r\n", 1)[0] in (b"HTTP/1.1 400 Bad Request", b"HTTP/1.1 404 Not Found"), target
        assert b"BEGIN:VCALENDAR" not in answer
    response, text = await server.get("/feeds/events.ics?kind=" + "a" * 2000)
    assert response.status == 414 and b"longer than" in text
    response, _ = await server.get("/feeds/events/0.ics")
    assert response.status == 404


async def test_an_edit_raises_sequence_and_changes_the_etag(server, app, now):
    first, body = await server.get("/feeds/events/3.ics")
    assert first.status == 200
    (event,) = strict_read(body).events
    assert event.sequence == 0
    serialised = server.cache.serialised
    await app.events.set_status(3, EventStatus.postponed, "venue change", ANA, now)
    second, body2 = await server.get("/feeds/events/3.ics")
    (edited,) = strict_read(body2).events
    assert edited.sequence == 1 and edited.status.value == "TENTATIVE"
    assert second.headers["ETag"] != first.headers["ETag"]
    assert server.cache.serialised == serialised + 1  # one edit re-serialises one event
    old, _ = await server.get("/feeds/events/3.ics", **{"If-None-Match": first.headers["ETag"]})
    assert old.status == 200
    # The whole feed sees it too, and cancelled events stay in it.
    await app.events.cancel(3, "called off", ANA, now)
    _, full = await server.get("/feeds/events.ics")
    cancelled = [e for e in strict_read(full).events if e.uid.startswith("event-3@")]
    assert cancelled[0].status.value == "CANCELLED" and cancelled[0].sequence == 2


async def test_single_event_feed_not_found(server, app):
    missing, text = await server.get("/feeds/events/99999.ics")
    assert missing.status == 404 and b"no event #99999" in text
    approximate = [e for e in (await app.events.list(app.now(), page_size=None)).events if e.approximate]
    response, text = await server.get(f"/feeds/events/{approximate[0].id}.ics")
    assert response.status == 404 and b"no confirmed year" in text


async def follow(app, user: str, *ids: int) -> None:
    async with app.db.begin() as session:
        for event_id in ids:
            await FollowRepository(session).follow(user, event_id, app.now())


async def timed(server, path: str, n: int = 7) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        await server.get(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


async def test_private_feed_tokens(server, app, now):
    token = await app.feeds.issue_token(ANA, now)
    assert token and len(token) >= 43  # 256 bits, base64url
    assert await app.feeds.issue_token(ANA, now) is None  # shown once: the hash cannot be shown again
    await follow(app, ANA.key, 3, 5)
    response, body = await server.get(f"/feeds/private/{token}.ics")
    assert response.status == 200 and response.headers["Cache-Control"].startswith("private")
    assert {e.uid.split("@")[0] for e in strict_read(body).events} == {"event-3", "event-5"}
    await follow(app, ANA.key, 7)
    _, body = await server.get(f"/feeds/private/{token}.ics")
    assert len(strict_read(body).events) == 3
    # Only the hash is stored.
    async with app.db() as session:
        from sqlalchemy import select

        from storage.models import FeedToken

        stored = (await session.scalars(select(FeedToken.token_hash))).all()
    assert token not in stored and hashlib.sha256(token.encode()).hexdigest() in stored

    unknown = "A" * len(token)
    for path in (f"/feeds/private/{unknown}.ics", "/feeds/private/short.ics", "/feeds/private/a%20b.ics"):
        missing, text = await server.get(path)
        assert missing.status == 404 and b"BEGIN:VCALENDAR" not in text
    valid_time = await timed(server, f"/feeds/private/{token}.ics")
    unknown_time = await timed(server, f"/feeds/private/{unknown}.ics")
    assert valid_time >= 0.05 and unknown_time >= 0.05
    assert abs(valid_time - unknown_time) < 0.02, (valid_time, unknown_time)

    new = await app.feeds.issue_token(ANA, now, replace=True)
    assert new and new != token
    revoked, _ = await server.get(f"/feeds/private/{token}.ics")
    assert revoked.status == 404
    revoked_time = await timed(server, f"/feeds/private/{token}.ics")
    assert abs(valid_time - revoked_time) < 0.02, (valid_time, revoked_time)
    fresh, _ = await server.get(f"/feeds/private/{new}.ics")
    assert fresh.status == 200
    assert await app.feeds.revoke_tokens(ANA, now) == 1
    gone, _ = await server.get(f"/feeds/private/{new}.ics")
    assert gone.status == 404


async def test_subscribe_page(server, app):
    response, body = await server.get("/", Accept="text/html")
    html = body.decode()
    assert response.status == 200 and response.headers["Content-Type"].startswith("text/html")
    public = app.settings.public_url
    host = public.split("://", 1)[1]
    assert f'href="webcal://{host}/feeds/events.ics"' in html
    assert f'href="{public}/feeds/events.ics"' in html
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F" in html
    assert "<script" not in html
    assert 'name="viewport"' in html
    response, body = await server.get("/?kind=conference&country=Austria&cbm=")
    html = body.decode()
    assert response.status == 200
    assert "/feeds/events.ics?kind=conference&amp;country=Austria" in html
    response, body = await server.get("/?kind=party")
    assert response.status == 400 and "unknown kind" in body.decode()
    response, body = await server.get("/events/3")
    page = body.decode()
    assert response.status == 200 and "/events/3.ics" in page and "action=TEMPLATE" in page
    assert "webcal://" not in page  # one event is added once, never subscribed to
    response, _ = await server.get("/events/99999")
    assert response.status == 404


async def test_changes_from_another_process_show_after_the_recheck_interval(
    server, app, settings, now, monkeypatch
):
    from bot.app import App
    from calendars import feeds

    first, _ = await server.get("/feeds/events/3.ics")
    other = App(settings, clock=lambda: now)  # another engine: its commits are not seen by this server's
    try:
        await other.events.set_status(3, EventStatus.postponed, None, ANA, now)
    finally:
        await other.close()
    cached, _ = await server.get("/feeds/events/3.ics")
    assert cached.headers["ETag"] == first.headers["ETag"]  # within RECHECK_SECONDS: no query made
    monkeypatch.setattr(feeds, "RECHECK_SECONDS", 0.0)
    fresh, body = await server.get("/feeds/events/3.ics")
    assert fresh.headers["ETag"] != first.headers["ETag"] and b"STATUS:TENTATIVE" in body

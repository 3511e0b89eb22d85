"""The aiohttp application served by `cbmbot run`: feeds, the subscribe page and /healthz.

Paths (../shared/contract.md, HTTP):
  GET /                            the subscribe page (HTML, no JavaScript needed)
  GET /events/{id}                 one event in full, with its links (HTML)
  GET /feeds/events.ics            all events; ?kind= ?country= ?cbm= combine
  GET /events/{id}.ics             one event to add once (a download: Content-Disposition: attachment)
  GET /feeds/events/{id}.ics       one event as a feed (kept for links already handed out)
  GET /feeds/private/{token}.ics   the events a person follows
  GET /healthz                     200 when the database answers
  GET /ack/{token}                 acknowledges a communication-check ping (404: unknown, used, expired);
                                   for a yearly confirmation, shows the details (POST confirms or corrects)

Hardening (every response, aiohttp's own errors included): `Server: cbm-bot` without versions, `nosniff`;
HTML adds a CSP with `frame-ancestors 'none'`, X-Frame-Options and Referrer-Policy. Request headers must
arrive within HEADER_SECONDS and idle keep-alive connections close after KEEPALIVE_SECONDS. While the
database is unreachable the answer is 503 with Retry-After; /healthz answers within HEALTH_SECONDS whatever
the database does. A malformed request is one warning line, never a traceback.

Feeds answer whatever the Accept header says, with a strong ETag over the exact bytes, Last-Modified,
304 for If-None-Match / If-Modified-Since, gzip only when accepted (with Vary: Accept-Encoding), and HEAD.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
import time
from collections.abc import Awaitable, Callable
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestHandler

from bot.commchecks.messages import FORM as CONFIRM_FORM
from bot.commchecks.messages import GONE as ACK_GONE
from bot.commchecks.service import ConfirmForm
from bot.errors import BadInput, CbmError, NotFound
from bot.logs import redact
from bot.services.events import KINDS
from bot.services.text_rule import ascii_number, clean_line
from bot.text import TextTimes
from bot.timeutil import zone
from calendars.feeds import BuiltFeed, FeedCache
from calendars.ics import event_file

if TYPE_CHECKING:
    from bot.app import App
    from bot.services.feeds import FeedScope

log = logging.getLogger(__name__)

APP_KEY: web.AppKey[App] = web.AppKey("cbmbot_app")
CACHE_KEY: web.AppKey[FeedCache] = web.AppKey("cbmbot_feed_cache")
TEMPLATES_KEY: web.AppKey[jinja2.Environment] = web.AppKey("cbmbot_templates")
TEMPLATES = Path(__file__).resolve().parent / "templates"

MAX_QUERY = 512  # characters of query string; longer ones are refused (414)
MAX_CONDITIONAL = 1024  # longer If-None-Match headers are ignored
PRIVATE_MIN_SECONDS = 0.05  # every private-feed answer takes at least this long: no timing oracle
ACK_MIN_SECONDS = 0.05  # every /ack answer takes at least this long, valid or not
FILTERS = ("kind", "country", "country_as", "cbm")
CALENDAR_TYPE = "text/calendar"
_ETAG_LIST = re.compile(r'^\s*(?:W/)?"[\x21\x23-\x7e]*"(?:\s*,\s*(?:W/)?"[\x21\x23-\x7e]*")*\s*$')
_ETAG = re.compile(r'(?:W/)?"([\x21\x23-\x7e]*)"')
_BAD_PATH = re.compile(r"(?:^|/)\.\.?(?:/|$)|%2e|%2f|%5c|%00|\\|//", re.IGNORECASE)
_ACCEPT_PART = re.compile(r"^\s*([a-z0-9*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$", re.IGNORECASE)

SERVER_NAME = "cbm-bot"  # no product versions: they only help an attacker pick an exploit
HEADER_SECONDS = 10.0  # a request's line and headers must arrive within this (slow clients hold sockets)
KEEPALIVE_SECONDS = 15.0  # an idle keep-alive connection is closed after this
REQUEST_SECONDS = 20.0  # a request that takes longer (e.g. the database hangs) gets 503
HEALTH_SECONDS = 1.5  # /healthz answers within 2 s whatever the database does
RETRY_AFTER = "30"  # seconds, with every 503
ALWAYS = {"X-Content-Type-Options": "nosniff", "Server": SERVER_NAME}
HTML_ONLY = {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def plain(status: int, reason: str) -> web.Response:
    return web.Response(status=status, text=reason + "\n", content_type="text/plain", charset="utf-8")


# ------------------------------------------------------------------------------------------ guards


def unavailable() -> web.Response:
    response = plain(
        503, "The service is unavailable for a moment (its database does not answer); retry later."
    )
    response.headers["Retry-After"] = RETRY_AFTER
    return response


@web.middleware
async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
    """Refuse path tricks and oversized query strings before any handler; 503 while the database is
    unreachable; never show a traceback (and never log a secret token: see bot.logs)."""
    raw = request.raw_path.split("?", 1)[0]
    if _BAD_PATH.search(raw) or any(ord(ch) < 0x21 for ch in raw):
        return plain(400, "Bad request: the path contains '..', encoded slashes or control characters.")
    if len(request.query_string) > MAX_QUERY:
        return plain(414, f"The query string is longer than {MAX_QUERY} characters.")
    try:
        async with asyncio.timeout(REQUEST_SECONDS):
            return await handler(request)
    except web.HTTPException:
        raise
    except TimeoutError:
        log.warning("HTTP %s %s took over %.0f s: 503", request.method, redact(request.path), REQUEST_SECONDS)
        return unavailable()
    except Exception as exc:
        if request.app[APP_KEY].database_unreachable(exc):
            log.warning("HTTP %s %s: database unreachable (%s): 503", request.method, redact(request.path),
                        type(exc).__name__)  # fmt: skip
            return unavailable()
        log.exception("HTTP %s %s failed", request.method, redact(request.path))
        return plain(500, "Internal error; it has been logged.")


def content_security_policy(app: App) -> str:
    """For our HTML: no scripts, no frames, nothing from elsewhere; the inline style sheet; forms only to
    ourselves (and to the public address, which may be a proxy's)."""
    origin = re.match(r"^https?://[^/]+", str(app.settings.public_url))
    forms = "'self'" + (f" {origin.group(0)}" if origin else "")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        f"form-action {forms}; base-uri 'none'; frame-ancestors 'none'"
    )


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: every response through the app (aiohttp's 404 and 405 included)."""
    response.headers.update(ALWAYS)
    if response.content_type == "text/html":
        response.headers.update(HTML_ONLY)
        response.headers["Content-Security-Policy"] = content_security_policy(request.app[APP_KEY])


class HardenedHandler(RequestHandler):
    """aiohttp's connection handler with a deadline for request headers and quiet malformed requests.

    The deadline runs from a connection's start, and from the first byte of each later request, until the
    request's headers are complete; a client that has not finished by then gets 408 and is disconnected
    (300 half-sent requests cannot hold 300 sockets). aiohttp's own error answers (400 for a request it
    cannot parse) get our headers, and such a request is logged as one warning line."""

    header_seconds = HEADER_SECONDS
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: BaseException | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        waiter, messages = getattr(self, "_waiter", None), getattr(self, "_messages", ())
        if waiter is not None and not waiter.done() and not messages and self._deadline is None:
            self._arm()  # the first bytes of a new request on a kept-alive connection
        super().data_received(data)
        waiter, messages = getattr(self, "_waiter", None), getattr(self, "_messages", ())
        if messages or (waiter is not None and waiter.done()):
            self._disarm()  # the headers are complete

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self._loop.call_later(self.header_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport is None or self._force_close:
            return
        with contextlib.suppress(Exception):
            self.transport.write(
                b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n"
                + f"Server: {SERVER_NAME}\r\nX-Content-Type-Options: nosniff\r\n\r\n".encode()
            )
        self.force_close()

    def log_exception(self, *args: Any, **kw: Any) -> None:
        exc = kw.get("exc_info")
        if isinstance(exc, HttpProcessingError):
            remote = args[1] if len(args) > 1 else "?"
            message = str(exc.message or exc).splitlines()[0][:200] if (exc.message or str(exc)) else "?"
            self.logger.warning("malformed HTTP request from %s: %s", remote, message)
            return
        super().log_exception(*args, **kw)

    def handle_error(
        self,
        request: Any,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        response = super().handle_error(request, status, exc, message)
        response.headers.update(ALWAYS)
        return response


class HardenedRunner(web.AppRunner):
    """An AppRunner whose connections use :class:`HardenedHandler`."""

    async def _make_server(self) -> web.Server:
        server = await super()._make_server()
        server.__class__ = HardenedServer
        return server


class HardenedServer(web.Server):
    __slots__ = ()

    def __call__(self) -> RequestHandler:
        return HardenedHandler(self, loop=self._loop, **self._kwargs)


def gzip_accepted(header: str | None) -> bool:
    """True when Accept-Encoding allows gzip (q > 0), by name or by '*'."""
    if not header:
        return False
    explicit: float | None = None
    star: float | None = None
    for part in header.split(","):
        match = _ACCEPT_PART.match(part)
        if not match:
            continue
        name, q = match.group(1).lower(), match.group(2)
        try:
            weight = float(q) if q is not None else 1.0
        except ValueError:
            continue
        if name in ("gzip", "x-gzip"):
            explicit = weight
        elif name == "*":
            star = weight
    if explicit is not None:
        return explicit > 0
    return star is not None and star > 0


def etags(header: str | None) -> set[str] | None:
    """The opaque tags of an If-None-Match header; None when absent or not well formed (ignored)."""
    if header is None or len(header) > MAX_CONDITIONAL:
        return None
    if header.strip() == "*":
        return {"*"}
    if not _ETAG_LIST.match(header):
        return None
    return set(_ETAG.findall(header))


def not_modified(request: web.Request, feed: BuiltFeed) -> bool:
    tags = etags(request.headers.get("If-None-Match"))
    if tags is not None:  # If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2)
        return "*" in tags or feed.digest in tags or f"{feed.digest}-gz" in tags
    since = request.headers.get("If-Modified-Since")
    if not since or len(since) > 100:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError, IndexError):
        return False
    if when is None:
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    if when > dt.datetime.now(dt.UTC):
        return False  # a date in the future is invalid (RFC 9110 13.1.3)
    return feed.last_modified <= when


async def feed_response(
    request: web.Request, feed: BuiltFeed, filename: str, *, private: bool
) -> web.Response:
    headers = {
        "Last-Modified": format_datetime(feed.last_modified, usegmt=True),
        "Vary": "Accept-Encoding",
        "Cache-Control": ("private" if private else "public") + ", max-age=300",
        "Content-Disposition": f'inline; filename="{filename}"',
        "X-Content-Type-Options": "nosniff",
    }
    use_gzip = gzip_accepted(request.headers.get("Accept-Encoding"))
    headers["ETag"] = feed.gzip_etag if use_gzip else feed.etag
    if not_modified(request, feed):
        return web.Response(status=304, headers=headers)
    body = feed.body
    if use_gzip:
        body = await feed.gzipped()
        headers["Content-Encoding"] = "gzip"
    return web.Response(body=body, headers=headers, content_type=CALENDAR_TYPE, charset="utf-8")


# ------------------------------------------------------------------------------------------ handlers


async def healthz(request: web.Request) -> web.Response:
    """200 when the database answers, 503 when it does not or not within HEALTH_SECONDS."""
    try:
        async with asyncio.timeout(HEALTH_SECONDS):
            healthy = await request.app[APP_KEY].healthy()
    except TimeoutError:
        healthy = False
    if healthy:
        return web.json_response({"status": "ok"}, headers={"Cache-Control": "no-store"})
    return web.json_response(
        {"status": "database unavailable"},
        status=503,
        headers={"Retry-After": RETRY_AFTER, "Cache-Control": "no-store"},
    )


ID_MAX = 2**31 - 1  # the database's INTEGER: what an event id can be


def path_id(request: web.Request) -> int:
    """The id in the path (ASCII digits by the route); above ID_MAX (more than the database can hold) it is
    400 with a one-line reason. 0 is simply not found (404), as before."""
    text = request.match_info["id"]
    if len(text) > 10 or int(text) > ID_MAX:
        raise web.HTTPBadRequest(
            text=f"Bad request: an event id is a number from 1 to {ID_MAX}.\n", content_type="text/plain"
        )
    return int(text)


def filter_values(request: web.Request, *, allow_empty: bool) -> dict[str, Any]:
    """kind, country and cbm from the query; unknown names or repeated ones raise BadInput."""
    values: dict[str, Any] = {}
    for key in request.query:
        if key not in FILTERS:
            raise BadInput(f"unknown parameter {key!r}: the filters are kind, country, country_as and cbm")
        if len(request.query.getall(key)) > 1:
            raise BadInput(f"the parameter {key!r} is given more than once")
        value = clean_line(request.query[key], f"parameter {key!r}", MAX_QUERY) or ""
        if not value:
            if allow_empty:
                continue
            raise BadInput(f"the parameter {key!r} is empty")
        values[key] = value
    if "cbm" in values:
        text = values["cbm"]
        try:
            values["cbm"] = ascii_number(text, "cbm", max_digits=3)
        except BadInput:
            raise BadInput(f"cbm must be a CBM number such as 8 (digits 0-9), not {text!r}") from None
    return values


async def public_feed(request: web.Request) -> web.Response:
    app = request.app[APP_KEY]
    try:
        scope = await app.feeds.scope(**filter_values(request, allow_empty=True))
    except CbmError as exc:
        return plain(400, f"Bad request: {exc}.")
    feed = await request.app[CACHE_KEY].get(scope)
    return await feed_response(request, feed, "cbm-events.ics", private=False)


async def event_feed(request: web.Request) -> web.Response:
    if request.query_string:
        return plain(400, "Bad request: the one-event feed takes no parameters.")
    event_id = path_id(request)
    try:
        scope = await request.app[APP_KEY].feeds.event_scope(event_id)
    except CbmError as exc:
        return plain(404, f"Not found: {exc}.")
    feed = await request.app[CACHE_KEY].get(scope)
    return await feed_response(request, feed, f"cbm-event-{event_id}.ics", private=False)


async def event_download(request: web.Request) -> web.Response:
    """One event as a file to add once (Content-Disposition: attachment): calendar apps import it into the
    reader's own calendar. The subscription URL /feeds/events/{id}.ics keeps working beside it."""
    if request.query_string:
        return plain(400, "Bad request: the event download takes no parameters.")
    app = request.app[APP_KEY]
    event_id = path_id(request)
    try:
        await app.feeds.event_scope(event_id)  # unknown, or its year not confirmed: 404
    except CbmError as exc:
        return plain(404, f"Not found: {exc}.")
    found = await app.feeds.load([event_id])
    if not found:
        return plain(404, f"Not found: there is no event #{event_id}.")
    body = event_file(found[0], app.feeds.public_url)
    headers = {
        "Content-Disposition": f'attachment; filename="cbm-event-{event_id}.ics"',
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
    }
    return web.Response(body=body, headers=headers, content_type=CALENDAR_TYPE, charset="utf-8")


async def private_feed(request: web.Request) -> web.Response:
    """Unknown, malformed and revoked tokens get 404; every answer takes at least PRIVATE_MIN_SECONDS."""
    started = time.monotonic()
    try:
        token = request.match_info["token"]
        scope: FeedScope | None = None
        if 20 <= len(token) <= 100 and re.fullmatch(r"[A-Za-z0-9_-]+", token) and not request.query_string:
            scope = await request.app[APP_KEY].feeds.private_scope(token)
        if scope is None:
            response = plain(404, "Not found: this private feed link is unknown or was reset.")
        else:
            feed = await request.app[CACHE_KEY].get(scope)
            response = await feed_response(request, feed, "my-cbm-events.ics", private=True)
    finally:
        remaining = PRIVATE_MIN_SECONDS - (time.monotonic() - started)
        if remaining > 0:
            await asyncio.sleep(remaining)
    return response


async def acknowledge(request: web.Request) -> web.Response:
    """A contact's acknowledgement link: a small page in their language. Forged, used and expired tokens
    get the same 404, and every answer takes at least ACK_MIN_SECONDS (no timing oracle). The token is
    never logged (aiohttp's access log is off: calendars.web.WebServer)."""

    async def answer() -> Any:
        if request.query_string:
            return None
        app = request.app[APP_KEY]
        return await app.commchecks.acknowledge_link(request.match_info["token"], app.now())

    return await _ack_page(request, "GET", answer)


async def answer_confirmation(request: web.Request) -> web.Response:
    """The yearly confirmation's form: "my details are right", or a correction for an admin to approve."""

    async def answer() -> Any:
        form = await request.post()
        fields = {k: str(form.get(k) or "") for k in ("name", "organisation", "email", "phone")}
        correct = form.get("action") == "correct"
        app = request.app[APP_KEY]
        return await app.commchecks.answer_confirmation(
            request.match_info["token"], app.now(), fields if correct else None,
            str(form.get("note") or "") if correct else None,
        )  # fmt: skip

    return await _ack_page(request, "POST", answer)


async def _ack_page(request: web.Request, method: str, answer: Callable[[], Awaitable[Any]]) -> web.Response:
    """What both /ack/{token} handlers share: the page for what ``answer`` did (None: the same 404 for
    every unknown, used or expired token), never cached, never sending a referrer, never faster than
    ACK_MIN_SECONDS, and errors logged without the path (it holds the token)."""
    started = time.monotonic()
    try:
        try:
            done = await answer()
        except CbmError as exc:
            return plain(400, f"Bad request: {exc}.")
        except Exception:
            log.exception("HTTP %s /ack/… failed", method)
            return plain(500, "Internal error; it has been logged.")
        if done is None:
            response = render_ack(request, 404, "Not found", " ".join(ACK_GONE), "en", ok=False)
        elif isinstance(done, ConfirmForm):  # the yearly confirmation: confirm or correct (POST)
            env: jinja2.Environment = request.app[TEMPLATES_KEY]
            html = env.get_template("ack_confirm.html").render(
                form=done, lang=done.language, words=CONFIRM_FORM[done.language]
            )
            response = web.Response(text=html, content_type="text/html", charset="utf-8")
        else:
            title, text = done.page()
            response = render_ack(request, 200, title, text, done.language, ok=True)
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
    finally:
        remaining = ACK_MIN_SECONDS - (time.monotonic() - started)
        if remaining > 0:
            await asyncio.sleep(remaining)
    return response


def render_ack(
    request: web.Request, status: int, title: str, text: str, lang: str, *, ok: bool
) -> web.Response:
    env: jinja2.Environment = request.app[TEMPLATES_KEY]
    html = env.get_template("ack.html").render(
        title=title, text=text, lang=lang, ok=ok, colour="#2a7a3b" if ok else "#a33"
    )
    return web.Response(
        text=html, status=status, content_type="text/html", charset="utf-8",
        headers={"X-Content-Type-Options": "nosniff"},
    )  # fmt: skip


# ------------------------------------------------------------------------------------------ pages


def make_templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render(request: web.Request, name: str, status: int = 200, **context: Any) -> web.Response:
    env: jinja2.Environment = request.app[TEMPLATES_KEY]
    html = env.get_template(name).render(**context)
    return web.Response(
        text=html, status=status, content_type="text/html", charset="utf-8",
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )  # fmt: skip


def event_view(app: App, event: Any) -> dict[str, Any]:
    times = TextTimes(zone(event.timezone))
    place = (
        f"{event.location} and online"
        if event.online and event.location
        else ("online" if event.online else event.location or "place not given")
    )
    return {
        "id": event.id,
        "title": event.title,
        "when": times.event_when(event),
        "place": place,
        "kind": event.kind.replace("_", " "),
        "status": event.status,
        "status_reason": event.status_reason,
        "description": event.description,
        "countries": [c.name for c in event.countries],
        "held_in": event.venue_country.name if event.venue_country is not None else None,
        "cbms": event.cbm_numbers,
        "url": event.url,
        "approximate": event.approximate,
        "date_note": event.date_note,
        # One event is added once (download or Google's form), never subscribed to: see EventLinks.
        "links": app.feeds.event_links(event),
    }


async def index(request: web.Request) -> web.Response:
    app = request.app[APP_KEY]
    error = None
    try:
        chosen = filter_values(request, allow_empty=True)
        scope = await app.feeds.scope(**chosen)
    except CbmError as exc:
        chosen, error = {}, str(exc)
        scope = await app.feeds.scope()
    page = await app.events.list(
        app.now(),
        when="upcoming",
        kind=scope.flt.kind,
        country=chosen.get("country"),
        country_as=chosen.get("country_as"),
        cbm=scope.flt.cbm,
        page_size=50,
        with_cancelled=True,  # listed, marked: people who planned to go learn it here
    )
    feeds = [("All events", app.feeds.links("/feeds/events.ics"))]
    if scope.path != "/feeds/events.ics":
        feeds.insert(0, (f"Your selection: {scope.name.split(': ', 1)[-1]}", app.feeds.links(scope.path)))
    kind_feeds = [
        (
            "Other events" if kind == "other" else kind.replace("_", " ").capitalize() + "s",
            app.feeds.links(f"/feeds/events.ics?kind={kind}"),
        )
        for kind in KINDS
    ]
    countries = await app.knowledge.countries()
    cbms = await app.knowledge.cbms()
    return render(
        request,
        "index.html",
        status=400 if error else 200,
        error=error,
        events=[event_view(app, e) for e in page.events],
        total=page.total,
        feeds=feeds,
        kind_feeds=kind_feeds,
        kinds=KINDS,
        countries=[c.name for c in countries if c.status != "none"],
        cbms=[(c.number, c.title.get("en", "")) for c in cbms],
        chosen={
            "kind": scope.flt.kind,
            "country": chosen.get("country", ""),
            "country_as": scope.flt.country_as,
            "cbm": scope.flt.cbm,
        },
        page_url=app.feeds.page_url(),
    )


async def event_page(request: web.Request) -> web.Response:
    app = request.app[APP_KEY]
    try:
        event = await app.events.get(path_id(request))
    except NotFound as exc:
        return render(request, "error.html", status=404, message=str(exc), page_url=app.feeds.page_url())
    return render(request, "event.html", event=event_view(app, event), page_url=app.feeds.page_url())


def make_web_app(app: App) -> web.Application:
    web_app = web.Application(middlewares=[guard])
    web_app.on_response_prepare.append(security_headers)
    web_app[APP_KEY] = app
    web_app[CACHE_KEY] = FeedCache(app)
    web_app[TEMPLATES_KEY] = make_templates()
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/", index)
    web_app.router.add_get(r"/events/{id:[0-9]+}", event_page)
    web_app.router.add_get(r"/events/{id:[0-9]+}.ics", event_download)
    web_app.router.add_get("/feeds/events.ics", public_feed)
    web_app.router.add_get(r"/feeds/events/{id:[0-9]+}.ics", event_feed)
    web_app.router.add_get(r"/feeds/private/{token:[^/]{1,200}}.ics", private_feed)
    web_app.router.add_get(r"/ack/{token:[^/]{1,200}}", acknowledge)
    web_app.router.add_post(r"/ack/{token:[^/]{1,200}}", answer_confirmation)
    app.metrics.attach(web_app, web_app[CACHE_KEY])  # GET /metrics, request counts, feed build times
    return web_app


class WebServer:
    """Start and stop the HTTP server inside a running event loop."""

    def __init__(self, app: App, *, port: int | None = None) -> None:
        self.app = app
        self.port = app.settings.http_port if port is None else port  # 0: any free port (tests)
        self.runner = HardenedRunner(
            make_web_app(app), access_log=None, handle_signals=False, keepalive_timeout=KEEPALIVE_SECONDS
        )

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.app.settings.http_host, self.port)
        await site.start()
        self.port = self.runner.addresses[0][1]

    async def stop(self) -> None:
        await self.runner.cleanup()

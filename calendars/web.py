"""The aiohttp application served by `cbmbot run`: feeds, the subscribe page and /healthz.

Paths (../shared/contract.md, HTTP):
  GET /                            the subscribe page (HTML, no JavaScript needed)
  GET /events/{id}                 one event in full, with its links (HTML)
  GET /feeds/events.ics            all events; ?kind= ?country= ?cbm= combine
  GET /feeds/events/{id}.ics       one event
  GET /feeds/private/{token}.ics   the events a person follows
  GET /healthz                     200 when the database answers

Feeds answer whatever the Accept header says, with a strong ETag over the exact bytes, Last-Modified,
304 for If-None-Match / If-Modified-Since, gzip only when accepted (with Vary: Accept-Encoding), and HEAD.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import time
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from aiohttp import web

from bot.errors import BadInput, CbmError, NotFound
from bot.services.events import KINDS
from bot.text import TextTimes
from bot.timeutil import zone
from calendars.feeds import BuiltFeed, FeedCache

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
FILTERS = ("kind", "country", "cbm")
CALENDAR_TYPE = "text/calendar"
_ETAG_LIST = re.compile(r'^\s*(?:W/)?"[\x21\x23-\x7e]*"(?:\s*,\s*(?:W/)?"[\x21\x23-\x7e]*")*\s*$')
_ETAG = re.compile(r'(?:W/)?"([\x21\x23-\x7e]*)"')
_BAD_PATH = re.compile(r"(?:^|/)\.\.?(?:/|$)|%2e|%2f|%5c|%00|\\|//", re.IGNORECASE)
_ACCEPT_PART = re.compile(r"^\s*([a-z0-9*-]+)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$", re.IGNORECASE)


def plain(status: int, reason: str) -> web.Response:
    return web.Response(status=status, text=reason + "\n", content_type="text/plain", charset="utf-8")


# ------------------------------------------------------------------------------------------ guards


@web.middleware
async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
    """Refuse path tricks and oversized query strings before any handler; never show a traceback."""
    raw = request.raw_path.split("?", 1)[0]
    if _BAD_PATH.search(raw) or any(ord(ch) < 0x21 for ch in raw):
        return plain(400, "Bad request: the path contains '..', encoded slashes or control characters.")
    if len(request.query_string) > MAX_QUERY:
        return plain(414, f"The query string is longer than {MAX_QUERY} characters.")
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except Exception:
        log.exception("HTTP %s %s failed", request.method, request.path)
        return plain(500, "Internal error; it has been logged.")


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
    """200 when the database answers, 503 when it does not."""
    if await request.app[APP_KEY].healthy():
        return web.json_response({"status": "ok"})
    return web.json_response({"status": "database unavailable"}, status=503)


def filter_values(request: web.Request, *, allow_empty: bool) -> dict[str, Any]:
    """kind, country and cbm from the query; unknown names or repeated ones raise BadInput."""
    values: dict[str, Any] = {}
    for key in request.query:
        if key not in FILTERS:
            raise BadInput(f"unknown parameter {key!r}: the filters are kind, country and cbm")
        if len(request.query.getall(key)) > 1:
            raise BadInput(f"the parameter {key!r} is given more than once")
        value = request.query[key].strip()
        if not value:
            if allow_empty:
                continue
            raise BadInput(f"the parameter {key!r} is empty")
        values[key] = value
    if "cbm" in values:
        text = values["cbm"]
        if not text.isdigit() or len(text) > 3:
            raise BadInput(f"cbm must be a CBM number such as 8, not {text!r}")
        values["cbm"] = int(text)
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
    event_id = int(request.match_info["id"])
    try:
        scope = await request.app[APP_KEY].feeds.event_scope(event_id)
    except CbmError as exc:
        return plain(404, f"Not found: {exc}.")
    feed = await request.app[CACHE_KEY].get(scope)
    return await feed_response(request, feed, f"cbm-event-{event_id}.ics", private=False)


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
        "cbms": event.cbm_numbers,
        "url": event.url,
        "approximate": event.approximate,
        "date_note": event.date_note,
        "links": None if event.approximate else app.feeds.links(f"/feeds/events/{event.id}.ics"),
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
        cbm=scope.flt.cbm,
        page_size=50,
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
        chosen={"kind": scope.flt.kind, "country": chosen.get("country", ""), "cbm": scope.flt.cbm},
        page_url=app.feeds.page_url(),
    )


async def event_page(request: web.Request) -> web.Response:
    app = request.app[APP_KEY]
    try:
        event = await app.events.get(int(request.match_info["id"]))
    except NotFound as exc:
        return render(request, "error.html", status=404, message=str(exc), page_url=app.feeds.page_url())
    return render(request, "event.html", event=event_view(app, event), page_url=app.feeds.page_url())


def make_web_app(app: App) -> web.Application:
    web_app = web.Application(middlewares=[guard])
    web_app[APP_KEY] = app
    web_app[CACHE_KEY] = FeedCache(app)
    web_app[TEMPLATES_KEY] = make_templates()
    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/", index)
    web_app.router.add_get(r"/events/{id:[1-9][0-9]{0,8}}", event_page)
    web_app.router.add_get("/feeds/events.ics", public_feed)
    web_app.router.add_get(r"/feeds/events/{id:[1-9][0-9]{0,8}}.ics", event_feed)
    web_app.router.add_get(r"/feeds/private/{token:[^/]{1,200}}.ics", private_feed)
    app.metrics.attach(web_app, web_app[CACHE_KEY])  # GET /metrics, request counts, feed build times
    return web_app


class WebServer:
    """Start and stop the HTTP server inside a running event loop."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.runner = web.AppRunner(make_web_app(app), access_log=None, handle_signals=False)

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.app.settings.http_host, self.app.settings.http_port)
        await site.start()

    async def stop(self) -> None:
        await self.runner.cleanup()

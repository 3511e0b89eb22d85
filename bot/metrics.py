"""Prometheus metrics (`GET /metrics`), one registry per App (so that many Apps in one process never clash).

What is measured (names as exposed; the README lists them with their labels):
- reminders, from the `reminder_deliveries` table at scrape time (every replica reports the same totals):
  `cbmbot_reminders_total{status}` (sent, late, missed, failed, withdrawn),
  `cbmbot_reminder_deliveries_open{status}` (pending, claimed), `cbmbot_reminder_lateness_seconds`
  (histogram of sent_at - due_at); `cbmbot_database_up`;
- the dispatcher (`watch_dispatcher`): `cbmbot_reminder_dispatcher_leader` (1 leader, 0 standby),
  `cbmbot_reminder_lease_epoch`;
- HTTP (middleware): `cbmbot_http_requests_total{route,status}` (route = the route's template, never the
  path), `cbmbot_feed_requests_total{feed,status}` and `cbmbot_feed_response_bytes_total{feed}` (feed:
  public, event, private, other), `cbmbot_feed_build_seconds` (around `FeedCache._build`);
- answers (around `AnswerService.answer`): `cbmbot_answer_seconds`, `cbmbot_answers_total{kind}`; the
  unknown rate is `rate(cbmbot_answers_total{kind="unknown"}[1h]) / rate(cbmbot_answers_total[1h])`;
- imports (around `ImportService.import_file`): `cbmbot_import_rows_total{outcome}`,
  `cbmbot_import_files_total{result}`;
- commands (`@observed` on `Registry.invoke`): `cbmbot_commands_total{command,outcome}` (ok, refused,
  error), `cbmbot_command_seconds{command}`;
- communication checks (called by bot/commchecks): `commcheck_ping(channel, outcome)` ->
  `cbmbot_commcheck_pings_total{channel,outcome}`, `commcheck_ack(late=)` ->
  `cbmbot_commcheck_acks_total{timing}`.

Labels only ever take values from fixed sets or declared names: no person, token, path or text. A value
outside a label's set is written as `other`.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

from bot import logs
from storage.ops import DeliveryStats, delivery_stats

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

LATENESS_BUCKETS = (1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0, 14400.0, 86400.0)
ANSWER_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
BUILD_BUCKETS = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
TERMINAL = ("sent", "late", "missed", "failed", "withdrawn")
OPEN = ("pending", "claimed")
ANSWER_KINDS = frozenset({"cbm", "country", "event", "contact", "faq", "unknown", "empty"})
IMPORT_OUTCOMES = frozenset({"created", "updated", "unchanged", "rejected"})
PING_CHANNELS = frozenset({"discord", "email"})
PING_OUTCOMES = frozenset({"sent", "undeliverable", "failed"})
FEEDS = {
    "/feeds/events.ics": "public",
    "/feeds/events/{id}.ics": "event",
    "/feeds/private/{token}.ics": "private",
}
# The classic text format, which every Prometheus version reads (our names need none of 1.0's escaping).
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
FORWARDED = ("Forwarded", "X-Forwarded-For", "X-Real-IP")


def _one_of(value: str, allowed: Iterable[str]) -> str:
    return value if value in allowed else "other"


class _Database(Collector):
    """Reminder figures from the last snapshot (taken by `Metrics.refresh` just before each scrape)
    and the dispatcher's leadership, read when collected."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterator[Metric]:
        m = self.metrics
        up = GaugeMetricFamily("cbmbot_database_up", "1 when the database answered this scrape's query")
        up.add_metric([], 1.0 if m.stats is not None else 0.0)
        yield up
        if m.stats is not None:
            yield from _delivery_families(m.stats)
        dispatcher = m.dispatcher
        if dispatcher is not None:
            leader = GaugeMetricFamily(
                "cbmbot_reminder_dispatcher_leader", "1 when this process delivers reminders, 0 on standby"
            )
            leader.add_metric([], 1.0 if getattr(dispatcher, "leader", False) else 0.0)
            yield leader
            epoch = lease_epoch(dispatcher)
            if epoch is not None:
                family = GaugeMetricFamily(
                    "cbmbot_reminder_lease_epoch", "fencing epoch of the reminder leader lease last held"
                )
                family.add_metric([], float(epoch))
                yield family


def lease_epoch(dispatcher: Any) -> int | None:
    """The dispatcher's lease epoch, wherever it keeps it (`epoch` on itself or on its leadership)."""
    for holder in (dispatcher, getattr(dispatcher, "leadership", None), getattr(dispatcher, "lease", None)):
        value = getattr(holder, "epoch", None) if holder is not None else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _delivery_families(stats: DeliveryStats) -> Iterator[Metric]:
    total = CounterMetricFamily(
        "cbmbot_reminders", "Reminder deliveries that ended, by status", labels=["status"]
    )
    for status in TERMINAL:
        total.add_metric([status], float(stats.by_status.get(status, 0)))
    yield total
    pending = GaugeMetricFamily(
        "cbmbot_reminder_deliveries_open", "Reminder deliveries not yet done, by status", labels=["status"]
    )
    for status in OPEN:
        pending.add_metric([status], float(stats.by_status.get(status, 0)))
    yield pending
    lateness = HistogramMetricFamily(
        "cbmbot_reminder_lateness_seconds", "How long after its moment each reminder was sent"
    )
    buckets = [(_le(bound), float(count)) for bound, count in stats.buckets]
    buckets.append(("+Inf", float(stats.sent)))
    lateness.add_metric([], buckets, sum_value=stats.lateness_sum)
    yield lateness


def _le(bound: float) -> str:
    return str(int(bound)) + ".0" if bound == int(bound) else str(bound)


class Metrics:
    """The App's metrics. Other parts report through the methods below (or are wrapped in `instrument`)."""

    def __init__(self, app: App | None = None) -> None:
        self.app = app
        self.registry = CollectorRegistry()
        self.stats: DeliveryStats | None = None
        self._last_stats: DeliveryStats | None = None  # the histogram is reused while nothing changed
        self.dispatcher: Any = None
        r = self.registry
        self.commands = Counter(
            "cbmbot_commands", "Chat commands run, by outcome", ["command", "outcome"], registry=r
        )
        self.command_seconds = Histogram(
            "cbmbot_command_seconds", "Time to run a chat command", ["command"], registry=r
        )
        self.answers = Counter(
            "cbmbot_answers", "Questions answered, by kind of answer", ["kind"], registry=r
        )
        self.answer_seconds = Histogram(
            "cbmbot_answer_seconds", "Time to answer a question", buckets=ANSWER_BUCKETS, registry=r
        )
        self.import_rows = Counter("cbmbot_import_rows", "Imported rows, by outcome", ["outcome"], registry=r)
        self.import_files = Counter(
            "cbmbot_import_files", "Files imported, by result", ["result"], registry=r
        )
        self.http_requests = Counter(
            "cbmbot_http_requests", "HTTP requests answered", ["route", "status"], registry=r
        )
        self.feed_requests = Counter(
            "cbmbot_feed_requests", "Feed requests, by feed and status", ["feed", "status"], registry=r
        )
        self.feed_bytes = Counter(
            "cbmbot_feed_response_bytes", "Bytes of feed bodies sent", ["feed"], registry=r
        )
        self.feed_build_seconds = Histogram(
            "cbmbot_feed_build_seconds", "Time to build a feed body", buckets=BUILD_BUCKETS, registry=r
        )
        self.commcheck_pings = Counter(
            "cbmbot_commcheck_pings", "Communication-check pings", ["channel", "outcome"], registry=r
        )
        self.commcheck_acks = Counter(
            "cbmbot_commcheck_acks", "Communication-check acknowledgements", ["timing"], registry=r
        )
        r.register(_Database(self))
        if app is not None:
            self.instrument(app)

    # ------------------------------------------------------------------------------ reporting API

    def command_done(self, name: str, outcome: str, seconds: float) -> None:
        self.commands.labels(name, _one_of(outcome, ("ok", "refused", "error"))).inc()
        self.command_seconds.labels(name).observe(seconds)

    def answered(self, kind: str, seconds: float) -> None:
        self.answers.labels(_one_of(kind, ANSWER_KINDS)).inc()
        self.answer_seconds.observe(seconds)

    def imported(self, outcomes: Iterable[str]) -> None:
        rejected = False
        for outcome in outcomes:
            self.import_rows.labels(_one_of(outcome, IMPORT_OUTCOMES)).inc()
            rejected = rejected or outcome == "rejected"
        self.import_files.labels("rejected_rows" if rejected else "ok").inc()

    def commcheck_ping(self, channel: str, outcome: str = "sent") -> None:
        """For bot/commchecks: one ping handed to a channel (`discord`, `email`) with its outcome
        (`sent`, `undeliverable`: no address or closed DMs, `failed`: the channel gave up)."""
        self.commcheck_pings.labels(_one_of(channel, PING_CHANNELS), _one_of(outcome, PING_OUTCOMES)).inc()

    def commcheck_ack(self, *, late: bool = False) -> None:
        """For bot/commchecks: one ping acknowledged, before its deadline or after it (`late=True`)."""
        self.commcheck_acks.labels("late" if late else "in_time").inc()

    def watch_dispatcher(self, dispatcher: Any) -> None:
        """The reminder dispatcher whose leadership (`leader`, `epoch`) /metrics reports."""
        self.dispatcher = dispatcher

    # ------------------------------------------------------------------------------ instrumenting

    def instrument(self, app: App) -> None:
        """Time the services' entry points from outside (they stay free of metrics code)."""
        wrap(app.answers, "answer", self._timed_answer)
        wrap(app.imports, "import_file", self._counted_import)

    def _timed_answer(self, call: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
        async def run() -> Any:
            started = time.perf_counter()
            answer = await call()
            self.answered(str(getattr(answer, "kind", "other")), time.perf_counter() - started)
            return answer

        return run()

    def _counted_import(self, call: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
        async def run() -> Any:
            try:
                report = await call()
            except Exception:
                self.import_files.labels("unreadable").inc()
                raise
            self.imported(str(r.outcome) for r in report.results)
            return report

        return run()

    def _timed_build(self, call: Callable[[], Awaitable[Any]]) -> Awaitable[Any]:
        async def run() -> Any:
            started = time.perf_counter()
            built = await call()
            self.feed_build_seconds.observe(time.perf_counter() - started)
            return built

        return run()

    # ------------------------------------------------------------------------------ HTTP

    def attach(self, web_app: web.Application, feed_cache: Any) -> None:
        """Serve GET /metrics, count every request (outermost middleware) and time feed builds."""
        web_app.middlewares.insert(0, self._middleware)
        web_app.router.add_get("/metrics", self.handle)
        wrap(feed_cache, "_build", self._timed_build)

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        given = request.headers.get("X-Request-ID", "")
        rid = given if 8 <= len(given) <= 64 and given.isascii() and given.replace("-", "").isalnum() else ""
        token = logs.request_id.set(rid or uuid.uuid4().hex[:12])
        status = 500
        response: web.StreamResponse | None = None
        try:
            response = await handler(request)
            status = response.status
            if not response.prepared:  # a streamed answer has sent its headers already
                response.headers["X-Request-ID"] = logs.request_id.get() or ""
            return response
        except web.HTTPException as exc:
            status = exc.status
            raise
        finally:
            logs.request_id.reset(token)
            self._count(request, status, response)

    def _count(self, request: web.Request, status: int, response: web.StreamResponse | None) -> None:
        route = request.match_info.route
        canonical = route.resource.canonical if route.resource is not None else None
        self.http_requests.labels(canonical or "unmatched", str(status)).inc()
        if canonical is None or not canonical.startswith("/feeds/"):
            return
        feed = FEEDS.get(canonical, "other")
        self.feed_requests.labels(feed, str(status)).inc()
        if response is not None and request.method != "HEAD":
            body = getattr(response, "body", None)
            size = len(body) if isinstance(body, bytes | bytearray) else (response.content_length or 0)
            self.feed_bytes.labels(feed).inc(size)

    def allowed(self, request: web.Request) -> tuple[bool, str]:
        """Loopback only, unless CBMBOT_METRICS_TOKEN is set: then exactly that bearer token."""
        secret = self.app.settings.metrics_token if self.app is not None else None
        if secret is not None:
            scheme, _, given = request.headers.get("Authorization", "").partition(" ")
            ok = scheme.lower() == "bearer" and hmac.compare_digest(
                given.strip().encode(), secret.get_secret_value().encode()
            )
            return ok, "send the metrics token as 'Authorization: Bearer <token>'"
        if any(name in request.headers for name in FORWARDED):
            return False, "forwarded by a proxy: set CBMBOT_METRICS_TOKEN to scrape from elsewhere"
        try:
            loopback = ipaddress.ip_address(request.remote or "").is_loopback
        except ValueError:
            loopback = False
        return loopback, "only from this machine unless CBMBOT_METRICS_TOKEN is set"

    async def refresh(self) -> None:
        """Take the database snapshot the next collection reports."""
        if self.app is None:
            return
        try:
            async with self.app.db() as session:
                self.stats = await delivery_stats(session, LATENESS_BUCKETS, self._last_stats)
            self._last_stats = self.stats
        except Exception as exc:
            log.warning("metrics: the database did not answer: %s", exc)
            self.stats = None

    async def render(self) -> bytes:
        await self.refresh()
        return generate_latest(self.registry)

    async def handle(self, request: web.Request) -> web.Response:
        ok, reason = self.allowed(request)
        if not ok:
            has_token = self.app is not None and self.app.settings.metrics_token is not None
            headers = {"WWW-Authenticate": 'Bearer realm="cbmbot metrics"'} if has_token else {}
            return web.Response(
                status=401 if has_token else 403,
                text=f"Forbidden: {reason}.\n",
                content_type="text/plain",
                headers=headers,
            )
        body = await self.render()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})


def wrap(target: Any, name: str, around: Callable[[Callable[[], Awaitable[Any]]], Awaitable[Any]]) -> None:
    """Replace ``target.name`` (an async method) on this instance by one that runs through ``around``.
    A missing method is an error at start-up, not a silently unmeasured path."""
    method = getattr(target, name)  # AttributeError when the method was renamed: update the wrap

    @functools.wraps(method)
    def wrapped(*args: Any, **kwargs: Any) -> Awaitable[Any]:
        return around(lambda: method(*args, **kwargs))

    setattr(target, name, wrapped)


def observed(invoke: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Decorates `Registry.invoke`: a command id for the logs; the command counted in the App's metrics."""

    @functools.wraps(invoke)
    async def run(registry: Any, command: Any, ctx: Any, *args: Any, **kwargs: Any) -> Any:
        token = logs.command_id.set(uuid.uuid4().hex[:12])
        started = time.perf_counter()
        try:
            reply = await invoke(registry, command, ctx, *args, **kwargs)
        finally:
            logs.command_id.reset(token)
        metrics = getattr(ctx.app, "metrics", None)
        if isinstance(metrics, Metrics):
            outcome = "ok" if reply.ok else ("error" if reply.internal_error else "refused")
            metrics.command_done(command.name, outcome, time.perf_counter() - started)
        return reply

    return run

"""GET /metrics over a real aiohttp server (both backends): counters move with the work done, access is
limited to loopback or a bearer token, labels carry no personal data, and each App has its own registry."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from unittest import mock

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import make_mocked_request
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from prometheus_client.parser import text_string_to_metric_families

from bot.app import App
from bot.console import handle_line
from bot.metrics import Metrics
from bot.reminders.dispatcher import ReminderDispatcher
from bot.services.principal import OPERATOR, Principal, Role
from bot.settings import Settings
from calendars.web import make_web_app

ANA = Principal("discord:1001", "ana")
ORGANISER = Principal("cli:org", "org", frozenset({Role.organiser}))


class Sender:
    def __init__(self) -> None:
        self.sent: list[object] = []

    async def send(self, message: object) -> None:
        self.sent.append(message)


class NoLock:
    epoch = 0

    async def acquire(self) -> bool:
        type(self).epoch += 1
        self.epoch = type(self).epoch
        return True

    async def renew(self) -> bool:
        return True

    def valid(self, margin: float = 0.0) -> bool:
        return True

    async def release(self) -> None:
        return None


class Scraper:
    def __init__(self, base: str, http: aiohttp.ClientSession) -> None:
        self.base, self.http = base, http

    async def get(self, path: str, **headers: str) -> tuple[int, str]:
        async with self.http.get(self.base + path, headers=headers) as response:
            return response.status, await response.text()

    async def samples(self, **headers: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        status, text = await self.get("/metrics", **headers)
        assert status == 200, text
        out = {}
        for family in text_string_to_metric_families(text):
            for s in family.samples:
                out[(s.name, tuple(sorted(s.labels.items())))] = s.value
        return out


def value(samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def serve(app: App) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(make_web_app(app), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


@pytest.fixture
async def scraper(app) -> AsyncIterator[Scraper]:
    runner, base = await serve(app)
    async with aiohttp.ClientSession() as http:
        yield Scraper(base, http)
    await runner.cleanup()


async def test_counters_move_with_the_work_done(app, scraper, now):
    before = await scraper.samples()
    assert value(before, "cbmbot_database_up") == 1.0
    assert ("cbmbot_reminders_total", (("status", "sent"),)) in before

    # Feeds: a public feed (built once, then from the cache) and an unknown private token.
    plain = {"Accept-Encoding": "identity"}
    status, body = await scraper.get("/feeds/events.ics", **plain)
    assert status == 200
    status, _ = await scraper.get("/feeds/events.ics", **plain)
    token = "Zz9" * 10
    status, _ = await scraper.get(f"/feeds/private/{token}.ics")
    assert status == 404

    # Commands: one that works, one refused (a plain member may not add events), through the layer.
    assert (await handle_line(app, ANA, "/cbm number:8"))[1]
    assert not (await handle_line(app, ANA, "/event add title:X kind:workshop start:2027-01-01"))[1]

    # Answers: one known, one unknown.
    assert (await app.answers.answer("What is CBM 8?", OPERATOR, now)).kind != "unknown"
    assert (await app.answers.answer("qwxz plorf zzyzx", OPERATOR, now)).kind == "unknown"

    # Imports: one good row, one rejected.
    csv = b"title,kind,start\nCyber workshop,workshop,2027-03-01T10:00:00+01:00\nBroken,workshop,not a date\n"
    report = await app.imports.import_file("rows.csv", csv, OPERATOR, now, default_zone=app.settings.zone)
    assert [r.outcome for r in report.results] == ["created", "rejected"]

    # Reminders: one personal reminder, sent 30 s after its moment by a leading dispatcher.
    due = now + dt.timedelta(hours=1)
    await app.reminders.remind_me(ANA, due.isoformat(), "call the PoC", now)
    sender = Sender()
    dispatcher = ReminderDispatcher(
        app,
        AsyncIOScheduler(),
        sender=lambda: sender,
        leadership=NoLock(),
        clock=lambda: due + dt.timedelta(seconds=30),
    )
    await dispatcher.drain()
    assert len(sender.sent) == 1
    dispatcher.leader, dispatcher._fenced, dispatcher._term = True, True, 7  # leading under epoch 7
    app.metrics.watch_dispatcher(dispatcher)

    # Communication checks report through the documented calls.
    app.metrics.commcheck_ping("email", "sent")
    app.metrics.commcheck_ping("discord", "undeliverable")
    app.metrics.commcheck_ack(late=False)

    after = await scraper.samples()
    delta = lambda name, **labels: value(after, name, **labels) - value(before, name, **labels)  # noqa: E731
    assert delta("cbmbot_feed_requests_total", feed="public", status="200") == 2
    assert delta("cbmbot_feed_requests_total", feed="private", status="404") == 1
    assert delta("cbmbot_feed_response_bytes_total", feed="public") == 2 * len(body.encode())
    assert delta("cbmbot_feed_build_seconds_count") == 1  # the second request came from the cache
    assert delta("cbmbot_http_requests_total", route="/metrics", status="200") == 1
    assert delta("cbmbot_commands_total", command="cbm", outcome="ok") == 1
    assert delta("cbmbot_commands_total", command="event add", outcome="refused") == 1
    assert delta("cbmbot_command_seconds_count", command="cbm") == 1
    assert delta("cbmbot_answers_total", kind="unknown") == 1
    assert delta("cbmbot_answer_seconds_count") == 2
    assert delta("cbmbot_import_rows_total", outcome="created") == 1
    assert delta("cbmbot_import_rows_total", outcome="rejected") == 1
    assert delta("cbmbot_import_files_total", result="rejected_rows") == 1
    assert delta("cbmbot_reminders_total", status="sent") == 1
    assert delta("cbmbot_reminder_lateness_seconds_count") == 1
    assert delta("cbmbot_reminder_lateness_seconds_bucket", le="15.0") == 0
    assert delta("cbmbot_reminder_lateness_seconds_bucket", le="30.0") == 1
    assert delta("cbmbot_reminder_lateness_seconds_sum") == pytest.approx(30, abs=0.01)
    assert value(after, "cbmbot_reminder_dispatcher_leader") == 1
    assert value(after, "cbmbot_reminder_lease_epoch") == 7
    assert delta("cbmbot_commcheck_pings_total", channel="email", outcome="sent") == 1
    assert delta("cbmbot_commcheck_pings_total", channel="discord", outcome="undeliverable") == 1
    assert delta("cbmbot_commcheck_acks_total", timing="in_time") == 1

    # No person, token or path in any label.
    _, text = await scraper.get("/metrics")
    for secret in (token, "ana", "discord:1001", "call the PoC", "Cyber workshop"):
        assert secret not in text


async def test_a_standby_dispatcher_reports_zero(app, scraper):
    dispatcher = mock.Mock(spec=["leader"])
    dispatcher.leader = False
    app.metrics.watch_dispatcher(dispatcher)
    samples = await scraper.samples()
    assert value(samples, "cbmbot_reminder_dispatcher_leader") == 0
    assert ("cbmbot_reminder_lease_epoch", ()) not in samples


async def test_database_down_is_reported_not_raised(settings):
    broken = Settings(
        _env_file=None,  # type: ignore[call-arg]
        CBMBOT_DATABASE_URL="postgresql+asyncpg://nobody@127.0.0.1:1/none",
        CBMBOT_DATA_DIR=settings.data_dir,
    )
    app = App(broken)
    try:
        text = (await app.metrics.render()).decode()
    finally:
        await app.close()
    assert "cbmbot_database_up 0.0" in text
    assert "cbmbot_reminders_total" not in text


def _request(remote: str, **headers: str) -> web.Request:
    transport = mock.Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: (
        (remote, 40000) if name == "peername" else default
    )
    return make_mocked_request("GET", "/metrics", headers=headers, transport=transport)


def _metrics(settings: Settings, **overrides: object) -> Metrics:
    app = App(settings.model_copy(update=overrides) if overrides else settings)  # never connects here
    return app.metrics


def test_only_loopback_without_a_token(settings):
    metrics = _metrics(settings)
    assert metrics.allowed(_request("127.0.0.1"))[0]
    assert metrics.allowed(_request("::1"))[0]
    assert not metrics.allowed(_request("10.0.0.5"))[0]
    assert not metrics.allowed(_request("192.168.1.20"))[0]
    # A proxy on the same machine forwards others' requests: refused.
    ok, reason = metrics.allowed(_request("127.0.0.1", **{"X-Forwarded-For": "203.0.113.9"}))
    assert not ok and "CBMBOT_METRICS_TOKEN" in reason


def test_with_a_token_only_the_bearer_token_opens_it(settings):
    from pydantic import SecretStr

    metrics = _metrics(settings, metrics_token=SecretStr("s3cret-scrape-token"))
    assert metrics.allowed(_request("10.0.0.5", Authorization="Bearer s3cret-scrape-token"))[0]
    assert metrics.allowed(_request("127.0.0.1", Authorization="bearer s3cret-scrape-token"))[0]
    assert not metrics.allowed(_request("127.0.0.1"))[0]
    assert not metrics.allowed(_request("10.0.0.5", Authorization="Bearer wrong"))[0]
    assert not metrics.allowed(_request("10.0.0.5", Authorization="Basic s3cret-scrape-token"))[0]


async def test_token_refusal_over_http(settings, tmp_path):
    from pydantic import SecretStr

    app = App(settings.model_copy(update={"metrics_token": SecretStr("tok-123456")}))
    runner, base = await serve(app)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/metrics") as response:
                assert response.status == 401
                assert response.headers["WWW-Authenticate"].startswith("Bearer")
            async with http.get(base + "/metrics", headers={"Authorization": "Bearer tok-123456"}) as r:
                assert r.status == 200
                assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    finally:
        await runner.cleanup()
        await app.close()


async def test_each_app_has_its_own_registry(settings):
    first, second = App(settings), App(settings)
    try:
        first.metrics.commcheck_ack(late=True)
        assert first.metrics.registry is not second.metrics.registry
        one = first.metrics.registry.get_sample_value("cbmbot_commcheck_acks_total", {"timing": "late"})
        two = second.metrics.registry.get_sample_value("cbmbot_commcheck_acks_total", {"timing": "late"})
        assert (one, two) == (1.0, None)
    finally:
        await first.close()
        await second.close()


def test_label_values_outside_their_set_become_other():
    metrics = Metrics()
    metrics.commcheck_ping("sms to +43 1 234", "sent")
    metrics.answered("someone@example.org", 0.01)
    samples = {
        (s.name, tuple(sorted(s.labels.items())))
        for family in metrics.registry.collect()
        for s in family.samples
    }
    assert ("cbmbot_commcheck_pings_total", (("channel", "other"), ("outcome", "sent"))) in samples
    assert ("cbmbot_answers_total", (("kind", "other"),)) in samples


async def test_request_ids_are_ours_unless_the_client_sent_a_plain_one(scraper):
    async with scraper.http.get(scraper.base + "/healthz", headers={"X-Request-ID": "a b; drop=1 ####"}) as r:
        made = r.headers["X-Request-ID"]
    assert len(made) == 12 and made.isalnum()  # the odd one was not echoed into logs or headers
    async with scraper.http.get(scraper.base + "/healthz", headers={"X-Request-ID": "proxy-1234abcd"}) as r:
        assert r.headers["X-Request-ID"] == "proxy-1234abcd"  # a proxy's id is kept, to follow a request

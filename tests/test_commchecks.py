"""Communication checks: pings over every channel (real SMTP server), acknowledgements by link and by
button, chasing, restarts, reports; on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import time

import pytest
from sqlalchemy import select

from bot.app import App
from bot.commchecks.dispatch import CommCheckDispatcher
from bot.commchecks.report import percentile
from bot.commchecks.schedule import next_run, parse_deadline
from bot.commchecks.smtp import SmtpUrlError, parse_smtp_url
from bot.errors import BadInput, Forbidden, NotFound
from bot.services.principal import OPERATOR, Principal
from calendars.web import ACK_MIN_SECONDS
from storage.commchecks import CommCheckRepository
from storage.models import CommAckToken
from tests.commcheck_support import Clock, MailHandler, RecordingDM, add_contact, served, smtp_server
from tests.conftest import NOW

MEMBER = Principal("discord:5", "member")


@pytest.fixture
def mail():
    with smtp_server(MailHandler()) as found:
        yield found


def make_app(settings, url: str | None, clock: Clock) -> App:
    update = {"reminder_retry_seconds": 1.0, "reminder_max_attempts": 3}
    if url:
        update["smtp_url"] = url
    application = App(settings.model_copy(update=update), clock=clock)
    if "email" in application.ping_senders:
        sender = application.ping_senders["email"]
        sender.config = dataclasses.replace(sender.config, timeout=0.6)
    return application


@pytest.fixture
def clock():
    return Clock(NOW)


@pytest.fixture
async def capp(settings, mail, clock):
    application = make_app(settings, mail[0], clock)
    application.ping_senders["discord"] = RecordingDM(closed={"777"})
    yield application
    await application.close()


def dispatcher(app: App, clock: Clock) -> CommCheckDispatcher:
    return CommCheckDispatcher(app, None, leads=lambda: True, clock=clock)


async def directory(app: App) -> dict[str, int]:
    return {
        "at_policy": await add_contact(app, "Austria", "Anna Policy", "policy", discord_id=111,
                                       email_address="anna@example.at", languages=("de",)),
        "at_tech": await add_contact(app, "Austria", "Toni Tech", "technical",
                                     email_address="toni@example.at"),
        "fr_policy": await add_contact(app, "France", "Fleur", "policy", discord_id=777,
                                       email_address="fleur@example.fr", languages=("fr",)),
        "de_phone": await add_contact(app, "Germany", "Paul Phone", "policy", phone="+49 30 1234567"),
    }  # fmt: skip


async def test_a_check_pings_every_channel_once_and_records_what_failed(capp, mail, clock):
    _, handler = mail
    await directory(capp)
    started = await capp.commchecks.start(OPERATOR, clock(), scope="all", deadline="2h")
    assert started.contacts == 4 and started.undeliverable == 1 and started.pings == 5
    worker = dispatcher(capp, clock)
    await worker.drain()
    await worker.drain()  # nothing is sent twice
    dm = capp.ping_senders["discord"]
    assert sorted(m.address for m in dm.sent) == ["111"]
    assert sorted(str(m["To"]) for m in handler.messages) == [
        "anna@example.at",
        "fleur@example.fr",
        "toni@example.at",
    ]
    anna = next(m for m in handler.messages if m["To"] == "anna@example.at")
    assert "Kommunikationstest" in anna["Subject"] and anna["Message-ID"].startswith("<commcheck-")
    report = (await capp.commchecks.report(started.check.id, OPERATOR)).as_json()
    by_name = {c["name"]: c for c in report["contacts"]}
    assert by_name["Paul Phone"]["status"] == "undeliverable"
    assert by_name["Fleur"]["status"] == "unanswered"  # the DM was refused, the e-mail went out
    assert report["sent"] == 3 and report["undeliverable"] == 1 and report["unanswered"] == 3
    async with capp.db() as session:
        pings = await CommCheckRepository(session).pings(started.check.id)
    fleur_dm = next(p for p in pings if p.channel == "discord" and p.address == "777")
    assert fleur_dm.status == "failed" and "direct messages are closed" in fleur_dm.error
    phone = next(p for p in pings if p.channel == "none")
    assert "only a phone number" in phone.error
    # Only hashes are stored; the link holds a token that is nowhere in the database.
    token = handler.links()["toni@example.at"]
    async with capp.db() as session:
        hashes = list((await session.scalars(select(CommAckToken.token_hash))).all())
    assert token not in hashes and len(token) >= 40 and all(len(h) == 64 for h in hashes)


async def test_links_acknowledge_once_and_unknown_used_or_expired_ones_get_the_same_404(capp, mail, clock):
    _, handler = mail
    await directory(capp)
    started = await capp.commchecks.start(OPERATOR, clock(), scope="all", deadline="2h")
    await dispatcher(capp, clock).drain()
    links = handler.links()
    async with served(capp) as client:
        clock.advance(minutes=7)
        first = await client.get(f"/ack/{links['anna@example.at']}")
        assert first.status == 200 and "Bestätigt" in await first.text()
        again = await client.get(f"/ack/{links['anna@example.at']}")
        forged = await client.get("/ack/" + "A" * 43)
        malformed = await client.get("/ack/short")
        assert again.status == forged.status == malformed.status == 404
        assert await again.text() == await forged.text()
        for path in (f"/ack/{links['toni@example.at']}", "/ack/" + "B" * 43):
            began = time.monotonic()
            await client.get(path)
            assert time.monotonic() - began >= ACK_MIN_SECONDS
        await capp.commchecks.cancel(started.check.id, OPERATOR, clock())
        expired = await client.get(f"/ack/{links['fleur@example.fr']}")
        assert expired.status == 404
    report = (await capp.commchecks.report(started.check.id, OPERATOR)).as_json()
    anna = next(c for c in report["contacts"] if c["name"] == "Anna Policy")
    assert anna["status"] == "acknowledged" and anna["seconds"] == 420 and anna["channel"] == "email"
    toni = next(c for c in report["contacts"] if c["name"] == "Toni Tech")
    assert toni["status"] == "acknowledged" and toni["seconds"] == 420


async def test_tokens_never_reach_the_log(capp, mail, clock, caplog):
    _, handler = mail
    caplog.set_level(logging.DEBUG)
    await directory(capp)
    handler.plan = ["defer"]
    await capp.commchecks.start(OPERATOR, clock(), scope="all", deadline="2h")
    worker = dispatcher(capp, clock)
    await worker.drain()
    clock.advance(seconds=5)
    await worker.drain()
    tokens = list(handler.links().values()) + list(capp.ping_senders["discord"].tokens().values())
    # served as `cbmbot run` serves it (calendars.web.WebServer: no access log)
    async with served(capp) as client:
        for token in tokens:
            await client.get(f"/ack/{token}")
    ours = "\n".join(  # everything but the test's own SMTP server, which logs what it receives
        f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records if not r.name.startswith("mail.log")
    )
    assert len(tokens) == 4 and "will be retried" in ours
    assert not any(token in ours for token in tokens)


async def test_chasing_reminds_then_asks_colleagues_then_closes_and_counts_late(capp, mail, clock):
    _, handler = mail
    ids = await directory(capp)
    started = await capp.commchecks.start(OPERATOR, clock(), scope="policy", deadline="2h")
    worker = dispatcher(capp, clock)
    await worker.drain()
    assert started.contacts == 3  # policy only: Anna, Fleur, Paul
    clock.advance(minutes=60)  # half the deadline
    await worker.drain()
    reminders = [m for m in handler.messages if m["Subject"].startswith("⟳ ")]
    assert sorted(str(m["To"]) for m in reminders) == ["anna@example.at", "fleur@example.fr"]
    # Anna answers by button before the escalation
    dm = capp.ping_senders["discord"]
    initial_dm = next(m for m in dm.sent if m.address == "111" and m.purpose == "initial")
    done = await capp.commchecks.acknowledge_button(initial_dm.ping_id, 111, clock())
    assert done is not None and done.first
    assert await capp.commchecks.acknowledge_button(initial_dm.ping_id, 222, clock()) is None  # not theirs
    again = await capp.commchecks.acknowledge_button(initial_dm.ping_id, 111, clock.advance(seconds=1))
    assert again is not None and not again.first and again.at == done.at  # a second click changes nothing
    clock.advance(minutes=30)  # three quarters
    await worker.drain()
    escalations = [m for m in handler.messages if m["Subject"].startswith("⟳⟳")]
    # Austria answered; France and Germany have no other contact: nobody else to ask
    assert escalations == []
    clock.advance(minutes=31)  # past the deadline
    await worker.drain()
    check = await capp.commchecks.report(started.check.id, OPERATOR)
    assert check.status == "closed"
    fleur_link = handler.links()["fleur@example.fr"]
    async with served(capp) as client:
        late = await client.get(f"/ack/{fleur_link}")
        assert late.status == 200 and "Merci" in await late.text()
    final = (await capp.commchecks.report(started.check.id, OPERATOR)).as_json()
    assert (final["acknowledged"], final["late"], final["unanswered"], final["undeliverable"]) == (1, 1, 0, 1)
    assert final["median_seconds"] == pytest.approx((3600 + 7261) / 2)  # 60 min; 121 min 1 s
    assert ids  # the directory was used


async def test_escalation_asks_the_states_other_contact(capp, mail, clock):
    _, handler = mail
    await directory(capp)
    started = await capp.commchecks.start(
        OPERATOR, clock(), scope="policy", deadline="4h", countries="Austria"
    )
    worker = dispatcher(capp, clock)
    await worker.drain()
    clock.advance(hours=3)
    await worker.drain()
    asked = [m for m in handler.messages if m["Subject"].startswith("⟳⟳")]
    assert [str(m["To"]) for m in asked] == ["toni@example.at"]
    body = asked[0].get_body(preferencelist=("plain",)).get_content()
    assert "Anna Policy" in body and "Austria" in body
    # Toni acknowledges for Austria through his own link
    async with served(capp) as client:
        answer = await client.get(f"/ack/{handler.links()['toni@example.at']}")
        assert answer.status == 200
    report = (await capp.commchecks.report(started.check.id, OPERATOR)).as_json()
    assert report["acknowledged"] == 1 and report["contacts"][0]["name"] == "Anna Policy"


async def test_smtp_refusal_is_final_and_temporary_failures_are_retried_with_backoff(capp, mail, clock):
    _, handler = mail
    await add_contact(capp, "Italy", "Ida", email_address="ida@example.it")
    await add_contact(capp, "Spain", "Sara", email_address="sara@example.es")
    await add_contact(capp, "Malta", "Mark", email_address="mark@example.mt")
    handler.refuse_addresses = {"mark@example.mt"}
    handler.plan = ["hangup", "stall"]  # then "ok"
    started = await capp.commchecks.start(OPERATOR, clock(), scope="all", deadline="1h")
    worker = dispatcher(capp, clock)
    await worker.drain()
    assert handler.messages == []  # one connection closed mid-message, one timed out, one refused
    async with capp.db() as session:
        pings = {p.address: p for p in await CommCheckRepository(session).pings(started.check.id)}
    assert pings["mark@example.mt"].status == "failed" and "refused" in pings["mark@example.mt"].error
    retrying = [p for p in pings.values() if p.status == "pending"]
    assert len(retrying) == 2 and all(p.attempts == 1 for p in retrying)
    assert {p.error.split(":")[0] for p in retrying} == {"SMTP SMTPServerDisconnected", "SMTP timeout"}
    assert all((p.next_at - clock()).total_seconds() == pytest.approx(1.0) for p in retrying)  # then 2 s…
    await worker.drain()  # not due yet: nothing happens
    assert handler.messages == []
    clock.advance(seconds=1)
    await worker.drain()
    assert set(handler.seen) >= {"hangup", "stall", "refuse", "ok"}
    assert sorted(str(m["To"]) for m in handler.messages) == ["ida@example.it", "sara@example.es"]
    report = (await capp.commchecks.report(started.check.id, OPERATOR)).as_json()
    assert report["sent"] == 2 and report["undeliverable"] == 1


async def test_smtp_giving_up_after_the_last_attempt(capp, mail, clock):
    _, handler = mail
    await add_contact(capp, "Italy", "Ida", email_address="ida@example.it")
    handler.plan = ["defer", "defer", "defer"]
    started = await capp.commchecks.start(OPERATOR, clock(), scope="all", deadline="1h")
    worker = dispatcher(capp, clock)
    for _ in range(3):
        await worker.drain()
        clock.advance(seconds=10)
    async with capp.db() as session:
        (ping,) = await CommCheckRepository(session).pings(started.check.id)
    assert ping.status == "failed" and "gave up after 3 attempts" in ping.error and ping.attempts == 3


async def test_a_restart_resends_only_what_was_not_recorded_and_keeps_steps_once(settings, mail, clock):
    url, handler = mail
    first = make_app(settings, url, clock)
    dm = RecordingDM()
    first.ping_senders["discord"] = dm
    await directory(first)
    started = await first.commchecks.start(OPERATOR, clock(), scope="all", deadline="2h")
    # The first process claims, and dies before recording (nothing sent yet for the claimed ones).
    claimed = await first.commchecks.claim(clock(), "dead-process", limit=2)
    assert len(claimed) == 2
    await first.close()
    second = make_app(settings, url, clock)
    second.ping_senders["discord"] = dm
    try:
        worker = dispatcher(second, clock)
        await worker.step()  # becomes the leader: interrupted pings are due again
        async with second.db() as session:
            pings = await CommCheckRepository(session).pings(started.check.id)
        assert all(p.status in ("sent", "failed", "undeliverable") for p in pings)
        assert len(dm.sent) + len(handler.messages) == 5  # each channel once
        clock.advance(minutes=61)
        await asyncio.gather(worker.drain(), dispatcher(second, clock).drain())  # two dispatchers race
        reminders = [m for m in handler.messages if m["Subject"].startswith("⟳ ")]
        assert len(reminders) == 3  # once each, not twice
    finally:
        await second.close()


async def test_only_admins_start_and_read_and_members_see_aggregates(capp, clock):
    await directory(capp)
    with pytest.raises(Forbidden):
        await capp.commchecks.start(MEMBER, clock(), scope="all", deadline="1h")
    started = await capp.commchecks.start(OPERATOR, clock(), scope="all", deadline="1h")
    with pytest.raises(Forbidden):
        await capp.commchecks.report(started.check.id, MEMBER)
    figures = (await capp.commchecks.summary(started.check.id)).aggregates()
    assert figures["contacts"] == 4 and "Austria" not in json.dumps(figures)


async def test_bad_input_is_refused_plainly(capp, clock):
    await directory(capp)
    for kwargs, words in (
        ({"scope": "everyone", "deadline": "1h"}, "scope must be"),
        ({"scope": "all", "deadline": "soon"}, "deadline must be"),
        ({"scope": "all", "deadline": "40d"}, "between 1 minute and 30 days"),
        ({"scope": "all", "deadline": "1h", "countries": "Atlantis"}, "Atlantis"),
    ):
        with pytest.raises((BadInput, NotFound), match=words):
            await capp.commchecks.start(OPERATOR, clock(), **kwargs)
    with pytest.raises(BadInput, match="no point of contact"):
        await capp.commchecks.start(OPERATOR, clock(), scope="technical", deadline="1h", countries="France")


async def test_a_schedule_starts_its_run_exactly_once_and_moves_on(capp, clock):
    await directory(capp)
    row = await capp.commchecks.add_schedule(
        OPERATOR, clock(), every="quarterly", weekday="mon", time="10:00", timezone="Europe/Vienna",
        scope="all", deadline="2h",
    )  # fmt: skip
    # Quarterly from November (its first Monday has passed): 1 February 2027, 10:00 CET
    assert row.next_at.isoformat() == "2027-02-01T09:00:00+00:00"
    clock.now = row.next_at
    assert await capp.commchecks.advance(clock()) >= 1
    await capp.commchecks.advance(clock())
    checks, schedules = await capp.commchecks.checks(OPERATOR)
    assert [c.schedule_id for c in checks] == [row.id]
    assert schedules[0].next_at.isoformat() == "2027-05-03T08:00:00+00:00"  # CEST by then


def test_durations_schedules_and_percentiles():
    assert parse_deadline("1d12h").total_seconds() == 36 * 3600
    assert parse_deadline("90m").total_seconds() == 5400
    # the first Sunday of March 2027 at 02:30 in Vienna does not exist (DST): APScheduler moves it on
    fire = next_run("yearly", "sun", "02:30", "Europe/Vienna", 3, NOW)
    assert fire is not None and fire.month == 3
    assert percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert percentile([5], 0.9) == 5


def test_smtp_urls():
    config = parse_smtp_url("smtps://user%40x:p%3Ass@mail.example.org")
    assert (config.host, config.port, config.implicit_tls, config.username, config.password) == (
        "mail.example.org", 465, True, "user@x", "p:ss",
    )  # fmt: skip
    assert "p:ss" not in repr(config)
    plain = parse_smtp_url("smtp://mail.example.org:587?starttls=require")
    assert plain.port == 587 and plain.starttls is True and not plain.implicit_tls
    assert parse_smtp_url("smtp://mail.example.org").starttls is None
    with pytest.raises(SmtpUrlError):
        parse_smtp_url("http://mail.example.org")


async def test_yearly_confirmation_confirms_or_corrects_through_an_admins_approval(capp, mail, clock):
    _, handler = mail
    ids = await directory(capp)
    for key in ("at_policy", "at_tech", "de_phone"):
        await capp.contacts.edit(ids[key], {"verified": "2025-06-01"}, OPERATOR, clock())
    with pytest.raises(Forbidden):
        await capp.commchecks.start_confirmation(MEMBER, clock())
    started = await capp.commchecks.start_confirmation(OPERATOR, clock())
    assert started.contacts == 3 and started.undeliverable == 1  # Fleur confirmed this year: not asked
    await dispatcher(capp, clock).drain()
    toni_mail = next(m for m in handler.messages if m["To"] == "toni@example.at")
    assert "confirm your details" in toni_mail["Subject"] and "toni@example.at" in toni_mail.get_content()
    token = handler.links()["toni@example.at"]
    clock.advance(hours=2)
    async with served(capp) as client:
        form = await client.get(f"/ack/{token}")
        assert form.status == 200 and 'name="action" value="correct"' in await form.text()
        bad = await client.post(f"/ack/{token}", data={"action": "correct", "email": "not-an-address"})
        assert bad.status == 400  # nothing written: the link still works
        sent = await client.post(
            f"/ack/{token}",
            data={"action": "correct", "name": "Toni Tech", "organisation": "", "email": "toni@example.at",
                  "phone": "+43 1 999 000", "note": "new desk"},
        )  # fmt: skip
        assert sent.status == 200 and "review" in await sent.text()
        again = await client.post(f"/ack/{token}", data={"action": "confirm"})
        assert again.status == 404
    anna_dm = next(m for m in capp.ping_senders["discord"].sent if m.address == "111")
    assert anna_dm.button == "Meine Angaben stimmen"
    done = await capp.commchecks.acknowledge_button(anna_dm.ping_id, 111, clock())
    assert done is not None and done.first
    rows = await capp.contacts.list(OPERATOR, clock())
    by_name = {c.name: c for c in rows}
    assert by_name["Anna Policy"].last_verified == clock().date()
    assert by_name["Toni Tech"].last_verified.isoformat() == "2025-06-01"  # waits for the approval
    with pytest.raises(Forbidden):
        await capp.commchecks.corrections(MEMBER)
    ((correction, contact),) = await capp.commchecks.corrections(OPERATOR)
    assert contact.name == "Toni Tech" and correction.changes == {"phone": "+43 1 999 000"}
    assert correction.note == "new desk"
    updated = await capp.commchecks.decide(correction.id, True, OPERATOR, clock())
    assert updated.phone == "+43 1 999 000" and updated.last_verified == clock().date()
    with pytest.raises(NotFound):
        await capp.commchecks.decide(correction.id, True, OPERATOR, clock())
    actions = [e.action for e in await capp.contacts.audit_log(OPERATOR, limit=50)]
    for action in ("contact.confirm", "contact.correction.propose", "contact.update",
                   "contact.correction.approved", "contact.confirm.request"):  # fmt: skip
        assert action in actions
    report = (await capp.commchecks.report(started.check.id, OPERATOR)).as_json()
    assert (report["acknowledged"], report["undeliverable"]) == (2, 1)


async def test_the_dispatcher_sends_only_while_this_process_leads_the_reminders(capp, mail, clock):
    import datetime as dt

    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    _, handler = mail
    clock.now = dt.datetime.now(dt.UTC)  # APScheduler runs on real time
    await add_contact(capp, "Italy", "Ida", email_address="ida@example.it")
    leading = {"now": False}
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start()
    worker = CommCheckDispatcher(capp, scheduler, leads=lambda: leading["now"], poll_seconds=0.1)
    await worker.start()
    try:
        assert scheduler.get_job("commchecks:poll") is not None
        await capp.commchecks.start(OPERATOR, capp.now(), scope="all", deadline="10m")
        await asyncio.sleep(0.5)
        assert handler.messages == [] and not worker.leader  # a standby sends nothing
        leading["now"] = True
        for _ in range(50):
            if handler.messages:
                break
            await asyncio.sleep(0.1)
        assert [str(m["To"]) for m in handler.messages] == ["ida@example.it"] and worker.leader
        wakes: list = []
        for _ in range(50):  # the e-mail arrives before the dispatcher records it and plans its wakes
            wakes = sorted(
                j.next_run_time for j in scheduler.get_jobs() if j.id.startswith("commchecks:wake:")
            )
            if wakes:
                break
            await asyncio.sleep(0.1)
        assert [round((w - clock()).total_seconds() / 30) * 30 for w in wakes] == [300, 450, 600]
    finally:
        await worker.stop()
        scheduler.shutdown(wait=False)
    assert scheduler.get_job("commchecks:poll") is None


async def test_a_schedule_with_nobody_in_scope_moves_on_without_blocking_the_rest(capp, clock, caplog):
    await directory(capp)
    empty = await capp.commchecks.add_schedule(
        OPERATOR, clock(), every="monthly", weekday="tue", time="09:00", timezone="UTC",
        scope="technical", deadline="2h", countries="France",
    )  # fmt: skip
    clock.now = empty.next_at
    started = await capp.commchecks.start(OPERATOR, clock(), scope="all", deadline="1h")
    clock.advance(minutes=30)
    assert await capp.commchecks.advance(clock()) >= 2  # the schedule moved on, the check was chased
    assert "schedule #1 started no check" in caplog.text
    checks, schedules = await capp.commchecks.checks(OPERATOR)
    assert [c.id for c in checks] == [started.check.id] and schedules[0].next_at > clock()

"""Reminder planning, time rules, refusals, late/missed handling and injected send faults (both backends)."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot.errors import BadInput, Forbidden, NotFound
from bot.reminders.dispatcher import ReminderDispatcher
from bot.reminders.senders import ConsoleSender, RateLimited, RecipientUnavailable, ServerError
from bot.reminders.timing import (
    next_weekly,
    offset_due,
    parse_moment,
    parse_offset,
)
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR, Principal, Role
from bot.timeutil import Dst, wall_time
from storage.models import Event, ReminderDelivery

VIENNA = ZoneInfo("Europe/Vienna")
UTC = dt.UTC
ANA = Principal("discord:111", "ana")
BOB = Principal("console:bob", "bob")
ADMIN = Principal("discord:9", "admin", frozenset({Role.admin}))
GUILD = 4242
CHANNEL = 555


# ------------------------------------------------------------------------------------------ time rules


def test_one_day_before_keeps_the_wall_clock_across_spring_dst():
    # 28 March 2027: Vienna goes from CET (+1) to CEST (+2) at 02:00.
    start = dt.datetime(2027, 3, 28, 9, 0, tzinfo=VIENNA).astimezone(UTC)
    due = offset_due(start, VIENNA, parse_offset("1d"))
    assert due.astimezone(VIENNA).replace(tzinfo=None) == dt.datetime(2027, 3, 27, 9, 0)
    assert start - due == dt.timedelta(hours=23)  # a plain "minus 24 hours" would be 08:00 local


def test_one_day_before_keeps_the_wall_clock_across_autumn_dst():
    start = dt.datetime(2027, 10, 31, 9, 0, tzinfo=VIENNA).astimezone(UTC)
    due = offset_due(start, VIENNA, parse_offset("1d"))
    assert due.astimezone(VIENNA).replace(tzinfo=None) == dt.datetime(2027, 10, 30, 9, 0)
    assert start - due == dt.timedelta(hours=25)


def test_hours_are_exact_and_weeks_are_wall_days():
    start = dt.datetime(2027, 3, 28, 9, 0, tzinfo=VIENNA).astimezone(UTC)
    assert start - offset_due(start, VIENNA, parse_offset("1h")) == dt.timedelta(hours=1)
    week = offset_due(start, VIENNA, parse_offset("1w"))
    assert week.astimezone(VIENNA).replace(tzinfo=None) == dt.datetime(2027, 3, 21, 9, 0)
    mixed = offset_due(start, VIENNA, parse_offset("1d2h"))
    assert mixed.astimezone(VIENNA).replace(tzinfo=None) == dt.datetime(2027, 3, 27, 7, 0)


def test_day_reminder_of_all_day_event_goes_at_nine_local():
    start = dt.datetime(2027, 3, 29, 0, 0, tzinfo=VIENNA).astimezone(UTC)
    due = offset_due(start, VIENNA, parse_offset("1d"), all_day=True)
    assert due.astimezone(VIENNA).replace(tzinfo=None) == dt.datetime(2027, 3, 28, 9, 0)


def test_wall_time_in_a_dst_gap_moves_forward():
    at = wall_time(dt.date(2027, 3, 28), dt.time(2, 30), VIENNA)
    assert at.astimezone(VIENNA).replace(tzinfo=None) == dt.datetime(2027, 3, 28, 3, 30)
    with pytest.raises(BadInput, match="does not exist"):  # the policy for typed times refuses it
        wall_time(dt.date(2027, 3, 28), dt.time(2, 30), VIENNA, Dst.refuse)


def test_a_personal_reminder_follows_the_same_dst_policy_as_events():
    """One parse_when: a typed time in the spring gap or the repeated autumn hour is refused, as for an
    event's start (it used to be shifted silently for reminders)."""
    now = dt.datetime(2027, 3, 1, 10, 0, tzinfo=UTC)
    for text in ("2027-03-28T02:30", "28 March 2027 02:30"):
        with pytest.raises(BadInput, match="does not exist in Europe/Vienna"):
            parse_moment(text, now, VIENNA)
    with pytest.raises(BadInput, match="happens twice"):
        parse_moment("2027-10-31T02:30", now, VIENNA)
    assert parse_moment("2027-10-31T02:30+02:00", now, VIENNA) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert parse_moment("in 3 days", now, VIENNA) == now + dt.timedelta(days=3)  # exact
    day = parse_moment("2027-03-28", now, VIENNA)  # a date alone: 09:00 local (after the jump: CEST)
    assert day == dt.datetime(2027, 3, 28, 7, 0, tzinfo=UTC)


def test_weekly_digest_keeps_its_local_hour_across_dst():
    now = dt.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)
    first = next_weekly(now, VIENNA, 0, dt.time(9, 0))
    second = next_weekly(first + dt.timedelta(seconds=1), VIENNA, 0, dt.time(9, 0))
    assert first == dt.datetime(2027, 3, 22, 8, 0, tzinfo=UTC)  # 09:00 CET
    assert second == dt.datetime(2027, 3, 29, 7, 0, tzinfo=UTC)  # 09:00 CEST
    autumn = next_weekly(dt.datetime(2027, 10, 27, tzinfo=UTC), VIENNA, 0, dt.time(9, 0))
    assert autumn.astimezone(VIENNA).hour == 9 and autumn == dt.datetime(2027, 11, 1, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("400d", "longer than a year"),
        ("53w", "longer than a year"),
        ("0h", "zero"),
        ("soon", "cannot read the offset"),
        ("1x", "cannot read the offset"),
    ],
)
def test_bad_offsets_are_refused(text, message):
    with pytest.raises(BadInput, match=message):
        parse_offset(text)


def test_when_in_words_and_iso():
    now = dt.datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    assert parse_moment("in 2 hours", now, VIENNA) == now + dt.timedelta(hours=2)
    tomorrow = parse_moment("tomorrow 9:00", now, VIENNA)
    assert tomorrow.astimezone(VIENNA).replace(tzinfo=None) == dt.datetime(2026, 11, 23, 9, 0)
    assert parse_moment("2026-12-01T09:00Z", now, VIENNA) == dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert parse_moment("2026-12-01T09:00+01:00", now, VIENNA) == dt.datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    with pytest.raises(BadInput, match="cannot read the time"):
        parse_moment("when pigs fly", now, VIENNA)


# ------------------------------------------------------------------------------------------ helpers


async def add_event(app, now, *, start, title="Planning meeting", kind="meeting", tz="Europe/Vienna"):
    draft = EventDraft(title=title, kind=kind, start=start, timezone=tz, location="Vienna")
    return await app.events.create(draft, OPERATOR, now)


async def pending(app, event_id=None):
    rows = await app.reminders.deliveries(event_id=event_id, status="pending")
    return [(r.occurrence.rsplit(":", 1)[-1], r.target, r.due_at) for r in rows]


async def move_event(app, event_id, start):
    """An edit as another process (the CLI, another bot) makes it: new times and a new sequence."""
    async with app.db.begin() as session:
        event = await session.get(Event, event_id)
        length = event.end_at - event.start_at
        event.start_at, event.end_at = start.astimezone(UTC), start.astimezone(UTC) + length
        event.sequence += 1


class FakeSender:
    """Records what was sent; ``faults`` are raised, one per attempt, before succeeding."""

    def __init__(self, faults=(), dm_closed=()):
        self.sent = []
        self.faults = list(faults)
        self.dm_closed = set(dm_closed)

    async def send(self, message):
        if self.faults:
            raise self.faults.pop(0)
        if message.user_key in self.dm_closed:
            raise RecipientUnavailable("their direct messages are closed")
        self.sent.append(message)


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


class NoLock:
    epoch = None

    async def acquire(self):
        return True

    async def renew(self):
        return True

    def valid(self, margin=0.0):
        return True

    async def release(self):
        return None


def dispatcher(app, clock, sender):
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    return ReminderDispatcher(
        app, AsyncIOScheduler(), sender=lambda: sender, leadership=NoLock(), clock=clock
    )


# ------------------------------------------------------------------------------------------ planning


async def test_guild_settings_plan_offsets_and_digest(app, now):
    event = await add_event(app, now, start=dt.datetime(2026, 12, 10, 9, 0, tzinfo=VIENNA))
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL)
    planned = await pending(app, event.id)
    assert [(o, t) for o, t, _ in planned] == [
        ("7d", "channel:555"),
        ("1d", "channel:555"),
        ("1h", "channel:555"),
    ]
    assert planned[1][2] == dt.datetime(2026, 12, 9, 8, 0, tzinfo=UTC)
    digests = [
        r for r in await app.reminders.deliveries(status="pending") if r.occurrence.startswith("digest:")
    ]
    assert [d.occurrence for d in digests] == ["digest:2026-11-23"]
    assert digests[0].due_at == dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 09:00 Vienna


async def test_settings_are_for_admins_and_validated(app, now):
    with pytest.raises(Forbidden):
        await app.reminders.configure_guild(GUILD, ANA, now, channel_id=CHANNEL)
    with pytest.raises(BadInput, match="longer than a year"):
        await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, offsets="7d,400d")
    assert await app.reminders.guild_settings(GUILD) is None  # a failed action writes nothing
    with pytest.raises(BadInput, match="unknown kind"):
        await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, kinds="party")


async def test_kind_and_country_filters(app, now):
    meeting = await add_event(app, now, start=dt.datetime(2026, 12, 10, 9, 0, tzinfo=VIENNA))
    workshop = await add_event(
        app, now, start=dt.datetime(2026, 12, 11, 9, 0, tzinfo=VIENNA), kind="workshop"
    )
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, kinds="workshop")
    assert await pending(app, meeting.id) == []
    assert len(await pending(app, workshop.id)) == 3
    await app.reminders.configure_guild(GUILD, ADMIN, now, kinds="all", countries="Austria")
    assert await pending(app, workshop.id) == []  # no country taking part: filtered out


async def test_edits_move_reminders_and_are_picked_up_by_reconcile(app, now):
    event = await add_event(app, now, start=dt.datetime(2026, 12, 10, 9, 0, tzinfo=VIENNA))
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL)
    await app.reminders.remind_event(ANA, event.id, "2h", now)
    await move_event(app, event.id, dt.datetime(2026, 12, 17, 14, 0, tzinfo=VIENNA))
    assert await app.reminders.reconcile(now) == 1  # only the changed event
    planned = await pending(app, event.id)
    assert sorted(d for _, _, d in planned) == [
        dt.datetime(2026, 12, 10, 13, 0, tzinfo=UTC),  # 7d
        dt.datetime(2026, 12, 16, 13, 0, tzinfo=UTC),  # 1d
        dt.datetime(2026, 12, 17, 11, 0, tzinfo=UTC),  # 2h (ana)
        dt.datetime(2026, 12, 17, 12, 0, tzinfo=UTC),  # 1h
    ]
    withdrawn = await app.reminders.deliveries(event_id=event.id, status="withdrawn")
    assert len(withdrawn) == 4 and all("changed" in w.error for w in withdrawn)
    assert await app.reminders.reconcile(now) == 0  # nothing changed since


async def test_cancel_withdraws_and_posts_one_notice_where_reminders_went_out(app, now):
    event = await add_event(app, now, start=dt.datetime(2026, 11, 30, 9, 0, tzinfo=VIENNA))
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL)
    await app.reminders.remind_event(ANA, event.id, "1d", now)
    clock = Clock(dt.datetime(2026, 11, 23, 8, 0, 1, tzinfo=UTC))  # the 7d reminder and the digest are due
    sender = FakeSender()
    await dispatcher(app, clock, sender).drain()
    assert {m.target for m in sender.sent} == {"channel:555"}
    assert len(sender.sent) == 2  # the 7-day reminder and the weekly digest
    await app.events.cancel(event.id, "venue closed", OPERATOR, clock.now)
    await app.reminders.reconcile(clock.now)
    assert await pending(app, event.id) == [
        (str(event.id), "channel:555", clock.now)
    ]  # not to ana: nothing went
    await app.reminders.reconcile(clock.now + dt.timedelta(seconds=5))
    assert len(await pending(app, event.id)) == 1  # still one
    await dispatcher(app, clock, sender).drain()
    notice = sender.sent[-1]
    assert notice.title == "Cancelled" and "venue closed" in notice.text
    statuses = sorted(r.status for r in await app.reminders.deliveries(event_id=event.id))
    assert statuses == ["sent", "sent", "withdrawn", "withdrawn", "withdrawn"]


async def test_follow_opt_in_plans_dm_reminders(app, now):
    from storage.repositories import FollowRepository

    event = await add_event(app, now, start=dt.datetime(2026, 12, 10, 9, 0, tzinfo=VIENNA))
    await app.reminders.follow_reminders(ANA, True, now, before="1d,1h")
    assert await pending(app, event.id) == []
    async with app.db.begin() as session:  # following happens elsewhere (the follows feature)
        await FollowRepository(session).follow(ANA.key, event.id, now)
    await app.reminders.reconcile(now)
    assert [(o, t) for o, t, _ in await pending(app, event.id)] == [
        ("1d", "user:discord:111"),
        ("1h", "user:discord:111"),
    ]
    await app.reminders.follow_reminders(ANA, False, now)
    assert await pending(app, event.id) == []


async def test_deadlines_get_their_own_reminders(app, now):
    organiser = Principal("discord:5", "org", frozenset({Role.organiser}))
    event = await add_event(app, now, start=dt.datetime(2027, 1, 20, 9, 0, tzinfo=VIENNA))
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, offsets="1d")
    await app.reminders.set_deadline(
        organiser, event.id, "registration", "2027-01-10T17:00", now, "register online"
    )
    rows = await app.reminders.deliveries(event_id=event.id, status="pending")
    deadline = [r for r in rows if r.occurrence.startswith("deadline:")]
    assert len(deadline) == 1 and deadline[0].due_at == dt.datetime(2027, 1, 9, 16, 0, tzinfo=UTC)
    clock = Clock(deadline[0].due_at)
    sender = FakeSender()
    await dispatcher(app, clock, sender).drain()
    assert sender.sent[0].title == "Deadline: registration" and "register online" in sender.sent[0].text
    with pytest.raises(Forbidden):
        await app.reminders.set_deadline(ANA, event.id, "visa", "2027-01-05T17:00", now)
    with pytest.raises(BadInput, match="unknown deadline"):
        await app.reminders.set_deadline(organiser, event.id, "lunch", "2027-01-05T17:00", now)


async def test_clearing_a_deadline_withdraws_its_reminders(app, now):
    organiser = Principal("discord:5", "org", frozenset({Role.organiser}))
    event = await add_event(app, now, start=dt.datetime(2027, 1, 20, 9, 0, tzinfo=VIENNA))
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, offsets="1d")
    await app.reminders.set_deadline(organiser, event.id, "visa", "2027-01-10T17:00", now)
    with pytest.raises(Forbidden):
        await app.reminders.clear_deadline(ANA, event.id, "visa", now)
    await app.reminders.clear_deadline(organiser, event.id, "visa", now)
    assert await app.reminders.deadlines(event.id) == []
    pending = await app.reminders.deliveries(event_id=event.id, status="pending")
    assert [r for r in pending if r.occurrence.startswith("deadline:")] == []
    with pytest.raises(NotFound, match="has no visa deadline"):
        await app.reminders.clear_deadline(organiser, event.id, "visa", now)


# ------------------------------------------------------------------------------------------ refusals


async def test_personal_reminder_refusals(app, now):
    with pytest.raises(BadInput, match="in the past"):
        await app.reminders.remind_me(ANA, "2026-11-22T09:00Z", "too late", now)
    with pytest.raises(BadInput, match="at most 1000"):
        await app.reminders.remind_me(ANA, "in 2 hours", "x" * 1001, now)
    with pytest.raises(BadInput, match="more than a year"):
        await app.reminders.remind_me(ANA, "2028-01-01T00:00Z", "far", now)
    event = await add_event(app, now, start=dt.datetime(2026, 11, 22, 12, 0, tzinfo=VIENNA))
    with pytest.raises(BadInput, match="already passed"):
        await app.reminders.remind_event(ANA, event.id, "1d", now)
    with pytest.raises(BadInput, match="longer than a year"):
        await app.reminders.remind_event(ANA, event.id, "400d", now)
    with pytest.raises(NotFound):
        await app.reminders.remind_event(ANA, 99999, "1h", now)
    for i in range(25):
        await app.reminders.remind_me(ANA, f"in {i + 1} hours", f"number {i}", now)
    with pytest.raises(BadInput, match="at most 25"):
        await app.reminders.remind_me(ANA, "in 30 hours", "one too many", now)
    await app.reminders.remind_me(BOB, "in 30 hours", "bob has room", now)  # the limit is per person
    views = await app.reminders.list_for(ANA, now)
    await app.reminders.cancel(ANA, views[0].reminder.id, now)
    await app.reminders.remind_me(ANA, "in 30 hours", "room again", now)
    with pytest.raises(NotFound):
        await app.reminders.cancel(BOB, views[1].reminder.id, now)  # not bob's


# ------------------------------------------------------------------------------------------ delivering


async def test_late_while_useful_and_missed_after_with_admin_summary(app, now):
    await add_event(app, now, start=dt.datetime(2026, 12, 10, 9, 0, tzinfo=VIENNA))
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, offsets="7d,1d,1h")
    await app.reminders.remind_me(BOB, "2026-12-09T12:00Z", "pack", now)
    # The bot was down from before the 7d reminder until 30 minutes before the event.
    clock = Clock(dt.datetime(2026, 12, 10, 7, 30, tzinfo=UTC))
    sender = FakeSender()
    await dispatcher(app, clock, sender).drain()
    log = await app.reminders.delivery_log()
    by = {(r["occurrence"].rsplit(":", 1)[-1], r["target"]): r for r in log}
    assert by[("7d", "channel:555")]["status"] == "late"
    assert by[("1d", "channel:555")]["status"] == "late"
    assert by[("1h", "channel:555")]["status"] == "late"
    assert by[("once", "user:console:bob")]["status"] == "late"  # within 24 hours: still useful
    assert all(m.late for m in sender.sent if m.title != "Reminders")
    # Now a second downtime until after the event started: the next ones are missed, with a summary.
    await app.reminders.remind_me(BOB, "2026-12-10T08:55Z", "leave now", clock.now)
    clock.now = dt.datetime(2026, 12, 11, 9, 0, tzinfo=UTC)
    await dispatcher(app, clock, sender).drain()
    log = await app.reminders.delivery_log()
    missed = [r for r in log if r["status"] == "missed"]
    assert len(missed) == 2  # bob's "leave now" and the digest of 7 Dec are too old now
    assert all(r["sent_at"] is None and r["error"] for r in missed)
    (summary,) = [m for m in sender.sent if "For the admins" in m.text]  # (moments overdue go out together)
    assert summary.target == "channel:555"


async def test_rate_limit_then_server_error_then_success(app, now):
    await app.reminders.remind_me(ANA, "in 1 hour", "retry me", now)
    clock = Clock(now + dt.timedelta(hours=1))
    sender = FakeSender(faults=[RateLimited("429", retry_after=3), ServerError("502 bad gateway")])
    d = dispatcher(app, clock, sender)
    await d.drain()
    (row,) = await app.reminders.deliveries()
    assert row.status == "pending" and row.attempts == 1 and "RateLimited" in row.error
    assert row.next_at == clock.now + dt.timedelta(seconds=3)  # retry_after honoured over the 2 s base
    await d.drain()
    assert sender.sent == []  # not due yet
    clock.now = row.next_at
    await d.drain()
    (row,) = await app.reminders.deliveries()
    assert row.status == "pending" and row.attempts == 2 and "502" in row.error
    assert row.next_at == clock.now + dt.timedelta(seconds=4)  # backoff doubles
    clock.now = row.next_at
    await d.drain()
    (row,) = await app.reminders.deliveries()
    assert row.status == "sent" and row.attempts == 3 and row.error is None
    assert len(sender.sent) == 1


async def test_gives_up_after_the_last_attempt_with_the_reason(app, now, monkeypatch):
    await app.reminders.remind_me(ANA, "in 1 hour", "never", now)
    clock = Clock(now + dt.timedelta(hours=1))
    d = dispatcher(app, clock, FakeSender(faults=[ServerError("503 unavailable")] * 10))
    d.max_attempts = 3
    for _ in range(3):
        await d.drain()
        (row,) = await app.reminders.deliveries()
        clock.now = row.next_at
    assert row.status == "failed" and "after 3 attempts" in row.error and "503" in row.error
    (entry,) = await app.reminders.delivery_log()
    assert entry["status"] == "failed" and entry["error"] == row.error


async def test_closed_dm_falls_back_to_the_guild_channel(app, now):
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL)
    await app.reminders.remind_me(ANA, "in 1 hour", "in the channel", now, guild_id=GUILD)
    await app.reminders.remind_me(BOB, "in 1 hour", "nowhere to go", now)
    clock = Clock(now + dt.timedelta(hours=1))
    sender = FakeSender(dm_closed={ANA.key, BOB.key})
    await dispatcher(app, clock, sender).drain()
    (posted,) = sender.sent
    assert posted.target == "channel:555" and posted.instead_of == ANA.key and posted.role_id is None
    # the channel gets a neutral note, never the personal reminder's text
    assert "in the channel" not in posted.text and "direct message" in posted.text and not posted.late
    out = io.StringIO()
    await ConsoleSender(out).send(posted)
    assert "@111: I could not send you a direct message" in out.getvalue()
    assert "in the channel" not in out.getvalue()
    rows = {r.target: r for r in await app.reminders.deliveries()}
    assert (
        rows["user:discord:111"].status == "sent" and "posted in channel 555" in rows["user:discord:111"].note
    )
    assert rows["user:console:bob"].status == "failed" and "closed" in rows["user:console:bob"].error


async def test_database_unavailable_at_the_due_time(app, now):
    """The dispatcher keeps trying while the database is away; the reminder goes out once it is back."""
    import asyncio

    from sqlalchemy.exc import OperationalError

    await app.reminders.remind_me(ANA, "in 1 hour", "db comes back", now)
    clock = Clock(now + dt.timedelta(hours=1))
    sender = FakeSender()
    d = dispatcher(app, clock, sender)
    real = app.reminders.claim_due
    calls = {"n": 0}

    async def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= 3:
            raise OperationalError("SELECT", {}, ConnectionRefusedError("database is down"))
        return await real(*args, **kwargs)

    app.reminders.claim_due = flaky
    d._start_dispatching()
    loop = d._loop_task
    d._kick.set()
    for _ in range(100):
        await asyncio.sleep(0.05)
        if sender.sent and (await app.reminders.deliveries())[0].status == "sent":
            break
    await d._step_down()  # lets the batch in hand finish
    assert loop.done()
    assert calls["n"] >= 4 and len(sender.sent) == 1
    (row,) = await app.reminders.deliveries()
    assert row.status == "sent"


async def test_claim_is_exclusive(app, now):
    await app.reminders.remind_me(ANA, "in 1 hour", "once", now)
    later = now + dt.timedelta(hours=1)
    first = await app.reminders.claim_due(later, "a", late_after=dt.timedelta(minutes=1))
    second = await app.reminders.claim_due(later, "b", late_after=dt.timedelta(minutes=1))
    assert len(first.outgoing) == 1 and second.outgoing == []
    # a stale claim of a dead process is released to the next dispatcher, which sends it once
    assert await app.reminders.release_stale("b", later) == 1
    third = await app.reminders.claim_due(later, "b", late_after=dt.timedelta(minutes=1))
    assert len(third.outgoing) == 1
    async with app.db() as session:
        row = (await session.scalars(select(ReminderDelivery))).one()
    assert row.claimed_by == "b" and row.attempts == 2


async def test_withdrawn_when_event_cancelled_before_reconcile(app, now):
    event = await add_event(app, now, start=dt.datetime(2026, 12, 10, 9, 0, tzinfo=VIENNA))
    await app.reminders.remind_event(ANA, event.id, "1d", now)
    async with app.db.begin() as session:  # cancelled by another process; no reconcile yet
        await session.execute(
            update(Event).where(Event.id == event.id).values(status="cancelled", sequence=9)
        )
    clock = Clock(dt.datetime(2026, 12, 9, 8, 0, tzinfo=UTC))
    sender = FakeSender()
    await dispatcher(app, clock, sender).drain()
    assert sender.sent == []
    (row,) = await app.reminders.deliveries(event_id=event.id)
    assert row.status == "withdrawn"


async def test_nothing_is_claimed_while_the_transport_is_not_ready(app, now):
    await app.reminders.remind_me(ANA, "in 1 hour", "wait for discord", now)
    sender = FakeSender()
    sender.ready = lambda: False
    clock = Clock(now + dt.timedelta(hours=1))
    await dispatcher(app, clock, sender).drain()
    (row,) = await app.reminders.deliveries()
    assert row.status == "pending" and row.attempts == 0 and sender.sent == []
    sender.ready = lambda: True
    await dispatcher(app, clock, sender).drain()
    (row,) = await app.reminders.deliveries()
    assert row.status == "sent" and row.attempts == 1


async def test_weekly_digest_lists_the_week_and_keeps_its_local_hour_across_dst(app):
    start = dt.datetime(2027, 3, 20, 12, 0, tzinfo=UTC)  # a Saturday; clocks change on 28 March
    in_week = await add_event(
        app, start, start=dt.datetime(2027, 3, 24, 10, 0, tzinfo=VIENNA), title="In week"
    )
    await add_event(app, start, start=dt.datetime(2027, 4, 10, 10, 0, tzinfo=VIENNA), title="Later")
    async with app.db.begin() as session:  # the guild's own zone
        from storage.repositories import GuildSettingsRepository

        (await GuildSettingsRepository(session).get_or_create(GUILD, start)).timezone = "Europe/Vienna"
    await app.reminders.configure_guild(GUILD, ADMIN, start, channel_id=CHANNEL, offsets="1h")
    digest = [
        r for r in await app.reminders.deliveries(status="pending") if r.occurrence.startswith("digest:")
    ]
    assert [(d.occurrence, d.due_at) for d in digest] == [
        ("digest:2027-03-22", dt.datetime(2027, 3, 22, 8, 0, tzinfo=UTC))  # 09:00 CET
    ]
    clock = Clock(digest[0].due_at)
    sender = FakeSender()
    await dispatcher(app, clock, sender).drain()
    (post,) = sender.sent
    assert post.title.startswith("This week: Mon 22 Mar") and f"#{in_week.id} In week" in post.text
    assert "Later" not in post.text
    await app.reminders.reconcile(clock.now + dt.timedelta(minutes=1))
    nxt = [r for r in await app.reminders.deliveries(status="pending") if r.occurrence.startswith("digest:")]
    assert [(d.occurrence, d.due_at) for d in nxt] == [
        ("digest:2027-03-29", dt.datetime(2027, 3, 29, 7, 0, tzinfo=UTC))  # 09:00 CEST
    ]
    await app.reminders.configure_guild(GUILD, ADMIN, clock.now, digest_day="wednesday", digest_time="17:30")
    moved = [
        r for r in await app.reminders.deliveries(status="pending") if r.occurrence.startswith("digest:")
    ]
    assert [(d.occurrence, d.due_at) for d in moved] == [
        ("digest:2027-03-24", dt.datetime(2027, 3, 24, 16, 30, tzinfo=UTC))
    ]


async def test_reminders_of_a_deleted_event_are_withdrawn_not_sent_empty(app, now):
    from sqlalchemy import delete

    event = await add_event(app, now, start=dt.datetime(2026, 12, 10, 9, 0, tzinfo=VIENNA))
    await app.reminders.configure_guild(GUILD, ADMIN, now, channel_id=CHANNEL, offsets="1d", digest=False)
    async with app.db.begin() as session:
        await session.execute(delete(Event).where(Event.id == event.id))
    sender = FakeSender()
    await dispatcher(app, Clock(dt.datetime(2026, 12, 9, 8, 0, tzinfo=UTC)), sender).drain()
    assert sender.sent == []
    (row,) = await app.reminders.deliveries()
    assert row.status == "withdrawn" and row.event_id is None


def test_the_leader_lock_connects_as_the_engine_does():
    """The advisory lock's own connection keeps the URL's options (TLS, socket folder), as the engine does."""
    from sqlalchemy.engine import make_url

    from bot.reminders.leadership import lock_connect_args

    args = lock_connect_args(make_url("postgresql+asyncpg://cbm:secret@db.example:5433/cbm?ssl=require"))
    assert args == {
        "host": "db.example",
        "port": 5433,
        "user": "cbm",
        "password": "secret",
        "database": "cbm",
        "ssl": "require",
    }
    socket = lock_connect_args(make_url("postgresql+asyncpg://cbm@/cbm?host=/run/postgresql"))
    assert socket["host"] == "/run/postgresql"

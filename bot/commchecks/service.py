"""Communication checks of the Points of Contact (CBM 8): start, chase, acknowledge, report.

The tables are the truth (storage/commchecks.py); this service takes ``now`` and never touches a transport.
A check pings every contact in scope over every channel they have (a Discord DM when the directory has
their Discord id, an e-mail when it has an address and an SMTP server is configured); a contact with
none is recorded undeliverable with the reason. At half the deadline the unanswered get a reminder, at
three quarters their state's other contacts are asked too, at the deadline the check closes; late
acknowledgements are still recorded (as late) until the check expires, and then every link is dead.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commchecks import messages
from bot.commchecks.report import Report, build_report
from bot.commchecks.schedule import EVERY, WEEKDAYS, next_run, not_one_of, parse_deadline, parse_time
from bot.commchecks.tokens import digest, new_token, well_formed
from bot.errors import BadInput, CbmError, Forbidden, NotFound
from bot.services.answer_text import MESSAGES, message
from bot.services.contacts import ContactService, check_email, check_phone, one_year_before
from bot.services.events import clean_text
from bot.services.knowledge import KnowledgeService
from bot.services.principal import Principal, Role
from storage.commchecks import CommCheckRepository, PingResult
from storage.models import (
    CheckKind,
    CheckScope,
    CheckStatus,
    CommAckToken,
    CommCheck,
    CommCheckPing,
    CommCheckSchedule,
    CommCheckTarget,
    Contact,
    ContactCorrection,
    CorrectionStatus,
    PingChannel,
    PingPurpose,
    PingStatus,
)
from storage.repositories import AuditRepository

log = logging.getLogger(__name__)
SCOPES = tuple(s.value for s in CheckScope)
LATE_WINDOW_MAX = dt.timedelta(days=7)  # late acknowledgements are taken this long (at most) after closing
TREND = 8  # past checks in the trend


@dataclass(frozen=True)
class PingMessage:
    """One claimed ping, ready to send. ``link`` holds the token: into the message, nowhere else."""

    ping_id: int
    check_id: int
    channel: str
    purpose: str
    address: str
    recipient_name: str
    country: str
    language: str
    subject: str
    body: str
    button: str
    link: str
    attempts: int

    @property
    def nonce(self) -> str:
        """The same on every attempt: Discord drops a repeated message with the same nonce."""
        return f"cbmping{self.ping_id}"

    def message_id(self, domain: str) -> str:
        """The same on every attempt: mail clients show a repeated Message-ID once."""
        return f"<commcheck-{self.check_id}-ping-{self.ping_id}@{domain}>"

    def __repr__(self) -> str:  # never show the link (it holds the token)
        return f"PingMessage(ping_id={self.ping_id}, check_id={self.check_id}, channel={self.channel!r})"


@dataclass(frozen=True)
class Started:
    check: CommCheck
    contacts: int
    pings: int
    undeliverable: int


@dataclass(frozen=True)
class Acknowledged:
    check_id: int
    name: str
    language: str
    at: dt.datetime
    first: bool  # False: it had been acknowledged before; nothing changed

    def page(self) -> tuple[str, str]:
        return messages.ack_page(self.language, self.name, self.check_id, self.at, self.first)


@dataclass(frozen=True)
class ConfirmForm:
    """A yearly-confirmation link was opened: show the details with "confirm" and "correct" (the token is
    spent only by the answer)."""

    name: str
    organisation: str | None
    email: str | None
    phone: str | None
    country: str
    language: str


@dataclass(frozen=True)
class Answered:
    """A yearly confirmation answered: confirmed, or a correction waiting for a directory admin."""

    name: str
    language: str
    at: dt.datetime
    corrected: bool

    def page(self) -> tuple[str, str]:
        return messages.confirm_page(self.language, self.name, self.at, self.corrected)


CORRECTABLE = ("name", "organisation", "email", "phone")


def _channels(contact: Contact, smtp: bool) -> tuple[list[tuple[str, str]], str | None]:
    """The usable channels of a contact as (channel, address), or the reason there is none."""
    found: list[tuple[str, str]] = []
    if contact.discord_user_id:
        found.append((PingChannel.discord.value, str(contact.discord_user_id)))
    if contact.email and smtp:
        found.append((PingChannel.email.value, contact.email))
    if found:
        return found, None
    if contact.email:
        return [], "only an e-mail address, and no SMTP server is configured (CBMBOT_SMTP_URL)"
    if contact.phone:
        return [], "only a phone number in the directory: no Discord id and no e-mail address"
    return [], "no Discord id and no e-mail address in the directory"


class CommCheckService:
    def __init__(
        self,
        db: async_sessionmaker[AsyncSession],
        knowledge: KnowledgeService,
        public_url: str,
        *,
        smtp: bool = False,
        contacts: ContactService | None = None,
    ) -> None:
        self.db = db
        self.contacts = contacts
        # SQLite takes one writer at a time and makes the others sleep and retry: acknowledgements in this
        # process queue here instead (first come, first served), which keeps their tail latency low.
        self._serial = asyncio.Lock() if db.kw["bind"].dialect.name == "sqlite" else None
        self.knowledge = knowledge
        self.public_url = public_url.rstrip("/")
        self.smtp = smtp
        # Called after rows were written in this process, so that the dispatcher sends at once.
        self.listeners: list[Callable[[], None]] = []

    def _writing(self) -> contextlib.AbstractAsyncContextManager[object]:
        return self._serial if self._serial is not None else contextlib.nullcontext()

    def _nudge(self) -> None:
        for listener in list(self.listeners):
            listener()

    @staticmethod
    def require_admin(actor: Principal) -> None:
        if not actor.has(Role.admin):
            raise Forbidden(key="commcheck_for_admins")

    # ------------------------------------------------------------------------------------ starting

    async def start(
        self,
        actor: Principal,
        now: dt.datetime,
        *,
        scope: str,
        deadline: str | dt.timedelta,
        countries: str | Sequence[str] | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
    ) -> Started:
        self.require_admin(actor)
        started = await self._start(
            now,
            scope=scope,
            deadline=deadline,
            countries=countries,
            guild_id=guild_id,
            channel_id=channel_id,
            actor=actor.audit_name,
        )
        self._nudge()
        return started

    async def start_confirmation(
        self,
        actor: Principal,
        now: dt.datetime,
        *,
        deadline: str = "14d",
        everyone: bool = False,
        guild_id: int | None = None,
        channel_id: int | None = None,
    ) -> Started:
        """Ask contacts (those not confirmed for 12 months, or everyone) to confirm or correct their
        details, over the same channels as a check, with the same chasing."""
        self.require_admin(actor)
        started = await self._start(
            now, scope=CheckScope.all.value, deadline=deadline, countries=None, guild_id=guild_id,
            channel_id=channel_id, actor=actor.audit_name, kind=CheckKind.confirm.value,
            stale_before=None if everyone else one_year_before(now.date()),
        )  # fmt: skip
        self._nudge()
        return started

    async def _start(
        self,
        now: dt.datetime,
        *,
        scope: str,
        deadline: str | dt.timedelta,
        countries: str | Sequence[str] | None,
        guild_id: int | None,
        channel_id: int | None,
        actor: str,
        schedule: tuple[int, dt.datetime] | None = None,
        session: AsyncSession | None = None,
        kind: str = CheckKind.check.value,
        stale_before: dt.date | None = None,
    ) -> Started:
        scope = (scope or "").strip().lower()
        if scope not in SCOPES:
            raise not_one_of("scope", scope, SCOPES)
        span = deadline if isinstance(deadline, dt.timedelta) else parse_deadline(deadline)
        names = _names(countries)
        args = (now, scope, span, names, guild_id, channel_id, actor, schedule, kind, stale_before)
        if session is None:
            async with self.db.begin() as own:
                return await self._start_in(own, *args)
        return await self._start_in(session, *args)

    async def _start_in(
        self,
        session: AsyncSession,
        now: dt.datetime,
        scope: str,
        span: dt.timedelta,
        names: list[str],
        guild_id: int | None,
        channel_id: int | None,
        actor: str,
        schedule: tuple[int, dt.datetime] | None,
        kind: str,
        stale_before: dt.date | None,
    ) -> Started:
        repo = CommCheckRepository(session)
        country_rows = [(await self.knowledge.match_country(n, session)).country for n in names]
        if kind == CheckKind.confirm.value and stale_before is not None:
            contacts = await repo.stale_contacts(stale_before)
            if not contacts:
                raise BadInput(key="commcheck_all_confirmed")
        else:
            contacts = await repo.contacts(
                None if scope == CheckScope.all.value else scope, [c.id for c in country_rows]
            )
        if not contacts:
            raise BadInput(key="commcheck_no_contacts")
        check = CommCheck(
            kind=kind,
            schedule_id=schedule[0] if schedule else None,
            scheduled_for=schedule[1] if schedule else None,
            guild_id=guild_id,
            channel_id=channel_id,
            scope=scope,
            countries=[c.name for c in country_rows],
            status=CheckStatus.open.value,
            started_at=now,
            remind_at=now + span / 2,
            escalate_at=now + span * 3 / 4,
            deadline_at=now + span,
            expires_at=now + span + min(span, LATE_WINDOW_MAX),
            # a confirmation asks nobody else: its escalation step does not apply
            escalated_at=now if kind == CheckKind.confirm.value else None,
            created_by=actor,
            created_at=now,
            updated_at=now,
        )
        await repo.add(check)
        targets = [
            CommCheckTarget(
                check_id=check.id,
                contact_id=c.id,
                country_id=c.country_id,
                country=c.country.name,
                name=c.name,
                type=c.type,
                language=messages.language(c.languages),
            )
            for c in contacts
        ]
        session.add_all(targets)
        await session.flush()
        pings: list[CommCheckPing] = []
        undeliverable = 0
        for contact, target in zip(contacts, targets, strict=True):
            channels, reason = _channels(contact, self.smtp)
            if not channels:
                undeliverable += 1
                pings.append(
                    self._ping(
                        check,
                        target,
                        contact,
                        PingPurpose.initial.value,
                        PingChannel.none.value,
                        None,
                        now,
                        status=PingStatus.undeliverable.value,
                        error=reason,
                    )
                )
            for channel, address in channels:
                pings.append(
                    self._ping(check, target, contact, PingPurpose.initial.value, channel, address, now)
                )
        session.add_all(pings)
        await session.flush()
        await AuditRepository(session).record(
            at=now,
            actor=actor,
            action="commcheck.start" if kind == CheckKind.check.value else "contact.confirm.request",
            entity="commcheck",
            entity_id=check.id,
            details={
                "scope": scope,
                "countries": check.countries,
                "deadline": check.deadline_at.isoformat(),
                "contacts": len(targets),
                "undeliverable": undeliverable,
                "schedule": schedule[0] if schedule else None,
            },
        )
        sent = sum(1 for p in pings if p.status == PingStatus.pending.value)
        return Started(check, len(targets), sent, undeliverable)

    @staticmethod
    def _ping(
        check: CommCheck,
        target: CommCheckTarget,
        recipient: Contact,
        purpose: str,
        channel: str,
        address: str | None,
        now: dt.datetime,
        *,
        status: str = PingStatus.pending.value,
        error: str | None = None,
    ) -> CommCheckPing:
        return CommCheckPing(
            check_id=check.id,
            target_id=target.id,
            purpose=purpose,
            channel=channel,
            recipient=f"contact:{recipient.id}",
            recipient_name=recipient.name,
            address=address,
            language=messages.language(recipient.languages),
            status=status,
            error=error,
            next_at=now,
            created_at=now,
            updated_at=now,
        )

    async def cancel(self, check_id: int, actor: Principal, now: dt.datetime) -> CommCheck:
        self.require_admin(actor)
        async with self.db.begin() as session:
            repo = CommCheckRepository(session)
            check = await repo.get(check_id)
            if check is None:
                raise NotFound(key="commcheck_no_check", id=check_id)
            if not await repo.end(check_id, CheckStatus.cancelled.value, now, only_open=False):
                raise BadInput(key="commcheck_already", id=check_id, status=status_said(check.status))
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="commcheck.cancel",
                entity="commcheck",
                entity_id=check_id,
            )
            await repo.refresh(check)
        return check

    async def checks(
        self, actor: Principal, limit: int = 20
    ) -> tuple[Sequence[CommCheck], Sequence[CommCheckSchedule]]:
        self.require_admin(actor)
        async with self.db() as session:
            repo = CommCheckRepository(session)
            return await repo.checks(limit), await repo.schedules()

    # ------------------------------------------------------------------------------------ schedules

    async def add_schedule(
        self,
        actor: Principal,
        now: dt.datetime,
        *,
        every: str,
        weekday: str,
        time: str,
        timezone: str,
        scope: str,
        deadline: str,
        countries: str | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
    ) -> CommCheckSchedule:
        self.require_admin(actor)
        every, weekday, scope = every.strip().lower(), weekday.strip().lower()[:3], scope.strip().lower()
        if every not in EVERY:
            raise not_one_of("every", every, EVERY)
        if weekday not in WEEKDAYS:
            raise not_one_of("weekday", weekday, WEEKDAYS)
        if scope not in SCOPES:
            raise not_one_of("scope", scope, SCOPES)
        span = parse_deadline(deadline)
        time = parse_time(time)
        names = _names(countries)
        async with self.db.begin() as session:
            resolved = [(await self.knowledge.match_country(n, session)).country.name for n in names]
            row = CommCheckSchedule(
                guild_id=guild_id,
                channel_id=channel_id,
                scope=scope,
                countries=resolved,
                deadline_seconds=int(span.total_seconds()),
                every=every,
                weekday=weekday,
                time=time,
                timezone=timezone,
                active=True,
                next_at=next_run(every, weekday, time, timezone, now.month, now),
                created_by=actor.audit_name,
                created_at=now,
                updated_at=now,
            )
            await CommCheckRepository(session).add(row)
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="commcheck.schedule",
                entity="commcheck_schedule",
                entity_id=row.id,
                details={
                    "every": every,
                    "weekday": weekday,
                    "time": time,
                    "timezone": timezone,
                    "scope": scope,
                },
            )
        self._nudge()
        return row

    async def remove_schedule(
        self, schedule_id: int, actor: Principal, now: dt.datetime
    ) -> CommCheckSchedule:
        self.require_admin(actor)
        async with self.db.begin() as session:
            row = await CommCheckRepository(session).schedule(schedule_id)
            if row is None or not row.active:
                raise NotFound(key="commcheck_no_schedule", id=schedule_id)
            row.active, row.next_at, row.updated_at = False, None, now
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="commcheck.unschedule",
                entity="commcheck_schedule",
                entity_id=schedule_id,
            )
        return row

    # ------------------------------------------------------------------------------------ chasing

    async def advance(self, now: dt.datetime) -> int:
        """Run every step that is due (scheduled starts, reminders, escalations, closing); each one once,
        whichever process gets there first. Returns how many steps ran."""
        ran = 0
        async with self.db.begin() as session:
            repo = CommCheckRepository(session)
            for schedule in await repo.due_schedules(now):
                was = schedule.next_at
                assert was is not None
                following = next_run(
                    schedule.every,
                    schedule.weekday,
                    schedule.time,
                    schedule.timezone,
                    schedule.created_at.month,
                    max(now, was),
                )
                if not await repo.advance_schedule(schedule.id, was, following, now):
                    continue
                try:
                    async with session.begin_nested():
                        await self._start(
                            now,
                            scope=schedule.scope,
                            deadline=dt.timedelta(seconds=schedule.deadline_seconds),
                            countries=schedule.countries,
                            guild_id=schedule.guild_id,
                            channel_id=schedule.channel_id,
                            actor=f"schedule #{schedule.id}",
                            schedule=(schedule.id, was),
                            session=session,
                        )
                except CbmError as exc:  # nobody in scope this time, a country gone: the schedule carries on
                    log.warning("commchecks: schedule #%s started no check: %s", schedule.id, exc)
                ran += 1
        async with self.db.begin() as session:
            repo = CommCheckRepository(session)
            for check in await repo.due_steps(now):
                if check.deadline_at <= now:
                    ran += await repo.end(check.id, CheckStatus.closed.value, now)
                    continue
                steps = (
                    ("reminded_at", check.reminded_at, check.remind_at, PingPurpose.reminder.value),
                    ("escalated_at", check.escalated_at, check.escalate_at, PingPurpose.escalation.value),
                )
                for column, done, due, purpose in steps:
                    if done is None and due <= now and await repo.take_step(check.id, column, now):
                        await self._chase(session, repo, check, purpose, now)
                        ran += 1
        if ran:
            self._nudge()
        return ran

    async def _chase(
        self,
        session: AsyncSession,
        repo: CommCheckRepository,
        check: CommCheck,
        purpose: str,
        now: dt.datetime,
    ) -> None:
        unanswered = [t for t in await repo.targets(check.id) if t.acked_at is None]
        if not unanswered:
            return
        contacts = {c.id: c for c in await repo.country_contacts({t.country_id for t in unanswered})}
        pings: list[CommCheckPing] = []
        for target in unanswered:
            if purpose == PingPurpose.reminder.value:
                recipients = [contacts[target.contact_id]] if target.contact_id in contacts else []
            else:  # the state's other contacts: the other type, or a deputy
                recipients = [
                    c
                    for c in contacts.values()
                    if c.country_id == target.country_id and c.id != target.contact_id
                ]
            for recipient in recipients:
                for channel, address in _channels(recipient, self.smtp)[0]:
                    pings.append(self._ping(check, target, recipient, purpose, channel, address, now))
        session.add_all(pings)
        await session.flush()

    async def wake_moments(self, now: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
        """Coming step moments and schedule runs, for the dispatcher's wake jobs."""
        async with self.db() as session:
            repo = CommCheckRepository(session)
            moments = await repo.step_moments(now, until)
            moments += [s.next_at for s in await repo.schedules() if s.next_at and now < s.next_at <= until]
            following = await repo.next_ping_at()
            if following is not None and now < following <= until:
                moments.append(following)
        return sorted(set(moments))

    # ------------------------------------------------------------------------------------ delivering

    async def release_stale(self, worker: str, now: dt.datetime) -> int:
        async with self.db.begin() as session:
            return await CommCheckRepository(session).release_stale(worker, now)

    async def claim(
        self, now: dt.datetime, worker: str, limit: int = 200, *, channels: Sequence[str] | None = None
    ) -> list[PingMessage]:
        """Claim due pings and build their messages; each gets a fresh token (its hash stored in the same
        transaction; a resent ping's earlier link keeps working)."""
        async with self.db.begin() as session:
            repo = CommCheckRepository(session)
            rows = await repo.claim(now, worker, limit, channels)
            if not rows:
                return []
            targets = await repo.targets_by_id(p.target_id for p in rows)
            checks = await repo.checks_by_id(p.check_id for p in rows)
            people = await repo.contacts_by_id(
                _contact_id(p.recipient) for p in rows if checks[p.check_id].kind == CheckKind.confirm.value
            )
            out: list[PingMessage] = []
            withdrawn: list[int] = []
            tokens: list[CommAckToken] = []
            for ping in rows:
                target = targets[ping.target_id]
                if target.acked_at is not None:
                    withdrawn.append(ping.id)
                    continue
                token = new_token()
                tokens.append(CommAckToken(token_hash=digest(token), ping_id=ping.id, created_at=now))
                link = f"{self.public_url}/ack/{token}"
                person = people.get(_contact_id(ping.recipient))
                if checks[ping.check_id].kind == CheckKind.confirm.value and person is not None:
                    text = messages.confirm_text(
                        lang=ping.language,
                        purpose=ping.purpose,
                        name=person.name,
                        country=target.country,
                        details=messages.details_text(
                            person.name, person.organisation, person.email, person.phone
                        ),
                        link=link,
                    )
                else:
                    text = messages.ping_text(
                        lang=ping.language,
                        purpose=ping.purpose,
                        check_id=ping.check_id,
                        name=ping.recipient_name,
                        country=target.country,
                        deadline=checks[ping.check_id].deadline_at,
                        link=link,
                        colleague=target.name,
                        colleague_type=target.type,
                    )
                out.append(
                    PingMessage(
                        ping_id=ping.id,
                        check_id=ping.check_id,
                        channel=ping.channel,
                        purpose=ping.purpose,
                        address=ping.address or "",
                        recipient_name=ping.recipient_name,
                        country=target.country,
                        language=ping.language,
                        subject=text.subject,
                        body=text.body,
                        button=text.button,
                        link=link,
                        attempts=ping.attempts,
                    )
                )
            await repo.withdraw(withdrawn, "the contact had acknowledged before it was sent", now, worker)
            await repo.add_tokens(tokens)
        return out

    async def finish(self, results: Sequence[PingResult], worker: str) -> None:
        async with self.db.begin() as session:
            await CommCheckRepository(session).finish(results, worker)

    # ------------------------------------------------------------------------------------ acknowledging

    async def acknowledge_link(self, token: str, now: dt.datetime) -> Acknowledged | ConfirmForm | None:
        """The contact opened their link: None when it is malformed, unknown, used or expired. A check's
        link acknowledges at once; a yearly confirmation's shows the details (:class:`ConfirmForm`)."""
        key = digest(token if well_formed(token) else "-")  # the same work either way
        async with self._writing(), self.db.begin() as session:
            repo = CommCheckRepository(session)
            found = await repo.token_ping(key, now)
            if found is None:
                return None
            ping, check = found
            if check.kind == CheckKind.confirm.value:
                person = (await repo.contacts_by_id([_contact_id(ping.recipient)])).get(
                    _contact_id(ping.recipient)
                )
                target = await repo.target(ping.target_id)
                if person is None or target is None:
                    return None
                return ConfirmForm(
                    person.name,
                    person.organisation,
                    person.email,
                    person.phone,
                    target.country,
                    ping.language,
                )
            if not await repo.spend(key, now):  # spent meanwhile
                return None
            return await self._acknowledge(repo, ping, ping.channel, now, check)

    async def answer_confirmation(
        self, token: str, now: dt.datetime, changes: dict[str, str] | None = None, note: str | None = None
    ) -> Answered | None:
        """The contact confirmed their details, or proposed ``changes`` (kept for a directory admin to
        approve); None when the link is unknown, used or expired. Bad values are refused (BadInput)."""
        cleaned = _correction(changes) if changes else {}
        note = clean_text(note, "note", 1000) if note else None
        key = digest(token if well_formed(token) else "-")
        async with self._writing(), self.db.begin() as session:
            repo = CommCheckRepository(session)
            found = await repo.peek_token(key, now)
            ping = await repo.ping(found) if found is not None else None
            check = await repo.get(ping.check_id) if ping is not None else None
            if ping is None or check is None or check.kind != CheckKind.confirm.value:
                return None
            if await repo.use_token(key, now) is None:
                return None
            contact_id = _contact_id(ping.recipient)
            person = (await repo.contacts_by_id([contact_id])).get(contact_id)
            if person is not None:  # the form sends every field: keep only what differs
                cleaned = {k: v for k, v in cleaned.items() if v != (getattr(person, k) or "")}
            if cleaned or note:
                await repo.add(
                    ContactCorrection(
                        contact_id=contact_id,
                        check_id=check.id,
                        changes=cleaned,
                        note=note,
                        status=CorrectionStatus.pending.value,
                        proposed_at=now,
                    )
                )
                await AuditRepository(session).record(
                    at=now,
                    actor=f"contact:{contact_id} (self, link)",
                    action="contact.correction.propose",
                    entity="contact",
                    entity_id=contact_id,
                    details={"fields": sorted(cleaned)},
                )
                await repo.acknowledge(ping.target_id, now, ping.channel, ping.id)
                return Answered(ping.recipient_name, ping.language, now, corrected=True)
            done = await self._acknowledge(repo, ping, ping.channel, now, check)
            return Answered(ping.recipient_name, ping.language, done.at, corrected=False)

    async def acknowledge_button(
        self, ping_id: int, discord_user_id: int, now: dt.datetime
    ) -> Acknowledged | None:
        """The contact pressed Acknowledge under their DM: None unless the ping is theirs and its check
        still takes answers."""
        async with self._writing(), self.db.begin() as session:
            repo = CommCheckRepository(session)
            ping = await repo.ping(ping_id)
            if (
                ping is None
                or ping.channel != PingChannel.discord.value
                or ping.address != str(discord_user_id)
            ):
                return None
            check = await repo.get(ping.check_id)
            if check is None or check.status not in (CheckStatus.open.value, CheckStatus.closed.value):
                return None
            if check.expires_at <= now:
                return None
            return await self._acknowledge(repo, ping, PingChannel.discord.value, now, check)

    @staticmethod
    async def _acknowledge(
        repo: CommCheckRepository, ping: CommCheckPing, channel: str, now: dt.datetime, check: CommCheck
    ) -> Acknowledged:
        first = await repo.acknowledge(ping.target_id, now, channel, ping.id)
        at = now if first else await repo.acked_at(ping.target_id)
        if first and check.kind == CheckKind.confirm.value:  # "my details are right": confirmed today
            contact_id = _contact_id(ping.recipient)
            await repo.mark_verified(contact_id, now.date(), now)
            await AuditRepository(repo.session).record(
                at=now,
                actor=f"contact:{contact_id} (self, {channel})",
                action="contact.confirm",
                entity="contact",
                entity_id=contact_id,
                details={"check": check.id},
            )
        assert at is not None
        return Acknowledged(ping.check_id, ping.recipient_name, ping.language, at, first)

    # ------------------------------------------------------------------------------------ corrections

    async def corrections(self, viewer: Principal) -> list[tuple[ContactCorrection, Contact]]:
        """Corrections waiting for a directory admin, with the contact as it is now."""
        ContactService.require_directory_admin(viewer)
        async with self.db() as session:
            repo = CommCheckRepository(session)
            rows = await repo.corrections()
            people = await repo.contacts_by_id(r.contact_id for r in rows)
            return [(r, people[r.contact_id]) for r in rows if r.contact_id in people]

    async def decide(
        self, correction_id: int, approve: bool, actor: Principal, now: dt.datetime
    ) -> Contact | None:
        """Approve (the change goes through the contacts service and its audit) or reject a correction."""
        ContactService.require_directory_admin(actor)
        async with self.db() as session:
            row = await CommCheckRepository(session).correction(correction_id)
        if row is None or row.status != CorrectionStatus.pending.value:
            raise NotFound(key="commcheck_no_correction", id=correction_id)
        contact = None
        if approve:
            assert self.contacts is not None
            contact = await self.contacts.edit(
                row.contact_id, {**row.changes, "verified": now.date()}, actor, now
            )
        async with self.db.begin() as session:
            status = CorrectionStatus.approved.value if approve else CorrectionStatus.rejected.value
            if not await CommCheckRepository(session).decide(correction_id, status, actor.audit_name, now):
                raise BadInput(key="commcheck_decided", id=correction_id)
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action=f"contact.correction.{status}",
                entity="contact",
                entity_id=row.contact_id,
                details={"correction": correction_id, "fields": sorted(row.changes)},
            )
        return contact

    # ------------------------------------------------------------------------------------ reports

    async def report(self, check_id: int, viewer: Principal) -> Report:
        """The full report (admins): per contact and channel, times, reachability, trend."""
        self.require_admin(viewer)
        return await self._report(check_id)

    async def report_channel(self, check_id: int) -> int | None:
        async with self.db() as session:
            check = await CommCheckRepository(session).get(check_id)
            return check.channel_id if check else None

    async def summary(self, check_id: int) -> Report:
        """The same figures for anyone; callers show members only the aggregates (Report.aggregates)."""
        return await self._report(check_id)

    async def _report(self, check_id: int) -> Report:
        async with self.db() as session:
            repo = CommCheckRepository(session)
            check = await repo.get(check_id)
            if check is None:
                raise NotFound(key="commcheck_no_check", id=check_id)
            past = []
            for row in [*await repo.past_checks(check_id, TREND - 1), check]:
                past.append((row, await repo.targets(row.id), await repo.pings(row.id)))
        return build_report(past)


def status_said(status: str) -> Callable[[str], str]:
    """A check's state in a refusal: "closed" (as recorded) in English, "abgeschlossen", "clos"…"""
    key = f"check_status_{status}"
    return lambda lang: message(key, lang) if lang != "en" and key in MESSAGES else status


def _contact_id(recipient: str) -> int:
    return int(recipient.removeprefix("contact:"))


def _correction(changes: dict[str, str]) -> dict[str, str]:
    """The fields a contact may correct, checked like the directory's own."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise BadInput(key="commcheck_cannot_correct", fields=", ".join(unknown))
    cleaned: dict[str, str] = {}
    for key, value in changes.items():
        value = (value or "").strip()
        if not value:
            continue
        if key == "email":
            cleaned[key] = check_email(value) or ""
        elif key == "phone":
            cleaned[key] = check_phone(value) or ""
        else:
            cleaned[key] = clean_text(value, key, 300, required=True) or ""
    return cleaned


def _names(countries: str | Sequence[str] | None) -> list[str]:
    if countries is None:
        return []
    parts = countries.split(",") if isinstance(countries, str) else list(countries)
    names = [p.strip() for p in parts if p and p.strip()]
    if len(names) > 100:
        raise BadInput(key="commcheck_too_many_countries")
    return names

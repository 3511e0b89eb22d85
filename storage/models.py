"""The tables. Times are UTC instants (:class:`UTCDateTime`) plus the event's IANA zone."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as UTC; always read back aware in UTC, on SQLite and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON}


class EventKind(enum.StrEnum):
    conference = "conference"
    study_visit = "study_visit"
    workshop = "workshop"
    meeting = "meeting"
    training = "training"
    other = "other"


class EventStatus(enum.StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"
    postponed = "postponed"


class CountryStatus(enum.StrEnum):
    participating_state = "participating_state"
    asian_partner = "asian_partner"
    mediterranean_partner = "mediterranean_partner"
    none = "none"


class ContactType(enum.StrEnum):
    policy = "policy"
    technical = "technical"


def _in(column: str, values: type[enum.StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


class Country(Base):
    __tablename__ = "countries"
    __table_args__ = (CheckConstraint(_in("status", CountryStatus), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    iso2: Mapped[str | None] = mapped_column(String(2), unique=True)
    status: Mapped[str] = mapped_column(String(30))
    since: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)

    names: Mapped[list[CountryName]] = relationship(
        back_populates="country", cascade="all, delete-orphan", order_by="CountryName.id"
    )


class CountryName(Base):
    """Another name of a country, in a language: the lookup table for every name people use."""

    __tablename__ = "country_names"
    __table_args__ = (UniqueConstraint("folded", "lang", name="folded_lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(5))
    name: Mapped[str] = mapped_column(String(120))
    folded: Mapped[str] = mapped_column(String(120), index=True)

    country: Mapped[Country] = relationship(back_populates="names")


class Cbm(Base):
    __tablename__ = "cbms"
    __table_args__ = (CheckConstraint("number BETWEEN 1 AND 99", name="number"),)

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    decision: Mapped[str] = mapped_column(String(30))
    decision_date: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[dict[str, Any]] = mapped_column(JSON)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    keywords: Mapped[dict[str, Any]] = mapped_column(JSON)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in("kind", EventKind), name="kind"),
        CheckConstraint(_in("status", EventStatus), name="status"),
        CheckConstraint("end_at >= start_at", name="end_after_start"),
        Index("ix_events_start_at_id", "start_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str | None] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    start_at: Mapped[dt.datetime] = mapped_column()
    end_at: Mapped[dt.datetime] = mapped_column()
    timezone: Mapped[str] = mapped_column(String(64))
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    location: Mapped[str | None] = mapped_column(String(300))
    # The country the event is held in (None: online, or not known); "taking part" is `countries`.
    venue_country_id: Mapped[int | None] = mapped_column(
        ForeignKey("countries.id", ondelete="SET NULL"), index=True
    )
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    url: Mapped[str | None] = mapped_column(String(500))
    organisers: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default=EventStatus.scheduled.value)
    status_reason: Mapped[str | None] = mapped_column(Text)
    approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    date_note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    # Reference events: what `cbmbot seed` last wrote, per field (None: not a reference event, or seeded
    # before this was kept). A field whose value differs from it was edited here and the seed keeps it.
    seed_values: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    countries: Mapped[list[Country]] = relationship(
        secondary="event_countries", order_by="Country.name", lazy="selectin"
    )
    venue_country: Mapped[Country | None] = relationship(lazy="selectin")
    cbm_links: Mapped[list[EventCbm]] = relationship(
        cascade="all, delete-orphan", order_by="EventCbm.cbm_number", lazy="selectin"
    )

    @property
    def cbm_numbers(self) -> list[int]:
        return [link.cbm_number for link in self.cbm_links]


class EventCountry(Base):
    __tablename__ = "event_countries"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    country_id: Mapped[int] = mapped_column(
        ForeignKey("countries.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


class EventCbm(Base):
    __tablename__ = "event_cbms"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    cbm_number: Mapped[int] = mapped_column(
        ForeignKey("cbms.number", ondelete="RESTRICT"), primary_key=True, index=True
    )


class Contact(Base):
    """A national Point of Contact (CBM 8). Personal data: read only through the contacts service."""

    __tablename__ = "contacts"
    __table_args__ = (CheckConstraint(_in("type", ContactType), name="type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="RESTRICT"), index=True)
    type: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(50))
    discord_user_id: Mapped[int | None] = mapped_column(BigInteger)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_verified: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    country: Mapped[Country] = relationship(lazy="joined")


class AuditEntry(Base):
    """Who did what, when: every change and every contact lookup."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(200))
    # Where it came from: "discord guild:1 channel:2", "discord dm", "console", "cli", "system".
    origin: Mapped[str | None] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(60))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Follow(Base):
    """A person follows an event: it feeds their private calendar and their DM reminders."""

    __tablename__ = "follows"

    user_key: Mapped[str] = mapped_column(String(100), primary_key=True)  # Principal.key, e.g. "discord:1234"
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class GuildSettings(Base):
    """Per-guild settings; absent values fall back to the defaults of the bot's configuration."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    timezone: Mapped[str | None] = mapped_column(String(64))
    organiser_role_id: Mapped[int | None] = mapped_column(BigInteger)
    directory_role_id: Mapped[int | None] = mapped_column(BigInteger)
    # The reminder channel is not here: it is reminder_settings.channel_id (one place, read by the planner).
    mirror_events: Mapped[bool] = mapped_column(Boolean, default=False)
    # The language of its channel posts (en, de, fr, it, ru); NULL: English, as before it could be set.
    language: Mapped[str | None] = mapped_column(String(5))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class FeedToken(Base):
    """A person's private feed link. Only the SHA-256 of the token is kept; revoked links stay for audit."""

    __tablename__ = "feed_tokens"
    __table_args__ = (
        # One active link per person, enforced by the database (concurrent /feed cannot make two).
        Index(
            "ux_feed_tokens_one_active",
            "user_key",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_key: Mapped[str] = mapped_column(String(100), index=True)  # Principal.key, e.g. "discord:1234"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # hex SHA-256 of the token
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column()


class ScheduledEventLink(Base):
    """An event mirrored into a guild's Discord Scheduled Events (its Events tab), and the change of the
    event last written there: the mirror only calls Discord when the event's sequence moved on."""

    __tablename__ = "scheduled_event_links"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    discord_event_id: Mapped[int] = mapped_column(BigInteger)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    synced_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SearchDoc(Base):
    """One searchable text of the answers' index (storage/search.py): a CBM in a language, an FAQ entry
    in a language, or an event. SQLite mirrors it into the FTS5 table `search_fts`; PostgreSQL keeps a
    generated `tsv` column with a GIN index (both created by the migration, not by this model)."""

    __tablename__ = "search_docs"
    __table_args__ = (UniqueConstraint("kind", "key", "lang", name="kind_key_lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(60))
    lang: Mapped[str] = mapped_column(String(5))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)


class SearchVector(Base):
    """The sentence embedding of one passage (a CBM or an FAQ entry in a language, or an event: kind
    ``event``, key its id, lang ``xx``), made by the model named in ``model`` from the passage whose SHA-256
    is ``digest`` (storage/search.py, storage/embeddings.py). Kept beside the full-text index; re-made when
    the passage or the model changes. Event rows have no foreign key: the next refresh drops a deleted
    event's."""

    __tablename__ = "search_vectors"
    __table_args__ = (UniqueConstraint("kind", "key", "lang", "model", name="search_vector_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(60))
    lang: Mapped[str] = mapped_column(String(5))
    model: Mapped[str] = mapped_column(String(80))
    digest: Mapped[str] = mapped_column(String(64))
    vector: Mapped[bytes] = mapped_column(LargeBinary)


# ------------------------------------------------------------------------------------------ reminders


class ReminderKind(enum.StrEnum):
    guild = "guild"  # a guild's channel reminders before events
    personal_event = "personal_event"  # a person's DM before one event, or before every event they follow
    personal_free = "personal_free"  # a person's own text at a moment they chose
    deadline = "deadline"  # a guild's channel reminders before event deadlines
    digest = "digest"  # a guild's weekly digest


class DeliveryStatus(enum.StrEnum):
    pending = "pending"
    claimed = "claimed"
    sent = "sent"
    late = "late"
    missed = "missed"
    failed = "failed"
    withdrawn = "withdrawn"


class DeadlineKind(enum.StrEnum):
    registration = "registration"
    nomination = "nomination"
    visa = "visa"


class Reminder(Base):
    """What someone asked to be reminded of; its moments are planned as :class:`ReminderDelivery` rows."""

    __tablename__ = "reminders"
    __table_args__ = (
        CheckConstraint(_in("kind", ReminderKind), name="kind"),
        Index("ix_reminders_user_key_active", "user_key", "active"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    guild_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    user_key: Mapped[str | None] = mapped_column(String(100))  # the owner of a personal reminder
    # One event (personal_event with an event); NULL on personal_event means "every event I follow".
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    offsets: Mapped[list[str]] = mapped_column(JSON, default=list)  # "1d", "2h30m" (personal_event)
    due_at: Mapped[dt.datetime | None] = mapped_column()  # personal_free
    text: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # The language its owner set it in (en, de, fr, it, ru): its direct messages are written in it.
    # NULL for the guild's reminders and those set before languages were kept (English).
    language: Mapped[str | None] = mapped_column(String(5))
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ReminderDelivery(Base):
    """One planned delivery: unique per (reminder, occurrence, target); its state is the truth."""

    __tablename__ = "reminder_deliveries"
    __table_args__ = (
        UniqueConstraint("reminder_id", "occurrence", "target", name="uq_reminder_deliveries_key"),
        CheckConstraint(_in("status", DeliveryStatus), name="status"),
        Index("ix_reminder_deliveries_status_next_at", "status", "next_at"),
        Index("ix_reminder_deliveries_updated_at", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminders.id", ondelete="CASCADE"), index=True)
    occurrence: Mapped[str] = mapped_column(String(120))
    target: Mapped[str] = mapped_column(String(120))  # "channel:<id>" or "user:<principal key>"
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    event_sequence: Mapped[int | None] = mapped_column(Integer)
    due_at: Mapped[dt.datetime] = mapped_column()
    next_at: Mapped[dt.datetime] = mapped_column()  # due_at, or the next retry
    useful_until: Mapped[dt.datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default=DeliveryStatus.pending.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)  # what happened on the way (fallback, late)
    body: Mapped[str | None] = mapped_column(Text)  # fixed text (notices, summaries); else built at send
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime | None] = mapped_column()
    # The dispatcher's lease epoch that claimed the row (storage/leases.py): only that epoch may record
    # its result, and a new leader takes the row over only once that epoch's lease has expired.
    claim_epoch: Mapped[int | None] = mapped_column(Integer)
    # Set (under the lease) just before the message goes out: a claimed row with it may have been sent.
    sending_at: Mapped[dt.datetime | None] = mapped_column()
    sent_at: Mapped[dt.datetime | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ReminderSettings(Base):
    """A guild's reminder settings: channel, offsets, the one role that may be pinged, filters, digest."""

    __tablename__ = "reminder_settings"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    channel_id: Mapped[int | None] = mapped_column(BigInteger)
    offsets: Mapped[list[str]] = mapped_column(JSON, default=lambda: ["7d", "1d", "1h"])
    role_id: Mapped[int | None] = mapped_column(BigInteger)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: every kind
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)  # country names; empty: all
    digest_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0)  # Monday
    digest_time: Mapped[str] = mapped_column(String(5), default="09:00")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class EventDeadline(Base):
    """A deadline of an event (registration, nomination, visa): it gets reminders of its own."""

    __tablename__ = "event_deadlines"
    __table_args__ = (
        UniqueConstraint("event_id", "kind", name="uq_event_deadlines_event_kind"),
        CheckConstraint(_in("kind", DeadlineKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    due_at: Mapped[dt.datetime] = mapped_column()
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ReminderPlan(Base):
    """What an event's deliveries were last planned from (a fingerprint of the event, settings and
    reminders): the reconciler re-plans an event as soon as its fingerprint differs."""

    __tablename__ = "reminder_plans"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    sequence: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    fingerprint: Mapped[str] = mapped_column(String(64))
    planned_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class LeaderLease(Base):
    """Who leads a job across processes (the reminder dispatcher): an owner, a fencing epoch that grows
    with every new leader, and when the lease runs out (the database server's clock; NULL where a lock
    file on the same host is the truth, on SQLite). SQL in storage/leases.py."""

    __tablename__ = "leader_leases"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner: Mapped[str] = mapped_column(String(100))
    epoch: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[dt.datetime | None] = mapped_column()
    renewed_at: Mapped[dt.datetime] = mapped_column()


class ButtonAction(Base):
    """The chat command a button runs, for the few whose command does not fit in Discord's 100-character
    custom_id: the button then carries this row's key. Rows are never deleted, so every button the bot
    ever sent keeps working (a few hundred bytes each, written only for long commands)."""

    __tablename__ = "button_actions"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    command: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# ------------------------------------------------------------------------------ communication checks


class CheckStatus(enum.StrEnum):
    open = "open"  # pings going out, chasing on its way
    closed = "closed"  # the deadline passed: late acknowledgements are still taken until expires_at
    cancelled = "cancelled"


class CheckKind(enum.StrEnum):
    check = "check"  # a communication check: "please acknowledge"
    confirm = "confirm"  # the yearly confirmation of contact details: "are these still right?"


class CheckScope(enum.StrEnum):
    all = "all"
    policy = "policy"
    technical = "technical"


class PingPurpose(enum.StrEnum):
    initial = "initial"
    reminder = "reminder"  # at half the deadline, to those who have not answered
    escalation = "escalation"  # at three quarters, to the state's other contacts


class PingChannel(enum.StrEnum):
    discord = "discord"
    email = "email"
    none = "none"  # the contact has no usable channel: recorded undeliverable with the reason


class PingStatus(enum.StrEnum):
    pending = "pending"
    claimed = "claimed"
    sent = "sent"
    failed = "failed"  # gave up (closed DM, refused address, too many attempts), reason in error
    undeliverable = "undeliverable"  # no channel to try
    withdrawn = "withdrawn"  # not sent: the check ended, or the contact answered meanwhile


class CommCheckSchedule(Base):
    """A recurring communication check; ``next_at`` is the truth (APScheduler only wakes the dispatcher)."""

    __tablename__ = "comm_check_schedules"
    __table_args__ = (CheckConstraint(_in("scope", CheckScope), name="scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    channel_id: Mapped[int | None] = mapped_column(BigInteger)  # where its reports go
    scope: Mapped[str] = mapped_column(String(20))
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    deadline_seconds: Mapped[int] = mapped_column(Integer)
    every: Mapped[str] = mapped_column(String(20))  # monthly, quarterly, yearly
    weekday: Mapped[str] = mapped_column(String(3))  # mon … sun: the first such day of the month
    time: Mapped[str] = mapped_column(String(5))  # HH:MM in ``timezone``
    timezone: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    next_at: Mapped[dt.datetime | None] = mapped_column()
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CommCheck(Base):
    """One communication check of the Points of Contact; each chasing step is a column set once."""

    __tablename__ = "comm_checks"
    __table_args__ = (
        CheckConstraint(_in("status", CheckStatus), name="status"),
        CheckConstraint(_in("scope", CheckScope), name="scope"),
        CheckConstraint(_in("kind", CheckKind), name="kind"),
        UniqueConstraint("schedule_id", "scheduled_for", name="uq_comm_checks_schedule_run"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default=CheckKind.check.value)
    schedule_id: Mapped[int | None] = mapped_column(
        ForeignKey("comm_check_schedules.id", ondelete="SET NULL"), index=True
    )
    scheduled_for: Mapped[dt.datetime | None] = mapped_column()
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    channel_id: Mapped[int | None] = mapped_column(BigInteger)  # the admin channel its report goes to
    scope: Mapped[str] = mapped_column(String(20))
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)  # empty: every state
    status: Mapped[str] = mapped_column(String(20), default=CheckStatus.open.value, index=True)
    started_at: Mapped[dt.datetime] = mapped_column()
    remind_at: Mapped[dt.datetime] = mapped_column()
    escalate_at: Mapped[dt.datetime] = mapped_column()
    deadline_at: Mapped[dt.datetime] = mapped_column()
    expires_at: Mapped[dt.datetime] = mapped_column()  # links and buttons stop working
    reminded_at: Mapped[dt.datetime | None] = mapped_column()
    escalated_at: Mapped[dt.datetime | None] = mapped_column()
    closed_at: Mapped[dt.datetime | None] = mapped_column()
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CommCheckTarget(Base):
    """A contact asked in a check (a snapshot of who they were), and their acknowledgement."""

    __tablename__ = "comm_check_targets"
    __table_args__ = (UniqueConstraint("check_id", "contact_id", name="uq_comm_check_targets_contact"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("comm_checks.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"), index=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("countries.id", ondelete="RESTRICT"))
    country: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5), default="en")
    acked_at: Mapped[dt.datetime | None] = mapped_column()
    ack_channel: Mapped[str | None] = mapped_column(String(20))  # discord, email, link
    ack_ping_id: Mapped[int | None] = mapped_column(Integer)


class CommCheckPing(Base):
    """One message to one recipient over one channel; its state is the truth (claim -> send -> record)."""

    __tablename__ = "comm_check_pings"
    __table_args__ = (
        UniqueConstraint("target_id", "purpose", "channel", "recipient", name="uq_comm_check_pings_key"),
        CheckConstraint(_in("status", PingStatus), name="status"),
        CheckConstraint(_in("channel", PingChannel), name="channel"),
        CheckConstraint(_in("purpose", PingPurpose), name="purpose"),
        Index("ix_comm_check_pings_status_next_at", "status", "next_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("comm_checks.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(
        ForeignKey("comm_check_targets.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(40))  # "contact:<id>" (the target, or a colleague)
    recipient_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(254))  # Discord user id or e-mail address
    language: Mapped[str] = mapped_column(String(5), default="en")
    status: Mapped[str] = mapped_column(String(20), default=PingStatus.pending.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_at: Mapped[dt.datetime] = mapped_column()
    error: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime | None] = mapped_column()
    sent_at: Mapped[dt.datetime | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CommAckToken(Base):
    """An acknowledgement link: only the SHA-256 of its token is kept; it acknowledges one ping's contact,
    once, until its check expires."""

    __tablename__ = "comm_ack_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    ping_id: Mapped[int] = mapped_column(ForeignKey("comm_check_pings.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    used_at: Mapped[dt.datetime | None] = mapped_column()


class CorrectionStatus(enum.StrEnum):
    pending = "pending"
    approved = "approved"
    rejected = "rejected"


class ContactCorrection(Base):
    """A correction a point of contact proposed for their own details; applied only when a directory admin
    approves it (then through the contacts service, which audits the change)."""

    __tablename__ = "contact_corrections"
    __table_args__ = (CheckConstraint(_in("status", CorrectionStatus), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    check_id: Mapped[int | None] = mapped_column(ForeignKey("comm_checks.id", ondelete="SET NULL"))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default=CorrectionStatus.pending.value, index=True)
    proposed_at: Mapped[dt.datetime] = mapped_column()
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None] = mapped_column()

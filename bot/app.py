"""The application object: settings, database and the services, wired once for every transport."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Callable
from typing import Any

from bot.commchecks.service import CommCheckService
from bot.errors import NotReady
from bot.metrics import Metrics
from bot.reminders.planning import ReminderService
from bot.services.answers import AnswerService
from bot.services.buttons import ButtonService
from bot.services.contacts import ContactService
from bot.services.events import EventService
from bot.services.feeds import FeedService
from bot.services.guilds import GuildService
from bot.services.imports import ImportService
from bot.services.knowledge import KnowledgeService
from bot.services.mirror import MirrorService
from bot.services.reference import ReferenceService
from bot.settings import Settings
from storage.engine import CommitCounter, make_engine, make_sessionmaker, ping, unreachable
from storage.migrate import current_revision, head_revision


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class App:
    def __init__(self, settings: Settings, *, clock: Callable[[], dt.datetime] = utcnow) -> None:
        self.settings = settings
        self.clock = clock
        self.engine = make_engine(str(settings.database_url))
        self.db = make_sessionmaker(self.engine)
        self.commits = CommitCounter(self.engine)
        self.knowledge = KnowledgeService(self.db)
        self.events = EventService(self.db, self.knowledge)
        self.contacts = ContactService(self.db, self.knowledge)
        self.reference = ReferenceService(self.db, self.events)
        self.feeds = FeedService(self.db, self.events, str(settings.public_url))

        self.guilds = GuildService(self.db)
        self.imports = ImportService(self.db, self.events, settings.import_max_bytes)
        self.mirror = MirrorService(self.db)
        self.buttons = ButtonService(self.db)

        self.answers = AnswerService(
            self.db,
            self.contacts,
            self.knowledge,
            embedder=settings.embedder,
            threads=settings.embedder_threads,
        )
        self.events.listeners.append(self.answers.events_changed)  # the events' vectors follow changes

        self.reminders = ReminderService(self.db, self.knowledge, settings.zone)
        self.guilds.reminders = self.reminders  # the reminder settings are kept (and planned) there
        # The transport that delivers reminders (bot/reminders/senders.Sender): the console's, or the
        # Discord one set by cogs/reminders when the client is running.
        self.reminder_sender: Any = None
        self.metrics = Metrics(self)  # after the services: it times some of their entry points

        self.commchecks = CommCheckService(
            self.db,
            self.knowledge,
            str(settings.public_url),
            smtp=bool(settings.smtp_url),
            contacts=self.contacts,
        )
        # The transports of communication-check pings by channel (bot/commchecks/delivery.PingSender):
        # "email" when CBMBOT_SMTP_URL is set; "discord" set by cogs/commchecks, or the console's printer.
        self.ping_senders: dict[str, Any] = {}
        if settings.smtp_url:
            from bot.commchecks.smtp import SmtpSender, parse_smtp_url

            config = parse_smtp_url(settings.smtp_url)
            sender = settings.smtp_from or f"cbm-bot@{config.host}"
            self.ping_senders["email"] = SmtpSender(config, sender, reply_to=settings.smtp_reply_to)

    def now(self) -> dt.datetime:
        return self.clock()

    async def check_schema(self) -> None:
        """Refuse to work on a database that is not migrated to this version's schema."""
        try:
            current = await current_revision(self.engine)
        except Exception as exc:  # connection refused, bad credentials, unreadable file
            raise NotReady(f"cannot open the database {self.engine.url.render_as_string()}: {exc}") from exc
        head = head_revision()
        if current != head:
            state = (
                "has no schema yet"
                if current is None
                else f"is at schema {current}, this version needs {head}"
            )
            raise NotReady(f"the database {state}: run `cbmbot db upgrade`")

    async def healthy(self) -> bool:
        try:
            await ping(self.engine)
        except Exception:
            return False
        return True

    def database_unreachable(self, exc: BaseException) -> bool:
        """Whether an error means the database cannot be reached right now (transports answer "retry")."""
        return unreachable(exc)

    async def close(self) -> None:
        await self.answers.close()
        email = self.ping_senders.get("email")
        if email is not None:  # idle SMTP sessions: QUIT politely
            await email.close()
        await self.engine.dispose()


@contextlib.asynccontextmanager
async def open_app(settings: Settings, *, clock: Callable[[], dt.datetime] = utcnow) -> AsyncIterator[App]:
    """The application on a database at this version's schema (else :class:`NotReady`), closed on exit."""
    app = App(settings, clock=clock)
    try:
        await app.check_schema()
        yield app
    finally:
        await app.close()

"""The interface the transports implement (:class:`Sender`), what they are given (:class:`Outgoing`),
what they raise (:class:`SendError` and its kinds), and the console's transport (:class:`ConsoleSender`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from dataclasses import dataclass
from typing import IO, Protocol
from zoneinfo import ZoneInfo

from bot.services.answer_text import message, moment

DM_CLOSED_NOTE = message("post_dm_closed", "en")


@dataclass
class Outgoing:
    """One message to send, built from the tables at claim time; transports render it."""

    delivery_id: int
    reminder_id: int
    target: str  # "channel:<id>" or "user:<principal key>"
    title: str
    text: str
    due_at: dt.datetime
    late: bool = False
    role_id: int | None = None  # the one ping an admin configured (channel posts only)
    fallback_channel_id: int | None = None  # where a DM goes when the person's DMs are closed
    attempts: int = 1
    instead_of: str | None = None  # set on a fallback post: the user key whose DMs were closed
    at: dt.datetime | None = None  # when to send it (its due time, or the retry time)
    lang: str = "en"  # the language of its title and text (a direct message: its owner's)
    place_lang: str = "en"  # the language of the guild's channel posts (its /settings language)

    def late_note(self, tz: ZoneInfo | None = None) -> str:
        if not self.late:
            return ""
        return message("reminder_late", self.lang, when=moment(self.due_at, tz or ZoneInfo("UTC"), self.lang))

    @property
    def nonce(self) -> str:
        """The same for every attempt of this delivery: Discord drops a repeated message with it."""
        return f"cbmr{self.delivery_id}"

    @property
    def channel_id(self) -> int | None:
        kind, _, rest = self.target.partition(":")
        return int(rest) if kind == "channel" else None

    @property
    def user_key(self) -> str | None:
        kind, _, rest = self.target.partition(":")
        return rest if kind == "user" else None


def closed_dm_note(undelivered: Outgoing) -> Outgoing:
    """What goes to the guild's reminder channel when a person's direct messages are closed: a neutral
    note addressed to them (transports name the person without pinging anyone), never the personal
    reminder's own text, and no role ping."""
    return dataclasses.replace(
        undelivered,
        target=f"channel:{undelivered.fallback_channel_id}",
        title=message("post_dm_closed_title", undelivered.place_lang),
        text=message("post_dm_closed", undelivered.place_lang),
        instead_of=undelivered.user_key,
        role_id=None,
        late=False,
        lang=undelivered.place_lang,  # posted in the guild's channel: in the guild's language
    )


class SendError(Exception):
    """A transport could not deliver a message. Subclasses say whether trying again may help."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RateLimited(SendError):
    """Too many requests: wait ``retry_after`` seconds."""


class ServerError(SendError):
    """The service failed (5xx, timeout, connection lost): try again later."""


class RecipientUnavailable(SendError):
    """A direct message cannot reach the person (their DMs are closed, or no account on this transport)."""

    retryable = False


class Undeliverable(SendError):
    """No point in trying again (unknown channel, missing permission)."""

    retryable = False


class Sender(Protocol):
    """A transport that delivers reminders: posts to a channel or a direct message to a person.
    It may also have ``ready() -> bool``: while it says False (e.g. Discord still connecting) nothing is
    claimed, so no attempt is spent."""

    async def send(self, message: Outgoing) -> None: ...


class ConsoleSender:
    """The console transport: delivered reminders go to standard output."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream

    async def send(self, message: Outgoing) -> None:
        out = self.stream or sys.stdout
        lines = [f"[reminder #{message.delivery_id} -> {message.target}] {message.title}"]
        if message.instead_of:  # the closed-DM note: the person is named, the reminder's text is not shown
            lines.append(f"@{message.instead_of.split(':', 1)[-1]}: {message.text}")
        else:
            lines.append(message.text.replace("**", ""))
        if message.role_id:
            lines.append(f"(for role {message.role_id})")
        if message.late:
            lines.append(message.late_note())
        print("\n".join(lines) + "\n", file=out, flush=True)

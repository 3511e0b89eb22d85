"""The transports' side of pings: the errors they raise, their interface, and the console's printer."""

from __future__ import annotations

import sys
from typing import IO, Protocol

from bot.commchecks.service import PingMessage


class PingError(Exception):
    """A transport could not deliver a ping. ``retryable``: trying again later may help."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class TryLater(PingError):
    """Rate limit, server error, timeout, a connection lost mid-message."""


class Refused(PingError):
    """No point in trying again: a closed DM, an address the server refuses, no such user."""

    retryable = False


class PingSender(Protocol):
    """Delivers pings of one channel. It may also have ``ready() -> bool`` (False: claim nothing yet)."""

    async def send(self, message: PingMessage) -> None: ...


class ConsolePingSender:
    """Without Discord, pings for Discord are printed on standard output with their links."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream

    async def send(self, message: PingMessage) -> None:
        out = self.stream or sys.stdout
        print(
            f"[check #{message.check_id} ping #{message.ping_id} -> {message.channel}:{message.address} "
            f"{message.recipient_name} ({message.country})] {message.subject}\n{message.body}\n",
            file=out,
            flush=True,
        )

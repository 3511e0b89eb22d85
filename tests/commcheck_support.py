"""Shared pieces of the communication-check tests: a real SMTP server (aiosmtpd) that can refuse, stall or
hang up, a movable clock, a recording Discord-DM stand-in, and contacts."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import email
import email.policy
import re
import socket
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from bot.app import App
from bot.commchecks.delivery import Refused
from bot.services.contacts import ContactDraft
from bot.services.principal import OPERATOR

LINK = re.compile(r"https?://[^\s/]+/ack/([A-Za-z0-9_-]+)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class MailHandler:
    """Records every accepted message. ``plan`` lists what to do with the next messages, in order:
    "ok", "refuse" (550 on RCPT), "defer" (451 on RCPT), "hangup" (connection closed mid-message),
    "stall" (no answer to DATA for a long time); afterwards every message is accepted."""

    plan: list[str] = field(default_factory=list)
    messages: list[email.message.EmailMessage] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)  # what happened to each attempt
    lock: threading.Lock = field(default_factory=threading.Lock)
    refuse_addresses: set[str] = field(default_factory=set)

    def _next(self) -> str:
        with self.lock:
            return self.plan.pop(0) if self.plan else "ok"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse_addresses:
            self.seen.append("refuse")
            return "550 5.1.1 no such mailbox"
        action = self._next()
        if action == "refuse":
            self.seen.append("refuse")
            return "550 5.1.1 no such mailbox"
        if action == "defer":
            self.seen.append("defer")
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        envelope.action = action  # type: ignore[attr-defined]
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        action = getattr(envelope, "action", "ok")
        if action == "hangup":
            self.seen.append("hangup")
            server.transport.close()
            return "421 closing"
        if action == "stall":
            self.seen.append("stall")
            await asyncio.sleep(5)
            return "451 too slow"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        self.seen.append("ok")
        return "250 Message accepted"

    def links(self) -> dict[str, str]:
        """To-address -> token of the newest message to it."""
        found = {}
        for message in self.messages:
            body = message.get_body(preferencelist=("plain",))
            match = LINK.search(body.get_content() if body else "")
            if match:
                found[str(message["To"])] = match.group(1)
        return found


@contextlib.contextmanager
def smtp_server(handler: MailHandler) -> Iterator[tuple[str, MailHandler]]:
    port = free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, authenticator=_authenticate, auth_require_tls=False
    )
    controller.start()
    try:
        yield f"smtp://cbm:secret@127.0.0.1:{port}?starttls=off", handler
    finally:
        controller.stop()


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = getattr(auth_data, "login", None) == b"cbm" and getattr(auth_data, "password", None) == b"secret"
    return AuthResult(success=ok, handled=False)


@contextlib.asynccontextmanager
async def served(app: App) -> AsyncIterator[aiohttp.ClientSession]:
    """The HTTP server exactly as `cbmbot run` starts it (calendars.web.WebServer), on a free port."""
    from calendars.web import WebServer

    app.settings.http_port = free_port()
    server = WebServer(app)
    await server.start()
    try:
        async with aiohttp.ClientSession(base_url=f"http://127.0.0.1:{app.settings.http_port}") as session:
            yield session
    finally:
        await server.stop()


class Clock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


class RecordingDM:
    """Stands in for the Discord DM sender: records pings; refuses the ids in ``closed``."""

    def __init__(self, closed: set[str] | None = None) -> None:
        self.sent: list[Any] = []
        self.closed = closed or set()

    async def send(self, message: Any) -> None:
        if message.address in self.closed:
            raise Refused("their direct messages are closed")
        self.sent.append(message)

    def tokens(self) -> dict[int, str]:
        """Ping id -> token of its link."""
        return {m.ping_id: m.link.rsplit("/", 1)[1] for m in self.sent}


async def add_contact(
    app: App,
    country: str,
    name: str,
    type_: str = "policy",
    *,
    email_address: str | None = None,
    discord_id: int | None = None,
    phone: str | None = None,
    languages: tuple[str, ...] = (),
) -> int:
    contact = await app.contacts.add(
        ContactDraft(
            country=country, name=name, type=type_, email=email_address, discord_id=discord_id, phone=phone,
            languages=languages,
        ),
        OPERATOR,
        app.now(),
    )  # fmt: skip
    return contact.id

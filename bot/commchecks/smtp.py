"""E-mail pings through SMTP (aiosmtplib): ``smtp://`` (STARTTLS when the server offers it, or required
with ``?starttls=require``) and ``smtps://`` (TLS from the start), credentials in the URL.

Failures map to the dispatcher's: a 5xx answer to the recipient or the message is :class:`Refused`
(recorded, not retried); 4xx answers, refused connections, timeouts and a connection closed mid-message
are :class:`TryLater` (retried with backoff). The Message-ID is the same on every attempt.
Up to ``connections`` sessions are kept open and reused (a failed one is dropped, never reused).
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from bot.commchecks.delivery import Refused, TryLater
from bot.commchecks.service import PingMessage

MESSAGES_PER_CONNECTION = 100  # then a fresh connection (servers limit messages per session)


class SmtpUrlError(ValueError):
    """CBMBOT_SMTP_URL cannot be used; the message says why (never the password)."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    implicit_tls: bool
    starttls: bool | None  # None: when offered; True: required; False: never
    username: str | None
    password: str | None
    timeout: float = 20.0

    def __repr__(self) -> str:  # never show the password
        return f"SmtpConfig(host={self.host!r}, port={self.port}, user={self.username!r})"


def parse_smtp_url(url: str, timeout: float = 20.0) -> SmtpConfig:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps"):
        raise SmtpUrlError("CBMBOT_SMTP_URL must start with smtp:// or smtps://")
    if not parts.hostname:
        raise SmtpUrlError("CBMBOT_SMTP_URL names no host")
    try:
        port = parts.port
    except ValueError:
        raise SmtpUrlError("CBMBOT_SMTP_URL has a bad port") from None
    implicit = parts.scheme == "smtps"
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    mode = query.get("starttls", "auto").lower()
    if mode not in ("auto", "require", "off"):
        raise SmtpUrlError("CBMBOT_SMTP_URL: starttls must be auto, require or off")
    starttls = None if mode == "auto" else mode == "require"
    if implicit:
        starttls = False
    return SmtpConfig(
        host=parts.hostname,
        port=port or (465 if implicit else 25),
        implicit_tls=implicit,
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        timeout=timeout,
    )


class SmtpSender:
    def __init__(
        self,
        config: SmtpConfig,
        sender: str,
        *,
        reply_to: str | None = None,
        tls_context: ssl.SSLContext | None = None,
        connections: int = 4,
    ) -> None:
        self.config = config
        self.sender = sender
        self.reply_to = reply_to
        self.tls_context = tls_context
        self.domain = sender.rpartition("@")[2] or "cbm-bot.local"
        self._slots = asyncio.Semaphore(connections)
        self._idle: list[tuple[aiosmtplib.SMTP, int]] = []
        self._uses: dict[int, int] = {}

    def build(self, message: PingMessage) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = message.address
        if self.reply_to:
            mail["Reply-To"] = self.reply_to
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=False, usegmt=True)
        mail["Message-ID"] = message.message_id(self.domain)
        mail["Auto-Submitted"] = "auto-generated"
        mail.set_content(message.body)
        return mail

    async def send(self, message: PingMessage) -> None:
        mail = self.build(message)
        try:
            client = await self._client()
            try:
                await client.send_message(mail)
            except BaseException:
                await _close(client)  # whatever state it is in, it is not reused
                raise
            self._release(client)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [r.code for r in exc.recipients]
            if all(400 <= c < 500 for c in codes):
                raise TryLater(f"SMTP server deferred the address ({codes[0]})") from exc
            raise Refused(f"SMTP server refused the address ({codes[0] if codes else '?'})") from exc
        except aiosmtplib.SMTPResponseException as exc:
            text = f"SMTP {exc.code}: {exc.message}"[:300]
            if 400 <= exc.code < 500 or exc.code == -1:
                raise TryLater(text) from exc
            raise Refused(text) from exc
        except aiosmtplib.SMTPTimeoutError as exc:
            raise TryLater(f"SMTP timeout: {exc}") from exc
        except (
            aiosmtplib.SMTPNotSupported
        ) as exc:  # e.g. no AUTH or no STARTTLS: a setting to fix, not a blip
            raise Refused(f"SMTP server: {exc}"[:300]) from exc
        except aiosmtplib.SMTPException as exc:
            if "not supported" in str(exc):  # e.g. credentials given, no AUTH offered: fix the settings
                raise Refused(f"SMTP server: {exc}"[:300]) from exc
            raise TryLater(f"SMTP {type(exc).__name__}: {exc}"[:300]) from exc
        except (OSError, TimeoutError) as exc:  # refused, closed mid-message
            raise TryLater(f"SMTP {type(exc).__name__}: {exc}"[:300]) from exc

    # ------------------------------------------------------------------ connections, reused

    async def _client(self) -> aiosmtplib.SMTP:
        """An idle connection, or a new one (at most ``connections`` at a time)."""
        await self._slots.acquire()
        while self._idle:
            client, used = self._idle.pop()
            if client.is_connected and used < MESSAGES_PER_CONNECTION:
                self._uses[id(client)] = used
                return client
            await _close(client)
        config = self.config
        client = aiosmtplib.SMTP(
            hostname=config.host, port=config.port, username=config.username, password=config.password,
            use_tls=config.implicit_tls, start_tls=config.starttls, timeout=config.timeout,
            tls_context=self.tls_context,
        )  # fmt: skip
        try:
            await client.connect()
        except BaseException:
            self._slots.release()
            raise
        self._uses[id(client)] = 0
        return client

    def _release(self, client: aiosmtplib.SMTP) -> None:
        used = self._uses.pop(id(client), 0) + 1
        self._idle.append((client, used))
        self._slots.release()

    async def close(self) -> None:
        while self._idle:
            await _close(self._idle.pop()[0])


async def _close(client: aiosmtplib.SMTP) -> None:
    """Quit politely when the connection still answers, else drop it."""
    try:
        if client.is_connected:
            await asyncio.wait_for(client.quit(), timeout=2)
    except Exception:
        client.close()

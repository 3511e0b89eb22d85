"""`cbmbot doctor`: what a new deployment gets wrong, each problem with how to fix it.

Checks: the data folder is writable; the database answers, is at this version's schema and seeded; the
clock agrees with the database server's (PostgreSQL) and Discord's; DISCORD_TOKEN has a bot token's form
and Discord accepts it; trusted servers (CBMBOT_GUILD_IDS) are set, the bot is in each and holds the
permissions it needs there; CBMBOT_PUBLIC_URL is a public https address; the SMTP server of
CBMBOT_SMTP_URL answers (and accepts the credentials). Secrets are never printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import os
import re
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy.engine import make_url

from bot.settings import Settings

DISCORD_API = "https://discord.com/api/v10"
TIMEOUT = 10.0  # seconds for each network check
MAX_DRIFT = 5.0  # seconds of clock difference tolerated (HTTP dates have one-second resolution)
ADMINISTRATOR = 1 << 3
# What the cogs need in a trusted server: read and answer in channels, embeds, .ics attachments, the
# reminder channel's history, and the Events-tab mirror.
PERMISSIONS = {
    "View Channels": 1 << 10,
    "Send Messages": 1 << 11,
    "Embed Links": 1 << 14,
    "Attach Files": 1 << 15,
    "Read Message History": 1 << 16,
    "Manage Events": 1 << 33,
}
PERMISSIONS_ALL = sum(PERMISSIONS.values())
# Three base64url parts: the bot's id, a timestamp and an HMAC (Discord's bot token format).
TOKEN_FORM = re.compile(r"^[A-Za-z0-9_-]{17,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")


@dataclass
class Report:
    passed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def ok(self, line: str) -> None:
        self.passed.append(line)

    def problem(self, what: str, fix: str) -> None:
        self.problems.append(f"{what} -- fix: {fix}")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def diagnose(
    settings: Settings,
    *,
    offline: bool = False,
    discord_api: str | None = None,
    clock: Any = utcnow,
) -> Report:
    report = Report()
    discord_api = discord_api or DISCORD_API
    await asyncio.to_thread(check_data_dir, settings, report)
    await check_database(settings, report, clock)
    check_public_url(settings, report)
    await check_discord(settings, report, offline=offline, api=discord_api, clock=clock)
    await check_smtp(settings, report)
    return report


# ------------------------------------------------------------------------------------------ local


def check_data_dir(settings: Settings, report: Report) -> None:
    folder = settings.data_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True) as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        report.problem(
            f"the data folder {folder} is not writable ({exc.strerror or exc})",
            "create it and give the bot's user write access (chown/chmod), or set CBMBOT_DATA_DIR "
            "to a writable folder",
        )
        return
    report.ok(f"data folder {folder} is writable")


async def check_database(settings: Settings, report: Report, clock: Any) -> None:
    from storage.engine import make_engine, make_sessionmaker
    from storage.migrate import current_revision, head_revision
    from storage.ops import seed_state, server_clock

    url = make_url(str(settings.database_url))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        if not await asyncio.to_thread(path.exists):  # do not create an empty file by looking
            report.problem(f"the database file {path} does not exist", "run `cbmbot db upgrade`")
            return
    engine = make_engine(str(settings.database_url))
    shown = engine.url.render_as_string(hide_password=True)
    try:
        try:
            current = await asyncio.wait_for(current_revision(engine), TIMEOUT)
        except Exception as exc:
            report.problem(
                f"cannot open the database {shown}: {_first_line(exc)}",
                "check CBMBOT_DATABASE_URL (host, port, name, user, password) and that the server runs",
            )
            return
        head = head_revision()
        if current != head:
            state = (
                "has no schema" if current is None else f"is at schema {current}, this version needs {head}"
            )
            report.problem(f"the database {state}", "run `cbmbot db upgrade`")
            return
        report.ok(f"database {shown} answers, schema {head}")
        async with make_sessionmaker(engine)() as session:
            seeded = await seed_state(session)
            theirs = await server_clock(session)
        if seeded.cbms == 0 or seeded.countries == 0:
            report.problem("the database holds no reference data (CBMs, countries)", "run `cbmbot seed`")
        else:
            report.ok(f"reference data present ({seeded.cbms} CBMs, {seeded.countries} countries)")
        if isinstance(theirs, dt.datetime):
            check_drift(report, "the database server", theirs, clock())
    finally:
        await engine.dispose()


def check_drift(report: Report, reference: str, theirs: dt.datetime, ours: dt.datetime) -> None:
    if theirs.tzinfo is None:
        theirs = theirs.replace(tzinfo=dt.UTC)
    drift = (ours - theirs).total_seconds()
    if abs(drift) > MAX_DRIFT:
        direction = "ahead of" if drift > 0 else "behind"
        report.problem(
            f"this machine's clock is {abs(drift):.0f} s {direction} {reference}'s",
            "synchronise it with NTP (e.g. `timedatectl set-ntp true`); reminders go out by this clock",
        )
    else:
        report.ok(f"clock agrees with {reference}'s (within {MAX_DRIFT:.0f} s)")


def check_public_url(settings: Settings, report: Report) -> None:
    url = str(settings.public_url)
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    fix_url = "set CBMBOT_PUBLIC_URL to the address people use, e.g. https://cbm.example.org"
    if not host or parts.query or parts.fragment or " " in url:
        report.problem(f"CBMBOT_PUBLIC_URL {url!r} is not a plain base address", fix_url)
        return
    local = host == "localhost" or host.endswith(".localhost")
    try:
        address = ipaddress.ip_address(host)
        local = local or address.is_loopback or address.is_unspecified
    except ValueError:
        pass
    if local:
        report.problem(f"CBMBOT_PUBLIC_URL is {url}: feed links point at this machine only", fix_url)
    if parts.scheme != "https":
        report.problem(
            f"CBMBOT_PUBLIC_URL is {parts.scheme}://: Google Calendar subscribes only to https feeds",
            "serve the bot behind a TLS reverse proxy (deploy/nginx.conf) and set an https:// URL",
        )
    if not local and parts.scheme == "https":
        report.ok(f"public URL {url} is well formed")


# ------------------------------------------------------------------------------------------ Discord


async def check_discord(settings: Settings, report: Report, *, offline: bool, api: str, clock: Any) -> None:
    token = settings.discord_token
    guild_ids = sorted(settings.guild_ids)
    if not token:
        report.ok("DISCORD_TOKEN not set: the bot serves the console chat, not Discord")
        return
    if not guild_ids:
        report.problem(
            "CBMBOT_GUILD_IDS is not set: no server is trusted, so no one has admin or organiser rights",
            "set CBMBOT_GUILD_IDS to your server ids, comma-separated (Discord: right-click the server, "
            "Copy Server ID)",
        )
    else:
        report.ok(f"{len(guild_ids)} trusted server(s) in CBMBOT_GUILD_IDS")
    form = token.strip()
    if form.lower().startswith("bot "):
        report.problem("DISCORD_TOKEN starts with 'Bot '", "set only the token itself, without the prefix")
        return
    if form != token or not TOKEN_FORM.match(form):
        report.problem(
            "DISCORD_TOKEN does not have the form of a bot token (three dot-separated parts)",
            "copy it again from the Discord Developer Portal (your application, Bot, Reset Token)",
        )
        return
    if offline:
        report.ok("DISCORD_TOKEN has the form of a bot token (not checked with Discord: --offline)")
        return
    timeout = aiohttp.ClientTimeout(total=TIMEOUT)
    headers = {"Authorization": f"Bot {token}", "User-Agent": "cbm-bot doctor"}
    try:
        async with aiohttp.ClientSession(timeout=timeout, headers=headers) as session:
            await _discord_checks(session, api, report, guild_ids, clock)
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        report.problem(
            f"cannot reach Discord at {api} ({type(exc).__name__})",
            "check the network and firewall (outgoing HTTPS), or run `cbmbot doctor --offline`",
        )


async def _discord_checks(
    session: aiohttp.ClientSession, api: str, report: Report, guild_ids: list[int], clock: Any
) -> None:
    base = api.rstrip("/")
    async with session.get(f"{base}/users/@me") as response:
        date = response.headers.get("Date")
        if response.status == 401:
            report.problem(
                "Discord refused DISCORD_TOKEN (401 Unauthorized)",
                "reset the token in the Discord Developer Portal (Bot, Reset Token) and set the new one",
            )
            return
        if response.status != 200:
            report.problem(
                f"Discord answered {response.status} to the token check",
                "try again later; if it persists, see https://discordstatus.com",
            )
            return
        me = await response.json()
    report.ok(f"Discord accepts DISCORD_TOKEN (bot {me.get('username', '?')})")
    if date:
        with contextlib.suppress(TypeError, ValueError):
            check_drift(report, "Discord", parsedate_to_datetime(date), clock())
    if not guild_ids:
        return
    async with session.get(f"{base}/users/@me/guilds") as response:
        if response.status != 200:
            report.problem(
                f"Discord answered {response.status} when listing the bot's servers", "try again later"
            )
            return
        guilds = {int(g["id"]): g for g in await response.json()}
    invite = (
        f"https://discord.com/oauth2/authorize?client_id={me.get('id')}&scope=bot+applications.commands"
        f"&permissions={PERMISSIONS_ALL}"
    )
    for guild_id in guild_ids:
        guild = guilds.get(guild_id)
        if guild is None:
            report.problem(
                f"the bot is not a member of trusted server {guild_id}",
                f"invite it with {invite} (or remove the id from CBMBOT_GUILD_IDS)",
            )
            continue
        granted = int(guild.get("permissions") or 0)
        if granted & ADMINISTRATOR:
            report.ok(f"server {guild_id}: the bot has every permission it needs (administrator)")
            continue
        missing = [name for name, bit in PERMISSIONS.items() if not granted & bit]
        if missing:
            report.problem(
                f"server {guild_id}: the bot lacks {', '.join(missing)}",
                "grant them to the bot's role (Server Settings, Roles) or re-invite it with "
                f"permissions={PERMISSIONS_ALL}",
            )
        else:
            report.ok(f"server {guild_id}: the bot has the permissions it needs")


# ------------------------------------------------------------------------------------------ SMTP


async def check_smtp(settings: Settings, report: Report) -> None:
    if settings.smtp_url is None:
        return
    import aiosmtplib

    raw = settings.smtp_url
    parts = urllib.parse.urlsplit(raw)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = -1
    fix = "write it as smtp://USER:PASSWORD@HOST:PORT or smtps://USER:PASSWORD@HOST:PORT"
    if scheme not in ("smtp", "smtps") or not parts.hostname or port == -1:
        report.problem("CBMBOT_SMTP_URL is not an smtp:// or smtps:// URL with a host", fix)
        return
    host = parts.hostname
    port = port or (465 if scheme == "smtps" else 587)
    user = urllib.parse.unquote(parts.username) if parts.username else None
    password = urllib.parse.unquote(parts.password) if parts.password else ""
    client = aiosmtplib.SMTP(hostname=host, port=port, use_tls=scheme == "smtps", timeout=TIMEOUT)
    try:
        await client.connect()
        if user:
            try:
                await client.login(user, password)
            except aiosmtplib.SMTPException as exc:
                report.problem(
                    f"the SMTP server {host}:{port} refused the login of {user!r} ({_smtp_reason(exc)})",
                    "check the user name and password in CBMBOT_SMTP_URL (percent-encode @ : / in them)",
                )
                return
        report.ok(f"SMTP server {host}:{port} answers" + (" and accepts the login" if user else ""))
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        report.problem(
            f"cannot reach the SMTP server {host}:{port} ({_smtp_reason(exc)})",
            "check the host and port in CBMBOT_SMTP_URL, smtp:// vs smtps://, and the firewall",
        )
    finally:
        if client.is_connected:
            try:
                await client.quit()
            except (aiosmtplib.SMTPException, OSError, TimeoutError):
                client.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def _smtp_reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

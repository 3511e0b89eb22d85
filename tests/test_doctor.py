"""`cbmbot doctor` catches each misconfiguration it names, with how to fix it; exit 0 when all is well.

Discord is a fake aiohttp server on 127.0.0.1 (no test reaches the network); SMTP is a real aiosmtpd
server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import socket
from collections.abc import AsyncIterator, Iterator
from email.utils import format_datetime

import pytest
from aiohttp import web
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from bot import doctor
from bot.cli import main
from bot.doctor import PERMISSIONS, diagnose
from bot.settings import Settings

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
GUILD = 111111111111111111
OTHER = 222222222222222222
ALL = sum(PERMISSIONS.values())


class FakeDiscord:
    """Answers /users/@me and /users/@me/guilds like Discord's API, for one token."""

    def __init__(self) -> None:
        self.guilds: list[dict] = [{"id": str(GUILD), "name": "OSCE CBMs", "permissions": str(ALL)}]
        self.skew = dt.timedelta(0)
        self.seen_tokens: list[str] = []

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v10/users/@me", self.me)
        app.router.add_get("/api/v10/users/@me/guilds", self.my_guilds)
        return app

    def _authorised(self, request: web.Request) -> bool:
        header = request.headers.get("Authorization", "")
        self.seen_tokens.append(header)
        return header == f"Bot {TOKEN}"

    def _headers(self) -> dict[str, str]:
        return {"Date": format_datetime(dt.datetime.now(dt.UTC) + self.skew, usegmt=True)}

    async def me(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        return web.json_response({"id": "123456789012345678", "username": "cbm-bot"}, headers=self._headers())

    async def my_guilds(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"message": "401: Unauthorized"}, status=401)
        return web.json_response(self.guilds)


@pytest.fixture
async def discord() -> AsyncIterator[tuple[FakeDiscord, str]]:
    fake = FakeDiscord()
    runner = web.AppRunner(fake.app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield fake, f"http://127.0.0.1:{runner.addresses[0][1]}/api/v10"
    await runner.cleanup()


class Accept:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            self.user,
            self.password,
        )
        return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server() -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(
        object(),
        hostname="127.0.0.1",
        port=port,
        authenticator=Accept("mailer", "right horse"),
        auth_require_tls=False,
    )
    controller.start()
    yield port
    controller.stop()


def healthy(settings: Settings, **overrides: object) -> Settings:
    """The test database with a configuration that passes every check; `overrides` break one thing."""
    values: dict[str, object] = {
        "public_url": "https://cbm.example.org",
        "discord_token": TOKEN,
        "guild_ids_text": str(GUILD),
    }
    values.update(overrides)
    copied = settings.model_copy(update=values)
    copied.__dict__.pop("guild_ids", None)  # a cached_property of guild_ids_text: computed afresh
    return copied


async def check(settings: Settings, api: str, **kwargs: object) -> doctor.Report:
    return await diagnose(settings, discord_api=api, **kwargs)


async def test_a_healthy_deployment_passes(settings, discord, smtp_server):
    fake, api = discord
    good = healthy(settings, smtp_url=f"smtp://mailer:right%20horse@127.0.0.1:{smtp_server}")
    report = await check(good, api)
    assert report.problems == []
    text = "\n".join(report.passed)
    for expected in ("writable", "schema", "reference data", "Discord accepts", "server 1111", "SMTP server"):
        assert expected in text
    assert fake.seen_tokens and TOKEN not in text  # used, never printed


async def test_database_unreachable_unmigrated_unseeded(settings, blank_db_url, tmp_path, discord, backend):
    _, api = discord
    down = healthy(settings, database_url="postgresql+asyncpg://cbm:pw@127.0.0.1:1/nothing")
    report = await check(down, api)
    [line] = [p for p in report.problems if "database" in p]
    assert "cannot open the database" in line and "CBMBOT_DATABASE_URL" in line and "pw" not in line

    missing = tmp_path / "new.sqlite3"
    report = await check(healthy(settings, database_url=f"sqlite+aiosqlite:///{missing}"), api)
    assert any("does not exist" in p and "cbmbot db upgrade" in p for p in report.problems)
    assert not missing.exists()  # looking created nothing
    missing.touch()
    report = await check(healthy(settings, database_url=f"sqlite+aiosqlite:///{missing}"), api)
    assert any("has no schema" in p and "cbmbot db upgrade" in p for p in report.problems)

    report = await check(healthy(settings, database_url=blank_db_url), api)
    assert any("no reference data" in p and "cbmbot seed" in p for p in report.problems)


async def test_old_schema_is_reported(settings, tmp_path, discord):
    from storage.migrate import upgrade

    _, api = discord
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}"
    await asyncio.to_thread(upgrade, url, "0003")
    report = await check(healthy(settings, database_url=url), api)
    assert any("is at schema 0003" in p and "cbmbot db upgrade" in p for p in report.problems)


async def test_discord_token_refused_malformed_or_prefixed(settings, discord):
    _, api = discord
    wrong = TOKEN[:-4] + "ZZZZ"
    report = await check(healthy(settings, discord_token=wrong), api)
    assert any("Discord refused DISCORD_TOKEN" in p and "Reset Token" in p for p in report.problems)
    report = await check(healthy(settings, discord_token="hello-there"), api)
    assert any("form of a bot token" in p for p in report.problems)
    report = await check(healthy(settings, discord_token=f"Bot {TOKEN}"), api)
    assert any("starts with 'Bot '" in p for p in report.problems)
    assert all(TOKEN not in line for line in report.problems + report.passed)


async def test_offline_checks_only_the_form(settings):
    report = await diagnose(healthy(settings), offline=True, discord_api="http://127.0.0.1:9/none")
    assert report.problems == []
    assert any("--offline" in line for line in report.passed)
    report = await diagnose(healthy(settings, discord_token="abc"), offline=True)
    assert any("form of a bot token" in p for p in report.problems)


async def test_discord_unreachable(settings):
    report = await diagnose(healthy(settings), discord_api="http://127.0.0.1:9/api/v10")
    assert any("cannot reach Discord" in p and "--offline" in p for p in report.problems)


async def test_trusted_servers_missing_absent_or_short_of_permissions(settings, discord):
    fake, api = discord
    report = await check(healthy(settings, guild_ids_text=None), api)
    assert any("CBMBOT_GUILD_IDS is not set" in p for p in report.problems)

    report = await check(healthy(settings, guild_ids_text=f"{GUILD},{OTHER}"), api)
    [line] = report.problems
    assert f"not a member of trusted server {OTHER}" in line and "oauth2/authorize" in line

    fake.guilds[0]["permissions"] = str(ALL & ~PERMISSIONS["Manage Events"] & ~PERMISSIONS["Embed Links"])
    report = await check(healthy(settings), api)
    [line] = report.problems
    assert "lacks Embed Links, Manage Events" in line and "Server Settings" in line

    fake.guilds[0]["permissions"] = str(1 << 3)  # administrator alone covers everything
    assert (await check(healthy(settings), api)).problems == []


async def test_public_url_not_https_or_local(settings, discord):
    _, api = discord
    report = await check(healthy(settings, public_url="http://cbm.example.org"), api)
    [line] = report.problems
    assert "Google Calendar" in line and "https://" in line
    report = await check(healthy(settings, public_url="https://127.0.0.1:8080"), api)
    assert any("this machine only" in p for p in report.problems)
    report = await check(healthy(settings, public_url="https://cbm.example.org/?x=1"), api)
    assert any("not a plain base address" in p for p in report.problems)


async def test_smtp_unreachable_or_refusing_the_login(settings, discord, smtp_server):
    _, api = discord
    report = await check(healthy(settings, smtp_url="smtp://127.0.0.1:9"), api)
    [line] = report.problems
    assert "cannot reach the SMTP server 127.0.0.1:9" in line and "CBMBOT_SMTP_URL" in line
    bad = f"smtp://mailer:wrong%20horse@127.0.0.1:{smtp_server}"
    report = await check(healthy(settings, smtp_url=bad), api)
    [line] = report.problems
    assert "refused the login of 'mailer'" in line and "wrong horse" not in line
    report = await check(healthy(settings, smtp_url="mailto:someone@example.org"), api)
    assert any("not an smtp://" in p for p in report.problems)


async def test_clock_drift_against_discord(settings, discord):
    fake, api = discord
    fake.skew = dt.timedelta(minutes=-3)
    report = await check(healthy(settings), api)
    [line] = report.problems
    assert re.search(r"is 18[01] s ahead of Discord's", line) and "NTP" in line  # HTTP dates drop the ms


async def test_clock_drift_against_the_postgres_server(settings, discord, backend):
    if backend.name != "postgres":
        pytest.skip("SQLite has no server clock")
    _, api = discord
    report = await check(
        healthy(settings), api, clock=lambda: dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    )
    assert any("ahead of the database server's" in p for p in report.problems)


async def test_data_dir_not_writable(settings, tmp_path, discord):
    _, api = discord
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    report = await check(healthy(settings, data_dir=blocker / "var"), api)
    [line] = report.problems
    assert "data folder" in line and "not writable" in line and "CBMBOT_DATA_DIR" in line


async def test_cli_exit_codes(settings, discord, monkeypatch, capsys, tmp_path):
    _, api = discord
    monkeypatch.setattr(doctor, "DISCORD_API", api)
    monkeypatch.setenv("CBMBOT_DATABASE_URL", str(settings.database_url))
    monkeypatch.setenv("CBMBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CBMBOT_PUBLIC_URL", "https://cbm.example.org")
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("CBMBOT_GUILD_IDS", f"{GUILD}")
    code = await asyncio.to_thread(main, ["doctor"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "all checks passed" in out.out and TOKEN not in out.out + out.err

    monkeypatch.setenv("CBMBOT_PUBLIC_URL", "http://127.0.0.1:8080")
    monkeypatch.delenv("CBMBOT_GUILD_IDS")
    code = await asyncio.to_thread(main, ["doctor"])
    out = capsys.readouterr()
    problems = [line for line in out.err.splitlines() if line.startswith("problem: ")]
    assert code == 2 and len(problems) == 3  # local URL, not https, no trusted servers
    assert all(" -- fix: " in line for line in problems)


def test_guild_ids_setting_is_read_and_checked(monkeypatch):
    from bot.settings import SettingsError, load_settings

    monkeypatch.setenv("CBMBOT_GUILD_IDS", f"{GUILD}, {OTHER}")
    assert load_settings(_env_file=None).guild_ids == frozenset({GUILD, OTHER})
    monkeypatch.setenv("CBMBOT_GUILD_IDS", "my server")
    with pytest.raises(SettingsError, match="CBMBOT_GUILD_IDS"):
        load_settings(_env_file=None)

"""Fixtures: a real database per test on SQLite (always) and PostgreSQL (when configured).

`CBMBOT_TEST_POSTGRES_URL` names a PostgreSQL server (any database on it); each test gets its own database
copied from a migrated and seeded template. With `CBMBOT_REQUIRE_POSTGRES=1` (and `CBMBOT_REQUIRE_NODE=1`)
a missing server (or Node.js) fails the run instead of skipping.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.app import App
from bot.settings import Settings
from storage.migrate import upgrade

PG_URL = os.environ.get("CBMBOT_TEST_POSTGRES_URL", "")
REQUIRE_PG = os.environ.get("CBMBOT_REQUIRE_POSTGRES") == "1"
REQUIRE_NODE = os.environ.get("CBMBOT_REQUIRE_NODE") == "1"
NOW = dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC)

_ran: dict[str, int] = {"postgres": 0}


def pytest_configure(config: pytest.Config) -> None:
    # The suite must not pick up the developer's own configuration.
    for name in list(os.environ):
        if (name.startswith("CBMBOT_") and not name.startswith(("CBMBOT_TEST_", "CBMBOT_REQUIRE_"))) or (
            name == "DISCORD_TOKEN"
        ):
            del os.environ[name]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed and "[postgres" in report.nodeid:
        _ran["postgres"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if REQUIRE_PG and _ran["postgres"] == 0 and exitstatus == 0 and session.testscollected:
        print("\nCBMBOT_REQUIRE_POSTGRES=1 but no PostgreSQL test ran", flush=True)
        session.exitstatus = 1


# ----------------------------------------------------------------------------------------- backends


@dataclass
class Backend:
    name: str
    template_url: str  # migrated and seeded
    blank_url: str  # migrated only

    async def fresh(self, tmp: Path, seeded: bool = True) -> str:
        source = self.template_url if seeded else self.blank_url
        if self.name == "sqlite":
            path = tmp / f"cbmbot-{uuid.uuid4().hex[:8]}.sqlite3"
            shutil.copyfile(make_url(source).database, path)  # type: ignore[arg-type]
            return f"sqlite+aiosqlite:///{path}"
        name = f"cbmbot_t_{uuid.uuid4().hex[:12]}"
        await _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(source).database}"')
        return make_url(source).set(database=name).render_as_string(hide_password=False)

    async def drop(self, url: str) -> None:
        if self.name == "postgres":
            await _pg_admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')


async def _pg_admin(sql: str) -> None:
    import asyncpg

    url = make_url(PG_URL)
    connection = await asyncpg.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def _settings(url: str, data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        CBMBOT_DATABASE_URL=url,
        CBMBOT_DATA_DIR=data_dir,
        CBMBOT_HTTP_PORT=8080,
        CBMBOT_TIMEZONE="Europe/Vienna",
        CBMBOT_DISCORD_SYNC=False,
        CBMBOT_GUILD_IDS="900000000000000001",  # tests.helpers.GUILD_ID: the trusted server
    )


async def _prepare(url: str, data_dir: Path, seeded: bool) -> None:
    await asyncio.to_thread(upgrade, url)
    if seeded:
        app = App(_settings(url, data_dir), clock=lambda: NOW)
        try:
            await app.reference.seed(NOW)
            await app.answers.warm()  # the answers' passage vectors, as `cbmbot seed` makes them
        finally:
            await app.close()


def _backend_params() -> list[object]:
    params: list[object] = ["sqlite"]
    if PG_URL or REQUIRE_PG:
        params.append(pytest.param("postgres", marks=pytest.mark.postgres))
    return params


@pytest.fixture(scope="session", params=_backend_params())
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    name = request.param
    folder = tmp_path_factory.mktemp(f"templates-{name}")
    if name == "sqlite":
        seeded, blank = folder / "seeded.sqlite3", folder / "blank.sqlite3"
        seeded_url, blank_url = f"sqlite+aiosqlite:///{seeded}", f"sqlite+aiosqlite:///{blank}"
        asyncio.run(_prepare(seeded_url, folder, True))
        asyncio.run(_prepare(blank_url, folder, False))
        yield Backend(name, seeded_url, blank_url)
        return
    if not PG_URL:
        pytest.fail("CBMBOT_REQUIRE_POSTGRES=1 but CBMBOT_TEST_POSTGRES_URL is not set")
    tag = uuid.uuid4().hex[:8]
    seeded_name, blank_name = f"cbmbot_tpl_{tag}", f"cbmbot_blank_{tag}"
    try:
        asyncio.run(_pg_admin(f'CREATE DATABASE "{seeded_name}"'))
        asyncio.run(_pg_admin(f'CREATE DATABASE "{blank_name}"'))
    except OSError as exc:
        if REQUIRE_PG:
            pytest.fail(f"PostgreSQL at {PG_URL} is required but unreachable: {exc}")
        pytest.skip(f"PostgreSQL at {PG_URL} unreachable: {exc}")
    base = make_url(PG_URL)
    seeded_url = base.set(database=seeded_name).render_as_string(hide_password=False)
    blank_url = base.set(database=blank_name).render_as_string(hide_password=False)
    try:
        asyncio.run(_prepare(seeded_url, folder, True))
        asyncio.run(_prepare(blank_url, folder, False))
        yield Backend(name, seeded_url, blank_url)
    finally:
        for db in (seeded_name, blank_name):
            asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))


@pytest.fixture
async def db_url(backend: Backend, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated and seeded database of its own for this test."""
    url = await backend.fresh(tmp_path)
    yield url
    await backend.drop(url)


@pytest.fixture
async def blank_db_url(backend: Backend, tmp_path: Path) -> AsyncIterator[str]:
    """A migrated database with no reference data."""
    url = await backend.fresh(tmp_path, seeded=False)
    yield url
    await backend.drop(url)


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return _settings(db_url, tmp_path)


@pytest.fixture
async def app(settings: Settings) -> AsyncIterator[App]:
    """The application on a seeded database, its clock fixed at NOW (2026-11-22 10:00 UTC)."""
    application = App(settings, clock=lambda: NOW)
    yield application
    await application.close()


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def require_node() -> str:
    """Path of `node`; skips without it unless CBMBOT_REQUIRE_NODE=1."""
    node = shutil.which("node")
    if node is None:
        if REQUIRE_NODE:
            pytest.fail("CBMBOT_REQUIRE_NODE=1 but node is not installed")
        pytest.skip("node is not installed")
    return node

"""Fixtures: a real database per test on SQLite (always) and PostgreSQL (when configured).

`CBMBOT_TEST_POSTGRES_URL` names a PostgreSQL server (any database on it); each test gets its own database
copied from a migrated and seeded template. With `CBMBOT_REQUIRE_POSTGRES=1` (and `CBMBOT_REQUIRE_NODE=1`)
a missing server (or Node.js) fails the run instead of skipping.

`make test` runs the suite in worker processes (pytest-xdist). The templates are built once per run, by
whichever worker needs them first, under a file lock; the others copy them. The controlling process drops
the PostgreSQL templates at the end and alone decides whether a PostgreSQL test ran.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import fcntl
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

WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # None in the controlling (or only) process
RUN = "CBMBOT_TEST_RUN"  # one id per run, shared by its workers: names the shared templates

_ran: dict[str, int] = {"postgres": 0}


def pytest_configure(config: pytest.Config) -> None:
    # The suite must not pick up the developer's own configuration.
    for name in list(os.environ):
        if (name.startswith("CBMBOT_") and not name.startswith(("CBMBOT_TEST_", "CBMBOT_REQUIRE_"))) or (
            name == "DISCORD_TOKEN"
        ):
            del os.environ[name]
    if WORKER is None:  # the workers start later and inherit it
        os.environ[RUN] = uuid.uuid4().hex[:10]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Under xdist the controller sees every worker's reports here too.
    if report.when == "call" and report.passed and "[postgres" in report.nodeid:
        _ran["postgres"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if WORKER is not None:
        return
    if PG_URL and os.environ.get(RUN):
        with contextlib.suppress(OSError):
            asyncio.run(_drop_run_templates(os.environ[RUN]))
    if REQUIRE_PG and _ran["postgres"] == 0 and exitstatus == 0 and session.testscollected:
        print("\nCBMBOT_REQUIRE_POSTGRES=1 but no PostgreSQL test ran", flush=True)
        session.exitstatus = 1


@contextlib.contextmanager
def _run_lock(folder: Path) -> Iterator[None]:
    """One worker at a time builds the run's templates; the others wait, then find them built."""
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _shared_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder all workers of this run see (the base temp's parent under xdist)."""
    base = tmp_path_factory.getbasetemp()
    if WORKER is not None:
        base = base.parent
    folder = base / f"templates-{name}-{os.environ[RUN]}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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


async def _drop_run_templates(run: str) -> None:
    for db in (f"cbmbot_tpl_{run}", f"cbmbot_blank_{run}"):
        await _pg_admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


@pytest.fixture(scope="session", params=_backend_params())
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    name = request.param
    folder = _shared_folder(tmp_path_factory, name)
    built = folder / "built"  # written last: the templates are complete
    if name == "sqlite":
        seeded, blank = folder / "seeded.sqlite3", folder / "blank.sqlite3"
        seeded_url, blank_url = f"sqlite+aiosqlite:///{seeded}", f"sqlite+aiosqlite:///{blank}"
        with _run_lock(folder):
            if not built.exists():
                for path in (seeded, blank):
                    path.unlink(missing_ok=True)  # a half-built one from a worker that died
                asyncio.run(_prepare(seeded_url, folder, True))
                asyncio.run(_prepare(blank_url, folder, False))
                built.touch()
        yield Backend(name, seeded_url, blank_url)
        return
    if not PG_URL:
        pytest.fail("CBMBOT_REQUIRE_POSTGRES=1 but CBMBOT_TEST_POSTGRES_URL is not set")
    run = os.environ[RUN]
    seeded_name, blank_name = f"cbmbot_tpl_{run}", f"cbmbot_blank_{run}"
    base = make_url(PG_URL)
    seeded_url = base.set(database=seeded_name).render_as_string(hide_password=False)
    blank_url = base.set(database=blank_name).render_as_string(hide_password=False)
    with _run_lock(folder):
        if not built.exists():
            try:
                asyncio.run(_drop_run_templates(run))
                asyncio.run(_pg_admin(f'CREATE DATABASE "{seeded_name}"'))
                asyncio.run(_pg_admin(f'CREATE DATABASE "{blank_name}"'))
            except OSError as exc:
                if REQUIRE_PG:
                    pytest.fail(f"PostgreSQL at {PG_URL} is required but unreachable: {exc}")
                pytest.skip(f"PostgreSQL at {PG_URL} unreachable: {exc}")
            asyncio.run(_prepare(seeded_url, folder, True))
            asyncio.run(_prepare(blank_url, folder, False))
            built.touch()
    yield Backend(name, seeded_url, blank_url)
    # The controlling process drops the templates once every worker is done (pytest_sessionfinish).


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

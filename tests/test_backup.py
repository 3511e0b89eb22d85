"""`cbmbot backup FILE` and `cbmbot restore FILE` on both backends: a round trip keeps every row, a
restore refuses a database that is not empty, and a backup taken while reminders are being sent is a
consistent snapshot that restores to the same rows."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from pathlib import Path

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot.app import App
from bot.cli import main
from bot.reminders.dispatcher import ReminderDispatcher
from bot.services.contacts import ContactDraft
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR, Principal
from storage.engine import make_engine
from storage.models import AuditEntry, Base, Contact, Event, Reminder, ReminderDelivery
from storage.ops import backup, restore
from tests.conftest import PG_URL, _pg_admin

UTC = dt.UTC


async def empty_database(backend, tmp_path: Path) -> str:
    """A database with no tables at all (what `restore` wants)."""
    if backend.name == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / f'restored-{uuid.uuid4().hex[:6]}.sqlite3'}"
    name = f"cbmbot_r_{uuid.uuid4().hex[:12]}"
    await _pg_admin(f'CREATE DATABASE "{name}"')
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


async def rows(url: str, tables=None) -> dict[str, list[tuple]]:
    """Every row of every table (or of ``tables``), ordered by primary key."""
    engine = make_engine(url)
    out: dict[str, list[tuple]] = {}
    try:
        async with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                if tables is not None and table.name not in tables:
                    continue
                query = select(table).order_by(*table.primary_key.columns)
                out[table.name] = [tuple(r) for r in (await connection.execute(query)).all()]
    finally:
        await engine.dispose()
    return out


async def fill(app: App, now: dt.datetime) -> None:
    """Events, contacts, reminders and audit rows of our own on top of the seed."""
    event = await app.events.create(
        EventDraft(
            title="Backup drill workshop",
            kind="workshop",
            start=dt.datetime(2027, 2, 3, 9, 0, tzinfo=app.settings.zone),
            end=None,
            timezone=app.settings.timezone,
            location="Vienna",
            countries=["Austria"],
            cbms=[8],
        ),
        OPERATOR,
        now,
    )
    await app.contacts.add(
        ContactDraft(country="Austria", name="Erika Muster", type="technical", email="erika@example.org"),
        OPERATOR,
        now,
    )
    await app.reminders.remind_me(Principal("cli:ana", "ana"), "2027-01-05T08:00Z", "prepare", now)
    await app.events.cancel(event.id, "moved online", OPERATOR, now)


def run_cli(monkeypatch, url: str, data_dir: Path, *argv: str) -> int:
    monkeypatch.setenv("CBMBOT_DATABASE_URL", url)
    monkeypatch.setenv("CBMBOT_DATA_DIR", str(data_dir))
    return main(list(argv))


async def test_round_trip_keeps_every_row(app, settings, backend, tmp_path, monkeypatch, capsys, now):
    await fill(app, now)
    await app.close()
    source = str(settings.database_url)
    before = await rows(source)
    for table in ("events", "contacts", "reminders", "reminder_deliveries", "audit_log"):
        assert before[table], f"no rows in {table}"

    file = tmp_path / "cbmbot.backup"
    code = await asyncio.to_thread(run_cli, monkeypatch, source, tmp_path, "backup", str(file))
    assert code == 0, capsys.readouterr().err
    target = await empty_database(backend, tmp_path)
    try:
        code = await asyncio.to_thread(run_cli, monkeypatch, target, tmp_path, "restore", str(file))
        assert code == 0, capsys.readouterr().err
        assert await rows(target) == before
        # A second restore into the now full database is refused, naming the reason; nothing changes.
        code = await asyncio.to_thread(run_cli, monkeypatch, target, tmp_path, "restore", str(file))
        err = capsys.readouterr().err
        assert code == 2 and "not empty" in err and "Traceback" not in err
        assert await rows(target) == before
        # The restored database serves: the app opens it (schema at head) and reads the contact.
        restored = App(settings.model_copy(update={"database_url": target}))
        try:
            await restored.check_schema()
            names = [c.name for c in await restored.contacts.list(OPERATOR, now, country="Austria")]
            assert "Erika Muster" in names
        finally:
            await restored.close()
    finally:
        await backend.drop(target)


async def test_restore_refuses_a_foreign_or_unreadable_file(settings, backend, tmp_path, monkeypatch, capsys):
    target = await empty_database(backend, tmp_path)
    try:
        junk = tmp_path / "junk.bin"
        junk.write_bytes(b"not a backup at all")
        code = await asyncio.to_thread(run_cli, monkeypatch, target, tmp_path, "restore", str(junk))
        assert code == 2 and "neither a SQLite backup nor a pg_dump" in capsys.readouterr().err
        code = await asyncio.to_thread(
            run_cli, monkeypatch, target, tmp_path, "restore", str(tmp_path / "missing.backup")
        )
        assert code == 2 and "cannot read" in capsys.readouterr().err
        # A backup of the other backend's kind is refused with the reason.
        other = tmp_path / "other.backup"
        other.write_bytes(
            b"PGDMP" + b"\0" * 64 if backend.name == "sqlite" else b"SQLite format 3\0" + b"\0" * 84
        )
        code = await asyncio.to_thread(run_cli, monkeypatch, target, tmp_path, "restore", str(other))
        assert code == 2 and "restore it into a" in capsys.readouterr().err
        engine = make_engine(target)
        try:
            from storage.ops import table_names

            assert await table_names(engine) == []  # nothing was written
        finally:
            await engine.dispose()
    finally:
        await backend.drop(target)


async def test_backup_into_a_missing_folder_is_refused(settings, tmp_path, monkeypatch, capsys, backend):
    code = await asyncio.to_thread(
        run_cli, monkeypatch, str(settings.database_url), tmp_path, "backup", str(tmp_path / "no/such/x.bak")
    )
    assert code == 2 and "does not exist" in capsys.readouterr().err


class GatedSender:
    """Sends go out until `after` of them did; the rest wait for `gate` (opened once the backup began)."""

    def __init__(self, after: int) -> None:
        self.sent = 0
        self.after = after
        self.started = asyncio.Event()
        self.gate = asyncio.Event()

    async def send(self, message: object) -> None:
        if self.sent >= self.after:
            self.started.set()
            await self.gate.wait()
        await asyncio.sleep(0.001)
        self.sent += 1


class NoLock:
    async def acquire(self) -> bool:
        return True

    async def renew(self) -> bool:
        return True

    def valid(self, margin: float = 0.0) -> bool:
        return True

    async def release(self) -> None:
        return None


@pytest.mark.slow
async def test_backup_while_reminders_are_sent_restores_to_the_same_rows(app, backend, tmp_path, now):
    await fill(app, now)
    due = now + dt.timedelta(hours=2)
    for user in range(12):
        person = Principal(f"cli:user{user}", f"user{user}")
        for n in range(20):
            # Half fall due at `due`, half an hour later.
            at = (due + dt.timedelta(minutes=30 * (n % 2), seconds=n)).isoformat()
            await app.reminders.remind_me(person, at, f"note {n}", now)
    source = str(app.settings.database_url)
    async with app.db() as session:
        total = len((await session.execute(select(ReminderDelivery.id))).all())
    assert total == 241  # and the one of fill(), due in January

    def dispatcher(sender, clock):
        return ReminderDispatcher(
            app, AsyncIOScheduler(), sender=lambda: sender, leadership=NoLock(), clock=lambda: clock
        )

    # The first half is sent and recorded; the second half is being sent when the backup is taken.
    first = GatedSender(after=10**6)
    await dispatcher(first, due + dt.timedelta(minutes=1)).drain()
    assert first.sent == 120
    sender = GatedSender(after=40)
    sending = asyncio.create_task(dispatcher(sender, due + dt.timedelta(minutes=31)).drain())
    await asyncio.wait_for(sender.started.wait(), 60)
    file = tmp_path / "during.backup"
    copying = asyncio.create_task(backup(source, file))
    await asyncio.sleep(0)
    sender.gate.set()  # sending and recording go on while the copy is made
    await copying
    await sending
    assert sender.sent == 120
    await app.close()

    target = await empty_database(backend, tmp_path)
    engine = make_engine(target)
    try:
        await restore(target, engine, file)
        await engine.dispose()
        snapshot = await rows(target)
        final = await rows(source)
        # What sending does not touch is the same, row for row.
        for table in ("events", "contacts", "audit_log", "event_countries", "countries"):
            assert snapshot[table] == final[table], table
        # Reminders differ only in `active`, which the send's transaction clears with the delivery's state.
        reminder_cols = [c.name for c in Reminder.__table__.columns]
        active, kind = reminder_cols.index("active"), reminder_cols.index("kind")
        strip = lambda r: r[:active] + r[active + 1 :]  # noqa: E731
        assert [strip(r) for r in snapshot["reminders"]] == [strip(r) for r in final["reminders"]]
        # Every delivery is there, each in a state it really passed through on the way to its final one.
        columns = [c.name for c in ReminderDelivery.__table__.columns]
        status, sent_at = columns.index("status"), columns.index("sent_at")
        key = lambda r: r[0]  # noqa: E731
        then = {key(r): r for r in snapshot["reminder_deliveries"]}
        later = {key(r): r for r in final["reminder_deliveries"]}
        assert then.keys() == later.keys()
        states = {then[k][status] for k in then}
        assert states <= {"pending", "claimed", "sent", "late"}
        assert sum(then[k][status] in ("sent", "late") for k in then) >= 120  # the first half at least
        for k, row in then.items():
            if row[status] in ("sent", "late"):
                assert row == later[k]  # a recorded send is recorded identically
            else:
                assert row[sent_at] is None
        # A copy torn between the two updates of one transaction would break this: a one-off reminder is
        # inactive exactly when its delivery was recorded as sent.
        reminder_of = columns.index("reminder_id")
        done = {row[reminder_of] for row in then.values() if row[status] in ("sent", "late")}
        for r in snapshot["reminders"]:
            if r[kind] == "personal_free":
                assert r[active] == (r[0] not in done), r
        # And a backup of the settled database restores to exactly its rows.
        settled = tmp_path / "after.backup"
        await backup(source, settled)
        again = await empty_database(backend, tmp_path)
        engine2 = make_engine(again)
        try:
            await restore(again, engine2, settled)
        finally:
            await engine2.dispose()
        assert await rows(again) == final
        await backend.drop(again)
    finally:
        await engine.dispose()
        await backend.drop(target)


def test_models_cover_what_the_round_trip_checks():
    # The round trip compares every table of the models; these are the ones the issue names.
    names = {t.name for t in Base.metadata.sorted_tables}
    for model in (Event, Contact, Reminder, ReminderDelivery, AuditEntry):
        assert model.__tablename__ in names

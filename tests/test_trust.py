"""Trust boundaries with the real handlers (issue 9's findings), on SQLite and PostgreSQL: another server's
Administrator, role names, private commands sent as channel mentions, huge numbers, CBMBOT_GUILD_IDS, the
audit log's origin and one active feed token per person."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from bot.console import CONSOLE_USER, handle_line
from bot.services.contacts import ContactDraft
from bot.services.principal import OPERATOR, Principal, Role
from bot.settings import SettingsError, load_settings
from storage.models import AuditEntry, FeedToken, Follow, Reminder
from storage.repositories import AuditRepository
from tests.helpers import CHANNEL_ID, GUILD_ID, OTHER_GUILD_ID, make_bot, run_mention, run_slash

SECRET = ("Kati Tamm", "kati.tamm@example.ee", "+372 600 0000")


@pytest.fixture
async def contacts(app, now):
    await app.contacts.add(
        ContactDraft(country="Estonia", name="Kati Tamm", type="technical", email="kati.tamm@example.ee",
                     phone="+372 600 0000", last_verified=dt.date(2026, 3, 1)),
        OPERATOR,
        now,
    )  # fmt: skip
    return app


async def _count(app, model, *where) -> int:
    async with app.db() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def _audit(app, action=None):
    async with app.db() as session:
        return await AuditRepository(session).recent(100, action)


def _leaks(text: str) -> bool:
    return any(secret in text for secret in SECRET)


# ------------------------------------------------------------------------- any server's admin is not ours


async def test_another_servers_administrator_gets_public_answers_only(contacts, now):
    bot = await make_bot(contacts)
    event = (await contacts.events.list(now, page_size=1)).events[0]
    outsider = {"where": "other", "admin": True, "roles": ("directory", "organiser"), "user_id": 666}
    for message in ("/contact country:Estonia", "/contacts missing", "/audit"):
        sent = await run_slash(bot, message, **outsider)
        assert sent[0].ephemeral and not _leaks(sent[0].text), message
        assert "role" in sent[0].text or "admins" in sent[0].text
    sent = await run_slash(bot, '/ask question:"Who is Estonia\'s technical point of contact?"', **outsider)
    assert not _leaks(sent[0].text)
    sent = await run_slash(bot, f"/event cancel id:{event.id}", **outsider)
    assert "organiser role" in sent[0].text
    assert (await contacts.events.get(event.id)).status == "scheduled"
    sent = await run_slash(bot, "/settings directory-role role:900000000000000212", **outsider)
    assert "for admins" in sent[0].text
    assert (await contacts.guilds.get(OTHER_GUILD_ID)).directory_role_id is None
    # public reads work there
    sent = await run_slash(bot, f"/event show id:{event.id}", **outsider)
    assert event.title in sent[0].text
    # the same person in the trusted server, with the configured role, sees the contact (privately)
    sent = await run_slash(bot, "/contact country:Estonia", roles=("directory",), user_id=666)
    assert sent[0].ephemeral and "Kati Tamm" in sent[0].text


async def test_direct_messages_grant_nothing(contacts):
    bot = await make_bot(contacts)
    sent = await run_slash(bot, "/contact country:Estonia", where="dm", admin=True, roles=("directory",))
    assert not _leaks(sent[0].text) and "directory role" in sent[0].text


async def test_a_role_named_directory_that_no_admin_configured_shows_nothing(contacts):
    bot = await make_bot(contacts, configure_roles=False)
    for roles in (("directory",), ("organiser",)):
        sent = await run_slash(bot, "/contact country:Estonia", roles=roles)
        assert sent[0].ephemeral and not _leaks(sent[0].text) and "directory role" in sent[0].text
    sent = await run_slash(bot, "/event add title:T kind:meeting start:2027-01-05", roles=("organiser",))
    assert "organiser role" in sent[0].text


async def test_admin_comes_from_manage_server_in_a_trusted_server_only(contacts):
    bot = await make_bot(contacts)
    sent = await run_slash(bot, "/audit", admin=True)
    assert (sent[0].ephemeral and "Audit" in sent[0].text) or "audit" in sent[0].text.lower()
    assert "for admins" not in sent[0].text


# ------------------------------------------------------------------------ private commands in public


@pytest.mark.parametrize(
    "message",
    ["/feed", "/feed reset", "/event follow id:{id}", "/remind me when:2027-01-01T10:00Z text:secret plan"],
)
async def test_private_commands_sent_as_a_mention_are_not_carried_out(app, now, message):
    bot = await make_bot(app)
    event = (await app.events.list(now, page_size=1)).events[0]
    person = Principal("discord:4242", "member")
    token = await app.feeds.issue_token(person, now) if message == "/feed reset" else None
    before = [await _count(app, m) for m in (FeedToken, Follow, Reminder, AuditEntry)]
    sent = await run_mention(bot, message.format(id=event.id))
    assert len(sent) == 1
    assert "use the slash command" in sent[0].content and "/feeds/private/" not in sent[0].content
    # nobody pinged (Discord: replied_user is false unless given)
    assert sent[0].allowed_mentions == {"parse": []}
    assert [await _count(app, m) for m in (FeedToken, Follow, Reminder, AuditEntry)] == before
    if token is not None:
        assert await app.feeds.private_scope(token) is not None  # the link still works
    # later, the slash command gives the link (nothing was issued "for nobody")
    if message == "/feed":
        sent = await run_slash(bot, "/feed links")
        assert "/feeds/private/" in sent[0].text and sent[0].ephemeral


async def test_private_commands_in_a_direct_message_work(app):
    bot = await make_bot(app)
    sent = await run_mention(bot, "/feed", where="dm")
    assert "/feeds/private/" in sent[0].text


# ------------------------------------------------------------------------------------------ numbers


@pytest.mark.parametrize("value", ["2147483648", "99999999999999999999999", "9" * 5000, "-1", "٣"])
async def test_huge_ids_are_one_line_refusals_in_chat(app, value):
    text, ok = await handle_line(app, CONSOLE_USER, f"/event show id:{value}")
    assert not ok and "\n" not in text and "Traceback" not in text and "wrong on our side" not in text
    assert "id must be" in text.lower()


async def test_largest_id_the_database_holds_is_simply_not_found(app):
    text, ok = await handle_line(app, CONSOLE_USER, "/event show id:2147483647")
    assert not ok and "wrong on our side" not in text and "2147483647" in text


async def test_huge_ids_are_refused_in_discord(app):
    bot = await make_bot(app)
    for value in ("2147483648", "99999999999999999999999"):
        sent = await run_slash(bot, f"/event show id:{value}")
        assert sent[0].ephemeral and "wrong on our side" not in sent[0].text, sent[0].text
        assert "2147483647" in sent[0].text
    # Discord's own form is bounded too (it refuses out-of-range numbers before sending)
    option = next(p for p in bot.tree.get_command("event").get_command("show").parameters if p.name == "id")
    assert option.max_value == 2**31 - 1 and option.min_value == 1


def test_huge_id_is_exit_2_in_the_cli(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CBMBOT_DATA_DIR": str(tmp_path)}
    for args in (["events", "cancel", "99999999999999999999999"], ["feed", "export", "--cbm", "2147483648"]):
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
        assert "too large" in done.stderr


# --------------------------------------------------------------------------------- CBMBOT_GUILD_IDS


def test_guild_ids_setting(monkeypatch):
    monkeypatch.setenv("CBMBOT_GUILD_IDS", "111, 222,333")
    monkeypatch.setenv("CBMBOT_DISCORD_GUILD_ID", "444")
    settings = load_settings(_env_file=None)
    assert settings.guild_ids == {111, 222, 333, 444}
    assert settings.trusted(222) and settings.trusted(444) and not settings.trusted(555)
    assert not settings.trusted(None)
    monkeypatch.delenv("CBMBOT_GUILD_IDS")
    assert load_settings(_env_file=None).guild_ids == {444}  # the old single variable still works
    monkeypatch.delenv("CBMBOT_DISCORD_GUILD_ID")
    assert load_settings(_env_file=None).guild_ids == frozenset()
    for bad in ("abc", "12,x", "-5", "99999999999999999999999"):
        monkeypatch.setenv("CBMBOT_GUILD_IDS", bad)
        with pytest.raises(SettingsError, match="CBMBOT_GUILD_IDS"):
            load_settings(_env_file=None)


async def test_no_trusted_server_is_said_at_start_and_in_settings_show(app, caplog):
    app.settings.__dict__["guild_ids"] = frozenset()  # as if CBMBOT_GUILD_IDS were unset
    with caplog.at_level(logging.WARNING):
        bot = await make_bot(app)
    warnings = [r for r in caplog.records if "CBMBOT_GUILD_IDS" in r.getMessage()]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    sent = await run_slash(bot, "/settings show")
    assert "CBMBOT_GUILD_IDS is not set" in sent[0].text
    sent = await run_slash(bot, "/audit", admin=True)
    assert "for admins" in sent[0].text  # not even the server's own admin


async def test_settings_show_says_whether_the_server_is_trusted(app):
    bot = await make_bot(app)
    assert "yes (in CBMBOT_GUILD_IDS)" in (await run_slash(bot, "/settings show"))[0].text
    other = await run_slash(bot, "/settings show", where="other")
    assert "not in CBMBOT_GUILD_IDS" in other[0].text


# ------------------------------------------------------------------------------------------- audit


async def test_audit_records_where_an_action_came_from(contacts, now):
    bot = await make_bot(contacts)
    await run_slash(bot, "/contact country:Estonia", roles=("directory",))
    lookup = (await _audit(contacts, "contact.lookup"))[0]
    assert lookup.origin == f"discord guild:{GUILD_ID} channel:{CHANNEL_ID}"
    await handle_line(contacts, CONSOLE_USER, "/contact country:Estonia")
    assert (await _audit(contacts, "contact.lookup"))[0].origin == "console"
    await run_slash(bot, "/event follow id:1", where="dm")
    assert (await _audit(contacts, "event.follow"))[0].origin == "discord dm"
    # /audit shows it
    sent = await run_slash(bot, "/audit action:contact.lookup", admin=True)
    assert (
        f"from discord guild:{GUILD_ID} channel:{CHANNEL_ID}" in sent[0].text
        and "from console" in sent[0].text
    )


def test_cli_actions_are_audited_as_cli(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "CBMBOT_DATA_DIR": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args], env=env, capture_output=True, text=True, timeout=120
        )

    assert run("db", "upgrade").returncode == 0
    assert run("seed").returncode == 0
    added = run("contacts", "add", "--country", "Estonia", "--name", "K T", "--type", "policy")
    assert added.returncode == 0, added.stderr
    import sqlite3

    rows = (
        sqlite3.connect(tmp_path / "cbmbot.sqlite3")
        .execute("SELECT origin, action FROM audit_log")
        .fetchall()
    )
    assert ("cli", "contact.create") in rows


# ------------------------------------------------------------------------------- one active token


async def test_concurrent_feed_requests_leave_one_active_token(app, now):
    person = Principal("discord:77", "racer")
    tokens = await asyncio.gather(*(app.feeds.issue_token(person, now) for _ in range(4)))
    assert sum(t is not None for t in tokens) == 1
    assert await _count(app, FeedToken, FeedToken.user_key == person.key, FeedToken.revoked_at.is_(None)) == 1
    resets = await asyncio.gather(*(app.feeds.issue_token(person, now, replace=True) for _ in range(4)))
    assert all(resets)
    assert await _count(app, FeedToken, FeedToken.user_key == person.key, FeedToken.revoked_at.is_(None)) == 1
    live = [t for t in resets if await app.feeds.private_scope(t) is not None]
    assert len(live) == 1


async def test_the_database_refuses_a_second_active_token(app, now):
    """Enforced by the database itself (partial unique index), not only by the service's check."""
    from sqlalchemy.exc import IntegrityError

    async with app.db.begin() as session:
        session.add(FeedToken(user_key="discord:78", token_hash="a" * 64, created_at=now))
    with pytest.raises(IntegrityError):
        async with app.db.begin() as session:
            session.add(FeedToken(user_key="discord:78", token_hash="b" * 64, created_at=now))
    async with app.db.begin() as session:  # a revoked one may sit beside the active one
        session.add(FeedToken(user_key="discord:78", token_hash="c" * 64, created_at=now, revoked_at=now))


def test_principal_roles_are_what_the_transport_vouched_for():
    assert Principal("discord:1", "x", frozenset({Role.admin})).has(Role.directory)
    assert OPERATOR.origin == "cli" and CONSOLE_USER.origin == "console"


# ------------------------------------------------------------------------------------ migration, sync


async def test_migration_keeps_only_the_newest_active_token(backend, tmp_path):
    """Databases from before the unique index may hold several active tokens for one person: the
    migration keeps the newest active and revokes the others, then the index applies."""
    from alembic import command
    from sqlalchemy import text

    from storage.engine import make_engine
    from storage.migrate import alembic_config, upgrade

    url = await backend.fresh(tmp_path, seeded=False)
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(url), "0006")  # as before this version
        engine = make_engine(url)
        try:
            async with engine.begin() as connection:
                for n, (user, created) in enumerate(
                    [("discord:1", "2026-01-01"), ("discord:1", "2026-02-01"), ("discord:2", "2026-01-01")]
                ):
                    await connection.execute(
                        text(
                            "INSERT INTO feed_tokens (user_key, token_hash, created_at, revoked_at) "
                            "VALUES (:u, :h, :c, NULL)"
                        ),
                        {
                            "u": user,
                            "h": f"{n:064d}",
                            "c": dt.datetime.fromisoformat(created + "T00:00:00+00:00"),
                        },
                    )
            await asyncio.to_thread(upgrade, url)
            async with engine.connect() as connection:
                rows = (
                    await connection.execute(
                        text("SELECT user_key, token_hash, revoked_at IS NULL FROM feed_tokens ORDER BY id")
                    )
                ).all()
        finally:
            await engine.dispose()
    finally:
        await backend.drop(url)
    assert [(u, bool(active)) for u, _h, active in rows] == [
        ("discord:1", False),
        ("discord:1", True),
        ("discord:2", True),
    ]


async def test_slash_commands_are_registered_in_every_trusted_server(app, monkeypatch):
    from bot.discord_client import CbmBot

    app.settings.__dict__["guild_ids"] = frozenset({11, 22})
    synced: list[int | None] = []

    async def sync(self, *, guild=None):
        synced.append(guild.id if guild else None)
        return []

    monkeypatch.setattr(type(CbmBot(app, sync=False).tree), "sync", sync)
    bot = CbmBot(app, sync=True)
    await bot.setup_hook()
    assert sorted(synced) == [11, 22]  # never globally while servers are trusted

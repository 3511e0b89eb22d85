"""Access control for points of contact: through the console (handle_line) and real interaction payloads."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.console import handle_line
from bot.services.contacts import ContactDraft
from bot.services.principal import OPERATOR, Principal, Role
from storage.repositories import AuditRepository
from tests.helpers import make_bot, run_slash

MEMBER = Principal("console:member", "member")
DIRECTORY = Principal("console:dir", "directory member", frozenset({Role.directory}))
ADMIN = Principal("console:admin", "admin", frozenset({Role.admin}))
ASK = "Who is Estonia's technical point of contact?"
SECRET = ("Kati Tamm", "kati.tamm@example.ee", "+372 600 0000")


@pytest.fixture
async def directory(app, now):
    await app.contacts.add(
        ContactDraft(country="Estonia", name="Kati Tamm", type="technical", email="kati.tamm@example.ee",
                     phone="+372 600 0000", last_verified=dt.date(2026, 3, 1)),
        OPERATOR,
        now,
    )  # fmt: skip
    await app.contacts.add(
        ContactDraft(country="Germany", name="Anna Weber", type="policy", last_verified=dt.date(2024, 5, 1)),
        OPERATOR,
        now,
    )
    return app


async def _audit(app, action):
    async with app.db() as session:
        return await AuditRepository(session).recent(100, action)


def _leaks(text: str) -> bool:
    return any(secret in text for secret in SECRET)


# ------------------------------------------------------------------------------------------ console


async def test_console_member_never_sees_contact_details(directory):
    for line in (ASK, f'/ask question:"{ASK}"', "Kontaktstelle von Estland?", "контактное лицо Эстонии"):
        text, ok = await handle_line(directory, MEMBER, line)
        assert ok, line
        assert not _leaks(text), line
        assert "directory role" in text or "directory" in text
    text, ok = await handle_line(directory, MEMBER, "/contact country:Estonia")
    assert not ok and "directory role" in text and not _leaks(text)
    assert await _audit(directory, "contact.lookup") == []  # refused before anything was read


async def test_console_directory_member_sees_details_and_is_audited(directory):
    text, ok = await handle_line(directory, DIRECTORY, ASK)
    assert ok and "Kati Tamm" in text and "kati.tamm@example.ee" in text
    assert "Jaan" not in text
    text, ok = await handle_line(directory, DIRECTORY, "/contact country:Estland type:technical")
    assert ok and "Kati Tamm" in text and "+372 600 0000" in text
    lookups = await _audit(directory, "contact.lookup")
    assert len(lookups) == 2
    assert all(e.actor.startswith("console:dir") for e in lookups)
    assert lookups[0].details["country"] == "Estonia"


async def test_missing_lists_states_without_fresh_contacts(directory):
    text, ok = await handle_line(directory, DIRECTORY, "/contacts missing")
    assert ok
    no_contact, stale = text.split("Not confirmed in the last 12 months")
    assert "Albania" in no_contact and "Estonia" not in text
    assert "Germany (2024-05-01)" in stale
    assert [e.action for e in await _audit(directory, "contact.missing")] == ["contact.missing"]
    text, ok = await handle_line(directory, MEMBER, "/contacts missing")
    assert not ok


async def test_changes_are_for_admins_and_audited(directory):
    text, ok = await handle_line(
        directory, DIRECTORY, '/contacts add country:Austria name:"Max Huber" type:policy'
    )
    assert not ok and "admins" in text
    text, ok = await handle_line(
        directory, ADMIN, '/contacts add country:Austria name:"Max Huber" type:policy'
    )
    assert ok, text
    contact_id = int(text.split("#", 1)[1].split()[0])
    text, ok = await handle_line(directory, ADMIN, f"/contacts edit id:{contact_id} email:not-an-email")
    assert not ok and "not an email address" in text
    text, ok = await handle_line(directory, ADMIN, f"/contacts edit id:{contact_id} email:max@example.at")
    assert ok, text
    text, ok = await handle_line(directory, ADMIN, f"/contacts remove id:{contact_id}")
    assert ok, text
    text, ok = await handle_line(directory, ADMIN, f"/contacts remove id:{contact_id}")
    assert not ok and f"no contact #{contact_id}" in text
    actions = [e.action for e in await _audit(directory, None)][:3]
    assert actions == ["contact.delete", "contact.update", "contact.create"]
    text, ok = await handle_line(directory, ADMIN, "/audit action:contact.update")
    assert ok and "contact.update" in text and "email" in text
    text, ok = await handle_line(directory, DIRECTORY, "/audit")
    assert not ok and "admins" in text


# ------------------------------------------------------------------------------------------ Discord


@pytest.fixture
async def bot(directory):
    client = await make_bot(directory)
    yield client
    await client.close()


async def test_slash_ask_hides_contacts_without_the_role(bot):
    sent = await run_slash(bot, f'/ask question:"{ASK}"')
    assert len(sent) == 1 and not _leaks(sent[0].text)
    assert "directory role" in sent[0].text
    assert sent[0].allowed_mentions == {"parse": []}


async def test_slash_ask_shows_contacts_privately_with_the_role(bot):
    sent = await run_slash(bot, f'/ask question:"{ASK}"', roles=("directory",))
    assert "Kati Tamm" in sent[0].text
    assert sent[0].ephemeral


async def test_slash_contact_is_gated_and_ephemeral(bot):
    refused = await run_slash(bot, "/contact country:Estonia")
    assert refused[0].ephemeral and not _leaks(refused[0].text)
    shown = await run_slash(bot, "/contact country:Estonia", roles=("directory",))
    assert shown[0].ephemeral and "Kati Tamm" in shown[0].text and "kati.tamm@example.ee" in shown[0].text
    assert shown[0].allowed_mentions == {"parse": []}
    audit = await run_slash(bot, "/audit action:contact.lookup", admin=True)
    assert audit[0].ephemeral and "contact.lookup" in audit[0].text and "discord:4242" in audit[0].text


async def test_slash_ask_answers_with_buttons(bot):
    sent = await run_slash(bot, '/ask question:"Welche VBM betrifft Schwachstellen?"', locale="de")
    assert sent[0].embeds[0]["title"].startswith("VBM 16")  # the German abbreviation (issue 12)
    assert "Schwachstellen" in sent[0].text
    assert {b["label"] for b in sent[0].buttons} >= {"VBM 16 vollständig", "VBM 15"}  # the asker's language
    assert not sent[0].ephemeral

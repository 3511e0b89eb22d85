"""End to end: a check over 60 points of contact, started in the console, pinged through the console, Discord
(offline, real payloads) and a real SMTP server; the first process dies in the middle with pings claimed
but not sent; a second one (with Discord) takes over; contacts answer by link and by button; reminders,
escalations, closing and a late answer; the report's counts and times must match what happened."""

from __future__ import annotations

import asyncio
import io
import re
import statistics
from collections import Counter

import pytest

from bot.commchecks.delivery import ConsolePingSender
from bot.commchecks.dispatch import CommCheckDispatcher
from bot.commchecks.report import percentile
from bot.console import CONSOLE_USER, handle_line
from bot.services.principal import OPERATOR
from storage.commchecks import CommCheckRepository, PingResult
from tests.commcheck_support import LINK, Clock, MailHandler, add_contact, served, smtp_server
from tests.conftest import NOW
from tests.helpers import make_bot
from tests.test_commchecks import make_app
from tests.test_commchecks_discord import FakeHTTP, press

pytestmark = pytest.mark.slow

STATES = [
    "Albania", "Andorra", "Armenia", "Austria", "Azerbaijan", "Belarus", "Belgium", "Bulgaria", "Canada",
    "Croatia", "Cyprus", "Denmark", "Estonia", "Finland", "France", "Georgia", "Germany", "Greece", "Hungary",
    "Iceland", "Ireland", "Italy", "Kazakhstan", "Latvia", "Liechtenstein", "Lithuania", "Luxembourg",
    "Malta",
    "Moldova", "Monaco",
]  # fmt: skip
CONSOLE_LINE = re.compile(r"^\[check #(\d+) ping #(\d+) -> (\w+):(\S+) ", re.M)


async def _directory(app) -> dict[int, dict[str, object]]:
    """60 contacts: a policy and a technical one per state; every sixth has only a phone number."""
    people: dict[int, dict[str, object]] = {}
    for i in range(60):
        kind = i % 6
        discord_id = 5000 + i if kind in (0, 2, 4) else None
        address = f"poc{i}@example.org" if kind in (1, 2, 3) else None
        phone = "+43 1 234567" if kind == 5 else None
        contact_id = await add_contact(
            app, STATES[i // 2], f"Contact {i:02d}", "policy" if i % 2 == 0 else "technical",
            email_address=address, discord_id=discord_id, phone=phone,
        )  # fmt: skip
        people[i] = {"id": contact_id, "discord": discord_id, "email": address, "name": f"Contact {i:02d}"}
    return people


async def test_sixty_contacts_console_discord_email_restart_and_report(settings, monkeypatch):
    clock = Clock(NOW)
    with smtp_server(MailHandler()) as (url, handler):
        # ---- process A: the console; starts the check, sends some pings, dies with others claimed
        first = make_app(settings, url, clock)
        console = io.StringIO()
        first.ping_senders["discord"] = ConsolePingSender(console)
        people = await _directory(first)
        text, ok = await handle_line(first, CONSOLE_USER, "/commcheck start scope:all deadline:2h")
        assert ok and "Communication check #1 started: 60 points of contact" in text
        assert "10 have no usable channel" in text
        claimed = await first.commchecks.claim(clock(), "process-a", limit=20)
        results = []
        for message in claimed:
            await first.ping_senders[message.channel].send(message)
            results.append(PingResult(message.ping_id, "sent", clock()))
        await first.commchecks.finish(results, "process-a")
        lost = await first.commchecks.claim(clock(), "process-a", limit=10)  # claimed, never sent
        assert len(lost) == 10
        await first.close()
        printed = CONSOLE_LINE.findall(console.getvalue())
        assert printed and all(channel == "discord" for _, _, channel, _ in printed)
        console_links = dict(
            zip([int(a) for _, _, _, a in printed], LINK.findall(console.getvalue()), strict=True)
        )

        # ---- process B: Discord; takes over as leader and sends everything not recorded
        second = make_app(settings, url, clock)
        bot = await make_bot(second)
        http = FakeHTTP()
        monkeypatch.setattr(bot.http, "request", http.request)
        monkeypatch.setattr(bot, "is_ready", lambda: True)
        worker = CommCheckDispatcher(second, None, leads=lambda: True, clock=clock)
        try:
            await worker.step()
            await worker.step()
            dms = {http.dm_of[channel]: payload for channel, payload in http.messages}
            # every channel of every contact exactly once: console + Discord DMs + e-mails
            discord_people = {p["discord"] for p in people.values() if p["discord"]}
            assert set(dms) | set(console_links) == discord_people
            assert not set(dms) & set(console_links)
            emails = Counter(str(m["To"]) for m in handler.messages)
            assert set(emails) == {p["email"] for p in people.values() if p["email"]}
            assert set(emails.values()) == {1}

            # ---- answers: links at +10 min (e-mail and console), buttons at +20 min
            t0 = clock()
            by_email = {p["email"]: i for i, p in people.items() if p["email"]}
            by_discord = {p["discord"]: i for i, p in people.items() if p["discord"]}
            answered: dict[int, float] = {}
            clock.advance(minutes=10)
            links = handler.links()
            async with served(second) as client:
                for address in sorted(by_email)[:12]:
                    i = by_email[address]
                    if i in answered:
                        continue
                    response = await client.get(f"/ack/{links[address]}")
                    assert response.status == 200
                    answered[i] = 600.0
                for user_id, token in sorted(console_links.items())[:4]:
                    i = by_discord[user_id]
                    response = await client.get(f"/ack/{token}")
                    assert response.status == 200
                    answered.setdefault(i, 600.0)
            clock.advance(minutes=10)
            for user_id in sorted(dms)[:6]:
                payload = dms[user_id]
                custom_id = next(
                    c["custom_id"] for row in payload["components"] for c in row["components"]
                    if c.get("custom_id", "").startswith("cbm:ack:")
                )  # fmt: skip
                replies = await press(bot, payload, custom_id, user_id)
                assert replies[0].ephemeral
                answered.setdefault(by_discord[user_id], 1200.0)

            # ---- chasing: half, three quarters, deadline; then one late answer
            clock.advance(minutes=40)  # +60
            await worker.step()
            reminded = [m for m in handler.messages if m["Subject"].startswith("⟳ ")]
            reminded_dm = [p for _, p in http.messages if p["embeds"][0]["title"].startswith("⟳ ")]
            unanswered_reachable = [
                i for i, p in people.items() if i not in answered and (p["email"] or p["discord"])
            ]
            expected = sum(
                bool(people[i]["email"]) + bool(people[i]["discord"]) for i in unanswered_reachable
            )
            assert len(reminded) + len(reminded_dm) == expected
            clock.advance(minutes=30)  # +90
            await worker.step()
            escalated = [m for m in handler.messages if m["Subject"].startswith("⟳⟳")]
            assert escalated  # colleagues of the unanswered were asked
            clock.advance(minutes=31)  # +121: closed
            await worker.step()
            late_address = next(a for a in sorted(by_email) if by_email[a] not in answered)
            late_i = by_email[late_address]
            async with served(second) as client:
                own = next(  # their reminder (an escalation to them would answer for a colleague)
                    m for m in handler.messages
                    if str(m["To"]) == late_address and m["Subject"].startswith("⟳ ")
                )  # fmt: skip
                token = LINK.search(own.get_body(preferencelist=("plain",)).get_content()).group(1)
                response = await client.get(f"/ack/{token}")
                assert response.status == 200

            # ---- the report matches what happened
            report = (await second.commchecks.report(1, OPERATOR)).as_json()
            assert report["status"] == "closed"
            assert report["undeliverable"] == 10
            assert report["acknowledged"] == len(answered)
            assert report["late"] == 1
            assert report["unanswered"] == 60 - 10 - len(answered) - 1
            assert report["sent"] == 50
            rows = {c["name"]: c for c in report["contacts"]}
            for i, seconds in answered.items():
                assert rows[people[i]["name"]]["seconds"] == seconds, people[i]
            assert rows[people[late_i]["name"]]["status"] == "late"
            assert rows[people[late_i]["name"]]["seconds"] == 121 * 60
            assert report["median_seconds"] == statistics.median([*answered.values(), 121 * 60.0])
            assert report["p90_seconds"] == percentile(sorted([*answered.values(), 121 * 60.0]), 0.9)
            assert t0 == NOW
            async with second.db() as session:
                pings = await CommCheckRepository(session).pings(1)
            assert not [p for p in pings if p.status in ("pending", "claimed")]
            chart = await asyncio.to_thread((await second.commchecks.report(1, OPERATOR)).chart)
            assert chart.startswith(b"\x89PNG")
        finally:
            await bot.close()
            await second.close()

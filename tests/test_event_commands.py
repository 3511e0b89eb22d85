"""Event and settings commands through the console path (as `cbmbot chat`) and through real interaction
payloads offline (organiser vs plain member)."""

from __future__ import annotations

import re

import discord
import pytest
from sqlalchemy import select

from bot.console import handle_line
from bot.services.principal import Principal, Role
from storage.models import AuditEntry, Event
from tests.helpers import (
    GUILD_ID,
    interaction_payload,
    make_bot,
    press_button,
    recording,
    run_autocomplete,
    run_slash,
)

ORGANISER = Principal("cli:olga", "olga", frozenset({Role.organiser}))
MEMBER = Principal("cli:max", "max")


async def chat(app, message, who=ORGANISER):
    return await handle_line(app, who, message, transport="cli")


def new_id(text: str) -> int:
    return int(re.search(r"Added event #(\d+)", text).group(1))


async def test_console_organiser_adds_edits_cancels_with_natural_dates(app):
    text, ok = await chat(
        app,
        '/event add title:"Tabletop exercise" kind:workshop start:"next tuesday 10:00" end:12:30 '
        'countries:"Austria, Schweiz" cbms:"3, CBM 8" location:Vienna',
    )
    assert ok, text
    event_id = new_id(text)
    assert "Tue 24 Nov 2026, 10:00 CET – 12:30 (Europe/Vienna)" in text
    assert "Austria, Switzerland" in text and "CBM 3, CBM 8" in text

    text, ok = await chat(app, f'/event edit id:{event_id} start:"3 March 14:30" location:-')
    assert ok, text
    assert "Wed 3 Mar 2027, 14:30 CET – 17:00" in text  # the length (2.5 h) is kept
    assert "change 1" in text and "place not given" in text

    text, ok = await chat(app, f"/event cancel id:{event_id} reason:snow")
    assert ok and "cancelled" in text
    text, ok = await chat(app, f"/event show id:{event_id}")
    assert "cancelled: snow" in text

    async with app.db() as session:
        actions = (
            await session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == str(event_id)))
        ).all()
    assert actions == ["event.create", "event.update", "event.cancelled"]


async def test_console_all_day_and_bad_input_messages(app):
    text, ok = await chat(app, "/event add title:Visit kind:study_visit start:tomorrow timezone:Asia/Tokyo")
    assert ok and "Mon 23 Nov 2026" in text
    cases = {
        '/event add title:X kind:workshop start:"29 March 2026 02:30"': "does not exist in Europe/Vienna",
        '/event add title:X kind:workshop start:"2026-10-25 02:30"': "happens twice",
        "/event add title:X kind:workshop start:1850-01-01": "outside the years 1900-2100",
        "/event add title:X kind:workshop start:tomorrow timezone:Mars/Base": "nknown time zone",
        "/event add title:X kind:party start:tomorrow": "ind must be one of",
        "/event add title:X kind:workshop start:tomorrow cbms:42": "nknown CBM 42",
        "/event add title:X kind:workshop start:tomorrow countries:Atlantis": "Atlantis",
        "/event add title:X kind:workshop start:2026-12-05 end:2026-12-01": "efore the start",
        f"/event add title:{'x' * 201} kind:workshop start:tomorrow": "at most 200",
    }
    for message, expected in cases.items():
        text, ok = await chat(app, message)
        assert not ok and expected in text, (message, text)
    async with app.db() as session:
        titles = (await session.scalars(select(Event.title).where(Event.title == "X"))).all()
    assert titles == []


async def test_member_cannot_change_events(app):
    for message in ("/event add title:X kind:workshop start:tomorrow", "/event edit id:1 title:Y",
                    "/event cancel id:1", "/event participants id:1 add:Austria"):  # fmt: skip
        text, ok = await chat(app, message, MEMBER)
        assert not ok and "organiser role" in text


async def test_list_filters_search_pages_and_follow(app):
    text, ok = await chat(app, "/event list page:1", MEMBER)
    assert ok and "page 1 of 2" in text and "/event list page:2" in text
    text, ok = await chat(app, "/event list page:2", MEMBER)
    assert ok and "page 2 of 2" in text
    text, ok = await chat(app, "/event list kind:conference year:2019 month:6", MEMBER)
    assert ok and "1 event)" in text and "Bratislava" in text
    text, ok = await chat(app, "/event list page:9", MEMBER)
    assert not ok and "only 2 pages" in text
    text, ok = await chat(app, "/event search query:confrence", MEMBER)
    assert ok and "Events matching" in text and "#" in text
    text, ok = await chat(app, "/event follow id:1", MEMBER)
    assert ok and "You now follow event #1" in text
    text, ok = await chat(app, "/event following", MEMBER)
    assert ok and "#1 " in text
    text, ok = await chat(app, "/event unfollow id:1", MEMBER)
    assert ok and "no longer follow" in text


async def test_participants_command(app):
    text, ok = await chat(app, '/event participants id:1 add:"Österreich, Finland" remove:Armenia')
    assert ok, text
    assert "added Austria, Finland; removed Armenia" in text


# ------------------------------------------------------------------------------------------ Discord


@pytest.fixture
async def bot(app):
    client = await make_bot(app)
    yield client
    await client.close()


async def test_slash_organiser_adds_member_is_refused(bot, app):
    message = '/event add title:"Hello @everyone <@&900000000000000101>" kind:workshop start:"3 March 14:30"'
    refused = await run_slash(bot, message)
    assert refused[0].ephemeral and "organiser role" in refused[0].content
    sent = await run_slash(bot, message, roles=("organiser",))
    reply = sent[0]
    assert not reply.ephemeral and reply.allowed_mentions == {"parse": []}
    title = reply.embeds[0]["title"]
    assert "@everyone" not in title and "@\u200beveryone" in title  # shown, never a ping
    assert "<@&\u200b900000000000000101>" in title
    assert "<@&900000000000000101>" not in reply.text
    assert "<t:" in reply.text  # Discord timestamps
    event_id = int(re.search(r"#(\d+)", title).group(1))
    edited = await run_slash(bot, f"/event edit id:{event_id} title:Renamed", roles=("organiser",))
    assert "Changed title" in edited[0].text
    cancelled = await run_slash(bot, f"/event cancel id:{event_id}", admin=True)
    assert "cancelled" in cancelled[0].text
    member = await run_slash(bot, f"/event postpone id:{event_id}")
    assert member[0].ephemeral and "organiser role" in member[0].content


async def test_slash_list_pages_with_buttons(bot):
    sent = await run_slash(bot, "/event list", user_id=55)
    assert "page 1 of 2" in sent[0].text
    pressed = await press_button(bot, sent[0], "Next ▶", user_id=55)
    assert pressed[0].kind == "edit" and "page 2 of 2" in pressed[0].text
    back = await press_button(bot, pressed[0], "◀ Previous", user_id=55)
    assert "page 1 of 2" in back[0].text


async def test_slash_search_with_typo_and_timezone_autocomplete(bot):
    sent = await run_slash(bot, "/event search query:Bejing")
    assert "Beijing" in sent[0].text
    choices = await run_autocomplete(
        bot, "/event add title:x kind:workshop start:x timezone:vienna", "timezone"
    )
    assert [c["value"] for c in choices] == ["Europe/Vienna"]
    choices = await run_autocomplete(bot, '/event participants id:1 add:"Austria, Schwei"', "add")
    assert choices[0]["value"] == "Austria, Switzerland"


async def _slash_with_roles(bot, message, role_ids, resolved=None):
    payload = interaction_payload(bot, message)
    payload["member"]["roles"] = [str(r) for r in role_ids]
    if resolved:
        payload["data"]["resolved"] = resolved
    with recording() as adapter:
        interaction = discord.Interaction(data=payload, state=bot._connection)
        await bot.tree._call(interaction)
    return adapter.sent


def _role_data(role_id):
    return {"id": str(role_id), "name": "Event crew", "permissions": "0", "position": 5, "color": 0,
            "hoist": False, "managed": False, "mentionable": False}  # fmt: skip


async def test_settings_configured_role_grants_organiser(bot, app):
    guild = bot.get_guild(GUILD_ID)
    custom = 900_000_000_000_000_555
    guild._add_role(discord.Role(guild=guild, state=bot._connection, data=_role_data(custom)))
    add = "/event add title:Crew kind:meeting start:tomorrow"
    assert "organiser role" in (await _slash_with_roles(bot, add, [custom]))[0].content

    role_data = {"roles": {str(custom): _role_data(custom)}}
    refused = await _slash_with_roles(bot, f"/settings organiser-role role:{custom}", [], role_data)
    assert refused[0].ephemeral and "for admins" in refused[0].content
    sent = await run_slash(bot, "/settings timezone zone:Asia/Tokyo", admin=True)
    assert "Time zone set" in sent[0].text
    payload = interaction_payload(bot, f"/settings organiser-role role:{custom}", admin=True)
    payload["data"]["resolved"] = role_data
    with recording() as adapter:
        await bot.tree._call(discord.Interaction(data=payload, state=bot._connection))
    assert "Organiser role set" in adapter.sent[0].text

    added = await _slash_with_roles(bot, add, [custom])
    assert "Added event" in added[0].text
    event_id = int(re.search(r"Added event #(\d+)", added[0].text).group(1))
    event = await app.events.get(event_id)
    assert event.timezone == "Asia/Tokyo"  # read in the guild's zone

    shown = await run_slash(bot, "/settings show")
    assert f"<@&{custom}>" in shown[0].text or "Event crew" in shown[0].text
    assert "Asia/Tokyo" in shown[0].text


async def test_settings_refused_outside_a_guild(app):
    text, ok = await chat(
        app, "/settings timezone zone:Europe/Vienna", Principal("cli:a", "a", frozenset(Role))
    )
    assert not ok and "Discord server" in text


async def test_mention_path_also_grants_configured_roles(bot, app):
    from types import SimpleNamespace

    from cogs.mentions import principal_for_message

    guild = bot.get_guild(GUILD_ID)
    custom = 900_000_000_000_000_556
    guild._add_role(discord.Role(guild=guild, state=bot._connection, data=_role_data(custom)))
    member = discord.Member(
        data={
            "user": {"id": "4243", "username": "m", "discriminator": "0", "avatar": None},
            "roles": [str(custom)],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
        },
        guild=guild,
        state=bot._connection,
    )
    message = SimpleNamespace(author=member)
    assert not principal_for_message(message, bot).has(Role.organiser)
    await app.guilds.set(
        GUILD_ID, "organiser_role", custom, Principal("cli:a", "a", frozenset(Role)), app.now()
    )
    assert principal_for_message(message, bot).has(Role.organiser)


async def test_event_show_names_publishers_never_our_files_and_lists_name_their_filters(bot, app):
    """/event show's source is the publisher the note names ("seed 000; facts.md (Events)" names none: then
    "published reports"), as the answers say it; a note on an unconfirmed year is said in the reader's words;
    a listing's title names its filters in the reader's language."""
    study_visit = next(e for e in (await app.events.list(app.now(), when="past", page_size=50)).events
                       if e.approximate and e.source and "seed" in e.source)  # fmt: skip
    for lang in ("en", "de"):
        shown = (await run_slash(bot, f"/event show id:{study_visit.id}", locale=lang))[0]
        text = "\n".join(f"{f['name']}: {f['value']}" for f in shown.embeds[0]["fields"])
        assert "seed" not in text and "facts.md" not in text, text
    assert (
        "veröffentlichte Berichte über die Veranstaltung" in text and "Die Quellen nennen kein Jahr" in text
    )
    assert "The source gives only" not in text
    listing = (await run_slash(bot, "/event past country:Austria cbm:8", locale="de"))[0]
    assert listing.embeds[0]["title"] == "Vergangene Veranstaltungen (Österreich · VBM 8)"
    listing = (await run_slash(bot, "/event past country:Austria cbm:8"))[0]
    assert listing.embeds[0]["title"] == "Past events (country Austria, cbm 8)"

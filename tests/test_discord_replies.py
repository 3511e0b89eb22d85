"""Discord replies that keep working (issue 13): buttons pressed on a bot built afresh from the same database
(a restart), answers in time through the defer, Discord's pickers, /help per transport. All through real
interaction payloads (tests/helpers.py)."""

from __future__ import annotations

import asyncio
import re

import discord
import pytest
from sqlalchemy import delete

from bot.app import App
from bot.commands import REGISTRY
from bot.commands.base import Button, Reply
from bot.console import make_context
from bot.services.principal import OPERATOR, Principal, Role
from cogs import buttons as buttons_module
from cogs.adapter import make_view
from storage.models import Event
from tests.conftest import NOW
from tests.helpers import (
    CHANNEL_ID,
    GUILD_ID,
    Sent,
    interaction_payload,
    make_bot,
    press_button,
    recording,
    run_slash,
)

ROLE = 900_000_000_000_000_777
USER = 900_000_000_000_000_555


@pytest.fixture
async def bot(app):
    client = await make_bot(app)
    yield client
    await client.close()


@pytest.fixture
async def restart(settings):
    """A second bot, built afresh on the same database: what runs after a restart."""
    made: list[tuple[App, discord.Client]] = []

    async def build():
        fresh_app = App(settings, clock=lambda: NOW)
        fresh_bot = await make_bot(fresh_app)
        made.append((fresh_app, fresh_bot))
        return fresh_bot

    yield build
    for fresh_app, fresh_bot in made:
        await fresh_bot.close()
        await fresh_app.close()


def one_button(label: str, custom_id: str) -> Sent:
    """A message the bot sent (maybe long ago) with one button."""
    button = {"type": 2, "style": 2, "label": label, "custom_id": custom_id}
    return Sent("callback", {"components": [{"type": 1, "components": [button]}]}, message_id=5)


def custom_ids(sent: Sent) -> list[str]:
    return [b["custom_id"] for b in sent.buttons]


# ------------------------------------------------------------------------------------------ buttons


async def test_every_button_carries_its_action_and_fits_discord(bot):
    sent = (await run_slash(bot, "/event past", user_id=77))[0]
    ids = custom_ids(sent)
    assert ids and all(len(i) <= 100 for i in ids)
    assert all(i.startswith("cbm1:") for i in ids)
    assert any(i.startswith("cbm1:r:") and i.endswith("/event past page:2") for i in ids)  # paging, owner
    assert not bot._connection._view_store._views  # nothing to remember in memory: the id says it all


async def test_paging_works_after_a_restart_for_its_owner_and_privately_for_others(bot, restart):
    first = (await run_slash(bot, "/event past", user_id=77))[0]
    fresh = await restart()
    pressed = await press_button(fresh, first, "Next ▶", user_id=77)
    assert pressed[0].kind == "edit" and "page 2 of 2" in pressed[0].text
    back = await press_button(fresh, pressed[0], "◀ Previous", user_id=77)
    assert back[0].kind == "edit" and "page 1 of 2" in back[0].text
    other = await press_button(fresh, first, "Next ▶", user_id=78)
    assert other[0].kind != "edit" and other[0].ephemeral and "page 2 of 2" in other[0].text


async def test_each_kind_of_button_works_after_a_restart(bot, restart, app):
    fresh = await restart()
    cbm = (await run_slash(bot, "/cbm number:8"))[0]
    nxt = await press_button(fresh, cbm, "CBM 9 ▶", user_id=4242)
    assert nxt[0].kind == "edit" and nxt[0].embeds[0]["title"].startswith("CBM 9")
    all_cbms = await press_button(fresh, cbm, "All CBMs")
    assert all_cbms[0].ephemeral and "CBM 16" in all_cbms[0].text

    listing = (await run_slash(bot, "/event past"))[0]
    show_label = next(b["label"] for b in listing.buttons if b["label"].startswith("#"))
    shown = await press_button(fresh, listing, show_label)
    assert shown[0].ephemeral and shown[0].embeds[0]["title"].startswith(show_label)

    added = (
        await run_slash(
            bot, "/event add title:Drill kind:meeting start:2026-12-10T10:00", roles=("organiser",)
        )
    )[0]
    event_id = int(re.search(r"Added event #(\d+)", added.text).group(1))
    followed = await press_button(fresh, added, "Follow", user_id=4242)
    assert followed[0].ephemeral and f"#{event_id}" in followed[0].text
    unfollowed = await press_button(fresh, followed[0], "Unfollow", user_id=4242)
    assert unfollowed[0].ephemeral and f"#{event_id}" in unfollowed[0].text

    directory = (await run_slash(bot, "/contact country:Austria", roles=("directory",)))[0]
    if directory.buttons:
        gaps = await press_button(fresh, directory, directory.buttons[0]["label"], roles=("directory",))
        assert gaps and gaps[0].ephemeral


async def test_a_button_runs_with_the_rights_of_who_presses_it(bot, restart):
    directory = await run_slash(bot, "/contacts missing", roles=("directory",))
    reply = Reply(title="x", buttons=[Button("Gaps", "/contacts missing")])
    view = await make_view(bot, reply, 1)
    sent = Sent("callback", {"components": view.to_components()}, message_id=123)
    fresh = await restart()
    refused = await press_button(fresh, sent, "Gaps")
    assert refused[0].ephemeral and "directory" in refused[0].content
    assert directory  # the command itself exists and runs for the directory role


async def test_a_command_too_long_for_the_custom_id_is_kept_and_works_after_a_restart(bot, restart):
    long_query = (
        '/event past kind:conference cbm:8 year:2025 month:11 country:"Bosnia and Herzegovina" page:1'
    )
    view = await make_view(bot, Reply(title="x", buttons=[Button("Again", long_query, replaces=True)]), 77)
    sent = Sent("callback", {"components": view.to_components()}, message_id=321)
    (custom_id,) = custom_ids(sent)
    assert len(custom_id) <= 100 and custom_id.startswith("cbm1:rk:")
    fresh = await restart()
    pressed = await press_button(fresh, sent, "Again", user_id=77)
    assert pressed[0].kind == "edit" and "Past events" in pressed[0].text


async def test_a_button_whose_target_is_gone_says_so(bot, restart, app):
    added = (
        await run_slash(
            bot, "/event add title:Gone kind:meeting start:2026-12-10T10:00", roles=("organiser",)
        )
    )[0]
    event_id = int(re.search(r"Added event #(\d+)", added.text).group(1))
    async with app.db.begin() as session:
        await session.execute(delete(Event).where(Event.id == event_id))
    fresh = await restart()
    pressed = await press_button(fresh, added, "Follow")
    assert pressed[0].ephemeral and f"There is no event #{event_id}" in pressed[0].content
    lost = one_button("Lost", "cbm1:k::" + "0" * 24)
    said = await press_button(fresh, lost, "Lost")
    assert said[0].ephemeral and "no longer knows what to do" in said[0].content
    said = await press_button(fresh, lost, "Lost", locale="de")  # in the presser's language
    assert (
        said[0].content
        == "Diese Schaltfläche weiß nicht mehr, was sie tun soll; führen Sie den Befehl erneut aus."
    )
    pressed = await press_button(fresh, added, "Follow", locale="fr")
    assert pressed[0].content == f"Il n'y a pas d'événement #{event_id}."


async def test_buttons_sent_before_this_version_still_work(restart):
    legacy = one_button("CBM 3", "cbm:0:/cbm number:3")
    fresh = await restart()
    pressed = await press_button(fresh, legacy, "CBM 3")
    assert pressed[0].ephemeral and pressed[0].embeds[0]["title"].startswith("CBM 3")


async def test_the_persistent_base_is_registered_for_other_buttons():
    assert buttons_module.CommandButton in buttons_module.PERSISTENT_BUTTONS
    assert buttons_module.LegacyCommandButton in buttons_module.PERSISTENT_BUTTONS
    assert issubclass(buttons_module.CommandButton, discord.ui.DynamicItem)


# ------------------------------------------------------------------------------------------ in time


async def test_a_handler_slower_than_three_seconds_answers_through_the_defer(bot, app, monkeypatch):
    original = app.knowledge.cbm

    async def slow_cbm(number):
        await asyncio.sleep(3.2)
        return await original(number)

    monkeypatch.setattr(app.knowledge, "cbm", slow_cbm)
    sent = await run_slash(bot, "/cbm number:8")
    assert sent.defers and sent.defers[0][0] == 5 and sent.defers[0][2] < 2.0  # well before Discord's 3 s
    assert not sent.defers[0][1]  # a public answer: a public defer
    assert sent[0].kind == "followup" and sent[0].embeds[0]["title"].startswith("CBM 8")


async def test_a_slow_button_defers_then_edits_its_message(bot, app, monkeypatch):
    first = (await run_slash(bot, "/cbm number:8", user_id=9))[0]
    original = app.knowledge.cbm

    async def slow_cbm(number):
        await asyncio.sleep(3.1)
        return await original(number)

    monkeypatch.setattr(app.knowledge, "cbm", slow_cbm)
    with recording():
        pressed = await press_button(bot, first, "CBM 9 ▶", user_id=9)
    assert pressed[0].kind == "edit" and pressed[0].embeds[0]["title"].startswith("CBM 9")


async def test_a_private_refusal_after_a_public_defer_stays_private(bot, app, monkeypatch):
    async def slow_refusal(number):
        await asyncio.sleep(1.3)
        from bot.errors import NotFound

        raise NotFound("there is no CBM 15 in this test")

    monkeypatch.setattr(app.knowledge, "cbm", slow_refusal)
    sent = await run_slash(bot, "/cbm number:15")
    assert sent.defers and not sent.defers[0][1]
    assert sent.deleted == 1  # the public "thinking…" message goes
    assert sent[-1].ephemeral and "no CBM 15" in sent[-1].content


async def test_settings_that_replan_reminders_defer_at_once_and_privately(bot):
    sent = await run_slash(bot, f"/settings reminders channel:{CHANNEL_ID} offsets:1d", admin=True)
    assert sent.defers and sent.defers[0][0] == 5 and sent.defers[0][1]  # ephemeral defer, first of all
    assert sent[0].ephemeral and "Saved" in sent[0].text


async def test_event_import_defers_privately_before_downloading(app, monkeypatch):
    bot = await make_bot(app)
    order: list[str] = []
    holder: dict[str, object] = {}

    async def fake_read(self, *, use_cached=False):
        order.append(f"download after {len(holder['adapter'].sent.defers)} defer(s)")
        return b"this is not a calendar"

    monkeypatch.setattr(discord.Attachment, "read", fake_read)
    try:
        payload = interaction_payload(bot, "/event import file:777", roles=("organiser",))
        payload["data"]["options"][0]["options"][0]["value"] = "777"
        payload["data"]["resolved"] = {"attachments": {"777": {
            "id": "777", "filename": "bad.ics", "size": 22, "url": "https://cdn.invalid/bad.ics",
            "proxy_url": "https://cdn.invalid/bad.ics", "content_type": "text/calendar"}}}  # fmt: skip
        with recording() as adapter:
            holder["adapter"] = adapter
            await bot.tree._call(discord.Interaction(data=payload, state=bot._connection))
        assert order == ["download after 1 defer(s)"]
        assert adapter.sent.defers[0][1]  # ephemeral: a refused file is never shown in the channel
        assert adapter.sent[-1].ephemeral
    finally:
        await bot.close()


# ------------------------------------------------------------------------------------------ pickers


async def test_pickers_for_channels_roles_and_users(bot, app):
    tree = {c.qualified_name: c for c in bot.tree.walk_commands()}
    reminders = tree["settings reminders"]
    assert reminders.get_parameter("channel").type == discord.AppCommandOptionType.channel
    assert reminders.get_parameter("role").type == discord.AppCommandOptionType.role
    assert reminders.get_parameter("guild") is None  # a console-only option; never a number for an id
    assert tree["contacts add"].get_parameter("user").type == discord.AppCommandOptionType.user
    for command in tree.values():
        for parameter in getattr(command, "parameters", []):
            if parameter.type in (discord.AppCommandOptionType.integer, discord.AppCommandOptionType.number):
                assert parameter.name not in {"guild", "channel", "role", "user"}, command.qualified_name
    sent = await run_slash(
        bot, f"/settings reminders channel:{CHANNEL_ID} role:{ROLE} offsets:2d", admin=True
    )
    assert "Saved" in sent[0].text
    row = await app.reminders.guild_settings(GUILD_ID)
    assert (row.channel_id, row.role_id) == (CHANNEL_ID, ROLE)
    added = await run_slash(
        bot, f"/contacts add country:Austria name:Erika type:policy user:{USER}", admin=True
    )
    assert added[0].ephemeral and "Added contact" in added[0].text
    contacts = await app.contacts.list(OPERATOR, app.now(), country="Austria")
    assert any(c.discord_user_id == USER for c in contacts)


async def test_a_server_id_beyond_two_to_the_53_is_taken_in_the_console(app):
    big = 1_300_000_000_000_000_123  # > 2**53, as real Discord ids are
    ctx = make_context(app, OPERATOR)
    reply = await REGISTRY.handle_message(ctx, f"/settings reminders guild:{big} offsets:1d")
    assert reply.ok, reply.text
    assert (await app.reminders.guild_settings(big)).offsets == ["1d"]
    shown = await REGISTRY.handle_message(ctx, f"/settings show guild:{big}")
    assert shown.ok and "1 day" in " ".join(f.value for f in shown.fields)


# ------------------------------------------------------------------------------------------ help


def _listed(reply: Reply) -> set[str]:
    return {m for f in reply.fields for m in re.findall(r"`/([a-z -]+)`", f.value)}


async def test_help_on_discord_lists_what_runs_there(bot):
    sent = await run_slash(bot, "/help", admin=True)
    listed = {m for m in re.findall(r"`/([a-z -]+)`", sent[0].text)}
    slash = {
        c.qualified_name for c in bot.tree.walk_commands() if isinstance(c, discord.app_commands.Command)
    }
    assert listed == slash  # every slash command, under its Discord name, and nothing else
    assert "feed links" in listed and "feed" not in listed and "event form" in listed


async def test_help_in_the_console_lists_what_runs_there(app):
    admin = make_context(app, OPERATOR)
    listed = _listed(await REGISTRY.handle_message(admin, "/help"))
    assert "feed" in listed and "feed links" not in listed and "event form" not in listed
    for name in listed:  # each one runs: none refuses for want of a server or a role
        command = REGISTRY.commands[name]
        assert command.runs_on("console", None) and command.allowed(OPERATOR)
    member = make_context(app, Principal("console:m", "m", frozenset()))
    member_list = _listed(await REGISTRY.handle_message(member, "/help"))
    assert "settings reminders" not in member_list and "event add" not in member_list
    assert "event show" in member_list


async def test_help_in_a_direct_message_leaves_out_server_settings(bot, app):
    ctx = make_context(app, Principal("discord:1", "x", frozenset({Role.admin})), transport="discord")
    listed = _listed(await REGISTRY.handle_message(ctx, "/help"))
    assert not any(n.startswith("settings") for n in listed)
    explained = await REGISTRY.handle_message(ctx, "/help command:settings reminders")
    assert not explained.ok and "does not run here" in explained.text


async def test_a_malformed_server_id_is_refused_plainly(app):
    ctx = make_context(app, OPERATOR)
    for bad in ("abc", "-5", "0", "99999999999999999999", "１２３"):
        reply = await REGISTRY.handle_message(ctx, f"/settings show guild:{bad}")
        assert not reply.ok and "Guild must be a server id" in reply.text, (bad, reply.text)


async def test_help_on_discord_is_in_the_readers_language(bot):
    """A German client shows /veranstaltung anzeigen, not /event show: /help lists the names and
    descriptions that reader sees, its labels in German; option names stay as typed."""
    from discord.app_commands import TranslationContext, TranslationContextLocation, locale_str

    sent = await run_slash(bot, "/help", admin=True, locale="de")
    reply = sent[0]
    listed = set(re.findall(r"`/([^`:]+)`", reply.text))
    translator = bot.tree.translator
    expected = set()
    for command in bot.tree.walk_commands():
        if not isinstance(command, discord.app_commands.Command):
            continue
        words = []
        for part in command.qualified_name.split():
            where = TranslationContext(TranslationContextLocation.command_name, command)
            shown = await translator.translate(locale_str(part), discord.Locale.german, where)
            words.append(shown or part)
        expected.add(" ".join(words))
    assert listed >= expected and "veranstaltung anzeigen" in listed and "hilfe" in listed
    assert "event show" not in listed
    assert reply.embeds[0]["title"] == "cbm-bot: Befehle"
    assert "What this bot can do" not in reply.text and "Options are written" not in reply.text
    explained = await run_slash(bot, '/help command:"veranstaltung anzeigen"', locale="de")
    assert explained[0].embeds[0]["title"] == "/veranstaltung anzeigen"
    assert "Aufruf: `/veranstaltung anzeigen id:…`" in explained[0].text
    assert "(erforderlich)" in explained[0].text and "`id`" in explained[0].text
    english = await run_slash(bot, "/help", admin=True)
    assert english[0].embeds[0]["title"] == "cbm-bot: commands" and "`/event show`" in english[0].text

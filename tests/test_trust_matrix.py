"""The authorization matrix, generated from the command registry: every command x (member, organiser,
directory, admin) x (trusted server, other server, DM, mention in a channel), through real Discord
payloads (tests/helpers.py), on SQLite and PostgreSQL.

What each cell expects is derived from the command's own declaration (its permission and whether its reply
is private), so a command added later is covered without touching this file. The handlers are replaced by
spies: the matrix checks the gates (who, where), and the real handlers are exercised in test_trust.py.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import discord
import pytest

from bot.commands import REGISTRY, Command, Context, Reply
from bot.commands.base import ChannelRef, RoleRef, Upload
from bot.services.principal import Role
from tests.helpers import CHANNEL_ID, ROLE_IDS, make_bot, run_mention, run_slash

PERSONS: dict[str, dict[str, Any]] = {
    "member": {},
    "organiser": {"roles": ("organiser",)},
    "directory": {"roles": ("directory",)},
    "admin": {"admin": True},
}
# Slash commands in the trusted server, another server and a DM; messages that mention the bot in a channel
# of the trusted server and of the other one; a message sent to the bot directly.
PLACES = ("trusted", "other", "dm", "mention", "mention-other", "dm-message")
MESSAGE_PLACES = {"mention": "trusted", "mention-other": "other", "dm-message": "dm"}


def expected(command: Command, person: str, place: str) -> bool:
    """Whether ``person`` may run ``command`` at ``place``: the trust model in one function."""
    if place in ("mention", "mention-other") and command.ephemeral:
        return False  # a private reply cannot be given in a channel: nothing is carried out
    if command.permission is None:
        return True  # public commands and a person's own private ones work everywhere
    if place not in ("trusted", "mention"):
        return False  # rights exist only in the trusted servers
    return person == "admin" or person == command.permission.value


def sample(command: Command, *, slash: bool) -> str:
    """A message that passes the command's option checks: required options with a valid value."""
    parts = [f"/{command.name}"]
    for option in command.options:
        if not option.required:
            continue
        if option.choices:
            value = option.choices[0]
        elif option.type is int:
            value = str(max(1, int(option.lowest or 1)))
        elif option.type is float:
            value = str(max(1.0, float(option.lowest or 1)))
        elif option.type is bool:
            value = "true"
        elif option.type is RoleRef:
            value = str(ROLE_IDS["organiser"])
        elif option.type is ChannelRef:
            value = str(CHANNEL_ID)
        elif option.type is Upload:
            value = "900000000000000777" if slash else "/nonexistent/events.ics"
        else:
            value = "x"
        parts.append(f"{option.name}:{value}")
    return " ".join(parts)


def slash_name(bot: Any, command: Command) -> str:
    """How Discord spells the command: a name that also heads a group (/feed) runs as that group's
    subcommand that no registry command claims (/feed links)."""
    found = bot.tree.get_command(command.path[0])
    if len(command.path) == 1 and isinstance(found, discord.app_commands.Group):
        claimed = {c.path[-1] for c in REGISTRY if c.path[0] == command.path[0] and len(c.path) == 2}
        extra = [c.name for c in found.commands if c.name not in claimed]
        assert len(extra) == 1, f"/{command.name} has no slash form"
        return f"/{command.name} {extra[0]}"
    return f"/{command.name}"


@pytest.fixture
async def spied(app, monkeypatch):
    """A bot whose commands run spies instead of their handlers; returns (bot, calls)."""
    calls: list[tuple[str, Any]] = []

    def spy(command: Command) -> Any:
        async def handler(ctx: Context, **kwargs: Any) -> Reply:
            calls.append((command.name, ctx.principal))
            return Reply(text=f"ran /{command.name}")

        return handler

    for name, command in list(REGISTRY.commands.items()):
        monkeypatch.setitem(REGISTRY.commands, name, dataclasses.replace(command, handler=spy(command)))

    async def attachment(self: discord.Attachment, **_: Any) -> bytes:
        return b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"

    monkeypatch.setattr(discord.Attachment, "read", attachment)
    return await make_bot(app), calls


def test_every_command_is_in_the_matrix():
    """The matrix is built from the registry itself: nothing to forget when a command is added."""
    assert {c.name for c in REGISTRY} == set(REGISTRY.names()) and len(REGISTRY.names()) >= 30
    assert all(expected(c, "admin", "trusted") for c in REGISTRY)
    assert not any(expected(c, "member", "other") for c in REGISTRY if c.permission is not None)


@pytest.mark.parametrize("name", REGISTRY.names())
async def test_authorization_matrix(spied, name):
    bot, calls = spied
    command = REGISTRY.commands[name]
    wrong: list[str] = []
    for person, who in PERSONS.items():
        for place in PLACES:
            calls.clear()
            if place in MESSAGE_PLACES:
                sent = await run_mention(
                    bot, sample(command, slash=False), where=MESSAGE_PLACES[place], **who
                )
            else:
                message = slash_name(bot, command) + sample(command, slash=True)[len(name) + 1 :]
                sent = await run_slash(bot, message, where=place, **who)
            ran = [principal for ran_name, principal in calls if ran_name == name]
            want = expected(command, person, place)
            cell = f"/{name} as {person} in {place}"
            if bool(ran) != want:
                wrong.append(
                    f"{cell}: {'ran' if ran else 'refused'}, expected {'run' if want else 'refusal'}"
                )
                continue
            assert sent, f"{cell}: no answer at all"
            for message in sent:  # nothing ever pings anyone
                if not (message.content or message.embeds):
                    continue  # a deferral ("thinking…") carries no text
                mentions = message.allowed_mentions or {}
                assert mentions.get("parse") == [] and not mentions.get("roles") and not mentions.get("users")
                assert mentions.get("replied_user") in (None, False)
            if ran:
                assert len(ran) == 1
                held = ran[0].roles
                if place not in ("trusted", "mention"):
                    assert held == frozenset(), f"{cell}: roles {held} outside the trusted server"
                continue
            text = sent[0].text
            if place in ("mention", "mention-other") and command.ephemeral:
                assert "use the slash command" in text, f"{cell}: {text!r}"
            else:
                assert sent[0].ephemeral or place in MESSAGE_PLACES, f"{cell}: a refusal must be private"
                assert "for admins" in text or "role" in text, f"{cell}: {text!r}"
    assert wrong == []


async def test_discord_gates_follow_the_declarations(app):
    """default_permissions (Manage Server) on admin commands, no DMs where a server is needed; derived for
    each top-level command or group from the commands under it (Discord reads them only there)."""
    bot = await make_bot(app, configure_roles=False)
    heads: dict[str, list[Command]] = {}
    for command in REGISTRY:
        heads.setdefault(command.path[0], []).append(command)
    seen = set()
    for item in bot.tree.get_commands():
        under = heads[item.name]
        seen.add(item.name)
        payload = item.to_dict(bot.tree)
        all_admin = all(c.permission == Role.admin for c in under)
        needs_guild = all(c.needs_guild for c in under)
        assert (payload["default_member_permissions"] == 1 << 5) == all_admin, item.name
        assert payload["dm_permission"] is (not needs_guild), item.name
        if needs_guild:
            assert payload["contexts"] == [0], item.name  # servers only
    assert seen == set(heads)
    # the admin-only ones exist, and the directory's do not show in DMs
    assert bot.tree.get_command("audit").default_permissions.manage_guild
    assert bot.tree.get_command("contact").guild_only

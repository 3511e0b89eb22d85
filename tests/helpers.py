"""Offline Discord: real `discord.Interaction` objects built from gateway payloads, run through `bot.tree`.

Nothing reaches Discord. The interaction webhook adapter that discord.py uses to answer is replaced by
:class:`RecordingAdapter`, which keeps every response payload (content, embeds, flags, allowed mentions,
components) for the test to read.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import shlex
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import discord
from discord import app_commands
from discord.webhook.async_ import async_context

from bot.app import App
from bot.discord_client import CbmBot

GUILD_ID = 900_000_000_000_000_001  # the trusted server (conftest puts it in CBMBOT_GUILD_IDS)
CHANNEL_ID = 900_000_000_000_000_002
OTHER_GUILD_ID = 900_000_000_000_000_201  # a server the bot was invited to that is not trusted
OTHER_CHANNEL_ID = 900_000_000_000_000_202
DM_CHANNEL_ID = 900_000_000_000_000_302
_ids = itertools.count(1_000_000_000_000_000_000)

# Roles named like ours in both servers; make_bot configures the trusted server's ids with /settings.
ROLE_IDS = {"organiser": 900_000_000_000_000_101, "directory": 900_000_000_000_000_102}
OTHER_ROLE_IDS = {"organiser": 900_000_000_000_000_211, "directory": 900_000_000_000_000_212}
# A role with the Administrator permission in each server (for messages, whose authors' permissions come
# from their roles; slash commands carry the member's permissions in the payload instead).
ADMIN_ROLE_IDS = {GUILD_ID: 900_000_000_000_000_109, OTHER_GUILD_ID: 900_000_000_000_000_219}
ADMINISTRATOR = 1 << 3
VIEW_AND_SEND = (1 << 10) | (1 << 11)


@dataclass
class Sent:
    """One response the bot gave to an interaction."""

    kind: str  # "callback", "followup", "edit"
    payload: dict[str, Any]
    message_id: int | None = None

    @property
    def content(self) -> str:
        return self.payload.get("content") or ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.payload.get("embeds") or []

    @property
    def ephemeral(self) -> bool:
        return bool((self.payload.get("flags") or 0) & 64)

    @property
    def allowed_mentions(self) -> dict[str, Any] | None:
        return self.payload.get("allowed_mentions")

    @property
    def text(self) -> str:
        """Everything a person would read: content, embed titles, descriptions, fields, footers."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for f in embed.get("fields", []):
                parts += [f["name"], f["value"]]
            parts.append((embed.get("footer") or {}).get("text", ""))
        return "\n".join(p for p in parts if p)

    @property
    def buttons(self) -> list[dict[str, Any]]:
        found = []
        for row in self.payload.get("components") or []:
            found.extend(c for c in row.get("components", []) if c.get("type") == 2)
        return found


class Replies(list[Sent]):
    """The responses to one interaction; ``defers`` holds the defers (type 5 or 6) that came first, with the
    time they were sent (seconds after the interaction arrived), and ``deleted`` counts deleted originals."""

    defers: list[tuple[int, bool, float]]
    deleted: int = 0


@dataclass
class RecordingAdapter:
    """Stands in for discord.py's AsyncWebhookAdapter: records instead of sending."""

    sent: Replies = field(default_factory=Replies)
    choices: list[list[dict[str, Any]]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.sent.defers = []

    async def create_interaction_response(
        self, interaction_id: int, token: str, *, params: Any, **_: Any
    ) -> Any:
        payload = dict(params.payload or _multipart_payload(params))
        data = payload.get("data") or {}
        message_id = next(_ids)
        if payload.get("type") == 8:  # autocomplete result
            self.choices.append(data.get("choices", []))
        elif payload.get("type") in (5, 6):  # deferred: the answer follows
            ephemeral = bool((data.get("flags") or 0) & 64)
            self.sent.defers.append((payload["type"], ephemeral, time.monotonic() - self.started))
        else:
            self.sent.append(Sent("edit" if payload.get("type") == 7 else "callback", data, message_id))
        return {"interaction": {"id": str(interaction_id), "type": 2, "response_message_id": str(message_id)}}

    async def execute_webhook(
        self, *args: Any, payload: Any = None, multipart: Any = None, **kwargs: Any
    ) -> Any:
        payload = payload or _multipart_json(multipart)  # sent with files: the JSON part
        self.sent.append(Sent("followup", dict(payload)))
        return _message_payload(payload)

    async def delete_original_interaction_response(self, *args: Any, **_: Any) -> None:
        self.sent.deleted += 1

    async def edit_original_interaction_response(
        self, *args: Any, payload: Any = None, multipart: Any = None, **_: Any
    ) -> Any:
        payload = payload or _multipart_json(multipart)
        self.sent.append(Sent("edit", dict(payload)))
        return _message_payload(payload)


def _multipart_payload(params: Any) -> dict[str, Any]:
    """The JSON part of a response sent with files (discord.py sends those as multipart/form-data)."""
    return _multipart_json(getattr(params, "multipart", None))


def _multipart_json(multipart: Any) -> dict[str, Any]:
    import json

    for part in multipart or []:
        if part.get("name") == "payload_json":
            return dict(json.loads(part["value"]))
    return {}


def _message_payload(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(next(_ids)),
        "channel_id": str(CHANNEL_ID),
        "type": 0,
        "content": payload.get("content") or "",
        "author": _user(1, "cbm-bot", bot=True),
        "attachments": [],
        "embeds": payload.get("embeds") or [],
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
        "timestamp": "2026-11-22T10:00:00+00:00",
        "edited_timestamp": None,
        "flags": payload.get("flags") or 0,
        "components": payload.get("components") or [],
    }


@contextlib.contextmanager
def recording() -> Iterator[RecordingAdapter]:
    adapter = RecordingAdapter()
    token = async_context.set(adapter)  # type: ignore[arg-type]
    try:
        yield adapter
    finally:
        async_context.reset(token)


def _user(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
    }


def guild_payload(guild_id: int = GUILD_ID) -> dict[str, Any]:
    other = guild_id != GUILD_ID
    channel_id = OTHER_CHANNEL_ID if other else CHANNEL_ID
    roles = [
        {
            "id": str(guild_id),
            "name": "@everyone",
            "permissions": str(VIEW_AND_SEND),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
        }
    ]
    for position, (name, role_id) in enumerate((OTHER_ROLE_IDS if other else ROLE_IDS).items(), start=1):
        roles.append(
            {
                "id": str(role_id),
                "name": name,
                "permissions": "0",
                "position": position,
                "color": 0,
                "hoist": False,
                "managed": False,
                "mentionable": True,
            }
        )
    roles.append(
        {
            "id": str(ADMIN_ROLE_IDS[guild_id]),
            "name": "Staff",
            "permissions": str(ADMINISTRATOR),
            "position": len(roles),
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
        }
    )
    return {
        "id": str(guild_id),
        "name": "Someone else's server" if other else "CBM test guild",
        "owner_id": "1",
        "roles": roles,
        "emojis": [],
        "features": [],
        "member_count": 3,
        "channels": [
            {"id": str(channel_id), "type": 0, "name": "general", "position": 0, "permission_overwrites": []}
        ],
        "threads": [],
        "members": [],
        "stickers": [],
        "preferred_locale": "en-US",
    }


async def make_bot(app: App, *, configure_roles: bool = True) -> CbmBot:
    """A CbmBot with its cogs loaded and two guilds in its cache (the trusted one, whose organiser and
    directory role ids an admin set with /settings, and another one), never connected."""
    from bot.services.principal import OPERATOR

    bot = CbmBot(app, sync=False)
    bot._connection.user = discord.ClientUser(state=bot._connection, data=_user(1, "cbm-bot", bot=True))  # type: ignore[attr-defined]
    await bot.setup_hook()
    bot._connection._add_guild_from_data(guild_payload())  # type: ignore[attr-defined]
    bot._connection._add_guild_from_data(guild_payload(OTHER_GUILD_ID))  # type: ignore[attr-defined]
    if configure_roles:
        config = await app.guilds.get(GUILD_ID)
        for name, role_id in ROLE_IDS.items():
            if config[f"{name}_role"] != role_id:  # a bot rebuilt on the same database (a restart) has them
                await app.guilds.set(GUILD_ID, f"{name}_role", role_id, OPERATOR, app.now())
    return bot


def _find(bot: CbmBot, path: list[str]) -> app_commands.Command[Any, ..., Any]:
    found: Any = bot.tree.get_command(path[0])
    for word in path[1:]:
        found = found.get_command(word) if isinstance(found, app_commands.Group) else None
    if not isinstance(found, app_commands.Command):
        raise LookupError(f"no slash command /{' '.join(path)}")
    return found


_OPTION_TYPES = {
    discord.AppCommandOptionType.string: str,
    discord.AppCommandOptionType.integer: int,
    discord.AppCommandOptionType.number: float,
    discord.AppCommandOptionType.boolean: lambda v: str(v).lower() in {"true", "1", "yes"},
}


_PICKERS = (
    discord.AppCommandOptionType.channel,
    discord.AppCommandOptionType.role,
    discord.AppCommandOptionType.user,
    discord.AppCommandOptionType.mentionable,
)


def interaction_payload(
    bot: CbmBot,
    message: str,
    *,
    user_id: int = 4242,
    name: str = "member",
    roles: tuple[str, ...] = (),
    admin: bool = False,
    locale: str = "en-US",
    focused: str | None = None,
    where: str = "trusted",
) -> dict[str, Any]:
    """The gateway payload Discord sends for a slash command typed as ``message``; ``where`` is
    "trusted" (GUILD_ID), "other" (OTHER_GUILD_ID, roles by the same names) or "dm"."""
    tokens = shlex.split(message)
    words = [tokens[0].lstrip("/")]
    rest = tokens[1:]
    while rest and ":" not in rest[0]:
        words.append(rest.pop(0))
    command = _find(bot, words)
    options = []
    resolved: dict[str, dict[str, Any]] = {}  # what Discord sends along for channel and role options
    for token in rest:
        key, _, raw = token.partition(":")
        parameter = command.get_parameter(key)
        kind = parameter.type if parameter else discord.AppCommandOptionType.string
        if kind in _PICKERS:  # a picker sends the chosen object's id (a mention typed in a test is one)
            raw = raw.removeprefix("<").removesuffix(">").lstrip("@&!#")
        convert = _OPTION_TYPES.get(kind, str)
        option: dict[str, Any] = {
            "name": key,
            "type": kind.value,
            "value": raw if key == focused else convert(raw),
        }
        if key == focused:
            option["focused"] = True
        elif kind == discord.AppCommandOptionType.channel:
            resolved.setdefault("channels", {})[raw] = {
                "id": raw, "type": 0, "name": "general", "guild_id": str(GUILD_ID),
                "permissions": str(VIEW_AND_SEND),
            }  # fmt: skip
        elif kind == discord.AppCommandOptionType.attachment:
            option["value"] = raw
            resolved.setdefault("attachments", {})[raw] = {
                "id": raw, "filename": "events.ics", "size": 16, "url": f"https://cdn.invalid/{raw}",
                "proxy_url": f"https://cdn.invalid/{raw}", "content_type": "text/calendar",
            }  # fmt: skip
        elif kind == discord.AppCommandOptionType.user:
            resolved.setdefault("users", {})[raw] = _user(int(raw), f"user-{raw}")
        elif kind == discord.AppCommandOptionType.role:
            resolved.setdefault("roles", {})[raw] = {
                "id": raw, "name": f"role-{raw}", "permissions": "0", "position": 1, "color": 0,
                "hoist": False, "managed": False, "mentionable": True,
            }  # fmt: skip
        options.append(option)
    data: dict[str, Any] = {"name": words[-1], "type": 1, "options": options}
    for word in reversed(words[:-1]):
        data = {"name": word, "type": 2, "options": [data]}
    if len(words) > 1:
        data = {"id": str(next(_ids)), "name": words[0], "type": 1, "options": data["options"]}
    else:
        data = {"id": str(next(_ids)), "name": words[0], "type": 1, "options": options}
    if resolved:
        data["resolved"] = resolved
    permissions = VIEW_AND_SEND | (ADMINISTRATOR if admin else 0)
    if where != "trusted":
        return _elsewhere(data, where, user_id, name, roles, permissions, locale, focused)
    return {
        "id": str(next(_ids)),
        "application_id": "1",
        "type": 4 if focused else 2,
        "token": "offline-token",
        "version": 1,
        "guild_id": str(GUILD_ID),
        "channel_id": str(CHANNEL_ID),
        "channel": {"id": str(CHANNEL_ID), "type": 0, "name": "general", "guild_id": str(GUILD_ID)},
        "locale": locale,
        "guild_locale": "en-US",
        "app_permissions": str(VIEW_AND_SEND),
        "entitlements": [],
        "attachment_size_limit": 10 * 1024 * 1024,
        "authorizing_integration_owners": {},
        "context": 0,
        "data": data,
        "member": {
            "user": _user(user_id, name),
            "roles": [str(ROLE_IDS[r]) for r in roles],
            "permissions": str(permissions),
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
        },
    }


def _elsewhere(
    data: dict[str, Any],
    where: str,
    user_id: int,
    name: str,
    roles: tuple[str, ...],
    permissions: int,
    locale: str,
    focused: str | None,
) -> dict[str, Any]:
    """The payload for another server (same role names, other ids) or a direct message."""
    payload: dict[str, Any] = {
        "id": str(next(_ids)),
        "application_id": "1",
        "type": 4 if focused else 2,
        "token": "offline-token",
        "version": 1,
        "locale": locale,
        "app_permissions": str(VIEW_AND_SEND),
        "entitlements": [],
        "attachment_size_limit": 10 * 1024 * 1024,
        "authorizing_integration_owners": {},
        "data": data,
    }
    if where == "dm":
        payload.update(
            channel_id=str(DM_CHANNEL_ID),
            channel={"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [_user(user_id, name)]},
            context=1,
            user=_user(user_id, name),
        )
        return payload
    if where != "other":
        raise ValueError(f"where={where!r}: trusted, other or dm")
    payload.update(
        guild_id=str(OTHER_GUILD_ID),
        guild_locale="en-US",
        channel_id=str(OTHER_CHANNEL_ID),
        channel={"id": str(OTHER_CHANNEL_ID), "type": 0, "name": "general", "guild_id": str(OTHER_GUILD_ID)},
        context=0,
        member={
            "user": _user(user_id, name),
            "roles": [str(OTHER_ROLE_IDS[r]) for r in roles],
            "permissions": str(permissions),
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
        },
    )
    return payload


async def run_slash(bot: CbmBot, message: str, **who: Any) -> list[Sent]:
    """Run ``message`` (as Discord shows it) through ``bot.tree`` as a real interaction; return replies."""
    with recording() as adapter:
        interaction = discord.Interaction(
            data=interaction_payload(bot, message, **who), state=bot._connection
        )  # type: ignore[arg-type]
        await bot.tree._call(interaction)
    return adapter.sent


def mention_payload(
    text: str,
    *,
    user_id: int = 4242,
    name: str = "member",
    roles: tuple[str, ...] = (),
    admin: bool = False,
    where: str = "trusted",
) -> dict[str, Any]:
    """The gateway payload of a message that mentions the bot: in a channel of the trusted server or of
    the other one (roles by name, admin through a role with the Administrator permission), or a DM."""
    payload: dict[str, Any] = {
        "id": str(next(_ids)),
        "type": 0,
        "content": f"<@1> {text}" if where != "dm" else text,
        "author": _user(user_id, name),
        "attachments": [],
        "embeds": [],
        "mentions": [_user(1, "cbm-bot", bot=True)] if where != "dm" else [],
        "mention_roles": [],
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
        "timestamp": "2026-11-22T10:00:00+00:00",
        "edited_timestamp": None,
        "flags": 0,
        "components": [],
    }
    if where == "dm":
        payload["channel_id"] = str(DM_CHANNEL_ID)
        return payload
    guild_id = GUILD_ID if where == "trusted" else OTHER_GUILD_ID
    role_ids = ROLE_IDS if where == "trusted" else OTHER_ROLE_IDS
    held = [str(role_ids[r]) for r in roles] + ([str(ADMIN_ROLE_IDS[guild_id])] if admin else [])
    payload.update(
        channel_id=str(CHANNEL_ID if where == "trusted" else OTHER_CHANNEL_ID),
        guild_id=str(guild_id),
        member={"roles": held, "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False, "mute": False,
                "flags": 0},
    )  # fmt: skip
    return payload


async def run_mention(bot: CbmBot, text: str, **who: Any) -> list[Sent]:
    """A message mentioning the bot (or a DM), as the gateway delivers it, through cogs.mentions; returns
    the messages the bot sent in answer (recorded at the HTTP client, nothing leaves)."""
    payload = mention_payload(text, **who)
    if payload.get("guild_id"):
        guild = bot.get_guild(int(payload["guild_id"]))
        assert guild is not None
        channel: Any = guild.get_channel(int(payload["channel_id"]))
    else:
        channel = discord.DMChannel(me=bot.user, state=bot._connection, data={  # type: ignore[arg-type]
            "id": payload["channel_id"], "type": 1, "recipients": [payload["author"]]})  # fmt: skip
    message = discord.Message(state=bot._connection, channel=channel, data=payload)  # type: ignore[arg-type]
    sent: list[Sent] = []

    async def send_message(channel_id: Any, *, params: Any) -> Any:
        sent.append(Sent("message", dict(params.payload or {})))
        return {**_message_payload(params.payload or {}), "channel_id": str(channel_id)}

    original = bot.http.send_message
    bot.http.send_message = send_message  # type: ignore[method-assign]
    try:
        cog: Any = bot.get_cog("Mentions")
        await cog.on_message(message)
    finally:
        bot.http.send_message = original  # type: ignore[method-assign]
    return sent


async def run_autocomplete(bot: CbmBot, message: str, focused: str, **who: Any) -> list[dict[str, Any]]:
    """Autocomplete for option ``focused`` while typing ``message``; returns the offered choices."""
    with recording() as adapter:
        payload = interaction_payload(bot, message, focused=focused, **who)
        interaction = discord.Interaction(data=payload, state=bot._connection)  # type: ignore[arg-type]
        await bot.tree._call(interaction)
    return adapter.choices[-1] if adapter.choices else []


_UI_TASKS = ("discord-ui-view-dispatch", "discord-ui-dynamic-item")


async def press_button(bot: CbmBot, sent: Sent, label: str, **who: Any) -> list[Sent]:
    """Press the button labelled ``label`` on a recorded reply, as Discord's gateway would deliver it."""
    button = next(b for b in sent.buttons if b.get("label") == label)
    payload = interaction_payload(bot, "/help", **who)
    payload["type"] = 3
    payload["data"] = {"custom_id": button["custom_id"], "component_type": 2}
    payload["message"] = {**_message_payload(sent.payload), "id": str(sent.message_id)}
    with recording() as adapter:
        bot._connection.parse_interaction_create(payload)  # type: ignore[attr-defined]
        pending = [t for t in asyncio.all_tasks() if t.get_name().startswith(_UI_TASKS)]
        await asyncio.gather(*pending)
    for answer in adapter.sent:
        if answer.kind == "edit":  # an edited message keeps its id (and its buttons stay pressable)
            answer.message_id = sent.message_id
    return adapter.sent

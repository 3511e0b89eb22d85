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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import discord
from discord import app_commands
from discord.webhook.async_ import async_context

from bot.app import App
from bot.discord_client import CbmBot

GUILD_ID = 900_000_000_000_000_001
CHANNEL_ID = 900_000_000_000_000_002
_ids = itertools.count(1_000_000_000_000_000_000)

ROLE_IDS = {"organiser": 900_000_000_000_000_101, "directory": 900_000_000_000_000_102}
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


@dataclass
class RecordingAdapter:
    """Stands in for discord.py's AsyncWebhookAdapter: records instead of sending."""

    sent: list[Sent] = field(default_factory=list)
    choices: list[list[dict[str, Any]]] = field(default_factory=list)

    async def create_interaction_response(
        self, interaction_id: int, token: str, *, params: Any, **_: Any
    ) -> Any:
        payload = dict(params.payload or _multipart_payload(params))
        data = payload.get("data") or {}
        message_id = next(_ids)
        if payload.get("type") == 8:  # autocomplete result
            self.choices.append(data.get("choices", []))
        else:
            self.sent.append(Sent("edit" if payload.get("type") == 7 else "callback", data, message_id))
        return {"interaction": {"id": str(interaction_id), "type": 2, "response_message_id": str(message_id)}}

    async def execute_webhook(self, *args: Any, payload: Any = None, **kwargs: Any) -> Any:
        self.sent.append(Sent("followup", dict(payload or {})))
        return _message_payload(payload or {})

    async def edit_original_interaction_response(self, *args: Any, payload: Any = None, **_: Any) -> Any:
        self.sent.append(Sent("edit", dict(payload or {})))
        return _message_payload(payload or {})


def _multipart_payload(params: Any) -> dict[str, Any]:
    """The JSON part of a response sent with files (discord.py sends those as multipart/form-data)."""
    import json

    for part in getattr(params, "multipart", None) or []:
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


def guild_payload() -> dict[str, Any]:
    roles = [
        {
            "id": str(GUILD_ID),
            "name": "@everyone",
            "permissions": str(VIEW_AND_SEND),
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
        }
    ]
    for position, (name, role_id) in enumerate(ROLE_IDS.items(), start=1):
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
    return {
        "id": str(GUILD_ID),
        "name": "CBM test guild",
        "owner_id": "1",
        "roles": roles,
        "emojis": [],
        "features": [],
        "member_count": 3,
        "channels": [
            {"id": str(CHANNEL_ID), "type": 0, "name": "general", "position": 0, "permission_overwrites": []}
        ],
        "threads": [],
        "members": [],
        "stickers": [],
        "preferred_locale": "en-US",
    }


async def make_bot(app: App) -> CbmBot:
    """A CbmBot with its cogs loaded and a guild in its cache, never connected."""
    bot = CbmBot(app, sync=False)
    bot._connection.user = discord.ClientUser(state=bot._connection, data=_user(1, "cbm-bot", bot=True))  # type: ignore[attr-defined]
    await bot.setup_hook()
    bot._connection._add_guild_from_data(guild_payload())  # type: ignore[attr-defined]
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
) -> dict[str, Any]:
    """The gateway payload Discord sends for a slash command typed as ``message``."""
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


async def run_slash(bot: CbmBot, message: str, **who: Any) -> list[Sent]:
    """Run ``message`` (as Discord shows it) through ``bot.tree`` as a real interaction; return replies."""
    with recording() as adapter:
        interaction = discord.Interaction(
            data=interaction_payload(bot, message, **who), state=bot._connection
        )  # type: ignore[arg-type]
        await bot.tree._call(interaction)
    return adapter.sent


async def run_autocomplete(bot: CbmBot, message: str, focused: str, **who: Any) -> list[dict[str, Any]]:
    """Autocomplete for option ``focused`` while typing ``message``; returns the offered choices."""
    with recording() as adapter:
        payload = interaction_payload(bot, message, focused=focused, **who)
        interaction = discord.Interaction(data=payload, state=bot._connection)  # type: ignore[arg-type]
        await bot.tree._call(interaction)
    return adapter.choices[-1] if adapter.choices else []


async def press_button(bot: CbmBot, sent: Sent, label: str, **who: Any) -> list[Sent]:
    """Press the button labelled ``label`` on a recorded reply, as Discord's gateway would deliver it."""
    button = next(b for b in sent.buttons if b.get("label") == label)
    payload = interaction_payload(bot, "/help", **who)
    payload["type"] = 3
    payload["data"] = {"custom_id": button["custom_id"], "component_type": 2}
    payload["message"] = {**_message_payload(sent.payload), "id": str(sent.message_id)}
    with recording() as adapter:
        bot._connection.parse_interaction_create(payload)  # type: ignore[attr-defined]
        pending = [t for t in asyncio.all_tasks() if t.get_name().startswith("discord-ui-view-dispatch")]
        await asyncio.gather(*pending)
    for answer in adapter.sent:
        if answer.kind == "edit":  # an edited message keeps its id (and its buttons stay pressable)
            answer.message_id = sent.message_id
    return adapter.sent

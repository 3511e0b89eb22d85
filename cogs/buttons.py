"""Buttons that keep working: after a restart, after months, on any replica.

Every button the bot sends carries what it does in its ``custom_id`` and is handled by a
:class:`discord.ui.DynamicItem` registered on the client in ``setup_hook`` (:data:`PERSISTENT_BUTTONS`), so
no view has to be remembered in memory. :class:`PersistentButton` is the small base to build one: subclass
it with a ``template`` (a regular expression whose first part names the button kind, e.g. ``cbm1:``),
implement ``from_custom_id`` and ``press``, and add the class with :func:`persistent`. When a button's
target is gone, ``press`` raises :class:`Gone` and the presser reads why, privately.

Replies reach Discord in time: :func:`in_time` defers the interaction when the work takes longer than
:data:`DEFER_AFTER` seconds (Discord's limit is 3 s), then the answer follows the defer.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import re
import string
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

import discord

from bot.commands import REGISTRY
from bot.commands.base import Button
from bot.services import answer_text
from storage.reference import supported_language

if TYPE_CHECKING:
    from bot.discord_client import CbmBot

log = logging.getLogger(__name__)

DEFER_AFTER = 1.0  # seconds of work after which the interaction is deferred (Discord allows 3)
CUSTOM_ID_MAX = 100
T = TypeVar("T")


class Gone(Exception):
    """What the button points at no longer exists; the message says so plainly."""


# ------------------------------------------------------------------------------------------ in time


async def defer(interaction: discord.Interaction[Any], *, ephemeral: bool, update: bool = False) -> None:
    """Acknowledge now, answer later. ``update``: a component whose answer edits its own message."""
    if interaction.response.is_done():
        return
    with contextlib.suppress(discord.HTTPException):
        if update:
            await interaction.response.defer()
            interaction.extras["deferred"] = "update"
        else:
            await interaction.response.defer(thinking=True, ephemeral=ephemeral)
            interaction.extras["deferred"] = "ephemeral" if ephemeral else "public"


async def in_time(
    interaction: discord.Interaction[Any],
    work: Awaitable[T],
    *,
    ephemeral: bool,
    update: bool = False,
    after: float | None = None,
) -> T:
    """Run ``work``; if it is not done within ``after`` seconds (default :data:`DEFER_AFTER`), defer the
    interaction so that the answer may come later than Discord's 3 seconds."""
    task: asyncio.Future[T] = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER if after is None else after)
    if not done:
        await defer(interaction, ephemeral=ephemeral, update=update)
    return await task


# ------------------------------------------------------------------------------------------ the base


class PersistentButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"(?!x)x"):
    """The base of every button the bot sends. Subclasses give their own ``template`` and implement
    :meth:`from_custom_id` (rebuild the button from its custom_id: no memory needed) and :meth:`press`.
    ``from_custom_id`` must not raise (discord.py would leave the press unanswered): it returns the item,
    and ``press`` raises :class:`Gone` when the target no longer exists."""

    bot: CbmBot | None = None

    async def press(self, interaction: discord.Interaction[Any]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        try:
            await self.press(interaction)
        except Gone as exc:
            await _say(interaction, str(exc))
        except Exception:
            log.exception("button %s failed", self.custom_id)
            await _say(interaction, answer_text.message("button_failed", _lang(interaction)))


def _lang(interaction: discord.Interaction[Any]) -> str:
    """The presser's language (their Discord locale)."""
    return supported_language(str(interaction.locale))


async def _say(interaction: discord.Interaction[Any], text: str) -> None:
    with contextlib.suppress(discord.HTTPException):
        if interaction.response.is_done():
            await interaction.followup.send(
                text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )


PERSISTENT_BUTTONS: list[type[PersistentButton]] = []


def persistent(cls: type[PersistentButton]) -> type[PersistentButton]:
    """Class decorator: the client registers this button kind at start (bot.add_dynamic_items)."""
    PERSISTENT_BUTTONS.append(cls)
    return cls


# ------------------------------------------------------------------------------------------ commands

_B36 = string.digits + string.ascii_lowercase


def b36(number: int) -> str:
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _B36[digit] + text
        if not number:
            return text


def action_key(command: str) -> str:
    return hashlib.blake2b(command.encode("utf-8"), digest_size=12).hexdigest()


@persistent
class CommandButton(
    PersistentButton,
    template=r"cbm1:(?P<flags>[rk]*):(?P<owner>[0-9a-z]{0,14}):(?P<data>.+)",
):
    """Runs a chat command (``Button.command``) as the person who presses it.

    custom_id ``cbm1:{flags}:{owner}:{command}``: flag ``r`` = the answer replaces the message when its
    owner (base 36 user id) presses it (paging); flag ``k`` = the command was too long for the custom_id and
    ``data`` is its key in the button_actions table (kept for good)."""

    def __init__(self, command: str, *, label: str = "…", replaces: bool = False, owner: int | None = None,
                 key: str | None = None, row: int | None = None) -> None:  # fmt: skip
        self.command = command
        self.replaces = replaces
        self.owner = owner
        flags = ("r" if replaces else "") + ("k" if key else "")
        custom_id = f"cbm1:{flags}:{b36(owner) if replaces and owner else ''}:{key or command}"
        super().__init__(
            discord.ui.Button(
                label=label[:80], style=discord.ButtonStyle.secondary, custom_id=custom_id, row=row
            )
        )
        self.stored_key = key
        self.gone: str | None = None

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> CommandButton:
        flags, data = match["flags"], match["data"]
        owner = int(match["owner"], 36) if match["owner"] else None
        command: str | None = data
        if "k" in flags:
            command = await _bot(interaction).app.buttons.command(data)
        made = cls(command or "", label=item.label or "…", replaces="r" in flags, owner=owner,
                   key=data if "k" in flags else None)  # fmt: skip
        if command is None:  # pressed, the button says so (an error raised here would go unanswered)
            made.gone = answer_text.message("button_gone", _lang(interaction))
        return made

    async def press(self, interaction: discord.Interaction[Any]) -> None:
        if self.gone:
            raise Gone(self.gone)
        bot = _bot(interaction)
        mine = self.replaces and self.owner is not None and interaction.user.id == self.owner
        from cogs.adapter import context_for, make_view, render_embed, send_reply

        reply = await in_time(
            interaction,
            REGISTRY.handle_message(context_for(bot, interaction), self.command),
            ephemeral=True,
            update=mine,
        )
        if mine and reply.ok:
            view = await make_view(bot, reply, self.owner)
            if interaction.response.is_done():
                await interaction.edit_original_response(embed=render_embed(reply), view=view)
            else:
                await interaction.response.edit_message(embed=render_embed(reply), view=view)
        else:
            await send_reply(bot, interaction, reply, force_ephemeral=True)


@persistent
class LegacyCommandButton(PersistentButton, template=r"cbm:(?P<index>\d+):(?P<command>/.+)"):
    """Buttons sent before cbm1 (``cbm:{index}:{command}``): they run their command, answered privately."""

    def __init__(self, custom_id: str, command: str) -> None:
        self.command = command
        super().__init__(discord.ui.Button(label="…", custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> LegacyCommandButton:
        return cls(item.custom_id or match.group(0), match["command"])

    async def press(self, interaction: discord.Interaction[Any]) -> None:
        from cogs.adapter import context_for, send_reply

        bot = _bot(interaction)
        reply = await in_time(
            interaction, REGISTRY.handle_message(context_for(bot, interaction), self.command), ephemeral=True
        )
        await send_reply(bot, interaction, reply, force_ephemeral=True)


def _bot(interaction: discord.Interaction[Any]) -> CbmBot:
    return interaction.client  # type: ignore[return-value]


async def command_buttons(bot: CbmBot, buttons: list[Button], owner: int | None) -> list[CommandButton]:
    """The reply's follow-ups as persistent buttons (at most 25, five to a row, no duplicates)."""
    made: list[CommandButton] = []
    seen: set[str] = set()
    for button in buttons:
        if button.command in seen or len(made) == 25:
            continue
        seen.add(button.command)
        row = len(made) // 5
        item = CommandButton(
            button.command, label=button.label, replaces=button.replaces, owner=owner, row=row
        )
        if len(item.custom_id) > CUSTOM_ID_MAX:
            key = action_key(button.command)
            await bot.app.buttons.remember(key, button.command, bot.app.now())
            item = CommandButton(button.command, label=button.label, replaces=button.replaces, owner=owner,
                                 key=key, row=row)  # fmt: skip
        made.append(item)
    return made

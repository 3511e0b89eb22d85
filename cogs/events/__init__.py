"""The /event group as slash commands, plus Discord's own extras: a form (modal) for the long fields of a
new event, and one for rewriting an event's description. The forms run the registry's `event add` and
`event edit`, so every rule and permission stays in the command layer and the services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.commands import REGISTRY
from bot.commands.base import Reply, permission_refusal, said
from bot.errors import CbmError
from bot.services import answer_text as T
from bot.services.events import DESCRIPTION_MAX, KINDS, TITLE_MAX
from cogs.adapter import RegistryCog, context_for, principal_for, send_reply
from cogs.buttons import in_time
from storage.reference import supported_language

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


class EventForm(discord.ui.Modal):
    """A new event's title, kind, dates and description, typed in a form instead of options."""

    def __init__(self, bot: CbmBot, lang: str = "en") -> None:
        super().__init__(title=T.message("form_new_event", lang), timeout=900)
        self.bot = bot
        self.event_title: discord.ui.TextInput[EventForm] = discord.ui.TextInput(
            label=T.message("form_title", lang), max_length=TITLE_MAX
        )
        self.kind: discord.ui.TextInput[EventForm] = discord.ui.TextInput(
            label=T.message("form_kind", lang),
            placeholder=", ".join(KINDS),
            default="conference",
            max_length=20,
        )
        self.start: discord.ui.TextInput[EventForm] = discord.ui.TextInput(
            label=T.message("form_start", lang), placeholder=T.message("form_start_hint", lang)
        )
        self.end: discord.ui.TextInput[EventForm] = discord.ui.TextInput(
            label=T.message("form_end", lang), placeholder=T.message("form_end_hint", lang), required=False
        )
        self.description: discord.ui.TextInput[EventForm] = discord.ui.TextInput(
            label=T.message("form_description", lang),
            style=discord.TextStyle.paragraph,
            max_length=DESCRIPTION_MAX,
            required=False,
        )
        for item in (self.event_title, self.kind, self.start, self.end, self.description):
            self.add_item(item)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        values = {
            "title": self.event_title.value,
            "kind": self.kind.value,
            "start": self.start.value,
            "end": self.end.value or None,
            "description": self.description.value or None,
        }
        command = REGISTRY.commands["event add"]
        work = REGISTRY.invoke(command, context_for(self.bot, interaction), values, raw=True)
        await send_reply(self.bot, interaction, await in_time(interaction, work, ephemeral=command.ephemeral))


class DescriptionForm(discord.ui.Modal):
    """An event's description in a large text box, prefilled with the current one."""

    def __init__(self, bot: CbmBot, event_id: int, current: str, lang: str = "en") -> None:
        super().__init__(title=T.message("form_description_of", lang, id=event_id), timeout=900)
        self.bot = bot
        self.event_id = event_id
        self.text: discord.ui.TextInput[DescriptionForm] = discord.ui.TextInput(
            label=T.message("form_description_edit", lang),
            style=discord.TextStyle.paragraph,
            default=current[:DESCRIPTION_MAX] or None,
            max_length=DESCRIPTION_MAX,
        )
        self.add_item(self.text)

    async def on_submit(self, interaction: discord.Interaction[Any]) -> None:
        command = REGISTRY.commands["event edit"]
        values = {"id": str(self.event_id), "description": self.text.value}
        work = REGISTRY.invoke(command, context_for(self.bot, interaction), values, raw=True)
        await send_reply(self.bot, interaction, await in_time(interaction, work, ephemeral=command.ephemeral))


form_help = "Add an event by filling in a form"


class EventsCog(RegistryCog, name="Events"):
    heads = ("event",)

    def __init__(self, bot: CbmBot) -> None:
        super().__init__(bot)
        group = next(c for c in self.tree_commands if isinstance(c, app_commands.Group) and c.name == "event")
        group.add_command(app_commands.Command(name="form", description=form_help, callback=self._form))
        describe = app_commands.Command(
            name="describe",
            description="Rewrite an event's description in a large text box",
            callback=self._describe,
        )
        app_commands.describe(id=app_commands.locale_str("Event number"))(describe)
        group.add_command(describe)
        for name, base, description in (
            ("event form", "event add", form_help),
            ("event describe", "event edit", describe.description),
        ):  # listed by /help on Discord, for those who may run them
            REGISTRY.transport_command("discord", name, description, REGISTRY.commands[base].permission)

    def _refused(self, interaction: discord.Interaction[Any], name: str) -> Reply | None:
        refusal = permission_refusal(REGISTRY.commands[name], principal_for(interaction), "discord")
        return None if refusal is None else Reply.refusal(said(refusal, str(interaction.locale)))

    async def _form(self, interaction: discord.Interaction[Any]) -> None:
        refusal = self._refused(interaction, "event add")
        if refusal is not None:
            await send_reply(self.bot, interaction, refusal)
            return
        await interaction.response.send_modal(
            EventForm(self.bot, supported_language(str(interaction.locale)))
        )

    async def _describe(self, interaction: discord.Interaction[Any], id: app_commands.Range[int, 1]) -> None:
        refusal = self._refused(interaction, "event edit")
        if refusal is None:
            try:
                event = await self.bot.app.events.get(id)
            except CbmError as exc:  # NotFound: said plainly
                refusal = Reply.refusal(said(exc, str(interaction.locale)))
        if refusal is not None:
            await send_reply(self.bot, interaction, refusal)
            return
        lang = supported_language(str(interaction.locale))
        await interaction.response.send_modal(DescriptionForm(self.bot, id, event.description or "", lang))


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(EventsCog(bot))

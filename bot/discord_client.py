"""The Discord client: a commands.Bot that loads the cogs and renders the shared commands."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import App

log = logging.getLogger(__name__)

EXTENSIONS = (
    "cogs.knowledge",
    "cogs.events",
    "cogs.mentions",
    "cogs.feeds",
    "cogs.settings",
    "cogs.mirror",
    "cogs.answers",
    "cogs.contacts",
    "cogs.reminders",
    "cogs.commchecks",
)

NO_TRUSTED_SERVER = (
    "CBMBOT_GUILD_IDS is not set: no Discord server is trusted, so nobody has admin, organiser or "
    "directory rights in Discord (set it to your server ids)"
)

# The bot has no voice features: do not warn that voice libraries are missing.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


class CbmTree(app_commands.CommandTree["CbmBot"]):
    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """The last resort: log it, tell the user plainly, never show a traceback."""
        log.error("slash command failed", exc_info=error)
        message = "Sorry, something went wrong on our side; it has been logged."
        if isinstance(error, app_commands.TransformerError | app_commands.CommandSignatureMismatch):
            message = f"I could not read that: {error}"
        with contextlib.suppress(discord.HTTPException):
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)


class CbmBot(commands.Bot):
    def __init__(self, app: App, *, sync: bool | None = None, intents: discord.Intents | None = None) -> None:
        # Default intents suffice: messages that mention the bot and DMs carry their content without the
        # privileged message-content intent.
        intents = intents or discord.Intents.default()
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=CbmTree,
        )
        self.app = app
        self.sync_commands = app.settings.discord_sync if sync is None else sync

    async def setup_hook(self) -> None:
        from cogs.buttons import PERSISTENT_BUTTONS
        from cogs.translator import CatalogueTranslator

        await self.tree.set_translator(CatalogueTranslator())  # command names in de, fr, it, ru
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        # Every button the bot ever sent is handled from its custom_id alone: after restarts, for good.
        self.add_dynamic_items(*PERSISTENT_BUTTONS)
        trusted = sorted(self.app.settings.guild_ids)
        if not trusted:
            log.warning(NO_TRUSTED_SERVER)
        if self.sync_commands:
            if trusted:
                # Registered in the trusted servers only (at once); elsewhere the bot offers no commands.
                for guild_id in trusted:
                    guild = discord.Object(id=guild_id)
                    self.tree.copy_global_to(guild=guild)
                    synced = await self.tree.sync(guild=guild)
                    log.info("synced %d slash commands to server %d", len(synced), guild_id)
            else:
                synced = await self.tree.sync()
                log.info("synced %d slash commands globally", len(synced))

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: every command is a slash command from the registry, and messages that
        mention the bot or are sent to it directly are answered by cogs.mentions (its own listener).
        Without this, commands.Bot would treat each mention as an unknown prefix command and log an error."""
        return

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s in %d guilds", self.user, len(self.guilds))


async def run_discord(app: App, stop: asyncio.Event) -> None:
    """Run the bot until ``stop`` is set or the connection ends for good."""
    bot = CbmBot(app)
    runner = asyncio.create_task(bot.start(str(app.settings.discord_token)), name="discord-client")
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if runner.done() and runner.exception() is not None:
            exc = runner.exception()
            if isinstance(exc, discord.LoginFailure):
                log.error("Discord refused the token (DISCORD_TOKEN): %s", exc)
            else:
                log.error("the Discord connection ended: %s", exc)
    finally:
        stopper.cancel()
        await bot.close()
        if not runner.done():
            runner.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await runner
        stop.set()

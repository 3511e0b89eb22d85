"""Messages that mention the bot, and direct messages: the text goes through the command layer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.commands import REGISTRY, Context
from bot.services import answer_text as T
from bot.services.principal import Principal
from cogs.adapter import NO_MENTIONS, DiscordTimes, make_view, member_principal, render_embed

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


def principal_for_message(message: discord.Message, client: Any = None) -> Principal:
    author = message.author
    if not isinstance(author, discord.Member):  # a direct message carries no server roles
        return member_principal(client, author, None, None)
    channel_id = getattr(getattr(message, "channel", None), "id", None)
    return member_principal(client, author, author.guild.id, author.guild_permissions, channel_id)


class MentionsCog(commands.Cog, name="Mentions"):
    def __init__(self, bot: CbmBot) -> None:
        self.bot = bot

    def _text_for_bot(self, message: discord.Message) -> str | None:
        """The message without the bot's mention, if it is addressed to the bot; else None."""
        me = self.bot.user
        if me is None or message.author.bot:
            return None
        pattern = re.compile(rf"<@!?{me.id}>")
        if isinstance(message.channel, discord.DMChannel):
            return pattern.sub("", message.content).strip()
        if me in message.mentions or pattern.search(message.content):
            return pattern.sub("", message.content).strip()
        return None

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        text = self._text_for_bot(message)
        if text is None:
            return
        ctx = Context(
            app=self.bot.app,
            principal=principal_for_message(message, self.bot),
            now=self.bot.app.now(),
            times=DiscordTimes(),
            zone=self.bot.app.settings.zone,
            guild_id=message.guild.id if message.guild else None,
            transport="discord",
            channel_id=message.channel.id,
            # In a server channel everyone reads the reply: commands that answer privately are refused.
            public_mention=message.guild is not None,
        )
        reply = await REGISTRY.handle_message(ctx, text or "/help")
        if reply.ephemeral and message.guild is not None:
            # A private answer to a question (the private commands were refused before running) is not
            # posted in a channel: say where to get it instead.
            await message.reply(  # in the question's language (a message carries no locale)
                T.message("private_in_channel", reply.lang or "en"), allowed_mentions=NO_MENTIONS
            )
            return
        if not reply.ok:
            await message.reply(reply.text[:2000], allowed_mentions=NO_MENTIONS)
            return
        view = await make_view(self.bot, reply, message.author.id)
        kwargs = {"embed": render_embed(reply), "allowed_mentions": NO_MENTIONS}
        if view is not None:
            kwargs["view"] = view
        await message.reply(**kwargs)


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(MentionsCog(bot))

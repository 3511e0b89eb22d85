"""/remind and /reminders as slash commands, and the Discord transport of reminder deliveries."""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp
import discord

from bot.reminders.senders import Outgoing, RateLimited, RecipientUnavailable, ServerError, Undeliverable
from cogs.adapter import COLOUR, RegistryCog, _cut

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


class DiscordSender:
    """Delivers reminders: channel posts (pinging only the role an admin configured) and direct messages.
    Discord's errors are mapped to the dispatcher's: 429 -> RateLimited, 5xx and network -> ServerError,
    a refused DM -> RecipientUnavailable (the dispatcher then posts a neutral note in the guild channel),
    others -> Undeliverable. Every attempt of a delivery carries the same nonce, so Discord drops a repeat."""

    def __init__(self, bot: CbmBot) -> None:
        self.bot = bot

    def ready(self) -> bool:
        return self.bot.is_ready()

    def embed(self, message: Outgoing) -> discord.Embed:
        text = message.text
        if message.late:
            text += "\n\n" + message.late_note()
        return discord.Embed(title=_cut(message.title, 256), description=_cut(text, 4096), colour=COLOUR)

    async def send(self, message: Outgoing) -> None:
        if not self.bot.is_ready():
            raise ServerError("not connected to Discord yet", retry_after=5)
        dm = message.channel_id is None
        try:
            if dm:
                await self._dm(message)
            else:
                await self._post(message)
        except discord.RateLimited as exc:
            raise RateLimited(f"Discord rate limit: {exc}", retry_after=exc.retry_after) from exc
        except discord.Forbidden as exc:
            if dm:
                raise RecipientUnavailable("their direct messages are closed") from exc
            raise Undeliverable(f"no permission to post in channel {message.channel_id}: {exc.text}") from exc
        except discord.NotFound as exc:
            raise Undeliverable(f"not found on Discord: {exc.text}") from exc
        except discord.HTTPException as exc:
            if exc.status == 429:
                raise RateLimited(f"Discord rate limit: {exc.text}") from exc
            if exc.status >= 500:
                raise ServerError(f"Discord server error {exc.status}: {exc.text}") from exc
            raise Undeliverable(f"Discord refused it ({exc.status}): {exc.text}") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise ServerError(f"network: {exc}") from exc

    async def _post(self, message: Outgoing) -> None:
        channel_id = message.channel_id
        assert channel_id is not None
        channel = self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)
        if not isinstance(channel, discord.abc.Messageable):
            raise Undeliverable(f"channel {channel_id} cannot take messages")
        if message.instead_of:  # closed DMs: a neutral note naming the person (no ping), never the text
            who = message.instead_of.removeprefix("discord:")
            person = f"<@{who}>" if who.isdigit() else f"@{who.split(':', 1)[-1]}"
            await channel.send(
                content=_cut(f"{person}: {message.text}", 2000),
                allowed_mentions=discord.AllowedMentions.none(),
                nonce=message.nonce,
            )
            return
        parts = []
        mentions = discord.AllowedMentions.none()
        if message.role_id:  # the one ping allowed: the role an admin configured
            parts.append(f"<@&{message.role_id}>")
            mentions = discord.AllowedMentions(
                everyone=False, users=False, roles=[discord.Object(id=message.role_id)], replied_user=False
            )
        await channel.send(
            content=" ".join(parts) or None,
            embed=self.embed(message),
            allowed_mentions=mentions,
            nonce=message.nonce,
        )

    async def _dm(self, message: Outgoing) -> None:
        key = message.user_key or ""
        if not key.startswith("discord:") or not key.removeprefix("discord:").isdigit():
            raise RecipientUnavailable(f"{key} has no Discord account to send a direct message to")
        user_id = int(key.removeprefix("discord:"))
        user = self.bot.get_user(user_id) or await self.bot.fetch_user(user_id)
        await user.send(
            embed=self.embed(message), allowed_mentions=discord.AllowedMentions.none(), nonce=message.nonce
        )


class RemindersCog(RegistryCog, name="Reminders"):
    heads = ("remind", "reminders")

    async def cog_load(self) -> None:
        await super().cog_load()
        self.bot.app.reminder_sender = DiscordSender(self.bot)

    async def cog_unload(self) -> None:
        await super().cog_unload()
        if getattr(self.bot.app.reminder_sender, "bot", None) is self.bot:
            self.bot.app.reminder_sender = None


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(RemindersCog(bot))

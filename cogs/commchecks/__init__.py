"""/commcheck as slash commands, the Discord transport of pings (a DM with a persistent Acknowledge button)
and the button itself: a DynamicItem whose custom_id (``cbm:ack:<ping id>``) carries all it needs, so it
works after a restart. Only the contact the ping went to can press it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import aiohttp
import discord

from bot.commchecks.delivery import Refused, TryLater
from bot.commchecks.service import PingMessage
from bot.services import answer_text as T
from cogs.adapter import COLOUR, NO_MENTIONS, RegistryCog, _cut
from cogs.buttons import PersistentButton
from storage.reference import supported_language

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


class AckButton(PersistentButton, template=r"cbm:ack:(?P<ping>[0-9]{1,18})"):
    """Built on the persistent-button base (cogs/buttons.py): a failure is logged and answered, never left
    as "This interaction failed"."""

    def __init__(self, ping_id: int, label: str = "Acknowledge") -> None:
        super().__init__(
            discord.ui.Button(label=label, style=discord.ButtonStyle.success, custom_id=f"cbm:ack:{ping_id}")
        )
        self.ping_id = ping_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Button[Any], match: Any
    ) -> AckButton:
        return cls(int(match["ping"]))

    async def press(self, interaction: discord.Interaction[Any]) -> None:
        app = interaction.client.app
        done = await app.commchecks.acknowledge_button(self.ping_id, interaction.user.id, app.now())
        if done is None:
            text = T.message("ack_not_yours", supported_language(str(interaction.locale)))
        else:
            title, sentence = done.page()
            text = f"**{title}**: {sentence}"
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)


class DiscordPingSender:
    """Pings as direct messages. Discord's errors map to the dispatcher's: a closed DM or an unknown user
    is :class:`Refused` (recorded for that contact and channel), rate limits, 5xx and the network are
    :class:`TryLater`. Every attempt carries the same nonce."""

    def __init__(self, bot: CbmBot) -> None:
        self.bot = bot

    def ready(self) -> bool:
        return self.bot.is_ready()

    def view(self, message: PingMessage) -> discord.ui.View:
        view = discord.ui.View(timeout=None)
        view.add_item(AckButton(message.ping_id, message.button))
        if message.link.startswith(("http://", "https://")):
            view.add_item(discord.ui.Button(label="Link", style=discord.ButtonStyle.link, url=message.link))
        return view

    async def send(self, message: PingMessage) -> None:
        if not message.address.isdigit():
            raise Refused(f"{message.address!r} is not a Discord user id")
        try:
            user_id = int(message.address)
            user = self.bot.get_user(user_id) or await self.bot.fetch_user(user_id)
            embed = discord.Embed(
                title=_cut(message.subject, 256), description=_cut(message.body, 4096), colour=COLOUR
            )
            await user.send(
                embed=embed, view=self.view(message), allowed_mentions=NO_MENTIONS, nonce=message.nonce
            )
        except discord.RateLimited as exc:
            raise TryLater(f"Discord rate limit: {exc}", retry_after=exc.retry_after) from exc
        except discord.Forbidden as exc:
            raise Refused("their direct messages are closed") from exc
        except discord.NotFound as exc:
            raise Refused(f"no such Discord user: {exc.text}") from exc
        except discord.HTTPException as exc:
            if exc.status == 429 or exc.status >= 500:
                raise TryLater(f"Discord error {exc.status}: {exc.text}") from exc
            raise Refused(f"Discord refused it ({exc.status}): {exc.text}") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise TryLater(f"network: {exc}") from exc


class CommChecksCog(RegistryCog, name="CommChecks"):
    heads = ("commcheck",)

    async def cog_load(self) -> None:
        await super().cog_load()
        self.bot.add_dynamic_items(AckButton)
        self.bot.app.ping_senders["discord"] = DiscordPingSender(self.bot)

    async def cog_unload(self) -> None:
        await super().cog_unload()
        self.bot.remove_dynamic_items(AckButton)
        if getattr(self.bot.app.ping_senders.get("discord"), "bot", None) is self.bot:
            del self.bot.app.ping_senders["discord"]


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(CommChecksCog(bot))

"""/settings as slash commands; loads the configured role ids so members are mapped to roles at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.adapter import RegistryCog

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


class SettingsCog(RegistryCog, name="Settings"):
    heads = ("settings",)

    async def cog_load(self) -> None:
        await super().cog_load()
        await self.bot.app.guilds.load_roles()


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(SettingsCog(bot))

"""/settings (admins) as slash commands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.adapter import RegistryCog

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


class SettingsCog(RegistryCog, name="Settings"):
    heads = ("settings",)


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(SettingsCog(bot))

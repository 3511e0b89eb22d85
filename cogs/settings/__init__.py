"""/settings as slash commands; loads the configured role ids so members are mapped to roles at once."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from cogs.adapter import RegistryCog

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


log = logging.getLogger(__name__)


class SettingsCog(RegistryCog, name="Settings"):
    heads = ("settings",)

    async def cog_load(self) -> None:
        await super().cog_load()
        try:
            await self.bot.app.guilds.load_roles()
        except Exception:  # the commands still work; members count by role name until this succeeds
            log.exception("could not load the configured roles")


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(SettingsCog(bot))

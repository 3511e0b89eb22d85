"""/feed as slash commands.

Discord cannot run a name that has subcommands, so the registry's `/feed` (links) and `/feed reset` become
`/feed links` and `/feed reset` here; the console and `cbmbot chat` take `/feed` and `/feed reset`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from discord import app_commands

from bot.commands import REGISTRY
from cogs.adapter import RegistryCog, build_command

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


class FeedsCog(RegistryCog, name="Feeds"):
    heads = ("feed",)

    def __init__(self, bot: CbmBot) -> None:
        super().__init__(bot)
        group = app_commands.Group(name="feed", description=REGISTRY.groups.get("feed", "Calendar feeds"))
        links = REGISTRY.commands["feed"]
        group.add_command(build_command(bot, replace(links, name=links.name_on("discord"))))
        for command in REGISTRY:
            if command.path[0] == "feed" and len(command.path) == 2:
                group.add_command(build_command(bot, command))
        self.tree_commands = [group]


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(FeedsCog(bot))

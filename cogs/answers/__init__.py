"""/ask as a slash command (mentions and DMs reach the same answers through cogs.mentions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.adapter import RegistryCog

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


class AnswersCog(RegistryCog, name="Answers"):
    heads = ("ask",)


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(AnswersCog(bot))

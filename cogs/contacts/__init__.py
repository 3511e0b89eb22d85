"""/contact, /contacts and /audit as slash commands: the Points of Contact directory (ephemeral replies)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.adapter import RegistryCog

if TYPE_CHECKING:
    from bot.discord_client import CbmBot


class ContactsCog(RegistryCog, name="Contacts"):
    heads = ("contact", "contacts", "audit")


async def setup(bot: CbmBot) -> None:
    await bot.add_cog(ContactsCog(bot))

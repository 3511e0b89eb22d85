"""/settings: the server's organiser and directory roles, time zone, reminder channel and the Scheduled
Events mirror. Everyone may read them; only admins change them."""

from __future__ import annotations

from typing import Any

from bot.commands.base import ChannelRef, Context, Field, Option, Reply, RoleRef
from bot.commands.registry import REGISTRY
from bot.errors import BadInput
from bot.services.guilds import GuildConfig
from bot.services.principal import Role

REGISTRY.group("settings", "Server settings")

CLEAR = Option("clear", bool, "Remove the setting (back to the default)")


def _need_guild(ctx: Context) -> int:
    if ctx.guild_id is None:
        raise BadInput("settings belong to a Discord server: use /settings there, not in a direct message")
    return ctx.guild_id


def settings_reply(ctx: Context, config: GuildConfig, text: str = "") -> Reply:
    def role(role_id: int | None, fallback: str) -> str:
        return f"<@&{role_id}>" if role_id else f"not set (nobody has the {fallback} role here)"

    fields = [
        Field("Trusted server", trust_text(ctx)),
        Field("Organiser role", role(config.organiser_role_id, "organiser")),
        Field("Directory role", role(config.directory_role_id, "directory")),
        Field("Time zone", config.timezone or f"not set ({ctx.app.settings.timezone}, the bot's default)"),
        Field(
            "Reminder channel",
            f"<#{config.reminder_channel_id}>" if config.reminder_channel_id else "not set",
        ),
        Field("Mirror to the Events tab", "on" if config.mirror_events else "off"),
    ]
    return Reply(
        title="Server settings", text=text, fields=fields, footer="Admins change them with /settings …"
    )


def trust_text(ctx: Context) -> str:
    """Whether roles and permissions in this server grant rights (CBMBOT_GUILD_IDS)."""
    settings = ctx.app.settings
    if not settings.guild_ids:
        return "no: CBMBOT_GUILD_IDS is not set, so no server is trusted and these settings grant nothing"
    if settings.trusted(ctx.guild_id):
        return "yes (in CBMBOT_GUILD_IDS): admins and the roles below have their rights here"
    return "no (not in CBMBOT_GUILD_IDS): everyone here is a plain member"


async def _change(ctx: Context, name: str, value: Any, label: str) -> Reply:
    guild_id = _need_guild(ctx)
    config, _before, after = await ctx.app.guilds.set(guild_id, name, value, ctx.principal, ctx.now)
    shown = "cleared" if after is None else "set"
    return settings_reply(ctx, config, f"{label} {shown}.")


@REGISTRY.command("settings show", "This server's settings", guild_only=True)
async def show(ctx: Context) -> Reply:
    return settings_reply(ctx, await ctx.app.guilds.get(_need_guild(ctx)))


@REGISTRY.command(
    "settings organiser-role",
    "The role whose members may add and change events",
    Option("role", RoleRef, "The organisers' role"),
    CLEAR,
    permission=Role.admin,
)
async def organiser_role(ctx: Context, role: RoleRef | None = None, clear: bool = False) -> Reply:
    return await _change(ctx, "organiser_role", _one(role, clear, "role"), "Organiser role")


@REGISTRY.command(
    "settings directory-role",
    "The role whose members may see the Points of Contact",
    Option("role", RoleRef, "The role that may read contacts"),
    CLEAR,
    permission=Role.admin,
)
async def directory_role(ctx: Context, role: RoleRef | None = None, clear: bool = False) -> Reply:
    return await _change(ctx, "directory_role", _one(role, clear, "role"), "Directory role")


@REGISTRY.command(
    "settings timezone",
    "The zone event dates are read in when none is given",
    Option("zone", str, "IANA zone, e.g. Europe/Vienna", autocomplete="timezone"),
    CLEAR,
    permission=Role.admin,
)
async def timezone(ctx: Context, zone: str | None = None, clear: bool = False) -> Reply:
    return await _change(ctx, "timezone", _one(zone, clear, "zone"), "Time zone")


@REGISTRY.command(
    "settings reminder-channel",
    "The channel where event reminders are posted",
    Option("channel", ChannelRef, "A text channel"),
    CLEAR,
    permission=Role.admin,
)
async def reminder_channel(ctx: Context, channel: ChannelRef | None = None, clear: bool = False) -> Reply:
    # The channel is a reminder setting (kept once, where the reminders read it): the same change as
    # /settings reminders channel:, with the guild's reminders planned from it.
    guild_id = _need_guild(ctx)
    value = _one(channel, clear, "channel")
    await ctx.app.reminders.configure_guild(
        guild_id, ctx.principal, ctx.now, channel_id=value, clear_channel=value is None
    )
    shown = "cleared" if value is None else "set"
    return settings_reply(ctx, await ctx.app.guilds.get(guild_id), f"Reminder channel {shown}.")


@REGISTRY.command(
    "settings mirror",
    "Mirror upcoming events into this server's Events tab",
    Option("enabled", bool, "On or off", required=True),
    permission=Role.admin,
)
async def mirror(ctx: Context, enabled: bool) -> Reply:
    reply = await _change(ctx, "mirror_events", enabled, "Mirror")
    reply.text = (
        "Upcoming events will be mirrored into the Events tab (the bot needs the Manage Events permission)."
        if enabled
        else "Mirror off: the events the bot created in the Events tab are removed."
    )
    return reply


def _one(value: Any, clear: bool, what: str) -> Any:
    if clear and value is not None:
        raise BadInput(f"give a {what} or clear:true, not both")
    if not clear and value is None:
        raise BadInput(f"give a {what}, or clear:true to remove the setting")
    return None if clear else value

"""/settings: a server's settings, every command built from the one declaration
(bot.services.guilds.SETTINGS): its organiser and directory roles, time zone, the Events-tab mirror and the
reminder settings. Everyone may read them (/settings show); only admins change them."""

from __future__ import annotations

import re
from typing import Any

from bot.commands.base import ChannelRef, Context, Field, Option, Reply, RoleRef
from bot.commands.registry import REGISTRY
from bot.errors import BadInput
from bot.reminders.timing import parse_offset
from bot.services.guilds import REMINDERS, SETTINGS, GuildConfig, Setting, show_value
from bot.services.principal import Role

REGISTRY.group("settings", "Server settings")

LOCAL = frozenset({"console", "cli"})
_SNOWFLAKE = re.compile(r"^\s*([0-9]{1,20})\s*$")
_TYPES: dict[str, dict[str, Any]] = {
    "role": {"type": RoleRef},
    "channel": {"type": ChannelRef},
    "zone": {"type": str, "autocomplete": "timezone", "max_length": 64},
    "bool": {"type": bool},
    "offsets": {"type": str, "max_length": 100},
    "kinds": {"type": str, "max_length": 200},
    "countries": {"type": str, "max_length": 500, "autocomplete": "countries"},
    "weekday": {
        "type": str,
        "choices": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    },
    "clock": {"type": str, "max_length": 5},
}
# A server named by its id, where no server is at hand (console, cbmbot chat). Discord ids exceed 2^53, so
# it is text (digits), never a number option.
GUILD = Option("guild", str, "Server id (console and CLI only)", max_length=20, transports=LOCAL)


def option_for(setting: Setting, *, required: bool = False) -> Option:
    return Option(setting.option, description=setting.description, required=required, **_TYPES[setting.type])


def guild_of(ctx: Context, given: str | None = None) -> int:
    if ctx.guild_id is not None:
        return ctx.guild_id
    if given:
        match = _SNOWFLAKE.match(given)
        if not match or not 0 < int(match[1]) < 2**64:
            raise BadInput(f"guild must be a server id (its digits), not {given!r}")
        return int(match[1])
    raise BadInput(
        "settings belong to a Discord server: use /settings there (or give guild:ID in the console)"
    )


def settings_reply(
    ctx: Context, config: GuildConfig, text: str = "", *, only: tuple[Setting, ...] = SETTINGS
) -> Reply:
    fields = [Field("Trusted server", trust_text(ctx))] if only is SETTINGS else []
    for setting in only:
        value = config[setting.name]
        shown = show_value(setting, value)
        if setting.type == "offsets" and value:
            shown = ", ".join(parse_offset(o).label for o in value)
        if setting.name == "timezone" and not value:
            shown = f"not set ({ctx.app.settings.timezone}, the bot's default)"
        fields.append(Field(setting.label, shown, inline=setting.store == REMINDERS))
    if any(s.store == REMINDERS for s in only) and not config.reminders_set_up:
        text = text or "Reminders are not set up for this server: /settings reminders channel:#channel"
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


@REGISTRY.command("settings show", "This server's settings", GUILD, guild_only=True)
async def show(ctx: Context, guild: str | None = None) -> Reply:
    return settings_reply(ctx, await ctx.app.guilds.get(guild_of(ctx, guild)))


# ------------------------------------------------------------------------------ one setting, one command

CLEAR = Option("clear", bool, "Remove the setting (back to the default)")


def _one(value: Any, clear: bool, what: str) -> Any:
    if clear and value is not None:
        raise BadInput(f"give a {what} or clear:true, not both")
    if not clear and value is None:
        raise BadInput(f"give a {what}, or clear:true to remove the setting")
    return None if clear else value


def _declare_single(name: str, command: str, description: str, done: Any) -> None:
    """/settings COMMAND OPTION:value [clear:true] for one declared setting. ``done(value)`` says what
    happened."""
    setting = _BY_NAME[name]
    options = [option_for(setting, required=not setting.clearable)]
    if setting.clearable:
        options.append(CLEAR)

    async def change(ctx: Context, clear: bool = False, guild: str | None = None, **given: Any) -> Reply:
        value = given.get(setting.option)
        if setting.clearable:
            value = _one(value, clear, setting.option)
        config = await ctx.app.guilds.change(guild_of(ctx, guild), {name: value}, ctx.principal, ctx.now)
        return settings_reply(ctx, config, done(value))

    REGISTRY.command(
        f"settings {command}",
        description,
        *options,
        GUILD,
        permission=setting.permission,
        guild_only=True,
        slow=setting.store == REMINDERS,  # the reminders are planned again
    )(change)


def _set_or_cleared(label: str) -> Any:
    return lambda value: f"{label} {'cleared' if value is None else 'set'}."


_BY_NAME = {s.name: s for s in SETTINGS}
_declare_single(
    "organiser_role",
    "organiser-role",
    "The role whose members may add and change events",
    _set_or_cleared("Organiser role"),
)
_declare_single(
    "directory_role",
    "directory-role",
    "The role whose members may see the Points of Contact",
    _set_or_cleared("Directory role"),
)
_declare_single(
    "timezone",
    "timezone",
    "The zone event dates are read in when none is given",
    _set_or_cleared("Time zone"),
)
_declare_single(
    "mirror_events",
    "mirror",
    "Mirror upcoming events into this server's Events tab",
    lambda on: (
        "Upcoming events will be mirrored into the Events tab (the bot needs the Manage Events permission)."
        if on
        else "Mirror off: the events the bot created in the Events tab are removed."
    ),
)
# The same setting as /settings reminders channel:, with a command of its own.
_declare_single(
    "reminder_channel",
    "reminder-channel",
    "The channel where event reminders are posted",
    _set_or_cleared("Reminder channel"),
)


# ------------------------------------------------------------------------------ the reminder settings

REMINDER_SETTINGS = tuple(s for s in SETTINGS if s.command == "reminders")
CLEARABLE = tuple(s.option for s in REMINDER_SETTINGS if s.clearable)


async def settings_reminders(
    ctx: Context, guild: str | None = None, clear: str | None = None, **given: Any
) -> Reply:
    guild_id = guild_of(ctx, guild)
    changes: dict[str, Any] = {}
    for setting in REMINDER_SETTINGS:
        value = given.get(setting.option)
        if value is None:
            continue
        if setting.type in ("kinds", "countries") and str(value).strip().lower() == "all":
            value = ""
        changes[setting.name] = value
    if clear is not None:
        setting = next(s for s in REMINDER_SETTINGS if s.option == clear)
        if setting.name in changes:
            raise BadInput(f"give a {clear} or clear:{clear}, not both")
        changes[setting.name] = None
    if not changes:
        return settings_reply(ctx, await ctx.app.guilds.get(guild_id), only=REMINDER_SETTINGS)
    config = await ctx.app.guilds.change(guild_id, changes, ctx.principal, ctx.now)
    return settings_reply(
        ctx, config, "Saved. Reminders for upcoming events were planned again.", only=REMINDER_SETTINGS
    )


REGISTRY.command(
    "settings reminders",
    "Reminder channel, times before events, role to ping, filters, weekly digest",
    *(option_for(s) for s in REMINDER_SETTINGS),
    Option("clear", str, "Remove one of these settings", choices=CLEARABLE),
    GUILD,
    permission=Role.admin,
    ephemeral=True,
    slow=True,  # re-plans the reminders of every upcoming event
    guild_only=True,
)(settings_reminders)

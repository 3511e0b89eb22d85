"""/settings: a server's settings, every command built from the one declaration
(bot.services.guilds.SETTINGS): its organiser and directory roles, time zone, the Events-tab mirror, the
language of its channel posts and the reminder settings. Everyone may read them (/settings show); only
admins change them."""

from __future__ import annotations

import re
from typing import Any

from bot.commands.base import ChannelRef, Context, Field, Option, Reply, RoleRef
from bot.commands.events import kind_label
from bot.commands.locales import named, shown_name
from bot.commands.registry import REGISTRY
from bot.errors import BadInput
from bot.reminders.timing import parse_offset
from bot.services import answer_text as T
from bot.services.guilds import REMINDERS, SETTINGS, GuildConfig, Setting, Unchanged, show_value
from bot.services.principal import Role
from storage.reference import LANGUAGES, supported_language

REGISTRY.group("settings", "Server settings")

LOCAL = frozenset({"console", "cli"})
_SNOWFLAKE = re.compile(r"^\s*([0-9]{1,20})\s*$")
_TYPES: dict[str, dict[str, Any]] = {
    "role": {"type": RoleRef},
    "channel": {"type": ChannelRef},
    "zone": {"type": str, "autocomplete": "timezone", "max_length": 64},
    "bool": {"type": bool},
    "language": {"type": str, "choices": LANGUAGES},
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
            raise BadInput(key="guild_id_digits", raw=repr(given))
        return int(match[1])
    raise BadInput(key="guild_settings_where")


def label(setting: Setting, lang: str) -> str:
    """A setting's name as /settings show writes it, in the reader's language."""
    return T.declared(setting.label, f"setting_{setting.name}", lang)


async def shown_value(ctx: Context, setting: Setting, value: Any, lang: str) -> str:
    """A setting's value in the reader's language (roles and channels as mentions, zones and times as
    they are)."""
    if setting.type == "offsets" and value:
        return T.durations([parse_offset(o).words(lang) for o in value], lang)
    if setting.name == "timezone" and not value:
        return T.message("setting_default_zone", lang, zone=ctx.app.settings.timezone)
    if lang == "en":
        return show_value(setting, value)
    if value is None or value == [] or value == "":
        return T.declared(setting.unset, f"setting_unset_{setting.name}", lang, fallback="setting_unset")
    if setting.type in ("role", "channel", "zone", "clock"):
        return show_value(setting, value)
    if setting.type == "bool":
        return T.message("setting_on" if value else "setting_off", lang)
    if setting.type == "weekday":
        return T.weekday_name(int(value), lang)
    if setting.type == "language":
        return f"{T.language_name(str(value), lang)} ({value})"
    if setting.type == "kinds":
        return ", ".join(kind_label(k, lang) for k in value)
    if setting.type == "countries":
        return ", ".join(await ctx.app.answers.country_names_by_name(value, lang))
    return show_value(setting, value)


async def settings_reply(
    ctx: Context, config: GuildConfig, text: str = "", *, only: tuple[Setting, ...] = SETTINGS
) -> Reply:
    lang = supported_language(ctx.locale)
    fields = [Field(T.message("setting_trusted", lang), trust_text(ctx, lang))] if only is SETTINGS else []
    for setting in only:
        shown = await shown_value(ctx, setting, config[setting.name], lang)
        fields.append(Field(label(setting, lang), shown, inline=setting.store == REMINDERS))
    if any(s.store == REMINDERS for s in only) and not config.reminders_set_up:
        command = named(ctx, "settings reminders", lang)
        text = text or T.message("setting_reminders_off", lang, command=command)
    return Reply(
        lang=lang,
        title=T.message("setting_title", lang),
        text=text,
        fields=fields,
        footer=T.message("setting_footer", lang, command="/" + shown_name("settings", lang)),
    )


async def apply_changes(ctx: Context, guild_id: int, changes: dict[str, Any], lang: str) -> GuildConfig:
    """``ctx.app.guilds.change``, its "nothing changed" said in the reader's language."""
    try:
        return await ctx.app.guilds.change(guild_id, changes, ctx.principal, ctx.now)
    except Unchanged as same:
        if lang == "en":
            raise
        shown = [
            T.message("setting_already", lang, label=label(s, lang), value=await shown_value(ctx, s, v, lang))
            for s, v in same.values
        ]
        raise BadInput(T.message("setting_unchanged", lang, shown="; ".join(shown))) from None


def trust_text(ctx: Context, lang: str = "en") -> str:
    """Whether roles and permissions in this server grant rights (CBMBOT_GUILD_IDS)."""
    settings = ctx.app.settings
    if not settings.guild_ids:
        return T.message("setting_trust_unset", lang)
    if settings.trusted(ctx.guild_id):
        return T.message("setting_trust_yes", lang)
    return T.message("setting_trust_no", lang)


@REGISTRY.command("settings show", "This server's settings", GUILD, guild_only=True)
async def show(ctx: Context, guild: str | None = None) -> Reply:
    return await settings_reply(ctx, await ctx.app.guilds.get(guild_of(ctx, guild)))


# ------------------------------------------------------------------------------ one setting, one command

CLEAR = Option("clear", bool, "Remove the setting (back to the default)")


def _one(value: Any, clear: bool, what: str, lang: str = "en") -> Any:
    if clear and value is not None:
        raise BadInput(T.message("setting_not_both", lang, what=what))
    if not clear and value is None:
        raise BadInput(T.message("setting_give", lang, what=what))
    return None if clear else value


def _declare_single(name: str, command: str, description: str, done: Any) -> None:
    """/settings COMMAND OPTION:value [clear:true] for one declared setting. ``done(value, lang)`` says
    what happened."""
    setting = _BY_NAME[name]
    options = [option_for(setting, required=not setting.clearable)]
    if setting.clearable:
        options.append(CLEAR)

    async def change(ctx: Context, clear: bool = False, guild: str | None = None, **given: Any) -> Reply:
        lang = supported_language(ctx.locale)
        value = given.get(setting.option)
        if setting.clearable:
            value = _one(value, clear, setting.option, lang)
        config = await apply_changes(ctx, guild_of(ctx, guild), {name: value}, lang)
        return await settings_reply(ctx, config, done(value, lang))

    REGISTRY.command(
        f"settings {command}",
        description,
        *options,
        GUILD,
        permission=setting.permission,
        guild_only=True,
        slow=setting.store == REMINDERS,  # the reminders are planned again
    )(change)


def _set_or_cleared(name: str) -> Any:
    """ "Organiser role set." / "Time zone cleared.", the setting named by its label."""
    return lambda value, lang: T.message(
        "setting_cleared" if value is None else "setting_set", lang, label=label(_BY_NAME[name], lang)
    )


_BY_NAME = {s.name: s for s in SETTINGS}
_declare_single(
    "organiser_role",
    "organiser-role",
    "The role whose members may add and change events",
    _set_or_cleared("organiser_role"),
)
_declare_single(
    "directory_role",
    "directory-role",
    "The role whose members may see the Points of Contact",
    _set_or_cleared("directory_role"),
)
_declare_single(
    "timezone",
    "timezone",
    "The zone event dates are read in when none is given",
    _set_or_cleared("timezone"),
)
_declare_single(
    "mirror_events",
    "mirror",
    "Mirror upcoming events into this server's Events tab",
    lambda on, lang: T.message("setting_mirror_on" if on else "setting_mirror_off", lang),
)
_declare_single(
    "language",
    "language",
    "The language of what the bot posts in this server's channels",
    _set_or_cleared("language"),
)
# The same setting as /settings reminders channel:, with a command of its own.
_declare_single(
    "reminder_channel",
    "reminder-channel",
    "The channel where event reminders are posted",
    _set_or_cleared("reminder_channel"),
)


# ------------------------------------------------------------------------------ the reminder settings

REMINDER_SETTINGS = tuple(s for s in SETTINGS if s.command == "reminders")
CLEARABLE = tuple(s.option for s in REMINDER_SETTINGS if s.clearable)


async def settings_reminders(
    ctx: Context, guild: str | None = None, clear: str | None = None, **given: Any
) -> Reply:
    guild_id = guild_of(ctx, guild)
    lang = supported_language(ctx.locale)
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
            raise BadInput(T.message("setting_not_both_clear", lang, what=clear))
        changes[setting.name] = None
    if not changes:
        return await settings_reply(ctx, await ctx.app.guilds.get(guild_id), only=REMINDER_SETTINGS)
    config = await apply_changes(ctx, guild_id, changes, lang)
    return await settings_reply(ctx, config, T.message("setting_saved", lang), only=REMINDER_SETTINGS)


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

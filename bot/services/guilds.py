"""Per-guild settings, declared once (:data:`SETTINGS`): the organiser and directory roles, the guild's time
zone, the Scheduled Events mirror, the language of its channel posts and the reminder settings (channel,
times, role, filters, digest). Absent values fall back to the declaration's defaults and the bot's
configuration."""

from __future__ import annotations

import calendar
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, Forbidden
from bot.services.answer_text import declared, language_name
from bot.services.principal import Principal, Role
from bot.timeutil import zone
from storage.models import GuildSettings, ReminderSettings
from storage.reference import LANGUAGES, supported_language
from storage.repositories import AuditRepository, GuildSettingsRepository

log = logging.getLogger(__name__)

GUILD, REMINDERS = "guild", "reminders"  # where a setting is kept: guild_settings or reminder_settings


@dataclass(frozen=True)
class Setting:
    """One setting of a Discord server, declared once: what it is called and shown as, its type, who may
    change it and where it is kept. /settings …, /settings show and GuildConfig are all served from
    :data:`SETTINGS`."""

    name: str  # the setting's name in chat, the audit log and GuildService.change
    label: str  # as shown by /settings show
    type: str  # role, channel, zone, bool, language, offsets, kinds, countries, weekday, clock
    store: str  # GUILD (guild_settings) or REMINDERS (reminder_settings, re-planned by the reminders)
    column: str  # the column in that store
    description: str  # the option's description
    option: str  # the option's name in its /settings command
    command: str  # the /settings subcommand that changes it ("reminders" holds several)
    permission: Role = Role.admin
    default: Any = None  # the value when nothing is stored
    unset: str = "not set"  # shown when the value is empty
    clearable: bool = True  # may be removed (back to the default)


SETTINGS: tuple[Setting, ...] = (
    Setting("organiser_role", "Organiser role", "role", GUILD, "organiser_role_id",
            "The organisers' role", "role", "organiser-role",
            unset="not set (members with a role named 'organiser' count)"),
    Setting("directory_role", "Directory role", "role", GUILD, "directory_role_id",
            "The role that may read contacts", "role", "directory-role",
            unset="not set (members with a role named 'directory' count)"),
    Setting("timezone", "Time zone", "zone", GUILD, "timezone",
            "IANA zone, e.g. Europe/Vienna", "zone", "timezone", unset="not set (the bot's default)"),
    Setting("mirror_events", "Mirror to the Events tab", "bool", GUILD, "mirror_events",
            "On or off", "enabled", "mirror", default=False, clearable=False),
    Setting("language", "Language of channel posts", "language", GUILD, "language",
            "en, de, fr, it or ru", "language", "language", default="en", clearable=False),
    Setting("reminder_channel", "Reminder channel", "channel", REMINDERS, "channel_id",
            "The channel where event reminders are posted", "channel", "reminders"),
    Setting("reminders_enabled", "Reminders", "bool", REMINDERS, "enabled",
            "Reminders on or off", "enabled", "reminders", default=True, clearable=False),
    Setting("reminder_offsets", "Before each event", "offsets", REMINDERS, "offsets",
            "Times before each event, e.g. 7d,1d,1h", "offsets", "reminders",
            default=["7d", "1d", "1h"], clearable=False),
    Setting("reminder_role", "Role pinged", "role", REMINDERS, "role_id",
            "Role to ping with reminders", "role", "reminders", unset="none"),
    Setting("reminder_kinds", "Kinds", "kinds", REMINDERS, "kinds",
            "Only these kinds (comma-separated), or all", "kinds", "reminders", default=[], unset="all"),
    Setting("reminder_countries", "Countries", "countries", REMINDERS, "countries",
            "Only events with these countries (comma-separated), or all", "countries", "reminders",
            default=[], unset="all"),
    Setting("digest", "Weekly digest", "bool", REMINDERS, "digest_enabled",
            "Post a weekly digest of the coming week's events", "digest", "reminders", default=True,
            clearable=False),
    Setting("digest_day", "Digest day", "weekday", REMINDERS, "digest_weekday",
            "Weekday of the digest", "digest_day", "reminders", default=0, clearable=False),
    Setting("digest_time", "Digest time", "clock", REMINDERS, "digest_time",
            "Time of the digest, HH:MM in the server's zone", "digest_time", "reminders",
            default="09:00", clearable=False),
)  # fmt: skip
BY_NAME = {s.name: s for s in SETTINGS}


def show_value(setting: Setting, value: Any) -> str:
    """A setting's value as chat shows it (roles and channels as mentions: never pinged)."""
    if value is None or value == [] or value == "":
        return setting.unset
    if setting.type == "role":
        return f"<@&{value}>"
    if setting.type == "channel":
        return f"<#{value}>"
    if setting.type == "bool":
        return "on" if value else "off"
    if setting.type == "weekday":
        return calendar.day_name[int(value)]
    if setting.type == "language":
        return f"{language_name(str(value), 'en')} ({value})"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def said_label(setting: Setting) -> Callable[[str], str]:
    """A setting's name inside a refusal, in a language: "time zone" (its English label, lower-case),
    "Zeitzone", "Fuso orario" (the label /settings show writes)."""
    return lambda lang: declared(setting.label.lower(), f"setting_{setting.name}", lang)


class Unchanged(BadInput):
    """Every setting given already has that value (``values``: each setting with it)."""

    def __init__(self, values: list[tuple[Setting, Any]]) -> None:
        self.values = values
        shown = "; ".join(f"{s.label.lower()} is already {show_value(s, value)}" for s, value in values)
        super().__init__(f"nothing changed: {shown}")


@dataclass(frozen=True)
class GuildConfig:
    """A guild's settings as plain values (no session attached), by setting name."""

    guild_id: int
    values: dict[str, Any]
    reminders_set_up: bool = False  # a reminder_settings row exists

    @classmethod
    async def load(cls, session: AsyncSession, guild_id: int) -> GuildConfig:
        """Every declared setting, each read from where the declaration says it is kept."""
        rows = {
            GUILD: await GuildSettingsRepository(session).get(guild_id),
            REMINDERS: await session.get(ReminderSettings, guild_id),
        }
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            row = rows[setting.store]
            value = getattr(row, setting.column) if row is not None else None
            values[setting.name] = setting.default if value is None else value
        return cls(guild_id, values, rows[REMINDERS] is not None)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    @property
    def timezone(self) -> str | None:
        return self.values["timezone"]

    @property
    def organiser_role_id(self) -> int | None:
        return self.values["organiser_role"]

    @property
    def directory_role_id(self) -> int | None:
        return self.values["directory_role"]

    @property
    def reminder_channel_id(self) -> int | None:
        return self.values["reminder_channel"]

    @property
    def mirror_events(self) -> bool:
        return bool(self.values["mirror_events"])

    @property
    def language(self) -> str:
        """The language of the guild's channel posts (en, de, fr, it, ru)."""
        return supported_language(self.values["language"])


# The reminder settings are written by the reminders (which re-plan in the same transaction):
# setting name -> (keyword of ReminderService.configure_guild, keyword that clears it).
_REMINDER_KEYWORDS = {
    "reminder_channel": ("channel_id", "clear_channel"),
    "reminders_enabled": ("enabled", None),
    "reminder_offsets": ("offsets", None),
    "reminder_role": ("role_id", "clear_role"),
    "reminder_kinds": ("kinds", None),
    "reminder_countries": ("countries", None),
    "digest": ("digest", None),
    "digest_day": ("digest_day", None),
    "digest_time": ("digest_time", None),
}


class GuildService:
    def __init__(self, db: async_sessionmaker[AsyncSession]) -> None:
        self.db = db
        # The reminders keep the reminder settings (App sets this): they re-plan when these change.
        self.reminders: Any = None
        # Role ids by guild, for mapping members to roles on every interaction without a query. Filled by
        # load_roles() when the Discord client starts and kept in step by every change made here.
        self._roles: dict[int, tuple[int | None, int | None]] = {}
        # Called with (guild id, setting name) after a change is committed (the mirror listens).
        self.listeners: list[Callable[[int, str], None]] = []

    async def get(self, guild_id: int) -> GuildConfig:
        async with self.db() as session:
            return await GuildConfig.load(session, guild_id)

    async def zone_for(self, guild_id: int | None, default: ZoneInfo) -> ZoneInfo:
        """The guild's zone when one is set, else ``default`` (the bot's CBMBOT_TIMEZONE)."""
        if guild_id is None:
            return default
        config = await self.get(guild_id)
        return zone(config.timezone) if config.timezone else default

    async def set(
        self, guild_id: int | None, name: str, value: Any, actor: Principal, now: dt.datetime
    ) -> tuple[GuildConfig, Any, Any]:
        """Change one setting (``None`` clears it): (settings after, value before, value after)."""
        before = (await self.get(guild_id)).values.get(name) if guild_id is not None else None
        config = await self.change(guild_id, {name: value}, actor, now)
        return config, before, config.values.get(name)

    async def change(
        self, guild_id: int | None, changes: dict[str, Any], actor: Principal, now: dt.datetime
    ) -> GuildConfig:
        """Change some settings of one store at once (``None`` clears a setting); all or nothing."""
        if guild_id is None:
            raise BadInput(key="guild_settings_in_dm")
        if not changes:
            raise BadInput(key="guild_say_which")
        declared = []
        for name in changes:
            setting = BY_NAME.get(name)
            if setting is None:
                raise BadInput(key="guild_no_setting", raw=repr(name), names=", ".join(BY_NAME))
            if not actor.has(setting.permission):
                if setting.permission == Role.admin:
                    raise Forbidden(key="guild_setting_for_admins", label=said_label(setting))
                role = f"{setting.permission}"
                raise Forbidden(key="guild_setting_for", label=said_label(setting), role=role)
            if changes[name] is None and not setting.clearable:
                raise BadInput(key="guild_not_clearable", label=said_label(setting))
            declared.append(setting)
        stores = {s.store for s in declared}
        if len(stores) > 1:
            raise BadInput(key="guild_separately")
        if stores == {REMINDERS}:
            await self._change_reminders(guild_id, changes, actor, now)
        else:
            await self._change_guild(guild_id, declared, changes, actor, now)
        async with self.db() as session:
            config = await GuildConfig.load(session, guild_id)
        self._roles[guild_id] = (config.organiser_role_id, config.directory_role_id)
        for name in changes:
            for listener in list(self.listeners):
                try:
                    listener(guild_id, name)
                except Exception:
                    log.exception("a settings listener failed")
        return config

    async def _change_reminders(
        self, guild_id: int, changes: dict[str, Any], actor: Principal, now: dt.datetime
    ) -> None:
        if self.reminders is None:
            raise BadInput(key="guild_no_reminders")
        kwargs: dict[str, Any] = {}
        for name, value in changes.items():
            keyword, clear = _REMINDER_KEYWORDS[name]
            if value is None and clear is not None:
                kwargs[clear] = True
            elif BY_NAME[name].type in ("role", "channel"):
                kwargs[keyword] = _snowflake(value, BY_NAME[name])
            else:
                kwargs[keyword] = value
        await self.reminders.configure_guild(guild_id, actor, now, **kwargs)

    async def _change_guild(
        self,
        guild_id: int,
        declared: list[Setting],
        changes: dict[str, Any],
        actor: Principal,
        now: dt.datetime,
    ) -> None:
        values = {s.name: _checked(s, changes[s.name]) for s in declared}
        async with self.db.begin() as session:
            row = await GuildSettingsRepository(session).get_or_create(guild_id, now)
            changed = {}
            for setting in declared:
                before, after = getattr(row, setting.column), values[setting.name]
                if before != after:
                    setattr(row, setting.column, after)
                    changed[setting.name] = (before, after)
            if not changed:
                raise Unchanged([(s, values[s.name]) for s in declared])
            row.updated_at = now
            await session.flush()
            for name, (before, after) in changed.items():
                await AuditRepository(session).record(
                    at=now,
                    actor=actor.audit_name,
                    action="settings.update",
                    entity="guild",
                    entity_id=guild_id,
                    details={"setting": name, "before": before, "after": after},
                )

    async def load_roles(self) -> None:
        async with self.db() as session:
            rows = await session.execute(
                select(
                    GuildSettings.guild_id, GuildSettings.organiser_role_id, GuildSettings.directory_role_id
                )
            )
            self._roles = {g: (o, d) for g, o, d in rows.all()}

    def role_ids(self, guild_id: int | None) -> tuple[int | None, int | None]:
        """(organiser role id, directory role id) configured for the guild, from memory."""
        if guild_id is None:
            return None, None
        return self._roles.get(guild_id, (None, None))

    async def mirrored_guilds(self) -> list[int]:
        async with self.db() as session:
            rows = await session.scalars(
                select(GuildSettings.guild_id).where(GuildSettings.mirror_events.is_(True))
            )
            return list(rows.all())


def _snowflake(value: Any, setting: Setting) -> int:
    number = int(value)
    if not 0 < number < 2**64:
        raise BadInput(key="guild_not_an_id", label=said_label(setting))
    return number


def _checked(setting: Setting, value: Any) -> Any:
    """A value for a setting kept in guild_settings, in the column's type."""
    if value is None:
        return None
    if setting.type == "zone":
        return zone(str(value).strip()).key
    if setting.type in ("role", "channel"):
        return _snowflake(value, setting)
    if setting.type == "bool":
        return bool(value)
    if setting.type == "language":
        code = str(value).strip().lower()
        if code not in LANGUAGES:
            raise BadInput(key="setting_language_unknown", raw=repr(value), languages=", ".join(LANGUAGES))
        return code
    raise BadInput(key="guild_not_server_setting", label=said_label(setting))  # pragma: no cover

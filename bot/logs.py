"""Where logging is configured (`cbmbot` calls :func:`configure_logging` once): the secret filter, the
request and command ids, and the two formats (readable text by default, one JSON object per line with
CBMBOT_LOG_FORMAT=json).

Secrets travel in URL paths: private feed links (`/feeds/private/<token>.ics`) and acknowledgement links
(`/ack/<token>`). Only their hashes are stored, so a token in a log line would undo that: every handler
installed here carries :class:`RedactSecrets`, which rewrites the message, its arguments and any traceback
text before a formatter sees them, so it applies to both formats. Other code that writes text somewhere
(crash files, reports) uses :func:`redact`.

Every record carries the id of the HTTP request or chat command being served (`request_id`, `command_id`,
set by bot/metrics.py around each request and command).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.settings import Settings

REDACTED = "[redacted]"

# A path segment that is a secret: what follows these prefixes up to the next /, ?, #, quote or space.
_SECRET_PATHS = re.compile(r"(/feeds/private/|/ack/)([^/?#\s\"'<>]+?)(\.ics)?(?=$|[/?#\s\"'<>),;])")
# Query parameters that carry secrets, should a link ever be written that way.
_SECRET_QUERY = re.compile(r"([?&](?:token|key|secret)=)([^&#\s\"'<>]+)", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with every secret token replaced by ``[redacted]`` (the path's shape stays readable)."""
    if "/" not in text and "=" not in text:
        return text
    text = _SECRET_PATHS.sub(lambda m: f"{m.group(1)}{REDACTED}{m.group(3) or ''}", text)
    return _SECRET_QUERY.sub(lambda m: f"{m.group(1)}{REDACTED}", text)


class RedactSecrets(logging.Filter):
    """A handler filter: the record's message, arguments, traceback and stack text, redacted.

    The message is rendered once (``getMessage``) and the arguments dropped, so what any formatter writes
    (plain text now, JSON later) comes from the redacted text."""

    _traceback = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the raw pieces, redacted
            message = f"{record.msg} {record.args}"
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._traceback.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


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


def make_handler(target: Any, log_format: str | logging.Formatter | None = None) -> logging.Handler:
    """A handler (or a stream, wrapped in a StreamHandler) with our format (``"text"``, ``"json"`` or a
    formatter), the request and command ids and the secret filter: every handler we install goes
    through this."""
    handler = target if isinstance(target, logging.Handler) else logging.StreamHandler(target)
    formatter = (
        log_format if isinstance(log_format, logging.Formatter) else make_formatter(log_format or "text")
    )
    handler.setFormatter(formatter)
    if not any(isinstance(f, ContextIds) for f in handler.filters):
        handler.addFilter(ContextIds())
    if not any(isinstance(f, RedactSecrets) for f in handler.filters):
        handler.addFilter(RedactSecrets())
    return handler


def configure_logging(settings: Settings, *, command: str, console: bool = False) -> None:
    """Logs go to standard error, as text or JSON (CBMBOT_LOG_FORMAT). In the console chat in a terminal,
    only warnings do (the rest would break into the conversation) and the full log goes to
    $CBMBOT_DATA_DIR/cbmbot.log, unless CBMBOT_LOG_LEVEL was set explicitly. Commands other than `run`
    log warnings and worse."""
    level = getattr(logging, settings.log_level)
    if command != "run":
        level = max(level, logging.WARNING)
    stderr = make_handler(sys.stderr, settings.log_format)
    handlers: list[logging.Handler] = [stderr]
    if console and "log_level" not in settings.model_fields_set:
        stderr.setLevel(logging.WARNING)
        try:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            log_file = logging.FileHandler(settings.data_dir / "cbmbot.log", encoding="utf-8")
            handlers.append(make_handler(log_file, settings.log_format))
        except OSError:
            pass
    logging.basicConfig(level=level, handlers=handlers)
    logging.getLogger("discord").setLevel(max(level, logging.INFO))
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if command == "db":
        logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)

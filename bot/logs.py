"""Where logging is configured (`cbmbot` calls :func:`configure_logging` once), and the secret filter.

Secrets travel in URL paths: private feed links (`/feeds/private/<token>.ics`) and acknowledgement links
(`/ack/<token>`). Only their hashes are stored, so a token in a log line would undo that: every handler
installed here carries :class:`RedactSecrets`, which rewrites the message, its arguments and any traceback
text before a formatter sees them. Other code that writes text somewhere (crash files, reports) uses
:func:`redact`.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
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


def make_handler(handler: logging.Handler, formatter: logging.Formatter | None = None) -> logging.Handler:
    """``handler`` with our format and the secret filter (every handler we install goes through this)."""
    handler.setFormatter(formatter or logging.Formatter(FORMAT))
    if not any(isinstance(f, RedactSecrets) for f in handler.filters):
        handler.addFilter(RedactSecrets())
    return handler


def configure_logging(settings: Settings, *, command: str, console: bool = False) -> None:
    """Logs go to standard error. In the console chat in a terminal, only warnings do (the rest would
    break into the conversation) and the full log goes to $CBMBOT_DATA_DIR/cbmbot.log, unless
    CBMBOT_LOG_LEVEL was set explicitly. Commands other than `run` log warnings and worse."""
    level = getattr(logging, settings.log_level)
    if command != "run":
        level = max(level, logging.WARNING)
    stderr = make_handler(logging.StreamHandler(sys.stderr))
    handlers: list[logging.Handler] = [stderr]
    if console and "log_level" not in settings.model_fields_set:
        stderr.setLevel(logging.WARNING)
        try:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            handlers.append(
                make_handler(logging.FileHandler(settings.data_dir / "cbmbot.log", encoding="utf-8"))
            )
        except OSError:
            pass
    logging.basicConfig(level=level, handlers=handlers)
    logging.getLogger("discord").setLevel(max(level, logging.INFO))
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if command == "db":
        logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)

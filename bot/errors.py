"""Errors users see. Their message is one plain sentence; the CLI exits 2 for them."""

from __future__ import annotations

from collections.abc import Callable

Value = object | Callable[[str], str]


class CbmError(Exception):
    """Bad input or a refused action: shown to the user as it is.

    Raised with a message ``key`` (and its ``values``) instead of a text, it is said in the asker's
    language: ``key`` names a message of ``MESSAGES`` in bot/services/answer_text.py, the one language
    module; :meth:`said` writes it in a language, and the command layer (bot/commands/base.py) shows it
    in the reader's. ``str(error)`` is its English, for the CLI, the logs and every other reader. A value
    that depends on the language (a time, a duration, a status word) is given as a function of the
    language code::

        raise BadInput(key="reminder_in_past", when=lambda lang: moment(at, tz, lang))
    """

    def __init__(self, message: str | None = None, *, key: str | None = None, **values: Value) -> None:
        self.key = key
        self.values = values
        super().__init__(self.said("en") if message is None and key is not None else (message or ""))

    def said(self, lang: str) -> str:
        """The message in ``lang``: its keyed message in that language, else the text it was raised with."""
        if self.key is None:
            return str(self)
        from bot.services.answer_text import message  # the one language module (imported when needed)

        shown = {name: value(lang) if callable(value) else value for name, value in self.values.items()}
        return message(self.key, lang, **shown)


class BadInput(CbmError):
    """The input cannot be used (wrong type, impossible date, unknown value)."""


class NotFound(CbmError):
    """The thing asked for does not exist."""


class Forbidden(CbmError):
    """The user lacks the role the action needs."""


class NotReady(Exception):
    """The database is not migrated or not seeded: an operator problem, exit 1."""

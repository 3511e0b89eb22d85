"""The one rule for text that we store: titles, descriptions, places, reasons, reminder texts, contact
fields, and every row of an import. Chat, CLI and imports all pass through here.

* NUL (U+0000) is **refused**: it is never part of real text, and PostgreSQL cannot store it.
* Carriage returns become newlines; the other line breaks in disguise (vertical tab, which Word puts in
  pasted text, form feed, U+0085, U+2028, U+2029, the information separators U+001C-U+001E) become
  newlines too.
* Every other control character (the rest of C0 except tab and newline, DEL, C1 U+0080-U+009F), lone
  surrogates and the non-characters U+FFFE/U+FFFF are **stripped**: they are invisible, break strict
  iCalendar parsers and terminals, and pasted text carries them by accident.
* One-line fields (titles, places, names...) have tabs and newlines turned into spaces.
* Leading and trailing whitespace is dropped; the length is checked after cleaning.

URLs follow a stricter rule (:func:`check_url`): http or https with a host, and no whitespace or control
character anywhere (a URL is refused, never repaired: ``https://x.org/\\r\\nX-EVIL:1`` is an attack).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bot.errors import BadInput

URL_MAX = 500

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_STRIPPED = re.compile("[\x01-\x08\x0e-\x1b\x1f\x7f\x80-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_ONE_LINE = re.compile("[\t\n]+")
_URL_BAD = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def normalise(value: str, what: str, *, multiline: bool = True) -> str:
    """The text under the rule (not yet stripped of outer spaces or length-checked)."""
    if "\x00" in value:
        raise BadInput(key="text_nul", what=what)
    text = _STRIPPED.sub("", _LINE_BREAKS.sub("\n", value))
    if not multiline:
        text = _ONE_LINE.sub(" ", text)
    return text


def clean_text(
    value: str | None, what: str, limit: int, *, required: bool = False, multiline: bool = True
) -> str | None:
    """``value`` under the rule, or None when empty; BadInput when required and empty, too long or NUL."""
    text = normalise(str(value), what, multiline=multiline).strip() if value is not None else ""
    if required and not text:
        raise BadInput(key="text_empty", what=what)
    if len(text) > limit:
        raise BadInput(key="text_too_long", what=what, length=len(text), limit=limit)
    return text or None


def clean_line(value: str | None, what: str, limit: int, *, required: bool = False) -> str | None:
    """A one-line field: tabs and line breaks become spaces."""
    return clean_text(value, what, limit, required=required, multiline=False)


def check_url(value: str | None, what: str = "URL") -> str | None:
    """An http(s) URL with a host and no whitespace or control characters, or None when empty."""
    url = (value or "").strip(" ")
    if not url:
        return None
    if "\x00" in url:
        raise BadInput(key="text_nul", what=what)
    if len(url) > URL_MAX:
        raise BadInput(key="text_too_long", what=what, length=len(url), limit=URL_MAX)
    bad = _URL_BAD.search(url)
    if bad is not None:
        raise BadInput(
            key="url_bad_character", what=what, code=f"{ord(bad.group()):04X}", position=bad.start() + 1
        )
    try:
        parsed = urlsplit(url)
        host = parsed.hostname
    except ValueError:
        host = None
        parsed = None
    if parsed is None or parsed.scheme.lower() not in {"http", "https"} or not host:
        raise BadInput(key="url_bad", what=what, raw=repr(url), url=url)
    return url


_ASCII_DIGITS = re.compile(r"[0-9]+")


def ascii_number(text: str, what: str, *, max_digits: int = 9) -> int:
    """A whole number written in ASCII digits 0-9 only: "²", "①" or Arabic-Indic "٨" are refused, not
    read as numbers (``str.isdigit`` and ``int`` accept them)."""
    raw = text.strip()
    if not _ASCII_DIGITS.fullmatch(raw) or len(raw) > max_digits:
        shown = raw if len(raw) <= 20 else raw[:20] + "…"
        raise BadInput(key="number_digits", what=what, raw=repr(shown), shown=shown)
    return int(raw)

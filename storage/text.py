"""Folding of names for lookups: case, accents, punctuation and spacing do not matter."""

from __future__ import annotations

import functools
import re
import unicodedata

_PUNCT = re.compile(r"[\s\.,'’`´\"()\-–—_/]+")


def fold(text: str) -> str:
    """'Türkiye' -> 'turkiye', 'Côte d’Ivoire' -> 'cote d ivoire'; Cyrillic is kept (case-folded)."""
    if not text.isascii():  # ASCII has nothing to decompose and no combining marks
        text = _strip_short_marks(text) if len(text) <= 64 else _strip_marks(text)
    return _PUNCT.sub(" ", text.casefold()).strip()


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Names and words come back all the time (indexing an import folds the same country names for every event).
_strip_short_marks = functools.lru_cache(maxsize=8192)(_strip_marks)

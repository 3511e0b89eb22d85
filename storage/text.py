"""Folding of names for lookups: case, accents, punctuation and spacing do not matter."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[\s\.,'’`´\"()\-–—_/]+")


def fold(text: str) -> str:
    """'Türkiye' -> 'turkiye', 'Côte d’Ivoire' -> 'cote d ivoire'; Cyrillic is kept (case-folded)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _PUNCT.sub(" ", stripped.casefold()).strip()

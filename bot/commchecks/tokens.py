"""Acknowledgement tokens: 256 random bits, shown only in the ping; only their SHA-256 is stored.

A token never goes to a log: callers keep it in the message they send and nowhere else.
"""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_BYTES = 32
SHAPE = re.compile(r"[A-Za-z0-9_-]{40,60}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def well_formed(token: str) -> bool:
    return bool(SHAPE.fullmatch(token))

"""Errors users see. Their message is one plain sentence; the CLI exits 2 for them."""

from __future__ import annotations


class CbmError(Exception):
    """Bad input or a refused action: shown to the user as it is."""


class BadInput(CbmError):
    """The input cannot be used (wrong type, impossible date, unknown value)."""


class NotFound(CbmError):
    """The thing asked for does not exist."""


class Forbidden(CbmError):
    """The user lacks the role the action needs."""


class NotReady(Exception):
    """The database is not migrated or not seeded: an operator problem, exit 1."""

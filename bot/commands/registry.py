"""The one registry of chat commands; the command modules add to it when imported."""

from __future__ import annotations

from bot.commands.base import Registry

REGISTRY = Registry()

"""Chat commands shared by every transport. Importing this package registers them all."""

from __future__ import annotations

import bot.commands.reminders  # noqa: F401  (registration)
from bot.commands import events, help, knowledge  # noqa: F401  (registration)
from bot.commands.base import Button, Command, Context, Field, Option, Registry, Reply, TimeStyle
from bot.commands.registry import REGISTRY

__all__ = ["REGISTRY", "Button", "Command", "Context", "Field", "Option", "Registry", "Reply", "TimeStyle"]

"""Chat commands shared by every transport. Importing this package registers them all."""

from __future__ import annotations

from bot.commands import answers as _answers  # noqa: F401  (registration: /ask and free text)
from bot.commands import contacts as _contacts  # noqa: F401  (registration: /contact, /contacts, /audit)
from bot.commands import events, feeds, help, knowledge, reminders  # noqa: F401  (registration)
from bot.commands.base import Button, Command, Context, Field, Option, Registry, Reply, TimeStyle
from bot.commands.registry import REGISTRY

__all__ = ["REGISTRY", "Button", "Command", "Context", "Field", "Option", "Registry", "Reply", "TimeStyle"]
from bot.commands import commchecks as _commchecks  # noqa: F401  (registration: /commcheck)
from bot.commands import guild_settings  # noqa: F401  (registration)

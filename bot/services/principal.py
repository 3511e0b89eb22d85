"""Who is acting: an identity, the roles the transport vouched for, and where the action came from.

Rights come only from a trusted place (a server in CBMBOT_GUILD_IDS, the operator's own console or CLI);
the transports build principals accordingly (cogs.adapter.member_principal for Discord). ``origin`` is
written into every audit entry made while the principal acts (:func:`acting`)."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

from storage.repositories import AUDIT_ORIGIN


class Role(enum.StrEnum):
    admin = "admin"
    organiser = "organiser"
    directory = "directory"


@dataclass(frozen=True)
class Principal:
    key: str  # stable, transport-qualified: "discord:1234", "console:ana", "cli:operator"
    name: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    discord_id: int | None = None
    origin: str = ""  # "discord guild:1 channel:2", "discord dm", "console", "cli"; see discord_origin

    def has(self, role: Role) -> bool:
        """Admins hold every role."""
        return role in self.roles or Role.admin in self.roles

    @property
    def audit_name(self) -> str:
        return f"{self.key} ({self.name})" if self.name and self.name not in self.key else self.key


def discord_origin(guild_id: int | None, channel_id: int | None, *, trusted: bool = True) -> str:
    """Where a Discord action came from, as the audit log writes it."""
    if guild_id is None:
        return "discord dm"
    where = f"discord guild:{guild_id}" + ("" if trusted else " (untrusted)")
    return f"{where} channel:{channel_id}" if channel_id is not None else where


@contextlib.contextmanager
def acting(principal: Principal) -> Iterator[None]:
    """Audit entries written inside this block record the principal's origin."""
    token = AUDIT_ORIGIN.set(principal.origin or principal.key.split(":", 1)[0])
    try:
        yield
    finally:
        AUDIT_ORIGIN.reset(token)


OPERATOR = Principal("cli:operator", "operator", frozenset(Role), origin="cli")

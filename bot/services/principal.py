"""Who is acting: an identity and the roles the transport vouched for."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


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

    def has(self, role: Role) -> bool:
        """Admins hold every role."""
        return role in self.roles or Role.admin in self.roles

    @property
    def audit_name(self) -> str:
        return f"{self.key} ({self.name})" if self.name and self.name not in self.key else self.key


OPERATOR = Principal("cli:operator", "operator", frozenset(Role))

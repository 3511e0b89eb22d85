"""Points of Contact (CBM 8): personal data, shown only to the directory role, every lookup audited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, Forbidden
from bot.services.events import clean_text
from bot.services.knowledge import KnowledgeService
from bot.services.principal import Principal, Role
from storage.models import Contact, ContactType
from storage.repositories import AuditRepository, ContactRepository

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ()./-]{5,30}$")


@dataclass
class ContactDraft:
    country: str
    name: str
    type: str
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    discord_id: int | None = None
    languages: Sequence[str] = ()
    last_verified: dt.date | None = None


def parse_contact_type(value: str) -> str:
    key = value.strip().lower()
    if key not in {t.value for t in ContactType}:
        raise BadInput(f"unknown contact type {value!r}: use policy or technical")
    return key


class ContactService:
    def __init__(self, db: async_sessionmaker[AsyncSession], knowledge: KnowledgeService) -> None:
        self.db = db
        self.knowledge = knowledge

    @staticmethod
    def require_directory(viewer: Principal) -> None:
        if not viewer.has(Role.directory):
            raise Forbidden("contact details are shown only to members with the directory role")

    async def add(self, draft: ContactDraft, actor: Principal, now: dt.datetime) -> Contact:
        self.require_directory(actor)
        email = clean_text(draft.email, "email", 254)
        if email and not EMAIL.match(email):
            raise BadInput(f"{email!r} is not an email address")
        phone = clean_text(draft.phone, "phone number", 50)
        if phone and not PHONE.match(phone):
            raise BadInput(f"{phone!r} is not a phone number (digits, spaces and an optional leading +)")
        if draft.discord_id is not None and draft.discord_id <= 0:
            raise BadInput("a Discord user id is a positive number")
        async with self.db.begin() as session:
            country = (await self.knowledge.match_country(draft.country, session)).country
            contact = Contact(
                country_id=country.id,
                type=parse_contact_type(draft.type),
                name=clean_text(draft.name, "name", 200, required=True),
                organisation=clean_text(draft.organisation, "organisation", 300),
                email=email,
                phone=phone,
                discord_user_id=draft.discord_id,
                languages=[lang.strip().lower() for lang in draft.languages if lang.strip()],
                last_verified=draft.last_verified or now.date(),
                created_at=now,
                updated_at=now,
            )
            await ContactRepository(session).add(contact)
            contact.country = country
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="contact.create",
                entity="contact",
                entity_id=contact.id,
                details={"country": country.name, "type": contact.type, "name": contact.name},
            )
        return contact

    async def list(
        self, viewer: Principal, now: dt.datetime, *, country: str | None = None, type_: str | None = None
    ) -> Sequence[Contact]:
        """The contacts, for a viewer with the directory role; the lookup itself is audited."""
        self.require_directory(viewer)
        async with self.db.begin() as session:
            country_row = (await self.knowledge.match_country(country, session)).country if country else None
            rows = await ContactRepository(session).list(
                country_row.id if country_row else None, parse_contact_type(type_) if type_ else None
            )
            await AuditRepository(session).record(
                at=now,
                actor=viewer.audit_name,
                action="contact.lookup",
                entity="contact",
                details={
                    "country": country_row.name if country_row else None,
                    "type": type_,
                    "results": [c.id for c in rows],
                },
            )
        return rows

"""Points of Contact (CBM 8): personal data, shown only to the directory role, every lookup audited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, Forbidden, NotFound
from bot.services.knowledge import KnowledgeService
from bot.services.principal import Principal, Role
from bot.services.text_rule import clean_line
from storage.models import AuditEntry, Contact, ContactType, Country, CountryStatus
from storage.repositories import AuditRepository, ContactRepository, CountryRepository

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
        raise BadInput(key="contact_type_unknown", raw=repr(value), value=value)
    return key


def check_email(value: str | None) -> str | None:
    email = clean_line(value, "email", 254)
    if email and not EMAIL.match(email):
        raise BadInput(key="email_invalid", raw=repr(email), value=email)
    return email


def check_phone(value: str | None) -> str | None:
    phone = clean_line(value, "phone number", 50)
    if phone and not PHONE.match(phone):
        raise BadInput(key="phone_invalid", raw=repr(phone), value=phone)
    return phone


def check_discord_id(value: int | None) -> None:
    if value is not None and value <= 0:
        raise BadInput(key="discord_id_invalid")


def one_year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class DirectoryGap:
    """A participating State whose points of contact need attention (CBM 8 data is renewed yearly)."""

    country: Country
    last_verified: dt.date | None  # the newest confirmation of any of its contacts; None: no contact at all
    contacts: int


EDITABLE = ("name", "type", "organisation", "email", "phone", "discord_id", "languages", "verified")


class ContactService:
    def __init__(self, db: async_sessionmaker[AsyncSession], knowledge: KnowledgeService) -> None:
        self.db = db
        self.knowledge = knowledge

    @staticmethod
    def require_directory(viewer: Principal) -> None:
        if not viewer.has(Role.directory):
            raise Forbidden(key="contacts_for_directory")

    async def add(self, draft: ContactDraft, actor: Principal, now: dt.datetime) -> Contact:
        self.require_directory_admin(actor)
        email, phone = check_email(draft.email), check_phone(draft.phone)
        check_discord_id(draft.discord_id)
        async with self.db.begin() as session:
            country = (await self.knowledge.match_country(draft.country, session)).country
            contact = Contact(
                country_id=country.id,
                type=parse_contact_type(draft.type),
                name=clean_line(draft.name, "name", 200, required=True),
                organisation=clean_line(draft.organisation, "organisation", 300),
                email=email,
                phone=phone,
                discord_user_id=draft.discord_id,
                languages=[lang.strip().lower() for lang in draft.languages if lang.strip()],
                last_verified=_date(draft.last_verified, now),
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

    # ------------------------------------------------------------------------------------------ directory

    @staticmethod
    def require_directory_admin(actor: Principal) -> None:
        if not actor.has(Role.admin):
            raise Forbidden(key="contacts_for_admins")

    async def lookup(
        self, viewer: Principal, now: dt.datetime, country: str, type_: str | None = None
    ) -> tuple[Country, Sequence[Contact]]:
        """One country's contacts (the lookup is audited by :meth:`list`)."""
        self.require_directory(viewer)
        match = await self.knowledge.match_country(country)
        rows = await self.list(viewer, now, country=match.country.name, type_=type_)
        return match.country, rows

    async def missing(self, viewer: Principal, now: dt.datetime) -> list[DirectoryGap]:
        """Participating States with no contact, or none confirmed in the last 12 months; audited."""
        self.require_directory(viewer)
        cutoff = one_year_before(now.date())
        async with self.db.begin() as session:
            states = [
                c
                for c in await CountryRepository(session).all()
                if c.status == CountryStatus.participating_state.value
            ]
            newest: dict[int, dt.date | None] = {}
            counts: dict[int, int] = {}
            for contact in await ContactRepository(session).list():
                cid = contact.country_id
                counts[cid] = counts.get(cid, 0) + 1
                seen = newest.get(cid)
                if contact.last_verified and (seen is None or contact.last_verified > seen):
                    newest[cid] = contact.last_verified
            gaps = [
                DirectoryGap(c, newest.get(c.id), counts.get(c.id, 0))
                for c in states
                if counts.get(c.id, 0) == 0 or (newest.get(c.id) or dt.date.min) < cutoff
            ]
            await AuditRepository(session).record(
                at=now,
                actor=viewer.audit_name,
                action="contact.missing",
                entity="contact",
                details={"without": sum(1 for g in gaps if not g.contacts),
                         "stale": sum(1 for g in gaps if g.contacts)},
            )  # fmt: skip
        return gaps

    async def edit(
        self, contact_id: int, changes: dict[str, Any], actor: Principal, now: dt.datetime
    ) -> Contact:
        """Change fields of a contact (admins); an empty text clears an optional field. Audited."""
        self.require_directory_admin(actor)
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise BadInput(key="fields_not_editable", fields=", ".join(unknown), editable=", ".join(EDITABLE))
        if not changes:
            raise BadInput(key="contact_edit_nothing", fields=", ".join(EDITABLE))
        values: dict[str, Any] = {}
        for key, value in changes.items():
            if key == "name":
                values["name"] = clean_line(value, "name", 200, required=True)
            elif key == "type":
                values["type"] = parse_contact_type(value)
            elif key == "organisation":
                values["organisation"] = clean_line(value, "organisation", 300)
            elif key == "email":
                values["email"] = check_email(value)
            elif key == "phone":
                values["phone"] = check_phone(value)
            elif key == "discord_id":
                check_discord_id(value)
                values["discord_user_id"] = value
            elif key == "languages":
                values["languages"] = [p.strip().lower() for p in str(value or "").split(",") if p.strip()]
            elif key == "verified":
                values["last_verified"] = _date(value, now)
        async with self.db.begin() as session:
            contact = await self._get(session, contact_id)
            before = {k: getattr(contact, k) for k in values}
            for key, value in values.items():
                setattr(contact, key, value)
            contact.updated_at = now
            changed = sorted(k for k in values if before[k] != values[k])
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="contact.update",
                entity="contact",
                entity_id=contact.id,
                details={"country": contact.country.name, "name": contact.name, "fields": changed},
            )
        return contact

    async def remove(self, contact_id: int, actor: Principal, now: dt.datetime) -> Contact:
        self.require_directory_admin(actor)
        async with self.db.begin() as session:
            contact = await self._get(session, contact_id)
            await ContactRepository(session).delete(contact)
            await AuditRepository(session).record(
                at=now,
                actor=actor.audit_name,
                action="contact.delete",
                entity="contact",
                entity_id=contact.id,
                details={"country": contact.country.name, "type": contact.type, "name": contact.name},
            )
        return contact

    @staticmethod
    async def _get(session: AsyncSession, contact_id: int) -> Contact:
        contact = await ContactRepository(session).get(contact_id)
        if contact is None:
            raise NotFound(key="contact_missing", id=contact_id)
        return contact

    async def audit_log(
        self, viewer: Principal, *, limit: int = 20, action: str | None = None
    ) -> Sequence[AuditEntry]:
        """The newest audit entries (admins): every change, every contact lookup."""
        self.require_directory_admin(viewer)
        if not 1 <= limit <= 200:
            raise BadInput(key="audit_limit")
        async with self.db() as session:
            return await AuditRepository(session).recent(limit, action.strip() if action else None)


def _date(value: Any, now: dt.datetime) -> dt.date:
    """The one rule for a contact's confirmation date (chat, CLI, edits): a past or today's date."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value or "").strip().lower()
        if text in {"", "today"}:
            return now.date()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise BadInput(key="verified_invalid", raw=repr(value), value=str(value)) from None
    if day > now.date():
        raise BadInput(key="verified_future")
    return day

"""The Points of Contact directory (CBM 8): /contact, /contacts missing|add|edit|remove, /audit.

Contact details are personal data: only members with the directory role see them, every reply is ephemeral
in Discord, and every lookup and change is written to the audit log (ContactService does both checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.commands.base import Button, Context, Field, Option, Reply, UserRef
from bot.commands.registry import REGISTRY
from bot.services.contacts import ContactDraft, one_year_before
from bot.services.principal import Role
from storage.models import Contact

REGISTRY.group("contacts", "Points of Contact directory")
TYPES = ("policy", "technical")
PRIVATE = "Personal data: do not pass it on · this lookup is in the audit log"


def contact_field(ctx: Context, contact: Contact) -> Field:
    lines = [f"**{contact.name}**" + (f", {contact.organisation}" if contact.organisation else "")]
    if contact.email:
        lines.append(f"Email: {contact.email}")
    if contact.phone:
        lines.append(f"Phone: {contact.phone}")
    if contact.discord_user_id:
        lines.append(f"Discord: <@{contact.discord_user_id}>")
    if contact.languages:
        lines.append(f"Languages: {', '.join(contact.languages)}")
    if contact.last_verified:
        stale = contact.last_verified < one_year_before(ctx.now.date())
        lines.append(
            f"Confirmed {contact.last_verified.isoformat()}" + (" (over 12 months ago)" if stale else "")
        )
    else:
        lines.append("Never confirmed")
    return Field(f"#{contact.id} {contact.type.capitalize()}", "\n".join(lines))


@REGISTRY.command(
    "contact",
    "A state's points of contact (directory role only; private reply)",
    Option("country", str, "State or partner, any name", required=True, autocomplete="country"),
    Option("type", str, "policy or technical", choices=TYPES),
    permission=Role.directory,
    ephemeral=True,
)
async def contact_command(ctx: Context, country: str, type: str | None = None) -> Reply:
    found, rows = await ctx.app.contacts.lookup(ctx.principal, ctx.now, country, type)
    kind = f"{type} " if type else ""
    if not rows:
        text = f"The directory has no {kind}point of contact for {found.name}."
    else:
        text = f"{len(rows)} {kind}point{'s' if len(rows) != 1 else ''} of contact for {found.name}."
    buttons = [Button("Gaps in the directory", "/contacts missing")]
    if not type:
        buttons += [Button(t.capitalize(), f'/contact country:"{found.name}" type:{t}') for t in TYPES]
    return Reply(
        title=f"Points of contact: {found.name}",
        text=text,
        fields=[contact_field(ctx, c) for c in rows],
        buttons=buttons,
        footer=PRIVATE,
    )


@REGISTRY.command(
    "contacts missing",
    "Participating States with no contact, or none confirmed in 12 months",
    permission=Role.directory,
    ephemeral=True,
)
async def missing_command(ctx: Context) -> Reply:
    gaps = await ctx.app.contacts.missing(ctx.principal, ctx.now)
    without = [g.country.name for g in gaps if not g.contacts]
    stale = [
        f"{g.country.name} ({g.last_verified.isoformat() if g.last_verified else 'never confirmed'})"
        for g in gaps
        if g.contacts
    ]
    fields = []
    if without:
        fields.append(Field(f"No point of contact ({len(without)})", ", ".join(without)))
    if stale:
        fields.append(Field(f"Not confirmed in the last 12 months ({len(stale)})", ", ".join(stale)))
    text = (
        "Every participating State has a point of contact confirmed in the last 12 months."
        if not gaps
        else "CBM 8 contact data is renewed every year; these participating States need attention."
    )
    return Reply(
        title="Points of contact: gaps", text=text, fields=fields, footer="This lookup is in the audit log"
    )


@REGISTRY.command(
    "contacts add",
    "Add a point of contact (admins)",
    Option("country", str, "State or partner", required=True, autocomplete="country"),
    Option("name", str, "Full name", required=True, max_length=200),
    Option("type", str, "policy or technical", required=True, choices=TYPES),
    Option("email", str, "Email address", max_length=254),
    Option("phone", str, "Phone number, with + and country code", max_length=50),
    Option("organisation", str, "Ministry or agency", max_length=300),
    Option("languages", str, "Languages spoken, comma-separated (en, ru…)", max_length=100),
    Option("user", UserRef, "Their Discord account (for direct messages)"),
    permission=Role.admin,
    ephemeral=True,
)
async def add_command(
    ctx: Context,
    country: str,
    name: str,
    type: str,
    email: str | None = None,
    phone: str | None = None,
    organisation: str | None = None,
    languages: str | None = None,
    user: UserRef | None = None,
) -> Reply:
    draft = ContactDraft(
        country=country,
        name=name,
        type=type,
        organisation=organisation,
        email=email,
        phone=phone,
        languages=_split(languages),
        discord_id=int(user) if user is not None else None,
    )
    contact = await ctx.app.contacts.add(draft, ctx.principal, ctx.now)
    return Reply(
        title=f"Added contact #{contact.id}",
        text=f"{contact.type.capitalize()} point of contact for {contact.country.name}: {contact.name}.",
        buttons=[Button(contact.country.name, f'/contact country:"{contact.country.name}"')],
        footer="Recorded in the audit log",
    )


@REGISTRY.command(
    "contacts edit",
    "Change a point of contact (admins); an empty value clears a field",
    Option("id", int, "Contact number (from /contact)", required=True, min_value=1),
    Option("name", str, "Full name", max_length=200),
    Option("type", str, "policy or technical", choices=TYPES),
    Option("email", str, "Email address", max_length=254),
    Option("phone", str, "Phone number", max_length=50),
    Option("organisation", str, "Ministry or agency", max_length=300),
    Option("languages", str, "Languages spoken, comma-separated", max_length=100),
    Option("verified", str, "Date the details were confirmed (YYYY-MM-DD or today)", max_length=20),
    Option("user", UserRef, "Their Discord account (for direct messages)"),
    permission=Role.admin,
    ephemeral=True,
)
async def edit_command(ctx: Context, id: int, **changes: Any) -> Reply:
    if "user" in changes:
        changes["discord_id"] = int(changes.pop("user"))
    contact = await ctx.app.contacts.edit(id, dict(changes), ctx.principal, ctx.now)
    return Reply(
        title=f"Changed contact #{contact.id}",
        text=f"{contact.country.name}, {contact.type}: {contact.name}; changed {', '.join(sorted(changes))}.",
        buttons=[Button(contact.country.name, f'/contact country:"{contact.country.name}"')],
        footer="Recorded in the audit log",
    )


@REGISTRY.command(
    "contacts remove",
    "Remove a point of contact (admins)",
    Option("id", int, "Contact number (from /contact)", required=True, min_value=1),
    permission=Role.admin,
    ephemeral=True,
)
async def remove_command(ctx: Context, id: int) -> Reply:
    contact = await ctx.app.contacts.remove(id, ctx.principal, ctx.now)
    return Reply(
        title=f"Removed contact #{contact.id}",
        text=f"{contact.country.name}, {contact.type}: {contact.name} is no longer in the directory.",
        footer="Recorded in the audit log",
    )


@REGISTRY.command(
    "audit",
    "The audit log: changes and contact lookups, newest first (admins)",
    Option("action", str, "Only this action, e.g. contact.lookup", max_length=60),
    Option("limit", int, "How many entries (default 20)", min_value=1, max_value=100),
    permission=Role.admin,
    ephemeral=True,
)
async def audit_command(ctx: Context, action: str | None = None, limit: int | None = None) -> Reply:
    entries = await ctx.app.contacts.audit_log(ctx.principal, limit=limit or 20, action=action)
    if not entries:
        return Reply(title="Audit log", text="No entries" + (f" for {action}." if action else "."))
    lines = []
    for entry in entries:
        target = f" {entry.entity} #{entry.entity_id}" if entry.entity_id else f" {entry.entity}"
        detail = _summary(entry.details)
        lines.append(
            f"`{entry.at:%Y-%m-%d %H:%M}Z` **{entry.action}**{target} by {entry.actor}"
            + (f" from {entry.origin}" if entry.origin else "")
            + (f" · {detail}" if detail else "")
        )
    return Reply(
        title="Audit log",
        text="\n".join(lines),
        footer=f"{len(entries)} newest entries" + (f" · action {action}" if action else ""),
    )


def _summary(details: dict[str, object]) -> str:
    shown = []
    for key in ("country", "type", "name", "fields", "results", "without", "stale"):
        if key in details and details[key] not in (None, [], ""):
            value = details[key]
            shown.append(f"{key} {', '.join(map(str, value)) if isinstance(value, list) else value}")
    return "; ".join(shown)[:300]


def _split(text: str | None) -> Sequence[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]

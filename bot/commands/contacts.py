"""The Points of Contact directory (CBM 8): /contact, /contacts missing|add|edit|remove, /audit.

Contact details are personal data: only members with the directory role see them, every reply is ephemeral
in Discord, and every lookup and change is written to the audit log (ContactService does both checks).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from bot.commands.base import Button, Context, Field, Option, Reply, UserRef
from bot.commands.knowledge import country_refusal
from bot.commands.registry import REGISTRY
from bot.services import answer_text as T
from bot.services.contacts import ContactDraft, one_year_before
from bot.services.knowledge import NoSuchCountry
from bot.services.principal import Role
from storage.models import Contact, Country
from storage.reference import supported_language
from storage.text import fold

REGISTRY.group("contacts", "Points of Contact directory")
TYPES = ("policy", "technical")


def day(value: dt.date, lang: str) -> str:
    """A confirmation date: ISO in English (as it always was), the long date in the other languages."""
    return value.isoformat() if lang == "en" else T.long_date(value, lang)


def kind(contact_type: str, lang: str) -> str:
    """ "technical", "technische Kontaktstelle", "point de contact technique"… inside a sentence."""
    return T.message(f"poc_{contact_type}", lang)


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def contact_field(ctx: Context, contact: Contact, lang: str = "en") -> Field:
    lines = [f"**{contact.name}**" + (f", {contact.organisation}" if contact.organisation else "")]
    if contact.email:
        lines.append(T.message("poc_email", lang, value=contact.email))
    if contact.phone:
        lines.append(T.message("poc_phone", lang, value=contact.phone))
    if contact.discord_user_id:
        lines.append(f"Discord: <@{contact.discord_user_id}>")
    if contact.languages:
        lines.append(T.message("poc_languages", lang, value=", ".join(contact.languages)))
    if contact.last_verified:
        stale = contact.last_verified < one_year_before(ctx.now.date())
        lines.append(
            T.message("poc_confirmed", lang, date=day(contact.last_verified, lang))
            + (T.message("poc_confirmed_stale", lang) if stale else "")
        )
    else:
        lines.append(T.message("poc_never_confirmed", lang))
    return Field(f"#{contact.id} {capital(kind(contact.type, lang))}", "\n".join(lines))


async def local_name(ctx: Context, country: Country, lang: str) -> str:
    return (await ctx.app.answers.country_names([country], lang))[0]


@REGISTRY.command(
    "contact",
    "A state's points of contact (directory role only; private reply)",
    Option("country", str, "State or partner, any name", required=True, autocomplete="country"),
    Option("type", str, "policy or technical", choices=TYPES),
    permission=Role.directory,
    ephemeral=True,
)
async def contact_command(ctx: Context, country: str, type: str | None = None) -> Reply:
    lang = supported_language(ctx.locale)
    try:
        found, rows = await ctx.app.contacts.lookup(ctx.principal, ctx.now, country, type)
    except NoSuchCountry as missing:
        if lang == "en":  # as it always was
            raise
        return await country_refusal(ctx, missing, lang)
    name = await local_name(ctx, found, lang)
    which = f"_{type}" if type else ""
    if not rows:
        text = T.message(f"poc_none{which}", lang, country=name)
    else:
        count = len(rows)
        text = T.message(f"poc_count{which}", lang, count=count, s="s" if count != 1 else "", country=name)
    buttons = [Button(T.message("poc_gaps_button", lang), "/contacts missing")]
    if not type:
        buttons += [
            Button(capital(T.message(f"type_{t}", lang)), f'/contact country:"{found.name}" type:{t}')
            for t in TYPES
        ]
    return Reply(
        lang=lang,
        title=T.message("poc_title", lang, country=name),
        text=text,
        fields=[contact_field(ctx, c, lang) for c in rows],
        buttons=buttons,
        footer=T.message("poc_private", lang),
    )


@REGISTRY.command(
    "contacts missing",
    "Participating States with no contact, or none confirmed in 12 months",
    permission=Role.directory,
    ephemeral=True,
)
async def missing_command(ctx: Context) -> Reply:
    lang = supported_language(ctx.locale)
    gaps = await ctx.app.contacts.missing(ctx.principal, ctx.now)
    named = list(zip(await ctx.app.answers.country_names([g.country for g in gaps], lang), gaps, strict=True))
    if lang != "en":  # in the reader's alphabet
        named.sort(key=lambda pair: fold(pair[0]))
    without = [name for name, g in named if not g.contacts]
    stale = [
        f"{name} ({day(g.last_verified, lang) if g.last_verified else T.message('poc_never', lang)})"
        for name, g in named
        if g.contacts
    ]
    fields = []
    if without:
        fields.append(Field(T.message("poc_without", lang, count=len(without)), ", ".join(without)))
    if stale:
        fields.append(Field(T.message("poc_stale", lang, count=len(stale)), ", ".join(stale)))
    text = (
        T.message("poc_no_gaps", lang) if not gaps else T.message("poc_gaps", lang, cbm=T.cbm_name(8, lang))
    )
    return Reply(
        lang=lang,
        title=T.message("poc_gaps_title", lang),
        text=text,
        fields=fields,
        footer=T.message("poc_lookup_logged", lang),
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
    lang = supported_language(ctx.locale)
    place = await local_name(ctx, contact.country, lang)
    return Reply(
        lang=lang,
        title=T.message("poc_added_title", lang, id=contact.id),
        text=T.message(
            "poc_added", lang, Poc=capital(kind(contact.type, lang)), country=place, name=contact.name
        ),
        buttons=[Button(place, f'/contact country:"{contact.country.name}"')],
        footer=T.message("poc_recorded", lang),
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
    lang = supported_language(ctx.locale)
    place = await local_name(ctx, contact.country, lang)
    return Reply(
        lang=lang,
        title=T.message("poc_changed_title", lang, id=contact.id),
        text=T.message(
            "poc_changed",
            lang,
            country=place,
            poc=kind(contact.type, lang),
            name=contact.name,
            fields=", ".join(sorted(changes)),  # the options' names, as typed
        ),
        buttons=[Button(place, f'/contact country:"{contact.country.name}"')],
        footer=T.message("poc_recorded", lang),
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
    lang = supported_language(ctx.locale)
    place = await local_name(ctx, contact.country, lang)
    return Reply(
        lang=lang,
        title=T.message("poc_removed_title", lang, id=contact.id),
        text=T.message("poc_removed", lang, country=place, poc=kind(contact.type, lang), name=contact.name),
        footer=T.message("poc_recorded", lang),
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
    lang = supported_language(ctx.locale)
    entries = await ctx.app.contacts.audit_log(ctx.principal, limit=limit or 20, action=action)
    title = T.message("audit_title", lang)
    if not entries:
        none = T.message("audit_none_for", lang, action=action) if action else T.message("audit_none", lang)
        return Reply(title=title, text=none, lang=lang)
    lines = []
    for entry in entries:  # the log's own words (actions, entities, details) are as recorded
        target = f" {entry.entity} #{entry.entity_id}" if entry.entity_id else f" {entry.entity}"
        detail = _summary(entry.details)
        lines.append(
            f"`{entry.at:%Y-%m-%d %H:%M}Z` **{entry.action}**{target}"
            + T.message("audit_by", lang, actor=entry.actor)
            + (T.message("audit_from", lang, origin=entry.origin) if entry.origin else "")
            + (f" · {detail}" if detail else "")
        )
    return Reply(
        lang=lang,
        title=title,
        text="\n".join(lines),
        footer=T.message("audit_footer", lang, count=len(entries))
        + (T.message("audit_action", lang, action=action) if action else ""),
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

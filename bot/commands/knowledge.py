"""/cbm and /country: the reference knowledge."""

from __future__ import annotations

from bot.commands.base import Button, Context, Field, Option, Reply
from bot.commands.events import event_line
from bot.commands.registry import REGISTRY
from bot.services.knowledge import KnowledgeService
from storage.reference import LANGUAGES, supported_language

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "it": "Italiano", "ru": "Русский"}
LANGUAGE = Option("language", str, "Language of the text: en, de, fr, it or ru", choices=LANGUAGES)


def _lang(ctx: Context, language: str | None) -> str:
    return language or supported_language(ctx.locale)


def _text(values: dict[str, str], lang: str) -> str:
    return values.get(lang) or values.get("en") or ""


@REGISTRY.command(
    "cbm",
    "The 16 cyber/ICT CBMs, or one of them with its decision",
    Option("number", int, "CBM number, 1 to 16", min_value=1, max_value=99),
    LANGUAGE,
)
async def cbm_command(ctx: Context, number: int | None = None, language: str | None = None) -> Reply:
    lang = _lang(ctx, language)
    if number is None:
        rows = await ctx.app.knowledge.cbms()
        lines = [f"**CBM {c.number}** {_text(c.title, lang)}" for c in rows]
        first = [c for c in rows if c.decision.endswith("1106")]
        text = (
            f"The OSCE participating States agreed {len(rows)} confidence-building measures to reduce "
            f"the risk of conflict from the use of ICTs: CBMs 1-{len(first)} in PC.DEC/1106 "
            f"(3 December 2013) and CBMs {len(first) + 1}-{len(rows)} in PC.DEC/1202 (10 March 2016).\n\n"
            + "\n".join(lines)
        )
        return Reply(
            title="The OSCE cyber/ICT confidence-building measures",
            text=text,
            footer="/cbm number:N for one CBM · sources: PC.DEC/1106, PC.DEC/1202",
        )
    cbm, events, count = await ctx.app.knowledge.cbm(number)
    fields = [
        Field(
            "Decision", f"{cbm.decision} of {cbm.decision_date.day} {cbm.decision_date:%B %Y}", inline=True
        ),
        Field("Also called", ", ".join(cbm.keywords.get(lang) or cbm.keywords.get("en", [])[:8]) or "-"),
    ]
    if events:
        fields.append(Field("Related events", "\n".join(event_line(ctx, e) for e in events)))
    buttons = []
    if cbm.number > 1:
        buttons.append(Button(f"◀ CBM {cbm.number - 1}", f"/cbm number:{cbm.number - 1}", replaces=True))
    if cbm.number < count:
        buttons.append(Button(f"CBM {cbm.number + 1} ▶", f"/cbm number:{cbm.number + 1}", replaces=True))
    buttons.append(Button("All CBMs", "/cbm"))
    return Reply(
        title=f"CBM {cbm.number}: {_text(cbm.title, lang)}",
        text=_text(cbm.summary, lang),
        fields=fields,
        buttons=buttons,
        footer=f"Our summary, not the official text · source: {cbm.decision} · {LANGUAGE_NAMES[lang]}",
    )


@REGISTRY.command(
    "country",
    "A state's or partner's OSCE status and other names",
    Option(
        "name",
        str,
        "Any name, in any of our languages, or the ISO code",
        required=True,
        autocomplete="country",
    ),
)
async def country_command(ctx: Context, name: str) -> Reply:
    match = await ctx.app.knowledge.match_country(name)
    country = match.country
    status = KnowledgeService.status_label(country)
    lead = f"**{country.name}** is {'an' if status[0] in 'AEIOU' else 'a'} {status}"
    if country.since and country.status.endswith("partner"):
        lead += f" (since {country.since})"
    lead += "."
    if not match.exact:
        lead = f"(Taking {name!r} as {match.matched_name}.)\n{lead}"
    if country.note:
        lead += f"\n{country.note}"
    by_lang: dict[str, list[str]] = {}
    for n in country.names:
        if n.name != country.name and n.name not in by_lang.setdefault(n.lang, []):
            by_lang[n.lang].append(n.name)
    fields = [
        Field(LANGUAGE_NAMES.get(lang, lang), ", ".join(names), inline=True)
        for lang, names in by_lang.items()
        if names
    ]
    if country.iso2:
        fields.append(Field("ISO code", country.iso2, inline=True))
    return Reply(
        title=country.name,
        text=lead,
        fields=fields,
        buttons=[Button("Events", f'/event past country:"{country.name}"')],
        footer="Source: osce.org (participating States and Partners for Co-operation)",
    )

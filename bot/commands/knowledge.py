"""/cbm and /country: the reference knowledge."""

from __future__ import annotations

from bot.commands.base import Button, Context, Field, Option, Reply
from bot.commands.events import event_line
from bot.commands.registry import REGISTRY
from bot.services import answer_text as T
from bot.services.knowledge import KnowledgeService
from storage.language import country_subject, plural_verb
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
    date = T.long_date(cbm.decision_date, lang)
    fields = [
        Field(
            T.label("decision", lang),
            T.message("decision_of", lang, decision=cbm.decision, date=date),
            inline=True,
        ),
        Field(
            T.label("also_called", lang),
            ", ".join(cbm.keywords.get(lang) or cbm.keywords.get("en", [])[:8]) or "-",
        ),
    ]
    if events:
        fields.append(Field(T.label("related_events", lang), "\n".join(event_line(ctx, e) for e in events)))
    abbreviation = T.ABBREVIATION.get(lang, "CBM")
    buttons = []
    if cbm.number > 1:
        buttons.append(
            Button(f"◀ {abbreviation} {cbm.number - 1}", f"/cbm number:{cbm.number - 1}", replaces=True)
        )
    if cbm.number < count:
        buttons.append(
            Button(f"{abbreviation} {cbm.number + 1} ▶", f"/cbm number:{cbm.number + 1}", replaces=True)
        )
    buttons.append(Button(T.label("all_cbms", lang), "/cbm"))
    return Reply(
        title=f"{abbreviation} {cbm.number}: {_text(cbm.title, lang)}",
        text=_text(cbm.summary, lang),
        fields=fields,
        buttons=buttons,
        footer=T.message("summary_note", lang, decision=cbm.decision) + f" · {LANGUAGE_NAMES[lang]}",
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
    LANGUAGE,
)
async def country_command(ctx: Context, name: str, language: str | None = None) -> Reply:
    lang = _lang(ctx, language)
    match = await ctx.app.knowledge.match_country(name)
    country = match.country
    status = KnowledgeService.status_label(country)
    if lang == "en":
        article = "" if status.startswith("neither") else "an " if status[0] in "AEIOU" else "a "
        lead = f"**{country.name}** is {article}{status}"
        if country.since and country.status.endswith("partner"):
            lead += f" (since {country.since})"
        lead += "."
    else:
        local = next((n.name for n in country.names if n.lang == lang), country.name)
        subject, plural = country_subject(local, lang)
        since = T.message("since", lang, year=country.since) if country.since else ""
        lead = T.message(country.status, lang, name=f"**{subject}**", since=since)
        if plural:
            lead = plural_verb(lead, lang)
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
        footer=T.message("source_country", lang),
    )

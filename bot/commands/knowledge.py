"""/cbm and /country: the reference knowledge."""

from __future__ import annotations

from bot.commands.base import Button, Context, Field, Option, Reply
from bot.commands.events import event_line
from bot.commands.registry import REGISTRY
from bot.services import answer_text as T
from bot.services.knowledge import KnowledgeService, NoSuchCountry
from storage.language import country_subject, plural_verb
from storage.reference import LANGUAGES, supported_language

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "it": "Italiano", "ru": "Русский"}
LANGUAGE = Option("language", str, "Language of the text: en, de, fr, it or ru", choices=LANGUAGES)


def _lang(ctx: Context, language: str | None) -> str:
    return language or supported_language(ctx.locale)


async def country_refusal(ctx: Context, missing: NoSuchCountry, lang: str) -> Reply:
    """A name that is no state's or partner's, said in the reader's language, with close names only (named
    in that language too)."""
    if missing.suggested_ids:
        close = await ctx.app.answers.country_names_by_id(missing.suggested_ids, lang)
        return Reply.refusal(T.message("did_you_mean", lang, name=missing.name, names=T.either(close, lang)))
    return Reply.refusal(T.message("no_country", lang, name=missing.name))


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
        lines = [f"**{T.cbm_name(c.number, lang)}** {_text(c.title, lang)}" for c in rows]
        first = [c for c in rows if c.decision.endswith("1106")]
        decisions = {c.decision: c.decision_date for c in rows}
        (decision1, date1), *rest = sorted(decisions.items(), key=lambda d: d[1]) or [("", None)]
        decision2, date2 = rest[0] if rest else (decision1, date1)
        intro = T.message(
            "cbms_intro",
            lang,
            count=len(rows),
            first=T.cbm_span(1, len(first), lang),
            second=T.cbm_span(len(first) + 1, len(rows), lang),
            decision1=decision1,
            date1=T.long_date(date1, lang) if date1 else "",
            decision2=decision2,
            date2=T.long_date(date2, lang) if date2 else "",
        )
        return Reply(
            title=T.label("cbms_title", lang),
            text=intro + "\n\n" + "\n".join(lines),
            footer=T.message("cbms_footer", lang, decisions=", ".join(decisions)),
            lang=lang,
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
        fields.append(
            Field(T.label("related_events", lang), "\n".join(event_line(ctx, e, lang) for e in events))
        )
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
        lang=lang,
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
    try:
        match = await ctx.app.knowledge.match_country(name)
    except NoSuchCountry as missing:
        return await country_refusal(ctx, missing, lang)
    country = match.country
    status = KnowledgeService.status_label(country)
    local = next((n.name for n in country.names if n.lang == lang), country.name)
    if lang == "en":
        article = "" if status.startswith("neither") else "an " if status[0] in "AEIOU" else "a "
        lead = f"**{country.name}** is {article}{status}"
        if country.since and country.status.endswith("partner"):
            lead += f" (since {country.since})"
        lead += "."
    else:
        subject, plural = country_subject(local, lang)
        since = T.message("since", lang, year=country.since) if country.since else ""
        lead = T.message(country.status, lang, name=f"**{subject}**", since=since)
        if plural:
            lead = plural_verb(lead, lang)
    if not match.exact:
        matched = match.matched_name if lang == "en" else local
        lead = T.message("taking_as", lang, name=name, matched=matched) + "\n" + lead
    if country.note and lang == "en":  # the notes are written in English only
        lead += f"\n{country.note}"
    by_lang: dict[str, list[str]] = {}
    for n in country.names:
        if n.name != country.name and n.name not in by_lang.setdefault(n.lang, []):
            by_lang[n.lang].append(n.name)
    fields = [
        Field(T.language_name(of, lang), ", ".join(names), inline=True)
        for of, names in by_lang.items()
        if names
    ]
    if country.iso2:
        fields.append(Field(T.label("iso_code", lang), country.iso2, inline=True))
    return Reply(
        title=local,
        text=lead,
        fields=fields,
        buttons=[Button(T.label("events", lang), f'/event past country:"{country.name}"')],
        footer=T.message("source_country", lang),
        lang=lang,
    )

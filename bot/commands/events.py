"""/event: browse and show events (creating and changing them is declared here too as it grows)."""

from __future__ import annotations

import re
from typing import Any
from zoneinfo import ZoneInfo

from bot.commands.base import Button, Context, Field, Option, Reply, Upload
from bot.commands.locales import named
from bot.commands.registry import REGISTRY
from bot.errors import BadInput, CbmError
from bot.services import answer_text as T
from bot.services import answers
from bot.services.events import (
    COUNTRY_AS,
    DESCRIPTION_MAX,
    KINDS,
    LOCATION_MAX,
    TITLE_MAX,
    URL_MAX,
    EventDraft,
    EventPage,
)
from bot.services.principal import Role
from bot.timeutil import parse_end, parse_when, zone
from storage.models import Event, EventStatus
from storage.reference import supported_language

REGISTRY.group("event", "Events")

STATUS_MARK = {EventStatus.cancelled.value: "CANCELLED", EventStatus.postponed.value: "POSTPONED"}

FILTERS = (
    Option("kind", str, "Only this kind of event", choices=KINDS),
    Option("country", str, "Held in or taking part: this country", autocomplete="country"),
    Option(
        "country_as",
        str,
        "Held there, taking part, or either (default)",
        choices=COUNTRY_AS,
    ),
    Option("cbm", int, "Only events serving this CBM", min_value=1, max_value=99),
    Option("year", int, "Only this year", min_value=1900, max_value=2100),
    Option("page", int, "Page number", min_value=1),
    Option("month", int, "Only this month (1-12)", min_value=1, max_value=12),
)


_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(\d+)>")


def safe(text: str | None) -> str:
    """User-written text with @everyone, @here and <@…>/<#…> mentions broken by a zero-width space:
    shown as written, never a ping or a mention (every transport also sends allowed_mentions=none)."""
    if not text:
        return text or ""
    return _MENTION.sub(
        lambda m: f"@\u200b{m.group(1)}" if m.group(1) else f"<{m.group(2)}\u200b{m.group(3)}>", text
    )


def place(event: Event, lang: str = "en") -> str:
    if lang != "en":  # the answers' wording of a place (answer_text), in the reader's language
        return safe(answers.where_text(event, lang))
    if event.online and event.location:
        return f"{safe(event.location)} and online"
    if event.online:
        return "online"
    return safe(event.location) or "place not given"


def event_line(ctx: Context, event: Event, lang: str = "en") -> str:
    """An event in two lines; in ``lang`` other than English, the time in words of that language (the venue's
    zone, CLDR through Babel) and the status and place in that language."""
    mark = STATUS_MARK.get(event.status)
    if lang != "en":
        status = f" **{T.label(event.status, lang).upper()}**" if mark else ""
        when = answers.when_text(event, lang)
    else:
        status = f" **{mark}**" if mark else ""
        when = ctx.times.event_when(event)
    return f"**#{event.id}** {safe(event.title)}{status}\n{when} · {place(event, lang)}"


def _description(event: Event) -> str:
    return f"\n\n{safe(event.description)}" if event.description else ""


def _lang(ctx: Context) -> str:
    """The reader's language (the Discord locale; English elsewhere)."""
    return supported_language(ctx.locale)


def kind_label(kind: str, lang: str = "en") -> str:
    return T.label(f"kind_{kind}", lang) if f"kind_{kind}" in T.LABELS else kind


async def event_reply(ctx: Context, event: Event) -> Reply:
    lang = _lang(ctx)
    L = T.label
    when = ctx.times.event_when(event) if lang == "en" else answers.when_text(event, lang)
    fields = [
        Field(L("when", lang), when),
        Field(L("where", lang), place(event, lang), inline=True),
        Field(L("kind", lang), kind_label(event.kind, lang), inline=True),
    ]
    if event.status != EventStatus.scheduled.value:
        reason = f": {event.status_reason}" if event.status_reason else ""
        status = event.status if lang == "en" else L(event.status, lang)
        fields.append(Field(L("status", lang), f"{status}{safe(reason)}"))
    if event.date_note:  # our notes on an unconfirmed year are English: said in the reader's words instead
        note = (
            event.date_note if lang == "en" or not event.approximate else T.message("approximate_note", lang)
        )
        fields.append(Field(L("about_date", lang), safe(note)))
    if event.organisers:
        fields.append(Field(L("organisers", lang), safe(", ".join(event.organisers))))
    if event.venue_country is not None:
        (held_in,) = await ctx.app.answers.country_names([event.venue_country], lang)
        fields.append(Field(L("held_in", lang), held_in, inline=True))
    if event.countries:
        fields.append(
            Field(
                T.message("taking_part", lang, count=len(event.countries)),
                ", ".join(await ctx.app.answers.country_names(event.countries, lang)),
            )
        )
    if event.cbm_numbers:
        fields.append(Field(L("cbms", lang), ", ".join(T.cbm_name(n, lang) for n in event.cbm_numbers)))
    if event.source:  # the publishers it names, never our own file names ("seed 000; facts.md")
        readable = answers.public_source(event.source)
        if readable or not event.url:
            fields.append(Field(L("source", lang), safe(readable or T.message("source_unlinked", lang))))
    links = ctx.app.feeds.event_links(event)
    if links is not None:  # added once to the reader's own calendar; feeds (/feed) are for subscribing
        fields.append(
            Field(
                L("add_calendar", lang),
                f"[{L('download_ics', lang)}]({links.download}) · [Google Calendar]({links.google})",
            )
        )
    buttons = [Button(T.cbm_name(n, lang), f"/cbm number:{n}") for n in event.cbm_numbers[:4]]
    return Reply(
        title=f"#{event.id} {safe(event.title)}",
        text=safe(event.description),
        fields=fields,
        buttons=buttons,
        url=event.url,
        footer=T.message(
            "event_footer", lang, kind=kind_label(event.kind, lang), id=event.id, sequence=event.sequence
        ),
        lang=lang,
    )


def page_reply(ctx: Context, title: str, page: EventPage, command: str, empty: str) -> Reply:
    lang = _lang(ctx)
    if not page.events:
        return Reply(title=title, text=empty, lang=lang)
    text = "\n\n".join(event_line(ctx, e, lang) for e in page.events)
    buttons = []
    if page.page > 1:
        buttons.append(
            Button(T.label("previous_page", lang), f"{command} page:{page.page - 1}", replaces=True)
        )
    if page.page < page.pages:
        buttons.append(Button(T.label("next_page", lang), f"{command} page:{page.page + 1}", replaces=True))
    buttons.extend(Button(f"#{e.id}", f"/event show id:{e.id}") for e in page.events[:3])
    if lang == "en":
        footer = f"page {page.page} of {page.pages} · {page.total} event{'s' if page.total != 1 else ''}"
    else:
        footer = T.message("page_footer", lang, page=page.page, pages=page.pages, total=page.total)
    return Reply(
        title=title,
        text=text,
        buttons=buttons,
        footer=footer,
        page=page.page,
        pages=page.pages,
        lang=lang,
    )


def _again(name: str, **filters: object) -> str:
    parts = [f"/event {name}"]
    for key, value in filters.items():
        if value is not None:
            text = str(value)
            parts.append(f'{key}:"{text}"' if " " in text else f"{key}:{text}")
    return " ".join(parts)


async def _filters_text(ctx: Context, filters: dict[str, object], lang: str) -> str:
    """The filters of a listing as its title names them: "kind workshop, country Austria" in English (as
    it always was), "Workshop · Österreich · VBM 8" in another language."""
    given = {k: v for k, v in filters.items() if v is not None}
    if lang == "en":
        return ", ".join(f"{k} {v}" for k, v in given.items())
    parts = []
    for key, value in given.items():
        if key == "kind":
            parts.append(kind_label(str(value), lang))
        elif key == "country":
            try:
                found = await ctx.app.knowledge.match_country(str(value))
                parts.extend(await ctx.app.answers.country_names([found.country], lang))
            except CbmError:
                parts.append(str(value))
        elif key == "cbm":
            parts.append(T.cbm_name(int(value), lang))  # type: ignore[call-overload]
        elif key == "month":
            parts.append(T.month_name(int(value), lang))  # type: ignore[call-overload]
        elif key == "country_as":
            parts.append(T.message(f"country_as_{value}", lang))
        else:  # the year
            parts.append(str(value))
    return " · ".join(safe(p) for p in parts)


async def _listing(ctx: Context, when: str, title: str, empty: str, **filters: object) -> Reply:
    """A page of events; ``title`` and ``empty`` are keys of answer_text's labels and messages."""
    lang = _lang(ctx)
    page_no = int(filters.pop("page", None) or 1)  # type: ignore[call-overload]
    period = "all" if when == "list" else when
    page = await ctx.app.events.list(ctx.now, when=period, page=page_no, **filters)  # type: ignore[arg-type]
    chosen = await _filters_text(ctx, filters, lang)
    nothing = T.message(empty, lang)
    return page_reply(
        ctx,
        f"{T.label(title, lang)}{f' ({chosen})' if chosen else ''}",
        page,
        _again(when, **filters),
        T.message("with_filters", lang, text=nothing) if chosen else nothing + ".",
    )


@REGISTRY.command("event upcoming", "Events that have not ended yet, soonest first", *FILTERS)
async def upcoming(ctx: Context, **filters: object) -> Reply:
    return await _listing(ctx, "upcoming", "upcoming_events", "none_upcoming", **filters)


@REGISTRY.command("event past", "Events that have ended, newest first", *FILTERS)
async def past(ctx: Context, **filters: object) -> Reply:
    return await _listing(ctx, "past", "past_events", "none_past", **filters)


@REGISTRY.command(
    "event show",
    "One event in full",
    Option("id", int, "Event number", required=True, min_value=1, autocomplete="event"),
)
async def show(ctx: Context, id: int) -> Reply:
    return await event_reply(ctx, await ctx.app.events.get(id))


# ---------------------------------------------------------------------------------------------- changing

EVENT_ID = Option("id", int, "Event number", required=True, min_value=1, autocomplete="event")
CLEAR = "-"  # in edit: clears an optional field


def _split_names(text: str | None) -> list[str]:
    """'Austria, Germany; France' -> names. Commas and semicolons separate."""
    if not text:
        return []
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _split_cbms(text: str | None) -> list[int]:
    numbers = []
    for part in _split_names(text):
        digits = part.lower().removeprefix("cbm").strip().lstrip("#")
        if not digits.isdigit():
            raise BadInput(key="cbms_option_bad", raw=repr(part), part=part)
        numbers.append(int(digits))
    return numbers


async def reading_zone(ctx: Context, given: str | None) -> ZoneInfo:
    """The zone dates are read in: the one given, else the guild's, else the bot's (CBMBOT_TIMEZONE)."""
    if given and given.strip():
        return zone(given.strip())
    return await ctx.app.guilds.zone_for(ctx.guild_id, ctx.zone)


@REGISTRY.command(
    "event add",
    "Add an event; dates in ISO 8601 or words such as 'next tuesday 10:00'",
    Option("title", str, "What it is called", required=True, max_length=TITLE_MAX),
    Option("kind", str, "Kind of event", required=True, choices=KINDS),
    Option("start", str, "When it starts: 2026-03-03T14:30, '3 March 14:30', 'tomorrow' (a date: all day)",
           required=True),
    Option("end", str, "When it ends (all-day: its last day)"),
    Option("timezone", str, "Venue's zone, e.g. Europe/Vienna",
           autocomplete="timezone"),
    Option("location", str, "Where", max_length=LOCATION_MAX),
    Option("held_in", str, "Country it is held in (default: from the location)",
           autocomplete="country"),
    Option("online", bool, "Can people take part online?"),
    Option("countries", str, "States taking part, separated by commas", autocomplete="countries"),
    Option("cbms", str, "CBM numbers it serves, separated by commas"),
    Option("url", str, "Link to the event's page", max_length=URL_MAX),
    Option("description", str, "What it is about", max_length=DESCRIPTION_MAX),
    permission=Role.organiser,
)  # fmt: skip
async def add(
    ctx: Context,
    title: str,
    kind: str,
    start: str,
    end: str | None = None,
    timezone: str | None = None,
    location: str | None = None,
    online: bool | None = None,
    countries: str | None = None,
    cbms: str | None = None,
    url: str | None = None,
    description: str | None = None,
    held_in: str | None = None,
) -> Reply:
    tz = await reading_zone(ctx, timezone)
    begins = parse_when(start, tz, ctx.now, "start")
    draft = EventDraft(
        title=title,
        kind=kind,
        start=begins,
        end=parse_end(end, begins, tz, ctx.now) if end else None,
        timezone=tz.key,
        location=location,
        online=bool(online),
        countries=_split_names(countries),
        cbms=_split_cbms(cbms),
        url=url,
        description=description or "",
        venue_country=held_in,
    )
    event = await ctx.app.events.create(draft, ctx.principal, ctx.now)
    reply = await event_reply(ctx, event)
    lang = _lang(ctx)
    reply.text = T.message("event_added", lang, id=event.id) + _description(event)
    reply.buttons = [Button(T.message("button_follow", lang), f"/event follow id:{event.id}"), *reply.buttons]
    return reply


@REGISTRY.command(
    "event edit",
    "Change an event's fields; '-' clears an optional field",
    EVENT_ID,
    Option("title", str, "New title", max_length=TITLE_MAX),
    Option("kind", str, "New kind", choices=KINDS),
    Option("start", str, "New start (the length is kept unless end is given too)"),
    Option("end", str, "New end ('-': the default length)"),
    Option("timezone", str, "New venue zone (the wall-clock times stay)", autocomplete="timezone"),
    Option(
        "location",
        str,
        "New place ('-' clears)",
        max_length=LOCATION_MAX,
    ),
    Option("held_in", str, "Country it is held in ('-': none)", autocomplete="country"),
    Option("online", bool, "Can people take part online?"),
    Option("countries", str, "States taking part, replacing the list ('-' clears)", autocomplete="countries"),
    Option("cbms", str, "CBM numbers, replacing the list ('-' clears)"),
    Option("url", str, "New link ('-' clears)", max_length=URL_MAX),
    Option("description", str, "New description ('-' clears)", max_length=DESCRIPTION_MAX),
    Option("organisers", str, "Organisers, separated by commas ('-' clears)"),
    permission=Role.organiser,
)
async def edit(ctx: Context, id: int, **given: Any) -> Reply:
    changes: dict[str, Any] = {}
    event = await ctx.app.events.get(id)
    tz = zone(given["timezone"].strip()) if given.get("timezone") else zone(event.timezone)
    for name, value in given.items():
        if value is None:
            continue
        cleared = isinstance(value, str) and value.strip() == CLEAR
        if name in {"title", "kind", "start", "timezone", "online"} and cleared:
            raise BadInput(key="option_not_clearable", name=name)
        if name == "start":
            changes["start"] = parse_when(value, tz, ctx.now, "start")
        elif name == "end":
            changes["end"] = None if cleared else value
        elif name in {"countries", "organisers"}:
            changes[name] = [] if cleared else _split_names(value)
        elif name == "cbms":
            changes[name] = [] if cleared else _split_cbms(value)
        elif name in {"location", "url", "description"}:
            changes[name] = None if cleared else value
        elif name == "held_in":
            changes["venue_country"] = "" if cleared else value
        else:
            changes[name] = value
    if isinstance(changes.get("end"), str):
        anchor = changes.get("start") or event.start_at.astimezone(tz)
        changes["end"] = parse_end(changes["end"], anchor, tz, ctx.now)
    event, changed = await ctx.app.events.update(id, changes, ctx.principal, ctx.now)
    reply = await event_reply(ctx, event)
    labels = ", ".join(c.replace("_at", "").replace("_", " ") for c in changed)  # the options' names
    reply.text = T.message(
        "event_changed", _lang(ctx), labels=labels, id=event.id, sequence=event.sequence
    ) + _description(event)
    return reply


@REGISTRY.command(
    "event cancel",
    "Mark an event cancelled (it stays listed, marked)",
    EVENT_ID,
    Option("reason", str, "Why, for the people taking part", max_length=DESCRIPTION_MAX),
    permission=Role.organiser,
)
async def cancel(ctx: Context, id: int, reason: str | None = None) -> Reply:
    event = await ctx.app.events.cancel(id, reason, ctx.principal, ctx.now)
    reply = await event_reply(ctx, event)
    lang = _lang(ctx)
    reply.text = T.message("event_cancelled", lang, id=event.id) + (
        " " + T.message("event_reason", lang, reason=reason) if reason else ""
    )
    return reply


@REGISTRY.command(
    "event postpone",
    "Mark an event postponed (new dates to follow)",
    EVENT_ID,
    Option("reason", str, "Why, for the people taking part", max_length=DESCRIPTION_MAX),
    permission=Role.organiser,
)
async def postpone(ctx: Context, id: int, reason: str | None = None) -> Reply:
    event = await ctx.app.events.postpone(id, reason, ctx.principal, ctx.now)
    reply = await event_reply(ctx, event)
    lang = _lang(ctx)
    reply.text = T.message(
        "event_postponed",
        lang,
        id=event.id,
        edit=named(ctx, "event edit", lang),
        restore=named(ctx, "event restore", lang),
    )
    return reply


@REGISTRY.command(
    "event restore", "Mark a cancelled or postponed event as scheduled again", EVENT_ID,
    permission=Role.organiser,
)  # fmt: skip
async def restore(ctx: Context, id: int) -> Reply:
    event = await ctx.app.events.restore(id, ctx.principal, ctx.now)
    reply = await event_reply(ctx, event)
    reply.text = T.message("event_restored", _lang(ctx), id=event.id)
    return reply


@REGISTRY.command(
    "event participants",
    "Add or remove states taking part in an event",
    EVENT_ID,
    Option("add", str, "States to add, separated by commas", autocomplete="countries"),
    Option("remove", str, "States to remove, separated by commas", autocomplete="countries"),
    permission=Role.organiser,
)
async def participants(ctx: Context, id: int, add: str | None = None, remove: str | None = None) -> Reply:
    event, added, removed = await ctx.app.events.change_participants(
        id, _split_names(add), _split_names(remove), ctx.principal, ctx.now
    )
    lang = _lang(ctx)
    parts = []
    for key, changed in (("participants_added", added), ("participants_removed", removed)):
        if changed:
            names = await ctx.app.answers.country_names_by_name(changed, lang)
            parts.append(T.message(key, lang, names=", ".join(names)))
    reply = await event_reply(ctx, event)
    reply.text = T.message(
        "participants_changed", lang, id=event.id, parts="; ".join(parts), count=len(event.countries)
    )
    return reply


# ---------------------------------------------------------------------------------------------- browsing


@REGISTRY.command("event list", "All events in date order, with filters", *FILTERS)
async def list_all(ctx: Context, **filters: object) -> Reply:
    return await _listing(ctx, "list", "events", "none_all", **filters)


@REGISTRY.command(
    "event search",
    "Find events by title, description, place or taking-part states (typos are fine)",
    Option("query", str, "Words to look for", required=True, max_length=200),
    Option("page", int, "Page number", min_value=1),
)
async def search(ctx: Context, query: str, page: int | None = None) -> Reply:
    found = await ctx.app.events.search(query, ctx.now, page=page or 1)
    text = query.replace('"', "")
    return page_reply(
        ctx,
        T.message("events_matching", _lang(ctx), text=text),
        found,
        f'/event search query:"{text}"',
        T.message("no_match", _lang(ctx), text=text),
    )


# ---------------------------------------------------------------------------------------------- following


@REGISTRY.command(
    "event follow", "Follow an event: your private calendar and reminders include it", EVENT_ID,
    ephemeral=True,
)  # fmt: skip
async def follow(ctx: Context, id: int) -> Reply:
    event, new = await ctx.app.events.follow(id, ctx.principal, ctx.now)
    lang = _lang(ctx)
    text = T.message("follow_new" if new else "follow_already", lang, id=event.id, title=safe(event.title))
    return Reply(
        text=text, buttons=[Button(T.message("button_unfollow", lang), f"/event unfollow id:{event.id}")]
    )


@REGISTRY.command("event unfollow", "Stop following an event", EVENT_ID, ephemeral=True)
async def unfollow(ctx: Context, id: int) -> Reply:
    event, gone = await ctx.app.events.unfollow(id, ctx.principal, ctx.now)
    lang = _lang(ctx)
    if not gone:
        return Reply.refusal(T.message("unfollow_not", lang, id=event.id))
    return Reply(text=T.message("unfollow_done", lang, id=event.id, title=safe(event.title)))


@REGISTRY.command(
    "event following", "The events you follow", Option("page", int, "Page number", min_value=1),
    ephemeral=True,
)  # fmt: skip
async def following(ctx: Context, page: int | None = None) -> Reply:
    found = await ctx.app.events.following(ctx.principal, page=page or 1)
    lang = _lang(ctx)
    return page_reply(
        ctx,
        T.message("following_title", lang),
        found,
        "/event following",
        T.message("following_none", lang, follow=named(ctx, "event follow", lang)),
    )


# ---------------------------------------------------------------------------------------------- import


@REGISTRY.command(
    "event import",
    "Import events from a .ics, .yaml/.json or .csv file",
    Option("file", Upload, "The file (in the console: its path)", required=True),
    permission=Role.organiser,
    ephemeral=True,  # the report (and any refusal of a malformed file) goes to the organiser alone
    slow=True,  # Discord defers before the file is downloaded
)
async def import_events(ctx: Context, file: Upload) -> Reply:
    file = file.read(ctx.transport, ctx.app.imports.max_bytes)
    tz = await reading_zone(ctx, None)
    report = await ctx.app.imports.import_file(
        file.filename, file.data, ctx.principal, ctx.now, default_zone=tz
    )
    lang = supported_language(ctx.locale)  # the report in the reader's language; the CLI's stays English
    changed = [r for r in report.results if r.outcome in {"created", "updated"}]
    fields = []
    if changed:
        fields.append(
            Field(
                T.message("import_changed", lang, count=len(changed)),
                "\n".join(
                    f"{T.message(f'import_{r.outcome}', lang)} #{r.event_id} {safe(r.title)}"
                    for r in changed[:15]
                )
                + _more(len(changed), lang),
            )
        )
    if report.rejected:
        fields.append(
            Field(
                T.message("import_rejected", lang, count=len(report.rejected)),
                "\n".join(
                    f"{safe(r.where_in(lang))}: {safe(r.reason_in(lang))}" for r in report.rejected[:15]
                )
                + _more(len(report.rejected), lang),
            )
        )
    counts = {outcome: report.count(outcome) for outcome in ("created", "updated", "unchanged", "rejected")}
    return Reply(
        lang=lang,
        title=T.message("import_title", lang, name=safe(report.filename)),
        text=T.message("import_summary", lang, **counts),
        fields=fields,
        footer=T.message("import_footer", lang, zone=tz.key),
    )


def _more(count: int, lang: str, shown: int = 15) -> str:
    """ "… and 3 more" after the first ``shown`` lines of a list."""
    return "\n" + T.message("import_more", lang, count=count - shown) if count > shown else ""

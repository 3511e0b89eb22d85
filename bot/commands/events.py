"""/event: browse and show events (creating and changing them is declared here too as it grows)."""

from __future__ import annotations

from bot.commands.base import Button, Context, Field, Option, Reply
from bot.commands.registry import REGISTRY
from bot.services.events import KINDS, EventPage
from storage.models import Event, EventStatus

REGISTRY.group("event", "Events")

KIND_LABEL = {
    "conference": "Conference",
    "study_visit": "Study visit",
    "workshop": "Workshop",
    "meeting": "Meeting",
    "training": "Training",
    "other": "Event",
}
STATUS_MARK = {EventStatus.cancelled.value: "CANCELLED", EventStatus.postponed.value: "POSTPONED"}

FILTERS = (
    Option("kind", str, "Only this kind of event", choices=KINDS),
    Option("country", str, "Only events this state or partner took part in", autocomplete="country"),
    Option("cbm", int, "Only events serving this CBM", min_value=1, max_value=99),
    Option("year", int, "Only events starting in this year", min_value=1900, max_value=2100),
    Option("page", int, "Page number", min_value=1),
)


def place(event: Event) -> str:
    if event.online and event.location:
        return f"{event.location} and online"
    if event.online:
        return "online"
    return event.location or "place not given"


def event_line(ctx: Context, event: Event) -> str:
    mark = STATUS_MARK.get(event.status)
    status = f" **{mark}**" if mark else ""
    return f"**#{event.id}** {event.title}{status}\n{ctx.times.event_when(event)} · {place(event)}"


def event_reply(ctx: Context, event: Event) -> Reply:
    fields = [
        Field("When", ctx.times.event_when(event)),
        Field("Where", place(event), inline=True),
        Field("Kind", KIND_LABEL.get(event.kind, event.kind), inline=True),
    ]
    if event.status != EventStatus.scheduled.value:
        reason = f": {event.status_reason}" if event.status_reason else ""
        fields.append(Field("Status", f"{event.status}{reason}"))
    if event.date_note:
        fields.append(Field("About the date", event.date_note))
    if event.organisers:
        fields.append(Field("Organisers", ", ".join(event.organisers)))
    if event.countries:
        fields.append(
            Field(f"Taking part ({len(event.countries)})", ", ".join(c.name for c in event.countries))
        )
    if event.cbm_numbers:
        fields.append(Field("CBMs", ", ".join(f"CBM {n}" for n in event.cbm_numbers)))
    if event.source:
        fields.append(Field("Source", event.source))
    buttons = [Button(f"CBM {n}", f"/cbm number:{n}") for n in event.cbm_numbers[:4]]
    return Reply(
        title=f"#{event.id} {event.title}",
        text=event.description,
        fields=fields,
        buttons=buttons,
        url=event.url,
        footer=f"{KIND_LABEL.get(event.kind, event.kind)} · event #{event.id} · change {event.sequence}",
    )


def page_reply(ctx: Context, title: str, page: EventPage, command: str, empty: str) -> Reply:
    if not page.events:
        return Reply(title=title, text=empty)
    text = "\n\n".join(event_line(ctx, e) for e in page.events)
    buttons = []
    if page.page > 1:
        buttons.append(Button("◀ Previous", f"{command} page:{page.page - 1}", replaces=True))
    if page.page < page.pages:
        buttons.append(Button("Next ▶", f"{command} page:{page.page + 1}", replaces=True))
    buttons.extend(Button(f"#{e.id}", f"/event show id:{e.id}") for e in page.events[:3])
    return Reply(
        title=title,
        text=text,
        buttons=buttons,
        footer=f"page {page.page} of {page.pages} · {page.total} event{'s' if page.total != 1 else ''}",
        page=page.page,
        pages=page.pages,
    )


def _again(name: str, **filters: object) -> str:
    parts = [f"/event {name}"]
    for key, value in filters.items():
        if value is not None:
            text = str(value)
            parts.append(f'{key}:"{text}"' if " " in text else f"{key}:{text}")
    return " ".join(parts)


async def _listing(ctx: Context, when: str, title: str, empty: str, **filters: object) -> Reply:
    page_no = int(filters.pop("page", None) or 1)  # type: ignore[call-overload]
    page = await ctx.app.events.list(ctx.now, when=when, page=page_no, **filters)  # type: ignore[arg-type]
    chosen = ", ".join(f"{k} {v}" for k, v in filters.items() if v is not None)
    return page_reply(
        ctx,
        f"{title}{f' ({chosen})' if chosen else ''}",
        page,
        _again(when, **filters),
        empty + (" with those filters" if chosen else "") + ".",
    )


@REGISTRY.command("event upcoming", "Events that have not ended yet, soonest first", *FILTERS)
async def upcoming(ctx: Context, **filters: object) -> Reply:
    return await _listing(ctx, "upcoming", "Upcoming events", "No upcoming events", **filters)


@REGISTRY.command("event past", "Events that have ended, newest first", *FILTERS)
async def past(ctx: Context, **filters: object) -> Reply:
    return await _listing(ctx, "past", "Past events", "No past events", **filters)


@REGISTRY.command(
    "event show",
    "One event in full",
    Option("id", int, "Event number", required=True, min_value=1, autocomplete="event"),
)
async def show(ctx: Context, id: int) -> Reply:
    return event_reply(ctx, await ctx.app.events.get(id))

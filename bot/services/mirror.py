"""What to mirror into a guild's Discord Scheduled Events (its Events tab), decided without Discord.

The Discord calls live in cogs/mirror; this module says which events should be there (upcoming, scheduled,
soonest first, within the room Discord's cap of 100 leaves), what each should look like, and which links
to create, update or remove so that a second run with nothing changed does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.answer_text import message
from bot.services.answers import where_text
from storage.models import Event, EventStatus, GuildSettings, ScheduledEventLink
from storage.repositories import EventFilter, EventRepository, ScheduledEventLinkRepository

DISCORD_CAP = 100  # scheduled events a guild may have at once
NAME_MAX, DESCRIPTION_MAX, LOCATION_MAX = 100, 1000, 100
CREATE_MARGIN = dt.timedelta(minutes=2)  # Discord refuses new events that start in the past


@dataclass(frozen=True)
class Link:
    event_id: int
    discord_event_id: int
    sequence: int


@dataclass
class MirrorPlan:
    create: list[Event] = field(default_factory=list)
    update: list[tuple[Link, Event]] = field(default_factory=list)
    delete: list[Link] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.create or self.update or self.delete)


def plan_mirror(
    candidates: Sequence[Event],
    links: Sequence[Link],
    now: dt.datetime,
    room: int = DISCORD_CAP,
    *,
    rewrite: bool = False,
) -> MirrorPlan:
    """Candidates: events that have not ended, soonest first. Links: what the guild has now. ``room``: how
    many scheduled events we may hold (the cap minus those the guild made itself). ``rewrite``: every
    mirrored event is written again, changed or not (the guild's language changed)."""
    by_event = {link.event_id: link for link in links}
    wanted: list[Event] = []
    for event in candidates:
        if len(wanted) >= max(0, room):
            break
        if event.status != EventStatus.scheduled.value or event.end_at <= now:
            continue
        if event.id not in by_event and event.start_at < now + CREATE_MARGIN:
            continue  # already running and never mirrored: Discord cannot create it any more
        wanted.append(event)
    plan = MirrorPlan()
    keep = {e.id for e in wanted}
    for link in links:
        if link.event_id not in keep:
            plan.delete.append(link)
    for event in wanted:
        link = by_event.get(event.id)
        if link is None:
            plan.create.append(event)
        elif rewrite or link.sequence != event.sequence:
            plan.update.append((link, event))
    return plan


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def scheduled_event_payload(event: Event, event_url: str | None = None, lang: str = "en") -> dict[str, Any]:
    """The Discord API body of an external scheduled event (guild only) for ``event``, its place in ``lang``
    (the guild's language)."""
    place = (
        where_text(event, lang) if event.online or event.location else message("post_mirror_no_place", lang)
    )
    description = event.description or ""
    link = event.url or event_url
    if link:
        description = f"{description}\n\n{link}".strip()
    return {
        "name": _cut(event.title, NAME_MAX),
        "privacy_level": 2,  # guild only
        "entity_type": 3,  # external: a place, not a voice or stage channel
        "entity_metadata": {"location": _cut(place, LOCATION_MAX)},
        "scheduled_start_time": event.start_at.astimezone(dt.UTC).isoformat(),
        "scheduled_end_time": event.end_at.astimezone(dt.UTC).isoformat(),
        "description": _cut(description, DESCRIPTION_MAX),
    }


class MirrorService:
    def __init__(self, db: async_sessionmaker[AsyncSession]) -> None:
        self.db = db

    async def state(self, guild_id: int, now: dt.datetime) -> tuple[bool, list[Link], list[Event]]:
        """(mirror on?, current links, candidate events soonest first)."""
        async with self.db() as session:
            settings = await session.get(GuildSettings, guild_id)
            rows = await ScheduledEventLinkRepository(session).for_guild(guild_id)
            links = [Link(r.event_id, r.discord_event_id, r.sequence) for r in rows]
            enabled = bool(settings and settings.mirror_events)
            candidates: Sequence[Event] = []
            if enabled:
                flt = EventFilter(starts_after=now, statuses=(EventStatus.scheduled.value,))
                candidates, _ = await EventRepository(session).list(flt, limit=DISCORD_CAP * 2)
                linked = [link.event_id for link in links if link.event_id not in {e.id for e in candidates}]
                if linked:  # linked events no longer upcoming: load them so the plan sees their state
                    extra, _ = await EventRepository(session).list(EventFilter(ids=linked), limit=None)
                    candidates = [*candidates, *extra]
        return enabled, links, list(candidates)

    async def record(
        self, guild_id: int, event_id: int, discord_event_id: int, sequence: int, now: dt.datetime
    ) -> None:
        async with self.db.begin() as session:
            await ScheduledEventLinkRepository(session).save(
                guild_id, event_id, discord_event_id, sequence, now
            )

    async def forget(self, guild_id: int, event_id: int) -> None:
        async with self.db.begin() as session:
            await ScheduledEventLinkRepository(session).forget(guild_id, event_id)


__all__ = ["DISCORD_CAP", "Link", "MirrorPlan", "MirrorService", "ScheduledEventLink", "plan_mirror"]

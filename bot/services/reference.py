"""Loading the packaged reference data into the database, idempotently."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.events import EventDraft, EventService, new_event, record_change, snapshot
from storage import reference, search
from storage.models import Cbm, Country, CountryName
from storage.repositories import (
    AuditRepository,
    CbmRepository,
    CountryRepository,
    EventRepository,
    apply_changes,
)
from storage.text import fold

# A reference event's fields as the seed compares them; the date is one field (start, end, zone, all-day,
# whether the year is known and the note about it change together: a confirmed year is one edit).
SEED_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "kind": ("kind",),
    "description": ("description",),
    "when": ("start_at", "end_at", "timezone", "all_day", "approximate", "date_note"),
    "location": ("location",),
    "online": ("online",),
    "url": ("url",),
    "organisers": ("organisers",),
    "source": ("source",),
    "countries": (),
    "cbms": (),
}


def seed_view(columns: dict[str, Any], countries: list[str], cbms: list[int]) -> dict[str, Any]:
    """The values the seed compares, as plain JSON (what events.seed_values stores)."""
    view: dict[str, Any] = {}
    for name, cols in SEED_FIELDS.items():
        values = [_plain(columns[c]) for c in cols]
        view[name] = values[0] if len(values) == 1 else values
    view["countries"] = sorted(countries)
    view["cbms"] = sorted(cbms)
    return view


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, list | tuple):
        return list(value)
    return value


@dataclass
class SeedReport:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)  # rows whose local edits the seed left alone

    def bump(self, table: str, outcome: str) -> None:
        self.counts.setdefault(table, {"created": 0, "updated": 0, "unchanged": 0})[outcome] += 1

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{table}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
            + (f", {self.kept[table]} kept local edits" if self.kept.get(table) else "")
            for table, c in self.counts.items()
        ]


class ReferenceService:
    def __init__(self, db: async_sessionmaker[AsyncSession], events: EventService) -> None:
        self.db = db
        self.events = events

    async def seed(self, now: dt.datetime) -> SeedReport:
        """CBMs, countries with their names, then the reference events; one transaction."""
        report = SeedReport()
        async with self.db.begin() as session:
            await self._cbms(session, report)
            await self._countries(session, report)
            for item in reference.events():
                draft = EventDraft(
                    title=item.title,
                    kind=item.kind,
                    start=item.start,
                    end=item.end,
                    timezone=item.timezone,
                    location=item.location,
                    online=item.online,
                    countries=item.countries,
                    cbms=item.cbms,
                    url=item.url,
                    description=item.description,
                    organisers=item.organisers,
                    uid=item.uid,
                    source=item.source,
                    approximate=item.approximate,
                    date_note=item.date_note,
                )
                outcome, kept = await self._event(session, draft, now)
                report.bump("events", outcome)
                if kept:
                    report.kept["events"] = report.kept.get("events", 0) + 1
            # The answers' full-text index (storage/search.py): only rows that differ are written.
            await session.run_sync(search.sync_all)
        return report

    async def _event(self, session: AsyncSession, draft: EventDraft, now: dt.datetime) -> tuple[str, bool]:
        """Create a reference event, or update the fields of it that nobody changed since the seed last
        wrote them: (outcome, whether local edits were kept). The sequence rises only when something that
        subscribers see changed; remembering what the seed wrote is not such a change."""
        assert draft.uid
        values = await self.events.validate(draft, session)
        repo = EventRepository(session)
        wanted = seed_view(values["columns"], [c.name for c in values["countries"]], values["cbms"])
        event = await repo.by_uid(draft.uid)
        if event is None:
            event = new_event(values, draft.uid, "seed", now)
            event.seed_values = wanted
            await repo.add(event)
            return "created", False
        current = seed_view(
            {c: getattr(event, c) for cols in SEED_FIELDS.values() for c in cols},
            [c.name for c in event.countries],
            event.cbm_numbers,
        )
        memory = event.seed_values
        if memory is None:  # seeded before the seed kept its values: edited by anyone but the seed?
            actors = await AuditRepository(session).actors("event", event.id)
            memory = current if actors <= {"seed"} else {}
        kept = [k for k in wanted if current[k] != memory.get(k) and current[k] != wanted[k]]
        apply = [k for k in wanted if k not in kept and current[k] != wanted[k]]
        remembered = {k: memory.get(k) if k in kept else wanted[k] for k in wanted}
        if apply:
            before = snapshot(event)
            apply_changes(event, {c: values["columns"][c] for k in apply for c in SEED_FIELDS[k]})
            if "countries" in apply or "cbms" in apply:
                await repo.set_links(
                    event,
                    values["countries"] if "countries" in apply else list(event.countries),
                    values["cbms"] if "cbms" in apply else event.cbm_numbers,
                )
            await record_change(session, event, "event.update", "seed", before, now, fields=apply)
        if event.seed_values != remembered:
            event.seed_values = remembered
        return ("updated" if apply else "unchanged"), bool(kept)

    @staticmethod
    async def _cbms(session: AsyncSession, report: SeedReport) -> None:
        repo = CbmRepository(session)
        for item in reference.cbms():
            values = {
                "decision": item.decision,
                "decision_date": item.decision_date,
                "title": item.title,
                "summary": item.summary,
                "keywords": item.keywords,
            }
            row = await repo.get(item.number)
            if row is None:
                session.add(Cbm(number=item.number, **values))
                report.bump("cbms", "created")
                continue
            report.bump("cbms", "updated" if apply_changes(row, values) else "unchanged")
        await session.flush()

    @staticmethod
    async def _countries(session: AsyncSession, report: SeedReport) -> None:
        repo = CountryRepository(session)
        for item in reference.countries():
            values = {
                "name": item.name,
                "iso2": item.iso2,
                "status": item.status,
                "since": item.since,
                "note": item.note,
            }
            wanted = {(fold(item.name), "en"): item.name}
            for lang, names in item.names.items():
                for name in names:
                    wanted.setdefault((fold(name), lang), name)
            row = await repo.by_key(item.iso2, item.name)
            if row is None:
                row = Country(**values)
                row.names = [
                    CountryName(lang=lang, name=name, folded=f) for (f, lang), name in wanted.items()
                ]
                session.add(row)
                report.bump("countries", "created")
                continue
            changed = apply_changes(row, values)
            have = {(n.folded, n.lang): n for n in row.names}
            for key, existing in have.items():
                if key not in wanted:
                    row.names.remove(existing)
                    changed = True
                elif existing.name != wanted[key]:
                    existing.name = wanted[key]
                    changed = True
            for (f, lang), name in wanted.items():
                if (f, lang) not in have:
                    row.names.append(CountryName(lang=lang, name=name, folded=f))
                    changed = True
            report.bump("countries", "updated" if changed else "unchanged")
        await session.flush()

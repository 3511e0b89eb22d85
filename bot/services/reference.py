"""Loading the packaged reference data into the database, idempotently."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services.events import EventDraft, EventService
from storage import reference, search
from storage.models import Cbm, Country, CountryName
from storage.repositories import CbmRepository, CountryRepository, apply_changes
from storage.text import fold


@dataclass
class SeedReport:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def bump(self, table: str, outcome: str) -> None:
        self.counts.setdefault(table, {"created": 0, "updated": 0, "unchanged": 0})[outcome] += 1

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{table}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged"
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
                report.bump("events", await self.events.upsert_reference(session, draft, now))
            # The answers' full-text index (storage/search.py): only rows that differ are written.
            await session.run_sync(search.sync_all)
        return report

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

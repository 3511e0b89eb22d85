"""Importing events from files: iCalendar (.ics, recurring events expanded within a window), YAML/JSON
and CSV. Every row is created, updated (matched by its UID or external id), left unchanged or rejected
with its line (or UID) and the reason. A file that cannot be read at all is refused whole; the rows of
a readable file are applied in ONE transaction, so an import is all there or not there."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, CbmError
from bot.services.events import EventDraft, EventService
from bot.services.principal import Principal
from bot.timeutil import check_year, localize, parse_iso, zone
from storage.models import EventStatus
from storage.repositories import EventRepository
from storage.text import fold

FORMATS = {".ics": "ics", ".ical": "ics", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}
ROW_FIELDS = ("uid", "external_id", "title", "kind", "start", "end", "timezone", "location", "online",
              "countries", "cbms", "url", "description", "organisers", "status", "held_in")  # fmt: skip
WINDOW_BEFORE = dt.timedelta(days=365)
WINDOW_AFTER = dt.timedelta(days=2 * 365)
MAX_OCCURRENCES = 500  # of one recurring series within the window

Progress = Callable[[int, int], None]


@dataclass
class ImportRow:
    where: str  # "line 4", "item 2", "UID abc@example.org"
    draft: EventDraft | None = None
    status: EventStatus | None = None
    problem: str | None = None  # the row could not be read


@dataclass(frozen=True)
class RowResult:
    where: str
    outcome: str  # created | updated | unchanged | rejected
    event_id: int | None = None
    title: str | None = None
    reason: str | None = None


@dataclass
class ImportReport:
    filename: str
    results: list[RowResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def rejected(self) -> list[RowResult]:
        return [r for r in self.results if r.outcome == "rejected"]

    def summary(self) -> str:
        return (
            f"{self.filename}: {self.count('created')} created, {self.count('updated')} updated, "
            f"{self.count('unchanged')} unchanged, {self.count('rejected')} rejected"
        )

    def lines(self) -> list[str]:
        out = []
        for r in self.results:
            if r.outcome == "rejected":
                out.append(f"rejected {r.where}: {r.reason}")
            else:
                out.append(f"{r.outcome} {r.where}: #{r.event_id} {r.title}")
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.filename,
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "rejected": self.count("rejected"),
            "rows": [
                {
                    "where": r.where,
                    "outcome": r.outcome,
                    "event_id": r.event_id,
                    "title": r.title,
                    "reason": r.reason,
                }
                for r in self.results
            ],
        }


class ImportService:
    def __init__(self, db: async_sessionmaker[AsyncSession], events: EventService) -> None:
        self.db = db
        self.events = events

    async def import_file(
        self,
        filename: str,
        data: bytes,
        actor: Principal,
        now: dt.datetime,
        *,
        default_zone: ZoneInfo,
        window: tuple[dt.datetime, dt.datetime] | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        rows = read_rows(filename, data, default_zone, window or (now - WINDOW_BEFORE, now + WINDOW_AFTER))
        report = ImportReport(PurePath(filename).name)
        seen: dict[str, str] = {}
        async with self.db.begin() as session:
            uids = [row.draft.uid for row in rows if row.draft is not None and row.draft.uid]
            known = await EventRepository(session).by_uids(uids)
            for done, row in enumerate(rows, start=1):
                report.results.append(await self._apply(session, row, seen, known, actor, now))
                if progress is not None:
                    progress(done, len(rows))
        self.events.changed()
        return report

    async def _apply(
        self,
        session: AsyncSession,
        row: ImportRow,
        seen: dict[str, str],
        known: dict[str, Any],
        actor: Principal,
        now: dt.datetime,
    ) -> RowResult:
        if row.problem is not None or row.draft is None:
            return RowResult(row.where, "rejected", reason=row.problem or "nothing to import")
        uid = row.draft.uid or ""
        if uid in seen:
            return RowResult(row.where, "rejected", reason=f"the same UID as {seen[uid]} ({uid})")
        seen[uid] = row.where
        try:
            outcome, event = await self.events.upsert_by_uid(
                session,
                row.draft,
                now,
                actor=f"{actor.audit_name} import",
                created_by=actor.key,
                status=row.status,
                audit_create=True,
                known=known,
            )
        except CbmError as exc:
            return RowResult(row.where, "rejected", reason=str(exc))
        return RowResult(row.where, outcome, event.id, event.title)


# ---------------------------------------------------------------------------------------------- reading


def read_rows(
    filename: str, data: bytes, default_zone: ZoneInfo, window: tuple[dt.datetime, dt.datetime]
) -> list[ImportRow]:
    """The rows of a file, or BadInput when the file as a whole cannot be read."""
    kind = FORMATS.get(PurePath(filename).suffix.lower())
    if kind is None:
        raise BadInput(
            f"cannot import {PurePath(filename).name!r}: give a .ics, .yaml, .yml, .json or .csv file"
        )
    if kind == "ics":
        return read_ics(data, default_zone, window)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"the file is not UTF-8 text (byte {exc.start})") from None
    if kind == "csv":
        return read_csv(text, default_zone)
    if kind == "json":
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadInput(f"the JSON file is malformed at line {exc.lineno}: {exc.msg}") from None
        items = _items(loaded, "JSON")
        return [_mapping_row(item, f"item {n}", default_zone) for n, item in enumerate(items, start=1)]
    return read_yaml(text, default_zone)


def _items(loaded: Any, what: str) -> list[Any]:
    if isinstance(loaded, dict) and isinstance(loaded.get("events"), list):
        loaded = loaded["events"]
    if not isinstance(loaded, list):
        raise BadInput(f"the {what} file must hold a list of events (or {{events: [...]}})")
    return loaded


def read_yaml(text: str, default_zone: ZoneInfo) -> list[ImportRow]:
    import yaml

    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return []
            if isinstance(node, yaml.MappingNode):  # {events: [...]}
                for key, value in node.value:
                    if key.value == "events":
                        node = value
            if not isinstance(node, yaml.SequenceNode):
                raise BadInput("the YAML file must hold a list of events (or events: [...])")
            rows = []
            for item in node.value:
                where = f"line {item.start_mark.line + 1}"
                value = loader.construct_object(item, deep=True)
                rows.append(_mapping_row(value, where, default_zone))
            return rows
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise BadInput(f"the YAML file is malformed{at}: {problem}") from None


def read_csv(text: str, default_zone: ZoneInfo) -> list[ImportRow]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [h for h in ("title", "start") if h not in header]
    if missing:
        raise BadInput(
            f"the CSV file needs a header row with at least title and start (missing {', '.join(missing)}); "
            f"the columns read are {', '.join(ROW_FIELDS)}"
        )
    reader.fieldnames = header
    rows = []
    try:
        for record in reader:
            where = f"line {reader.line_num}"
            if None in record:
                rows.append(ImportRow(where, problem="more values than columns"))
                continue
            values = {k: v for k, v in record.items() if v not in (None, "")}
            if not values:
                continue
            rows.append(_mapping_row(values, where, default_zone))
    except csv.Error as exc:
        raise BadInput(f"the CSV file is malformed at line {reader.line_num}: {exc}") from None
    return rows


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in str(value).replace(";", ",").split(",") if p.strip()]


def _cbms(value: Any) -> list[int]:
    numbers = []
    for part in _names(value):
        digits = part.lower().removeprefix("cbm").strip()
        if not digits.isdigit():
            raise BadInput(f"cbms: {part!r} is not a CBM number")
        numbers.append(int(digits))
    return numbers


def _bool(value: Any, what: str) -> bool:
    if isinstance(value, bool) or value is None:
        return bool(value)
    low = str(value).strip().lower()
    if low in {"true", "yes", "y", "1", "on"}:
        return True
    if low in {"false", "no", "n", "0", "off", ""}:
        return False
    raise BadInput(f"{what} must be true or false, not {value!r}")


def _when(value: Any, tz: ZoneInfo, what: str) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime):
        check_year(value, what)
        return value if value.tzinfo is not None else localize(value, tz)
    if isinstance(value, dt.date):
        check_year(value, what)
        return value
    return parse_iso(str(value), tz, what)


def _status(value: Any) -> EventStatus | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return EventStatus(text.lower())
    except ValueError:
        raise BadInput(f"status must be scheduled, cancelled or postponed, not {text!r}") from None


def derived_uid(title: str, start: Any) -> str:
    """A stable UID for a row that has none, so that importing it again updates instead of duplicating."""
    digest = hashlib.sha1(f"{fold(title)}|{start}".encode()).hexdigest()[:20]
    return f"import-{digest}"


def _mapping_row(item: Any, where: str, default_zone: ZoneInfo) -> ImportRow:
    if not isinstance(item, dict):
        return ImportRow(where, problem="not a mapping of field names to values")
    values = {str(k).strip().lower(): v for k, v in item.items()}
    unknown = sorted(set(values) - set(ROW_FIELDS) - {"id", "all_day"})
    if unknown:
        return ImportRow(
            where, problem=f"unknown field {', '.join(unknown)} (known: {', '.join(ROW_FIELDS)})"
        )
    try:
        title = _text(values.get("title"))
        if title is None:
            raise BadInput("no title")
        if values.get("start") in (None, ""):
            raise BadInput("no start")
        tz = zone(str(values["timezone"]).strip()) if _text(values.get("timezone")) else default_zone
        start = _when(values["start"], tz, "start")
        end = _when(values["end"], tz, "end") if _text(values.get("end")) else None
        uid = _text(values.get("uid")) or _text(values.get("external_id")) or _text(values.get("id"))
        draft = EventDraft(
            title=title,
            kind=_text(values.get("kind")) or "other",
            start=start,
            end=end,
            timezone=tz.key,
            location=_text(values.get("location")),
            online=_bool(values.get("online"), "online"),
            countries=_names(values.get("countries")),
            cbms=_cbms(values.get("cbms")),
            url=_text(values.get("url")),
            description=_text(values.get("description")) or "",
            organisers=_names(values.get("organisers")),
            uid=uid or derived_uid(title, values["start"]),
            venue_country=_text(values.get("held_in")),  # absent: the country named in the location
        )
        return ImportRow(where if not uid else f"{where} (UID {uid})", draft, _status(values.get("status")))
    except CbmError as exc:
        return ImportRow(where, problem=str(exc))


# ---------------------------------------------------------------------------------------------- iCalendar


def read_ics(data: bytes, default_zone: ZoneInfo, window: tuple[dt.datetime, dt.datetime]) -> list[ImportRow]:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise BadInput(f"not a valid iCalendar file: {exc}") from None
    if calendar.name != "VCALENDAR":
        raise BadInput("not an iCalendar file: it does not start with BEGIN:VCALENDAR")
    components = list(calendar.walk("VEVENT"))
    series: dict[str, list[Any]] = {}
    order: list[str] = []
    rows: list[ImportRow] = []
    for n, component in enumerate(components, start=1):
        uid = _text(component.get("UID"))
        if uid is None:
            summary = _text(component.get("SUMMARY")) or "untitled"
            rows.append(_vevent_row(component, f"event {n} ({summary}, no UID)", None, default_zone))
            continue
        if uid not in series:
            order.append(uid)
        series.setdefault(uid, []).append(component)
    for uid in order:
        parts = series[uid]
        recurring = any(p.get("RRULE") or p.get("RDATE") for p in parts)
        if not recurring:
            if len(parts) > 1 and not all(p.get("RECURRENCE-ID") for p in parts[1:]):
                rows.append(ImportRow(f"UID {uid}", problem="the file has more than one event with this UID"))
                continue
            for part in parts:
                key = _occurrence_key(part.get("RECURRENCE-ID"))
                where, event_uid = (
                    (f"UID {uid}", uid) if key is None else (f"UID {uid} ({key})", f"{uid}/{key}")
                )
                rows.append(_vevent_row(part, where, event_uid, default_zone))
            continue
        rows.extend(_expand(uid, parts, default_zone, window))
    return rows


def _expand(
    uid: str, parts: Sequence[Any], default_zone: ZoneInfo, window: tuple[dt.datetime, dt.datetime]
) -> list[ImportRow]:
    import icalendar
    import recurring_ical_events

    mini = icalendar.Calendar()
    for part in parts:
        mini.add_component(part)
    try:
        occurrences = list(recurring_ical_events.of(mini).between(window[0], window[1]))
    except Exception as exc:  # the library raises its own errors for broken rules
        return [ImportRow(f"UID {uid}", problem=f"cannot expand the recurrence: {exc}")]
    if len(occurrences) > MAX_OCCURRENCES:
        return [
            ImportRow(
                f"UID {uid}",
                problem=f"the series has {len(occurrences)} occurrences in the window; at most "
                f"{MAX_OCCURRENCES} are imported (give a shorter window)",
            )
        ]
    rows = []
    for occurrence in occurrences:
        key = _occurrence_key(occurrence.get("RECURRENCE-ID") or occurrence.get("DTSTART"))
        rows.append(_vevent_row(occurrence, f"UID {uid} ({key})", f"{uid}/{key}", default_zone))
    return rows


def _occurrence_key(prop: Any) -> str | None:
    if prop is None:
        return None
    value = prop.dt if hasattr(prop, "dt") else prop
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _ics_time(value: Any, default_zone: ZoneInfo, what: str) -> tuple[dt.date | dt.datetime, str | None]:
    """(value, its IANA zone if it names one)."""
    if isinstance(value, dt.datetime):
        check_year(value, what)
        if value.tzinfo is None:  # floating time: read in the default zone
            return localize(value, default_zone), None
        key = getattr(value.tzinfo, "key", None)
        if key and key != "UTC":
            return value, key
        return value.astimezone(dt.UTC), None
    if isinstance(value, dt.date):
        check_year(value, what)
        return value, None
    raise BadInput(f"{what} is not a date or date-time")


def _categories(component: Any) -> list[str]:
    found: list[str] = []
    raw = component.get("CATEGORIES")
    for item in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        cats = getattr(item, "cats", None)
        found.extend(str(c) for c in (cats if cats is not None else str(item).split(",")))
    return [c.strip() for c in found if c and c.strip()]


def _vevent_row(component: Any, where: str, uid: str | None, default_zone: ZoneInfo) -> ImportRow:
    from bot.services.events import KINDS, parse_kind

    try:
        title = _text(component.get("SUMMARY"))
        if title is None:
            raise BadInput("no SUMMARY (title)")
        if component.get("DTSTART") is None:
            raise BadInput("no DTSTART")
        start, start_zone = _ics_time(component.decoded("DTSTART"), default_zone, "DTSTART")
        end: dt.date | dt.datetime | None = None
        if component.get("DTEND") is not None:
            end, _ = _ics_time(component.decoded("DTEND"), default_zone, "DTEND")
        elif component.get("DURATION") is not None:
            end = start + component.decoded("DURATION")
        if end is not None and not isinstance(start, dt.datetime):
            # iCalendar ends all-day events on the day after (exclusive); ours name the last day.
            end = max(start, end - dt.timedelta(days=1))  # type: ignore[operator]
        categories = _categories(component)
        kind = _text(component.get("X-CBM-KIND"))
        if kind is None:
            kind = next((parse_kind(c) for c in categories if _is_kind(c, KINDS)), "other")
        cbms = _cbms(component.get("X-CBM-CBMS"))
        cbms += [
            int(c.split()[-1]) for c in categories if c.lower().startswith("cbm ") and c.split()[-1].isdigit()
        ]
        status = _text(component.get("STATUS"))
        draft = EventDraft(
            title=title,
            kind=kind,
            start=start,
            end=end,
            timezone=start_zone or default_zone.key,
            location=_text(component.get("LOCATION")),
            online=_bool(component.get("X-CBM-ONLINE"), "X-CBM-ONLINE"),
            countries=_names(component.get("X-CBM-COUNTRIES")),
            cbms=sorted(set(cbms)),
            url=_text(component.get("URL")),
            description=_text(component.get("DESCRIPTION")) or "",
            uid=uid or derived_uid(title, _occurrence_key(component.get("DTSTART"))),
        )
        return ImportRow(
            where, draft, EventStatus.cancelled if status and status.upper() == "CANCELLED" else None
        )
    except CbmError as exc:
        return ImportRow(where, problem=str(exc))
    except (ValueError, TypeError) as exc:
        return ImportRow(where, problem=f"unreadable value: {exc}")


def _is_kind(text: str, kinds: Iterable[str]) -> bool:
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    return key in kinds or key in {"study_visit", "studyvisit", "visit"}

"""Importing events from files: iCalendar (.ics, recurring events expanded within a window), YAML/JSON
and CSV. Every row is created, updated (matched by its UID or external id), left unchanged or rejected
with its line (or UID) and the reason. A file that cannot be read at all is refused whole; the rows of
a readable file are applied in ONE transaction, so an import is all there or not there."""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import csv
import datetime as dt
import gc
import hashlib
import io
import json
import os
import re
import stat
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from zoneinfo import ZoneInfo

from babel.numbers import get_decimal_symbol
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, CbmError
from bot.services.answer_text import BABEL_LOCALE, MESSAGES, message
from bot.services.events import EventDraft, EventService
from bot.services.principal import Principal
from bot.services.text_rule import ascii_number, normalise
from bot.timeutil import MAX_YEAR, check_year, localize, parse_iso, zone
from storage.models import EventStatus
from storage.repositories import EventRepository
from storage.text import fold

FORMATS = {".ics": "ics", ".ical": "ics", ".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv"}
ROW_FIELDS = ("uid", "external_id", "title", "kind", "start", "end", "timezone", "location", "online",
              "countries", "cbms", "url", "description", "organisers", "status", "held_in")  # fmt: skip
WINDOW_BEFORE = dt.timedelta(days=365)
WINDOW_AFTER = dt.timedelta(days=2 * 365)
MAX_OCCURRENCES = 500  # of one recurring series within the window
MAX_SCANNED = 20_000  # occurrences of one series looked at (from its start) before it is refused
SUBDAILY_SPAN = dt.timedelta(days=7)  # a series repeating every hour or minute must end within this
LOOP_SLICE = 0.02  # seconds of checking rows between two turns of the event loop
MAX_DEPTH = 20  # nesting of a JSON file
MAX_BYTES = 5 * 1024 * 1024  # the default size limit of an imported file (CBMBOT_IMPORT_MAX_BYTES)

Progress = Callable[[int, int], None]


@dataclass
class ImportRow:
    where: str  # "line 4", "item 2", "UID abc@example.org"
    draft: EventDraft | None = None
    status: EventStatus | None = None
    problem: str | None = None  # the row could not be read: why, in English
    refusal: CbmError | None = field(default=None, compare=False, repr=False)  # the same, to say it

    @classmethod
    def refused(cls, where: str, refusal: CbmError) -> ImportRow:
        """A row that cannot be read; ``refusal`` says why in any language."""
        return cls(where, problem=str(refusal), refusal=refusal)


@dataclass(frozen=True)
class RowResult:
    where: str
    outcome: str  # created | updated | unchanged | rejected
    event_id: int | None = None
    title: str | None = None
    reason: str | None = None  # in English (the CLI, --json)
    corrections: tuple[str, ...] = ()  # names read as close typos: "Germny → Germany"
    refusal: CbmError | None = field(default=None, compare=False, repr=False)  # the reason, to say it

    def reason_in(self, lang: str) -> str | None:
        """Why the row was rejected, in ``lang`` (chat); ``reason`` is the English."""
        return self.refusal.said(lang) if self.refusal is not None else self.reason

    def where_in(self, lang: str) -> str:
        """Where the row is in its file, in ``lang``: "Zeile 4", "élément 2"; UIDs as they are."""
        return place(self.where, lang)


class Place(str):
    """Where a row is in its file: its English text (the CLI, --json and every str use), and what it is made
    of, so that chat can say it in the reader's language (:meth:`said`): "line 4", "item 2", "event 3 (Title,
    no UID)", each perhaps followed by " (UID x)". A place by UID alone is a plain ``str`` (said as it is)."""

    kind: str
    number: int
    title: str | None
    suffix: str

    def __new__(cls, kind: str, number: int, title: str | None = None, suffix: str = "") -> Place:
        # the English as written, byte for byte (message() would also tidy a title's "..")
        english = MESSAGES[f"import_at_{kind}"]["en"].format(n=number, title=title or "untitled") + suffix
        made = super().__new__(cls, english)
        made.kind, made.number, made.title, made.suffix = kind, number, title, suffix
        return made

    def with_uid(self, uid: str) -> Place:
        return Place(self.kind, self.number, self.title, f"{self.suffix} (UID {uid})")

    def said(self, lang: str) -> str:
        title = self.title or message("import_untitled", lang)
        return message(f"import_at_{self.kind}", lang, n=self.number, title=title) + self.suffix


def place(where: str, lang: str) -> str:
    """A row's place in ``lang`` (a UID as it is)."""
    return where.said(lang) if isinstance(where, Place) else where


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
                fixed = f" (read {', '.join(r.corrections)})" if r.corrections else ""
                out.append(f"{r.outcome} {r.where}: #{r.event_id} {r.title}{fixed}")
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
                    "corrections": list(r.corrections),
                }
                for r in self.results
            ],
        }


class ImportService:
    def __init__(
        self, db: async_sessionmaker[AsyncSession], events: EventService, max_bytes: int = MAX_BYTES
    ) -> None:
        self.db = db
        self.events = events
        self.max_bytes = max_bytes  # the one limit for Discord attachments, the console, the CLI and here

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
        """Four steps, so that the event loop never waits long and other writers wait only briefly:

        1. the file is read (parsed, recurrences expanded) in a worker thread, a large .ics in pieces
           (:func:`calendar_parts`), with no full garbage collection until the import ends
           (:func:`full_collections_deferred`);
        2. every row is checked by the same rules as chat and CLI (:meth:`EventService.validate`) in a
           read-only session, before anything is written, giving the event loop a turn between rows;
        3. the new events' rows, links and audit entries are made in a worker thread
           (:meth:`EventService.prepare_new`); then ONE short transaction: changed rows compared one by one
           and written by one flush, new events with bulk statements only. All there or not there;
        4. the new events are indexed for the answers after the commit, in short transactions."""
        check_size(len(data), self.max_bytes, PurePath(filename).name)
        with full_collections_deferred():
            return await self._import(filename, data, actor, now, default_zone, window, progress)

    async def _import(
        self,
        filename: str,
        data: bytes,
        actor: Principal,
        now: dt.datetime,
        default_zone: ZoneInfo,
        window: tuple[dt.datetime, dt.datetime] | None,
        progress: Progress | None,
    ) -> ImportReport:
        span = window or (now - WINDOW_BEFORE, now + WINDOW_AFTER)
        rows = await asyncio.to_thread(read_rows, filename, data, default_zone, span)
        report = ImportReport(PurePath(filename).name)
        checked = await self._check(rows, progress)
        audit_actor = f"{actor.audit_name} import"
        valid = [c for c in checked if isinstance(c, Checked)]
        uids = [c.draft.uid for c in valid if c.draft.uid]
        async with self.db() as session:
            existing = await EventRepository(session).existing_uids(uids)
        # New events: rows, links and audit entries made before the transaction, off the event loop.
        fresh = [c for c in valid if c.draft.uid not in existing]
        prepared = await asyncio.to_thread(
            self.events.prepare_new,
            [(c.draft, c.values, c.status) for c in fresh],
            now,
            actor=audit_actor,
            created_by=actor.key,
        )
        async with self.db.begin() as session:
            # Reads first (on SQLite the write lock is taken by the first write, not here), then writes.
            known = await EventRepository(session).by_uids(uids)
            if any(row["uid"] in known for row in prepared.rows):  # created meanwhile by someone else
                prepared = prepared.only(lambda uid: uid not in known)
            planned = {row["uid"] for row in prepared.rows}
            with session.no_autoflush:  # changed rows are compared first and written by one flush
                for item in valid:
                    if item.draft.uid in planned:
                        continue
                    outcome, event = await self.events.upsert_by_uid(
                        session, item.draft, now, actor=audit_actor, created_by=actor.key,
                        status=item.status, known=known, values=item.values, audit_create=True,
                    )  # fmt: skip
                    item.result = RowResult(
                        item.where, outcome, event.id, event.title, corrections=item.corrections
                    )
            await session.flush()
            ids = await self.events.write_new(session, prepared)
        by_uid = dict(zip((row["uid"] for row in prepared.rows), ids, strict=True))
        for item in valid:
            if item.result is None:
                title = item.values["columns"]["title"]
                event_id = by_uid[item.draft.uid]
                item.result = RowResult(item.where, "created", event_id, title, corrections=item.corrections)
        await self.events.index_new(ids)
        for item in checked:
            report.results.append(item if isinstance(item, RowResult) else item.result)  # type: ignore[arg-type]
        self.events.changed()
        return report

    async def _check(self, rows: Sequence[ImportRow], progress: Progress | None) -> list[Checked | RowResult]:
        """Each row validated, or its rejection; no write, no lock."""
        found: list[Checked | RowResult] = []
        seen: dict[str, str] = {}
        turn = time.monotonic()
        async with self.db() as session:
            for done, row in enumerate(rows, start=1):
                found.append(await self._check_row(session, row, seen))
                if progress is not None:
                    progress(done, len(rows))
                if time.monotonic() - turn > LOOP_SLICE:  # the rules are CPU work: let the loop breathe
                    await asyncio.sleep(0)
                    turn = time.monotonic()
        return found

    async def _check_row(
        self, session: AsyncSession, row: ImportRow, seen: dict[str, str]
    ) -> Checked | RowResult:
        if row.problem is not None or row.draft is None:
            return _rejected(row.where, row.refusal or BadInput(key="import_nothing"))
        uid = row.draft.uid or ""
        if uid in seen:
            first = seen[uid]
            same = BadInput(key="import_same_uid", where=lambda lang: place(first, lang), uid=uid)
            return _rejected(row.where, same)
        seen[uid] = row.where
        corrections: list[str] = []
        try:
            values = await self.events.validate(row.draft, session, corrections)
        except CbmError as exc:
            return _rejected(row.where, exc)
        return Checked(row.where, row.draft, values, row.status, tuple(corrections))


def _rejected(where: str, refusal: CbmError) -> RowResult:
    return RowResult(where, "rejected", reason=str(refusal), refusal=refusal)


_deferring = threading.Lock()
_deferred: list[tuple[int, int, int]] = []  # the collector's thresholds before the first running import


@contextlib.contextmanager
def full_collections_deferred() -> Iterator[None]:
    """No full (oldest-generation) garbage collection while an import runs. A full collection walks every
    object of the process while holding the GIL, and an import keeps hundreds of thousands of objects
    alive for a while (the parsed calendar, the checked rows): each full collection then stopped the event
    loop for 0.2-2.7 s. Young collections still run; the deferred full collection runs after the import,
    when its objects are gone. Imports running at the same time share one deferral."""
    with _deferring:
        if not _deferred:
            young, middle, old = gc.get_threshold()
            _deferred.append((young, middle, old))
            gc.set_threshold(young, middle, 2**31 - 1)
        else:
            _deferred.append(_deferred[0])
    try:
        yield
    finally:
        with _deferring:
            thresholds = _deferred.pop()
            if not _deferred:
                gc.set_threshold(*thresholds)


@dataclass
class Checked:
    """A row that passed every rule, waiting to be written."""

    where: str
    draft: EventDraft
    values: dict[str, Any]
    status: EventStatus | None
    corrections: tuple[str, ...]
    result: RowResult | None = None


# ---------------------------------------------------------------------------------------------- reading


def read_upload(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """A file's bytes for an import, read with the one size limit (CBMBOT_IMPORT_MAX_BYTES). Only regular
    files: a directory, device (``/dev/zero``), FIFO or socket is refused before anything is read."""
    name = PurePath(path).name or str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise BadInput(key="import_unreadable", name=repr(name), reason=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise BadInput(key="import_not_regular", name=repr(name))
    if info.st_size > max_bytes:
        raise too_big(name, info.st_size, max_bytes)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise BadInput(key="import_unreadable", name=repr(name), reason=exc.strerror or str(exc)) from None
    if len(data) > max_bytes:  # grew since stat: its real size is not known
        raise too_big(name, None, max_bytes)
    return data


def check_size(size: int, max_bytes: int, name: str | None = None) -> None:
    if size > max_bytes:
        raise too_big(name, size, max_bytes)


def too_big(name: str | None, size: int | None, max_bytes: int) -> BadInput:
    """The one refusal of a file over the import size limit, on every path: a Discord attachment (refused
    before it is downloaded), a path in the console or `cbmbot chat`, `cbmbot events import`, the service."""

    def what(lang: str) -> str:
        if not name:
            return message("import_the_file", lang)
        return message("import_named_file", lang, name=repr(name))

    def readable(lang: str) -> str:
        return _readable(max_bytes, lang)

    if size is None:
        return BadInput(key="import_too_big_over", what=what, most=max_bytes, readable=readable)
    return BadInput(key="import_too_big", what=what, size=size, most=max_bytes, readable=readable)


def _readable(size: int, lang: str = "en") -> str:
    """2 KiB, 1.5 MiB (1,5 Mio in French)."""
    value, unit = (size / 2**20, "import_mib") if size >= 2**20 else (size / 2**10, "import_kib")
    shown = f"{value:.3g}"
    if lang != "en":
        shown = shown.replace(".", get_decimal_symbol(BABEL_LOCALE.get(lang, "en_GB")))
    return message(unit, lang, size=shown)


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) or UTF-16 with its byte-order mark; anything else is
    refused with the first line that is not UTF-8 (a Latin-1 file is never read as mojibake)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        body, encoding, name = data, "utf-16", "UTF-16"
    else:
        body, encoding, name = data.removeprefix(codecs.BOM_UTF8), "utf-8", "UTF-8"
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(encoding, errors="ignore").count("\n") + 1
        raise BadInput(
            key="import_not_text", encoding=name, line=line, byte=f"{body[exc.start]:02X}"
        ) from None


def json_depth(text: str) -> int:
    """The deepest nesting of [ and { in a JSON text (strings skipped), without parsing it."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def read_rows(
    filename: str, data: bytes, default_zone: ZoneInfo, window: tuple[dt.datetime, dt.datetime]
) -> list[ImportRow]:
    """The rows of a file, or BadInput when the file as a whole cannot be read. CPU-bound: the service
    runs it in a worker thread, never on the event loop."""
    kind = FORMATS.get(PurePath(filename).suffix.lower())
    if kind is None:
        raise BadInput(key="import_unknown_format", name=repr(PurePath(filename).name))
    text = decode(data)
    if kind == "ics":
        return read_ics(text, default_zone, window)
    if kind == "csv":
        return read_csv(text, default_zone)
    if kind == "json":
        if json_depth(text) > MAX_DEPTH:
            raise BadInput(key="import_json_deep", most=MAX_DEPTH)
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BadInput(key="import_json_malformed", line=exc.lineno, problem=exc.msg) from None
        except RecursionError:
            raise BadInput(key="import_json_deep", most=MAX_DEPTH) from None
        items = _items(loaded, "JSON")
        return [_mapping_row(item, Place("item", n), default_zone) for n, item in enumerate(items, start=1)]
    return read_yaml(text, default_zone)


def _items(loaded: Any, what: str) -> list[Any]:
    if isinstance(loaded, dict) and isinstance(loaded.get("events"), list):
        loaded = loaded["events"]
    if not isinstance(loaded, list):
        raise BadInput(key="import_not_list", what=what)
    return loaded


def read_yaml(text: str, default_zone: ZoneInfo) -> list[ImportRow]:
    """YAML without aliases: an alias (``*name``) is refused where it appears, so an alias bomb never
    expands (a few hundred bytes can otherwise stand for gigabytes)."""
    import yaml

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise BadInput(key="import_yaml_alias", anchor=event.anchor, line=event.start_mark.line + 1)
            return super().compose_node(parent, index)

    try:
        loader = Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return []
            if isinstance(node, yaml.MappingNode):  # {events: [...]}
                for key, value in node.value:
                    if key.value == "events":
                        node = value
            if not isinstance(node, yaml.SequenceNode):
                raise BadInput(key="import_yaml_not_list")
            rows = []
            for item in node.value:
                where = Place("line", item.start_mark.line + 1)
                value = loader.construct_object(item, deep=True)
                rows.append(_mapping_row(value, where, default_zone))
            return rows
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        if mark is None:
            raise BadInput(key="import_yaml_malformed", problem=problem) from None
        raise BadInput(key="import_yaml_malformed_at", line=mark.line + 1, problem=problem) from None
    except RecursionError:
        raise BadInput(key="import_yaml_deep") from None


def read_csv(text: str, default_zone: ZoneInfo) -> list[ImportRow]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    # newline="" lets the csv module see the line ends itself (a lone \r inside a field is then a
    # malformed file it reports, not an error that escapes).
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        fieldnames = reader.fieldnames or []
    except csv.Error as exc:
        raise BadInput(key="import_csv_header_malformed", problem=str(exc)) from None
    header = [h.strip().lower() for h in fieldnames]
    missing = [h for h in ("title", "start") if h not in header]
    if missing:
        raise BadInput(key="import_csv_header", missing=", ".join(missing), columns=", ".join(ROW_FIELDS))
    reader.fieldnames = header
    rows = []
    try:
        for record in reader:
            where = Place("line", reader.line_num)
            if None in record:
                rows.append(ImportRow.refused(where, BadInput(key="import_more_values")))
                continue
            values = {k: v for k, v in record.items() if v not in (None, "")}
            if not values:
                continue
            rows.append(_mapping_row(values, where, default_zone))
    except csv.Error as exc:
        raise BadInput(key="import_csv_malformed", line=reader.line_num, problem=str(exc)) from None
    return rows


def _text(value: Any, what: str = "value") -> str | None:
    """A field's text under the one text rule (NUL refused, control characters stripped)."""
    if value is None:
        return None
    return normalise(str(value), what).strip() or None


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [t for t in (_text(v) for v in value) if t]
    text = _text(value) or ""
    return [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]


def _cbms(value: Any) -> list[int]:
    numbers = []
    for part in _names(value):
        digits = part.lower().removeprefix("cbm").strip()
        numbers.append(ascii_number(digits, f"cbms: {part!r}", max_digits=3))
    return numbers


def _bool(value: Any, what: str) -> bool:
    if isinstance(value, bool) or value is None:
        return bool(value)
    low = str(value).strip().lower()
    if low in {"true", "yes", "y", "1", "on"}:
        return True
    if low in {"false", "no", "n", "0", "off", ""}:
        return False
    raise BadInput(key="import_bool", what=what, raw=repr(value))


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
        raise BadInput(key="import_status", raw=repr(text)) from None


def derived_uid(title: str, start: Any) -> str:
    """A stable UID for a row that has none, so that importing it again updates instead of duplicating."""
    digest = hashlib.sha1(f"{fold(title)}|{start}".encode()).hexdigest()[:20]
    return f"import-{digest}"


def _mapping_row(item: Any, where: Place, default_zone: ZoneInfo) -> ImportRow:
    if not isinstance(item, dict):
        return ImportRow.refused(where, BadInput(key="import_not_mapping"))
    values = {str(k).strip().lower(): v for k, v in item.items()}
    unknown = sorted(set(values) - set(ROW_FIELDS) - {"id", "all_day"})
    if unknown:
        fields, known = ", ".join(unknown), ", ".join(ROW_FIELDS)
        return ImportRow.refused(where, BadInput(key="import_unknown_field", fields=fields, known=known))
    try:
        title = _text(values.get("title"))
        if title is None:
            raise BadInput(key="import_no_title")
        if values.get("start") in (None, ""):
            raise BadInput(key="import_no_start")
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
        return ImportRow(where.with_uid(uid) if uid else where, draft, _status(values.get("status")))
    except CbmError as exc:
        return ImportRow.refused(where, exc)


# ---------------------------------------------------------------------------------------------- iCalendar


PART_EVENTS = 200  # events per piece of a large .ics file given to icalendar at a time


def calendar_parts(text: str, size: int | None = None) -> Iterator[str]:
    """A one-calendar file as several calendars of ``size`` events each, every one with the file's own
    lines before the first event and after the last (VERSION, VTIMEZONE...). icalendar unfolds and splits
    a whole file with single regular-expression calls that hold the GIL: 0.4-0.7 s for a 10,000-event file,
    during which the event loop cannot run, although the parsing happens in a worker thread. Pieces keep
    each such call short. A file that does not have the plain shape (one VCALENDAR, events at the top
    level, a short tail) is given whole."""
    size = size or PART_EVENTS
    begins = _event_starts(text)
    if len(begins) <= size or text.count("BEGIN:VCALENDAR") != 1:
        yield text
        return
    last_end = text.rfind("\nEND:VEVENT")
    tail_at = text.find("\n", last_end + 1) + 1 if last_end != -1 else 0
    if not (begins[-1] < last_end and tail_at > 0 and max(begins[0], len(text) - tail_at) <= 64 * 1024):
        yield text
        return
    head, tail = text[: begins[0]], text[tail_at:]
    bounds = [*begins, tail_at]
    for n in range(0, len(begins), size):
        yield head + text[bounds[n] : bounds[min(n + size, len(begins))]] + tail


def _event_starts(text: str) -> list[int]:
    """Where each line ``BEGIN:VEVENT`` starts (one short search per event, never one long call)."""
    starts = []
    at = text.find("BEGIN:VEVENT")
    while at != -1:
        if (at == 0 or text[at - 1] == "\n") and text.startswith(("BEGIN:VEVENT\r\n", "BEGIN:VEVENT\n"), at):
            starts.append(at)
        at = text.find("BEGIN:VEVENT", at + 12)
    return starts


def read_ics(text: str, default_zone: ZoneInfo, window: tuple[dt.datetime, dt.datetime]) -> list[ImportRow]:
    import icalendar

    components: list[Any] = []
    try:
        for part in calendar_parts(text):
            calendar = icalendar.Calendar.from_ical(part)
            if calendar.name != "VCALENDAR":
                raise BadInput(key="import_not_ics")
            components.extend(calendar.walk("VEVENT"))
    except (ValueError, IndexError, KeyError, TypeError) as exc:
        raise BadInput(key="import_bad_ics", problem=str(exc)) from None
    series: dict[str, list[Any]] = {}
    order: list[str] = []
    rows: list[ImportRow] = []
    for n, component in enumerate(components, start=1):
        uid = _text(component.get("UID"))
        if uid is None:
            summary = _text(component.get("SUMMARY"))
            rows.append(_vevent_row(component, Place("event", n, summary), None, default_zone))
            continue
        if uid not in series:
            order.append(uid)
        series.setdefault(uid, []).append(component)
    for uid in order:
        parts = series[uid]
        recurring = any(p.get("RRULE") or p.get("RDATE") for p in parts)
        if not recurring:
            if len(parts) > 1 and not all(p.get("RECURRENCE-ID") for p in parts[1:]):
                rows.append(ImportRow.refused(f"UID {uid}", BadInput(key="import_uid_twice")))
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
    """The occurrences of a recurring series inside the window, generated one at a time (dateutil's lazy
    rules, UNTIL clamped to the window's end) and stopped as soon as the series is known to be too big:
    more than MAX_OCCURRENCES in the window, or more than MAX_SCANNED from its start. Memory and time stay
    bounded whatever the rule says (``FREQ=MINUTELY`` with no end is refused in milliseconds)."""
    masters = [p for p in parts if p.get("RECURRENCE-ID") is None]
    if len(masters) != 1:
        return [ImportRow.refused(f"UID {uid}", BadInput(key="import_one_master"))]
    master = masters[0]
    overrides = {_occurrence_key(p.get("RECURRENCE-ID")): p for p in parts if p is not master}
    try:
        occurrences = list(_occurrences(master, default_zone, window))
    except CbmError as exc:  # SeriesTooBig too
        return [ImportRow.refused(f"UID {uid}", exc)]
    except (ValueError, TypeError, OverflowError) as exc:
        return [ImportRow.refused(f"UID {uid}", BadInput(key="import_cannot_expand", problem=str(exc)))]
    rows = []
    for start, end in occurrences:
        key = _occurrence_key(start)
        where, event_uid = f"UID {uid} ({key})", f"{uid}/{key}"
        override = overrides.get(key)
        if override is not None:
            rows.append(_vevent_row(override, where, event_uid, default_zone))
        else:
            rows.append(_vevent_row(master, where, event_uid, default_zone, span=(start, end)))
    return rows


class SeriesTooBig(BadInput):
    """A recurring series with too many occurrences: its row is rejected, the rest of the file is read."""


class _DatetimeUntil2100:
    """dateutil's rrule looks for a matching day until ``datetime.MAXYEAR`` (9999): a rule that never
    matches (``BYMONTH=2;BYMONTHDAY=30``) walks eight thousand years of days, and UNTIL does not stop it
    (it is checked on matches only). Its module sees this stand-in instead, whose MAXYEAR is our last
    accepted year: such a rule ends in well under a second."""

    MAXYEAR = MAX_YEAR

    def __getattr__(self, name: str) -> Any:
        return getattr(dt, name)


def _bounded_rrule_module() -> Any:
    from dateutil import rrule

    if not isinstance(rrule.datetime, _DatetimeUntil2100):
        rrule.datetime = _DatetimeUntil2100()  # type: ignore[assignment]
    return rrule


def _occurrences(
    master: Any, default_zone: ZoneInfo, window: tuple[dt.datetime, dt.datetime]
) -> Iterator[tuple[dt.date | dt.datetime, dt.date | dt.datetime]]:
    """(start, end) of each occurrence that overlaps the window, in order; lazily."""
    rrule_module = _bounded_rrule_module()
    rruleset, rrulestr = rrule_module.rruleset, rrule_module.rrulestr
    if master.get("DTSTART") is None:
        raise BadInput(key="import_no_dtstart")
    first = master.decoded("DTSTART")
    all_day = not isinstance(first, dt.datetime)
    tz: ZoneInfo | None
    if all_day:
        tz, local_first = None, dt.datetime.combine(first, dt.time())
    else:
        tz = first.tzinfo if isinstance(first.tzinfo, ZoneInfo) else None
        if first.tzinfo is None:
            tz = default_zone
        elif tz is None:  # a fixed offset or UTC
            first = first.astimezone(dt.UTC)
        local_first = first.replace(tzinfo=None)
    zone_of = tz or dt.UTC
    if master.get("DTEND") is not None:
        length = _naive(master.decoded("DTEND"), zone_of) - local_first
    elif master.get("DURATION") is not None:
        length = master.decoded("DURATION")
    else:
        length = dt.timedelta(days=1) if all_day else dt.timedelta(0)
    if length < dt.timedelta(0):
        raise BadInput(key="import_end_before_start")
    lo = window[0].astimezone(zone_of).replace(tzinfo=None)
    hi = window[1].astimezone(zone_of).replace(tzinfo=None)
    rules = rruleset()
    for prop in _listed(master.get("RRULE")):
        text = prop.to_ical().decode() if hasattr(prop, "to_ical") else str(prop)
        rule_until = None
        kept = []
        for part in text.split(";"):
            if part.upper().startswith("UNTIL="):
                rule_until = _until(part[6:], zone_of, all_day)
            elif part:
                kept.append(part)
        freq = next((p.split("=", 1)[1].upper() for p in kept if p.upper().startswith("FREQ=")), "")
        counted = any(p.upper().startswith("COUNT=") for p in kept)
        end = hi if rule_until is None else min(rule_until, hi)
        if freq == "SECONDLY":
            raise SeriesTooBig(key="import_every_second")
        if freq in {"MINUTELY", "HOURLY"}:
            # dateutil walks every minute or hour, matching or not: only a short series stays cheap.
            limit = local_first + SUBDAILY_SPAN
            if (rule_until is None and not counted) or (rule_until is not None and rule_until > limit):
                every = "import_every_minute" if freq == "MINUTELY" else "import_every_hour"
                raise SeriesTooBig(key=every, days=SUBDAILY_SPAN.days)
            end = min(end, limit)
        rule = rrulestr(";".join(kept), dtstart=local_first)
        if counted:  # COUNT and UNTIL together: dateutil stops at whichever comes first
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                rules.rrule(rule.replace(until=end))
        else:  # never generated past the window's end, even when no occurrence matches
            rules.rrule(rule.replace(until=end))
    for prop in _listed(master.get("RDATE")):
        for item in getattr(prop, "dts", []):
            value = item.dt
            if isinstance(value, tuple):  # a PERIOD: its start
                value = value[0]
            rules.rdate(_naive(value, zone_of))
    for prop in _listed(master.get("EXDATE")):
        for item in getattr(prop, "dts", []):
            rules.exdate(_naive(item.dt, zone_of))
    rules.rdate(local_first)  # DTSTART is always the first occurrence (RFC 5545 3.8.5.3)
    found = scanned = 0
    for occurrence in rules:
        scanned += 1
        if scanned > MAX_SCANNED:
            raise SeriesTooBig(key="import_series_scanned", most=MAX_SCANNED)
        if occurrence >= hi:
            break
        if occurrence + length <= lo and occurrence < lo:
            continue
        found += 1
        if found > MAX_OCCURRENCES:
            raise SeriesTooBig(key="import_series_window", most=MAX_OCCURRENCES)
        if all_day:
            yield occurrence.date(), (occurrence + length).date()
        elif tz is not None:
            yield occurrence.replace(tzinfo=tz), (occurrence + length).replace(tzinfo=tz)
        else:
            yield occurrence.replace(tzinfo=dt.UTC), (occurrence + length).replace(tzinfo=dt.UTC)


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _naive(value: Any, tz: ZoneInfo | dt.timezone) -> dt.datetime:
    """A DTEND/RDATE/EXDATE value as the series' wall time."""
    if isinstance(value, dt.datetime):
        return value.astimezone(tz).replace(tzinfo=None) if value.tzinfo is not None else value
    return dt.datetime.combine(value, dt.time())


def _until(text: str, tz: ZoneInfo | dt.timezone, all_day: bool) -> dt.datetime:
    raw = text.strip().upper()
    if len(raw) == 8:
        day = dt.datetime.strptime(raw, "%Y%m%d")
        return day if all_day else day + dt.timedelta(days=1) - dt.timedelta(seconds=1)
    if raw.endswith("Z"):
        return (
            dt.datetime.strptime(raw, "%Y%m%dT%H%M%SZ")
            .replace(tzinfo=dt.UTC)
            .astimezone(tz)
            .replace(tzinfo=None)
        )
    return dt.datetime.strptime(raw, "%Y%m%dT%H%M%S")


def _occurrence_key(prop: Any) -> str | None:
    if isinstance(prop, list):  # the property given more than once: the first counts
        prop = prop[0] if prop else None
    if prop is None:
        return None
    value = prop.dt if hasattr(prop, "dt") else prop
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if not isinstance(value, dt.date):
        return None
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
    raise BadInput(key="import_not_date", what=what)


def _categories(component: Any) -> list[str]:
    found: list[str] = []
    raw = component.get("CATEGORIES")
    for item in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        cats = getattr(item, "cats", None)
        found.extend(str(c) for c in (cats if cats is not None else str(item).split(",")))
    return [c.strip() for c in found if c and c.strip()]


def _vevent_row(
    component: Any,
    where: str,
    uid: str | None,
    default_zone: ZoneInfo,
    span: tuple[dt.date | dt.datetime, dt.date | dt.datetime] | None = None,
) -> ImportRow:
    """One VEVENT as a row; ``span``: an occurrence's (start, end) in place of DTSTART and DTEND."""
    from bot.services.events import KINDS, parse_kind

    try:
        title = _text(component.get("SUMMARY"))
        if title is None:
            raise BadInput(key="import_no_summary")
        if component.get("DTSTART") is None:
            raise BadInput(key="import_no_dtstart")
        start, start_zone = _ics_time(
            span[0] if span else component.decoded("DTSTART"), default_zone, "DTSTART"
        )
        end: dt.date | dt.datetime | None = None
        if span is not None and span[1] != span[0]:
            end, _ = _ics_time(span[1], default_zone, "DTEND")
        elif component.get("DTEND") is not None:
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
        cbms += [int(c.split()[-1]) for c in categories if re.fullmatch(r"(?i)cbm [0-9]{1,3}", c.strip())]
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
        return ImportRow.refused(where, exc)
    except (ValueError, TypeError) as exc:
        return ImportRow.refused(where, BadInput(key="import_unreadable_value", problem=str(exc)))


def _is_kind(text: str, kinds: Iterable[str]) -> bool:
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    return key in kinds or key in {"study_visit", "studyvisit", "visit"}

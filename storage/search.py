"""The full-text index behind the answers: one row per searchable document in `search_docs`.

SQLite keeps an FTS5 table (`search_fts`, ranked by BM25) in step with `search_docs` through triggers;
PostgreSQL keeps a generated `tsvector` column with a GIN index (`simple` configuration, ranked by
`ts_rank`). Both index the same text: words folded (case, accents) and cut to a light, language-neutral
stem by :func:`terms`, so that "threats", "Bedrohungen", "menaces", "minacce" and "угрозы" each meet
their singular forms.

Documents: every CBM in every language (title, summary, keywords), every FAQ entry in every language, and
two per event: the answers' one (kind ``event``: title, place, kind and online words in five languages, year,
organisers) and `/event search`'s one (kind ``eventsearch``: title, description, place, and the country it is
held in and the taking-part countries under all their names), each group behind its own marker.
Events are re-indexed after every flush that touches them (:func:`install`); :func:`sync_all` brings the
whole index up to date and changes only rows that differ (the seed calls it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, event, insert, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from storage import embeddings, reference
from storage.language import KIND_WORDS, ONLINE_WORDS, WORD, city_names, terms
from storage.models import Cbm, Country, CountryName, Event, EventCountry, SearchDoc, SearchVector
from storage.text import fold


def body(*parts: str | Iterable[str] | None) -> str:
    words: list[str] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, str):
            words.extend(terms(part))
        else:
            for item in part:
                words.extend(terms(item))
    return " ".join(words)


# ------------------------------------------------------------------------------------------ documents

# Every stored body starts with its group's marker, so that a query can be held to one group inside the
# full-text index itself ("kindevent" AND (…)) instead of ranking every match and filtering afterwards.
# Markers are longer than any stem, so no question can produce one.
GROUP_MARKER = {
    "cbm": "kindknowledge",
    "faq": "kindknowledge",
    "event": "kindevent",
    "eventsearch": "kindeventsearch",
}
EVENT_KINDS = {"event", "eventsearch"}


def stored_body(doc: Doc) -> str:
    return f"{GROUP_MARKER[doc.kind]} {doc.body}"


@dataclass(frozen=True)
class Doc:
    kind: str  # cbm, faq, event
    key: str
    lang: str
    body: str
    event_id: int | None = None


def cbm_docs(cbm: Cbm) -> list[Doc]:
    """A CBM in each language: title, summary, keywords and the everyday words people use for it."""
    everyday = next((c.everyday for c in reference.cbms() if c.number == cbm.number), {})
    docs = []
    for lang in reference.LANGUAGES:
        words = (cbm.keywords or {}).get(lang) or []
        title, summary = (cbm.title or {}).get(lang), (cbm.summary or {}).get(lang)
        docs.append(
            Doc(
                "cbm",
                str(cbm.number),
                lang,
                body("cbm", str(cbm.number), title, summary, words, everyday.get(lang)),
            )
        )
    return docs


def faq_docs() -> list[Doc]:
    docs = []
    for entry in reference.faq():
        for lang in reference.LANGUAGES:
            docs.append(
                Doc("faq", entry.key, lang, body(entry.title.get(lang), entry.keywords.get(lang, [])))
            )
    return docs


def event_body(row: Any, place_names: Sequence[str] = ()) -> str:
    """Title (twice: it weighs most), place, kind and online words in five languages, year, organisers.
    Participants are not words of the event: the answers match them as countries (see bot.services.answers).
    A country named in the place is added under all its names ("Estonia": Estland, Estonie, Эстония…), and
    so is a city (storage.language.CITY_NAMES: "Beijing": Peking, Pékin, Pechino, Пекин)."""
    year = row.start_at.year if row.start_at else None
    return body(
        row.title,
        row.title,
        row.location,
        KIND_WORDS.get(row.kind, ()),
        ONLINE_WORDS if row.online else (),
        [str(year)] if year and not row.approximate else [],
        list(row.organisers or []),
        place_names,
        city_names(row.location or ""),
    )


def event_search_body(row: Any, country_names: Sequence[str]) -> str:
    """What `/event search` ranks on: title (twice: it weighs most), place (a city under all its names), the
    held-in and taking-part countries under all their names (each word once, so that many names do not
    outweigh the title), and the description."""
    countries = dict.fromkeys(body(country_names).split())
    place = body(row.title, row.title, row.location, city_names(row.location or ""))
    return " ".join(part for part in (place, " ".join(countries), body(row.description)) if part)


@dataclass(frozen=True)
class CountryLexicon:
    """Every country's names (any language) by id, and the folded canonical names that find a country in a
    place, read once and shared by every event indexed (an import indexes thousands)."""

    names: dict[int, list[str]]
    canonical: dict[str, int]
    pattern: re.Pattern[str] | None


def country_lexicon(connection: Connection) -> CountryLexicon:
    names: dict[int, list[str]] = {}
    canonical: dict[str, int] = {}
    for country_id, name, country_name in connection.execute(
        select(CountryName.country_id, CountryName.name, Country.name).join(
            Country, Country.id == CountryName.country_id
        )
    ):
        names.setdefault(country_id, []).append(name)
        canonical[fold(country_name)] = country_id
    keys = sorted((k for k in canonical if k), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, keys)) + r")\b") if keys else None
    return CountryLexicon(names, canonical, pattern)


def event_rows(connection: Connection, ids: Sequence[int] | None) -> tuple[list[Any], dict[int, list[int]]]:
    """What the events' documents are made of: their rows, and the countries taking part in each."""
    query = select(
        Event.id,
        Event.title,
        Event.description,
        Event.location,
        Event.kind,
        Event.online,
        Event.start_at,
        Event.approximate,
        Event.organisers,
        Event.venue_country_id,
    )
    if ids is not None:
        query = query.where(Event.id.in_(list(ids)))
    rows = list(connection.execute(query).all())
    links_query = select(EventCountry.event_id, EventCountry.country_id).order_by(
        EventCountry.event_id, EventCountry.country_id
    )
    if ids is not None:
        links_query = links_query.where(EventCountry.event_id.in_(list(ids)))
    taking_part: dict[int, list[int]] = {}
    for event_id, country_id in connection.execute(links_query):
        taking_part.setdefault(event_id, []).append(country_id)
    return rows, taking_part


def event_docs(rows: Sequence[Any], taking_part: dict[int, list[int]], lexicon: CountryLexicon) -> list[Doc]:
    """The two documents of each event (no database: CPU only, so callers may run it in a worker thread)."""
    names, canonical, pattern = lexicon.names, lexicon.canonical, lexicon.pattern
    docs = []
    for r in rows:
        found = pattern.findall(fold(r.location or "")) if pattern and r.location else []
        # the countries named in the place, and the one the event is held in (venue_country_id)
        countries = dict.fromkeys([*(canonical[key] for key in found), r.venue_country_id])
        extra = [n for cid in countries if cid is not None for n in names.get(cid, ())]
        docs.append(Doc("event", str(r.id), "xx", event_body(r, extra), r.id))
        held = dict.fromkeys([r.venue_country_id, *taking_part.get(r.id, ())])
        everyone = [n for cid in held if cid is not None for n in names.get(cid, ())]
        docs.append(Doc("eventsearch", str(r.id), "xx", event_search_body(r, everyone), r.id))
    return docs


def _event_docs(connection: Connection, ids: Sequence[int] | None) -> list[Doc]:
    rows, taking_part = event_rows(connection, ids)
    return event_docs(rows, taking_part, country_lexicon(connection))


def knowledge_docs(connection: Connection) -> list[Doc]:
    cbms = connection.execute(select(Cbm.number, Cbm.title, Cbm.summary, Cbm.keywords)).all()
    docs: list[Doc] = []
    for row in cbms:
        docs.extend(cbm_docs(row))  # type: ignore[arg-type]
    docs.extend(faq_docs())
    return docs


def _apply(connection: Connection, wanted: list[Doc], kinds: set[str], ids: Sequence[int] | None) -> int:
    """Make the rows of ``kinds`` (only ``ids`` for events, when given) equal to ``wanted``."""
    query = select(SearchDoc.id, SearchDoc.kind, SearchDoc.key, SearchDoc.lang, SearchDoc.body).where(
        SearchDoc.kind.in_(kinds)
    )
    if ids is not None:
        query = query.where(SearchDoc.event_id.in_(list(ids)))
    have = {(r.kind, r.key, r.lang): (r.id, r.body) for r in connection.execute(query)}
    want = {(d.kind, d.key, d.lang): Doc(d.kind, d.key, d.lang, stored_body(d), d.event_id) for d in wanted}
    changes = 0
    stale = [row_id for key, (row_id, _) in have.items() if key not in want]
    if stale:
        connection.execute(delete(SearchDoc).where(SearchDoc.id.in_(stale)))
        changes += len(stale)
    fresh = []
    for key, doc in want.items():
        if key not in have:
            fresh.append(
                {
                    "kind": doc.kind,
                    "key": doc.key,
                    "lang": doc.lang,
                    "body": doc.body,
                    "event_id": doc.event_id,
                }
            )
        elif have[key][1] != doc.body:
            connection.execute(update(SearchDoc).where(SearchDoc.id == have[key][0]).values(body=doc.body))
            changes += 1
    if fresh:
        connection.execute(insert(SearchDoc), fresh)
        changes += len(fresh)
    return changes


def sync_all(session_or_connection: Session | Connection) -> int:
    """Bring the whole index up to date; returns how many rows changed (0 on a second run)."""
    connection = (
        session_or_connection.connection()
        if isinstance(session_or_connection, Session)
        else session_or_connection
    )
    changes = _apply(connection, knowledge_docs(connection), {"cbm", "faq"}, None)
    changes += _apply(connection, _event_docs(connection, None), EVENT_KINDS, None)
    return changes


def sync_events(connection: Connection, ids: Sequence[int]) -> int:
    return _apply(connection, _event_docs(connection, ids), EVENT_KINDS, ids) if ids else 0


def store_event_docs(connection: Connection, ids: Sequence[int], docs: list[Doc]) -> int:
    """Make the index rows of these events equal to ``docs`` (built by :func:`event_docs`)."""
    return _apply(connection, docs, EVENT_KINDS, ids) if ids else 0


# ------------------------------------------------------------------------------------------ keeping current

_PENDING = "_search_pending_events"


def _collect(session: Session, _context: Any, _instances: Any) -> None:
    pending: set[Any] = session.info.setdefault(_PENDING, set())
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Event) and (obj in session.new or session.is_modified(obj)):
            pending.add(obj)


def _reindex(session: Session, _context: Any) -> None:
    pending: set[Any] = session.info.pop(_PENDING, set())
    ids = sorted({obj.id for obj in pending if obj.id is not None})
    if ids:
        sync_events(session.connection(), ids)


_installed = False


def install() -> None:
    """Re-index events after every flush that created or changed them (deletions cascade by foreign key)."""
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _collect)
    event.listen(Session, "after_flush", _reindex)
    _installed = True


# ------------------------------------------------------------------------------------------ querying


@dataclass(frozen=True)
class Hit:
    kind: str
    key: str
    lang: str
    body: str
    event_id: int | None
    rank: float  # higher is better on both backends


def match_expression(words: Sequence[str], dialect: str) -> str | None:
    """An OR query over our own terms, quoted so that nothing in it is read as query syntax."""
    safe = sorted({w for w in words if w and WORD.fullmatch(w)})
    if not safe:
        return None
    if dialect == "sqlite":
        return " OR ".join('"' + w.replace('"', '""') + '"' for w in safe)
    return " | ".join("'" + w.replace("'", "''") + "'" for w in safe)


async def search(
    session: Any, words: Sequence[str], kinds: Sequence[str], limit: int, *, with_participants: bool = False
) -> list[Hit]:
    """The best ``limit`` documents of ``kinds`` (one group: cbm/faq, or event) containing any of ``words``
    (already stemmed). Ranked by BM25 on SQLite, by ts_rank on PostgreSQL; higher is better.
    ``with_participants``: only events whose participating countries are known."""
    dialect = session.bind.dialect.name
    expression = match_expression(words, dialect)
    markers = {GROUP_MARKER[k] for k in kinds}
    if expression is None or len(markers) != 1:
        return []
    marker = markers.pop()
    params: dict[str, Any] = {"limit": limit}
    kind_params = {f"k{i}": k for i, k in enumerate(kinds)}
    kind_list = ", ".join(f":{name}" for name in kind_params)
    params.update(kind_params)
    only = " AND d.event_id IN (SELECT event_id FROM event_countries)" if with_participants else ""
    if dialect == "sqlite" and only:
        params["q"] = f'"{marker}" AND ({expression})'
        sql = text(
            "SELECT d.kind, d.key, d.lang, d.body, d.event_id, -bm25(search_fts) AS score "
            "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH :q AND d.kind IN ({kind_list}){only} "
            "ORDER BY bm25(search_fts), d.id LIMIT :limit"
        )
    elif dialect == "sqlite":
        params["q"] = f'"{marker}" AND ({expression})'
        sql = text(
            "SELECT d.kind, d.key, d.lang, d.body, d.event_id, f.score FROM "
            "(SELECT rowid AS id, -bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH :q "
            " ORDER BY bm25(search_fts) LIMIT :limit) AS f "
            f"JOIN search_docs d ON d.id = f.id WHERE d.kind IN ({kind_list}) ORDER BY f.score DESC, d.id"
        )
    else:
        params["q"] = f"'{marker}' & ({expression})"
        sql = text(
            "SELECT d.kind, d.key, d.lang, d.body, d.event_id, ts_rank(d.tsv, q.query) AS score "
            "FROM search_docs d, to_tsquery('simple', :q) AS q(query) "
            f"WHERE d.tsv @@ q.query{only} "  # the group marker selects the kinds (and lets GIN be used)
            "ORDER BY score DESC, d.id LIMIT :limit"
        )
    rows = (await session.execute(sql, params)).all()
    return [Hit(r.kind, r.key, r.lang, r.body, r.event_id, float(r.score)) for r in rows]


async def frequency(session: Any, word: str, kind: str) -> int:
    """How many documents of ``kind``'s group contain ``word`` (an index term)."""
    marker = GROUP_MARKER[kind]
    if not WORD.fullmatch(word):
        return 0
    if session.bind.dialect.name == "sqlite":
        sql = text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q")
        params = {"q": f'"{marker}" AND "{word}"'}
    else:
        sql = text("SELECT count(*) FROM search_docs WHERE tsv @@ to_tsquery('simple', :q)")
        params = {"q": f"'{marker}' & '{word}'"}
    return int((await session.execute(sql, params)).scalar() or 0)


def _term(word: str, prefix: bool, dialect: str) -> str:
    if dialect == "sqlite":
        return '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")
    return "'" + word.replace("'", "''") + "'" + (":*" if prefix else "")


@dataclass(frozen=True)
class EventHit:
    event_id: int
    rank: float  # higher is better on both backends
    start_at: Any
    end_at: Any


async def event_matches(
    session: Any, groups: Sequence[Sequence[tuple[str, bool]]], limit: int
) -> list[EventHit]:
    """`/event search` on the index: the events whose search document (kind ``eventsearch``) holds, for
    every group, one of its terms (``(term, True)``: a word beginning with it). Best first (BM25 on SQLite,
    ts_rank on PostgreSQL), at most ``limit``."""
    dialect = session.bind.dialect.name
    clauses = []
    for group in groups:
        alternatives = [_term(w, prefix, dialect) for w, prefix in group if w and WORD.fullmatch(w)]
        if not alternatives:
            return []
        clauses.append("(" + (" OR " if dialect == "sqlite" else " | ").join(alternatives) + ")")
    if not clauses:
        return []
    marker = _term(GROUP_MARKER["eventsearch"], False, dialect)
    if dialect == "sqlite":
        sql = text(
            "SELECT d.event_id, -bm25(search_fts) AS score "
            "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
            "WHERE search_fts MATCH :q AND d.kind = 'eventsearch' "
            "ORDER BY bm25(search_fts), d.id LIMIT :limit"
        )
        query = " AND ".join([marker, *clauses])
    else:
        sql = text(
            "SELECT d.event_id, ts_rank(d.tsv, q.query) AS score "
            "FROM search_docs d, to_tsquery('simple', :q) AS q(query) "
            "WHERE d.tsv @@ q.query ORDER BY score DESC, d.id LIMIT :limit"
        )
        query = " & ".join([marker, *clauses])
    rows = (await session.execute(sql, {"q": query, "limit": limit})).all()
    times: dict[int, Any] = {}
    ids = [r.event_id for r in rows]
    for start in range(0, len(ids), 500):
        chunk = select(Event.id, Event.start_at, Event.end_at).where(Event.id.in_(ids[start : start + 500]))
        times.update({r.id: (r.start_at, r.end_at) for r in await session.execute(chunk)})
    return [EventHit(r.event_id, float(r.score), *times[r.event_id]) for r in rows if r.event_id in times]


async def event_vocabulary(session: Any) -> set[str]:
    """Every term of the events' search documents (what a misspelt word of `/event search` is matched
    against with rapidfuzz, when the index has no word equal to it or beginning with it)."""
    words: set[str] = set()
    for text_ in await session.scalars(select(SearchDoc.body).where(SearchDoc.kind == "eventsearch")):
        words.update(text_.split())
    words.discard(GROUP_MARKER["eventsearch"])
    return words


async def count(session: Any) -> int:
    return int((await session.execute(text("SELECT count(*) FROM search_docs"))).scalar() or 0)


# ------------------------------------------------------------------------------------------ vectors
# Sentence embeddings of the knowledge passages (CBMs and FAQ entries, each in five languages) and of the
# events (one passage each: title, kind, place, organisers, taking-part countries, online), stored in
# `search_vectors` with the model's name and the passage's digest. Making them is slow (the model runs on the
# CPU), so the caller embeds off the event loop: stale_passages() / stale_event_passages() say what to embed,
# store_vectors() / store_event_vectors() keep it. Only the EVENT_VECTOR_CAP events latest in time are
# embedded (an import of 10,000 events would otherwise keep a core busy for many minutes); the others are
# found by the full-text index alone.
EVENT_VECTOR_CAP = 300
KNOWLEDGE_KINDS = ("cbm", "faq")


@dataclass(frozen=True)
class Passage:
    kind: str  # cbm, faq, event
    key: str
    lang: str
    text: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def knowledge_passages(connection: Connection) -> list[Passage]:
    """What a reader would say a CBM or an FAQ entry is about, in each language: title, summary, the
    everyday words people use for it (reference/cbms.yaml `everyday`) and its keywords."""
    everyday = {c.number: c.everyday for c in reference.cbms()}
    out = []
    rows = connection.execute(select(Cbm.number, Cbm.title, Cbm.summary, Cbm.keywords).order_by(Cbm.number))
    for row in rows:
        for lang in reference.LANGUAGES:
            parts = [
                (row.title or {}).get(lang),
                (row.summary or {}).get(lang),
                everyday.get(row.number, {}).get(lang),
                ", ".join((row.keywords or {}).get(lang) or []),
            ]
            out.append(
                Passage("cbm", str(row.number), lang, " ".join(p.rstrip(".") + "." for p in parts if p))
            )
    for entry in reference.faq():
        for lang in reference.LANGUAGES:
            parts = [entry.title.get(lang), ", ".join(entry.keywords.get(lang, []))]
            out.append(Passage("faq", entry.key, lang, " ".join(p.rstrip(".") + "." for p in parts if p)))
    return out


def stale_passages(connection: Connection, model: str) -> list[Passage]:
    """The passages whose stored vector is missing or was made from another text."""
    have = {
        (r.kind, r.key, r.lang): r.digest
        for r in connection.execute(
            select(SearchVector.kind, SearchVector.key, SearchVector.lang, SearchVector.digest).where(
                SearchVector.model == model, SearchVector.kind.in_(KNOWLEDGE_KINDS)
            )
        )
    }
    return [p for p in knowledge_passages(connection) if have.get((p.kind, p.key, p.lang)) != p.digest]


def event_passages(connection: Connection, cap: int | None = None) -> list[Passage]:
    """One passage per event, for the ``cap`` events that start latest (upcoming ones first): what a reader
    would say the event is (title, kind, place and its city's other names, organisers, the countries
    taking part, online or not). Language ``xx``: the model matches a question in any language to it.
    ``cap``: EVENT_VECTOR_CAP unless given."""
    cap = EVENT_VECTOR_CAP if cap is None else cap
    rows = connection.execute(
        select(Event.id, Event.title, Event.kind, Event.location, Event.online, Event.organisers)
        .order_by(Event.start_at.desc(), Event.id.desc())
        .limit(cap)
    ).all()
    ids = [r.id for r in rows]
    taking_part: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        for event_id, name in connection.execute(
            select(EventCountry.event_id, Country.name)
            .join(Country, Country.id == EventCountry.country_id)
            .where(EventCountry.event_id.in_(ids[start : start + 500]))
            .order_by(Country.name)
        ):
            taking_part.setdefault(event_id, []).append(name)
    out = []
    for r in rows:
        kind = KIND_WORDS.get(r.kind, ())
        parts = [
            r.title,
            kind[0] if kind else None,
            ", ".join([r.location, *city_names(r.location)]) if r.location else None,
            "online" if r.online else None,
            ", ".join(r.organisers or []) or None,
            ", ".join(taking_part.get(r.id, [])) or None,
        ]
        text_ = " ".join(p.rstrip(".") + "." for p in parts if p)
        out.append(Passage("event", str(r.id), "xx", text_))
    return out


def stale_event_passages(connection: Connection, model: str, cap: int | None = None) -> list[Passage]:
    """The event passages (of the ``cap`` latest events) whose stored vector is missing or outdated."""
    have = {
        r.key: r.digest
        for r in connection.execute(
            select(SearchVector.key, SearchVector.digest).where(
                SearchVector.model == model, SearchVector.kind == "event"
            )
        )
    }
    return [p for p in event_passages(connection, cap) if have.get(p.key) != p.digest]


def store_event_vectors(
    connection: Connection, model: str, passages: Sequence[Passage], vectors: Any, cap: int | None = None
) -> int:
    """Keep the vectors of event ``passages``; drop those of events deleted or no longer among the latest."""
    current = {(p.kind, p.key, p.lang) for p in event_passages(connection, cap)}
    return _store(connection, model, passages, vectors, current, ("event",))


def store_vectors(connection: Connection, model: str, passages: Sequence[Passage], vectors: Any) -> int:
    """Keep the vectors of ``passages`` (made by ``model``); drop those of passages that no longer exist."""
    current = {(p.kind, p.key, p.lang) for p in knowledge_passages(connection)}
    return _store(connection, model, passages, vectors, current, KNOWLEDGE_KINDS)


def _store(
    connection: Connection,
    model: str,
    passages: Sequence[Passage],
    vectors: Any,
    current: set[tuple[str, str, str]],
    kinds: Sequence[str],
) -> int:
    rows = connection.execute(
        select(SearchVector.id, SearchVector.kind, SearchVector.key, SearchVector.lang).where(
            SearchVector.model == model, SearchVector.kind.in_(kinds)
        )
    ).all()
    by_key = {(r.kind, r.key, r.lang): r.id for r in rows}
    gone = [row_id for key, row_id in by_key.items() if key not in current]
    if gone:
        connection.execute(delete(SearchVector).where(SearchVector.id.in_(gone)))
    for passage, vector in zip(passages, vectors, strict=True):
        values = {"digest": passage.digest, "vector": embeddings.to_bytes(vector)}
        row_id = by_key.get((passage.kind, passage.key, passage.lang))
        if row_id is None:
            connection.execute(
                insert(SearchVector).values(
                    kind=passage.kind, key=passage.key, lang=passage.lang, model=model, **values
                )
            )
        else:
            connection.execute(update(SearchVector).where(SearchVector.id == row_id).values(**values))
    return len(passages) + len(gone)


def load_vectors(connection: Connection, model: str, dim: int) -> tuple[list[tuple[str, str, str]], Any]:
    """The stored vectors of ``model``: their (kind, key, lang) and one matrix, a row each."""
    import numpy as np

    rows = connection.execute(
        select(SearchVector.kind, SearchVector.key, SearchVector.lang, SearchVector.vector)
        .where(SearchVector.model == model)
        .order_by(SearchVector.kind, SearchVector.key, SearchVector.lang)
    ).all()
    keys = [(r.kind, r.key, r.lang) for r in rows]
    matrix = (
        np.stack([embeddings.from_bytes(r.vector, dim) for r in rows])
        if rows
        else np.zeros((0, dim), dtype=np.float32)
    )
    return keys, matrix


# The migration (0005) creates the FTS5 table and its triggers (SQLite) or the tsvector column (PostgreSQL).
EXTRA_TABLE_PREFIX = "search_fts"

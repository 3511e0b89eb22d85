"""Events in the semantic index: one passage per event (title, kind, place, organisers, participants,
online), embedded when the index is warmed, kept current after changes in the background, capped to the
latest events; used for questions that name a kind of event. And the question vectors' LRU."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

from sqlalchemy import select

from bot.services.events import EventDraft
from bot.services.principal import OPERATOR, Principal
from storage import search
from storage.models import Event, SearchVector

MEMBER = Principal("test:member", "member")


async def _event_vectors(app) -> dict[str, str]:
    async with app.db() as session:
        rows = await session.execute(
            select(SearchVector.key, SearchVector.digest).where(SearchVector.kind == "event")
        )
        return dict(rows.all())


async def _settled(app) -> None:
    """Wait for the background refresh of the events' vectors."""
    for _ in range(600):
        task = app.answers._event_task
        if task is None or task.done():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the events' vectors were not refreshed in 30 s")


async def test_event_passages_are_embedded_and_follow_changes(app, now):
    await app.answers.warm()
    async with app.db() as session:
        ids = set((await session.scalars(select(Event.id))).all())
        passages = await session.run_sync(lambda s: search.event_passages(s.connection()))
    vectors = await _event_vectors(app)
    assert {int(k) for k in vectors} == ids  # fewer events than the cap: every one
    assert {p.key: p.digest for p in passages} == vectors
    athens = next(p for p in passages if "Athens" in p.text)
    assert "training" in athens.text and "Αθήνα" not in athens.text  # kind word; no invented names
    event = await app.events.create(
        EventDraft(title="Tabletop exercise on ICT incidents (Reykjavik)", kind="training",
                   start=dt.date(2027, 4, 12), timezone="Atlantic/Reykjavik", location="Reykjavik, Iceland"),
        OPERATOR,
        now,
    )  # fmt: skip
    await _settled(app)
    vectors = await _event_vectors(app)
    assert str(event.id) in vectors
    before = vectors[str(event.id)]
    await app.events.update(
        event.id, {"title": "Tabletop exercise on ICT incidents (Akureyri)"}, OPERATOR, now
    )
    await _settled(app)
    assert (await _event_vectors(app))[str(event.id)] != before  # made again from the new passage
    assert ("event", str(event.id), "xx") in app.answers._vector_keys  # and used


async def test_only_the_latest_events_are_embedded(app, now, monkeypatch):
    monkeypatch.setattr(search, "EVENT_VECTOR_CAP", 3)
    await app.answers.warm()
    async with app.db() as session:
        latest = (await session.scalars(select(Event.id).order_by(Event.start_at.desc()).limit(3))).all()
    assert {int(k) for k in await _event_vectors(app)} == set(latest)


async def test_a_kind_of_event_described_in_other_words_is_found_by_meaning(app, now):
    """Neither "Greek" nor "Maltese capital" is a word of any event; the passages' meaning finds them."""
    await app.answers.warm()
    answer = await app.answers.answer("the Greek training", MEMBER, now)
    assert answer.kind == "event" and "Athens" in answer.events[0].title
    answer = await app.answers.answer("the conference in the Maltese capital", MEMBER, now)
    assert answer.kind == "event" and "Malta" in answer.events[0].title
    # No kind of event named: events do not answer by likeness alone.
    answer = await app.answers.answer("'; DROP TABLE events; --", MEMBER, now)
    assert answer.kind == "unknown"


async def test_a_question_asked_again_is_not_embedded_again(app, now, monkeypatch):
    await app.answers.warm()
    embedder = app.answers._embedder
    calls = []
    real = embedder.query

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(embedder, "query", counting)
    question = "if a researcher finds a hole in software that states rely on, which cbm says how to fix it"
    first = await app.answers.answer(question, MEMBER, now)
    again = await app.answers.answer(question, MEMBER, now)
    assert calls == [question] and (first.kind, first.cbms) == (again.kind, again.cbms)
    app.answers.forget_questions()
    await app.answers.answer(question, MEMBER, now)
    assert calls == [question, question]


async def test_answers_read_no_reference_rows_per_question(app, now):
    """CBM rows, countries and the FAQ's figures come from memory (re-read every CACHE_TTL seconds and after
    invalidate()); a question costs only the index and event queries."""
    from sqlalchemy import event as sa_event

    await app.answers.answer("What is CBM 8?", MEMBER, now)  # fills the caches
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    sa_event.listen(app.engine.sync_engine, "before_cursor_execute", record)
    try:
        for question in (
            "What is CBM 8?",
            "How many participating States are there?",
            "Is Japan in the OSCE?",
        ):
            answer = await app.answers.answer(question, MEMBER, now)
            assert answer.kind in ("cbm", "faq", "country"), question
    finally:
        sa_event.remove(app.engine.sync_engine, "before_cursor_execute", record)
    touched = [s for s in seen if re.search(r"\bFROM (cbms|countries|country_names)\b", s)]
    assert not touched, touched

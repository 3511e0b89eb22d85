"""The team's question set (tests/data/questions.yaml): loading, the database it expects, and scoring.

Shared by tests/test_answers.py (which requires 95% top-1) and benchmarks/answers.py (which reports
accuracy by kind and language).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from bot.services.contacts import ContactDraft
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR
from storage.models import Event

DATA = Path(__file__).parent / "data" / "questions.yaml"
# Paraphrases written before the semantic retrieval was tuned: `tuned` may guide changes, `aside` is only
# ever scored (see the file's header).
PARAPHRASES = Path(__file__).parent / "data" / "questions_paraphrase.yaml"
PARTS = ("team", "tuned", "aside")


@dataclass(frozen=True)
class Question:
    q: str
    lang: str
    expect: str

    @property
    def kind(self) -> str:
        return self.expect.split(":", 1)[0]


@dataclass(frozen=True)
class Result:
    question: Question
    kind: str
    got: str
    ok: bool
    seconds: float


def load(part: str = "team") -> tuple[dict[str, Any], list[Question]]:
    """The setup and the questions of one part: the team's set, or the tuned or set-aside paraphrases."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    if part == "team":
        items = data["questions"]
    elif part in PARTS:
        items = yaml.safe_load(PARAPHRASES.read_text(encoding="utf-8"))[part]
    else:
        raise ValueError(f"unknown question set {part!r}")
    questions = [Question(str(item["q"]), item["lang"], str(item["expect"])) for item in items]
    return data["setup"], questions


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(str(text))


async def apply_setup(app: Any, setup: dict[str, Any], now: dt.datetime) -> None:
    """The upcoming events and the contacts the questions rely on."""
    for item in setup.get("events", []):
        await app.events.create(
            EventDraft(
                title=item["title"],
                kind=item["kind"],
                start=_date(item["start"]),
                end=_date(item.get("end") or item["start"]),
                timezone=item["timezone"],
                location=item.get("location"),
                online=bool(item.get("online", False)),
                countries=item.get("countries", []),
                cbms=item.get("cbms", []),
                uid=item["uid"],
            ),
            OPERATOR,
            now,
        )
    for item in setup.get("contacts", []):
        await app.contacts.add(
            ContactDraft(
                country=item["country"],
                name=item["name"],
                type=item["type"],
                email=item.get("email"),
                phone=item.get("phone"),
                last_verified=_date(item["verified"]) if item.get("verified") else None,
            ),
            OPERATOR,
            now,
        )


async def uid_map(app: Any) -> dict[int, str]:
    async with app.db() as session:
        rows = (await session.execute(select(Event.id, Event.uid))).all()
    return {event_id: uid or "" for event_id, uid in rows}


def got(answer: Any, uids: dict[int, str]) -> str:
    """The answer's best match written like an `expect` value."""
    if answer.kind == "unknown":
        return "unknown"
    if answer.kind == "cbm":
        return f"cbm:{answer.cbms[0]}"
    if answer.kind == "event":
        return f"event:{uids.get(answer.events[0].id, answer.events[0].id)}"
    if answer.kind in {"country", "contact"}:
        return f"{answer.kind}:{answer.countries[0]['name']}"
    if answer.kind == "faq":
        return f"faq:{answer.faq_key}"
    return answer.kind

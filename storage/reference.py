"""The reference data packaged with the project (storage/reference/*.yaml), read and checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("en", "de", "fr", "it", "ru")


def supported_language(locale: str | None) -> str:
    """One of LANGUAGES for a locale such as Discord's ("de", "en-US", "pt-BR"); English otherwise."""
    base = (locale or "en").split("-")[0].split("_")[0].lower()
    return base if base in LANGUAGES else "en"


@dataclass(frozen=True)
class CbmData:
    number: int
    decision: str
    decision_date: dt.date
    title: dict[str, str]
    summary: dict[str, str]
    keywords: dict[str, list[str]]
    # How people describe the measure in everyday words, per language (for the answers' retrieval only).
    everyday: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CountryData:
    name: str
    iso2: str | None
    status: str
    since: int | None
    note: str | None
    names: dict[str, list[str]]


@dataclass(frozen=True)
class EventData:
    uid: str
    title: str
    kind: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    timezone: str
    all_day: bool
    location: str | None
    online: bool
    organisers: list[str]
    countries: list[str]
    cbms: list[int]
    url: str | None
    source: str | None
    approximate: bool
    date_note: str | None
    description: str
    extra: dict[str, Any] = field(default_factory=dict)


def _load(name: str) -> list[dict[str, Any]]:
    text = resources.files("storage").joinpath("reference", name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, list):
        raise ValueError(f"reference/{name}: expected a list")
    return data


def _date(value: Any) -> dt.date | dt.datetime:
    if isinstance(value, dt.date):
        return value
    text = str(value)
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


@cache
def cbms() -> tuple[CbmData, ...]:
    rows = []
    for item in _load("cbms.yaml"):
        rows.append(
            CbmData(
                number=int(item["number"]),
                decision=item["decision"],
                decision_date=_date(item["decision_date"]),  # type: ignore[arg-type]
                title=dict(item["title"]),
                summary=dict(item["summary"]),
                keywords={lang: [str(k) for k in words] for lang, words in item["keywords"].items()},
                everyday={lang: str(v) for lang, v in (item.get("everyday") or {}).items()},
            )
        )
    return tuple(sorted(rows, key=lambda c: c.number))


@cache
def countries() -> tuple[CountryData, ...]:
    return tuple(
        CountryData(
            name=item["name"],
            iso2=item.get("iso2"),
            status=item["status"],
            since=item.get("since"),
            note=item.get("note"),
            names={lang: [str(n) for n in names or []] for lang, names in (item.get("names") or {}).items()},
        )
        for item in _load("countries.yaml")
    )


@cache
def events() -> tuple[EventData, ...]:
    known = {
        "uid",
        "title",
        "kind",
        "start",
        "end",
        "timezone",
        "all_day",
        "location",
        "online",
        "organisers",
        "countries",
        "cbms",
        "url",
        "source",
        "approximate",
        "date_note",
        "description",
    }
    rows = []
    for item in _load("events.yaml"):
        start = _date(item["start"])
        rows.append(
            EventData(
                uid=item["uid"],
                title=item["title"],
                kind=item["kind"],
                start=start,
                end=_date(item.get("end") or item["start"]),
                timezone=item["timezone"],
                all_day=bool(item.get("all_day", not isinstance(start, dt.datetime))),
                location=item.get("location"),
                online=bool(item.get("online", False)),
                organisers=list(item.get("organisers") or []),
                countries=list(item.get("countries") or []),
                cbms=[int(n) for n in item.get("cbms") or []],
                url=item.get("url"),
                source=item.get("source"),
                approximate=bool(item.get("approximate", False)),
                date_note=item.get("date_note"),
                description=(item.get("description") or "").strip(),
                extra={k: v for k, v in item.items() if k not in known},
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class FaqData:
    """A fact we answer in our own words (decisions, IWG, PoC network…), in every language."""

    key: str
    title: dict[str, str]
    text: dict[str, str]
    keywords: dict[str, list[str]]
    sources: list[str]
    follow_ups: list[dict[str, str]]
    computed: str | None = None


@cache
def faq() -> tuple[FaqData, ...]:
    rows = []
    for item in _load("faq.yaml"):
        entry = FaqData(
            key=item["key"],
            title=dict(item["title"]),
            text=dict(item["text"]),
            keywords={lang: [str(k) for k in words] for lang, words in item["keywords"].items()},
            sources=list(item.get("sources") or []),
            follow_ups=list(item.get("follow_ups") or []),
            computed=item.get("computed"),
        )
        missing = [lang for lang in LANGUAGES if not entry.text.get(lang) or not entry.title.get(lang)]
        if missing:
            raise ValueError(f"reference/faq.yaml: {entry.key} lacks {', '.join(missing)}")
        rows.append(entry)
    return tuple(rows)

"""The CBMs and the countries: lookups by number and by any name, with fuzzy matching for typos."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.errors import BadInput, NotFound
from storage.models import Cbm, Country, CountryStatus, Event
from storage.repositories import CbmRepository, CountryRepository, EventRepository
from storage.text import fold

STATUS_LABEL = {
    CountryStatus.participating_state.value: "OSCE participating State",
    CountryStatus.asian_partner.value: "Asian Partner for Co-operation",
    CountryStatus.mediterranean_partner.value: "Mediterranean Partner for Co-operation",
    CountryStatus.none.value: "neither an OSCE participating State nor a Partner for Co-operation",
}
FUZZY_ACCEPT = 88  # a single best match at least this good is taken as meant
FUZZY_SUGGEST = 60  # autocomplete
SHORT_NAME = 3  # names this short (codes such as "us", "uk") are only compared whole


def _name_score(query: str, choice: str, **kwargs: object) -> float:
    """How well a typed name matches one of a country's names: rapidfuzz's WRatio, except that a short
    name or code is compared as a whole. WRatio's partial matching finds "us" inside "austira" and "uk"
    inside "ukraina" (90 each), which would read those typos as the United States and the United Kingdom."""
    if min(len(query), len(choice)) <= SHORT_NAME:
        return fuzz.ratio(query, choice, **kwargs)  # type: ignore[arg-type]
    return fuzz.WRatio(query, choice, **kwargs)  # type: ignore[arg-type]


# did-you-mean: whole-name similarity (rapidfuzz ratio) at least this: one slip in a short name ("Itlay",
# "Spian": 80) is close; "Narnia" is not Armenia (77), nor "Austira" Australia (75).
SUGGEST_SIMILARITY = 80


class NoSuchCountry(NotFound):
    """No state or partner has the name asked for; ``suggestions``: names close enough to be a typo (the
    command layer words it in the reader's language)."""

    def __init__(self, name: str, suggestions: list[str], suggested_ids: list[int] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions
        self.suggested_ids = suggested_ids or []  # the countries suggested, to name them in any language
        if suggestions:
            text = f"no country or partner called {name!r}; did you mean {' or '.join(suggestions)}?"
        else:
            text = (
                f"no country or partner called {name!r}: no OSCE participating State or Partner for "
                "Co-operation has that name"
            )
        super().__init__(text)

    def said(self, lang: str) -> str:
        """In ``lang``: the close names as they were written (the command layer names them in the reader's
        language, :func:`bot.commands.knowledge.country_refusal`)."""
        if lang == "en":
            return str(self)
        from bot.services.answer_text import either, message  # the one language module

        if self.suggestions:
            return message("did_you_mean", lang, name=self.name, names=either(self.suggestions, lang))
        return message("no_country", lang, name=self.name)


@dataclass(frozen=True)
class CountryMatch:
    country: Country
    matched_name: str
    exact: bool


class KnowledgeService:
    def __init__(self, db: async_sessionmaker[AsyncSession]) -> None:
        self.db = db

    async def cbms(self) -> Sequence[Cbm]:
        async with self.db() as session:
            rows = await CbmRepository(session).all()
        if not rows:
            raise NotFound(key="cbms_not_loaded")
        return rows

    async def cbm(self, number: int) -> tuple[Cbm, Sequence[Event], int]:
        """One CBM, a few events that served it, and how many CBMs there are."""
        async with self.db() as session:
            count = len(await CbmRepository(session).numbers())
            if count == 0:
                raise NotFound(key="cbms_not_loaded")
            cbm = await CbmRepository(session).get(number)
            if cbm is None:
                raise NotFound(key="cbm_missing", number=number, count=count)
            events = await EventRepository(session).related_to_cbm(number)
        return cbm, events, count

    async def countries(self) -> Sequence[Country]:
        async with self.db() as session:
            return await CountryRepository(session).all()

    async def match_country(self, name: str, session: AsyncSession | None = None) -> CountryMatch:
        """The country meant by ``name``: any of its names in any language, its ISO code, or a close typo."""
        if not fold(name):
            raise BadInput(key="country_name_needed")
        if session is None:
            async with self.db() as own:
                return await self._match(name, own)
        return await self._match(name, session)

    async def _match(self, name: str, session: AsyncSession) -> CountryMatch:
        repo = CountryRepository(session)
        exact = await repo.by_exact_name(name)
        if exact is not None:
            return CountryMatch(exact, name, True)
        index = await repo.name_index()
        if not index:
            raise NotFound(key="countries_not_loaded")
        ranked = self._rank(fold(name), index)
        if ranked and ranked[0][1] >= FUZZY_ACCEPT and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            country = await repo.get(ranked[0][2])
            assert country is not None
            return CountryMatch(country, ranked[0][0], False)
        close = self._close_names(fold(name), index)
        raise NoSuchCountry(name, [written for written, _ in close], [cid for _, cid in close])

    @staticmethod
    def _close_names(folded: str, index: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
        """Names close enough to be a typo of ``folded``: whole-name edit similarity of at least
        SUGGEST_SIMILARITY (WRatio's partial matching finds "uk" in "kosovo"; a suggestion must be near)."""
        best: dict[int, tuple[float, str]] = {}
        for candidate, written, country_id in index:
            if len(candidate) < 4:
                continue
            score = fuzz.ratio(folded, candidate)
            if score >= SUGGEST_SIMILARITY and score > best.get(country_id, (0.0, ""))[0]:
                best[country_id] = (score, written)
        ranked = sorted(best.items(), key=lambda item: -item[1][0])[:3]
        return [(written, country_id) for country_id, (_, written) in ranked]

    @staticmethod
    def _rank(folded: str, index: list[tuple[str, str, int]]) -> list[tuple[str, float, int]]:
        """Best name per country, best first: (name as written, score, country id)."""
        choices = [f for f, _, _ in index]
        results = process.extract(folded, choices, scorer=_name_score, limit=15)
        best: dict[int, tuple[str, float, int]] = {}
        for _, score, position in results:
            _, written, country_id = index[position]
            if country_id not in best or best[country_id][1] < score:
                best[country_id] = (written, float(score), country_id)
        return sorted(best.values(), key=lambda r: -r[1])

    async def complete_country(self, prefix: str, limit: int = 25) -> list[str]:
        """Canonical names for autocomplete, matched on any of a country's names."""
        async with self.db() as session:
            index = await CountryRepository(session).name_index()
            countries = {c.id: c.name for c in await CountryRepository(session).all()}
        folded = fold(prefix)
        if not folded:
            return sorted(countries.values())[:limit]
        starts = [cid for f, _, cid in index if f.startswith(folded)]
        ranked = [cid for _name, score, cid in self._rank(folded, index) if score >= FUZZY_SUGGEST]
        ordered = list(dict.fromkeys(starts + ranked))
        return [countries[cid] for cid in ordered][:limit]

    async def resolve_countries(
        self, names: Sequence[str], session: AsyncSession, corrections: list[str] | None = None
    ) -> list[Country]:
        """Countries for names given with an event; every unknown name is reported at once. A name read
        as a close typo of a country's name is added to ``corrections`` ("Germny → Germany")."""
        found: list[Country] = []
        problems: list[NotFound] = []
        # Matches are remembered for the rest of the transaction (an import resolves the same names often).
        known: dict[str, tuple[Country, bool]] = session.info.setdefault("countries_by_folded_name", {})
        for name in names:
            key = fold(name)
            if not key:
                continue
            if key not in known:
                try:
                    match = await self._match(name, session)
                except NotFound as exc:
                    problems.append(exc)
                    continue
                known[key] = (match.country, match.exact)
            country, exact = known[key]
            if not exact and corrections is not None:
                corrections.append(f"{name.strip()} → {country.name}")
            found.append(country)
        if problems:
            raise BadInput(
                key="country_problems",
                problems=lambda lang: "; ".join(p.said(lang).rstrip(".") for p in problems),
            )
        return list({c.id: c for c in found}.values())

    async def country_in(self, text: str | None, session: AsyncSession) -> Country | None:
        """The country whose name (any language, whole words) appears in ``text``, e.g. the venue
        country of "Hofburg, Vienna, Austria"; the last one named wins ("Vienna, Austria"). None when no
        country is named."""
        folded = fold(text or "")
        if not folded:
            return None
        pattern = session.info.get("country_name_pattern")
        if pattern is None:  # built once per transaction (imports derive many rows)
            index = await CountryRepository(session).name_index()
            by_name = {f: cid for f, _name, cid in index if len(f) > 2}
            keys = sorted(by_name, key=len, reverse=True)
            regex = re.compile(r"\b(" + "|".join(map(re.escape, keys)) + r")\b") if keys else None
            pattern = session.info["country_name_pattern"] = (regex, by_name)
        regex, by_name = pattern
        found = regex.findall(folded) if regex is not None else []
        if not found:
            return None
        country_id = by_name[found[-1]]
        # Remembered for the rest of the session too: an import names the same few countries thousands of
        # times (each look-up was a query with its names: 2 ms a row).
        chosen: dict[int, Country | None] = session.info.setdefault("countries_by_id", {})
        if country_id not in chosen:
            chosen[country_id] = await CountryRepository(session).get(country_id)
        return chosen[country_id]

    @staticmethod
    def status_label(country: Country) -> str:
        return STATUS_LABEL.get(country.status, country.status)

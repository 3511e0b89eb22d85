"""Replies wholly in the asker's language: no English label reaches a German, French, Italian or Russian
reply (answers to questions, /cbm, /country, its did-you-mean and refusal), and a few native-grammar checks.

The check reads what a reader sees: the rendered reply (title, text, fields, footer, the follow-up line) and
the buttons' labels. Data that has no translation (event titles, organisers, the decisions' symbols, links)
is taken out first; what is left must hold none of the English labels below."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.commands.answers import answer_reply
from bot.commands.base import Context
from bot.console import handle_line
from bot.services.answers import public_source
from bot.services.principal import OPERATOR, Principal
from bot.text import TextTimes, render_text
from bot.timeutil import zone
from storage.models import Event

MEMBER = Principal("test:member", "member")

# Every English label, field name and stock phrase an answer or a /cbm, /country reply may carry.
ENGLISH_LABELS = [
    "Source", "Decision", "Also called", "Related events", "All CBMs", "Events", "Event",
    "Upcoming events", "Help", "Directory", "Next:", "Link:", "in full", "Not sure", "State or partner",
    "Point of contact", "Fact", "When", "Also matching", "Taking", "did you mean", "ISO code",
    "year not confirmed", "for you", "at the venue", "participating State", "Partner for Co-operation",
    "English", "Status: scheduled", "cancelled", "postponed", "Past events", "PoC meetings", "no country",
    "Our summary", "place not given", "Countries taking part", "Organisers", "people attended", "CBMs",
    "CBM ",
]  # fmt: skip
_LABEL = re.compile("|".join(r"(?<!\w)" + re.escape(w.strip()) + r"(?!\w)" for w in ENGLISH_LABELS))

QUESTIONS = {
    "de": [
        "Was ist VBM 8?",
        "Welche VBM handelt von Schwachstellen in Software?",
        "Ist Japan ein Teilnehmerstaat?",
        "Ist Südkorea in der OSZE?",
        "Wann ist die nächste Konferenz?",
        "Wer hat den Workshop in Peking 2014 organisiert?",
        "Wer ist die Kontaktstelle für Deutschland?",
        "Wie wird das Wetter morgen in Paris?",
        "Wie viele Teilnehmerstaaten gibt es?",
        "Was ist die Informelle Arbeitsgruppe?",
    ],
    "fr": [
        "Qu'est-ce que la mesure 8 ?",
        "Quelle mesure concerne les vulnérabilités des logiciels ?",
        "Le Japon est-il un État participant ?",
        "La Corée du Sud fait-elle partie de l'OSCE ?",
        "Quand a lieu la prochaine conférence ?",
        "Qui a organisé l'atelier de Pékin en 2014 ?",
        "Qui est le point de contact pour l'Allemagne ?",
        "Quel temps fera-t-il demain à Paris ?",
        "Combien y a-t-il d'États participants ?",
        "Qu'est-ce que le Groupe de travail informel ?",
    ],
    "it": [
        "Che cos'è la misura 8?",
        "Quale misura riguarda le vulnerabilità del software?",
        "Il Giappone è uno Stato partecipante?",
        "La Corea del Sud fa parte dell'OSCE?",
        "Quando è la prossima conferenza?",
        "Chi ha organizzato il workshop di Pechino nel 2014?",
        "Chi è il punto di contatto per la Germania?",
        "Che tempo farà domani a Parigi?",
        "Quanti sono gli Stati partecipanti?",
        "Che cos'è il Gruppo di lavoro informale?",
    ],
    "ru": [
        "Что такое мера 8?",
        "Какая мера об уязвимостях в программах?",
        "Является ли Япония государством-участником?",
        "Южная Корея участвует в ОБСЕ?",
        "Когда следующая конференция?",
        "Кто организовал семинар в Пекине в 2014 году?",
        "Кто контактный пункт для Германии?",
        "Какая погода будет завтра в Париже?",
        "Сколько государств-участников?",
        "Что такое Неофициальная рабочая группа?",
    ],
}
COMMANDS = {  # /cbm and /country in each language, the did-you-mean and the plain refusal included
    lang: [
        f"/cbm number:8 language:{lang}",
        f"/cbm language:{lang}",
        f"/country name:Japan language:{lang}",
        f"/country name:Turky language:{lang}",
        f"/country name:Germny language:{lang}",
        f"/country name:Mongolai language:{lang}",
        f"/country name:Atlantis language:{lang}",
        f"/country name:Korea language:{lang}",
    ]
    for lang in QUESTIONS
}


async def _event_data(app) -> list[str]:
    """What stored events say in one language only: titles, organisers, places, sources (longest first)."""
    async with app.db() as session:
        rows = (
            await session.execute(select(Event.title, Event.organisers, Event.location, Event.source))
        ).all()
    items = {i for r in rows for i in (r.title, *(r.organisers or []), r.location, r.source) if i}
    items |= {public_source(i) or "" for i in items}
    return sorted((i for i in items if i), key=len, reverse=True)


def _without_data(text: str, data: list[str]) -> str:
    """The text without what has no translation: event data, links, commands, decision symbols."""
    for item in data:
        text = text.replace(item, " ")
    text = re.sub(r"https?://\S+|/[a-z]+(?: [a-z-]+)?(?: [a-z]+:\S+)*", " ", text)  # links and commands
    return re.sub(r"PC\.DEC/\d+", " ", text)


SAME_WORD = {"fr": {"Source"}, "de": {"Link:"}, "it": {"Link:"}}  # the language's own word is the same


def _english_in(text: str, lang: str = "") -> list[str]:
    return sorted(set(_LABEL.findall(text)) - SAME_WORD.get(lang, set()))


@pytest.mark.parametrize("lang", sorted(QUESTIONS))
async def test_answers_hold_no_english_labels(app, now, lang):
    ctx = Context(app=app, principal=MEMBER, now=now, times=TextTimes(zone("UTC")), zone=zone("UTC"))
    data = await _event_data(app)
    leaks = {}
    for question in QUESTIONS[lang]:
        for viewer in (MEMBER, OPERATOR):  # the contact question: refused, then answered (none stored)
            answer = await app.answers.answer(question, viewer, now)
            assert answer.lang == lang, question
            reply = answer_reply(ctx, answer)
            seen = render_text(reply) + "\n" + "\n".join(b.label for b in reply.buttons)
            found = _english_in(_without_data(seen, data), lang)
            if found:
                leaks[question] = (found, seen)
    assert not leaks, leaks


@pytest.mark.parametrize("lang", sorted(COMMANDS))
async def test_cbm_and_country_replies_hold_no_english_labels(app, lang):
    data = await _event_data(app)
    leaks = {}
    for line in COMMANDS[lang]:
        text, _ = await handle_line(app, MEMBER, line)
        found = _english_in(_without_data(text, data), lang)
        if found:
            leaks[line] = (found, text)
    assert not leaks, leaks


def test_the_label_check_can_fail():
    assert _english_in("Quelle: PC.DEC/1106\n(VBM · Deutsch)\nNext: /cbm number:8") == ["Next:"]
    assert _english_in("Beschluss: … Related events: …") == ["Related events"]
    assert _english_in("Veranstaltung #3 · Status: scheduled", "de") == ["Status: scheduled"]
    assert _english_in("Source : l'annuaire", "fr") == []  # the same word in French
    assert (
        _without_data("Event #3 Tallinn workshop, ICT4Peace", ["Tallinn workshop"]) == "Event #3  , ICT4Peace"
    )


async def test_native_grammar_spot_checks(app, now):
    async def text(question):
        return (await app.answers.answer(question, MEMBER, now)).answer

    assert (await text("Ist die Schweiz ein Teilnehmerstaat?")).startswith("Die Schweiz ist ")
    assert (await text("Le Japon est-il un État participant ?")).startswith("Le Japon n'est pas ")
    assert "3 декабря 2013" in await text("Что такое мера 8?")
    assert "3. Dezember 2013" in await text("Was ist VBM 8?")
    refusal, ok = await handle_line(app, MEMBER, "/country name:Mongolai language:fr")
    assert not ok and "« Mongolai »" in refusal and "Vouliez-vous dire Mongolie ?" in refusal
    typo, ok = await handle_line(app, MEMBER, "/country name:Germny language:fr")
    assert ok and "(« Germny » compris comme Allemagne.)\nL'Allemagne est un État participant" in typo
    refusal, _ = await handle_line(app, MEMBER, "/country name:Atlantis language:de")
    assert "„Atlantis“" in refusal and "kein Kooperationspartner" in refusal
    listing, _ = await handle_line(app, MEMBER, "/cbm language:it")
    assert "MRF 1–11" in listing and "3 dicembre 2013" in listing
    japan, _ = await handle_line(app, MEMBER, "/country name:Japan language:de")
    assert "ISO-Code: JP" in japan


@pytest.mark.parametrize("lang", sorted(QUESTIONS))
async def test_event_lookups_follow_the_readers_locale(app, lang):
    """/event show, the listings and the search in the Discord client's language (the console is English)."""
    from bot.commands import REGISTRY
    from bot.console import make_context

    ctx = make_context(app, MEMBER)
    ctx.locale = lang
    data = await _event_data(app)
    async with app.db() as session:
        athens = await session.scalar(select(Event.id).where(Event.title.like("%Athens%")))
    leaks = {}
    for line in (f"/event show id:{athens}", "/event past", "/event upcoming", "/event list kind:workshop",
                 "/event search query:Athens", "/event search query:zzzqqq"):  # fmt: skip
        reply = await REGISTRY.handle_message(ctx, line)
        seen = render_text(reply) + "\n" + "\n".join(b.label for b in reply.buttons)
        plain = _without_data(seen, data)
        found = _english_in(plain, lang) + _english_in_events(plain)
        if found:
            leaks[line] = (found, seen)
    assert not leaks, leaks


EVENT_LABELS = re.compile(
    r"\b(Where|Kind|Held in|Taking part|Add to your calendar|Download \.ics|Previous|page \d+ of|"
    r"Upcoming events|Past events|No event matches|Training|Conference|Meeting|Study visit)\b"
)


def _english_in_events(text: str) -> list[str]:
    return sorted(set(EVENT_LABELS.findall(text)))


@pytest.mark.parametrize(
    "lang, held_in, taking_part",
    [
        ("de", "Österreich", {"Deutschland", "Frankreich"}),
        ("fr", "Autriche", {"Allemagne", "France"}),
        ("ru", "Австрия", {"Германия", "Франция"}),
    ],
)
async def test_event_show_names_the_countries_in_the_readers_language(app, now, lang, held_in, taking_part):
    import datetime as dt

    from bot.commands import REGISTRY
    from bot.console import make_context
    from bot.services.events import EventDraft

    event = await app.events.create(
        EventDraft(
            title="Workshop in Vienna", kind="workshop", start=now + dt.timedelta(days=9),
            timezone="Europe/Vienna", location="Vienna", venue_country="Austria",
            countries=["Germany", "France"],
        ),
        OPERATOR,
        now,
    )  # fmt: skip
    ctx = make_context(app, MEMBER)
    ctx.locale = lang
    reply = await REGISTRY.handle_message(ctx, f"/event show id:{event.id}")
    values = {f.value for f in reply.fields}
    assert held_in in values
    assert any(set(v.split(", ")) == taking_part for v in values), values
    ctx.locale = "en"
    english = {f.value for f in (await REGISTRY.handle_message(ctx, f"/event show id:{event.id}")).fields}
    assert "Austria" in english and any(set(v.split(", ")) == {"France", "Germany"} for v in english)

"""The reminder commands, their refusals and the reminders' direct messages in the asker's language
(issue 12): Discord's locale picks the language of the replies, and the reminder keeps it for its DMs."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.commands import REGISTRY
from bot.console import make_context
from bot.errors import BadInput
from bot.reminders.timing import parse_offset
from bot.services.events import EventDraft
from bot.services.principal import OPERATOR, Principal, Role
from bot.text import render_text
from tests.helpers import make_bot, run_slash

ANA = Principal("discord:31", "ana")
ORGANISER = Principal("discord:32", "olga", frozenset({Role.organiser}))

# What the English replies say; none of it may reach a reader of another language.
ENGLISH = re.compile(
    r"\b(Reminders?|set|before|When|next|day|days|hours?|weeks?|minutes?|Your|nothing waiting|Done|"
    r"direct message|shows yours|removes one|you follow|deadline|is cancelled|Starts in|starts|Late)\b",
    re.IGNORECASE,
)
NATIVE = {
    "de": ("Erinnerung #", "eingerichtet", "1 Woche, 1 Tag und 2 Stunden vor Beginn der Veranstaltung #",
           "Wann", "/erinnerungen liste zeigt", "/erinnerungen absagen id:N", "Ihre Erinnerungen",
           "als Nächstes:", "nichts geplant", "1 Tag vor jeder Veranstaltung, der Sie folgen",
           "Erinnerung #1 ist gelöscht"),
    "fr": ("Rappel #", "programmé", "1 semaine, 1 jour et 2 heures avant le début de l'événement #",
           "Quand", "/rappels liste affiche", "/rappels annuler id:N", "Vos rappels", "prochain envoi :",
           "rien en attente", "1 jour avant chaque événement que vous suivez", "Le rappel #1 est annulé"),
    "it": ("Promemoria #", "impostato", "1 settimana, 1 giorno e 2 ore prima dell'inizio dell'evento #",
           "Quando", "/promemoria elenco mostra", "/promemoria annulla id:N", "I tuoi promemoria",
           "prossimo invio:", "niente in attesa", "1 giorno prima di ogni evento che segui",
           "Il promemoria #1 è annullato"),
    "ru": ("Напоминание #", "создано", "за 1 неделю, 1 день и 2 часа до начала мероприятия #", "Когда",
           "/напоминания список", "/напоминания отменить id:N", "Ваши напоминания", "следующее:",
           "ничего не запланировано", "за 1 день до каждого мероприятия, за которым вы следите",
           "Напоминание #1 отменено"),
}  # fmt: skip


async def add_event(app, now, days=9):
    draft = EventDraft(
        title="Vienna Workshop", kind="workshop", start=now + dt.timedelta(days=days),
        timezone="Europe/Vienna", location="Vienna",
    )  # fmt: skip
    return await app.events.create(draft, OPERATOR, now)


@pytest.mark.parametrize("lang", sorted(NATIVE))
async def test_reminder_commands_reply_in_the_askers_language(app, now, lang):
    """/remind event, /remind me, /reminders follows, list and cancel on Discord in the client's language:
    titles, texts, field names, footers (the commands as that client names them) and the offsets."""
    event = await add_event(app, now)
    bot = await make_bot(app)
    seen = []
    try:
        for line in (
            f"/remind event id:{event.id} before:7d,1d,2h",
            '/remind me when:"in 2 hours" text:"call the PoC"',
            "/reminders follows enabled:true before:1d",
            "/reminders list",
            "/reminders cancel id:1",
            "/reminders follows enabled:false",
        ):
            sent = await run_slash(bot, line, locale=lang, user_id=31)
            assert sent[0].ephemeral
            seen.append(sent[0].text)
    finally:
        await bot.close()
    text = "\n".join(seen)
    for words in NATIVE[lang]:
        assert words in text, (words, text)
    assert not ENGLISH.findall(text), (ENGLISH.findall(text), text)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("de", "November 2026"), ("fr", "novembre 2026"), ("it", "novembre 2026"), ("ru", "ноября 2026")],
)
async def test_the_console_writes_times_and_the_empty_list_in_the_readers_words(app, lang, words):
    """Where times are not Discord's timestamps (the console), they are in the reader's words too."""
    ctx = make_context(app, ANA)
    ctx.locale = lang
    empty = render_text(await REGISTRY.handle_message(ctx, "/reminders list"))
    made = render_text(await REGISTRY.handle_message(ctx, '/remind me when:"in 3 hours" text:"x"'))
    listing = render_text(await REGISTRY.handle_message(ctx, "/reminders list"))
    text = "\n".join((empty, made, listing))
    assert words in made and words in listing, text
    assert not re.search(r"\b(Sun|Nov|have no|Set one)\b", text), text
    assert not ENGLISH.findall(text), (ENGLISH.findall(text), text)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("de", ("Die Anmeldefrist der Veranstaltung #", "Dezember 2026", "ist entfernt")),
        ("fr", ("La date limite d'inscription de l'événement #", "décembre 2026", "est supprimée")),
        ("it", ("La scadenza per l'iscrizione dell'evento #", "dicembre 2026", "è stata rimossa")),
        ("ru", ("Установлен срок регистрации мероприятия #", "декабря 2026", "Снят срок регистрации")),
    ],
)
async def test_deadlines_are_confirmed_in_the_readers_language(app, now, lang, words):
    event = await add_event(app, now, days=20)
    ctx = make_context(app, ORGANISER)
    ctx.locale = lang
    set_ = await REGISTRY.handle_message(
        ctx, f"/reminders deadline event:{event.id} kind:registration at:2026-12-01T17:00"
    )
    cleared = await REGISTRY.handle_message(
        ctx, f"/reminders clear-deadline event:{event.id} kind:registration"
    )
    text = render_text(set_) + "\n" + render_text(cleared)
    assert set_.ok and cleared.ok, text
    for word in words:
        assert word in text, (word, text)
    assert not ENGLISH.findall(text), (ENGLISH.findall(text), text)


def test_russian_counts_take_the_form_their_number_asks_for():
    """Russian has three plural forms (1 день, 2 дня, 5 дней, 21 день), after за/через in the accusative."""
    from bot.services.answer_text import count_of

    assert [count_of(n, "d", "ru") for n in (1, 2, 5, 21)] == ["1 день", "2 дня", "5 дней", "21 день"]
    assert [count_of(n, "h", "ru") for n in (1, 3, 11, 22)] == ["1 час", "3 часа", "11 часов", "22 часа"]
    assert [count_of(n, "m", "ru") for n in (1, 2, 5, 21)] == ["1 минуту", "2 минуты", "5 минут", "21 минуту"]
    assert [count_of(n, "w", "ru") for n in (1, 2, 5)] == ["1 неделю", "2 недели", "5 недель"]
    assert [parse_offset(s).words("ru") for s in ("1d", "2d", "5d", "22d")] == [
        "1 день", "2 дня", "5 дней", "22 дня",
    ]  # fmt: skip
    assert parse_offset("1d").words("de") == "1 Tag" and parse_offset("2d").words("de") == "2 Tage"
    assert parse_offset("1d12h").words("fr") == "1 jour 12 heures"
    assert parse_offset("2w").label == "2 weeks" and parse_offset("1d12h").label == "1 day 12 hours"


async def test_direct_messages_are_in_the_language_the_reminder_was_set_in(app, now):
    event = await add_event(app, now, days=3)
    await app.reminders.remind_me(ANA, "in 1 hour", "Folien mitbringen", now, lang="de")
    await app.reminders.remind_event(ANA, event.id, "1d", now, lang="ru")
    await app.reminders.remind_me(OPERATOR, "in 1 hour", "bring slides", now)  # no language: English
    # The bot was down when the personal ones were due: they go out late, saying so in their language.
    first = await app.reminders.claim_due(
        now + dt.timedelta(hours=1, minutes=10), "w", late_after=dt.timedelta(minutes=1)
    )
    by_text = {m.text: m for m in first.outgoing}
    german, english = by_text["Folien mitbringen"], by_text["bring slides"]
    assert german.title == "Ihre Erinnerung" and german.lang == "de"
    note = german.late_note()
    assert note.startswith("(Verspätet:") and "November 2026" in note and not ENGLISH.findall(note), note
    assert english.title == "Your reminder" and english.late_note().startswith(
        "(Late: this was due Sun 22 Nov"
    )
    due = event.start_at - dt.timedelta(days=1)
    (russian,) = (await app.reminders.claim_due(due, "w", late_after=dt.timedelta(minutes=1))).outgoing
    assert russian.title == "Начало через 1 день" and russian.lang == "ru"
    assert f"**#{event.id} Vienna Workshop** — начало:" in russian.text and "(Europe/Vienna)" in russian.text
    assert "ноября 2026" in russian.text and " · Vienna" in russian.text  # the place as it was written
    assert not ENGLISH.findall(russian.title + russian.text), russian.text


async def test_a_refusal_is_said_in_german_and_stays_english_elsewhere(app, now):
    event = await add_event(app, now)
    bot = await make_bot(app)
    try:
        offset = await run_slash(bot, f"/remind event id:{event.id} before:1x", locale="de", user_id=31)
        past = await run_slash(bot, "/remind me when:2020-01-01T00:00Z text:spät", locale="de", user_id=31)
        unknown = await run_slash(bot, "/reminders cancel id:777", locale="de", user_id=31)
        english = await run_slash(bot, f"/remind event id:{event.id} before:1x", user_id=31)
    finally:
        await bot.close()
    assert offset[0].content == (
        "Die Zeitangabe „1x“ ist nicht lesbar: Schreiben Sie sie wie 7d, 1d, 2h, 30m oder 1d12h "
        "(w Wochen, d Tage, h Stunden, m Minuten)."
    )
    assert "Januar 2020" in past[0].content and "liegt in der Vergangenheit" in past[0].content
    assert unknown[0].content == "Sie haben keine Erinnerung #777."
    for sent in (offset, past, unknown):
        assert not ENGLISH.findall(sent[0].content) and "cannot" not in sent[0].content
    assert english[0].content.startswith("Cannot read the offset '1x': write it like 7d")
    with pytest.raises(BadInput) as raised:
        parse_offset("0h")
    assert str(raised.value) == "the offset '0h' is zero; give a time before the event such as 1h"
    assert (
        raised.value.said("it") == "L'anticipo «0h» è zero; indica un tempo prima dell'evento, per esempio 1h"
    )


@pytest.mark.parametrize("lang", ["de", "fr", "it", "ru"])
def test_the_examples_of_an_unreadable_time_are_words_that_are_read(now, lang):
    """The refusal of a time that cannot be read gives examples in the reader's language: they must work."""
    from zoneinfo import ZoneInfo

    from bot.timeutil import parse_when

    with pytest.raises(BadInput) as raised:
        parse_when("when pigs fly", ZoneInfo("Europe/Vienna"), now, "time")
    said = raised.value.said(lang)
    examples = [e for e in re.findall(r"[„«] ?([^“»]+?) ?[“»]", said) if e != "when pigs fly"]
    assert len(examples) == 3, said
    for example in examples:
        assert parse_when(example, ZoneInfo("Europe/Vienna"), now, "time")

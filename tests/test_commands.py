"""The command layer through the console renderer: parsing, permissions, replies, refusals."""

from __future__ import annotations

import pytest

from bot.commands import REGISTRY
from bot.commands.base import CommandSyntaxError
from bot.console import handle_line
from bot.services.principal import Principal, Role

MEMBER = Principal("console:member", "member")
ORGANISER = Principal("console:org", "org", frozenset({Role.organiser}))


async def say(app, message, who=MEMBER):
    return await handle_line(app, who, message)


def test_unquoted_words_continue_the_previous_option():
    _, values = REGISTRY.parse("/help command:event show")
    assert values == {"command": "event show"}
    _, values = REGISTRY.parse("/event past country:North Macedonia kind:workshop")
    assert values == {"country": "North Macedonia", "kind": "workshop"}


def test_parse_quoted_options_and_groups():
    command, values = REGISTRY.parse('/event past country:"North Macedonia" kind:workshop')
    assert command.name == "event past"
    assert values == {"country": "North Macedonia", "kind": "workshop"}


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("/evnt past", "did you mean /event past?"),
        ("/event", "/event needs a subcommand"),
        ("/cbm nmber:8", "did you mean number?"),
        ("/cbm 8", "write options as name:value"),
        ("/cbm language:de nmber:8", "did you mean number?"),
        ('/cbm number:"8', "close your quotes"),
        ("/cbm number:8 number:9", "given twice"),
        ("cbm 8", "commands start with /"),
    ],
)
def test_parse_errors_are_helpful(message, expected):
    with pytest.raises(CommandSyntaxError, match=expected):
        REGISTRY.parse(message)


async def test_cbm_8_names_its_decision(app):
    text, ok = await say(app, "/cbm number:8")
    assert ok
    assert text.startswith("CBM 8:")
    assert "PC.DEC/1106 of 3 December 2013" in text
    assert "Study visit on cybersecurity to Estonia" in text


async def test_cbm_13_belongs_to_the_second_decision(app):
    text, ok = await say(app, "/cbm number:13")
    assert ok and "PC.DEC/1202 of 10 March 2016" in text


async def test_all_cbms_are_listed(app):
    text, ok = await say(app, "/cbm")
    assert ok
    for number in range(1, 17):
        assert f"CBM {number} " in text


async def test_cbm_in_another_language(app):
    text, _ = await say(app, "/cbm number:8 language:ru")
    assert "Русский" in text
    text, _ = await say(app, "/cbm number:8 language:de")
    assert "Deutsch" in text


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("/cbm number:17", "There is no CBM 17: the OSCE has agreed 16"),
        ("/cbm number:0", "number must be at least 1"),
        ("/cbm number:eight", "number must be a whole number"),
        ("/cbm number:8 language:es", "language must be one of en, de, fr, it, ru"),
        ("/event show id:9999", "There is no event #9999"),
        ("/country name:Atlantis", "no country or partner called 'Atlantis'"),
        ("/event past kind:party", "kind must be one of"),
        ("/event past page:99", "there are only"),
    ],
)
async def test_bad_input_is_refused_with_a_reason(app, message, reason):
    text, ok = await say(app, message)
    assert not ok
    assert reason.lower() in text.lower()
    assert "Traceback" not in text


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Turkey", "OSCE participating State"),
        ("Japan", "Asian Partner for Co-operation (since 1992)"),
        ("Egypt", "Mediterranean Partner for Co-operation"),
        ("Brazil", "neither an OSCE participating State nor a Partner"),
        ("Mongolia", "OSCE participating State"),
    ],
)
async def test_country_status(app, name, status):
    text, ok = await say(app, f"/country name:{name}")
    assert ok and status in text


async def test_country_typo_is_matched_and_said_so(app):
    text, ok = await say(app, "/country name:Turky")
    assert ok
    assert "Taking 'Turky' as" in text and "Türkiye" in text


async def test_country_shows_other_names(app):
    text, _ = await say(app, "/country name:Suisse")
    assert "Schweiz" in text and "Svizzera" in text and "Швейцария" in text


async def test_event_past_lists_newest_first_with_pages(app):
    text, ok = await say(app, "/event past")
    assert ok
    assert "page 1 of 2" in text
    assert "/event past page:2" in text
    first = text.index("#")
    assert "Chisinau" in text[first : first + 80]
    page2, ok = await say(app, "/event past page:2")
    assert ok and "Beijing" in page2


async def test_event_past_filters(app):
    text, ok = await say(app, '/event past country:"Republic of Korea" kind:conference')
    assert ok
    assert text.count("Inter-Regional") == 4
    text, ok = await say(app, "/event past cbm:8")
    assert ok and "Estonia" in text and "Beijing" not in text
    text, ok = await say(app, "/event past year:2014")
    assert ok and "Beijing" in text and "2021" not in text


async def test_event_upcoming_is_empty_but_helpful(app):
    text, ok = await say(app, "/event upcoming")
    assert ok and "No upcoming events" in text


async def test_event_show_in_event_and_reader_zone(app):
    event = await _event(app, "3rd Inter-Regional")
    text, ok = await say(app, f"/event show id:{event.id}")
    assert ok
    assert "22–23 Jun 2021" in text
    assert "online" in text
    assert "Republic of Korea" in text


async def test_approximate_dates_are_shown_without_a_year(app):
    event = await _event(app, "Estonia")
    text, _ = await say(app, f"/event show id:{event.id}")
    assert "30 Jun – 5 Jul (year not confirmed)" in text
    assert "2019" not in text.split("About the date")[0]


async def test_help_lists_only_what_the_user_may_use(app):
    text, ok = await say(app, "/help")
    assert ok and "/cbm" in text and "/event upcoming" in text
    text, ok = await say(app, "/help command:event show")
    assert ok and "Usage: `/event show id:…`" in text


async def test_free_text_without_an_answering_service_points_to_help(app):
    text, ok = await say(app, "hello")
    if REGISTRY.fallback is None:
        assert not ok and "/help" in text


async def test_handler_crash_is_one_sentence_and_logged(app, caplog, monkeypatch):
    async def boom(number):
        raise RuntimeError("database exploded")

    monkeypatch.setattr(app.knowledge, "cbm", boom)
    text, ok = await say(app, "/cbm number:8")
    assert not ok
    assert text.startswith("Sorry, something went wrong on our side (reference ")
    assert "database exploded" not in text
    assert "database exploded" in caplog.text


async def test_permission_is_checked_before_the_handler(app):
    calls = []

    @REGISTRY.command("zz organisers", "test", permission=Role.organiser)
    async def only(ctx):
        calls.append(ctx.principal)
        from bot.commands import Reply

        return Reply(text="done")

    try:
        text, ok = await say(app, "/zz organisers")
        assert not ok and "organiser role" in text and calls == []
        text, ok = await say(app, "/zz organisers", ORGANISER)
        assert ok and calls == [ORGANISER]
        admin = Principal("console:a", "a", frozenset({Role.admin}))
        assert (await say(app, "/zz organisers", admin))[1]
    finally:
        del REGISTRY.commands["zz organisers"]


async def _event(app, title_part):
    page = await app.events.list(app.now(), page_size=None)
    return next(e for e in page.events if title_part in e.title)

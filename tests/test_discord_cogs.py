"""Slash commands through bot.tree with real interaction payloads, offline."""

from __future__ import annotations

import pytest

from tests.helpers import make_bot, run_autocomplete, run_slash


@pytest.fixture
async def bot(app):
    client = await make_bot(app)
    yield client
    await client.close()


async def test_cbm_8_answers_with_embed_and_no_pings(bot):
    sent = await run_slash(bot, "/cbm number:8")
    assert len(sent) == 1
    reply = sent[0]
    assert reply.embeds[0]["title"].startswith("CBM 8")
    assert "PC.DEC/1106" in reply.text
    assert reply.allowed_mentions == {"parse": []}
    assert not reply.ephemeral
    assert {b["label"] for b in reply.buttons} >= {"◀ CBM 7", "CBM 9 ▶", "All CBMs"}


async def test_event_group_subcommand_and_locale(bot):
    sent = await run_slash(bot, "/event past kind:conference")
    assert "Past events" in sent[0].text
    assert "<t:" in sent[0].text or "Inter-Regional" in sent[0].text


async def test_cbm_follows_interaction_locale(bot):
    sent = await run_slash(bot, "/cbm number:8", locale="de")
    assert "Deutsch" in sent[0].text


async def test_unknown_event_is_refused_privately(bot):
    sent = await run_slash(bot, "/event show id:9999")
    assert sent[0].ephemeral
    assert "no event #9999" in sent[0].content


async def test_country_autocomplete_matches_other_names(bot):
    choices = await run_autocomplete(bot, "/country name:Schwei", focused="name")
    assert choices and choices[0]["value"] == "Switzerland"


async def test_event_autocomplete_by_title(bot):
    choices = await run_autocomplete(bot, "/event show id:Beijing", focused="id")
    assert choices and "Information and Cyber Security" in choices[0]["name"]
    assert isinstance(choices[0]["value"], int)

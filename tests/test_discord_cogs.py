"""Slash commands through bot.tree with real interaction payloads, offline."""

from __future__ import annotations

import pytest

from tests.helpers import make_bot, press_button, run_autocomplete, run_slash


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


async def test_paging_button_replaces_the_list_for_its_owner(bot):
    first = (await run_slash(bot, "/event past", user_id=77))[0]
    assert "page 1 of 2" in first.text
    pressed = await press_button(bot, first, "Next ▶", user_id=77)
    assert pressed[0].kind == "edit"
    assert "page 2 of 2" in pressed[0].text


async def test_someone_elses_button_answers_privately(bot):
    first = (await run_slash(bot, "/cbm number:8", user_id=77))[0]
    pressed = await press_button(bot, first, "CBM 9 ▶", user_id=78)
    assert pressed[0].kind == "callback" and pressed[0].ephemeral
    assert pressed[0].embeds[0]["title"].startswith("CBM 9")


async def test_member_roles_come_from_the_guild(bot, app):
    import discord

    from cogs.adapter import principal_for
    from tests.helpers import interaction_payload

    for roles, admin, expected in [
        ((), False, set()),
        (("organiser",), False, {"organiser"}),
        (("directory",), False, {"directory"}),
        ((), True, {"admin"}),
    ]:
        payload = interaction_payload(bot, "/help", roles=roles, admin=admin)
        interaction = discord.Interaction(data=payload, state=bot._connection)
        assert {r.value for r in principal_for(interaction).roles} == expected

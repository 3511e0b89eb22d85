"""Discord's own extras for events: the new-event form and the description form (modals), offline."""

from __future__ import annotations

import re

import discord
import pytest

from tests.helpers import interaction_payload, make_bot, recording, run_slash


@pytest.fixture
async def bot(app):
    client = await make_bot(app)
    yield client
    await client.close()


async def _submit(bot, modal_payload, values, **who):
    custom_id = modal_payload["custom_id"]
    modal = bot._connection._view_store._modals[custom_id]
    components = []
    for row in modal_payload["components"]:
        for item in row["components"]:
            components.append(
                {
                    "type": 1,
                    "components": [
                        {"type": 4, "custom_id": item["custom_id"], "value": values.get(item["label"], "")}
                    ],
                }
            )
    payload = interaction_payload(bot, "/help", **who)
    payload["type"] = 5
    payload["data"] = {"custom_id": custom_id, "components": components}
    with recording() as adapter:
        interaction = discord.Interaction(data=payload, state=bot._connection)
        await modal._dispatch_submit(interaction, components, {})
    return adapter.sent


async def test_form_adds_an_event_with_a_long_description(bot, app):
    refused = await run_slash(bot, "/event form")
    assert refused[0].ephemeral and "organiser role" in refused[0].content
    sent = await run_slash(bot, "/event form", roles=("organiser",))
    modal = sent[0].payload
    assert modal["title"] == "New event"
    labels = [row["components"][0]["label"] for row in modal["components"]]
    assert labels == ["Title", "Kind", "Start", "End (optional)", "Description (optional)"]
    long_text = "A long description. " * 150
    replies = await _submit(
        bot,
        modal,
        {
            "Title": "Form-made workshop",
            "Kind": "workshop",
            "Start": "3 March 14:30",
            "End (optional)": "16:00",
            "Description (optional)": long_text,
        },
        roles=("organiser",),
    )
    assert "Added event" in replies[0].text
    event_id = int(re.search(r"Added event #(\d+)", replies[0].text).group(1))
    event = await app.events.get(event_id)
    assert event.description == long_text.strip() and event.kind == "workshop"

    modal = (await run_slash(bot, "/event form", roles=("organiser",)))[0].payload  # a form is used once
    bad = await _submit(
        bot, modal, {"Title": "X", "Kind": "party", "Start": "tomorrow"}, roles=("organiser",)
    )
    assert bad[0].ephemeral and "kind must be one of" in bad[0].content.lower()


async def test_describe_form_is_prefilled_and_edits(bot, app):
    sent = await run_slash(bot, "/event describe id:1", roles=("organiser",))
    modal = sent[0].payload
    box = modal["components"][0]["components"][0]
    assert box["value"].startswith("Policy and technical Points of Contact")
    replies = await _submit(
        bot, modal, {"Description ('-' removes it)": "Shorter text."}, roles=("organiser",)
    )
    assert "Changed description of event #1" in replies[0].text
    assert (await app.events.get(1)).description == "Shorter text."
    missing = await run_slash(bot, "/event describe id:9999", roles=("organiser",))
    assert "no event #9999" in missing[0].content


async def test_forms_and_their_refusals_in_the_readers_language(bot, app):
    """The forms' titles and labels, and their refusals, follow the reader's Discord locale."""
    modal = (await run_slash(bot, "/event form", roles=("organiser",), locale="de"))[0].payload
    assert modal["title"] == "Neue Veranstaltung"
    labels = [row["components"][0]["label"] for row in modal["components"]]
    assert labels == ["Titel", "Art", "Beginn", "Ende (optional)", "Beschreibung (optional)"]
    modal = (await run_slash(bot, "/event describe id:1", roles=("organiser",), locale="fr"))[0].payload
    assert modal["title"] == "Description de l'événement n° 1"
    refused = await run_slash(bot, "/event form", locale="de")
    assert (
        refused[0].content
        == "/veranstaltung hinzufuegen ist Mitgliedern mit der Rolle organiser vorbehalten."
    )
    missing = await run_slash(bot, "/event describe id:9999", roles=("organiser",), locale="ru")
    assert missing[0].content.startswith("Мероприятия #9999 нет")

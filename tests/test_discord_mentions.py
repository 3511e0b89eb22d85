"""Messages that mention the bot (dpytest 0.7): answered through the command layer, pinging nobody."""

from __future__ import annotations

import discord
import discord.ext.test as dpytest
import pytest

from bot.discord_client import CbmBot


@pytest.fixture
async def bot(app):
    intents = discord.Intents.default()
    intents.members = True  # dpytest's fake guild caches its members (the bot included) only with it
    client = CbmBot(app, sync=False, intents=intents)
    await client._async_setup_hook()
    await client.setup_hook()
    dpytest.configure(client)
    yield client
    await dpytest.empty_queue()  # dpytest's fake websocket cannot be closed like a real one


async def test_mention_with_a_command_is_answered(bot):
    await dpytest.message(f"<@{bot.user.id}> /cbm number:8")
    embed = dpytest.get_embed()
    assert embed.title.startswith("CBM 8")
    assert "PC.DEC/1106" in (embed.footer.text or "")


async def test_mention_with_a_bad_command_gets_a_plain_refusal(bot):
    await dpytest.message(f"<@{bot.user.id}> /cbm number:17")
    message = dpytest.get_message()
    assert "There is no CBM 17" in message.content


async def test_messages_not_for_the_bot_are_ignored(bot):
    await dpytest.message("/cbm number:8")
    assert dpytest.verify().message().nothing()


async def test_everyone_in_a_mention_does_not_ping(bot, monkeypatch):
    payloads = []
    original = bot.http.send_message

    async def recording(channel_id, *, params):
        channel = bot.get_channel(channel_id)  # noqa: F841  (dpytest reads its caller's `channel`)
        payloads.append(params.payload)
        return await original(channel_id, params=params)

    monkeypatch.setattr(bot.http, "send_message", recording)
    await dpytest.message(f"<@{bot.user.id}> /country name:@everyone")
    message = dpytest.get_message()
    assert "@everyone" in message.content
    assert payloads[-1]["allowed_mentions"] == {"parse": []}

"""dpytest: a message that mentions the bot, and a direct message, are answered as questions."""

from __future__ import annotations

import discord
import discord.ext.test as dpytest
import pytest
from discord.ext.test import backend

from bot.discord_client import CbmBot


@pytest.fixture
async def dbot(app):
    bot = CbmBot(app, sync=False)
    # dpytest resolves "<@id>" in a message through the member cache, which the bot's own intents leave off.
    bot._connection._intents = discord.Intents.all()
    bot._connection.member_cache_flags = discord.MemberCacheFlags.all()
    await bot._async_setup_hook()
    await bot.setup_hook()
    dpytest.configure(bot, members=["ana"])
    guild = dpytest.get_config().guilds[0]
    backend.make_member(bot.user, guild)  # so that "<@bot>" in a message is a real mention
    yield bot
    await dpytest.empty_queue()  # dpytest's fake gateway has no connection to close


async def test_mention_in_a_channel_is_answered(dbot):
    await dpytest.message(f"<@{dbot.user.id}> What is CBM 8?")
    reply = dpytest.get_message()
    assert reply.embeds and reply.embeds[0].title.startswith("CBM 8")
    assert "PC.DEC/1106" in "\n".join(f.value for f in reply.embeds[0].fields)


async def test_message_not_addressed_to_the_bot_is_ignored(dbot):
    await dpytest.message("What is CBM 8?")
    assert dpytest.verify().message().nothing()


async def test_direct_message_is_answered(dbot):
    member = dpytest.get_config().members[0]
    channel = await member.create_dm()
    await dpytest.message("Ist die Schweiz Teilnehmerstaat?", channel=channel, member=member)
    reply = dpytest.get_message()
    assert isinstance(reply.channel, discord.DMChannel)
    assert "Teilnehmerstaat" in reply.embeds[0].description


async def test_contact_question_in_a_channel_stays_private(dbot):
    await dpytest.message(f"<@{dbot.user.id}> Who is Estonia's technical point of contact?")
    reply = dpytest.get_message()
    assert "directory role" in (reply.embeds[0].description if reply.embeds else reply.content)


async def test_directory_member_gets_contacts_only_privately(dbot, app, now):
    from bot.services.contacts import ContactDraft
    from bot.services.principal import OPERATOR

    await app.contacts.add(ContactDraft(country="Estonia", name="Kati Tamm", type="technical"), OPERATOR, now)
    config = dpytest.get_config()
    member = config.members[0]
    guild = config.guilds[0]
    role = backend.make_role("directory", guild)
    await dpytest.add_role(member, role)
    member = guild.get_member(member.id)
    question = f"<@{dbot.user.id}> Who is Estonia's technical point of contact?"
    # A role merely named "directory" grants nothing, in an untrusted server or unconfigured in a trusted one
    await dpytest.message(question, member=member)
    reply = dpytest.get_message()
    assert "directory role" in reply.embeds[0].description and "Kati Tamm" not in reply.embeds[0].description
    app.settings.__dict__["guild_ids"] = frozenset({guild.id})  # trusted (CBMBOT_GUILD_IDS), role configured
    await app.guilds.set(guild.id, "directory_role", role.id, OPERATOR, now)
    await dpytest.message(question, member=member)
    reply = dpytest.get_message()
    assert "private" in reply.content and "Kati Tamm" not in reply.content and not reply.embeds
    await dpytest.message(f"<@{dbot.user.id}> Wer ist die technische Kontaktstelle Estlands?", member=member)
    reply = dpytest.get_message()  # said in the question's language (a message carries no locale)
    assert reply.content.startswith("Diese Antwort ist privat:") and "Kati Tamm" not in reply.content
    channel = await member.create_dm()  # a direct message carries no server roles: no details there either
    await dpytest.message("Who is Estonia's technical point of contact?", channel=channel, member=member)
    reply = dpytest.get_message()
    assert "Kati Tamm" not in (reply.embeds[0].description or "")

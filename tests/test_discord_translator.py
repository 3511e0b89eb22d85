"""Discord in five languages: command names and descriptions through app_commands.Translator, and each
command within Discord's 4,000-character limit with the localisations counted."""

from __future__ import annotations

import re

import pytest

from bot.commands.locales import LOCALE_LANGUAGES, catalogue
from bot.commands.registry import REGISTRY
from tests.helpers import make_bot, run_slash

NAME = re.compile(r"^[-_\w]{1,32}$")
LIMIT = 4000


@pytest.fixture
async def bot(app):
    client = await make_bot(app)
    yield client
    await client.close()


async def _payloads(bot):
    translator = bot.tree.translator
    assert translator is not None
    return [await command.get_translated_payload(bot.tree, translator) for command in bot.tree.get_commands()]


def _fields(payload):
    """Every (default, localisations) name and description of a command payload, its options and choices."""
    yield payload["name"], payload.get("name_localizations") or {}
    yield payload["description"], payload.get("description_localizations") or {}
    for option in payload.get("options") or []:
        yield from _fields(option)
    for choice in payload.get("choices") or []:
        yield choice["name"], choice.get("name_localizations") or {}
        yield str(choice["value"]), {}


def _size(payload, *, every_locale: bool) -> int:
    total = 0
    for default, localised in _fields(payload):
        values = [default, *localised.values()]
        # Discord counts the longest localisation of each field; every_locale adds them all up instead.
        total += sum(map(len, values)) if every_locale else max(map(len, values))
    return total


async def test_every_command_and_group_has_names_and_descriptions_in_four_languages(bot):
    for payload in await _payloads(bot):
        stack = [payload]
        while stack:
            item = stack.pop()
            if item.get("type") in (None, 1, 2):  # a command, subcommand or group
                where = item["name"]
                assert set(item["name_localizations"]) >= {"de", "fr", "it", "ru"}, where
                assert set(item["description_localizations"]) >= {"de", "fr", "it", "ru"}, where
                for value in item["name_localizations"].values():
                    assert NAME.match(value) and value == value.lower(), value
            stack += [o for o in item.get("options") or [] if o.get("type") in (1, 2)]


async def test_localised_names_do_not_collide(bot):
    for payload in await _payloads(bot):
        for lang in ("de", "fr", "it", "ru"):
            siblings = [o["name_localizations"].get(lang, o["name"]) for o in payload.get("options") or []
                        if o.get("type") in (1, 2)]  # fmt: skip
            assert len(siblings) == len(set(siblings)), (payload["name"], lang)
    payloads = await _payloads(bot)
    for lang in LOCALE_LANGUAGES:
        names = [p["name_localizations"].get(lang, p["name"]) for p in payloads]
        assert len(names) == len(set(names)), lang


async def test_each_command_within_discords_size_limit(bot):
    sizes = {p["name"]: _size(p, every_locale=False) for p in await _payloads(bot)}
    assert sizes["event"] > 3000  # the largest; the count covers its subcommands and options
    too_big = {name: size for name, size in sizes.items() if size > LIMIT}
    assert not too_big, too_big


def test_catalogue_has_all_four_languages():
    data = catalogue()
    for kind in ("names", "descriptions"):
        for text, translations in data[kind].items():
            assert set(translations) == set(LOCALE_LANGUAGES), text
    described = {c.description for c in REGISTRY.commands.values()} | set(REGISTRY.groups.values())
    assert described <= set(data["descriptions"])


async def test_replies_follow_the_users_locale(bot):
    sent = await run_slash(bot, "/cbm number:8", locale="de")  # the Discord client's language
    assert sent[0].embeds[0]["title"].startswith("VBM 8")
    assert "Beschluss" in sent[0].text and "3. Dezember 2013" in sent[0].text


async def test_every_option_is_described_in_four_languages(bot):
    """Every option of every command, the organisers' and admins' too, is described in the client's language
    (names stay as typed in `cbmbot chat` and the help; choices are values)."""
    missing = []
    for payload in await _payloads(bot):
        stack = [(payload["name"], payload)]
        while stack:
            path, item = stack.pop()
            for option in item.get("options") or []:
                if option.get("type") in (1, 2):
                    stack.append((f"{path} {option['name']}", option))
                elif set(option.get("description_localizations") or {}) < {"de", "fr", "it", "ru"}:
                    missing.append(f"{path} {option['name']}")
    assert not missing, missing

"""Command names and descriptions in the languages Discord users may have set (de, fr, it, ru), read from
translations.yaml beside the declarations. English is the declarations' own text. Also how a reply names a
command for its reader (:func:`called`, :func:`named`)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from bot.commands.base import Context

LOCALE_LANGUAGES = ("de", "fr", "it", "ru")


@cache
def catalogue() -> dict[str, dict[str, dict[str, str]]]:
    text = resources.files("bot.commands").joinpath("translations.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {"names": data.get("names") or {}, "descriptions": data.get("descriptions") or {}}


def translate(text: str, lang: str, *, name: bool) -> str | None:
    """``text`` (a command, group or option name when ``name``, else a description) in ``lang``; None when
    there is no translation (Discord then shows the English)."""
    return catalogue()["names" if name else "descriptions"].get(text, {}).get(lang)


def shown_name(name: str, lang: str) -> str:
    """A command's name as Discord shows it in ``lang`` (each word of a group path translated)."""
    return " ".join(translate(word, lang, name=True) or word for word in name.split())


def called(command: str, transport: str, lang: str) -> str:
    """How a reader calls the declared ``command`` where they are: ``/feed links`` on Discord,
    ``/erinnerungen liste`` there for a German reader, ``/feed`` in the console."""
    from bot.commands.registry import REGISTRY  # the declarations import this module

    return "/" + shown_name(REGISTRY.commands[command].name_on(transport), lang)


def named(ctx: Context, command: str, lang: str) -> str:
    """:func:`called` for the reader of ``ctx``."""
    return called(command, ctx.transport, lang)

"""Discord's command localisation: names and descriptions in the user's client language (de, fr, it, ru)
through discord.py's app_commands.Translator; the text comes from bot/commands/translations.yaml."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot.commands.locales import translate

LANGUAGE_OF = {
    discord.Locale.german: "de",
    discord.Locale.french: "fr",
    discord.Locale.italian: "it",
    discord.Locale.russian: "ru",
}
NAMES = {Where.command_name, Where.group_name, Where.parameter_name, Where.choice_name}
DESCRIPTIONS = {Where.command_description, Where.group_description, Where.parameter_description}


class CatalogueTranslator(app_commands.Translator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContext,
    ) -> str | None:
        lang = LANGUAGE_OF.get(locale)
        if lang is None or (context.location not in NAMES and context.location not in DESCRIPTIONS):
            return None
        if context.location in (Where.parameter_name, Where.choice_name):
            return None  # option names stay as typed in `cbmbot chat` and the help; choices are values
        return translate(string.message, lang, name=context.location in NAMES)

"""/help: what the person asking may use where they ask, grouped.

Each transport has its own list: a command is shown under the name it has there (Discord's `/feed links` is
the console's `/feed`), with the options it has there, and only when it would run there (the person holds
its role; a server setting needs a server, or the console's guild:ID). Commands a transport adds of its own
(Discord's forms) are listed there too. On Discord the list is in the reader's language: command names as
Discord shows them to that reader (translations.yaml, cogs/translator.py), descriptions and labels too;
option names stay as typed everywhere."""

from __future__ import annotations

from bot.commands.base import Command, Context, Field, Option, Reply
from bot.commands.locales import shown_name, translate
from bot.commands.registry import REGISTRY
from bot.services.answer_text import message
from storage.reference import supported_language

FIELD_MAX = 1000


def options_on(command: Command, transport: str) -> list[Option]:
    return [o for o in command.options if o.transports is None or transport in o.transports]


def described(text: str, lang: str) -> str:
    return translate(text, lang, name=False) or text


def usage_on(command: Command, transport: str, lang: str = "en") -> str:
    parts = [f"/{shown_name(command.name_on(transport), lang)}"]
    for option in options_on(command, transport):
        parts.append(f"{option.name}:…" if option.required else f"[{option.name}:…]")
    return " ".join(parts)


def available(ctx: Context) -> dict[str, Command]:
    """The commands that run for this person on this transport, by the name they have there."""
    return {
        cmd.name_on(ctx.transport): cmd
        for cmd in REGISTRY
        if cmd.allowed(ctx.principal) and cmd.runs_on(ctx.transport, ctx.guild_id)
    }


@REGISTRY.command(
    "help", "What this bot can do", Option("command", str, "A command to explain, e.g. event add")
)
async def help_command(ctx: Context, command: str | None = None) -> Reply:
    here = available(ctx)
    # Discord shows command names in the reader's language; the console and the CLI keep the English ones.
    lang = supported_language(ctx.locale) if ctx.transport == "discord" else "en"
    help_name = shown_name("help", lang)
    if command:
        name = " ".join(command.strip().lstrip("/").lower().split())
        name = _english(name, lang)
        found = here.get(name)
        shown = shown_name(name, lang)
        if found is None:
            elsewhere = REGISTRY.commands.get(name)
            if elsewhere is not None and not elsewhere.allowed(ctx.principal):
                return Reply.refusal(message("help_for_role", lang, name=shown, role=elsewhere.permission))
            if elsewhere is not None:
                return Reply.refusal(message("help_not_here", lang, name=shown, help=help_name))
            hint = REGISTRY.suggest(name)
            text = message("help_no_such", lang, name=shown)
            if hint:
                text += " " + message("help_did_you_mean", lang, name=shown_name(hint, lang))
            return Reply.refusal(text)
        usage = usage_on(found, ctx.transport, lang)
        lines = [described(found.description, lang), "", message("help_usage", lang, usage=usage)]
        for option in options_on(found, ctx.transport):
            need = message("help_required" if option.required else "help_optional", lang)
            choice = f" ({', '.join(option.choices)})" if option.choices else ""
            lines.append(f"• `{option.name}` ({need}): {described(option.description, lang)}{choice}")
        if found.permission:
            lines.append(message("help_needs_role", lang, role=found.permission))
        return Reply(title=f"/{shown}", text="\n".join(lines))
    entries = [(name, cmd.description) for name, cmd in here.items()]
    entries += [
        (name, description)
        for transport, name, description, permission in REGISTRY.extras
        if transport == ctx.transport and (permission is None or ctx.principal.has(permission))
    ]
    groups: dict[str, list[str]] = {}
    for name, description in sorted(entries):
        words = name.split()
        head = words[0] if len(words) > 1 else "general"
        groups.setdefault(head, []).append(f"`/{shown_name(name, lang)}`: {described(description, lang)}")
    fields = []
    for head, lines in sorted(groups.items(), key=lambda kv: (kv[0] != "general", kv[0])):
        title = (
            message("help_general", lang)
            if head == "general"
            else described(REGISTRY.groups.get(head, head.capitalize()), lang)
        )
        more = f"{title} ({message('help_more', lang)})"
        chunk: list[str] = []
        for line in lines:  # a field holds at most 1024 characters on Discord: long groups continue
            if chunk and sum(len(x) + 1 for x in chunk) + len(line) > FIELD_MAX:
                fields.append(Field(title, "\n".join(chunk)))
                title, chunk = more, []
            chunk.append(line)
        fields.append(Field(title, "\n".join(chunk)))
    text = message(
        "help_intro",
        lang,
        example=f"/{shown_name('event show', lang)} id:3",
        quoted=f'/{shown_name("country", lang)} name:"North Macedonia"',
        help=help_name,
    )
    return Reply(title=message("help_title", lang), text=text, fields=fields)


def _english(name: str, lang: str) -> str:
    """A command asked for by its name in ``lang`` (``/hilfe command:veranstaltung zeigen``) as declared."""
    if lang == "en" or name in REGISTRY.commands:
        return name
    back = {shown_name(declared, lang).lower(): declared for declared in REGISTRY.commands}
    return back.get(name, name)

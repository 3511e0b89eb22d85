"""/help: what the person asking may use where they ask, grouped.

Each transport has its own list: a command is shown under the name it has there (Discord's `/feed links` is
the console's `/feed`), with the options it has there, and only when it would run there (the person holds
its role; a server setting needs a server, or the console's guild:ID). Commands a transport adds of its own
(Discord's forms) are listed there too."""

from __future__ import annotations

from bot.commands.base import Command, Context, Field, Option, Reply
from bot.commands.registry import REGISTRY

FIELD_MAX = 1000


def options_on(command: Command, transport: str) -> list[Option]:
    return [o for o in command.options if o.transports is None or transport in o.transports]


def usage_on(command: Command, transport: str) -> str:
    parts = [f"/{command.name_on(transport)}"]
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
    if command:
        name = " ".join(command.strip().lstrip("/").lower().split())
        found = here.get(name)
        if found is None:
            elsewhere = REGISTRY.commands.get(name)
            if elsewhere is not None and not elsewhere.allowed(ctx.principal):
                return Reply.refusal(f"/{name} is for members with the {elsewhere.permission} role.")
            if elsewhere is not None:
                return Reply.refusal(f"/{name} does not run here; /help lists what does.")
            hint = REGISTRY.suggest(name)
            return Reply.refusal(f"There is no /{name}." + (f" Did you mean /{hint}?" if hint else ""))
        lines = [found.description, "", f"Usage: `{usage_on(found, ctx.transport)}`"]
        for option in options_on(found, ctx.transport):
            need = "required" if option.required else "optional"
            choice = f" ({', '.join(option.choices)})" if option.choices else ""
            lines.append(f"• `{option.name}` ({need}): {option.description}{choice}")
        if found.permission:
            lines.append(f"Needs the {found.permission} role.")
        return Reply(title=f"/{name}", text="\n".join(lines))
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
        groups.setdefault(head, []).append(f"`/{name}`: {description}")
    fields = []
    for head, lines in sorted(groups.items(), key=lambda kv: (kv[0] != "general", kv[0])):
        title = REGISTRY.groups.get(head, head.capitalize())
        chunk: list[str] = []
        for line in lines:  # a field holds at most 1024 characters on Discord: long groups continue
            if chunk and sum(len(x) + 1 for x in chunk) + len(line) > FIELD_MAX:
                fields.append(Field(title, "\n".join(chunk)))
                title, chunk = f"{title} (more)" if not title.endswith("(more)") else title, []
            chunk.append(line)
        fields.append(Field(title, "\n".join(chunk)))
    text = (
        "Options are written as Discord shows them: `/event show id:3`, quotes around spaces "
        '(`/country name:"North Macedonia"`). `/help command:NAME` explains one command.'
    )
    return Reply(title="cbm-bot: commands", text=text, fields=fields)

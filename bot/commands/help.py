"""/help: what the person asking may use, grouped."""

from __future__ import annotations

from bot.commands.base import Context, Field, Option, Reply
from bot.commands.registry import REGISTRY


@REGISTRY.command(
    "help", "What this bot can do", Option("command", str, "A command to explain, e.g. event add")
)
async def help_command(ctx: Context, command: str | None = None) -> Reply:
    if command:
        name = command.strip().lstrip("/").lower()
        found = REGISTRY.commands.get(name)
        if found is None:
            hint = REGISTRY.suggest(name)
            return Reply.refusal(f"There is no /{name}." + (f" Did you mean /{hint}?" if hint else ""))
        lines = [found.description, "", f"Usage: `{found.usage}`"]
        for option in found.options:
            need = "required" if option.required else "optional"
            choice = f" ({', '.join(option.choices)})" if option.choices else ""
            lines.append(f"• `{option.name}` ({need}): {option.description}{choice}")
        if found.permission:
            lines.append(f"Needs the {found.permission} role.")
        return Reply(title=f"/{found.name}", text="\n".join(lines))
    groups: dict[str, list[str]] = {}
    for cmd in REGISTRY:
        if not cmd.allowed(ctx.principal):
            continue
        head = cmd.path[0] if len(cmd.path) > 1 else "general"
        groups.setdefault(head, []).append(f"`/{cmd.name}`: {cmd.description}")
    fields = [
        Field(REGISTRY.groups.get(head, head.capitalize()), "\n".join(lines))
        for head, lines in sorted(groups.items(), key=lambda kv: (kv[0] != "general", kv[0]))
    ]
    text = (
        "Options are written as Discord shows them: `/event show id:3`, quotes around spaces "
        '(`/country name:"North Macedonia"`). `/help command:NAME` explains one command.'
    )
    return Reply(title="cbm-bot: commands", text=text, fields=fields)

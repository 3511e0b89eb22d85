"""Discord's side of the command layer: slash commands built from the registry's declarations,
replies rendered as embeds and button views, members mapped to roles. No business rules here."""

from __future__ import annotations

import inspect
import io
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any, Optional
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.commands import REGISTRY, Command, Context, Reply
from bot.commands.base import UPLOAD_MAX, Button, ChannelRef, Option, RoleRef, Upload
from bot.errors import BadInput
from bot.services.principal import Principal, Role
from bot.timeutil import all_day_text, zone

if TYPE_CHECKING:
    from bot.discord_client import CbmBot
    from storage.models import Event

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
COLOUR = discord.Colour(0x2A6EBB)
ROLE_NAMES = {
    Role.admin: {"cbm admin", "cbm-admin"},
    Role.organiser: {"organiser", "organizer", "organisers", "organizers", "cbm organiser", "cbm-organiser"},
    Role.directory: {"directory", "poc directory", "cbm directory", "cbm-directory"},
}


# ------------------------------------------------------------------------------------------ context


class DiscordTimes:
    """Discord timestamps (`<t:…>`) that every reader sees in their own zone, plus the venue's time."""

    def event_when(self, event: Event) -> str:
        tz = zone(event.timezone)
        if event.all_day:
            days = all_day_text(event.start_at, event.end_at, tz, approximate=event.approximate)
            return days if event.approximate else f"{days} (<t:{int(event.start_at.timestamp())}:R>)"
        start, end = int(event.start_at.timestamp()), int(event.end_at.timestamp())
        local = event.start_at.astimezone(tz)
        return f"<t:{start}:F> – <t:{end}:t> (<t:{start}:R>; {local:%H:%M} {local.tzname()} at the venue)"

    def instant(self, value: Any, tz: ZoneInfo) -> str:
        return f"<t:{int(value.timestamp())}:F>"


def member_principal(
    client: Any, user: Any, guild_id: int | None, permissions: discord.Permissions | None
) -> Principal:
    """The acting member and the roles they hold: admin by permission or role name; organiser and directory
    by the role ids set with /settings, or by role name. Slash commands and mentions both use this."""
    roles: set[Role] = set()
    if permissions is not None and (permissions.administrator or permissions.manage_guild):
        roles.add(Role.admin)
    member_roles = list(getattr(user, "roles", []))
    for role in member_roles:
        name = role.name.strip().lower()
        roles.update(r for r, names in ROLE_NAMES.items() if name in names)
    roles.update(configured_roles(client, guild_id, member_roles))
    return Principal(f"discord:{user.id}", str(user), frozenset(roles), discord_id=user.id)


def principal_for(interaction: discord.Interaction[Any]) -> Principal:
    return member_principal(
        interaction.client, interaction.user, interaction.guild_id, interaction.permissions
    )


def configured_roles(client: Any, guild_id: int | None, member_roles: Iterable[Any]) -> set[Role]:
    """Roles granted by the role ids an admin set with /settings (beside the role-name fallback)."""
    guilds = getattr(getattr(client, "app", None), "guilds", None)
    if guilds is None or guild_id is None:
        return set()
    organiser_id, directory_id = guilds.role_ids(guild_id)
    held = {role.id for role in member_roles}
    granted: set[Role] = set()
    if organiser_id is not None and organiser_id in held:
        granted.add(Role.organiser)
    if directory_id is not None and directory_id in held:
        granted.add(Role.directory)
    return granted


def context_for(bot: CbmBot, interaction: discord.Interaction[Any]) -> Context:
    return Context(
        app=bot.app,
        principal=principal_for(interaction),
        now=bot.app.now(),
        times=DiscordTimes(),
        zone=bot.app.settings.zone,
        guild_id=interaction.guild_id,
        locale=str(interaction.locale.value if interaction.locale else "en"),
        transport="discord",
        channel_id=interaction.channel_id,
    )


# ------------------------------------------------------------------------------------------ rendering


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MASS_MENTION = re.compile(r"@(everyone|here)")


def harmless(text: str) -> str:
    """@everyone and @here shown as text (allowed_mentions=none already stops every ping; the command
    layer shows user-written mentions in event texts harmlessly, see bot.commands.events.safe)."""
    return _MASS_MENTION.sub("@\u200b\\1", text) if text else text


def render_embed(reply: Reply) -> discord.Embed:
    embed = discord.Embed(
        title=_cut(harmless(reply.title), 256) if reply.title else None,
        description=_cut(harmless(reply.text), 4096) if reply.text else None,
        url=reply.url,
        colour=COLOUR,
    )
    budget = 6000 - len(embed.title or "") - len(embed.description or "") - 200
    for field in reply.fields[:25]:
        name, value = _cut(harmless(field.name), 256), _cut(harmless(field.value) or "-", 1024)
        if len(name) + len(value) > budget:
            break
        budget -= len(name) + len(value)
        embed.add_field(name=name, value=value, inline=field.inline)
    if reply.footer:
        embed.set_footer(text=_cut(reply.footer, 2048))
    return embed


class ReplyView(discord.ui.View):
    """The reply's follow-ups as buttons; pressing one runs its command as the person who pressed it."""

    def __init__(self, bot: CbmBot, buttons: Iterable[Button], owner_id: int | None) -> None:
        super().__init__(timeout=600)
        self.bot = bot
        self.owner_id = owner_id
        for index, button in enumerate(list(buttons)[:25]):
            item: discord.ui.Button[ReplyView] = discord.ui.Button(
                label=_cut(button.label, 80),
                style=discord.ButtonStyle.secondary,
                custom_id=f"cbm:{index}:{button.command}"[:100],
                row=index // 5,
            )
            item.callback = self._runner(button)  # type: ignore[method-assign]
            self.add_item(item)

    def _runner(self, button: Button) -> Callable[[discord.Interaction[Any]], Awaitable[None]]:
        async def run(interaction: discord.Interaction[Any]) -> None:
            reply = await REGISTRY.handle_message(context_for(self.bot, interaction), button.command)
            if button.replaces and reply.ok and interaction.user.id == self.owner_id:
                await interaction.response.edit_message(
                    embed=render_embed(reply), view=make_view(self.bot, reply, self.owner_id)
                )
            else:
                await send_reply(self.bot, interaction, reply, force_ephemeral=True)

        return run


def make_view(bot: CbmBot, reply: Reply, owner_id: int | None) -> discord.ui.View | None:
    return ReplyView(bot, reply.buttons, owner_id) if reply.buttons and reply.ok else None


async def send_reply(
    bot: CbmBot, interaction: discord.Interaction[Any], reply: Reply, *, force_ephemeral: bool = False
) -> None:
    """Send a reply; refusals and private replies are ephemeral; nothing ever pings anyone."""
    ephemeral = force_ephemeral or reply.ephemeral or not reply.ok
    kwargs: dict[str, Any] = {"ephemeral": ephemeral, "allowed_mentions": NO_MENTIONS}
    if reply.ok:
        kwargs["embed"] = render_embed(reply)
        view = make_view(bot, reply, interaction.user.id)
        if view is not None:
            kwargs["view"] = view
    else:
        kwargs["content"] = _cut(harmless(reply.text), 2000)
    if reply.ok and reply.files:
        kwargs["files"] = [discord.File(io.BytesIO(f.data), filename=f.filename) for f in reply.files]
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)
    if reply.ok and reply.post_channel_id:
        await post_copy(bot, reply)


async def post_copy(bot: CbmBot, reply: Reply) -> None:
    """A copy of the reply (with its files) in the channel it names, e.g. a report in the admin channel."""
    channel_id = reply.post_channel_id
    assert channel_id is not None
    try:
        channel = bot.get_channel(channel_id) or await bot.fetch_channel(channel_id)
        if isinstance(channel, discord.abc.Messageable):
            await channel.send(
                embed=render_embed(reply),
                files=[discord.File(io.BytesIO(f.data), filename=f.filename) for f in reply.files],
                allowed_mentions=NO_MENTIONS,
            )
    except discord.HTTPException as exc:
        log.warning("could not post in channel %s: %s", channel_id, exc)


# ------------------------------------------------------------------------------------------ building

_PY_TYPES: dict[type, Any] = {
    str: str,
    int: int,
    float: float,
    bool: bool,
    RoleRef: discord.Role,
    ChannelRef: discord.TextChannel,
    Upload: discord.Attachment,
}


async def from_discord(option: Option, value: Any) -> Any:
    """Discord's objects for role, channel and attachment options -> the command layer's values."""
    if value is None:
        return None
    if option.type in (RoleRef, ChannelRef):
        return option.type(value.id)
    if option.type is Upload:
        if value.size > UPLOAD_MAX:
            raise BadInput(f"the file is {value.size} bytes; at most {UPLOAD_MAX} are accepted")
        return Upload(value.filename, await value.read())
    return value


def _annotation(option: Option) -> Any:
    base: Any = _PY_TYPES[option.type]
    if option.type in (int, float) and (option.min_value is not None or option.max_value is not None):
        base = app_commands.Range[base, option.min_value, option.max_value]  # type: ignore[misc]
    elif option.type is str and option.max_length is not None:
        base = app_commands.Range[str, 1, option.max_length]  # type: ignore[misc]
    return base if option.required else Optional[base]  # noqa: UP045  (discord.py reads Optional)


AutocompleteSource = Callable[
    ["CbmBot", discord.Interaction[Any], str], Awaitable[list[app_commands.Choice[Any]]]
]


async def _complete_country(bot: CbmBot, interaction: discord.Interaction[Any], current: str) -> list[Any]:
    names = await bot.app.knowledge.complete_country(current)
    return [app_commands.Choice(name=n, value=n) for n in names[:25]]


async def _complete_countries(bot: CbmBot, interaction: discord.Interaction[Any], current: str) -> list[Any]:
    """A comma-separated list of countries: the names typed so far stay, the last one is completed."""
    done, _, last = current.rpartition(",")
    head = ", ".join(p.strip() for p in done.split(",") if p.strip())
    names = await bot.app.knowledge.complete_country(last.strip())
    choices = []
    for name in names:
        value = f"{head}, {name}" if head else name
        if len(value) <= 100:
            choices.append(app_commands.Choice(name=value, value=value))
    return choices[:25]


async def _complete_event(bot: CbmBot, interaction: discord.Interaction[Any], current: str) -> list[Any]:
    found = await bot.app.events.complete(current, bot.app.now())
    return [app_commands.Choice(name=label, value=event_id) for event_id, label in found[:25]]


async def _complete_timezone(bot: CbmBot, interaction: discord.Interaction[Any], current: str) -> list[Any]:
    return [app_commands.Choice(name=z, value=z) for z in zone_names(current)[:25]]


def zone_names(current: str) -> list[str]:
    """IANA zone names containing what was typed (any part: 'vienna' finds Europe/Vienna)."""
    import zoneinfo

    needle = current.strip().lower().replace(" ", "_")
    names = sorted(n for n in zoneinfo.available_timezones() if "/" in n or n == "UTC")
    if not needle:
        return ["UTC", "Europe/Vienna", "Europe/Brussels", "Europe/London", "America/New_York"]
    starts = [n for n in names if n.lower().startswith(needle) or n.lower().split("/")[-1].startswith(needle)]
    inside = [n for n in names if needle in n.lower() and n not in starts]
    return starts + inside


AUTOCOMPLETE: dict[str, AutocompleteSource] = {
    "country": _complete_country,
    "event": _complete_event,
    "timezone": _complete_timezone,
    "countries": _complete_countries,
}


def _completer(bot: CbmBot, source: AutocompleteSource) -> Callable[..., Awaitable[list[Any]]]:
    async def complete(interaction: discord.Interaction[Any], current: str) -> list[Any]:
        try:
            return await source(bot, interaction, current)
        except Exception:
            log.exception("autocomplete failed")
            return []

    return complete


def build_command(bot: CbmBot, command: Command) -> app_commands.Command[Any, ..., Any]:
    """A discord.py slash command whose parameters, limits, choices and autocomplete come from ``command``."""

    special = {o.name: o for o in command.options if o.type in (RoleRef, ChannelRef, Upload)}

    async def callback(interaction: discord.Interaction[Any], **values: Any) -> None:
        if special and command.allowed(principal_for(interaction)):  # nothing is fetched for a refusal
            try:
                for name, option in special.items():
                    values[name] = await from_discord(option, values.get(name))
            except (BadInput, discord.HTTPException) as exc:
                reason = str(exc) if isinstance(exc, BadInput) else f"could not fetch the file ({exc.status})"
                await send_reply(bot, interaction, Reply.refusal(reason[:1].upper() + reason[1:] + "."))
                return
            if any(o.type is Upload for o in special.values()) and not interaction.response.is_done():
                await interaction.response.defer(thinking=True, ephemeral=command.ephemeral)
        reply = await REGISTRY.invoke(command, context_for(bot, interaction), values, raw=False)
        await send_reply(bot, interaction, reply)

    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for option in command.options:
        parameters.append(
            inspect.Parameter(
                option.name,
                inspect.Parameter.KEYWORD_ONLY,
                annotation=_annotation(option),
                default=inspect.Parameter.empty if option.required else None,
            )
        )
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__annotations__ = {}
    app_commands.describe(**{o.name: _cut(o.description, 100) for o in command.options})(callback)
    choices = {
        o.name: [app_commands.Choice(name=c, value=c) for c in o.choices[:25]]
        for o in command.options
        if o.choices
    }
    if choices:
        app_commands.choices(**choices)(callback)
    completers = {
        o.name: _completer(bot, AUTOCOMPLETE[o.autocomplete])
        for o in command.options
        if o.autocomplete and not o.choices
    }
    if completers:
        app_commands.autocomplete(**completers)(callback)
    return app_commands.Command(name=command.path[-1], description=command.description, callback=callback)


def build_tree_commands(
    bot: CbmBot, heads: Iterable[str]
) -> list[app_commands.Command[Any, ..., Any] | app_commands.Group]:
    """Top-level commands and groups for the registry entries whose first word is in ``heads``."""
    wanted = set(heads)
    groups: dict[str, app_commands.Group] = {}
    top: list[app_commands.Command[Any, ..., Any] | app_commands.Group] = []
    for command in REGISTRY:
        head = command.path[0]
        if head not in wanted:
            continue
        built = build_command(bot, command)
        if len(command.path) == 1:
            top.append(built)
            continue
        if head not in groups:
            groups[head] = app_commands.Group(
                name=head, description=REGISTRY.groups.get(head, head.capitalize())
            )
            top.append(groups[head])
        groups[head].add_command(built)
    return top


class RegistryCog(commands.Cog):
    """A cog whose slash commands are the registry's declarations for some top-level names."""

    heads: tuple[str, ...] = ()

    def __init__(self, bot: CbmBot) -> None:
        self.bot = bot
        self.tree_commands = build_tree_commands(bot, self.heads)

    async def cog_load(self) -> None:
        for command in self.tree_commands:
            self.bot.tree.add_command(command, override=True)

    async def cog_unload(self) -> None:
        for command in self.tree_commands:
            self.bot.tree.remove_command(command.name)

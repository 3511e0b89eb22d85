"""Discord's side of the command layer: slash commands built from the registry's declarations,
replies rendered as embeds and button views, members mapped to roles. No business rules here."""

from __future__ import annotations

import contextlib
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
from bot.commands.base import ChannelRef, Option, RoleRef, Upload, UserRef
from bot.errors import BadInput
from bot.services.imports import too_big
from bot.services.principal import Principal, Role, discord_origin
from bot.timeutil import all_day_text, zone
from cogs.buttons import defer, in_time
from storage.reference import supported_language

if TYPE_CHECKING:
    from bot.discord_client import CbmBot
    from storage.models import Event

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
COLOUR = discord.Colour(0x2A6EBB)
# Discord's own gate for admin commands (defence in depth: the command layer checks every call anyway).
ADMIN_PERMISSIONS = discord.Permissions(manage_guild=True)


# ------------------------------------------------------------------------------------------ context


class DiscordTimes:
    """Discord timestamps (`<t:…>`) that every reader sees in their own zone, plus the venue's time."""

    def event_when(self, event: Event) -> str:
        tz = zone(event.timezone)
        if event.all_day or event.approximate:  # an unknown year is never shown
            days = all_day_text(event.start_at, event.end_at, tz, approximate=event.approximate)
            return days if event.approximate else f"{days} (<t:{int(event.start_at.timestamp())}:R>)"
        start, end = int(event.start_at.timestamp()), int(event.end_at.timestamp())
        local = event.start_at.astimezone(tz)
        return f"<t:{start}:F> – <t:{end}:t> (<t:{start}:R>; {local:%H:%M} {local.tzname()} at the venue)"

    def instant(self, value: Any, tz: ZoneInfo, lang: str = "en") -> str:
        return f"<t:{int(value.timestamp())}:F>"  # the reader's client writes it in their language


def trusted_guild(client: Any, guild_id: int | None) -> bool:
    """Whether the server is one of CBMBOT_GUILD_IDS (DMs and every other server are not)."""
    settings = getattr(getattr(client, "app", None), "settings", None)
    return settings is not None and settings.trusted(guild_id)


def member_principal(
    client: Any,
    user: Any,
    guild_id: int | None,
    permissions: discord.Permissions | None,
    channel_id: int | None = None,
) -> Principal:
    """The acting member and the roles they hold. Only in a trusted server (CBMBOT_GUILD_IDS): admin by the
    Administrator or Manage Server permission, organiser and directory by the role ids an admin set with
    /settings; role names grant nothing. Elsewhere, and in DMs, everyone is a plain member.
    Slash commands, buttons and mentions all use this."""
    roles: set[Role] = set()
    trusted = trusted_guild(client, guild_id)
    if trusted:
        if permissions is not None and (permissions.administrator or permissions.manage_guild):
            roles.add(Role.admin)
        roles.update(configured_roles(client, guild_id, list(getattr(user, "roles", []))))
    origin = discord_origin(guild_id, channel_id, trusted=trusted)
    return Principal(f"discord:{user.id}", str(user), frozenset(roles), discord_id=user.id, origin=origin)


def principal_for(interaction: discord.Interaction[Any]) -> Principal:
    return member_principal(
        interaction.client,
        interaction.user,
        interaction.guild_id,
        interaction.permissions,
        interaction.channel_id,
    )


def configured_roles(client: Any, guild_id: int | None, member_roles: Iterable[Any]) -> set[Role]:
    """Roles granted by the role ids an admin set with /settings (the only way to grant them)."""
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


async def make_view(bot: CbmBot, reply: Reply, owner_id: int | None) -> discord.ui.View | None:
    """The reply's follow-ups as persistent buttons (cogs.buttons): they work after restarts, for good."""
    if not (reply.buttons and reply.ok):
        return None
    from cogs.buttons import command_buttons

    view = discord.ui.View(timeout=None)
    for item in await command_buttons(bot, list(reply.buttons), owner_id):
        view.add_item(item)
    return view


async def send_reply(
    bot: CbmBot, interaction: discord.Interaction[Any], reply: Reply, *, force_ephemeral: bool = False
) -> None:
    """Send a reply; refusals and private replies are ephemeral; nothing ever pings anyone. After a
    public defer, a private answer takes the place of the "thinking…" message (deleted first)."""
    ephemeral = force_ephemeral or reply.ephemeral or not reply.ok
    kwargs: dict[str, Any] = {"ephemeral": ephemeral, "allowed_mentions": NO_MENTIONS}
    if reply.ok:
        kwargs["embed"] = render_embed(reply)
        view = await make_view(bot, reply, interaction.user.id)
        if view is not None:
            kwargs["view"] = view
    else:
        kwargs["content"] = _cut(harmless(reply.text), 2000)
    if reply.ok and reply.files:
        kwargs["files"] = [discord.File(io.BytesIO(f.data), filename=f.filename) for f in reply.files]
    if interaction.response.is_done():
        if ephemeral and interaction.extras.get("deferred") == "public":
            with contextlib.suppress(discord.HTTPException):
                await interaction.delete_original_response()
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
    UserRef: discord.User,
    Upload: discord.Attachment,
}


async def from_discord(option: Option, value: Any, max_bytes: int) -> Any:
    """Discord's objects for role, channel and attachment options -> the command layer's values. An
    attachment over ``max_bytes`` (the imports' one size limit) is refused before it is downloaded."""
    if value is None:
        return None
    if option.type in (RoleRef, ChannelRef, UserRef):
        return option.type(value.id)
    if option.type is Upload:
        if value.size > max_bytes:
            raise too_big(value.filename, value.size, max_bytes)
        return Upload(value.filename, await value.read())
    return value


def _annotation(option: Option) -> Any:
    base: Any = _PY_TYPES[option.type]
    if option.type in (int, float):  # always bounded: what the database can hold (Option.lowest/highest)
        base = app_commands.Range[base, option.lowest, option.highest]  # type: ignore[misc]
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

    options = [o for o in command.options if o.transports is None or "discord" in o.transports]
    special = {o.name: o for o in options if o.type in (RoleRef, ChannelRef, UserRef, Upload)}

    async def callback(interaction: discord.Interaction[Any], **values: Any) -> None:
        allowed = command.allowed(principal_for(interaction))
        if allowed and (command.slow or any(o.type is Upload for o in special.values())):
            # Slow work (downloads, re-planning) starts only after Discord has its answer: the defer.
            await defer(interaction, ephemeral=command.ephemeral)
        if special and allowed:  # nothing is fetched for a refusal
            try:
                for name, option in special.items():
                    values[name] = await from_discord(option, values.get(name), bot.app.imports.max_bytes)
            except (BadInput, discord.HTTPException) as exc:
                if not isinstance(exc, BadInput):
                    exc = BadInput(key="import_fetch_failed", status=exc.status)
                reason = exc.said(supported_language(context_for(bot, interaction).locale))
                await send_reply(bot, interaction, Reply.refusal(reason[:1].upper() + reason[1:] + "."))
                return
        reply = await in_time(
            interaction,
            REGISTRY.invoke(command, context_for(bot, interaction), values, raw=False),
            ephemeral=command.ephemeral,
        )
        await send_reply(bot, interaction, reply)

    parameters = [inspect.Parameter("interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for option in options:
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
    app_commands.describe(**{o.name: _cut(o.description, 100) for o in options})(callback)
    choices = {
        o.name: [app_commands.Choice(name=c, value=c) for c in o.choices[:25]] for o in options if o.choices
    }
    if choices:
        app_commands.choices(**choices)(callback)
    completers = {
        o.name: _completer(bot, AUTOCOMPLETE[o.autocomplete])
        for o in options
        if o.autocomplete and not o.choices
    }
    if completers:
        app_commands.autocomplete(**completers)(callback)
    built = app_commands.Command(name=command.path[-1], description=command.description, callback=callback)
    if len(command.path) == 1:
        gate(built, [command])
    return built


def gate(item: app_commands.Command[Any, ..., Any] | app_commands.Group, commands_: list[Command]) -> None:
    """Discord's own gates for a top-level command or group (Discord reads them only there): hidden in DMs
    when every command under it needs a server, and shown only to members with Manage Server when every
    command under it is for admins. The command layer still checks each call (defence in depth)."""
    if commands_ and all(c.needs_guild for c in commands_):
        item.guild_only = True
        # discord.py 2.4+: where a command may run (servers only, not DMs or private channels)
        item.allowed_contexts = app_commands.AppCommandContext(
            guild=True, dm_channel=False, private_channel=False
        )
    if commands_ and all(c.permission == Role.admin for c in commands_):
        item.default_permissions = ADMIN_PERMISSIONS


def build_tree_commands(
    bot: CbmBot, heads: Iterable[str]
) -> list[app_commands.Command[Any, ..., Any] | app_commands.Group]:
    """Top-level commands and groups for the registry entries whose first word is in ``heads``."""
    wanted = set(heads)
    groups: dict[str, app_commands.Group] = {}
    members: dict[str, list[Command]] = {}
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
        members.setdefault(head, []).append(command)
    for head, group in groups.items():
        gate(group, members[head])
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

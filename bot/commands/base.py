"""The command layer: each chat command is declared once (name, typed options, permission, handler).

The console parser (:func:`parse_message`) and the Discord cogs are both driven from these declarations;
replies are transport-neutral :class:`Reply` objects that each transport renders in its own way.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shlex
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz, process

from bot.commands.locales import called
from bot.errors import BadInput, CbmError, Forbidden, NotReady
from bot.metrics import observed
from bot.services import answer_text as T
from bot.services.principal import Principal, Role, acting
from storage.reference import supported_language

if TYPE_CHECKING:
    from bot.app import App
    from storage.models import Event

log = logging.getLogger(__name__)


class RoleRef(int):
    """A Discord role, by id (Discord offers its role picker; the console takes <@&id> or the id)."""


class ChannelRef(int):
    """A Discord text channel, by id (Discord offers its channel picker; the console: <#id> or the id)."""


class UserRef(int):
    """A Discord user, by id (Discord offers its member picker; the console: <@id> or the id)."""


@dataclass(frozen=True)
class Upload:
    """A file given with a command: a Discord attachment, or in the console a local path."""

    filename: str
    data: bytes
    local_path: str | None = None  # typed as text: a path on this machine, read only by local transports

    def read(self, transport: str, max_bytes: int) -> Upload:
        """The file's content. A path typed in a message is read only for the console and `cbmbot chat`
        (their users sit at this machine); in Discord a file must be attached. ``max_bytes``: the one size
        limit of imported files (``app.imports.max_bytes``, from CBMBOT_IMPORT_MAX_BYTES)."""
        if self.local_path is None:
            return self
        if transport not in LOCAL_TRANSPORTS:
            raise BadInput("attach the file to the command; file paths are read only in the console")
        return read_upload(self.local_path, "file", max_bytes)


# What the database can hold: whole numbers are 32-bit INTEGER columns (ids, CBM numbers, counts), Discord
# ids (roles, channels) are BIGINT. Every option is checked against these on every transport.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
SNOWFLAKE_MAX = 2**63 - 1
FLOAT_LIMIT = 1e15
_WHOLE = re.compile(r"[+-]?[0-9]+")
LOCAL_TRANSPORTS = frozenset({"console", "cli"})
OPTION_TYPES = (str, int, float, bool, RoleRef, ChannelRef, UserRef, Upload)
_OPTION_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
TRUE = {"true", "yes", "y", "1", "on"}
FALSE = {"false", "no", "n", "0", "off"}


class CommandSyntaxError(CbmError):
    """The message does not name a command or its options correctly."""


# ---------------------------------------------------------------------------------------------- replies


@dataclass(frozen=True)
class Field:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class Button:
    """A follow-up: pressing it runs ``command`` (a chat message) as the same user."""

    label: str
    command: str
    replaces: bool = False  # the result takes the place of the current reply (paging)


@dataclass
class Reply:
    text: str = ""
    title: str | None = None
    fields: list[Field] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    footer: str | None = None
    url: str | None = None
    ephemeral: bool = False
    ok: bool = True
    internal_error: bool = False
    page: int | None = None
    pages: int | None = None
    files: list[Upload] = field(default_factory=list)  # attachments (Discord attaches them)
    post_channel_id: int | None = None  # Discord also posts the reply (with its files) in this channel
    lang: str = "en"  # the language of the reply's text: the plain-text rendering writes its labels in it

    @classmethod
    def refusal(cls, message: str) -> Reply:
        return cls(text=message, ok=False)


class TimeStyle(Protocol):
    """How a transport writes times: the console in zones, Discord as `<t:…>` timestamps."""

    def event_when(self, event: Event) -> str: ...

    def instant(self, value: dt.datetime, tz: ZoneInfo, lang: str = "en") -> str:
        """A moment for a reader of ``lang``: Discord's timestamps (the client writes them in its language),
        the console's in words of ``lang`` in ``tz``."""
        ...


@dataclass
class Context:
    app: App
    principal: Principal
    now: dt.datetime
    times: TimeStyle
    zone: ZoneInfo
    guild_id: int | None = None
    locale: str = "en"
    transport: str = "console"
    channel_id: int | None = None
    # A message that mentions the bot in a server channel: everyone there would read the reply.
    public_mention: bool = False


# ---------------------------------------------------------------------------------------------- options


@dataclass(frozen=True)
class Option:
    name: str
    type: type
    description: str
    required: bool = False
    choices: tuple[str, ...] | None = None
    min_value: int | float | None = None
    max_value: int | float | None = None
    max_length: int | None = None
    autocomplete: str | None = None  # a completion source the transports know: "country", "event"
    transports: frozenset[str] | None = None  # where the option exists; None: everywhere

    def __post_init__(self) -> None:
        if self.type not in OPTION_TYPES:
            raise TypeError(f"option {self.name}: unsupported type {self.type}")

    @property
    def lowest(self) -> int | float | None:
        """The smallest value accepted: the declared minimum within what the database can hold."""
        if self.type is int:
            return INT_MIN if self.min_value is None else max(self.min_value, INT_MIN)
        if self.type is float:
            return -FLOAT_LIMIT if self.min_value is None else max(self.min_value, -FLOAT_LIMIT)
        return self.min_value

    @property
    def highest(self) -> int | float | None:
        """The largest value accepted: the declared maximum within what the database can hold."""
        if self.type is int:
            return INT_MAX if self.max_value is None else min(self.max_value, INT_MAX)
        if self.type is float:
            return FLOAT_LIMIT if self.max_value is None else min(self.max_value, FLOAT_LIMIT)
        return self.max_value

    def convert(self, raw: str) -> Any:
        """Text as typed in the console -> the option's type, then :meth:`check`."""
        if self.type is str:
            value: Any = raw
        elif self.type in (RoleRef, ChannelRef, UserRef):
            digits = raw.strip().removeprefix("<@&").removeprefix("<@!").removeprefix("<@")
            digits = digits.removeprefix("<#").removesuffix(">")
            if (
                not (digits.isascii() and digits.isdigit())
                or len(digits) > 20
                or int(digits) <= 0
                or int(digits) > SNOWFLAKE_MAX
            ):
                key = {RoleRef: "opt_role", ChannelRef: "opt_channel", UserRef: "opt_user"}[self.type]
                raise BadInput(key=key, name=self.name, raw=repr(raw))
            value = self.type(int(digits))
        elif self.type is Upload:
            value = Upload(raw.strip(), b"", local_path=raw.strip())  # read by the handler: Upload.read
        elif self.type is bool:
            low = raw.strip().lower()
            if low not in TRUE | FALSE:
                raise BadInput(key="opt_bool", name=self.name, raw=repr(raw))
            value = low in TRUE
        elif self.type is int:
            text = raw.strip().removeprefix("#")
            if not _WHOLE.fullmatch(text):
                raise BadInput(key="opt_whole", name=self.name, raw=repr(_short(raw)))
            if len(text.lstrip("+-").lstrip("0")) > 12:  # far beyond any bound: no huge int() work
                text = text[0] + "9" * 13 if text[0] == "-" else "9" * 13
            value = int(text)
        else:
            try:
                value = float(raw) if len(raw) <= 40 else float("nan")
            except ValueError:
                raise BadInput(key="opt_number", name=self.name, raw=repr(_short(raw))) from None
        return self.check(value)

    def check(self, value: Any) -> Any:
        """The limits every transport shares (Discord enforces some itself; we never rely on it)."""
        if self.choices is not None:
            low = str(value).strip().lower()
            if low not in self.choices:
                raise BadInput(
                    key="opt_choice", name=self.name, choices=", ".join(self.choices), raw=repr(value)
                )
            return low
        if self.type is float and isinstance(value, float) and value != value:
            raise BadInput(key="opt_nan", name=self.name)
        if self.type in (RoleRef, ChannelRef) and not 0 < int(value) <= SNOWFLAKE_MAX:
            raise BadInput(key="opt_not_id", name=self.name)
        lowest, highest = self.lowest, self.highest
        if lowest is not None and value < lowest:
            raise BadInput(key="opt_min", name=self.name, limit=lowest)
        if highest is not None and value > highest:
            raise BadInput(key="opt_max", name=self.name, limit=highest)
        if self.max_length is not None and isinstance(value, str) and len(value) > self.max_length:
            raise BadInput(key="opt_length", name=self.name, length=len(value), limit=self.max_length)
        return value


def _short(raw: str) -> str:
    return raw if len(raw) <= 40 else raw[:37] + "..."


def read_upload(path_text: str, what: str, max_bytes: int) -> Upload:
    """A local file named in a console message (the console runs on the operator's own machine), read with
    the size limit of imports; a refusal names the file, in the same words on every path."""
    from pathlib import Path

    from bot.services.imports import read_upload as read_bounded

    path = Path(path_text.strip()).expanduser()
    if not path.exists():
        raise BadInput(f"{what}: there is no file {path_text!r}")
    # regular files only, read with the size limit (never /dev/zero or a FIFO)
    return Upload(path.name, read_bounded(path, max_bytes))


Handler = Callable[..., Awaitable[Reply]]


@dataclass(frozen=True)
class Command:
    name: str  # words separated by spaces: "event show"
    description: str
    options: tuple[Option, ...]
    handler: Handler
    permission: Role | None = None
    ephemeral: bool = False
    guild_only: bool = False  # makes sense only in a server (Discord hides it in DMs)
    slow: bool = False  # may take more than a second (downloads, re-planning): Discord defers at once
    transports: frozenset[str] | None = None  # where it exists; None: everywhere
    names: tuple[tuple[str, str], ...] = ()  # (transport, name) where it is called otherwise

    @property
    def needs_guild(self) -> bool:
        """Commands that need a server: declared so, or needing a role (rights exist only in servers)."""
        return self.guild_only or self.permission is not None

    def name_on(self, transport: str) -> str:
        """The command's name on ``transport`` (Discord has `/feed links` for the console's `/feed`)."""
        return dict(self.names).get(transport, self.name)

    def runs_on(self, transport: str, guild_id: int | None) -> bool:
        """True when the command exists on ``transport`` and would not refuse for want of a server."""
        if self.transports is not None and transport not in self.transports:
            return False
        # On Discord a role is held only in a server; the console and the CLI act as the operator.
        needs = self.needs_guild if transport not in LOCAL_TRANSPORTS else self.guild_only
        if not needs or guild_id is not None:
            return True
        given = self.option("guild")  # a server named by its id, where the transport offers the option
        return given is not None and (given.transports is None or transport in given.transports)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.name.split())

    @property
    def usage(self) -> str:
        parts = [f"/{self.name}"]
        for option in self.options:
            parts.append(f"{option.name}:…" if option.required else f"[{option.name}:…]")
        return " ".join(parts)

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)

    def allowed(self, principal: Principal) -> bool:
        return self.permission is None or principal.has(self.permission)


# ---------------------------------------------------------------------------------------------- registry


class Registry:
    def __init__(self) -> None:
        self.commands: dict[str, Command] = {}
        self.groups: dict[str, str] = {}
        self.fallback: Handler | None = None  # free text (questions)
        # Commands a transport adds of its own (Discord's forms): (transport, name, description, permission),
        # so that /help there lists them too.
        self.extras: list[tuple[str, str, str, Role | None]] = []

    def group(self, name: str, description: str) -> None:
        self.groups[name] = description

    def command(
        self,
        name: str,
        description: str,
        *options: Option,
        permission: Role | None = None,
        ephemeral: bool = False,
        guild_only: bool = False,
        slow: bool = False,
        transports: frozenset[str] | None = None,
        names: dict[str, str] | None = None,
    ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            if name in self.commands:
                raise ValueError(f"command /{name} declared twice")
            if len(name.split()) > 2:
                raise ValueError(f"/{name}: at most one group level")
            if len(description) > 100:
                raise ValueError(f"/{name}: description over Discord's 100 characters")
            self.commands[name] = Command(
                name, description, tuple(options), handler, permission, ephemeral, guild_only, slow,
                transports, tuple(sorted((names or {}).items())),
            )  # fmt: skip
            return handler

        return register

    def transport_command(
        self, transport: str, name: str, description: str, permission: Role | None = None
    ) -> None:
        """Note a command that only ``transport`` offers (built there, outside the registry), for /help."""
        entry = (transport, name, description, permission)
        if entry not in self.extras:
            self.extras.append(entry)

    def free_text(self, handler: Handler) -> Handler:
        self.fallback = handler
        return handler

    def __iter__(self) -> Iterable[Command]:  # type: ignore[override]
        return iter(sorted(self.commands.values(), key=lambda c: c.name))

    def names(self) -> list[str]:
        return sorted(self.commands)

    def suggest(self, attempt: str) -> str | None:
        found = process.extractOne(attempt, self.names(), scorer=fuzz.WRatio, score_cutoff=60)
        return found[0] if found else None

    # ------------------------------------------------------------------------------------ parsing text

    def parse(self, message: str) -> tuple[Command, dict[str, str]]:
        """`/event show id:3 title:"two words"` -> (command, raw option texts)."""
        try:
            tokens = shlex.split(message.strip())
        except ValueError as exc:
            raise CommandSyntaxError(f"cannot read that message: {exc} (close your quotes)") from None
        if not tokens or not tokens[0].startswith("/"):
            raise CommandSyntaxError("commands start with / (try /help)")
        words = [tokens[0][1:].lower()]
        rest = tokens[1:]
        while rest and ":" not in rest[0] and " ".join([*words, rest[0].lower()]) in self._prefixes():
            words.append(rest.pop(0).lower())
        name = " ".join(words)
        command = self.commands.get(name)
        if command is None:
            subcommands = sorted(c for c in self.commands if c.startswith(name + " "))
            if subcommands:
                raise CommandSyntaxError(
                    f"/{name} needs a subcommand: " + ", ".join(f"/{c}" for c in subcommands)
                )
            attempt = " ".join([*words, *[t for t in rest[:1] if ":" not in t]])
            hint = self.suggest(attempt)
            more = f"; did you mean /{hint}?" if hint else ""
            raise CommandSyntaxError(f"unknown command /{attempt}{more} (/help lists them all)")
        values: dict[str, str] = {}
        last: str | None = None
        for token in rest:
            key, sep, value = token.partition(":")
            if not (sep and _OPTION_NAME.match(key)):
                if last is None:
                    raise CommandSyntaxError(
                        f"write options as name:value (got {token!r}); usage: {command.usage}"
                    )
                # Words typed without quotes after an option belong to its value: title:Cyber conference
                values[last] = f"{values[last]} {token}"
                continue
            key = key.lower()
            if command.option(key) is None:
                names = [o.name for o in command.options]
                close = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=60) if names else None
                hint = f"; did you mean {close[0]}?" if close else ""
                known = f" Options: {', '.join(names)}." if names else " It takes no options."
                raise CommandSyntaxError(f"/{name} has no option {key!r}{hint}{known}")
            if key in values:
                raise CommandSyntaxError(f"option {key} given twice")
            values[key] = value
            last = key
        return command, values

    def _prefixes(self) -> set[str]:
        prefixes = set()
        for name in self.commands:
            parts = name.split()
            for i in range(1, len(parts) + 1):
                prefixes.add(" ".join(parts[:i]))
        return prefixes

    # ------------------------------------------------------------------------------------ invoking

    @observed  # bot/metrics.py: command id for the logs, commands counted by name and outcome
    async def invoke(self, command: Command, ctx: Context, values: dict[str, Any], *, raw: bool) -> Reply:
        """Check the place, the permission and the options, run the handler, turn every error into a reply."""
        named = command_named(command, ctx.transport)
        try:
            if command.ephemeral and ctx.public_mention:
                # Its reply is private: carried out here, it would be shown to nobody (or to everyone).
                raise Forbidden(key="private_only", command=named)
            refusal = permission_refusal(command, ctx.principal, ctx.transport)
            if refusal is not None:
                raise refusal
            kwargs: dict[str, Any] = {}
            for option in command.options:
                if option.name in values and values[option.name] is not None:
                    given = values[option.name]
                    kwargs[option.name] = option.convert(given) if raw else option.check(given)
                elif option.required:
                    raise BadInput(key="opt_needed", command=named, name=option.name, usage=command.usage)
            with acting(ctx.principal):
                reply = await command.handler(ctx, **kwargs)
        except CbmError as exc:
            reply = Reply.refusal(said(exc, ctx.locale))
        except NotReady as exc:
            reply = Reply(text=_sentence(str(exc)), ok=False, internal_error=True)
        except Exception:
            ref = uuid.uuid4().hex[:8]
            log.exception("command /%s failed (ref %s)", command.name, ref)
            reply = Reply(
                text=T.message("internal_error", supported_language(ctx.locale), ref=ref),
                ok=False,
                internal_error=True,
            )
        if command.ephemeral:
            reply.ephemeral = True
        return reply

    async def handle_message(self, ctx: Context, message: str) -> Reply:
        """One chat message, as typed: a slash command or free text."""
        text = message.strip()
        if not text:
            return Reply.refusal("Type a command such as /help, or ask a question.")
        if not text.startswith("/"):
            if self.fallback is None:
                return Reply.refusal("I answer slash commands; /help lists them.")
            try:
                with acting(ctx.principal):
                    return await self.fallback(ctx, text)
            except CbmError as exc:
                return Reply.refusal(said(exc, ctx.locale))
        try:
            command, values = self.parse(text)
        except CbmError as exc:
            return Reply.refusal(said(exc, ctx.locale))
        return await self.invoke(command, ctx, values, raw=True)


def command_named(command: Command, transport: str) -> Callable[[str], str]:
    """The command as its reader calls it, for a refusal in their language (/veranstaltung hinzufuegen)."""
    return lambda lang: called(command.name, transport, lang)


def permission_refusal(command: Command, principal: Principal, transport: str) -> Forbidden | None:
    """Why ``principal`` may not run ``command`` (None when they may): the one wording of the one check
    (``Command.allowed``), naming the command as the reader's client shows it."""
    if command.allowed(principal):
        return None
    named = command_named(command, transport)
    if command.permission == Role.admin:
        return Forbidden(key="for_admins", command=named)
    return Forbidden(key="for_role", command=named, role=str(command.permission))


def said(error: CbmError, locale: str | None) -> str:
    """A refusal as its reader sees it: in their language, as a sentence."""
    return _sentence(error.said(supported_language(locale)))


def _sentence(message: str) -> str:
    return T.sentence(message) or "That did not work."

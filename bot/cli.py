"""The `cbmbot` command (also `python -m bot`). Exit 0 done, 2 bad input or refused, 1 anything else."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import sys
import traceback
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

from bot.errors import CbmError, NotReady
from bot.settings import Settings, SettingsError, load_settings

log = logging.getLogger("cbmbot")

Action = Callable[[argparse.Namespace, Settings], Awaitable[int]]


class CliUsageError(CbmError):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line and exits 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


# ------------------------------------------------------------------------------------------- actions


def open_app(settings: Settings) -> AbstractAsyncContextManager[Any]:
    """bot.app.open_app, imported when a command needs the database (it loads every service)."""
    from bot.app import open_app as opener

    return opener(settings)


async def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from storage.migrate import head_revision, upgrade

    try:
        await asyncio.to_thread(upgrade, str(settings.database_url))
    except Exception as exc:
        raise NotReady(f"migrating the database failed: {exc}") from exc
    print(f"database at schema {head_revision()}")
    return 0


async def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    async with open_app(settings) as app:
        report = await app.reference.seed(app.now())
        await app.answers.warm()  # the passages' vectors are made with the index (off the loop)
    for line in report.lines():
        print(line)
    return 0


async def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.runner import run

    return await run(settings, console=args.console)


async def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import handle_line
    from bot.services.principal import Principal, Role

    roles = frozenset(Role(r) for r in args.role)
    principal = Principal(f"cli:{args.user}", args.user, roles, origin="cli")
    async with open_app(settings) as app:
        text, ok = await handle_line(app, principal, args.message, transport="cli")
    print(text, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 2


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


async def cmd_events_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.events import event_record
    from bot.text import TextTimes

    async with open_app(settings) as app:
        page = await app.events.list(
            app.now(),
            when="upcoming" if args.upcoming else "all",
            kind=args.kind,
            country=args.country,
            country_as=args.country_as,
            page_size=None,
        )
    if args.json:
        _print_json([event_record(e) for e in page.events])
        return 0
    times = TextTimes(settings.zone)
    if not page.events:
        print("no events")
    for event in page.events:
        mark = "" if event.status == "scheduled" else f" [{event.status}]"
        print(f"#{event.id}\t{event.kind}\t{times.event_when(event)}\t{event.title}{mark}")
    return 0


async def cmd_events_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.events import EventDraft
    from bot.services.principal import OPERATOR
    from bot.timeutil import parse_iso, zone

    tz = zone(args.timezone or settings.timezone)
    draft = EventDraft(
        title=args.title,
        kind=args.kind,
        start=parse_iso(args.start, tz, "start"),
        end=parse_iso(args.end, tz, "end") if args.end else None,
        timezone=tz.key,
        location=args.location,
        online=args.online,
        countries=args.country,
        cbms=args.cbm,
        url=args.url,
        description=args.description or "",
        venue_country=args.held_in,
    )
    async with open_app(settings) as app:
        event = await app.events.create(draft, OPERATOR, app.now())
    print(event.id)
    print(f"added event #{event.id}: {event.title}", file=sys.stderr)
    return 0


async def cmd_events_cancel(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.principal import OPERATOR

    async with open_app(settings) as app:
        event = await app.events.cancel(args.id, args.reason, OPERATOR, app.now())
    print(f"cancelled event #{event.id}: {event.title}")
    return 0


def _progress_bar(stream: Any) -> Callable[[int, int], None] | None:
    """A one-line progress bar on standard error, only when it is a terminal and the file is large."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total < 200 or (done % 50 and done != total):
            return
        width = 30
        filled = width * done // total
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} rows")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


async def cmd_events_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.imports import read_upload
    from bot.services.principal import OPERATOR
    from bot.timeutil import parse_iso, zone

    path = Path(args.file)
    try:  # regular files only, with the same size limit as chat uploads
        data = await asyncio.to_thread(read_upload, path, settings.import_max_bytes)
    except CbmError as exc:
        raise CliUsageError(str(exc)) from None
    tz = zone(args.timezone or settings.timezone)
    window = None
    if args.since or args.until:
        now = dt.datetime.now(dt.UTC)
        since = parse_iso(args.since, tz, "--since") if args.since else now - dt.timedelta(days=365)
        until = parse_iso(args.until, tz, "--until") if args.until else now + dt.timedelta(days=730)
        window = (_instant(since, tz), _instant(until, tz))
    async with open_app(settings) as app:
        report = await app.imports.import_file(
            path.name,
            data,
            OPERATOR,
            app.now(),
            default_zone=tz,
            window=window,
            progress=_progress_bar(sys.stderr),
        )
    if args.json:
        _print_json(report.as_json())
    else:
        for line in report.lines():
            print(line)
        print(report.summary())
    if report.rejected:
        print(f"cbmbot: {len(report.rejected)} rows rejected (the others were imported)", file=sys.stderr)
        return 2
    return 0


def _instant(value: dt.date | dt.datetime, tz: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(0), tzinfo=tz)


async def cmd_contacts_add(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.contacts import ContactDraft
    from bot.services.principal import OPERATOR

    verified = None
    if args.verified:
        try:
            verified = dt.date.fromisoformat(args.verified)
        except ValueError:
            raise CliUsageError(f"--verified {args.verified!r} is not a date (YYYY-MM-DD)") from None
    draft = ContactDraft(
        country=args.country,
        name=args.name,
        type=args.type,
        organisation=args.organisation,
        email=args.email,
        phone=args.phone,
        discord_id=args.discord_id,
        languages=args.language,
        last_verified=verified,
    )
    async with open_app(settings) as app:
        contact = await app.contacts.add(draft, OPERATOR, app.now())
    print(contact.id)
    print(f"added {contact.type} contact #{contact.id} for {contact.country.name}", file=sys.stderr)
    return 0


async def cmd_contacts_list(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.principal import OPERATOR

    async with open_app(settings) as app:
        rows = await app.contacts.list(OPERATOR, app.now(), country=args.country, type_=args.type)
    records = [
        {
            "id": c.id,
            "country": c.country.name,
            "type": c.type,
            "name": c.name,
            "organisation": c.organisation,
            "email": c.email,
            "phone": c.phone,
            "discord_id": c.discord_user_id,
            "languages": c.languages,
            "last_verified": c.last_verified.isoformat() if c.last_verified else None,
        }
        for c in rows
    ]
    if args.json:
        _print_json(records)
        return 0
    if not records:
        print("no contacts")
    for r in records:
        reach = ", ".join(str(v) for v in (r["email"], r["phone"]) if v)
        print(f"#{r['id']}\t{r['country']}\t{r['type']}\t{r['name']}\t{reach}")
    return 0


async def cmd_feed_export(args: argparse.Namespace, settings: Settings) -> int:
    from calendars.feeds import export

    async with open_app(settings) as app:
        scope = await app.feeds.scope(kind=args.kind, country=args.country, cbm=args.cbm)
        body = await export(app, scope)
    if args.output:
        try:
            await asyncio.to_thread(Path(args.output).write_bytes, body)
        except OSError as exc:
            raise CliUsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(
            f"wrote {args.output} ({body.count(b'BEGIN:VEVENT')} events, {len(body)} bytes)", file=sys.stderr
        )
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    return 0


async def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    """A question answered as the operator (who may see contacts); the contract's JSON with --json."""
    from bot.commands.answers import answer_reply
    from bot.console import make_context
    from bot.services.principal import OPERATOR
    from bot.text import render_text

    async with open_app(settings) as app:
        answer = await app.answers.answer(args.question, OPERATOR, app.now())
        reply = answer_reply(make_context(app, OPERATOR, transport="cli"), answer)
    if args.json:
        _print_json(answer.record())
    else:
        print(render_text(reply))
    return 0


def add_answer_parsers(sub: Any) -> None:
    ask = sub.add_parser("ask", help="answer a question as the operator (who may see contacts)")
    ask.add_argument("question", help='e.g. "Is Japan a participating State?" or "Wann ist die nächste VBM?"')
    ask.add_argument("--json", action="store_true", help="the answer as JSON (shape in the README)")
    ask.set_defaults(func=cmd_ask)


async def cmd_reminders_log(args: argparse.Namespace, settings: Settings) -> int:
    async with open_app(settings) as app:
        rows = await app.reminders.delivery_log()
    if args.json:
        _print_json(rows)
        return 0
    if not rows:
        print("no reminder deliveries yet")
    for r in rows:
        event = f"event #{r['event_id']}" if r["event_id"] is not None else "-"
        reason = f"\t{r['error']}" if r["error"] else (f"\t{r['note']}" if r["note"] else "")
        print(
            f"#{r['reminder_id']}\t{event}\t{r['target']}\tdue {r['due_at']}\t"
            f"sent {r['sent_at'] or '-'}\t{r['status']}{reason}"
        )
    return 0


async def cmd_commcheck_report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.principal import OPERATOR

    async with open_app(settings) as app:
        report = await app.commchecks.report(args.id, OPERATOR)
    if args.csv:
        await asyncio.to_thread(Path(args.csv).write_bytes, report.csv())
    if args.chart:
        await asyncio.to_thread(lambda: Path(args.chart).write_bytes(report.chart()))
    if args.json:
        _print_json(report.as_json())
        return 0
    figures = report.as_json()
    print(
        f"check #{report.id} ({report.status}): {len(report.contacts)} contacts, {figures['sent']} reached, "
        f"{figures['acknowledged']} in time, {figures['late']} late, {figures['unanswered']} no answer, "
        f"{figures['undeliverable']} undeliverable; median {figures['median_seconds']} s, "
        f"p90 {figures['p90_seconds']} s"
    )
    for c in report.contacts:
        print(
            f"{c.country}\t{c.type}\t{c.name}\t{c.channel}\t{c.status}\t"
            + ("-" if c.seconds is None else f"{c.seconds:.0f}")
        )
    return 0


async def cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    from bot.doctor import diagnose

    report = await diagnose(settings, offline=args.offline)
    for line in report.passed:
        print(f"ok: {line}")
    for line in report.problems:
        print(f"problem: {line}", file=sys.stderr)
    if report.problems:
        print(f"cbmbot doctor: {len(report.problems)} problem(s) found", file=sys.stderr)
        return 2
    print("all checks passed")
    return 0


async def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from storage.ops import BackupError, backup

    try:
        kind = await backup(str(settings.database_url), Path(args.file))
    except BackupError as exc:
        raise CliUsageError(str(exc)) from None
    size = (await asyncio.to_thread(Path(args.file).stat)).st_size
    print(f"wrote {args.file} ({kind}, {size} bytes)", file=sys.stderr)
    return 0


async def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from storage.engine import make_engine
    from storage.migrate import current_revision, head_revision
    from storage.ops import BackupError, restore

    engine = make_engine(str(settings.database_url))
    try:
        try:
            await restore(str(settings.database_url), engine, Path(args.file))
        except BackupError as exc:
            raise CliUsageError(str(exc)) from None
        revision = await current_revision(engine)
    finally:
        await engine.dispose()
    hint = "" if revision == head_revision() else "; run `cbmbot db upgrade` to bring it to this version"
    print(f"restored {args.file} (schema {revision}){hint}", file=sys.stderr)
    return 0


def add_operating_parsers(sub: Any) -> None:
    doctor = sub.add_parser("doctor", help="check the deployment; one line per problem, exit 2 when any")
    doctor.add_argument(
        "--offline", action="store_true", help="do not contact Discord (check the token's form only)"
    )
    doctor.set_defaults(func=cmd_doctor)
    bak = sub.add_parser("backup", help="write a consistent copy of the database (safe while running)")
    bak.add_argument("file", help="the backup file to write (SQLite file, or pg_dump custom format)")
    bak.set_defaults(func=cmd_backup)
    res = sub.add_parser("restore", help="restore a backup into an empty database")
    res.add_argument("file", help="a file written by `cbmbot backup`")
    res.set_defaults(func=cmd_restore)


# ------------------------------------------------------------------------------------------- parser


INT_MAX = 2**31 - 1  # the database's INTEGER (bot.commands.base.INT_MAX; ids, CBM numbers)
SNOWFLAKE_MAX = 2**63 - 1  # Discord ids (BIGINT)


def _bounded(text: str, highest: int) -> int:
    digits = text.strip().removeprefix("#")
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number")
    if len(digits.lstrip("0")) > 19 or int(digits) > highest:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is too large (at most {highest})")
    value = int(digits)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def _positive_int(text: str) -> int:
    """An id or number from 1 to what the database holds; anything else is a usage error (exit 2)."""
    return _bounded(text, INT_MAX)


def _discord_id(text: str) -> int:
    return _bounded(text, SNOWFLAKE_MAX)


def build_parser() -> Parser:
    parser = Parser(prog="cbmbot", description="cbm-bot: events, answers and feeds for the OSCE cyber CBMs")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    db = sub.add_parser("db", help="database schema").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="create or migrate the schema").set_defaults(func=cmd_db_upgrade)

    sub.add_parser("seed", help="load the reference data (idempotent)").set_defaults(func=cmd_seed)

    run = sub.add_parser("run", help="run the bot: scheduler, HTTP feeds, Discord or the console")
    run.add_argument(
        "--console",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="serve the console chat (default: without DISCORD_TOKEN, when stdin is a terminal)",
    )
    run.set_defaults(func=cmd_run)

    chat = sub.add_parser("chat", help="pass one chat message through the command layer")
    chat.add_argument(
        "message", help='a slash command as Discord shows it, e.g. "/cbm number:8", or a question'
    )
    chat.add_argument("--user", default="cli-user", help="the user's name")
    chat.add_argument(
        "--role",
        action="append",
        default=[],
        choices=["admin", "organiser", "directory"],
        help="a role of the user (repeatable); none: a plain member",
    )
    chat.set_defaults(func=cmd_chat)

    events = sub.add_parser("events", help="manage events").add_subparsers(
        dest="events_command", required=True
    )
    listing = events.add_parser("list", help="list events")
    listing.add_argument("--upcoming", action="store_true", help="only events not yet over")
    listing.add_argument("--kind")
    listing.add_argument("--country", help="events held in this country or with it taking part")
    listing.add_argument(
        "--country-as", choices=("either", "held", "taking-part"), help="match --country only one way"
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_events_list)

    add = events.add_parser("add", help="add an event; prints its id on the first line")
    add.add_argument("--title", required=True)
    add.add_argument(
        "--kind", required=True, help="conference, study_visit, workshop, meeting, training, other"
    )
    add.add_argument("--start", required=True, help="ISO 8601 date or date-time; a date alone: all-day")
    add.add_argument("--end", help="ISO 8601; for all-day events the last day (inclusive)")
    add.add_argument("--timezone", help="IANA zone of the venue (default CBMBOT_TIMEZONE)")
    add.add_argument("--location")
    add.add_argument(
        "--held-in", help="the country it is held in (default: the one named in --location; none online)"
    )
    add.add_argument("--online", action="store_true")
    add.add_argument("--country", action="append", default=[], help="a participating state (repeatable)")
    add.add_argument(
        "--cbm", action="append", default=[], type=_positive_int, help="a CBM number (repeatable)"
    )
    add.add_argument("--url")
    add.add_argument("--description")
    add.set_defaults(func=cmd_events_add)

    cancel = events.add_parser("cancel", help="mark an event cancelled (it stays in feeds)")
    cancel.add_argument("id", type=_positive_int)
    cancel.add_argument("--reason")
    cancel.set_defaults(func=cmd_events_cancel)

    imp = events.add_parser("import", help="import events from a .ics, .yaml/.json or .csv file")
    imp.add_argument("file", help="the file to import")
    imp.add_argument("--timezone", help="zone for times without one (default CBMBOT_TIMEZONE)")
    imp.add_argument("--since", help="recurring .ics events: expand from this date (default a year ago)")
    imp.add_argument("--until", help="recurring .ics events: expand up to this date (default in two years)")
    imp.add_argument("--json", action="store_true", help="the report as JSON")
    imp.set_defaults(func=cmd_events_import)

    contacts = sub.add_parser("contacts", help="points of contact").add_subparsers(
        dest="contacts_command", required=True
    )
    cadd = contacts.add_parser("add", help="add a point of contact; prints its id")
    cadd.add_argument("--country", required=True)
    cadd.add_argument("--name", required=True)
    cadd.add_argument("--type", required=True, choices=["policy", "technical"])
    cadd.add_argument("--organisation")
    cadd.add_argument("--email")
    cadd.add_argument("--phone")
    cadd.add_argument("--discord-id", type=_discord_id)
    cadd.add_argument("--language", action="append", default=[], help="a language spoken (repeatable)")
    cadd.add_argument("--verified", help="date the details were last confirmed (default today)")
    cadd.set_defaults(func=cmd_contacts_add)
    clist = contacts.add_parser("list", help="list points of contact")
    clist.add_argument("--country")
    clist.add_argument("--type", choices=["policy", "technical"])
    clist.add_argument("--json", action="store_true")
    clist.set_defaults(func=cmd_contacts_list)

    feed = sub.add_parser("feed", help="iCalendar feeds").add_subparsers(dest="feed_command", required=True)
    fexport = feed.add_parser("export", help="write the iCalendar feed (stdout without -o)")
    fexport.add_argument("--kind", help="only this kind of event")
    fexport.add_argument("--country", help="only events with this state or partner")
    fexport.add_argument("--cbm", type=_positive_int, help="only events serving this CBM")
    fexport.add_argument("-o", "--output", help="write to this file instead of standard output")
    fexport.set_defaults(func=cmd_feed_export)

    add_answer_parsers(sub)

    reminders = sub.add_parser("reminders", help="reminder deliveries").add_subparsers(
        dest="reminders_command", required=True
    )
    rlog = reminders.add_parser("log", help="every reminder delivery: due, sent, status")
    rlog.add_argument("--json", action="store_true")
    rlog.set_defaults(func=cmd_reminders_log)

    commcheck = sub.add_parser("commcheck", help="communication checks").add_subparsers(
        dest="commcheck_command", required=True
    )
    creport = commcheck.add_parser("report", help="the report of one communication check")
    creport.add_argument("id", type=_positive_int)
    creport.add_argument("--json", action="store_true", help="as JSON (shape in ../shared/contract.md)")
    creport.add_argument("--csv", help="also write the per-contact CSV to this file")
    creport.add_argument("--chart", help="also write the PNG chart to this file")
    creport.set_defaults(func=cmd_commcheck_report)
    add_operating_parsers(sub)
    return parser


def _configure_logging(settings: Settings, args: argparse.Namespace) -> None:
    from bot.logs import configure_logging

    configure_logging(
        settings,
        command=args.command,
        console=args.command == "run" and settings.serves_console(args.console),
    )


def _crash_log(settings: Settings | None) -> Path | None:
    from bot.logs import redact

    try:
        folder = settings.data_dir if settings else Path("var")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "cbmbot-errors.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now(dt.UTC).isoformat()} {' '.join(sys.argv)}\n")
            handle.write(redact(traceback.format_exc()))
        return path
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    settings: Settings | None = None
    try:
        settings = load_settings()
        _configure_logging(settings, args)
        from bot.services.principal import OPERATOR, acting

        with acting(OPERATOR):  # audit entries written by the CLI say so (cbmbot chat: its own user)
            code = asyncio.run(args.func(args, settings))
        sys.stdout.flush()  # here, so that a reader that went away is handled below
        return code
    except SettingsError as exc:
        print(f"cbmbot: configuration: {exc}", file=sys.stderr)
        return 2
    except CbmError as exc:
        print(f"cbmbot: {exc}", file=sys.stderr)
        return 2
    except NotReady as exc:
        print(f"cbmbot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`cbmbot … | head`): not an error of ours. Point stdout at /dev/null so the
        # interpreter's final flush does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        path = _crash_log(settings)
        where = f"; details in {path}" if path else ""
        from bot.logs import redact

        print(f"cbmbot: internal error: {type(exc).__name__}: {redact(str(exc))}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

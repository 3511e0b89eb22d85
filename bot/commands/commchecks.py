"""/commcheck: communication checks of the Points of Contact (admins; private replies), and
/commcheck summary for everyone (aggregates only: never which state did not answer)."""

from __future__ import annotations

import asyncio

from bot.commands.base import Button, ChannelRef, Context, Field, Option, Reply, Upload
from bot.commands.locales import named
from bot.commands.registry import REGISTRY
from bot.commchecks.report import STATUSES
from bot.commchecks.schedule import EVERY, WEEKDAYS
from bot.commchecks.service import SCOPES
from bot.services import answer_text as T
from bot.services.principal import Role
from storage.reference import supported_language

REGISTRY.group("commcheck", "Communication checks of the Points of Contact")


def status_word(status: str, lang: str) -> str:
    """A contact's outcome: in time, late, no answer, undeliverable."""
    return T.message(f"check_{status}", lang)


def check_status(status: str, lang: str) -> str:
    """A check's state: open, closed, cancelled."""
    key = f"check_status_{status}"
    return T.message(key, lang) if key in T.MESSAGES else status


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@REGISTRY.command(
    "commcheck start",
    "Ping every point of contact in scope and measure who answers (admins)",
    Option("scope", str, "Which contacts: all, policy or technical", required=True, choices=SCOPES),
    Option("deadline", str, "Time to answer: 2h, 90m, 1d12h", required=True, max_length=20),
    Option("countries", str, "Only these states, comma-separated", max_length=1000, autocomplete="countries"),
    Option("channel", ChannelRef, "Where the report goes (default: this channel)"),
    permission=Role.admin,
    ephemeral=True,
)
async def start(
    ctx: Context, scope: str, deadline: str, countries: str | None = None, channel: int | None = None
) -> Reply:
    started = await ctx.app.commchecks.start(
        ctx.principal,
        ctx.now,
        scope=scope,
        deadline=deadline,
        countries=countries,
        guild_id=ctx.guild_id,
        channel_id=channel or ctx.channel_id,
    )
    check = started.check
    lang = supported_language(ctx.locale)
    text = T.message(
        "check_started",
        lang,
        id=check.id,
        count=started.contacts,
        contacts=T.counted(started.contacts, "poc", lang),
        pings=started.pings,
    )
    if started.undeliverable:
        text += T.message("check_no_channel", lang, count=started.undeliverable)
    at = ctx.times.instant
    return Reply(
        lang=lang,
        title=T.message("check_title", lang, id=check.id),
        text=text,
        fields=[
            Field(T.message("check_remind_at", lang), at(check.remind_at, ctx.zone), inline=True),
            Field(T.message("check_escalate_at", lang), at(check.escalate_at, ctx.zone), inline=True),
            Field(T.message("check_deadline", lang), at(check.deadline_at, ctx.zone), inline=True),
        ],
        buttons=[Button(T.message("check_report_so_far", lang), f"/commcheck report id:{check.id}")],
    )


@REGISTRY.command(
    "commcheck schedule",
    "Run a check regularly, e.g. quarterly on the first Monday at 10:00 (admins)",
    Option("every", str, "monthly, quarterly or yearly", required=True, choices=EVERY),
    Option("weekday", str, "The first such day of the month", required=True, choices=WEEKDAYS),
    Option("time", str, "HH:MM in the server's zone", required=True, max_length=5),
    Option("scope", str, "Which contacts: all, policy or technical", required=True, choices=SCOPES),
    Option("deadline", str, "Time to answer: 2h, 90m, 1d12h", required=True, max_length=20),
    Option("countries", str, "Only these states, comma-separated", max_length=1000, autocomplete="countries"),
    Option("channel", ChannelRef, "Where the reports go (default: this channel)"),
    permission=Role.admin,
    ephemeral=True,
)
async def schedule(
    ctx: Context,
    every: str,
    weekday: str,
    time: str,
    scope: str,
    deadline: str,
    countries: str | None = None,
    channel: int | None = None,
) -> Reply:
    tz = await ctx.app.guilds.zone_for(ctx.guild_id, ctx.zone)
    row = await ctx.app.commchecks.add_schedule(
        ctx.principal,
        ctx.now,
        every=every,
        weekday=weekday,
        time=time,
        timezone=tz.key,
        scope=scope,
        deadline=deadline,
        countries=countries,
        guild_id=ctx.guild_id,
        channel_id=channel or ctx.channel_id,
    )
    lang = supported_language(ctx.locale)
    first = ctx.times.instant(row.next_at, tz) if row.next_at else T.message("check_never", lang)
    return Reply(
        lang=lang,
        title=T.message("check_schedule_title", lang, id=row.id),
        text=T.message(
            "check_scheduled",
            lang,
            scope=T.message(f"check_of_{row.scope}", lang),
            every=T.message(f"check_every_{row.every}", lang),
            first=T.message(f"check_first_{row.weekday}", lang),
            time=row.time,
            zone=tz.key,
            when=first,
        ),
        buttons=[Button(T.message("check_list_button", lang), "/commcheck list")],
    )


@REGISTRY.command(
    "commcheck list", "Communication checks and schedules (admins)", permission=Role.admin, ephemeral=True
)
async def listing(ctx: Context) -> Reply:
    lang = supported_language(ctx.locale)
    checks, schedules = await ctx.app.commchecks.checks(ctx.principal)
    at = ctx.times.instant
    fields = []
    for c in checks:
        places = await ctx.app.answers.country_names_by_name(c.countries or [], lang)
        fields.append(
            Field(
                f"#{c.id} · {check_status(c.status, lang)} · {T.message(f'check_scope_{c.scope}', lang)}",
                T.message(
                    "check_list_item",
                    lang,
                    started=at(c.started_at, ctx.zone),
                    deadline=at(c.deadline_at, ctx.zone),
                )
                + (f" · {', '.join(places)}" if places else ""),
            )
        )
    fields += [
        Field(
            T.message("check_schedule_item", lang, id=s.id, every=T.message(f"check_every_{s.every}", lang)),
            T.message(
                "check_schedule_when",
                lang,
                weekday=s.weekday,
                first=T.message(f"check_first_{s.weekday}", lang),
                time=s.time,
                zone=s.timezone,
                scope=T.message(f"check_scope_{s.scope}", lang),
                next=at(s.next_at, ctx.zone) if s.next_at else "-",
            ),
        )
        for s in schedules
    ]
    none = T.message("check_none_yet", lang, start=named(ctx, "commcheck start", lang))
    return Reply(
        lang=lang,
        title=T.message("check_list_title", lang),
        text=none if not fields else "",
        fields=fields[:25],
    )


@REGISTRY.command(
    "commcheck cancel",
    "Cancel a check (its links stop working) or a schedule (admins)",
    Option("id", int, "Check number", min_value=1, max_value=2**31 - 1),
    Option("schedule", int, "Schedule number", min_value=1, max_value=2**31 - 1),
    permission=Role.admin,
    ephemeral=True,
)
async def cancel(ctx: Context, id: int | None = None, schedule: int | None = None) -> Reply:
    lang = supported_language(ctx.locale)
    if (id is None) == (schedule is None):
        return Reply.refusal(T.message("check_cancel_which", lang))
    if schedule is not None:
        await ctx.app.commchecks.remove_schedule(schedule, ctx.principal, ctx.now)
        return Reply(text=T.message("check_schedule_removed", lang, id=schedule), lang=lang)
    assert id is not None
    await ctx.app.commchecks.cancel(id, ctx.principal, ctx.now)
    return Reply(text=T.message("check_cancelled", lang, id=id), lang=lang)


def _outcomes(counts: dict[str, int], total: int, lang: str) -> list[str]:
    """ "In time: 9 (75%)", one line per outcome."""
    return [
        T.message(
            "check_share",
            lang,
            status=_capital(status_word(s, lang)),
            count=n,
            share=T.percent(n, total, lang),
        )
        for s, n in counts.items()
    ]


@REGISTRY.command(
    "commcheck report",
    "A check's full report, chart and CSV; also posted to the admin channel (admins)",
    Option("id", int, "Check number", required=True, min_value=1, max_value=2**31 - 1),
    permission=Role.admin,
    ephemeral=True,
)
async def report(ctx: Context, id: int) -> Reply:
    lang = supported_language(ctx.locale)
    found = await ctx.app.commchecks.report(id, ctx.principal)
    total = len(found.contacts)
    lines = _outcomes({s: found.count(s) for s in STATUSES}, total, lang)
    if found.median_seconds is not None:
        lines.append(
            T.message(
                "check_times",
                lang,
                median=T.answer_time(found.median_seconds, lang),
                p90=T.answer_time(found.p90_seconds, lang),
            )
        )
    fields = [Field(T.message("check_outcome", lang), "\n".join(lines))]
    reach = [
        T.message(
            "check_reach",
            lang,
            channel=_channel(c.channel, lang),
            delivered=c.delivered,
            tried=c.tried,
            share=T.percent(c.delivered, c.tried, lang),
            acknowledged=c.acknowledged,
        )
        for c in found.channels
    ]
    if reach:
        fields.append(Field(T.message("check_reach_title", lang), "\n".join(reach)))
    if len(found.trend) > 1:
        trend = " → ".join(f"#{t.check_id} {T.share(t.share, lang)}" for t in found.trend)
        fields.append(Field(T.message("check_trend", lang), trend))
    missing = [c for c in found.contacts if c.status in ("unanswered", "undeliverable")]
    if missing:
        places = await ctx.app.answers.country_names_by_name([c.country for c in missing[:40]], lang)
        fields.append(
            Field(
                T.message("check_missing", lang, count=len(missing)),
                "\n".join(
                    T.message(
                        "check_missing_line",
                        lang,
                        country=place,
                        type=T.message(f"type_{c.type}", lang),
                        status=status_word(c.status, lang),
                    )
                    for place, c in zip(places, missing, strict=False)
                )
                + ("\n…" if len(missing) > 40 else ""),
            )
        )
    files = []
    if ctx.transport == "discord":  # the chart is drawn only where it can be shown
        chart = await asyncio.to_thread(found.chart)
        files = [Upload(f"commcheck-{id}.png", chart), Upload(f"commcheck-{id}.csv", found.csv())]
    check_channel = await ctx.app.commchecks.report_channel(id)
    return Reply(
        lang=lang,
        title=T.message("check_report_title", lang, id=id, status=check_status(found.status, lang)),
        text=T.message(
            "check_report",
            lang,
            count=total,
            contacts=T.counted(total, "poc", lang),
            sent=found.sent,
            started=ctx.times.instant(found.started_at, ctx.zone),
            deadline=ctx.times.instant(found.deadline_at, ctx.zone),
        ),
        fields=fields,
        footer=T.message("check_report_footer", lang, summary=named(ctx, "commcheck summary", lang)),
        files=files,
        post_channel_id=check_channel if ctx.transport == "discord" else None,
    )


@REGISTRY.command(
    "commcheck summary",
    "How a check went, in counts and percentages",
    Option("id", int, "Check number", required=True, min_value=1, max_value=2**31 - 1),
)
async def summary(ctx: Context, id: int) -> Reply:
    lang = supported_language(ctx.locale)
    figures = (await ctx.app.commchecks.summary(id)).aggregates()
    total = figures["contacts"]
    lines = _outcomes({s: figures[s] for s in STATUSES}, total, lang)
    if figures["median_seconds"] is not None:
        lines.append(T.message("check_median", lang, median=T.answer_time(figures["median_seconds"], lang)))
    return Reply(
        lang=lang,
        title=T.message("check_summary_title", lang, id=id, status=check_status(figures["status"], lang)),
        text=T.message("check_asked", lang, count=total) + "\n" + "\n".join(lines),
    )


def _channel(channel: str, lang: str) -> str:
    """A ping's channel: discord, email (English: as recorded)."""
    key = f"check_channel_{channel}"
    return T.message(key, lang) if key in T.MESSAGES else channel


# ------------------------------------------------------------------------------ yearly confirmation


@REGISTRY.command(
    "contacts confirm-round",
    "Ask contacts to confirm or correct their details (admins)",
    Option("everyone", bool, "Everyone, not only those unconfirmed for 12 months"),
    Option("deadline", str, "Time to answer (default 14d)", max_length=20),
    permission=Role.admin,
    ephemeral=True,
)
async def confirm_round(ctx: Context, everyone: bool = False, deadline: str | None = None) -> Reply:
    started = await ctx.app.commchecks.start_confirmation(
        ctx.principal, ctx.now, deadline=deadline or "14d", everyone=everyone, guild_id=ctx.guild_id,
        channel_id=ctx.channel_id,
    )  # fmt: skip
    lang = supported_language(ctx.locale)
    text = T.message(
        "confirm_started",
        lang,
        id=started.check.id,
        count=started.contacts,
        contacts=T.counted(started.contacts, "poc", lang),
        deadline=ctx.times.instant(started.check.deadline_at, ctx.zone),
    )
    if started.undeliverable:
        text += T.message("confirm_no_channel", lang, count=started.undeliverable)
    return Reply(
        lang=lang,
        text=text,
        buttons=[
            Button(T.message("corrections_title", lang), "/contacts corrections"),
            Button(T.message("corrections_gaps", lang), "/contacts missing"),
        ],
    )


@REGISTRY.command(
    "contacts corrections",
    "Corrections contacts proposed, waiting for approval (admins)",
    permission=Role.admin,
    ephemeral=True,
)
async def corrections(ctx: Context) -> Reply:
    lang = supported_language(ctx.locale)
    rows = await ctx.app.commchecks.corrections(ctx.principal)
    shown = rows[:25]
    places = await ctx.app.answers.country_names([contact.country for _, contact in shown], lang)
    fields = [
        Field(
            f"#{row.id} · {place} · {contact.name}",
            # the fields by their option names, as typed; the values are the contact's own
            "\n".join(f"{k}: {getattr(contact, k, None) or '-'} → {v}" for k, v in row.changes.items())
            + ("\n" + T.message("corrections_note", lang, note=row.note) if row.note else ""),
        )
        for place, (row, contact) in zip(places, shown, strict=True)
    ]
    how = T.message(
        "corrections_how",
        lang,
        approve=named(ctx, "contacts approve", lang),
        reject=named(ctx, "contacts reject", lang),
    )
    return Reply(
        lang=lang,
        title=T.message("corrections_title", lang),
        text=T.message("corrections_none", lang) if not rows else how,
        fields=fields,
        footer=T.message("corrections_private", lang),
    )


@REGISTRY.command(
    "contacts approve",
    "Apply a proposed correction (admins; audited)",
    Option("id", int, "Correction number", required=True, min_value=1, max_value=2**31 - 1),
    permission=Role.admin,
    ephemeral=True,
)
async def approve(ctx: Context, id: int) -> Reply:
    contact = await ctx.app.commchecks.decide(id, True, ctx.principal, ctx.now)
    assert contact is not None
    lang = supported_language(ctx.locale)
    text = T.message("correction_applied", lang, id=id, contact=contact.id, name=contact.name)
    return Reply(text=text, lang=lang)


@REGISTRY.command(
    "contacts reject",
    "Reject a proposed correction (admins; audited)",
    Option("id", int, "Correction number", required=True, min_value=1, max_value=2**31 - 1),
    permission=Role.admin,
    ephemeral=True,
)
async def reject(ctx: Context, id: int) -> Reply:
    await ctx.app.commchecks.decide(id, False, ctx.principal, ctx.now)
    lang = supported_language(ctx.locale)
    return Reply(text=T.message("correction_rejected", lang, id=id), lang=lang)

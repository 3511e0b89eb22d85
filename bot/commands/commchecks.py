"""/commcheck: communication checks of the Points of Contact (admins; private replies), and
/commcheck summary for everyone (aggregates only: never which state did not answer)."""

from __future__ import annotations

import asyncio

from bot.commands.base import Button, ChannelRef, Context, Field, Option, Reply, Upload
from bot.commands.registry import REGISTRY
from bot.commchecks.report import STATUSES, duration
from bot.commchecks.schedule import EVERY, WEEKDAYS
from bot.commchecks.service import SCOPES
from bot.services.principal import Role

REGISTRY.group("commcheck", "Communication checks of the Points of Contact")
STATUS_WORDS = {
    "acknowledged": "in time",
    "late": "late",
    "unanswered": "no answer",
    "undeliverable": "undeliverable",
}


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
    text = (
        f"Communication check #{check.id} started: {started.contacts} points of contact, "
        f"{started.pings} pings on their way."
    )
    if started.undeliverable:
        text += f" {started.undeliverable} have no usable channel (recorded as undeliverable)."
    return Reply(
        title=f"Communication check #{check.id}",
        text=text,
        fields=[
            Field("Reminder to the unanswered", ctx.times.instant(check.remind_at, ctx.zone), inline=True),
            Field("Their colleagues asked", ctx.times.instant(check.escalate_at, ctx.zone), inline=True),
            Field("Deadline", ctx.times.instant(check.deadline_at, ctx.zone), inline=True),
        ],
        buttons=[Button("Report so far", f"/commcheck report id:{check.id}")],
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
    first = ctx.times.instant(row.next_at, tz) if row.next_at else "never"
    return Reply(
        title=f"Schedule #{row.id}",
        text=f"A {row.scope} check runs {row.every} on the first {row.weekday} at {row.time} ({tz.key}). "
        f"First run: {first}.",
        buttons=[Button("Checks and schedules", "/commcheck list")],
    )


@REGISTRY.command(
    "commcheck list", "Communication checks and schedules (admins)", permission=Role.admin, ephemeral=True
)
async def listing(ctx: Context) -> Reply:
    checks, schedules = await ctx.app.commchecks.checks(ctx.principal)
    fields = [
        Field(
            f"#{c.id} · {c.status} · {c.scope}",
            f"started {ctx.times.instant(c.started_at, ctx.zone)}, deadline "
            f"{ctx.times.instant(c.deadline_at, ctx.zone)}"
            + (f" · {', '.join(c.countries)}" if c.countries else ""),
        )
        for c in checks
    ]
    fields += [
        Field(
            f"Schedule #{s.id} · {s.every}",
            f"first {s.weekday} at {s.time} ({s.timezone}), {s.scope}; next "
            + (ctx.times.instant(s.next_at, ctx.zone) if s.next_at else "-"),
        )
        for s in schedules
    ]
    return Reply(
        title="Communication checks",
        text="No check yet: /commcheck start scope:all deadline:2h" if not fields else "",
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
    if (id is None) == (schedule is None):
        return Reply.refusal("Give either id:N (a check) or schedule:N.")
    if schedule is not None:
        await ctx.app.commchecks.remove_schedule(schedule, ctx.principal, ctx.now)
        return Reply(text=f"Schedule #{schedule} removed; checks it started stay.")
    assert id is not None
    await ctx.app.commchecks.cancel(id, ctx.principal, ctx.now)
    return Reply(text=f"Communication check #{id} cancelled; its links and buttons no longer work.")


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "-"


@REGISTRY.command(
    "commcheck report",
    "A check's full report, chart and CSV; also posted to the admin channel (admins)",
    Option("id", int, "Check number", required=True, min_value=1, max_value=2**31 - 1),
    permission=Role.admin,
    ephemeral=True,
)
async def report(ctx: Context, id: int) -> Reply:
    found = await ctx.app.commchecks.report(id, ctx.principal)
    total = len(found.contacts)
    counts = {s: found.count(s) for s in STATUSES}
    lines = [f"{STATUS_WORDS[s].capitalize()}: {n} ({_percent(n, total)})" for s, n in counts.items()]
    if found.median_seconds is not None:
        lines.append(
            f"Time to acknowledge: median {duration(found.median_seconds)}, "
            f"90% within {duration(found.p90_seconds)}"
        )
    fields = [Field("Outcome", "\n".join(lines))]
    reach = [
        f"{c.channel}: {c.delivered}/{c.tried} delivered ({_percent(c.delivered, c.tried)}), "
        f"{c.acknowledged} acknowledged through it"
        for c in found.channels
    ]
    if reach:
        fields.append(Field("Reachability per channel", "\n".join(reach)))
    if len(found.trend) > 1:
        fields.append(
            Field("Trend (in time)", " → ".join(f"#{t.check_id} {100 * t.share:.0f}%" for t in found.trend))
        )
    missing = [c for c in found.contacts if c.status in ("unanswered", "undeliverable")]
    if missing:
        fields.append(
            Field(
                f"Not reached or no answer ({len(missing)})",
                "\n".join(f"{c.country} ({c.type}): {STATUS_WORDS[c.status]}" for c in missing[:40])
                + ("\n…" if len(missing) > 40 else ""),
            )
        )
    files = []
    if ctx.transport == "discord":  # the chart is drawn only where it can be shown
        chart = await asyncio.to_thread(found.chart)
        files = [Upload(f"commcheck-{id}.png", chart), Upload(f"commcheck-{id}.csv", found.csv())]
    check_channel = await ctx.app.commchecks.report_channel(id)
    return Reply(
        title=f"Communication check #{id}: {found.status}",
        text=f"{total} points of contact, {found.sent} reached; started "
        f"{ctx.times.instant(found.started_at, ctx.zone)}, "
        f"deadline {ctx.times.instant(found.deadline_at, ctx.zone)}.",
        fields=fields,
        footer="Per-state results are for admins only; members see /commcheck summary",
        files=files,
        post_channel_id=check_channel if ctx.transport == "discord" else None,
    )


@REGISTRY.command(
    "commcheck summary",
    "How a check went, in counts and percentages",
    Option("id", int, "Check number", required=True, min_value=1, max_value=2**31 - 1),
)
async def summary(ctx: Context, id: int) -> Reply:
    figures = (await ctx.app.commchecks.summary(id)).aggregates()
    total = figures["contacts"]
    lines = [
        f"{STATUS_WORDS[s].capitalize()}: {figures[s]} ({_percent(figures[s], total)})" for s in STATUSES
    ]
    if figures["median_seconds"] is not None:
        lines.append(f"Median time to acknowledge: {duration(figures['median_seconds'])}")
    return Reply(
        title=f"Communication check #{id} ({figures['status']})",
        text=f"{total} points of contact were asked.\n" + "\n".join(lines),
    )


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
    text = (
        f"Confirmation round #{started.check.id}: {started.contacts} points of contact asked to confirm "
        f"or correct their details by {ctx.times.instant(started.check.deadline_at, ctx.zone)}."
    )
    if started.undeliverable:
        text += f" {started.undeliverable} have no usable channel."
    return Reply(
        text=text,
        buttons=[
            Button("Corrections to review", "/contacts corrections"),
            Button("Gaps", "/contacts missing"),
        ],
    )


@REGISTRY.command(
    "contacts corrections",
    "Corrections contacts proposed, waiting for approval (admins)",
    permission=Role.admin,
    ephemeral=True,
)
async def corrections(ctx: Context) -> Reply:
    rows = await ctx.app.commchecks.corrections(ctx.principal)
    fields = [
        Field(
            f"#{row.id} · {contact.country.name} · {contact.name}",
            "\n".join(f"{k}: {getattr(contact, k, None) or '-'} → {v}" for k, v in row.changes.items())
            + (f"\nNote: {row.note}" if row.note else ""),
        )
        for row, contact in rows[:25]
    ]
    return Reply(
        title="Corrections to review",
        text="None waiting."
        if not rows
        else "Approve with /contacts approve id:N, or /contacts reject id:N.",
        fields=fields,
        footer="Personal data: do not pass it on",
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
    return Reply(
        text=f"Correction #{id} applied to contact #{contact.id} ({contact.name}); it is in the audit log."
    )


@REGISTRY.command(
    "contacts reject",
    "Reject a proposed correction (admins; audited)",
    Option("id", int, "Correction number", required=True, min_value=1, max_value=2**31 - 1),
    permission=Role.admin,
    ephemeral=True,
)
async def reject(ctx: Context, id: int) -> Reply:
    await ctx.app.commchecks.decide(id, False, ctx.principal, ctx.now)
    return Reply(text=f"Correction #{id} rejected; the contact's details are unchanged.")

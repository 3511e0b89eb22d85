"""/remind, /reminders and /settings reminders: personal reminders, deadlines and the guild's settings."""

from __future__ import annotations

from bot.commands.base import Context, Field, Option, Reply
from bot.commands.registry import REGISTRY
from bot.reminders.delivery import TEXT_MAX
from bot.reminders.timing import parse_offset
from bot.services.principal import Role
from storage.models import DeadlineKind, ReminderKind

REGISTRY.group("remind", "Personal reminders")
REGISTRY.group("reminders", "Your reminders and event deadlines")
REGISTRY.group("settings", "Settings for this server (admins)")


@REGISTRY.command(
    "remind event",
    "A direct message before an event starts",
    Option("id", int, "Event number", required=True, min_value=1, autocomplete="event"),
    Option("before", str, "How long before: 1d, 2h, 30m, or several: 7d,1d", max_length=60),
    ephemeral=True,
)
async def remind_event(ctx: Context, id: int, before: str = "1d") -> Reply:
    reminder, dues = await ctx.app.reminders.remind_event(
        ctx.principal, id, before, ctx.now, guild_id=ctx.guild_id
    )
    when = "\n".join(ctx.times.instant(d, ctx.zone) for d in dues)
    labels = ", ".join(parse_offset(o).label for o in reminder.offsets)
    return Reply(
        title=f"Reminder #{reminder.id} set",
        text=f"I will send you a direct message {labels} before event #{id} starts.",
        fields=[Field("When", when)],
        footer="/reminders list shows yours · /reminders cancel id:N removes one",
    )


@REGISTRY.command(
    "remind me",
    "A personal reminder at a time you choose",
    Option("when", str, "ISO 8601 (2026-12-01T09:00Z) or words: in 2 hours, tomorrow 9:00", required=True,
           max_length=100),
    Option("text", str, "What to remind you of", required=True, max_length=TEXT_MAX),
    ephemeral=True,
)  # fmt: skip
async def remind_me(ctx: Context, when: str, text: str) -> Reply:
    reminder = await ctx.app.reminders.remind_me(
        ctx.principal, when, text, ctx.now, tz=ctx.zone, guild_id=ctx.guild_id
    )
    assert reminder.due_at is not None
    return Reply(
        title=f"Reminder #{reminder.id} set",
        text=f"I will remind you {ctx.times.instant(reminder.due_at, ctx.zone)}: {reminder.text}",
        footer="/reminders list shows yours · /reminders cancel id:N removes one",
    )


@REGISTRY.command("reminders list", "Your reminders", ephemeral=True)
async def reminders_list(ctx: Context) -> Reply:
    views = await ctx.app.reminders.list_for(ctx.principal, ctx.now)
    if not views:
        return Reply(
            title="Your reminders", text="You have no reminders. Set one with /remind me or /remind event."
        )
    lines = []
    for v in views:
        r = v.reminder
        nxt = ctx.times.instant(v.next_due, ctx.zone) if v.next_due else "nothing waiting"
        if r.kind == ReminderKind.personal_free.value:
            what = (r.text or "")[:80]
        elif v.event is not None:
            what = (
                f"{', '.join(parse_offset(o).label for o in r.offsets)} before #{v.event.id} {v.event.title}"
            )
        else:
            labels = ", ".join(parse_offset(o).label for o in r.offsets)
            what = f"{labels} before every event you follow"
        lines.append(f"**#{r.id}** {what}\nnext: {nxt}")
    return Reply(title="Your reminders", text="\n\n".join(lines), footer="/reminders cancel id:N removes one")


@REGISTRY.command(
    "reminders cancel",
    "Cancel one of your reminders",
    Option("id", int, "Reminder number (see /reminders list)", required=True, min_value=1),
    ephemeral=True,
)
async def reminders_cancel(ctx: Context, id: int) -> Reply:
    await ctx.app.reminders.cancel(ctx.principal, id, ctx.now)
    return Reply(text=f"Reminder #{id} is cancelled; nothing more will be sent for it.")


@REGISTRY.command(
    "reminders follows",
    "Direct messages before every event you follow (on or off)",
    Option("enabled", bool, "true: remind me; false: stop", required=True),
    Option("before", str, "How long before: 1d, or several: 1d,1h", max_length=60),
    ephemeral=True,
)
async def reminders_follows(ctx: Context, enabled: bool, before: str | None = None) -> Reply:
    reminder = await ctx.app.reminders.follow_reminders(
        ctx.principal, enabled, ctx.now, before=before, guild_id=ctx.guild_id
    )
    if reminder is None:
        return Reply(text="Done: no more reminders for the events you follow.")
    labels = ", ".join(parse_offset(o).label for o in reminder.offsets)
    return Reply(text=f"Done: you will get a direct message {labels} before every event you follow.")


@REGISTRY.command(
    "reminders deadline",
    "Set an event's deadline (registration, nomination, visa); it gets its own reminders",
    Option("event", int, "Event number", required=True, min_value=1, autocomplete="event"),
    Option("kind", str, "Which deadline", required=True, choices=tuple(k.value for k in DeadlineKind)),
    Option("at", str, "When: ISO 8601 or words (2026-12-01T17:00, next friday 17:00)", required=True,
           max_length=100),
    Option("note", str, "What to do by then", max_length=TEXT_MAX),
    permission=Role.organiser,
)  # fmt: skip
async def reminders_deadline(ctx: Context, event: int, kind: str, at: str, note: str | None = None) -> Reply:
    row = await ctx.app.reminders.set_deadline(ctx.principal, event, kind, at, ctx.now, note)
    return Reply(
        text=f"The {row.kind} deadline of event #{event} is {ctx.times.instant(row.due_at, ctx.zone)}; "
        "guild reminder channels get reminders before it."
    )


@REGISTRY.command(
    "reminders clear-deadline",
    "Remove an event's deadline and its waiting reminders",
    Option("event", int, "Event number", required=True, min_value=1, autocomplete="event"),
    Option("kind", str, "Which deadline", required=True, choices=tuple(k.value for k in DeadlineKind)),
    permission=Role.organiser,
)
async def reminders_clear_deadline(ctx: Context, event: int, kind: str) -> Reply:
    await ctx.app.reminders.clear_deadline(ctx.principal, event, kind, ctx.now)
    return Reply(text=f"The {kind} deadline of event #{event} is removed, with its waiting reminders.")


# /settings reminders is declared with the other server settings (bot/commands/guild_settings.py), from the
# one declaration of a server's settings (bot/services/guilds.py).

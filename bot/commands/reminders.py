"""/remind, /reminders and /settings reminders: personal reminders, deadlines and the guild's settings.
Replies are in the asker's language (answer_text's messages); the reminders keep it for their messages."""

from __future__ import annotations

from bot.commands.base import Context, Field, Option, Reply
from bot.commands.locales import called
from bot.commands.registry import REGISTRY
from bot.reminders.delivery import TEXT_MAX
from bot.reminders.timing import offsets_words
from bot.services import answer_text as T
from bot.services.principal import Role
from storage.models import DeadlineKind, ReminderKind
from storage.reference import supported_language

REGISTRY.group("remind", "Personal reminders")
REGISTRY.group("reminders", "Your reminders and event deadlines")
REGISTRY.group("settings", "Settings for this server (admins)")


def _lang(ctx: Context) -> str:
    """The asker's language (the Discord locale; English elsewhere)."""
    return supported_language(ctx.locale)


def _footer(ctx: Context, lang: str) -> str:
    return T.message(
        "reminder_footer",
        lang,
        list=called("reminders list", ctx.transport, lang),
        cancel=called("reminders cancel", ctx.transport, lang),
    )


@REGISTRY.command(
    "remind event",
    "A direct message before an event starts",
    Option("id", int, "Event number", required=True, min_value=1, autocomplete="event"),
    Option("before", str, "How long before: 1d, 2h, 30m, or several: 7d,1d", max_length=60),
    ephemeral=True,
)
async def remind_event(ctx: Context, id: int, before: str = "1d") -> Reply:
    lang = _lang(ctx)
    reminder, dues = await ctx.app.reminders.remind_event(
        ctx.principal, id, before, ctx.now, guild_id=ctx.guild_id, lang=lang
    )
    when = "\n".join(ctx.times.instant(d, ctx.zone, lang) for d in dues)
    return Reply(
        title=T.message("reminder_set", lang, id=reminder.id),
        text=T.message("reminder_event_set", lang, offsets=offsets_words(reminder.offsets, lang), id=id),
        fields=[Field(T.label("when", lang), when)],
        footer=_footer(ctx, lang),
        lang=lang,
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
    lang = _lang(ctx)
    reminder = await ctx.app.reminders.remind_me(
        ctx.principal, when, text, ctx.now, tz=ctx.zone, guild_id=ctx.guild_id, lang=lang
    )
    assert reminder.due_at is not None
    return Reply(
        title=T.message("reminder_set", lang, id=reminder.id),
        # the person's own text follows the sentence as it is (message() would tidy a "..")
        text=f"{T.message('reminder_me_set', lang, when=ctx.times.instant(reminder.due_at, ctx.zone, lang))} "
        f"{reminder.text}",
        footer=_footer(ctx, lang),
        lang=lang,
    )


@REGISTRY.command("reminders list", "Your reminders", ephemeral=True)
async def reminders_list(ctx: Context) -> Reply:
    lang = _lang(ctx)
    title = T.message("reminders_title", lang)
    views = await ctx.app.reminders.list_for(ctx.principal, ctx.now)
    if not views:
        me, event = called("remind me", ctx.transport, lang), called("remind event", ctx.transport, lang)
        return Reply(title=title, text=T.message("reminders_none", lang, me=me, event=event), lang=lang)
    lines = []
    for v in views:
        r = v.reminder
        nxt = (
            ctx.times.instant(v.next_due, ctx.zone, lang)
            if v.next_due
            else T.message("reminder_nothing_waiting", lang)
        )
        if r.kind == ReminderKind.personal_free.value:
            what = (r.text or "")[:80]
        elif v.event is not None:
            what = T.message(
                "reminder_before_event",
                lang,
                offsets=offsets_words(r.offsets, lang),
                id=v.event.id,
                title=v.event.title,
            )
        else:
            what = T.message("reminder_before_follows", lang, offsets=offsets_words(r.offsets, lang))
        lines.append(T.message("reminder_line", lang, id=r.id, what=what, next=nxt))
    cancel = called("reminders cancel", ctx.transport, lang)
    return Reply(
        title=title,
        text="\n\n".join(lines),
        footer=T.message("reminder_footer_cancel", lang, cancel=cancel),
        lang=lang,
    )


@REGISTRY.command(
    "reminders cancel",
    "Cancel one of your reminders",
    Option("id", int, "Reminder number (see /reminders list)", required=True, min_value=1),
    ephemeral=True,
)
async def reminders_cancel(ctx: Context, id: int) -> Reply:
    lang = _lang(ctx)
    await ctx.app.reminders.cancel(ctx.principal, id, ctx.now)
    return Reply(text=T.message("reminder_cancelled", lang, id=id), lang=lang)


@REGISTRY.command(
    "reminders follows",
    "Direct messages before every event you follow (on or off)",
    Option("enabled", bool, "true: remind me; false: stop", required=True),
    Option("before", str, "How long before: 1d, or several: 1d,1h", max_length=60),
    ephemeral=True,
)
async def reminders_follows(ctx: Context, enabled: bool, before: str | None = None) -> Reply:
    lang = _lang(ctx)
    reminder = await ctx.app.reminders.follow_reminders(
        ctx.principal, enabled, ctx.now, before=before, guild_id=ctx.guild_id, lang=lang
    )
    if reminder is None:
        return Reply(text=T.message("reminder_follows_off", lang), lang=lang)
    offsets = offsets_words(reminder.offsets, lang)
    return Reply(text=T.message("reminder_follows_on", lang, offsets=offsets), lang=lang)


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
    lang = _lang(ctx)
    row = await ctx.app.reminders.set_deadline(ctx.principal, event, kind, at, ctx.now, note)
    when = ctx.times.instant(row.due_at, ctx.zone, lang)
    deadline = T.deadline_name(row.kind, lang)
    return Reply(text=T.message("deadline_set", lang, deadline=deadline, event=event, when=when), lang=lang)


@REGISTRY.command(
    "reminders clear-deadline",
    "Remove an event's deadline and its waiting reminders",
    Option("event", int, "Event number", required=True, min_value=1, autocomplete="event"),
    Option("kind", str, "Which deadline", required=True, choices=tuple(k.value for k in DeadlineKind)),
    permission=Role.organiser,
)
async def reminders_clear_deadline(ctx: Context, event: int, kind: str) -> Reply:
    lang = _lang(ctx)
    await ctx.app.reminders.clear_deadline(ctx.principal, event, kind, ctx.now)
    deadline = T.deadline_name(kind, lang)
    return Reply(text=T.message("deadline_cleared", lang, deadline=deadline, event=event), lang=lang)


# /settings reminders is declared with the other server settings (bot/commands/guild_settings.py), from the
# one declaration of a server's settings (bot/services/guilds.py).

"""/ask and free text (mentions, DMs, `cbmbot chat "…"`): questions answered by the AnswerService."""

from __future__ import annotations

from bot.commands.base import Button, Context, Field, Option, Reply
from bot.commands.events import event_line
from bot.commands.registry import REGISTRY
from bot.services import answer_text as T
from bot.services.answers import Answer, when_text
from storage.models import Event


def answer_reply(ctx: Context, answer: Answer) -> Reply:
    """An answer as a transport-neutral reply, wholly in the answer's language: the text, its sources,
    events as lines, follow-up buttons, and a footer saying what kind of answer it is."""
    fields: list[Field] = []
    lang = answer.lang
    if answer.kind == "event" and answer.events:
        fields.append(Field(T.label("when", lang), _when(ctx, answer.events[0], lang)))
        if len(answer.events) > 1:
            others = "\n".join(event_line(ctx, e, lang) for e in answer.events[1:4])
            fields.append(Field(T.label("also", lang), others))
    shown = answer.shown_sources
    if shown is None:
        shown = [T.shown_source(s, lang) for s in answer.sources]
    if shown:
        fields.append(Field(T.label("source", lang), "; ".join(shown)))
    footer = " · ".join(
        p
        for p in (
            answer.note,
            f"{T.kind_label(answer.topic or answer.kind, lang)} · {T.label('language', lang)}",
        )
        if p
    )
    text = answer.answer
    if answer.kind == "event" and len(answer.events) > 1:
        text = text.split("\n", 1)[0]  # the others are listed in their own field
    return Reply(
        title=answer.title or (T.label("unknown", lang) if answer.kind == "unknown" else None),
        text=text,
        fields=fields,
        buttons=[Button(name, command) for name, command in answer.follow_ups[:5]],
        footer=footer,
        ephemeral=answer.private,
        lang=lang,
    )


def _when(ctx: Context, event: Event, lang: str) -> str:
    """When an event is: in English as the transport writes times (Discord's timestamps, the console's
    zones); in another language in words of that language (CLDR through Babel, the venue's zone)."""
    return ctx.times.event_when(event) if lang == "en" else when_text(event, lang)


async def _answer(ctx: Context, question: str) -> Reply:
    answer = await ctx.app.answers.answer(question, ctx.principal, ctx.now, lang_hint=ctx.locale)
    return answer_reply(ctx, answer)


@REGISTRY.command(
    "ask",
    "Ask about the CBMs, states, events or points of contact, in en/de/fr/it/ru",
    Option("question", str, "Your question, e.g. Is Japan a participating State?", required=True),
)
async def ask_command(ctx: Context, question: str) -> Reply:
    return await _answer(ctx, question)


@REGISTRY.free_text
async def free_text(ctx: Context, text: str) -> Reply:
    """Messages that are not slash commands: questions."""
    return await _answer(ctx, text)

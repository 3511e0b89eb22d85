"""/ask and free text (mentions, DMs, `cbmbot chat "…"`): questions answered by the AnswerService."""

from __future__ import annotations

from bot.commands.base import Button, Context, Field, Option, Reply
from bot.commands.events import event_line
from bot.commands.registry import REGISTRY
from bot.services.answer_text import label
from bot.services.answers import Answer

KIND_LABEL = {
    "cbm": "CBM",
    "country": "State or partner",
    "event": "Event",
    "contact": "Point of contact",
    "faq": "Fact",
    "unknown": "Not sure",
}


def answer_reply(ctx: Context, answer: Answer) -> Reply:
    """An answer as a transport-neutral reply: the text, its sources, events as lines, follow-up buttons."""
    fields: list[Field] = []
    lang = answer.lang
    if answer.kind == "event" and answer.events:
        fields.append(Field(label("when", lang), ctx.times.event_when(answer.events[0])))
        if len(answer.events) > 1:
            others = "\n".join(event_line(ctx, e) for e in answer.events[1:4])
            fields.append(Field(label("also", lang), others))
    if answer.sources:
        fields.append(Field(label("source", lang), "; ".join(answer.sources)))
    footer = " · ".join(p for p in (answer.note, f"{KIND_LABEL[answer.kind]} · {answer.lang}") if p)
    text = answer.answer
    if answer.kind == "event" and len(answer.events) > 1:
        text = text.split("\n", 1)[0]  # the others are listed in their own field
    return Reply(
        title=answer.title or (label("unknown", lang) if answer.kind == "unknown" else None),
        text=text,
        fields=fields,
        buttons=[Button(label, command) for label, command in answer.follow_ups[:5]],
        footer=footer,
        ephemeral=answer.private,
    )


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

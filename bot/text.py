"""Plain-text rendering of replies, shared by the console chat and `cbmbot chat`."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from bot.commands.base import Reply
from bot.services.answer_text import label, moment
from bot.timeutil import all_day_text, format_local, zone
from storage.models import Event

_BOLD = re.compile(r"\*\*(.+?)\*\*")


class TextTimes:
    """Times in the event's zone, and in the reader's where that differs."""

    def __init__(self, reader: ZoneInfo) -> None:
        self.reader = reader

    def event_when(self, event: Event) -> str:
        tz = zone(event.timezone)
        if event.all_day or event.approximate:  # an unknown year is never shown (it is a placeholder)
            return all_day_text(event.start_at, event.end_at, tz, approximate=event.approximate)
        start_local = event.start_at.astimezone(tz)
        end_local = event.end_at.astimezone(tz)
        end = (
            f"{end_local:%H:%M}" if end_local.date() == start_local.date() else format_local(event.end_at, tz)
        )
        text = f"{format_local(event.start_at, tz)} – {end} ({tz.key})"
        if self.reader.key != tz.key:
            text += f"; {format_local(event.start_at, self.reader)} for you"
        return text

    def instant(self, value: dt.datetime, tz: ZoneInfo, lang: str = "en") -> str:
        return moment(value, tz, lang)


def render_text(reply: Reply) -> str:
    parts: list[str] = []
    if reply.title:
        parts.append(_plain(reply.title))
        parts.append("=" * min(len(reply.title), 72))
    if reply.text:
        parts.append(_plain(reply.text))
    for field in reply.fields:
        value = _plain(field.value)
        parts.append(
            f"{field.name}: {value}"
            if "\n" not in value
            else f"{field.name}:\n  " + value.replace("\n", "\n  ")
        )
    lang = reply.lang
    if reply.url:
        parts.append(f"{label('link', lang)}: {reply.url}")
    if reply.footer:
        parts.append(f"({reply.footer})")
    if reply.buttons:
        parts.append(f"{label('next', lang)}: " + " · ".join(f"{b.command}" for b in reply.buttons))
    if reply.files:
        parts.append(f"{label('attached', lang)}: " + ", ".join(f.filename for f in reply.files))
    return "\n".join(parts)


def _plain(text: str) -> str:
    return _BOLD.sub(r"\1", text)

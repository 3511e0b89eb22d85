"""A check's report: per contact (in time, late, no answer, undeliverable), times to acknowledge, reachability
per channel and the trend across past checks; as JSON (../shared/contract.md), CSV and a PNG chart."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.services import answer_text
from storage.models import CommCheck, CommCheckPing, CommCheckTarget, PingPurpose, PingStatus

STATUSES = ("acknowledged", "late", "unanswered", "undeliverable")
LABELS = {
    "acknowledged": "Acknowledged in time",
    "late": "Acknowledged late",
    "unanswered": "No answer",
    "undeliverable": "Undeliverable",
}
COLOURS = {"acknowledged": "#2a6ebb", "late": "#f2a900", "unanswered": "#b8b8b8", "undeliverable": "#c0392b"}


@dataclass(frozen=True)
class ContactLine:
    name: str
    country: str
    type: str
    channel: str
    sent_at: dt.datetime | None
    ack_at: dt.datetime | None
    seconds: float | None
    status: str
    note: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "type": self.type,
            "channel": self.channel,
            "sent_at": self.sent_at.isoformat() if self.sent_at else None,
            "ack_at": self.ack_at.isoformat() if self.ack_at else None,
            "seconds": self.seconds,
            "status": self.status,
        }


@dataclass(frozen=True)
class ChannelLine:
    channel: str
    tried: int  # contacts a first ping went to on this channel
    delivered: int
    failed: int
    acknowledged: int  # acknowledgements that came through this channel

    @property
    def reachability(self) -> float | None:
        return self.delivered / self.tried if self.tried else None


@dataclass(frozen=True)
class TrendPoint:
    check_id: int
    started_at: dt.datetime
    contacts: int
    in_time: int

    @property
    def share(self) -> float:
        return self.in_time / self.contacts if self.contacts else 0.0


@dataclass
class Report:
    id: int
    status: str
    scope: str
    started_at: dt.datetime
    deadline_at: dt.datetime
    contacts: list[ContactLine]
    channels: list[ChannelLine]
    trend: list[TrendPoint] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for c in self.contacts if c.status == status)

    @property
    def sent(self) -> int:
        return sum(1 for c in self.contacts if c.sent_at is not None)

    def _times(self) -> list[float]:
        return sorted(c.seconds for c in self.contacts if c.seconds is not None)

    @property
    def median_seconds(self) -> float | None:
        times = self._times()
        return float(statistics.median(times)) if times else None

    @property
    def p90_seconds(self) -> float | None:
        times = self._times()
        return percentile(times, 0.9) if times else None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "sent": self.sent,
            "acknowledged": self.count("acknowledged"),
            "late": self.count("late"),
            "unanswered": self.count("unanswered"),
            "undeliverable": self.count("undeliverable"),
            "median_seconds": self.median_seconds,
            "p90_seconds": self.p90_seconds,
            "contacts": [c.as_json() for c in self.contacts],
            "channels": [
                {
                    "channel": c.channel,
                    "tried": c.tried,
                    "delivered": c.delivered,
                    "failed": c.failed,
                    "acknowledged": c.acknowledged,
                    "reachability": c.reachability,
                }
                for c in self.channels
            ],
            "trend": [
                {
                    "id": t.check_id,
                    "started_at": t.started_at.isoformat(),
                    "contacts": t.contacts,
                    "in_time": t.in_time,
                    "share": round(t.share, 4),
                }
                for t in self.trend
            ],
        }

    def aggregates(self) -> dict[str, Any]:
        """What members may see: counts and percentages, never who did not answer."""
        total = len(self.contacts)
        counts = {s: self.count(s) for s in STATUSES}
        return {
            "id": self.id,
            "status": self.status,
            "contacts": total,
            **counts,
            "percent": {s: round(100 * n / total, 1) if total else 0.0 for s, n in counts.items()},
            "median_seconds": self.median_seconds,
            "p90_seconds": self.p90_seconds,
        }

    def csv(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            ["name", "country", "type", "channel", "sent_at", "ack_at", "seconds", "status", "note"]
        )
        for c in self.contacts:
            writer.writerow(
                [
                    _cell(c.name),
                    _cell(c.country),
                    c.type,
                    c.channel,
                    c.sent_at.isoformat() if c.sent_at else "",
                    c.ack_at.isoformat() if c.ack_at else "",
                    "" if c.seconds is None else f"{c.seconds:.0f}",
                    c.status,
                    _cell(c.note),
                ]
            )
        return out.getvalue().encode("utf-8-sig")  # the BOM makes spreadsheet programs read UTF-8

    def chart(self) -> bytes:
        """A PNG for a slide: the outcome of this check per contact type, and the trend across checks.
        (CPU-bound: call it in a thread.)"""
        return render_chart(self)


def _cell(text: str) -> str:
    """No formula injection when the CSV is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of sorted values."""
    rank = max(1, math.ceil(share * len(values)))
    return float(values[rank - 1])


def _line(check: CommCheck, target: CommCheckTarget, pings: list[CommCheckPing]) -> ContactLine:
    """One contact: reached or not through their own pings (any purpose); an answer may also come from a
    colleague asked at three quarters, timed from the first message that reached anyone for them."""
    own = [p for p in pings if p.recipient == f"contact:{target.contact_id}"]
    sent = sorted(p.sent_at for p in own if p.sent_at is not None)
    first_sent = sent[0] if sent else None
    failed = (PingStatus.failed.value, PingStatus.undeliverable.value)
    notes = [f"{p.channel}: {p.error}" for p in own if p.status in failed and p.error]
    if target.acked_at is not None:
        status = "acknowledged" if target.acked_at <= check.deadline_at else "late"
        channel = target.ack_channel or "?"
        anyone = sorted(p.sent_at for p in pings if p.sent_at is not None)
        start = first_sent or (anyone[0] if anyone else None)
        seconds = (target.acked_at - start).total_seconds() if start else None
    else:
        status = "unanswered" if first_sent is not None else "undeliverable"
        reached = sorted({p.channel for p in own if p.sent_at is not None})
        channel = "+".join(reached) or "+".join(sorted({p.channel for p in own})) or "none"
        seconds = None
    return ContactLine(
        target.name, target.country, target.type, channel, first_sent, target.acked_at,
        None if seconds is None else max(0.0, seconds), status, "; ".join(notes),
    )  # fmt: skip


def build_report(
    history: Sequence[tuple[CommCheck, Sequence[CommCheckTarget], Sequence[CommCheckPing]]],
) -> Report:
    """The report of the last check in ``history`` (oldest first); the others make the trend."""
    check, targets, pings = history[-1]
    by_target: dict[int, list[CommCheckPing]] = {}
    for ping in pings:
        by_target.setdefault(ping.target_id, []).append(ping)
    lines = [_line(check, t, by_target.get(t.id, [])) for t in targets]
    channels = []
    for channel in ("discord", "email", "none"):
        own = [p for p in pings if p.purpose == PingPurpose.initial.value and p.channel == channel]
        if not own:
            continue
        channels.append(
            ChannelLine(
                channel,
                tried=len(own),
                delivered=sum(1 for p in own if p.status == PingStatus.sent.value),
                failed=sum(
                    1 for p in own if p.status in (PingStatus.failed.value, PingStatus.undeliverable.value)
                ),
                acknowledged=sum(1 for t in targets if t.ack_channel == channel),
            )
        )
    trend = [
        TrendPoint(
            c.id, c.started_at, len(ts), sum(1 for t in ts if t.acked_at and t.acked_at <= c.deadline_at)
        )
        for c, ts, _ in history
    ]
    return Report(
        check.id, check.status, check.scope, check.started_at, check.deadline_at, lines, channels, trend
    )


def render_chart(report: Report) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(12, 5.2), dpi=110)
    left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    groups = ["All", *sorted({c.type for c in report.contacts})]
    rows = {g: [c for c in report.contacts if g == "All" or c.type == g] for g in groups}
    start = [0.0] * len(groups)
    for status in STATUSES:
        shares = [
            100 * sum(1 for c in rows[g] if c.status == status) / len(rows[g]) if rows[g] else 0
            for g in groups
        ]
        bars = left.barh(
            [g.capitalize() for g in groups], shares, left=start, color=COLOURS[status], label=LABELS[status]
        )
        for bar, share in zip(bars, shares, strict=True):
            if share >= 6:
                x, y = bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2
                left.text(x, y, f"{share:.0f}%", ha="center", va="center", color="white", weight="bold")
        start = [a + b for a, b in zip(start, shares, strict=True)]
    left.set_xlim(0, 100)
    left.invert_yaxis()
    left.set_xlabel("% of points of contact")
    median = report.median_seconds
    times = (
        f"median {_duration(median)}, 90% within {_duration(report.p90_seconds)}"
        if median is not None
        else ""
    )
    left.set_title(
        f"Communication check #{report.id}: {len(report.contacts)} points of contact\n{times}", fontsize=12
    )
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=4, frameon=False, fontsize=9)
    for side in ("top", "right"):
        left.spines[side].set_visible(False)
    labels = [f"#{t.check_id}\n{t.started_at:%d %b %y}" for t in report.trend]
    values = [100 * t.share for t in report.trend]
    right.plot(range(len(values)), values, marker="o", color=COLOURS["acknowledged"], linewidth=2)
    for x, y in enumerate(values):
        right.annotate(
            f"{y:.0f}%", (x, y), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=9
        )
    right.set_xticks(range(len(values)), labels, fontsize=8)
    right.set_ylim(0, 110)
    right.set_ylabel("% acknowledged in time")
    right.set_title("Trend across checks", fontsize=12)
    right.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        right.spines[side].set_visible(False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _duration(seconds: float | None) -> str:
    return answer_text.answer_time(seconds)  # the one rule, English here (files and the CLI)


duration = _duration

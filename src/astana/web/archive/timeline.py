"""The visual timeline of a process: rounds, documents and events on a time axis, as SVG.

Rendered on the server as plain SVG (no script), so it prints, works without JavaScript and
is readable by screen readers through its <title> elements. In a right-to-left language the
axis runs from right to left: the earliest event stands at the right-hand edge, as an
Arabic reader expects, and labels are anchored accordingly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

__all__ = ["TimelineItem", "render_timeline"]

WIDTH = 1000
MARGIN = 40
LANE_HEIGHT = 30
AXIS_Y = 50
CHAR_WIDTH = 6.2  # average advance of the 12px label font, used to keep labels apart

KIND_CLASS = {
    "round": "tl-round",
    "document": "tl-document",
    "conference": "tl-conference",
    "end": "tl-end",
    "call": "tl-call",
    "committee": "tl-committee",
}


@dataclass(frozen=True)
class TimelineItem:
    start: date
    end: date
    label: str
    kind: str
    url: str
    when: str  # the date as the reader reads it


def _x(day: date, first: date, last: date, rtl: bool) -> float:
    span = max((last - first).days, 1)
    offset = MARGIN + (day - first).days / span * (WIDTH - 2 * MARGIN)
    return WIDTH - offset if rtl else offset


def render_timeline(
    items: list[TimelineItem],
    *,
    rtl: bool,
    title: str,
    year_label: Callable[[int], str] = str,
) -> str:
    """An SVG document placing ``items`` on a time axis, with labels in non-overlapping lanes."""
    if not items:
        return ""
    items = sorted(items, key=lambda i: (i.start, i.label))
    first = date(min(i.start for i in items).year, 1, 1)
    last = date(max(i.end for i in items).year + 1, 1, 1)
    lanes_end: list[float] = []
    placed: list[tuple[TimelineItem, float, float, int, bool]] = []
    for item in items:
        x0 = _x(item.start, first, last, rtl)
        x1 = _x(item.end, first, last, rtl)
        label_width = len(item.label) * CHAR_WIDTH + 16
        # A label follows its mark in reading direction, unless it would run past the edge
        # of the picture (the last round, at the end of the axis): then it stands before it.
        flipped = (max(x0, x1) + label_width > WIDTH) if not rtl else (min(x0, x1) < label_width)
        # Extent the label occupies along the axis.
        if rtl != flipped:
            lo, hi = min(x0, x1) - label_width, max(x0, x1)
        else:
            lo, hi = min(x0, x1), max(x0, x1) + label_width
        key = lo if not rtl else -hi
        lane = next((n for n, edge in enumerate(lanes_end) if edge < key), len(lanes_end))
        if lane == len(lanes_end):
            lanes_end.append(0.0)
        lanes_end[lane] = (hi if not rtl else -lo) + 4
        placed.append((item, x0, x1, lane, flipped))
    height = AXIS_Y + (len(lanes_end) + 1) * LANE_HEIGHT
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line class="tl-axis" x1="{MARGIN}" y1="{AXIS_Y}" x2="{WIDTH - MARGIN}" y2="{AXIS_Y}"/>',
    ]
    for year in range(first.year, last.year + 1):
        x = _x(date(year, 1, 1), first, last, rtl)
        out.append(
            f'<line class="tl-tick" x1="{x:.1f}" y1="{AXIS_Y - 6}" x2="{x:.1f}" y2="{height}"/>'
        )
        if year < last.year:
            mid = _x(date(year, 7, 1), first, last, rtl)
            out.append(
                f'<text class="tl-year" x="{mid:.1f}" y="{AXIS_Y - 14}" text-anchor="middle">'
                f"{escape(year_label(year))}</text>"
            )
    # text-anchor "start" is the right-hand edge of right-to-left text.
    direction = ' direction="rtl"' if rtl else ""
    for item, x0, x1, lane, flipped in placed:
        y = AXIS_Y + (lane + 1) * LANE_HEIGHT
        css = KIND_CLASS.get(item.kind, "tl-event")
        left, right = min(x0, x1), max(x0, x1)
        out.append(f'<a href="{escape(item.url)}" class="{css}">')
        out.append(f"<title>{escape(item.label)} ({escape(item.when)})</title>")
        out.append(f'<line class="tl-stem" x1="{x0:.1f}" y1="{AXIS_Y}" x2="{x0:.1f}" y2="{y}"/>')
        if right - left >= 4:
            out.append(
                f'<rect class="tl-span" x="{left:.1f}" y="{y - 7}" '
                f'width="{right - left:.1f}" height="14" rx="3"/>'
            )
        else:
            out.append(f'<circle class="tl-dot" cx="{x0:.1f}" cy="{y}" r="6"/>')
        # Right of the mark, or left of it; "end" anchors the label by its far edge.
        label_x = (right + 10) if rtl == flipped else (left - 10)
        anchor = "end" if flipped else "start"
        out.append(
            f'<text class="tl-label" x="{label_x:.1f}" y="{y + 4}" text-anchor="{anchor}"'
            f"{direction}>{escape(item.label)}</text>"
        )
        out.append("</a>")
    out.append("</svg>")
    return "\n".join(out)

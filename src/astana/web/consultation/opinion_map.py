"""The opinion map of a consultation as server-rendered SVG (no script).

Participants are dots coloured by opinion group, each group's centre is labelled, and the
statements stand where their loadings on the two principal axes point (scaled to the
participants' spread), numbered as on the results page; every mark carries a <title>, so a
screen reader (or a hover) gives the statement's text or the group. In a right-to-left
language the map is mirrored like the archive's timeline: the first axis runs from right to
left, labels are anchored at their right-hand edge and the legend starts at the right.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from typing import Any

__all__ = ["GROUP_COLOURS", "MapLabels", "render_opinion_map"]

WIDTH = 720
HEIGHT = 480
MARGIN = 48
LEGEND = 28
GROUP_COLOURS = ("#1b6ca8", "#c2571a", "#2e8540", "#8e44ad", "#b8860b")
UNGROUPED = "#9aa0a6"


@dataclass(frozen=True)
class MapLabels:
    """The words on the map, in the reader's language."""

    title: str
    first_axis: str
    second_axis: str
    group: Callable[[int], str]  # group number (0-based) -> "Group A"
    statement: Callable[[int], str]  # statement number -> "Statement 3"
    number: Callable[[int], str] = str  # digits in the reader's script


def _frame(points: list[tuple[float, float]]) -> tuple[float, float]:
    xs = [abs(x) for x, _ in points] or [1.0]
    ys = [abs(y) for _, y in points] or [1.0]
    return max(*xs, 1e-9) * 1.1, max(*ys, 1e-9) * 1.1


def render_opinion_map(
    data: Mapping[str, Any],
    statements: Mapping[int, tuple[int, str]],
    *,
    rtl: bool,
    labels: MapLabels,
) -> str:
    """SVG of ``data`` (an analysis' ``map``); ``statements``: id -> (number, text)."""
    participants = data.get("participants", [])
    placed = {int(k): v for k, v in data.get("statements", {}).items() if int(k) in statements}
    points = [(p[0], p[1]) for p in participants] + [(v[0], v[1]) for v in placed.values()]
    span_x, span_y = _frame(points)
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN - LEGEND

    def at(x: float, y: float) -> tuple[float, float]:
        sx = MARGIN + (x / span_x + 1) / 2 * inner_w
        if rtl:
            sx = WIDTH - sx
        return sx, MARGIN + (1 - (y / span_y + 1) / 2) * inner_h

    cx, cy = at(0, 0)
    anchor_start = "start"  # the reading start: the right-hand edge in RTL
    direction = ' direction="rtl"' if rtl else ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="opinion-map" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(labels.title)}">',
        f"<title>{escape(labels.title)}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
        f'<line class="om-axis" x1="{MARGIN}" y1="{cy:.1f}" x2="{WIDTH - MARGIN}" y2="{cy:.1f}" '
        'stroke="#bbb"/>',
        f'<line class="om-axis" x1="{cx:.1f}" y1="{MARGIN}" x2="{cx:.1f}" '
        f'y2="{HEIGHT - MARGIN - LEGEND}" stroke="#bbb"/>',
    ]
    # The first axis is labelled at its far end in reading direction, the second at the top.
    axis_end_x = MARGIN if rtl else WIDTH - MARGIN
    out.append(
        f'<text class="om-axis-label" x="{axis_end_x}" y="{cy + 18:.1f}" '
        f'text-anchor="end" font-size="12" fill="#555"{direction}>'
        f"{escape(labels.first_axis)}</text>"
    )
    out.append(
        f'<text class="om-axis-label" x="{cx + (-6 if rtl else 6):.1f}" y="{MARGIN - 8}" '
        f'text-anchor="{anchor_start}" font-size="12" fill="#555"{direction}>'
        f"{escape(labels.second_axis)}</text>"
    )
    out.append('<g class="om-participants">')
    for x, y, group in participants:
        px, py = at(x, y)
        colour = GROUP_COLOURS[group % len(GROUP_COLOURS)] if group >= 0 else UNGROUPED
        out.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}" fill-opacity="0.55"/>'
        )
    out.append("</g>")
    for g, (x, y) in enumerate(data.get("centres", [])):
        px, py = at(x, y)
        name = escape(labels.group(g))
        colour = GROUP_COLOURS[g % len(GROUP_COLOURS)]
        out.append(
            f'<g class="om-group" data-group="{g}"><title>{name}</title>'
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="9" fill="none" stroke="{colour}" '
            f'stroke-width="2"/><text x="{px:.1f}" y="{py - 15:.1f}" '
            f'text-anchor="middle" font-size="13" font-weight="bold" '
            f'fill="{colour}"{direction}>{name}</text></g>'
        )
    for sid, (x, y) in sorted(placed.items(), key=lambda item: statements[item[0]][0]):
        number, text = statements[sid]
        px, py = at(x, y)
        out.append(
            f'<g class="om-statement" data-statement="{sid}">'
            f"<title>{escape(labels.statement(number))}: {escape(text)}</title>"
            f'<rect x="{px - 3:.1f}" y="{py - 3:.1f}" width="6" height="6" fill="#333"/>'
            f'<text x="{px + (-6 if rtl else 6):.1f}" y="{py - 5:.1f}" '
            f'text-anchor="{anchor_start}" font-size="11" fill="#333"{direction}>'
            f"{escape(labels.number(number))}</text></g>"
        )
    legend_y = HEIGHT - LEGEND + 6
    x = WIDTH - MARGIN if rtl else MARGIN
    for g in range(len(data.get("centres", []))):
        name = escape(labels.group(g))
        colour = GROUP_COLOURS[g % len(GROUP_COLOURS)]
        dot = x - 6 if rtl else x + 6
        text_x = x - 16 if rtl else x + 16
        out.append(
            f'<circle cx="{dot:.1f}" cy="{legend_y:.1f}" r="6" fill="{colour}"/>'
            f'<text class="om-legend" x="{text_x:.1f}" y="{legend_y + 4:.1f}" '
            f'text-anchor="{anchor_start}" font-size="12"{direction}>{name}</text>'
        )
        step = 40 + len(labels.group(g)) * 7
        x = x - step if rtl else x + step
    out.append("</svg>")
    return "\n".join(out)

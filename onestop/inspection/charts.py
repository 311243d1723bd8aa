"""The inspection figures as an inline SVG bar chart, drawn on the server.

As in ``onestop.metrics.charts``: no script, a title and a description for
screen readers, and every bar carries its score as text.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from onestop.inspection.selectors import FigureRow

WIDTH, LEFT, SCALE, ROW, TOP = 640, 190, 380, 26, 8
INK, MUTED, GRID, BAR, LABEL_CHARS = "#1f2328", "#5f6b7a", "#d7dde4", "#0b57d0", 14


def score_bars(rows: Sequence[FigureRow], *, chart_id: str, title: str) -> SafeString:
    """Horizontal bars of mean scores, 0–100, one per row."""
    bottom = TOP + ROW * max(len(rows), 1)
    parts = [_gridline(LEFT + SCALE * q / 4, bottom, str(q * 25)) for q in range(5)]
    for index, row in enumerate(rows):
        middle = TOP + (index + 0.5) * ROW
        width = SCALE * (row.score or 0) / 100
        value = "—" if row.score is None else f"{row.score:.1f} (n={row.count})"
        short = (
            row.label
            if len(row.label) <= LABEL_CHARS
            else row.label[: LABEL_CHARS - 1] + "…"
        )
        parts += [
            f'<text x="{LEFT - 8}" y="{middle}" font-size="12" fill="{INK}" text-anchor="end" '
            f'dominant-baseline="middle"><title>{escape(row.label)}</title>{escape(short)}</text>',
            f'<rect x="{LEFT}" y="{middle - 9}" width="{width:.1f}" height="18" fill="{BAR}"/>',
            f'<text x="{LEFT + width + 6:.1f}" y="{middle}" font-size="12" fill="{INK}" '
            f'dominant-baseline="middle">{escape(value)}</text>',
        ]
    description = gettext(
        "Mean inspection score out of 100, one bar per row, with the number of inspections."
    )
    height = bottom + 20
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" style="max-width:{WIDTH}px" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{"".join(parts)}</svg>'
    )


def _gridline(x: float, bottom: float, text: str) -> str:
    return (
        f'<line x1="{x}" y1="{TOP}" x2="{x}" y2="{bottom}" stroke="{GRID}"/>'
        f'<text x="{x}" y="{bottom + 14}" font-size="10" fill="{MUTED}" '
        f'text-anchor="middle">{text}</text>'
    )

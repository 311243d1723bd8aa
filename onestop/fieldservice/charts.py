"""The monthly field-service figures as small inline SVG column charts.

Like ``onestop.metrics.charts``: drawn on the server, no script, a title and
a description for screen readers, each column labelled with its value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from onestop.fieldservice.selectors import MonthFigures

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 24, 36
BAR = "#0b57d0"
MUTED = "#5f6368"


def _fmt_rate(value: float) -> str:
    return f"{value:.0%}"


def _fmt_number(value: float) -> str:
    return f"{value:,.1f}"


def figure_charts(rows: Sequence[MonthFigures]) -> list[tuple[str, SafeString]]:
    """(title, svg) for each of the four figures, one column per month."""
    specs: list[tuple[str, Callable[[MonthFigures], float | None], bool]] = [
        (_("On-time delivery rate"), lambda r: r.on_time_rate, True),
        (_("First-visit fix rate"), lambda r: r.first_visit_fix_rate, True),
        (_("Jobs per technician-day"), lambda r: r.jobs_per_technician_day, False),
        (_("Route kilometres"), lambda r: float(r.route_km), False),
    ]
    return [
        (title, column_chart(rows, value, title=title, rate=rate, chart_id=f"fs-{n}"))
        for n, (title, value, rate) in enumerate(specs, start=1)
    ]


def column_chart(
    rows: Sequence[MonthFigures],
    value: Callable[[MonthFigures], float | None],
    *,
    title: str,
    rate: bool,
    chart_id: str,
) -> SafeString:
    values = [value(r) for r in rows]
    top = 1.0 if rate else max([v for v in values if v is not None] + [1.0]) * 1.15
    slot = (WIDTH - LEFT - RIGHT) / max(len(rows), 1)
    plot = HEIGHT - TOP - BOTTOM
    parts = [
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" '
        f'y2="{HEIGHT - BOTTOM}" stroke="{MUTED}"/>'
    ]
    fmt = _fmt_rate if rate else _fmt_number
    for n, (row, v) in enumerate(zip(rows, values, strict=True)):
        x = LEFT + n * slot + slot * 0.2
        label = f"{row.month:%Y-%m}"
        parts.append(
            f'<text x="{x + slot * 0.3:.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle" font-size="11" fill="{MUTED}">{label}</text>'
        )
        if v is None:
            continue
        h = plot * v / top
        y = HEIGHT - BOTTOM - h
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.6:.1f}" '
            f'height="{h:.1f}" fill="{BAR}"><title>{label}: {fmt(v)}</title></rect>'
        )
        parts.append(
            f'<text x="{x + slot * 0.3:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
            f'font-size="11">{fmt(v)}</text>'
        )
    description = _("One column per month; empty months have no column.")
    svg = (
        f'<svg id="{chart_id}" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{chart_id}-t {chart_id}-d">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(description)}</desc>{"".join(parts)}</svg>'
    )
    return mark_safe(svg)

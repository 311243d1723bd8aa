"""Provider scores as inline SVG, drawn on the server.

As the other figures (``onestop.metrics.charts``): no script and no chart
library; the chart is an ``img`` with a title and a description, every mark
carries its value in a tooltip, series differ by dash pattern as well as
colour, and the tables beside the charts hold every number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from onestop.providers.models import Contract, MonthlyAssessment
from onestop.providers.months import month_label

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 40, WIDTH - 10, 30, HEIGHT - 26
INK, GRID, BAR, LINE_AT = "#1f2328", "#d7dde4", "#0b57d0", "#b3261e"
SERIES = [
    ("#0b57d0", ""),
    ("#1e7b34", "6 3"),
    ("#a142f4", "2 3"),
    ("#b06000", "8 3 2 3"),
]


def _html(template: str, *args: Any) -> SafeString:
    """``format_html`` with floats written to one decimal (it escapes before formatting)."""
    shown = [f"{a:.1f}" if isinstance(a, float) else a for a in args]
    return format_html(template.replace("{:.1f}", "{}"), *shown)


def _y(score: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * max(min(score, 100.0), 0.0) / 100


def _grid() -> list[SafeString]:
    marks = []
    for level in (0, 25, 50, 75, 100):
        y = _y(level)
        marks.append(
            _html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"/>',
                LEFT,
                RIGHT,
                y,
                y,
                GRID,
            )
        )
        marks.append(
            _html(
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="{}">{}</text>',
                LEFT - 4,
                y + 4,
                INK,
                level,
            )
        )
    return marks


def _svg(
    chart_id: str, title: str, description: str, parts: Sequence[SafeString]
) -> SafeString:
    return _html(
        '<svg id="{}" class="chart" role="img" viewBox="0 0 {} {}" aria-labelledby="{}-t {}-d">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>',
        chart_id, WIDTH, HEIGHT, chart_id, chart_id, chart_id, title, chart_id,
        description, mark_safe("".join(parts)),
    )  # fmt: skip


def scores_chart(
    months: Sequence[MonthlyAssessment], *, contract: Contract, chart_id: str
) -> SafeString:
    """A column per assessed month, with the full-payment score as a line."""
    parts = _grid()
    slot = (RIGHT - LEFT) / max(len(months), 1)
    for index, assessment in enumerate(months):
        x = LEFT + index * slot + slot * 0.2
        score = float(assessment.score)
        tip = gettext("%(month)s: %(score)s points") % {
            "month": month_label(assessment.month),
            "score": assessment.score,
        }
        parts.append(_html(
            '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">'
            "<title>{}</title></rect>"
            '<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{}</text>',
            x, _y(score), slot * 0.6, BOTTOM - _y(score), BAR, tip,
            x + slot * 0.3, BOTTOM + 16, month_label(assessment.month),
        ))  # fmt: skip
    full = _y(float(contract.full_at))
    parts.append(_html(
        '<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" stroke="{}" '
        'stroke-dasharray="6 3"><title>{}</title></line>',
        LEFT, RIGHT, full, full, LINE_AT,
        gettext("Full payment from %(points)s points") % {"points": contract.full_at},
    ))  # fmt: skip
    title = gettext("Monthly score of %(provider)s") % {
        "provider": contract.provider.name
    }
    description = gettext(
        "One column per assessed month (%(n)s months); the dashed line is the score "
        "from which the full amount is paid."
    ) % {"n": len(months)}
    return _svg(chart_id, title, description, parts)


def comparison_chart(
    rows: Sequence[Any], months: Sequence[date], *, chart_id: str
) -> SafeString:
    """One line per competing provider across the months compared."""
    parts = _grid()
    slot = (RIGHT - LEFT) / max(len(months) - 1, 1)
    for index, month in enumerate(months):
        parts.append(_html(
            '<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11">{}</text>',
            LEFT + index * slot, BOTTOM + 16, month_label(month),
        ))  # fmt: skip
    for number, row in enumerate(rows):
        colour, dash = SERIES[number % len(SERIES)]
        points = [
            (LEFT + i * slot, _y(float(cell.score)), cell)
            for i, cell in enumerate(row.cells)
            if cell is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _cell in points)
            parts.append(_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" '
                'stroke-dasharray="{}"/>',
                path, colour, dash,
            ))  # fmt: skip
        for x, y, cell in points:
            tip = gettext("%(provider)s, %(month)s: %(score)s points") % {
                "provider": row.contract.provider.name,
                "month": month_label(cell.month),
                "score": cell.score,
            }
            parts.append(_html(
                '<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}"><title>{}</title></circle>',
                x, y, colour, tip,
            ))  # fmt: skip
        parts.append(_html(
            '<text x="{}" y="{}" font-size="12" fill="{}">— {}</text>',
            LEFT + 150 * number, 16, colour, row.contract.provider.name,
        ))  # fmt: skip
    title = gettext("Competing providers' monthly scores")
    description = gettext(
        "One line per provider over %(n)s months; the table below holds every figure."
    ) % {"n": len(months)}
    return _svg(chart_id, title, description, parts)


__all__ = ["comparison_chart", "scores_chart"]

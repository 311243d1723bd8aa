"""Entitlement use and billed amounts per month, as inline SVG columns with their values."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from onestop.servicecontracts.selectors import MonthFigure

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 640, 220, 24, 180, 16
INK, BAR = "#1f2328", "#0b57d0"


def month_columns(
    rows: Sequence[MonthFigure], *, title: str, values: Sequence[Decimal | int]
) -> SafeString:
    """One column per month, its value written above it and the month below."""
    peak = max([Decimal(v) for v in values] + [Decimal(1)])
    step = (WIDTH - 2 * LEFT) / max(len(rows), 1)
    bars = []
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        height = float(Decimal(value) / peak) * (BOTTOM - TOP)
        left = LEFT + index * step
        centre = f"{left + step / 2:.1f}"
        top = BOTTOM - height
        bars.append(
            (
                f"{left + 4:.1f}",
                f"{top:.1f}",
                f"{step - 8:.1f}",
                f"{height:.1f}",
                centre,
                f"{top - 4:.1f}",
                str(value),
                centre,
                str(BOTTOM + 16),
                row.month[2:],
            )
        )
    return format_html(
        '<svg role="img" viewBox="0 0 {} {}" width="100%" aria-label="{}">'
        "<title>{}</title>{}</svg>",
        WIDTH,
        HEIGHT,
        title,
        title,
        format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="' + BAR + '"/>'
            '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="'
            + INK
            + '">{}</text>'
            '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
            bars,
        ),
    )

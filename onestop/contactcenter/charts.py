"""The hotline's charts as inline SVG, drawn on the server.

After ``onestop.metrics.charts``: no script and no chart library, each chart
an ``img`` with a title and a description, every mark with its value in a
tooltip, and the table beside it holding every number.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from onestop.contactcenter.definitions import FIGURE, format_percent
from onestop.contactcenter.selectors import CallFigures

WIDTH = 960
LEFT, RIGHT, TOP, BOTTOM = 48, WIDTH - 12, 34, 234
INK, MUTED, GRID = "#1f2328", "#5f6b7a", "#d7dde4"
OFFERED, ANSWERED, LINE, TARGET = "#8a94a3", "#1e7b34", "#0b57d0", "#b3261e"


def volume_chart(rows: Sequence[CallFigures], *, chart_id: str) -> SafeString:
    """Offered beside answered, one pair of columns per interval."""
    peak = _nice_ceiling(max((row.offered for row in rows), default=0))
    slot = (RIGHT - LEFT) / max(len(rows), 1)
    bar = max(1.0, min(10.0, (slot - 2) / 2))
    parts = [_legend([(_label("offered"), OFFERED), (_label("answered"), ANSWERED)])]
    parts += [_y_gridline(tick / peak, str(tick)) for tick in (0, peak // 2, peak)]
    for index, row in enumerate(rows):
        x = LEFT + index * slot + (slot - 2 * bar) / 2
        parts += [
            _column(
                x,
                bar,
                row.offered / peak,
                f"{row.label} {_label('offered')}: {row.offered}",
                OFFERED,
            ),
            _column(
                x + bar,
                bar,
                row.answered / peak,
                f"{row.label} {_label('answered')}: {row.answered}",
                ANSWERED,
            ),
        ]
    parts += _x_labels(rows, slot)
    description = gettext(
        "Calls offered and answered in each of the %(count)s intervals shown, as "
        "pairs of columns; the table below holds the numbers."
    ) % {"count": len(rows)}
    title = gettext("Calls offered and answered by interval")
    return _svg(chart_id, title, description, parts)


def service_level_chart(
    rows: Sequence[CallFigures], *, target: float | None, chart_id: str
) -> SafeString:
    """The service level of each interval as a line, the target as a dashed line."""
    slot = (RIGHT - LEFT) / max(len(rows), 1)
    parts = [_y_gridline(share / 4, f"{share * 25}%") for share in range(5)]
    if target is not None:
        parts.append(_target_line(target))
    parts += _line(rows, slot)
    parts += _x_labels(rows, slot)
    description = gettext(
        "The service level of each interval on a scale of 0–100%, with the target "
        "as a dashed line; intervals without offered calls leave a gap."
    )
    title = gettext("Service level by interval")
    return _svg(chart_id, title, description, parts)


def _label(key: str) -> str:
    return str(FIGURE[key].label)


# --- Marks --------------------------------------------------------------------


def _y(share: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * min(max(share, 0.0), 1.2)


def _column(
    x: float, width: float, share: float, tooltip: str, colour: str
) -> SafeString:
    height = (BOTTOM - TOP) * share
    return _el(
        "rect",
        _el("title", tooltip),
        x=x,
        y=BOTTOM - height,
        width=width,
        height=height,
        fill=colour,
    )


def _line(rows: Sequence[CallFigures], slot: float) -> list[SafeString]:
    """Runs of intervals with a service level as polylines, each point a dot."""
    parts: list[SafeString] = []
    run: list[str] = []
    for index, row in enumerate([*rows, None]):
        level = row.service_level if row is not None else None
        if level is None:
            if len(run) > 1:
                parts.append(
                    _el(
                        "polyline",
                        points=" ".join(run),
                        fill="none",
                        stroke=LINE,
                        stroke_width=2,
                    )
                )
            run = []
            continue
        x, y = LEFT + (index + 0.5) * slot, _y(level)
        run.append(f"{x:.1f},{y:.1f}")
        tooltip = f"{row.label} {_label('service_level')}: {format_percent(level)}"  # type: ignore[union-attr]
        parts.append(_el("circle", _el("title", tooltip), cx=x, cy=y, r=3, fill=LINE))
    return parts


def _target_line(target: float) -> SafeString:
    y = _y(target)
    line = _el(
        "line",
        x1=LEFT,
        y1=y,
        x2=RIGHT,
        y2=y,
        stroke=TARGET,
        stroke_width=1.5,
        stroke_dasharray="6 4",
    )
    text = gettext("Target %(target)s") % {"target": format_percent(target)}
    # At the left, where the day's first calls seldom are.
    return line + _el("text", text, x=LEFT + 4, y=y - 5, font_size=11, fill=TARGET)


def _x_labels(rows: Sequence[CallFigures], slot: float) -> list[SafeString]:
    """The start of each whole hour under its interval (every row when there are few)."""
    every_row = len(rows) <= 16
    return [
        _small_text(row.code, LEFT + index * slot, BOTTOM + 14)
        for index, row in enumerate(rows)
        if every_row or row.code.endswith(":00")
    ]


def _y_gridline(share: float, text: str) -> SafeString:
    y = _y(share)
    line = _el("line", x1=LEFT, y1=y, x2=RIGHT, y2=y, stroke=GRID)
    label = _el(
        "text",
        text,
        x=LEFT - 6,
        y=y,
        font_size=10,
        fill=MUTED,
        text_anchor="end",
        dominant_baseline="middle",
    )
    return line + label


def _legend(entries: Sequence[tuple[str, str]]) -> SafeString:
    parts = []
    for index, (name, colour) in enumerate(entries):
        x = LEFT + index * 130
        parts += [
            _el("rect", x=x, y=8, width=12, height=12, fill=colour),
            _el(
                "text",
                name,
                x=x + 18,
                y=14,
                font_size=12,
                fill=INK,
                dominant_baseline="middle",
            ),
        ]
    return mark_safe("".join(parts))


def _small_text(text: str, x: float, y: float) -> SafeString:
    return _el("text", text, x=x, y=y, font_size=10, fill=MUTED, text_anchor="middle")


def _svg(
    chart_id: str, title: str, description: str, parts: list[SafeString]
) -> SafeString:
    return _el(
        "svg",
        mark_safe(
            _el("title", title, id=f"{chart_id}-title")
            + _el("desc", description, id=f"{chart_id}-desc")
            + "".join(parts)
        ),
        xmlns="http://www.w3.org/2000/svg",
        class_="chart",
        role="img",
        viewBox=f"0 0 {WIDTH} {BOTTOM + 24}",
        width="100%",
        style=f"max-width:{WIDTH}px",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
    )


def _el(tag: str, content: str = "", **attributes: object) -> SafeString:
    """One SVG element; ``font_size`` is written font-size, ``class_`` class."""
    pairs = (
        (
            name.rstrip("_").replace("_", "-"),
            f"{value:.1f}" if isinstance(value, float) else str(value),
        )
        for name, value in attributes.items()
    )
    attrs = format_html_join("", ' {}="{}"', pairs)
    if not content:
        return format_html("<{}{}/>", tag, attrs)
    return format_html("<{}{}>{}</{}>", tag, attrs, content, tag)


def _nice_ceiling(value: int) -> int:
    """The top of the scale: the least of 2, 4, 6, 8, 10, 20, 40 … not below ``value``."""
    if value <= 2:
        return 2
    power = 10 ** (len(str(value)) - 1)
    return next(
        step * power
        for step in (1, 2, 4, 6, 8, 10)
        if value <= step * power and step * power % 2 == 0
    )

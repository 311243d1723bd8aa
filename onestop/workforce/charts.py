"""Charts of a planning week as inline SVG, drawn on the server.

As the casework figures (``onestop.metrics.charts``): no script, no chart
library; each chart is an ``img`` with a title and a description, series are
told apart by dash patterns as well as colours, and the same numbers stand
in the tables under the charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from onestop.workforce.intervals import PER_DAY
from onestop.workforce.selectors import IntervalRow

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, WIDTH - 8, 34, HEIGHT - 26
INK, MUTED, GRID = "#1f2328", "#5f6b7a", "#d7dde4"
BLUE, GREY, GREEN, ORANGE = "#0b57d0", "#8a94a3", "#1e7b34", "#b3541e"


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    values: tuple[float, ...]
    dash: str = ""
    step: bool = False


def calls_chart(rows: Sequence[IntervalRow], *, chart_id: str) -> SafeString:
    forecast = tuple(r.staffing.forecast_calls for r in rows)
    actual = tuple(float(r.actual_calls) for r in rows)
    return _line_chart(
        chart_id=chart_id,
        title=gettext("Calls per half hour: forecast and actual"),
        description=gettext(
            "Calls forecast and calls offered in each half hour of the week, one "
            "line each; the week's forecast is %(forecast)s calls and %(actual)s "
            "were offered."
        )
        % {"forecast": _number(sum(forecast)), "actual": _number(sum(actual))},
        lines=[
            Line(gettext("Forecast"), BLUE, forecast),
            Line(gettext("Actual"), GREY, actual, dash="4 3"),
        ],
        days=len(rows) // PER_DAY,
    )


def agents_chart(rows: Sequence[IntervalRow], *, chart_id: str) -> SafeString:
    s = [r.staffing for r in rows]
    short = sum(1 for x in s if x.gap > 0)
    return _line_chart(
        chart_id=chart_id,
        title=gettext("Agents per half hour: required, rostered and actual"),
        description=gettext(
            "Agents required on the phones, required on shift (with shrinkage), "
            "rostered, and seen answering calls in each half hour of the week; "
            "%(short)s half hours have fewer agents rostered than required."
        )
        % {"short": short},
        lines=[
            Line(
                gettext("Required on the phones"),
                GREY,
                _f(x.required_agents for x in s),
                "2 2",
                True,
            ),
            Line(
                gettext("Required on shift"),
                BLUE,
                _f(x.scheduled_agents for x in s),
                step=True,
            ),
            Line(
                gettext("Rostered"),
                GREEN,
                _f(x.rostered_agents for x in s),
                "6 3",
                True,
            ),
            Line(
                gettext("Actual"),
                ORANGE,
                _f(r.actual_agents for r in rows),
                "1 3",
                True,
            ),
        ],
        days=len(rows) // PER_DAY,
    )


def _f(values: object) -> tuple[float, ...]:
    return tuple(float(v) for v in values)  # type: ignore[attr-defined]


def _number(value: float) -> str:
    return formats.number_format(round(value), use_l10n=True, force_grouping=True)


# --- Drawing --------------------------------------------------------------------


def _line_chart(
    *, chart_id: str, title: str, description: str, lines: Sequence[Line], days: int
) -> SafeString:
    points = max((len(line.values) for line in lines), default=0)
    peak = _nice_ceiling(
        max((max(line.values, default=0) for line in lines), default=0)
    )
    parts = [_legend(lines)]
    for tick in (0, peak / 2, peak):
        parts.append(_gridline(BOTTOM - (BOTTOM - TOP) * tick / peak, f"{tick:g}"))
    parts += _day_marks(days)
    for line in lines:
        parts.append(_polyline(line, points, peak))
    return _svg(chart_id, title, description, parts)


def _x(index: float, points: int) -> float:
    return LEFT + (RIGHT - LEFT) * index / max(points, 1)


def _polyline(line: Line, points: int, peak: float) -> SafeString:
    coords: list[str] = []
    for i, value in enumerate(line.values):
        y = BOTTOM - (BOTTOM - TOP) * value / peak
        if line.step:
            coords += [
                f"{_x(i, points):.1f},{y:.1f}",
                f"{_x(i + 1, points):.1f},{y:.1f}",
            ]
        else:
            coords.append(f"{_x(i + 0.5, points):.1f},{y:.1f}")
    return _el(
        "polyline",
        _el("title", line.name),
        points=" ".join(coords),
        fill="none",
        stroke=line.colour,
        stroke_width="1.5",
        stroke_dasharray=line.dash or "none",
    )


def _day_marks(days: int) -> list[SafeString]:
    names = [
        gettext("Mon"),
        gettext("Tue"),
        gettext("Wed"),
        gettext("Thu"),
        gettext("Fri"),
        gettext("Sat"),
        gettext("Sun"),
    ]
    marks = []
    for d in range(days):
        x = _x(d * PER_DAY, days * PER_DAY)
        marks.append(_el("line", x1=x, y1=TOP, x2=x, y2=BOTTOM, stroke=GRID))
        label_x = _x((d + 0.5) * PER_DAY, days * PER_DAY)
        marks.append(_text(names[d % 7], label_x, BOTTOM + 16, anchor="middle"))
    return marks


def _gridline(y: float, text: str) -> SafeString:
    line = _el("line", x1=LEFT, y1=y, x2=RIGHT, y2=y, stroke=GRID)
    return line + _text(text, LEFT - 6, y + 3, anchor="end")


def _legend(lines: Sequence[Line]) -> SafeString:
    parts = []
    x = float(LEFT)
    for line in lines:
        parts += [
            _el(
                "line",
                x1=x,
                y1=14.0,
                x2=x + 22,
                y2=14.0,
                stroke=line.colour,
                stroke_width="2",
                stroke_dasharray=line.dash or "none",
            ),
            _el(
                "text",
                line.name,
                x=x + 27,
                y=18.0,
                font_size=12,
                fill=INK,
            ),
        ]
        x += 40 + 12 * len(line.name) * (1.0 if line.name.isascii() else 1.6) / 2
    return mark_safe("".join(parts))


def _text(text: str, x: float, y: float, *, anchor: str) -> SafeString:
    return _el("text", text, x=x, y=y, font_size=10, fill=MUTED, text_anchor=anchor)


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
        viewBox=f"0 0 {WIDTH} {HEIGHT}",
        width="100%",
        style=f"max-width:{WIDTH}px",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
    )


def _el(tag: str, content: str = "", **attributes: object) -> SafeString:
    """One SVG element; ``font_size`` is written font-size, ``class_`` class."""
    pairs = (
        (name.rstrip("_").replace("_", "-"), _attribute(value))
        for name, value in attributes.items()
    )
    attrs = format_html_join("", ' {}="{}"', pairs)
    if not content:
        return format_html("<{}{}/>", tag, attrs)
    return format_html("<{}{}>{}</{}>", tag, attrs, content, tag)


def _attribute(value: object) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _nice_ceiling(value: float) -> float:
    """The top of the scale: 2, 4, 6, 8 or 10 times a power of ten, not below ``value``."""
    if value <= 2:
        return 2
    power = 10 ** (len(str(int(value))) - 1)
    return float(
        next(step * power for step in (1, 2, 4, 6, 8, 10) if value <= step * power)
    )

"""Charts of the casework figures as inline SVG, drawn on the server.

No script and no chart library: the page works printed, offline and in a
screen reader. Each chart is an ``img`` with a title and a description, and
every bar carries its value as text, so nothing is told by colour or length
alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from onestop.metrics.definitions import FIGURE, format_percent
from onestop.metrics.selectors import FigureRow

WIDTH = 640
INK, MUTED, GRID = "#1f2328", "#5f6b7a", "#d7dde4"
BAR, RECEIVED, COMPLETED = "#0b57d0", "#8a94a3", "#1e7b34"
LABEL_CHARS = 14


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: tuple[int, ...]


def on_time_chart(rows: Sequence[FigureRow], *, chart_id: str) -> SafeString:
    """Horizontal bars of the on-time rate of each group, 0–100%."""
    return _rate_bars(
        chart_id=chart_id,
        title=_label_of("on_time_rate"),
        description=gettext(
            "Share of the completed cases finished by their deadline, one bar per "
            "group; a dash where nothing was completed."
        ),
        bars=[(row.label, row.on_time_rate) for row in rows],
    )


def trend_chart(rows: Sequence[FigureRow], *, chart_id: str) -> SafeString:
    """Received beside completed, month by month."""
    return _paired_columns(
        chart_id=chart_id,
        title=gettext("Received and completed by month"),
        description=gettext(
            "Requests received and accepted cases completed in each of the last "
            "%(count)s months, as pairs of columns with their numbers."
        )
        % {"count": len(rows)},
        labels=[row.code for row in rows],
        series=(
            Series(_label_of("received"), RECEIVED, tuple(r.received for r in rows)),
            Series(_label_of("completed"), COMPLETED, tuple(r.completed for r in rows)),
        ),
    )


def _label_of(key: str) -> str:
    return str(FIGURE[key].label)


# --- Drawing --------------------------------------------------------------------


def _rate_bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, float | None]],
) -> SafeString:
    left, scale, row_h, top = 190, 360, 26, 8
    bottom = top + row_h * max(len(bars), 1)
    parts = [
        _vertical_gridline(left + scale * quarter / 4, top, bottom, f"{quarter * 25}%")
        for quarter in range(5)
    ]
    for index, (label, rate) in enumerate(bars):
        middle = top + (index + 0.5) * row_h
        width = scale * (rate or 0)
        parts += [
            _label(label, left - 8, middle),
            _el("rect", x=left, y=middle - 9, width=width, height=18, fill=BAR),
            _el(
                "text",
                format_percent(rate),
                x=left + width + 6,
                y=middle,
                font_size=12,
                fill=INK,
                dominant_baseline="middle",
            ),
        ]
    return _svg(chart_id, title, description, bottom + 20, parts)


def _paired_columns(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
) -> SafeString:
    left, right, top, bottom = 44, WIDTH - 8, 36, 236
    peak = _nice_ceiling(max((v for s in series for v in s.values), default=0))
    slot = (right - left) / max(len(labels), 1)
    bar_w = min(18.0, (slot - 8) / len(series))
    parts = [_legend(series)]
    for tick in (0, peak // 2, peak):
        y = bottom - (bottom - top) * tick / peak
        parts.append(_horizontal_gridline(left, right, y, str(tick)))
    for index, label in enumerate(labels):
        first_x = left + index * slot + (slot - bar_w * len(series)) / 2
        for offset, one in enumerate(series):
            value, x = one.values[index], first_x + offset * bar_w
            height = (bottom - top) * value / peak
            tooltip = _el("title", f"{label} {one.name}: {value}")
            parts += [
                _el(
                    "rect",
                    tooltip,
                    x=x,
                    y=bottom - height,
                    width=bar_w - 1,
                    height=height,
                    fill=one.colour,
                ),
                _small_text(str(value), x + bar_w / 2, bottom - height - 3, INK),
            ]
        parts.append(_small_text(label, left + (index + 0.5) * slot, bottom + 14))
    return _svg(chart_id, title, description, bottom + 26, parts)


def _svg(
    chart_id: str, title: str, description: str, height: float, parts: list[SafeString]
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
        viewBox=f"0 0 {WIDTH} {height:.0f}",
        width="100%",
        style=f"max-width:{WIDTH}px",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
    )


def _label(text: str, x: float, y: float) -> SafeString:
    """A group's name, right-aligned; a long one is cut, in full in its tooltip."""
    short = text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"
    return _el(
        "text",
        _el("title", text) + format_html("{}", short),
        x=x,
        y=y,
        font_size=12,
        fill=INK,
        text_anchor="end",
        dominant_baseline="middle",
    )


def _small_text(text: str, x: float, y: float, fill: str = MUTED) -> SafeString:
    return _el("text", text, x=x, y=y, font_size=10, fill=fill, text_anchor="middle")


def _vertical_gridline(x: float, top: float, bottom: float, text: str) -> SafeString:
    line = _el("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID)
    return line + _small_text(text, x, bottom + 14)


def _horizontal_gridline(left: float, right: float, y: float, text: str) -> SafeString:
    line = _el("line", x1=left, y1=y, x2=right, y2=y, stroke=GRID)
    number = _el(
        "text",
        text,
        x=left - 6,
        y=y,
        font_size=10,
        fill=MUTED,
        text_anchor="end",
        dominant_baseline="middle",
    )
    return line + number


def _legend(series: Sequence[Series]) -> SafeString:
    parts = []
    for index, one in enumerate(series):
        x = 44 + index * 120
        parts += [
            _el("rect", x=x, y=8, width=12, height=12, fill=one.colour),
            _el(
                "text",
                one.name,
                x=x + 18,
                y=14,
                font_size=12,
                fill=INK,
                dominant_baseline="middle",
            ),
        ]
    return mark_safe("".join(parts))


def _el(tag: str, content: str = "", **attributes: object) -> SafeString:
    """One SVG element; ``font_size`` is written font-size, ``class_`` class.

    Numbers get one decimal; text is escaped unless it is already safe markup.
    """
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


def _nice_ceiling(value: int) -> int:
    """The top of the scale: the least of 2, 4, 6, 8, 10, 20, 40 … not below ``value``.

    Always even, so the middle gridline falls on a whole number.
    """
    if value <= 2:
        return 2
    power = 10 ** (len(str(value)) - 1)
    return next(
        step * power
        for step in (1, 2, 4, 6, 8, 10)
        if value <= step * power and step * power % 2 == 0
    )

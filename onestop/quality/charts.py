"""Charts of the quality report as inline SVG, drawn on the server.

As in ``onestop.metrics.charts``: no script, no library; each chart is an
``img`` with a title and a description, and every bar or point carries its
value as text, so nothing is told by colour or length alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
INK, MUTED, GRID = "#1f2328", "#5f6b7a", "#d7dde4"
BLUE, GREEN, GREY, RED = "#0b57d0", "#1e7b34", "#8a94a3", "#b3261e"
LABEL_CHARS = 14
Series = tuple[str, str, Sequence[float | None]]


def number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def score_bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, float | None]],
) -> SafeString:
    """Horizontal bars on 0–100, the score written after each bar; a dash for no data."""
    left, scale, row_h, top = 190, 360, 26, 8
    bottom = top + row_h * max(len(bars), 1)
    parts = [
        _vertical_gridline(left + scale * q / 4, top, bottom, str(q * 25))
        for q in range(5)
    ]
    for index, (label, value) in enumerate(bars):
        middle = top + (index + 0.5) * row_h
        width = scale * max(0.0, min(value or 0.0, 100.0)) / 100
        parts += [
            _label(label, left - 8, middle),
            _el("rect", x=left, y=middle - 9, width=width, height=18, fill=BLUE),
            _text(number(value), left + width + 6, middle),
        ]
    return _svg(chart_id, title, description, bottom + 20, parts)


def signed_bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, float | None]],
    digits: int = 2,
) -> SafeString:
    """Bars left (negative, red) or right (positive, green) of a zero line."""
    left, scale, row_h, top = 190, 360, 26, 8
    bottom = top + row_h * max(len(bars), 1)
    peak = max((abs(v) for _l, v in bars if v is not None), default=0.0) or 1.0
    zero = left + scale / 2
    parts = [_vertical_gridline(zero, top, bottom, "0")]
    for index, (label, value) in enumerate(bars):
        middle = top + (index + 0.5) * row_h
        width = scale / 2 * abs(value or 0.0) / peak
        x = zero - width if (value or 0) < 0 else zero
        colour = RED if (value or 0) < 0 else GREEN
        text_x = x - 6 if (value or 0) < 0 else x + width + 6
        parts += [
            _label(label, left - 8, middle),
            _el("rect", x=x, y=middle - 9, width=width, height=18, fill=colour),
            _text(
                number(value, digits),
                text_x,
                middle,
                anchor="end" if (value or 0) < 0 else "start",
            ),
        ]
    return _svg(chart_id, title, description, bottom + 20, parts)


def paired_bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    digits: int = 1,
) -> SafeString:
    """Horizontal bars, one per series for each label, against the largest value."""
    left, scale, top = 190, 360, 28
    bar_h = 14
    row_h = bar_h * len(series) + 8
    bottom = top + row_h * max(len(labels), 1)
    peak = (
        max((v for _n, _c, vs in series for v in vs if v is not None), default=0.0)
        or 1.0
    )
    parts = [_legend(series)]
    for index, label in enumerate(labels):
        y0 = top + index * row_h
        parts.append(_label(label, left - 8, y0 + row_h / 2 - 4))
        for offset, (name, colour, values) in enumerate(series):
            value = values[index]
            width = scale * (value or 0.0) / peak
            y = y0 + offset * bar_h
            parts += [
                _el(
                    "rect",
                    _el("title", f"{label} {name}: {number(value, digits)}"),
                    x=left,
                    y=y,
                    width=width,
                    height=bar_h - 2,
                    fill=colour,
                ),
                _text(
                    number(value, digits), left + width + 6, y + bar_h / 2 - 1, size=10
                ),
            ]
    return _svg(chart_id, title, description, bottom + 10, parts)


def trend_lines(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
) -> SafeString:
    """Lines over months on 0–100; a month without a run breaks the line."""
    left, right, top, bottom = 44, WIDTH - 12, 36, 236
    parts = [_legend(series)]
    for tick in (0, 25, 50, 75, 100):
        y = bottom - (bottom - top) * tick / 100
        parts.append(_el("line", x1=left, y1=y, x2=right, y2=y, stroke=GRID))
        parts.append(_text(str(tick), left - 6, y, size=10, anchor="end", fill=MUTED))
    slot = (right - left) / max(len(labels), 1)
    for index, label in enumerate(labels):
        parts.append(_small(label, left + (index + 0.5) * slot, bottom + 14))
    for name, colour, values in series:
        points: list[tuple[float, float]] = []
        for index, value in enumerate(values):
            if value is None:
                parts.append(_polyline(points, colour))
                points = []
                continue
            x = left + (index + 0.5) * slot
            y = bottom - (bottom - top) * max(0.0, min(value, 100.0)) / 100
            points.append((x, y))
            parts.append(
                _el(
                    "circle",
                    _el("title", f"{labels[index]} {name}: {number(value)}"),
                    cx=x,
                    cy=y,
                    r=3.5,
                    fill=colour,
                )
            )
            parts.append(_small(number(value), x, y - 7, colour))
        parts.append(_polyline(points, colour))
    return _svg(chart_id, title, description, bottom + 26, parts)


# --- Drawing ------------------------------------------------------------------------


def _polyline(points: list[tuple[float, float]], colour: str) -> SafeString:
    if len(points) < 2:
        return mark_safe("")
    return _el(
        "polyline",
        points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
        fill="none",
        stroke=colour,
        stroke_width=2,
    )


def _legend(series: Sequence[Series]) -> SafeString:
    parts = []
    for index, (name, colour, _values) in enumerate(series):
        x = 44 + index * 160
        parts.append(_el("rect", x=x, y=6, width=12, height=12, fill=colour))
        parts.append(_text(name, x + 18, 12, size=12))
    return mark_safe("".join(parts))


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
        id=chart_id,
        role="img",
        viewBox=f"0 0 {WIDTH} {height:.0f}",
        width="100%",
        style=f"max-width:{WIDTH}px",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
    )


def _label(text: str, x: float, y: float) -> SafeString:
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


def _text(
    text: str,
    x: float,
    y: float,
    *,
    size: int = 12,
    anchor: str = "start",
    fill: str = INK,
) -> SafeString:
    return _el(
        "text",
        text,
        x=x,
        y=y,
        font_size=size,
        fill=fill,
        text_anchor=anchor,
        dominant_baseline="middle",
    )


def _small(text: str, x: float, y: float, fill: str = MUTED) -> SafeString:
    return _el("text", text, x=x, y=y, font_size=10, fill=fill, text_anchor="middle")


def _vertical_gridline(x: float, top: float, bottom: float, text: str) -> SafeString:
    line = _el("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID)
    return line + _small(text, x, bottom + 14)


def _el(tag: str, content: str = "", **attributes: object) -> SafeString:
    pairs = (
        (
            name.rstrip("_").replace("_", "-"),
            f"{v:.1f}" if isinstance(v, float) else str(v),
        )
        for name, v in attributes.items()
    )
    attrs = format_html_join("", ' {}="{}"', pairs)
    if not content:
        return format_html("<{}{}/>", tag, attrs)
    return format_html("<{}{}>{}</{}>", tag, attrs, content, tag)

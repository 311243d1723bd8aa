"""A campaign's charts as inline SVG, drawn on the server.

As the other figures (``onestop.metrics.charts``): no script and no chart
library; each chart is an ``img`` with a title and a description, every mark
carries its value in a tooltip, series differ by pattern as well as colour,
and the tables under the charts hold every number.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from onestop.campaigns.selectors import DayRow, IntervalRow
from onestop.workforce.intervals import PER_DAY
from onestop.workforce.models import INTERVAL_MINUTES

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, WIDTH - 8, 34, HEIGHT - 26
INK, MUTED, GRID = "#1f2328", "#5f6b7a", "#d7dde4"
BASELINE, EXTRA, ACTUAL = "#8a94a3", "#0b57d0", "#1f2328"
NEED, ROSTERED, SHORT = "#0b57d0", "#1e7b34", "#fce8e6"


def daily_calls_chart(days: Sequence[DayRow], *, chart_id: str) -> SafeString:
    """Per day, the calls forecast without the campaign and the campaign's
    extra calls stacked on them; calls offered as a dot once known."""
    peak = _nice_ceiling(
        max(
            (max(d.baseline_calls + d.extra_calls, d.actual_calls or 0) for d in days),
            default=0,
        )
    )
    slot = (RIGHT - LEFT) / max(len(days), 1)
    legend = [(_baseline_name(), BASELINE, ""), (_extra_name(), EXTRA, "")]
    if any(d.actual_calls is not None for d in days):
        legend.append((gettext("Calls offered"), ACTUAL, "2 2"))
    parts = [_legend(legend), *_y_grid(peak)]
    for index, day in enumerate(days):
        parts += _day_marks(day, LEFT + index * slot, slot, peak)
    title = gettext("Calls per day: the forecast and the campaign's extra calls")
    description = gettext(
        "For each of the campaign's %(days)s days, a column of the calls forecast "
        "without the campaign with the campaign's extra calls stacked on top; "
        "%(extra)s extra calls in all."
    ) % {"days": len(days), "extra": _number(sum(d.extra_calls for d in days))}
    return _svg(chart_id, title, description, parts)


def _baseline_name() -> str:
    return gettext("Forecast without the campaign")


def _extra_name() -> str:
    return gettext("The campaign's extra calls")


def _day_marks(day: DayRow, x: float, slot: float, peak: float) -> list[SafeString]:
    width = min(48.0, slot * 0.6)
    left = x + (slot - width) / 2
    label = formats.date_format(day.day, "m-d D")
    base_top = _y(day.baseline_calls, peak)
    extra_top = _y(day.baseline_calls + day.extra_calls, peak)
    baseline_tip = _tip(label, _baseline_name(), day.baseline_calls)
    extra_tip = _tip(label, _extra_name(), day.extra_calls)
    marks = [
        _rect(left, base_top, width, BOTTOM - base_top, BASELINE, baseline_tip),
        _rect(left, extra_top, width, base_top - extra_top, EXTRA, extra_tip),
        _text(label, x + slot / 2, BOTTOM + 16, anchor="middle"),
    ]
    if day.actual_calls is not None:
        marks.append(
            _el(
                "circle",
                _el("title", _tip(label, gettext("Calls offered"), day.actual_calls)),
                cx=x + slot / 2,
                cy=_y(day.actual_calls, peak),
                r=5.0,
                fill="white",
                stroke=ACTUAL,
                stroke_width=2,
                class_="actual",
            )
        )
    return marks


def staffing_chart(rows: Sequence[IntervalRow], *, chart_id: str) -> SafeString:
    """Agents required on shift with and without the campaign, and rostered,
    per half hour of the hours anyone works; the half hours short are shaded."""
    first, last = working_window(rows)
    rows = [row for i, row in enumerate(rows) if first <= i % PER_DAY < last]
    staffing = [row.staffing for row in rows]
    peak = _nice_ceiling(
        max((max(s.scheduled_agents, s.rostered_agents) for s in staffing), default=0)
    )
    points = len(rows)
    parts = [
        _legend(
            [
                (gettext("Required on shift with the campaign"), NEED, ""),
                (gettext("Required on shift without it"), BASELINE, "2 2"),
                (gettext("Rostered"), ROSTERED, "6 3"),
            ]
        )
    ]
    parts += _short_bands(rows, points)
    parts += _y_grid(peak)
    parts += _day_lines(rows, points)
    parts += [
        _step_line([float(s.scheduled_agents) for s in staffing], peak, NEED, ""),
        _step_line([float(r.baseline_scheduled) for r in rows], peak, BASELINE, "2 2"),
        _step_line([float(s.rostered_agents) for s in staffing], peak, ROSTERED, "6 3"),
    ]
    short = sum(1 for s in staffing if s.gap > 0)
    title = gettext("Agents per half hour: required and rostered")
    description = gettext(
        "Agents required on shift with and without the campaign and agents "
        "rostered in each half hour from %(first)s to %(last)s on each day of the "
        "campaign; %(short)s half hours, shaded, have fewer agents rostered than "
        "required."
    ) % {"first": _clock(first), "last": _clock(last), "short": short}
    return _svg(chart_id, title, description, parts)


def working_window(rows: Sequence[IntervalRow]) -> tuple[int, int]:
    """The half hours of the day (0–48) from the first anyone is needed or
    rostered, on any day, to the last, with one spare on either side."""
    active = [
        i % PER_DAY
        for i, row in enumerate(rows)
        if row.staffing.scheduled_agents
        or row.staffing.rostered_agents
        or row.baseline_scheduled
    ]
    if not active:
        return 0, PER_DAY
    return max(min(active) - 1, 0), min(max(active) + 2, PER_DAY)


def _clock(interval: int) -> str:
    minutes = interval * INTERVAL_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _short_bands(rows: Sequence[IntervalRow], points: int) -> list[SafeString]:
    bands = []
    for index, row in enumerate(rows):
        s = row.staffing
        if s.gap <= 0:
            continue
        when = formats.date_format(timezone.localtime(s.start), "m-d H:i")
        tip = gettext("%(when)s: short by %(gap)s agents") % {
            "when": when,
            "gap": s.gap,
        }
        bands.append(
            _rect(
                _x(index, points),
                TOP,
                _x(index + 1, points) - _x(index, points),
                BOTTOM - TOP,
                SHORT,
                tip,
                class_="short",
            )
        )
    return bands


def _day_lines(rows: Sequence[IntervalRow], points: int) -> list[SafeString]:
    marks = []
    previous = None
    for index, row in enumerate(rows):
        local = timezone.localtime(row.staffing.start)
        if local.date() == previous:
            continue
        previous = local.date()
        x = _x(index, points)
        marks.append(_el("line", x1=x, y1=TOP, x2=x, y2=BOTTOM, stroke=GRID))
        marks.append(
            _text(
                formats.date_format(local, "m-d D"), x + 4, BOTTOM + 16, anchor="start"
            )
        )
    return marks


def _step_line(values: list[float], peak: float, colour: str, dash: str) -> SafeString:
    coords = []
    for index, value in enumerate(values):
        y = _y(value, peak)
        coords += [
            f"{_x(index, len(values)):.1f},{y:.1f}",
            f"{_x(index + 1, len(values)):.1f},{y:.1f}",
        ]
    return _el(
        "polyline",
        points=" ".join(coords),
        fill="none",
        stroke=colour,
        stroke_width="1.5",
        stroke_dasharray=dash or "none",
    )


# --- Drawing ----------------------------------------------------------------------


def _x(index: float, points: int) -> float:
    return LEFT + (RIGHT - LEFT) * index / max(points, 1)


def _y(value: float, peak: float) -> float:
    return BOTTOM - (BOTTOM - TOP) * value / peak


def _tip(label: str, name: str, value: float) -> str:
    return f"{label} {name}: {_number(value)}"


def _number(value: float) -> str:
    return formats.number_format(round(value), use_l10n=True, force_grouping=True)


def _rect(
    x: float,
    y: float,
    width: float,
    height: float,
    fill: str,
    tip: str,
    **extra: object,
) -> SafeString:
    return _el(
        "rect",
        _el("title", tip),
        x=x,
        y=y,
        width=max(width, 0.0),
        height=max(height, 0.0),
        fill=fill,
        **extra,
    )


def _y_grid(peak: float) -> list[SafeString]:
    lines = []
    for tick in (0, peak / 2, peak):
        y = _y(tick, peak)
        lines.append(_el("line", x1=LEFT, y1=y, x2=RIGHT, y2=y, stroke=GRID))
        lines.append(_text(f"{tick:g}", LEFT - 6, y + 3, anchor="end"))
    return lines


def _legend(entries: Sequence[tuple[str, str, str]]) -> SafeString:
    parts = []
    x = float(LEFT)
    for name, colour, dash in entries:
        parts += [
            _el(
                "line",
                x1=x,
                y1=14.0,
                x2=x + 22,
                y2=14.0,
                stroke=colour,
                stroke_width="6" if not dash else "2",
                stroke_dasharray=dash or "none",
            ),
            _el("text", name, x=x + 27, y=18.0, font_size=12, fill=INK),
        ]
        x += 40 + 12 * len(name) * (1.0 if name.isascii() else 1.6) / 2
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
        id=chart_id,
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
    """The top of the scale: 1, 2, 4, 6, 8 or 10 times a power of ten, not below ``value``."""
    if value <= 2:
        return 2
    power = 10 ** (len(str(int(value))) - 1)
    return float(
        next(step * power for step in (1, 2, 4, 6, 8, 10) if value <= step * power)
    )

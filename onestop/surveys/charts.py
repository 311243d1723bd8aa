"""The survey charts as inline SVG, drawn on the server (as ``onestop.metrics.charts``).

The SERVQUAL chart: expectation beside perception for each dimension on the
7-point scale, with the gap written under each pair, so nothing is told by
colour or length alone; and a question's distribution as horizontal bars,
each with its count and share."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from onestop.surveys.results import Option
from onestop.surveys.scores import DimensionRow

WIDTH = 640
INK, MUTED, GRID = "#1f2328", "#5f6b7a", "#d7dde4"
EXPECTED, PERCEIVED, SHORT = "#8a94a3", "#0b57d0", "#b3261e"


def _el(tag: str, content: str = "", **attrs: object) -> SafeString:
    shown = " ".join(
        format_html(
            '{}="{}"',
            k.rstrip("_").replace("_", "-"),
            f"{v:.1f}" if isinstance(v, float) else v,
        )
        for k, v in attrs.items()
    )
    return mark_safe(f"<{tag} {shown}>{content}</{tag}>")


def _text(
    text: str,
    x: float,
    y: float,
    *,
    size: int = 11,
    fill: str = INK,
    anchor: str = "middle",
) -> SafeString:
    return _el(
        "text",
        format_html("{}", text),
        x=x,
        y=y,
        font_size=size,
        fill=fill,
        text_anchor=anchor,
    )


def servqual_chart(rows: Sequence[DimensionRow], *, chart_id: str) -> SafeString:
    left, right, top, bottom = 40, WIDTH - 10, 34, 224
    slot = (right - left) / max(len(rows), 1)
    bar = min(30.0, (slot - 20) / 2)
    parts = [_legend()]
    for tick in range(1, 8):
        y = bottom - (bottom - top) * (tick - 1) / 6
        parts.append(_el("line", x1=left, y1=y, x2=right, y2=y, stroke=GRID))
        parts.append(
            _text(str(tick), left - 8, y + 4, size=10, fill=MUTED, anchor="end")
        )
    for index, row in enumerate(rows):
        x0 = left + index * slot + (slot - 2 * bar) / 2
        for offset, (value, colour, name) in enumerate(
            (
                (row.expectation, EXPECTED, gettext("Expectation")),
                (row.perception, PERCEIVED, gettext("Perception")),
            )
        ):
            if value is None:
                continue
            height = (bottom - top) * (value - 1) / 6
            x = x0 + offset * bar
            title = _el("title", format_html("{} {}: {:.2f}", row.label, name, value))
            parts.append(
                _el(
                    "rect",
                    title,
                    x=x,
                    y=bottom - height,
                    width=bar - 2,
                    height=max(height, 0.5),
                    fill=colour,
                )
            )
            parts.append(
                _text(f"{value:.2f}", x + bar / 2, bottom - height - 4, size=10)
            )
        centre = left + (index + 0.5) * slot
        parts.append(_text(row.label, centre, bottom + 16))
        if row.gap is not None:
            colour = SHORT if row.gap < 0 else INK
            parts.append(
                _text(
                    gettext("gap %(gap)s") % {"gap": f"{row.gap:+.2f}"},
                    centre,
                    bottom + 32,
                    size=11,
                    fill=colour,
                )
            )
    title = gettext("SERVQUAL: expectation and perception by dimension")
    description = gettext(
        "For each of the five dimensions, the mean expectation and the mean perception on "
        "the 7-point scale as a pair of columns, with the gap (perception − expectation) below."
    )
    return _el(
        "svg",
        _el("title", format_html("{}", title), id=f"{chart_id}-title")
        + _el("desc", format_html("{}", description), id=f"{chart_id}-desc")
        + "".join(parts),
        xmlns="http://www.w3.org/2000/svg",
        class_="chart",
        role="img",
        viewBox=f"0 0 {WIDTH} {bottom + 44}",
        width="100%",
        style=f"max-width:{WIDTH}px",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
    )


def _legend() -> SafeString:
    parts = []
    for index, (colour, name) in enumerate(
        ((EXPECTED, gettext("Expectation")), (PERCEIVED, gettext("Perception")))
    ):
        x = 48 + index * 130
        parts.append(_el("rect", x=x, y=8, width=12, height=12, fill=colour))
        parts.append(_text(name, x + 18, 18, anchor="start"))
    return mark_safe("".join(parts))


BAR_LEFT, BAR_SCALE, BAR_ROW, LABEL_CHARS = 170, 360, 22, 12


def distribution_bars(
    options: Sequence[Option], *, chart_id: str, title: str
) -> SafeString:
    """Horizontal bars of one question's answers: one per scale point or choice,
    each with its count and share written beside it."""
    bottom = 6 + BAR_ROW * max(len(options), 1)
    parts = []
    for index, option in enumerate(options):
        middle = 6 + (index + 0.5) * BAR_ROW
        width = BAR_SCALE * (option.share or 0)
        share = "—" if option.share is None else f"{option.share * 100:.1f}%"
        short = (
            option.label
            if len(option.label) <= LABEL_CHARS
            else option.label[: LABEL_CHARS - 1] + "…"
        )
        parts.append(
            _el(
                "text",
                _el("title", format_html("{}", option.label))
                + format_html("{}", short),
                x=BAR_LEFT - 8,
                y=middle + 4,
                font_size=11,
                fill=INK,
                text_anchor="end",
            )
        )
        parts.append(
            _el(
                "rect",
                x=BAR_LEFT,
                y=middle - 8,
                width=max(width, 0.5),
                height=16,
                fill=PERCEIVED,
            )
        )
        parts.append(
            _text(
                f"{option.count} ({share})",
                BAR_LEFT + width + 6,
                middle + 4,
                anchor="start",
            )
        )
    description = gettext(
        "How many counted answers chose each option, one bar per option, with the "
        "count and the share of the counted answers."
    )
    return _el(
        "svg",
        _el("title", format_html("{}", title), id=f"{chart_id}-title")
        + _el("desc", format_html("{}", description), id=f"{chart_id}-desc")
        + "".join(parts),
        xmlns="http://www.w3.org/2000/svg",
        class_="chart",
        role="img",
        viewBox=f"0 0 {WIDTH} {bottom + 6}",
        width="100%",
        style=f"max-width:{WIDTH}px",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
    )

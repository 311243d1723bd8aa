"""The standings as inline SVG bars, drawn on the server (as ``metrics.charts``).

Each bar carries its total as text and its rank before the name, so nothing
is told by length or colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from onestop.assessment.models import Score

WIDTH, LEFT, SCALE, ROW = 640, 200, 360, 26
INK, MUTED, GRID, BAR = "#1f2328", "#5f6b7a", "#d7dde4", "#0b57d0"
LABEL_CHARS = 14


def standings_chart(
    scores: Sequence[Score], *, chart_id: str, title: str, description: str
) -> SafeString:
    """Horizontal bars of each subject's total on 0–100, best first."""
    top = 8
    bottom = top + ROW * max(len(scores), 1)
    parts = []
    for tenth in range(0, 101, 25):
        x = LEFT + SCALE * tenth / 100
        parts.append(_el("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID))
        parts.append(_el("text", str(tenth), x=x, y=bottom + 14, font_size=10,
                         fill=MUTED, text_anchor="middle"))  # fmt: skip
    for index, score in enumerate(scores):
        middle = top + (index + 0.5) * ROW
        width = SCALE * float(score.total) / 100
        name = f"{score.rank}. {score.subject_name}"
        short = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
        label = _el("title", name) + format_html("{}", short)
        parts += [
            _el("text", label, x=LEFT - 8, y=middle, font_size=12, fill=INK,
                text_anchor="end", dominant_baseline="middle"),
            _el("rect", x=LEFT, y=middle - 9, width=width, height=18, fill=BAR),
            _el("text", f"{score.total}", x=LEFT + width + 6, y=middle, font_size=12,
                fill=INK, dominant_baseline="middle"),
        ]  # fmt: skip
    body = mark_safe(
        _el("title", title, id=f"{chart_id}-title")
        + _el("desc", description, id=f"{chart_id}-desc")
        + "".join(parts)
    )
    return _el("svg", body, xmlns="http://www.w3.org/2000/svg", class_="chart", role="img",
               viewBox=f"0 0 {WIDTH} {bottom + 20:.0f}", width="100%",
               style=f"max-width:{WIDTH}px",
               aria_labelledby=f"{chart_id}-title {chart_id}-desc")  # fmt: skip


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

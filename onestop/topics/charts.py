"""The digest's chart as inline SVG, drawn on the server (after ``onestop.metrics.charts``).

One row per reason: this week's count as a bar, the mean of the four weeks
before as a tick on it, rising reasons in red. The table beside it holds
every number.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from onestop.topics.selectors import Digest

WIDTH, LABEL, ROW = 720, 200, 22
INK, BAR, RISING, TICK = "#1f2328", "#8a94a3", "#b3261e", "#0b57d0"


def reason_chart(digest: Digest) -> SafeString:
    rows = digest.reasons
    peak = max([max(r.this_week, r.baseline) for r in rows] + [1])
    scale = (WIDTH - LABEL - 60) / peak
    marks = []
    for i, row in enumerate(rows):
        y = 8 + i * ROW
        label = row.label or gettext("Not classified")
        tip = gettext("%(reason)s: %(now)s this week, %(mean)s a week before") % {
            "reason": label,
            "now": row.this_week,
            "mean": f"{row.baseline:.1f}",
        }
        marks.append(
            (
                y + 14,
                label,
                y + 3,
                f"{row.this_week * scale:.1f}",
                RISING if row.rising else BAR,
                tip,
                f"{LABEL + row.baseline * scale:.1f}",
                y,
                y + ROW - 4,
                f"{LABEL + row.this_week * scale + 6:.1f}",
                row.this_week,
            )
        )
    body = format_html_join(
        "",
        '<text x="4" y="{}" fill="' + INK + '" font-size="12">{}</text>'
        '<rect x="' + str(LABEL) + '" y="{}" width="{}" height="14" fill="{}">'
        "<title>{}</title></rect>"
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="' + TICK + '" '
        'stroke-width="2"/><text x="{}" y="{}" font-size="11">{}</text>',
        (
            (
                m[0],
                m[1],
                m[2],
                m[3],
                m[4],
                m[5],
                m[6],
                m[6],
                m[7],
                m[8],
                m[9],
                m[0],
                m[10],
            )
            for m in marks
        ),
    )
    height = 16 + len(rows) * ROW
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'style="max-width:{}px">{}</svg>',
        gettext(
            "This week's notes by reason, against the mean of the four weeks before"
        ),
        WIDTH,
        height,
        WIDTH,
        body,
    )

"""The monthly quality report as an A4 PDF, set in STSong-Light.

STSong-Light is one of the CID fonts every PDF reader carries for Simplified
Chinese (as in ``onestop.intake.pdf``), so the text stays real, searchable
text and no font file ships with the project.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from onestop.organisations.models import Organisation
from onestop.quality.charts import number
from onestop.quality.gaps import Gap
from onestop.quality.selectors import FactorRow, Report

FONT = "STSong-Light"
INDENT = 4  # mm per level of the factor tree


@cache
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16)
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=13),
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=24),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=12.5, leading=20, spaceBefore=8
        ),
    }


def _p(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), _styles()[style])


def _indented(text: str, depth: int) -> Paragraph:
    # reportlab drops a paragraph's leading spaces, ideographic ones too, so
    # the factor tree's depth is the paragraph's left indent.
    style = ParagraphStyle(
        f"cell-{depth}", parent=_styles()["cell"], leftIndent=depth * INDENT * mm
    )
    return Paragraph(escape(text), style)


def _table(rows: Sequence[Sequence[str | Flowable]], widths: Sequence[float]) -> Table:
    table = Table(
        [
            [v if isinstance(v, Flowable) else _p(str(v), "cell") for v in row]
            for row in rows
        ],
        colWidths=[w * mm for w in widths],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def render_report(
    report: Report, gaps: Sequence[Gap], organisation: Organisation
) -> bytes:
    buffer = BytesIO()
    _document(buffer).build(
        [
            *_heading(report, organisation),
            _figures(report),
            *_factors(report),
            *_departments(report),
            *_trend(report),
            *_gaps(gaps),
        ]
    )
    return buffer.getvalue()


def _document(buffer: BytesIO) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=gettext("Monthly quality report"),
    )


def _heading(report: Report, organisation: Organisation) -> list[Flowable]:
    """Who, which month and scope, and which run of which scheme the figures come from."""
    scope = report.label or gettext("Whole organisation")
    return [
        _p(organisation.name, "heading"),
        _p(
            gettext("Monthly quality report %(month)s · %(scope)s")
            % {"month": report.run.month.strftime("%Y-%m"), "scope": scope},
            "title",
        ),
        _p(
            gettext("Scheme %(scheme)s, run %(run)s, computed %(when)s.")
            % {
                "scheme": str(report.run.scheme),
                "run": report.run.number,
                "when": report.run.computed_at.strftime("%Y-%m-%d %H:%M"),
            }
        ),
        Spacer(1, 4 * mm),
    ]


def _figures(report: Report) -> Table:
    """Q内 and Q外, then each source's score."""
    return _table(
        [
            [gettext("Figure"), gettext("Score")],
            [gettext("Internal quality Q内"), number(report.q_inner)],
            [gettext("External quality Q外"), number(report.q_outer)],
        ]
        + [[label, number(value)] for _s, label, value in report.sources],
        [110, 40],
    )


def _factors(report: Report) -> list[Flowable]:
    header = [
        gettext("Factor"),
        gettext("Weight"),
        gettext("Score"),
        gettext("Counted"),
    ]
    return [
        _p(gettext("Factors"), "heading"),
        _table(
            [header] + [_factor_row(row) for row in report.factor_rows],
            [95, 25, 25, 25],
        ),
    ]


def _factor_row(row: FactorRow) -> list[str | Flowable]:
    return [
        _indented(row.name, row.depth),
        f"{row.weight:.3f}",
        number(row.score),
        "" if row.count is None else str(row.count),
    ]


def _departments(report: Report) -> list[Flowable]:
    """Each department's Q内 and Q外; nothing when the report has no departments."""
    if not report.departments:
        return []
    return [
        _p(gettext("Departments"), "heading"),
        _table(
            [[gettext("Department"), "Q内", "Q外"]]
            + [
                [label, number(qi), number(qo)]
                for _k, label, qi, qo in report.departments
            ],
            [100, 35, 35],
        ),
    ]


def _trend(report: Report) -> list[Flowable]:
    return [
        _p(gettext("Trend"), "heading"),
        _table(
            [[gettext("Month"), "Q内", "Q外"]]
            + [
                [m.strftime("%Y-%m"), number(qi), number(qo)]
                for m, qi, qo in report.trend
            ],
            [60, 40, 40],
        ),
    ]


def _gaps(gaps: Sequence[Gap]) -> list[Flowable]:
    story: list[Flowable] = [_p(gettext("The five gaps"), "heading")]
    for gap in gaps:
        story += [_p(gap.title, "heading"), _p(gap.finding)]
    return story

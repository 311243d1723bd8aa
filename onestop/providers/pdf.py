"""A provider's monthly statement as an A4 PDF: score, deductions with reasons, payment.

Set in STSong-Light, the CID font every PDF reader carries for Simplified
Chinese (as ``onestop.intake.pdf``), so the text stays real, searchable
text. Everything printed comes from the frozen assessment, so a reprint
says what was computed and signed.
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from onestop.providers.models import AssessmentStatus
from onestop.providers.working import figure

FONT = "STSong-Light"


@cache
def _styles() -> dict[str, ParagraphStyle]:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15)
    return {
        "body": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=22),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=12, leading=18, spaceBefore=8
        ),
    }


def _p(text: Any, style: str = "cell") -> Paragraph:
    return Paragraph(escape(str(text)), _styles()[style])


def _table(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(
        [[_p(c) for c in row] for row in rows], colWidths=[w * mm for w in widths]
    )
    table.setStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ])  # fmt: skip
    return table


def _heading(context: dict[str, Any]) -> list[Any]:
    contract, assessment = context["contract"], context["assessment"]
    status = (
        gettext("Signed") if assessment.status == AssessmentStatus.SIGNED
        else gettext("Computed, not signed")
    )  # fmt: skip
    return [
        _p(gettext("Monthly assessment statement"), "title"),
        _p(contract.organisation.name, "body"),
        Spacer(1, 3 * mm),
        _table([
            [gettext("Provider"), contract.provider.name, gettext("Month"), context["month_label"]],
            [gettext("Contract"), contract.number,
             gettext("Service type"), contract.service_type.name],
            [gettext("Version"), str(assessment.version), gettext("Status"), status],
        ], [28, 57, 28, 57]),
    ]  # fmt: skip


def _kpis(context: dict[str, Any]) -> list[Any]:
    rows = [
        [
            gettext("KPI"),
            gettext("Measured value"),
            gettext("Points"),
            gettext("How the points came about"),
        ]
    ]
    for row in context["kpis"]:
        line = row.line
        value = "—" if line.value is None else figure(line.value)
        rows.append(
            [
                line.name,
                value,
                f"{figure(line.points)} / {figure(line.full_points)}",
                row.working,
            ]
        )
    return [_p(gettext("KPIs"), "heading"), _table(rows, [40, 25, 25, 80])]  # fmt: skip


def _deductions(context: dict[str, Any]) -> list[Any]:
    rows = [[gettext("Reason"), gettext("Points"), gettext("Evidence")]]
    rows += [[d.name, figure(d.points), d.evidence] for d in context["deductions"]]
    rows += [
        [gettext("Feedback officer report: %(text)s") % {"text": r.description},
         r.observed_on.isoformat(), r.region.name]
        for r in context["reports"]
    ]  # fmt: skip
    if len(rows) == 1:
        rows.append([gettext("No deductions this month."), "", ""])
    return [
        _p(gettext("Deductions and reports"), "heading"),
        _table(rows, [70, 20, 80]),
    ]


def _payment(context: dict[str, Any]) -> list[Any]:
    assessment = context["assessment"]
    rows = [[gettext("Step"), gettext("Amount (yuan)")]]
    rows += [[step.text, step.amount] for step in context["payment"]]
    rows.append([gettext("Amount payable"), context["amount"]])
    score = gettext(
        "Score: %(kpi)s KPI points − %(deducted)s deducted = %(score)s points"
    ) % {
        "kpi": figure(assessment.kpi_points),
        "deducted": figure(assessment.deducted_points),
        "score": figure(assessment.score),
    }
    return [
        _p(gettext("Payment"), "heading"),
        _p(score, "body"),
        Spacer(1, 2 * mm),
        _table(rows, [120, 50]),
    ]


def statement_pdf(context: dict[str, Any]) -> bytes:
    """The statement for ``context`` (as built for the statement page)."""
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
        topMargin=18 * mm, bottomMargin=18 * mm,
        title=gettext("Monthly assessment statement"),
    )  # fmt: skip
    printed = gettext("Printed %(when)s") % {
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M")
    }
    story = (
        _heading(context) + _kpis(context) + _deductions(context) + _payment(context)
    )
    story += [Spacer(1, 6 * mm), _p(printed, "cell")]
    document.build(story)
    return buffer.getvalue()

"""Bills and quotes as shown on the page and in the PDF: labelled lines with their working.

The PDF is set in STSong-Light, the CID font every PDF reader carries for
Simplified Chinese, as in ``onestop.intake.pdf``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from onestop.compute import ratecard

FONT = "STSong-Light"
LINE_LABELS = {
    ratecard.TRAVEL: _("Fares at cost"),
    ratecard.LODGING: _("Lodging (per person per day)"),
    ratecard.MEALS: _("Meals (per person per day)"),
    ratecard.LABOUR: _("Labour (per person per day)"),
    ratecard.DEVELOPMENT: _("Development (person-days × daily rate)"),
}


@dataclass(frozen=True)
class ShownLine:
    label: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    working: str


def shown_lines(lines: list[dict[str, str]]) -> list[ShownLine]:
    return [
        ShownLine(
            label=str(LINE_LABELS.get(line["code"], line["code"])),
            quantity=Decimal(line["quantity"]),
            unit_price=Decimal(line["unit_price"]),
            amount=Decimal(line["amount"]),
            working=line["working"],
        )
        for line in lines
    ]


@cache
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def document_pdf(
    *, title: str, number: str, facts: list[tuple[str, str]], document: Any
) -> bytes:
    """An A4 PDF: heading, facts, the lines with their working, the total."""
    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14)
    heading = ParagraphStyle("heading", parent=body, fontSize=16, leading=22)
    story: list[Any] = [
        Paragraph(escape(f"{title} {number}"), heading),
        Spacer(1, 4 * mm),
    ]
    story.append(_table([(label, value) for label, value in facts], font, header=False))
    story.append(Spacer(1, 6 * mm))
    rows = [
        (gettext("Item"), gettext("Working"), gettext("Amount (yuan)")),
        *(
            (line.label, line.working, str(line.amount))
            for line in shown_lines(document.lines)
        ),
        (gettext("Total"), "", str(document.total)),
    ]
    story.append(_table(rows, font, header=True))
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=f"{title} {number}").build(story)
    return buffer.getvalue()


def _table(rows: Sequence[Sequence[str]], font: str, *, header: bool) -> Table:
    table = Table([list(row) for row in rows], hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey))
    table.setStyle(style)
    return table

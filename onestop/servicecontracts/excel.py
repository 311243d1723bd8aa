"""The monthly figures as a workbook: headers in the active language, amounts as numbers."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font

from onestop.servicecontracts.selectors import MonthFigure


def write_month_figures(rows: Sequence[MonthFigure]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Service contracts")[:31]
    sheet.append(
        [gettext("Month"), gettext("Entitlements used"), gettext("Billed (yuan)")]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.month, row.uses, row.billed])
        sheet.cell(row=sheet.max_row, column=3).number_format = "#,##0.00"
    sheet.freeze_panes = "A2"
    for column in ("A", "B", "C"):
        sheet.column_dimensions[column].width = 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""The monthly field-service figures as a workbook (openpyxl).

Counts beside the rates, so each rate can be recomputed; rates as numbers
formatted as percentages; headers bold and frozen.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from onestop.fieldservice.selectors import MonthFigures


def write_figures(rows: Sequence[MonthFigures]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Field service")[:31]
    headers = [
        _("Month"),
        _("Orders delivered"),
        _("Delivered on time"),
        _("On-time delivery rate"),
        _("First visits"),
        _("Fixed on the first visit"),
        _("First-visit fix rate"),
        _("Jobs done"),
        _("Technician-days"),
        _("Jobs per technician-day"),
        _("Route kilometres"),
    ]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for r in rows:
        sheet.append(
            [
                f"{r.month:%Y-%m}",
                r.delivered,
                r.on_time,
                r.on_time_rate,
                r.first_visits,
                r.first_visit_fixed,
                r.first_visit_fix_rate,
                r.jobs_done,
                r.technician_days,
                r.jobs_per_technician_day,
                float(r.route_km),
            ]
        )
    for row in sheet.iter_rows(min_row=2):
        row[3].number_format = row[6].number_format = "0.0%"
        row[9].number_format = row[10].number_format = "0.00"
    for n, header in enumerate(headers, start=1):
        sheet.column_dimensions[sheet.cell(1, n).column_letter].width = max(
            10, len(header) * 2
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

"""A month of every provider as a workbook: each score with the inputs behind it.

One row per KPI or deduction line (contract, provider, service type, KPI,
source, weight, measured value, records counted, full points, points,
working), then one row per contract with the score and the payment; headers
in the active language, bold and frozen, as the other workbooks
(``onestop.metrics.excel``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from onestop.organisations.models import Organisation
from onestop.providers.kpis import metric_label
from onestop.providers.models import LineKind, MonthlyAssessment
from onestop.providers.months import month_label
from onestop.providers.working import kpi_working


def _header(sheet: Worksheet, titles: list[str]) -> None:
    sheet.append(titles)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, title in enumerate(titles, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(
            12, len(title) * 2
        )


def _lines_sheet(sheet: Worksheet, rows: Sequence[MonthlyAssessment]) -> None:
    _header(sheet, [
        gettext("Contract"), gettext("Provider"), gettext("Service type"), gettext("Kind"),
        gettext("KPI or reason"), gettext("Source"), gettext("Weight"),
        gettext("Measured value"), gettext("Records counted"), gettext("Full points"),
        gettext("Points"), gettext("Working or evidence"),
    ])  # fmt: skip
    for assessment in rows:
        contract = assessment.contract
        for line in assessment.lines.all():
            is_kpi = line.kind == LineKind.KPI
            sheet.append([
                contract.number, contract.provider.name, contract.service_type.name,
                line.get_kind_display(), line.name,
                metric_label(line.metric) if is_kpi else "",
                float(line.weight) if line.weight is not None else None,
                line.value, line.count if is_kpi else None, float(line.full_points),
                float(line.points), kpi_working(line) if is_kpi else line.evidence,
            ])  # fmt: skip


def _totals_sheet(sheet: Worksheet, rows: Sequence[MonthlyAssessment]) -> None:
    _header(sheet, [
        gettext("Contract"), gettext("Provider"), gettext("Service type"),
        gettext("Version"), gettext("Status"), gettext("KPI points"),
        gettext("Points deducted"), gettext("Score"), gettext("Base amount"),
        gettext("Amount payable"),
    ])  # fmt: skip
    for a in rows:
        sheet.append([
            a.contract.number, a.contract.provider.name, a.contract.service_type.name,
            a.version, a.get_status_display(), float(a.kpi_points),
            float(a.deducted_points), float(a.score), Decimal(a.base_amount),
            Decimal(a.amount),
        ])  # fmt: skip
        for cell in sheet[sheet.max_row][8:10]:
            cell.number_format = "#,##0.00"


def write_month(
    rows: Sequence[MonthlyAssessment], *, organisation: Organisation, month: date
) -> bytes:
    book = Workbook()
    totals = book.active
    totals.title = gettext("Scores and payment")
    _totals_sheet(totals, rows)
    _lines_sheet(book.create_sheet(gettext("Inputs")), rows)
    about = book.create_sheet(gettext("About"))
    about.append([gettext("Organisation"), organisation.name])
    about.append([gettext("Month"), month_label(month)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

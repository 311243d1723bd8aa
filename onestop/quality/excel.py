"""The monthly quality report as a workbook: summary, factors, departments, gaps."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from onestop.organisations.models import Organisation
from onestop.quality.gaps import Gap
from onestop.quality.selectors import Report


def _clean(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _sheet(
    sheet: Worksheet, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    sheet.title = title
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_clean(v) for v in row])
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column) * 1.6 + 2
        sheet.column_dimensions[column[0].column_letter].width = min(width, 60)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def write_report(
    report: Report, gaps: Sequence[Gap], organisation: Organisation
) -> bytes:
    book = Workbook()
    scope = report.label or gettext("Whole organisation")
    _sheet(
        book.active,
        gettext("Summary"),
        [gettext("Figure"), gettext("Value")],
        [
            (gettext("Organisation"), organisation.name),
            (gettext("Department"), scope),
            (gettext("Month"), report.run.month.strftime("%Y-%m")),
            (gettext("Scheme"), str(report.run.scheme)),
            (gettext("Run"), report.run.number),
            ("Q内", _round(report.q_inner)),
            ("Q外", _round(report.q_outer)),
        ]
        + [(label, _round(value)) for _s, label, value in report.sources],
    )
    _sheet(
        book.create_sheet(),
        gettext("Factors"),
        [
            gettext("Source"),
            gettext("Key"),
            gettext("Factor"),
            gettext("Weight"),
            gettext("Score"),
            gettext("Counted"),
            gettext("Data"),
            gettext("Reference"),
        ],
        [
            (
                row.source,
                row.key,
                "  " * row.depth + row.name,
                round(row.weight, 4),
                _round(row.score),
                row.count,
                row.kind_label,
                row.ref,
            )
            for row in report.factor_rows
        ],
    )
    _sheet(
        book.create_sheet(),
        gettext("Departments"),
        [gettext("Department"), "Q内", "Q外"],
        [(label, _round(qi), _round(qo)) for _k, label, qi, qo in report.departments],
    )
    _sheet(
        book.create_sheet(),
        gettext("Trend"),
        [gettext("Month"), "Q内", "Q外"],
        [(m.strftime("%Y-%m"), _round(qi), _round(qo)) for m, qi, qo in report.trend],
    )
    _sheet(
        book.create_sheet(),
        gettext("Five gaps"),
        [gettext("Gap"), gettext("Question"), gettext("Finding")],
        [(gap.title, gap.question, gap.finding) for gap in gaps],
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

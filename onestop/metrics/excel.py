"""The casework figures as a workbook: the figures, then the period and what each one counts.

After the catalogue workbook (``catalog/excel/write.py``): headers in the
active language and in bold, the header row frozen, columns as wide as their
widest value. Rates are numbers formatted as percentages, so they can be
recomputed from the counts beside them.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from onestop.metrics.definitions import FIGURES, NOTES, GroupBy, Kind
from onestop.metrics.forms import Period
from onestop.metrics.selectors import FigureRow
from onestop.organisations.models import Organisation

NUMBER_FORMATS = {Kind.COUNT: "0", Kind.RATE: "0.0%", Kind.DAYS: "0.00"}


@dataclass(frozen=True)
class Heading:
    """What the workbook says about itself on its second sheet."""

    organisation: Organisation
    period: Period
    produced_at: datetime


def write_figures(rows: Sequence[FigureRow], heading: Heading) -> bytes:
    book = Workbook()
    _write_figures(book.active, rows, heading.period.group_by)
    _write_definitions(book.create_sheet(gettext("Definitions")), heading)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_figures(
    sheet: Worksheet, rows: Sequence[FigureRow], group_by: GroupBy
) -> None:
    sheet.title = gettext("Figures")
    headers = [gettext("Code"), str(group_by.label)] + [str(f.label) for f in FIGURES]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        _write_row(sheet, row)
    sheet.freeze_panes = "C2"
    widths = [
        _width([headers[0], *(row.code for row in rows)]),
        _width([headers[1], *(row.label for row in rows)]),
        # The figures' headers wrap; their numbers are short.
        *(min(_width([header]), 14) for header in headers[2:]),
    ]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _write_row(sheet: Worksheet, row: FigureRow) -> None:
    sheet.append([_text(row.code), _text(row.label)])
    number = sheet.max_row
    for column, figure in enumerate(FIGURES, start=3):
        cell = sheet.cell(number, column, getattr(row, figure.key))
        cell.number_format = NUMBER_FORMATS[figure.kind]
    if row.is_total:
        for cell in sheet[number]:
            cell.font = Font(bold=True)
    for cell in sheet[number][:2]:
        if cell.data_type == "f":
            # A name that starts with "=" is text; Excel must not run it as a formula.
            cell.data_type = "s"


def _text(value: str) -> str | None:
    return ILLEGAL_CHARACTERS_RE.sub("", value) or None


def _write_definitions(sheet: Worksheet, heading: Heading) -> None:
    period = heading.period
    facts = [
        (gettext("Organisation"), heading.organisation.name),
        (
            gettext("Period"),
            f"{period.start.isoformat()} – {period.end.isoformat()}",
        ),
        (gettext("Group by"), str(period.group_by.label)),
        (gettext("Produced at"), date_format(heading.produced_at, "Y-m-d H:i")),
    ]
    for name, value in facts:
        sheet.append([name, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    sheet.append([gettext("Figure"), gettext("What it counts")])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for figure in FIGURES:
        sheet.append([str(figure.label), str(figure.definition)])
    sheet.append([])
    for note in NOTES:
        sheet.append(["", str(note)])
    for row in sheet.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = _width(str(f.label) for f in FIGURES)
    sheet.column_dimensions["B"].width = 80


def _width(texts: Iterable[str]) -> float:
    """Excel's width in characters; a Chinese character takes two."""
    widest = max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
            for text in texts
        ),
        default=0,
    )
    return min(max(widest + 2, 8), 60)

"""The inspection figures as a workbook (after ``onestop.metrics.excel``).

One sheet each for the mean totals by scorecard, by department and by staff
member (as on the figures page), one for each scorecard item's score, and
one saying what the workbook covers and how the figures are counted.
Headers in the active language and in bold, the header row frozen, columns
as wide as their widest value; a name that starts with "=" stays text.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from onestop.common.scores import SourceScore
from onestop.inspection.models import ScorecardItem
from onestop.inspection.selectors import FigureRow
from onestop.organisations.models import Organisation


@dataclass(frozen=True)
class Heading:
    organisation: Organisation
    start: date
    end: date
    department: str
    produced_at: datetime


def write_figures(
    figures: dict[str, list[FigureRow]],
    items: Sequence[tuple[ScorecardItem, SourceScore]],
    heading: Heading,
) -> bytes:
    book = Workbook()
    groups = (
        ("scorecards", gettext("By scorecard"), gettext("Scorecard")),
        ("departments", gettext("By department"), gettext("Department")),
        ("staff", gettext("By staff member"), gettext("Staff member")),
    )
    for index, (key, title, label) in enumerate(groups):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        _header(sheet, [label, gettext("Mean score"), gettext("Inspections")])
        for row in figures[key]:
            _append(sheet, [_text(row.label), row.score, row.count])
            sheet.cell(sheet.max_row, 2).number_format = "0.0"
        _fit(sheet)
    _items(book.create_sheet(gettext("Items")), items)
    _about(book.create_sheet(gettext("About")), heading)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _items(
    sheet: Worksheet, items: Sequence[tuple[ScorecardItem, SourceScore]]
) -> None:
    _header(
        sheet,
        [
            gettext("Scorecard"),
            gettext("Section"),
            gettext("Item"),
            gettext("Critical"),
            gettext("Maximum points"),
            gettext("Score (0–100)"),
            gettext("Inspections"),
        ],
    )
    for item, figure in items:
        _append(
            sheet,
            [
                _text(str(item.scorecard)),
                _text(item.section.title),
                _text(item.text),
                gettext("Yes") if item.is_critical else "",
                float(item.max_points),
                figure.score,
                figure.count,
            ],
        )
        sheet.cell(sheet.max_row, 6).number_format = "0.0"
    _fit(sheet)


def _about(sheet: Worksheet, heading: Heading) -> None:
    facts = [
        (gettext("Organisation"), heading.organisation.name),
        (gettext("Period"), f"{heading.start.isoformat()} – {heading.end.isoformat()}"),
        (gettext("Department"), heading.department or gettext("All")),
        (gettext("Produced at"), date_format(heading.produced_at, "Y-m-d H:i")),
    ]
    for name, value in facts:
        _append(sheet, [name, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    for note in (
        gettext(
            "Mean total per inspection (a failed critical item counts zero), by the "
            "day scored; appeals decided are applied and calibration copies are not "
            "counted."
        ),
        gettext(
            "An item's score is the points earned ÷ the points possible × 100 over "
            "the inspections where it applies."
        ),
    ):
        sheet.append(["", note])
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90


def _header(sheet: Worksheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _append(sheet: Worksheet, values: list[Any]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _text(value: str) -> str | None:
    return ILLEGAL_CHARACTERS_RE.sub("", value or "") or None


def _fit(sheet: Worksheet) -> None:
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = _width(str(v) for v in column if v is not None)
        sheet.column_dimensions[get_column_letter(index)].width = width


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

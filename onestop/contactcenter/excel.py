"""The hotline figures as a workbook: intervals, queues, agents, days, then definitions.

After ``onestop.metrics.excel``: headers in the active language and bold,
the header row frozen; rates are numbers formatted as percentages and every
count they are made of is beside them, so a reader can recompute them.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from onestop.contactcenter.definitions import FIGURES, NOTES, Figure, Kind
from onestop.contactcenter.selectors import CallFigures, HotlineFigures, Targets
from onestop.organisations.models import Organisation

NUMBER_FORMATS = {Kind.COUNT: "0", Kind.RATE: "0.0%", Kind.SECONDS: "0.0"}
AGENT_SHEET_FIGURES = tuple(f for f in FIGURES if f.per_agent)


@dataclass(frozen=True)
class Heading:
    """What the workbook says about itself on its definitions sheet."""

    organisation: Organisation
    produced_at: datetime


def write_call_figures(figures: HotlineFigures, heading: Heading) -> bytes:
    book = Workbook()
    sheets: list[tuple[str, str, Sequence[CallFigures], Sequence[Figure]]] = [
        (
            gettext("Intervals"),
            gettext("Interval"),
            [*figures.intervals, figures.total],
            FIGURES,
        ),
        (
            gettext("Queues"),
            gettext("Queue"),
            [*figures.queues, figures.total],
            FIGURES,
        ),
        (gettext("Agents"), gettext("Agent"), figures.agents, AGENT_SHEET_FIGURES),
        (gettext("Days"), pgettext("calendar day", "Day"), figures.days, FIGURES),
    ]
    for index, (title, header, rows, columns) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        _write_rows(sheet, header, rows, columns)
    _write_definitions(book.create_sheet(gettext("Definitions")), figures, heading)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_rows(
    sheet: Worksheet,
    header: str,
    rows: Sequence[CallFigures],
    columns: Sequence[Figure],
) -> None:
    headers = [gettext("Code"), header, *(str(f.label) for f in columns)]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        _write_row(sheet, row, columns)
    sheet.freeze_panes = "C2"
    widths = [
        _width([headers[0], *(row.code for row in rows)]),
        _width([headers[1], *(row.label for row in rows)]),
        *(min(_width([text]), 14) for text in headers[2:]),
    ]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _write_row(sheet: Worksheet, row: CallFigures, columns: Sequence[Figure]) -> None:
    sheet.append([_text(row.code), _text(row.label)])
    number = sheet.max_row
    for column, figure in enumerate(columns, start=3):
        cell = sheet.cell(number, column, getattr(row, figure.key))
        cell.number_format = NUMBER_FORMATS[figure.kind]
    for cell in sheet[number][:2]:
        if cell.data_type == "f":
            # A name that starts with "=" is text; Excel must not run it as a formula.
            cell.data_type = "s"
    if row.is_total:
        for cell in sheet[number]:
            cell.font = Font(bold=True)


def _text(value: str) -> str | None:
    return ILLEGAL_CHARACTERS_RE.sub("", value) or None


def _write_definitions(
    sheet: Worksheet, figures: HotlineFigures, heading: Heading
) -> None:
    queue = figures.queue
    facts = [
        (gettext("Organisation"), heading.organisation.name),
        (pgettext("calendar day", "Day"), figures.day.isoformat()),
        (
            gettext("Interval"),
            gettext("%(minutes)s minutes") % {"minutes": figures.interval_minutes},
        ),
        (
            gettext("Queue"),
            queue.label if queue else gettext("All queues"),
        ),
        (gettext("Time zone"), str(figures.zone)),
        *_target_facts(figures.targets),
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


def _target_facts(targets: Targets | None) -> list[tuple[str, str]]:
    if targets is None:
        return []
    threshold = (
        gettext("%(seconds)s s") % {"seconds": targets.answer_within_s}
        if targets.answer_within_s is not None
        else gettext("each queue's own")
    )
    return [
        (gettext("Service level target"), f"{targets.service_level:.0%}"),
        (gettext("Answer within"), threshold),
        (gettext("Answer rate target"), f"{targets.answer_rate:.0%}"),
        (gettext("Occupancy cap"), f"{targets.max_occupancy:.0%}"),
    ]


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

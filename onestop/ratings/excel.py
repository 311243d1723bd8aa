"""The rating figures as a workbook: counts per level, satisfaction share, bad ratings.

Like the casework workbook (``metrics/excel.py``): headers in the active
language and in bold, the header row frozen; the share is a number formatted
as a percentage so it can be recomputed from the counts beside it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from onestop.organisations.models import Organisation
from onestop.ratings.forms import Period
from onestop.ratings.models import Level
from onestop.ratings.selectors import LEVELS_SHOWN, FigureRow

SHARE_DEFINITION = _(
    "(Very satisfied + Satisfied + Basically satisfied) / all ratings counted. "
    "Bad ratings found invalid on verification or appeal are not counted."
)


def figure_headers(group_label: str) -> list[str]:
    return [
        gettext("Code"),
        group_label,
        gettext("Number of ratings"),
        *(str(Level(level).label) for level in LEVELS_SHOWN),
        gettext("Satisfaction"),
        gettext("Bad ratings"),
        gettext("Found invalid"),
    ]


def write_rating_figures(
    rows: Sequence[FigureRow],
    *,
    organisation: Organisation,
    period: Period,
    produced_at: datetime,
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("Ratings")
    sheet.append(figure_headers(str(period.group_by.label)))
    for row in rows:
        _append(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    sheet.column_dimensions["B"].width = 30
    about = book.create_sheet(gettext("Definitions"))
    for name, value in (
        (gettext("Organisation"), organisation.name),
        (gettext("Period"), f"{period.start.isoformat()} – {period.end.isoformat()}"),
        (gettext("Produced at"), date_format(produced_at, "Y-m-d H:i")),
        (gettext("Satisfaction"), str(SHARE_DEFINITION)),
    ):
        about.append([name, value])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _append(sheet: object, row: FigureRow) -> None:
    values = [
        ILLEGAL_CHARACTERS_RE.sub("", row.code) or None,
        ILLEGAL_CHARACTERS_RE.sub("", row.label) or None,
        row.count,
        *row.by_level,
        row.share,
        row.bad,
        row.invalid,
    ]
    sheet.append(values)  # type: ignore[attr-defined]
    number = sheet.max_row  # type: ignore[attr-defined]
    share = sheet.cell(number, 4 + len(LEVELS_SHOWN))  # type: ignore[attr-defined]
    share.number_format = "0.0%"
    for cell in sheet[number][:2]:  # type: ignore[index]
        if cell.data_type == "f":
            cell.data_type = "s"  # a name starting with "=" is text, not a formula
        if row.is_total:
            cell.font = Font(bold=True)

"""The weekly digest as a workbook for management (客户需求研究报告).

After ``onestop.metrics.excel``: bold frozen headers in the active language,
columns as wide as their values; note text masked as on screen.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from onestop.organisations.models import Organisation
from onestop.topics.masking import mask_note
from onestop.topics.selectors import Digest


def write_digest(digest: Digest, organisation: Organisation) -> bytes:
    book = Workbook()
    _reasons(book.active, digest)
    _phrases(book.create_sheet(gettext("Emerging phrases")), digest)
    _about(book.create_sheet(gettext("About")), digest, organisation)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _reasons(sheet: Worksheet, digest: Digest) -> None:
    sheet.title = gettext("Reasons")
    weeks = [f"{week:%Y-%m-%d}" for week in digest.weeks]
    _header(
        sheet,
        [
            gettext("Reason"),
            *weeks,
            gettext("Mean of the 4 weeks before"),
            gettext("Ratio"),
            gettext("Rising"),
        ],
    )
    for row in digest.reasons:
        sheet.append(
            [
                row.label or gettext("Not classified"),
                *row.weeks,
                round(row.baseline, 2),
                None if row.ratio is None else round(row.ratio, 2),
                gettext("Yes") if row.rising else "",
            ]
        )
    _fit(sheet)


def _phrases(sheet: Worksheet, digest: Digest) -> None:
    _header(
        sheet,
        [
            gettext("Phrase"),
            gettext("Notes this week"),
            gettext("Notes in the 4 weeks before"),
            gettext("G²"),
            gettext("Example notes"),
        ],
    )
    for phrase in digest.phrases:
        examples = "\n".join(_clean(mask_note(note.text)) for note in phrase.examples)
        sheet.append(
            [phrase.phrase, phrase.this_week, phrase.before, phrase.score, examples]
        )
        sheet.cell(sheet.max_row, 5).alignment = Alignment(
            wrap_text=True, vertical="top"
        )
    _fit(sheet)


def _about(sheet: Worksheet, digest: Digest, organisation: Organisation) -> None:
    rows: Sequence[Sequence[Any]] = [
        [gettext("Organisation"), organisation.name],
        [gettext("Week from"), f"{digest.week:%Y-%m-%d}"],
        [gettext("Notes this week"), digest.notes],
        [gettext("Produced at"), f"{timezone.localtime():%Y-%m-%d %H:%M}"],
        [
            gettext("Rising"),
            gettext(
                "At least 3 notes and at least 1.5 times the mean of the four weeks before."
            ),
        ],
        [
            gettext("Emerging phrases"),
            gettext(
                "Word sequences much more frequent this week than in the four weeks "
                "before, by Dunning's log-likelihood G² (p < 0.001)."
            ),
        ],
    ]
    for row in rows:
        sheet.append(list(row))
    _fit(sheet)


def _header(sheet: Worksheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _fit(sheet: Worksheet) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        width = max((len(str(c.value or "").split("\n")[0]) for c in column), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(2 * width + 2, 80)

"""A questionnaire's results as a workbook (after ``onestop.metrics.excel``).

Sheets: the summary per question (counted, screened, mean, score on 0–100),
the distribution of each scaled or choice question, every response of the
period with its answers (phones masked, screened ones marked), and what the
workbook covers. Headers in the active language and in bold, the header row
frozen, columns as wide as their widest value; text that starts with "="
stays text.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from onestop.organisations.models import Organisation
from onestop.surveys.results import RESPONSE_LIMIT, ResponseRow, Results


def write_results(
    results: Results,
    rows: Sequence[ResponseRow],
    *,
    organisation: Organisation,
    department: str = "",
    produced_at: datetime | None = None,
) -> bytes:
    book = Workbook()
    _summary(book.active, results)
    _distribution(book.create_sheet(gettext("Distribution")), results)
    _responses(book.create_sheet(gettext("Responses")), results, rows)
    _about(
        book.create_sheet(gettext("About")),
        results,
        organisation,
        department,
        produced_at or timezone.localtime(),
        len(rows),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary(sheet: Worksheet, results: Results) -> None:
    sheet.title = gettext("Summary")
    _header(
        sheet,
        [
            gettext("Code"),
            gettext("Question"),
            gettext("Kind"),
            gettext("Answers counted"),
            gettext("Screened out"),
            gettext("Mean"),
            gettext("Score (0–100)"),
        ],
    )
    for r in results.questions:
        _append(
            sheet,
            [
                _text(r.code),
                _text(r.text),
                str(r.question.get_kind_display()),
                r.counted,
                r.screened,
                r.mean,
                r.score,
            ],
        )
        number = sheet.max_row
        sheet.cell(number, 6).number_format = "0.00"
        sheet.cell(number, 7).number_format = "0.0"
    _fit(sheet, cap={2: 60})


def _distribution(sheet: Worksheet, results: Results) -> None:
    _header(
        sheet,
        [
            gettext("Code"),
            gettext("Question"),
            gettext("Option"),
            gettext("Answers"),
            gettext("Share of the counted answers"),
        ],
    )
    for r in results.questions:
        for option in r.options:
            _append(
                sheet,
                [_text(r.code), _text(r.text), _text(option.label), option.count],
            )
            cell = sheet.cell(sheet.max_row, 5, option.share)
            cell.number_format = "0.0%"
    _fit(sheet, cap={2: 50})


def _responses(sheet: Worksheet, results: Results, rows: Sequence[ResponseRow]) -> None:
    questions = [r.question for r in results.questions]
    _header(
        sheet,
        [
            gettext("Submitted at"),
            gettext("Channel"),
            gettext("Department"),
            gettext("Case"),
            gettext("Phone"),
            gettext("Counted"),
            gettext("Why excluded"),
            gettext("Comment"),
            *(q.code for q in questions),
        ],
    )
    for row in rows:
        response = row.response
        _append(
            sheet,
            [
                timezone.localtime(response.submitted_at).replace(tzinfo=None),
                str(response.get_channel_display()),
                _text(response.department.name if response.department else ""),
                _text(response.case.number if response.case else ""),
                response.masked_phone or None,
                gettext("No") if response.is_excluded else gettext("Yes"),
                _text("; ".join(response.reason_labels())),
                _text(response.comment),
                *(_cell(row.cells.get(q.pk)) for q in questions),
            ],
        )
        sheet.cell(sheet.max_row, 1).number_format = "yyyy-mm-dd hh:mm"
    _fit(sheet, cap={8: 40}, minimum={1: 18})


def _about(
    sheet: Worksheet,
    results: Results,
    organisation: Organisation,
    department: str,
    produced_at: datetime,
    written: int,
) -> None:
    questionnaire = results.questionnaire
    facts = [
        (gettext("Organisation"), organisation.name),
        (
            gettext("Questionnaire"),
            f"{questionnaire.title} ({questionnaire.code} v{questionnaire.version})",
        ),
        (gettext("Period"), f"{results.start.isoformat()} – {results.end.isoformat()}"),
        (gettext("Department"), department or gettext("All")),
        (gettext("Responses"), results.responses),
        (gettext("Screened out"), results.screened_responses),
        (gettext("Produced at"), date_format(produced_at, "Y-m-d H:i")),
    ]
    for name, value in facts:
        _append(sheet, [name, value])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    notes = [
        gettext(
            "Screened responses are listed but not counted: their answers are left "
            "out of the means, scores and distributions."
        ),
        gettext(
            "A score maps the mean onto 0–100: (mean − lowest) ÷ (highest − lowest) × 100."
        ),
        gettext(
            "A multiple choice's shares are of the respondents, so they may add up "
            "to more than 100%."
        ),
        gettext("Phone numbers are masked."),
    ]
    if written >= RESPONSE_LIMIT:
        notes.append(
            gettext("Only the first %(n)s responses are listed.") % {"n": written}
        )
    for note in notes:
        sheet.append(["", note])
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90


def _header(sheet: Worksheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def _cell(value: Any) -> Any:
    return _text(value) if isinstance(value, str) else value


def _text(value: str) -> str | None:
    return ILLEGAL_CHARACTERS_RE.sub("", value or "") or None


def _append(sheet: Worksheet, values: list[Any]) -> None:
    """One row; text that starts with "=" stays text, Excel must not run it."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def _fit(
    sheet: Worksheet,
    cap: dict[int, int] | None = None,
    minimum: dict[int, int] | None = None,
) -> None:
    for index, column in enumerate(sheet.iter_cols(values_only=True), start=1):
        width = _width(str(v) for v in column if v is not None)
        width = min(width, (cap or {}).get(index, 60))
        width = max(width, (minimum or {}).get(index, 0))
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

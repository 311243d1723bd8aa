"""Reading a catalogue workbook back into rows, listing every problem its cells have.

The parser checks only what a cell can say on its own (a number is a whole
number, a label is one of the known labels). Sheets, headers and labels may be
in Chinese or English, whatever the active language.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import translation
from openpyxl import load_workbook

from onestop.catalog.excel.format import (
    DATA_SHEETS,
    INSTRUCTIONS,
    NO,
    SMALLINT_MAX,
    YES,
    Column,
    ColumnKind,
    Problem,
    Sheet,
    WorkbookError,
    word,
)
from onestop.catalog.excel.rows import ROW_TYPES, ParsedCatalogue, Row

_Named = TypeVar("_Named", Column, Sheet)


class _CellProblem(Exception):
    def __init__(self, code: WorkbookError, **params: Any) -> None:
        super().__init__(code.render(**params))
        self.message = code.render(**params)


def read_catalogue(data: bytes) -> ParsedCatalogue:
    """Parse a workbook's bytes; never raises on bad content, it lists problems."""
    parsed = ParsedCatalogue()
    sheets = _load(data)
    if sheets is None:
        parsed.problems.append(Problem(WorkbookError.NOT_A_WORKBOOK.render()))
        return parsed
    for sheet, title in _match_sheets(list(sheets), parsed):
        _read_sheet(sheet, title, sheets[title], parsed)
    return parsed


def _load(data: bytes) -> dict[str, list[tuple[Any, ...]]] | None:
    """Every sheet's cell values by title, or None when ``data`` is no xlsx workbook."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return {
                ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets
            }
        finally:
            book.close()
    # openpyxl fails on a file that is not a workbook with a zoo of exceptions
    # (BadZipFile, KeyError, XML parse errors …); to the person they all mean
    # the same thing.
    except Exception:
        return None


# --- Sheets and columns -----------------------------------------------------------


def _match_sheets(
    titles: list[str], parsed: ParsedCatalogue
) -> list[tuple[Sheet, str]]:
    found: dict[str, str] = {}
    for title in titles:
        sheet = _named(DATA_SHEETS, title)
        if sheet is None and _normal(title) not in map(_normal, INSTRUCTIONS):
            names = " / ".join(s.title for s in DATA_SHEETS)
            message = WorkbookError.SHEET_UNEXPECTED.render(sheets=names)
            parsed.problems.append(Problem(message, sheet=title))
        elif sheet is not None and sheet.key in found:
            parsed.problems.append(
                Problem(WorkbookError.SHEET_TWICE.render(), sheet=title)
            )
        elif sheet is not None:
            found[sheet.key] = title
    # All four are required: a missing sheet would otherwise wipe every item's
    # materials, steps or questions, since the import replaces them.
    for sheet in DATA_SHEETS:
        if sheet.key not in found:
            parsed.problems.append(
                Problem(WorkbookError.SHEET_MISSING.render(), sheet=sheet.title)
            )
    return [(s, found[s.key]) for s in DATA_SHEETS if s.key in found]


def _read_sheet(
    sheet: Sheet, title: str, rows: list[tuple[Any, ...]], parsed: ParsedCatalogue
) -> None:
    headers = _match_columns(sheet, title, rows[0] if rows else (), parsed)
    if headers is None:
        return
    parsed.titles[sheet.key] = title
    parsed.headers[sheet.key] = {
        key: header for key, (_index, header) in headers.items()
    }
    found: list[Row] = getattr(parsed, sheet.key)
    for number, cells in enumerate(rows[1:], start=2):
        if any(_cell_text(value) for value in cells):
            found.append(_read_row(sheet, title, number, cells, headers, parsed))


def _match_columns(
    sheet: Sheet, title: str, header_row: Sequence[Any], parsed: ParsedCatalogue
) -> dict[str, tuple[int, str]] | None:
    """Column key → (index, header as written); None if a column is missing or twice."""
    headers: dict[str, tuple[int, str]] = {}
    complete = True
    for index, value in enumerate(header_row):
        text = _cell_text(value)
        column = _named(sheet.columns, text)
        # Columns of people's own (备注 …) are no business of the import.
        if column is not None and column.key in headers:
            parsed.problems.append(
                Problem(WorkbookError.COLUMN_TWICE.render(), sheet=title, column=text)
            )
            complete = False
        elif column is not None:
            headers[column.key] = (index, text)
    # Every column must be there, optional ones too: the import replaces an
    # item's content, and a column left out would silently empty that field.
    for column in sheet.columns:
        if column.key not in headers:
            message = WorkbookError.COLUMN_MISSING.render()
            parsed.problems.append(Problem(message, sheet=title, column=column.header))
            complete = False
    return headers if complete else None


# --- Rows and cells ---------------------------------------------------------------


def _read_row(
    sheet: Sheet,
    title: str,
    number: int,
    cells: Sequence[Any],
    headers: dict[str, tuple[int, str]],
    parsed: ParsedCatalogue,
) -> Row:
    values: dict[str, Any] = {}
    invalid: set[str] = set()
    for column in sheet.columns:
        index, header = headers[column.key]
        raw = cells[index] if index < len(cells) else None
        try:
            values[column.key] = _parse_cell(column, raw)
        except _CellProblem as problem:
            parsed.problems.append(
                Problem(problem.message, sheet=title, row=number, column=header)
            )
            values[column.key] = column.default
            invalid.add(column.key)
    return ROW_TYPES[sheet.key](row=number, invalid=frozenset(invalid), **values)


def _parse_cell(column: Column, raw: Any) -> Any:
    text = _cell_text(raw)
    if not text:
        if column.required:
            raise _CellProblem(WorkbookError.VALUE_REQUIRED)
        return column.default
    if column.kind is ColumnKind.INT:
        return _whole_number(raw, text, column)
    if column.kind is ColumnKind.BOOL:
        return _yes_or_no(text)
    if column.kind is ColumnKind.CHOICE and column.choices is not None:
        return _choice_value(column.choices, text)
    if column.max_length and len(text) > column.max_length:
        raise _CellProblem(
            WorkbookError.TEXT_TOO_LONG, length=len(text), maximum=column.max_length
        )
    return text


def _cell_text(raw: Any) -> str:
    """A cell as trimmed text; 3.0 typed into a text column reads as "3"."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).replace("\r\n", "\n").strip()


def _whole_number(raw: Any, text: str, column: Column) -> int:
    if isinstance(raw, bool):
        raise _CellProblem(WorkbookError.NOT_A_WHOLE_NUMBER, value=text)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if not isinstance(raw, int):
        # NFKC reads full-width digits (５) typed with a Chinese input method.
        digits = unicodedata.normalize("NFKC", text)
        if not re.fullmatch(r"[+-]?\d+", digits):
            raise _CellProblem(WorkbookError.NOT_A_WHOLE_NUMBER, value=text)
        raw = int(digits)
    if not column.minimum <= raw <= SMALLINT_MAX:
        params = {"minimum": column.minimum, "maximum": SMALLINT_MAX, "value": raw}
        raise _CellProblem(WorkbookError.NUMBER_OUT_OF_RANGE, **params)
    return int(raw)


def _yes_or_no(text: str) -> bool:
    name = _normal(text)
    if name in {"是", "yes", "y", "true", "1"}:
        return True
    if name in {"否", "no", "n", "false", "0"}:
        return False
    raise _CellProblem(
        WorkbookError.NOT_YES_OR_NO, yes=word(YES), no=word(NO), value=text
    )


# --- Names in either language ---------------------------------------------------


def _choice_value(choices: type[models.TextChoices], text: str) -> str:
    value = _choice_names(choices, translation.get_language() or "").get(_normal(text))
    if value is None:
        labels = " / ".join(str(label) for label in choices.labels)
        raise _CellProblem(WorkbookError.UNKNOWN_CHOICE, value=text, choices=labels)
    return value


@cache
def _choice_names(choices: type[models.TextChoices], language: str) -> dict[str, str]:
    """Every way a workbook may name a choice: its code and its label in each language.

    A label ending in a Chinese term in brackets, such as "Promised within a
    time limit (承诺件)", is also known by that term alone, which is what
    people write.
    """
    names: dict[str, str] = {}
    for value, label in choices.choices:
        for text in (value, *_labels(label, language)):
            names[_normal(text)] = value
            bracketed = re.search(r"[(（]([^()（）]+)[)）]\s*$", text)
            if bracketed:
                names[_normal(bracketed.group(1))] = value
    return names


def _labels(label: Any, language: str) -> list[str]:
    languages = {code for code, _name in settings.LANGUAGES} | ({language} - {""})
    labels = []
    for code in sorted(languages):
        with translation.override(code):
            labels.append(str(label))
    return labels


def _named(named: Iterable[_Named], text: str) -> _Named | None:
    """The sheet or column called ``text`` in either language."""
    name = _normal(text)
    return next((n for n in named if name in (_normal(n.zh), _normal(n.en))), None)


def _normal(text: str) -> str:
    """Headers and labels as people mean them: 时限(工作日) is 时限（工作日）."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

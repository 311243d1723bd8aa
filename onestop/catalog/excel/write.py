"""Writing the catalogue workbook: the instructions sheet, then one sheet per table.

Headers and labels are in the active language; each column is as wide as its
widest value, and the yes/no and choice columns offer their labels in a
drop-down.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from onestop.catalog.excel.format import (
    DATA_SHEETS,
    EXCEL_LAST_ROW,
    INSTRUCTIONS,
    ITEMS,
    NO,
    SMALLINT_MAX,
    YES,
    Column,
    ColumnKind,
    Sheet,
    word,
)
from onestop.catalog.models import ServiceItem


def write_catalogue(items: Iterable[ServiceItem]) -> bytes:
    """The workbook of ``items`` in the active language.

    ``items`` should come with their parts prefetched
    (``selectors.items_for_export``).
    """
    items = list(items)
    book = Workbook()
    _write_instructions(book.active)
    for sheet in DATA_SHEETS:
        _write_sheet(book.create_sheet(sheet.title), sheet, _rows_of(sheet, items))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- The data sheets ------------------------------------------------------------


def _rows_of(sheet: Sheet, items: list[ServiceItem]) -> list[list[Any]]:
    if sheet is ITEMS:
        return [_cells(sheet, item, item) for item in items]
    # The parts sheets are named after the item's related managers.
    return [
        _cells(sheet, item, part)
        for item in items
        for part in getattr(item, sheet.key).all()
    ]


def _cells(sheet: Sheet, item: ServiceItem, obj: models.Model) -> list[Any]:
    return [
        _cell_value(c, item.code if c.key == "item_code" else getattr(obj, c.key))
        for c in sheet.columns
    ]


def _cell_value(column: Column, value: Any) -> Any:
    if column.kind is ColumnKind.BOOL:
        return word(YES if value else NO)
    if column.kind is ColumnKind.CHOICE and column.choices is not None:
        labels = dict(column.choices.choices)
        return str(labels.get(value, value))
    if column.kind is ColumnKind.REFERENCE:
        return value.code if value is not None else None
    if column.kind is ColumnKind.INT:
        return value
    # Empty text is an empty cell, not a cell holding "".
    return ILLEGAL_CHARACTERS_RE.sub("", str(value)) if value else None


def _write_sheet(worksheet: Worksheet, sheet: Sheet, rows: list[list[Any]]) -> None:
    worksheet.append([c.header for c in sheet.columns])
    for number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            cell = worksheet.cell(row=number, column=index, value=value)
            if cell.data_type == "f":
                # Text that starts with "=" is text; Excel must not run it as a formula.
                cell.data_type = "s"
    _style(worksheet, sheet.columns, rows)
    for index, column in enumerate(sheet.columns, start=1):
        _add_dropdown(worksheet, index, column)


# --- Styling --------------------------------------------------------------------


def _style(
    worksheet: Worksheet, columns: Sequence[Column], rows: list[list[Any]]
) -> None:
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = worksheet.dimensions
    for index, column in enumerate(columns, start=1):
        texts = [
            column.header,
            *(str(r[index - 1]) for r in rows if r[index - 1] is not None),
        ]
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = _width(texts)


def _width(texts: Iterable[str]) -> float:
    """Excel's width in characters; a Chinese character takes two."""
    widest = max(
        sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        for text in texts
        for line in text.splitlines() or [""]
    )
    return min(max(widest + 2, 8), 60)


def _add_dropdown(worksheet: Worksheet, index: int, column: Column) -> None:
    """Offer the labels in a drop-down; another language's label may still be typed."""
    if column.kind is ColumnKind.BOOL:
        labels = [word(YES), word(NO)]
    elif column.kind is ColumnKind.CHOICE and column.choices is not None:
        labels = [str(label) for label in column.choices.labels]
    else:
        return
    formula = '"{}"'.format(",".join(labels))
    # Excel's list formula splits on commas and holds at most 255 characters.
    if any("," in label or '"' in label for label in labels) or len(formula) > 255:
        return
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.showErrorMessage = False
    letter = get_column_letter(index)
    validation.add(f"{letter}2:{letter}{EXCEL_LAST_ROW}")
    worksheet.add_data_validation(validation)


# --- The instructions sheet -------------------------------------------------------


def _write_instructions(worksheet: Worksheet) -> None:
    worksheet.title = word(INSTRUCTIONS)
    for line in _instruction_lines():
        worksheet.append([line])
    worksheet.append([])
    worksheet.append(
        [
            gettext("Sheet"),
            gettext("Column"),
            gettext("Must be filled"),
            gettext("What to enter"),
        ]
    )
    for cell in worksheet[worksheet.max_row]:
        cell.font = Font(bold=True)
    for sheet in DATA_SHEETS:
        for column in sheet.columns:
            filled = word(YES if column.required else NO)
            worksheet.append(
                [sheet.title, column.header, filled, _what_to_enter(column)]
            )
    for letter, width in zip("ABCD", (14, 30, 12, 60), strict=True):
        worksheet.column_dimensions[letter].width = width
    worksheet["A1"].font = Font(bold=True, size=14)


def _instruction_lines() -> list[str]:
    names = {"items": ITEMS.title, "instructions": word(INSTRUCTIONS)}
    return [
        gettext("Service catalogue"),
        gettext(
            "One row per item on the sheet %(items)s, keyed by its item code. "
            "Materials, steps and questions each name their item by that code, in "
            "the order of No."
        )
        % names,
        gettext(
            "Importing creates the items whose code is new and replaces the content of "
            "the others, their materials, steps and questions included. Items that are "
            "not in the workbook are left as they are."
        ),
        gettext(
            "Nothing is imported while any cell has a problem; each problem is listed "
            "with its sheet, row and column."
        ),
        gettext(
            "Headers and values may be in Chinese or in English. Departments, window "
            "types and posts are given by their code. The sheet %(instructions)s is "
            "ignored on import."
        )
        % names,
    ]


def _what_to_enter(column: Column) -> str:
    if column.kind is ColumnKind.INT:
        return gettext("A whole number from %(minimum)s to %(maximum)s") % {
            "minimum": column.minimum,
            "maximum": SMALLINT_MAX,
        }
    if column.kind is ColumnKind.BOOL:
        return f"{word(YES)} / {word(NO)}"
    if column.kind is ColumnKind.CHOICE and column.choices is not None:
        return " / ".join(str(label) for label in column.choices.labels)
    if column.kind is ColumnKind.REFERENCE:
        return gettext("A code of this organisation")
    if column.max_length:
        return gettext("Text, at most %(maximum)s characters") % {
            "maximum": column.max_length
        }
    return gettext("Text")

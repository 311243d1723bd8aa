"""The catalogue workbook: its sheets and columns, writing it and reading it back.

The catalogue lives in Excel at most organisations today, so a workbook must
carry every field of an item and of its materials, steps and questions. One
table per sheet names each column's field, its Chinese and English header and
what it holds; the writer and the parser both read those tables, so the two
cannot drift apart.

The parser checks only what a cell can say on its own (a number is a whole
number, a label is one of the known labels). What the values mean in the
database — department codes, duplicate items, the time-limit rules — is the
import's business (``onestop.catalog.importing``).
"""

from __future__ import annotations

import enum
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from onestop.catalog.models import (
    FaqEntry,
    ItemKind,
    MaterialForm,
    MaterialRequirement,
    Necessity,
    ProcessStep,
    ServiceItem,
)
from onestop.common.errors import ErrorCode

# PositiveSmallIntegerField's ceiling on every database Django supports.
SMALLINT_MAX = 32767
EXCEL_LAST_ROW = 1_048_576


class WorkbookError(ErrorCode):
    """Why a workbook, a sheet, a column or a cell cannot be imported."""

    NOT_A_WORKBOOK = ("not_a_workbook", _("The file is not an Excel workbook (.xlsx)."))
    SHEET_MISSING = ("sheet_missing", _("This sheet is missing."))
    SHEET_UNEXPECTED = (
        "sheet_unexpected",
        _("This sheet is not part of a catalogue workbook; the sheets are %(sheets)s."),
    )
    SHEET_TWICE = ("sheet_twice", _("This sheet appears twice; keep one of them."))
    COLUMN_MISSING = ("column_missing", _("This column is missing."))
    COLUMN_TWICE = ("column_twice", _("This column appears twice; keep one of them."))
    VALUE_REQUIRED = ("value_required", _("This cell must not be empty."))
    NOT_A_WHOLE_NUMBER = (
        "not_a_whole_number",
        _("Enter a whole number, not “%(value)s”."),
    )
    NUMBER_OUT_OF_RANGE = (
        "number_out_of_range",
        _("Enter a whole number from %(minimum)s to %(maximum)s, not %(value)s."),
    )
    TEXT_TOO_LONG = (
        "text_too_long",
        _("This text has %(length)s characters; at most %(maximum)s are allowed."),
    )
    UNKNOWN_CHOICE = (
        "unknown_choice",
        _("Unknown value “%(value)s”; use one of: %(choices)s."),
    )
    NOT_YES_OR_NO = ("not_yes_or_no", _("Enter %(yes)s or %(no)s, not “%(value)s”."))


# --- The format -----------------------------------------------------------


class ColumnKind(enum.Enum):
    TEXT = "text"
    INT = "int"
    BOOL = "bool"
    CHOICE = "choice"
    REFERENCE = "reference"  # the code of a department, window type or post


@dataclass(frozen=True)
class Column:
    """One column of a sheet; ``key`` is the model field (or ``item_code``)."""

    key: str
    zh: str
    en: str
    kind: ColumnKind = ColumnKind.TEXT
    required: bool = False
    default: Any = ""
    choices: type[models.TextChoices] | None = None
    max_length: int | None = None
    minimum: int = 0

    @property
    def header(self) -> str:
        return self.zh if _in_chinese() else self.en


@dataclass(frozen=True)
class Sheet:
    key: str
    zh: str
    en: str
    columns: tuple[Column, ...]

    @property
    def title(self) -> str:
        return self.zh if _in_chinese() else self.en

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


_Named = TypeVar("_Named", Column, Sheet)


def _max_length(model: type[models.Model], name: str) -> int | None:
    return getattr(model._meta.get_field(name), "max_length", None)


def _text(
    key: str, zh: str, en: str, model: type[models.Model], *, required: bool = False
) -> Column:
    return Column(key, zh, en, required=required, max_length=_max_length(model, key))


def _int(key: str, zh: str, en: str, *, required: bool = False, **extra: Any) -> Column:
    return Column(key, zh, en, ColumnKind.INT, required=required, default=None, **extra)


def _bool(key: str, zh: str, en: str, model: type[models.Model]) -> Column:
    # An empty cell means the model's default, as a new row in the admin would.
    default = model._meta.get_field(key).default
    return Column(key, zh, en, ColumnKind.BOOL, default=default)


def _choice(
    key: str, zh: str, en: str, choices: type[models.TextChoices], **extra: Any
) -> Column:
    required = "default" not in extra
    return Column(
        key, zh, en, ColumnKind.CHOICE, required=required, choices=choices, **extra
    )


def _reference(key: str, zh: str, en: str, *, required: bool = True) -> Column:
    return Column(key, zh, en, ColumnKind.REFERENCE, required=required, max_length=20)


_ITEM_CODE = Column("item_code", "事项编码", "Item code", required=True, max_length=30)
_POSITION = _int("position", "序号", "No.")

ITEMS = Sheet(
    "items",
    "事项",
    "Items",
    (
        _text("code", "事项编码", "Item code", ServiceItem, required=True),
        _text("name", "事项名称", "Item name", ServiceItem, required=True),
        _text("category", "事项类别", "Category", ServiceItem, required=True),
        _reference("department", "承办部门编码", "Handling department code"),
        _reference("window_type", "窗口类型编码", "Window type code"),
        _choice("kind", "办件类型", "Kind", ItemKind),
        _int(
            "statutory_limit_days",
            "法定时限（工作日）",
            "Statutory time limit (working days)",
        ),
        _int(
            "promised_limit_days",
            "承诺时限（工作日）",
            "Promised time limit (working days)",
        ),
        _text("summary", "事项说明", "What it is", ServiceItem),
        _text("eligibility", "申请条件", "Who may apply and conditions", ServiceItem),
        _text("fee", "收费标准", "Fee", ServiceItem),
        _text("fee_basis", "收费依据", "Basis of the fee", ServiceItem),
        _text("legal_basis", "法律依据", "Legal basis", ServiceItem, required=True),
        _text("result", "办理结果", "Result", ServiceItem),
        _text(
            "delivery_ways", "结果领取方式", "How the result is collected", ServiceItem
        ),
        _bool(
            "online_available", "可网上办理", "Can be applied for online", ServiceItem
        ),
        _text("consult_phone", "咨询电话", "Enquiry phone", ServiceItem),
        _text("keywords", "检索关键词", "Search keywords", ServiceItem),
        _bool("is_published", "对外公开", "Published", ServiceItem),
    ),
)
MATERIALS = Sheet(
    "materials",
    "材料",
    "Materials",
    (
        _ITEM_CODE,
        _POSITION,
        _text("name", "材料名称", "Material", MaterialRequirement, required=True),
        _choice("form", "材料形式", "Original or copy", MaterialForm),
        _int("copies", "份数", "Copies", required=True),
        _choice(
            "necessity",
            "是否必要",
            "Required",
            Necessity,
            default=Necessity.MANDATORY.value,
        ),
        _text("condition", "适用情形", "Condition", MaterialRequirement),
        _text("notes", "样表及说明", "Sample and notes", MaterialRequirement),
    ),
)
STEPS = Sheet(
    "steps",
    "环节",
    "Steps",
    (
        _ITEM_CODE,
        _POSITION,
        _text("name", "环节名称", "Step", ProcessStep, required=True),
        _reference("department", "承办部门编码", "Department code"),
        _reference("post", "岗位编码", "Post code", required=False),
        _int(
            "limit_days", "时限（工作日）", "Time limit (working days)", required=True
        ),
        _text("description", "工作内容", "What is done", ProcessStep),
    ),
)
FAQS = Sheet(
    "faqs",
    "常见问题",
    "FAQ",
    (
        _ITEM_CODE,
        _POSITION,
        _text("question", "问题", "Question", FaqEntry, required=True),
        _text("answer", "解答", "Answer", FaqEntry, required=True),
    ),
)
DATA_SHEETS = (ITEMS, MATERIALS, STEPS, FAQS)
INSTRUCTIONS = ("说明", "Instructions")
_YES = ("是", "Yes")
_NO = ("否", "No")


def _in_chinese() -> bool:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.lower().startswith("zh")


def _word(pair: tuple[str, str]) -> str:
    return pair[0] if _in_chinese() else pair[1]


# --- What the parser returns ------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the workbook, pointing at the cell a person must fix."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        params = {"sheet": self.sheet, "row": self.row, "column": self.column}
        params["message"] = self.message
        if self.sheet and self.row and self.column:
            return (
                gettext("Sheet %(sheet)s, row %(row)s, column %(column)s: %(message)s")
                % params
            )
        if self.sheet and self.row:
            return gettext("Sheet %(sheet)s, row %(row)s: %(message)s") % params
        if self.sheet and self.column:
            return gettext("Sheet %(sheet)s, column %(column)s: %(message)s") % params
        if self.sheet:
            return gettext("Sheet %(sheet)s: %(message)s") % params
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "text": str(self)}


@dataclass(frozen=True)
class _Row:
    row: int  # as Excel numbers it: the header is row 1
    # Fields whose cell had a problem; their value is only a stand-in.
    invalid: frozenset[str]


@dataclass(frozen=True)
class ItemRow(_Row):
    code: str
    name: str
    category: str
    department: str
    window_type: str
    kind: str
    statutory_limit_days: int | None
    promised_limit_days: int | None
    summary: str
    eligibility: str
    fee: str
    fee_basis: str
    legal_basis: str
    result: str
    delivery_ways: str
    online_available: bool
    consult_phone: str
    keywords: str
    is_published: bool


@dataclass(frozen=True)
class MaterialRow(_Row):
    item_code: str
    position: int | None
    name: str
    form: str
    copies: int | None
    necessity: str
    condition: str
    notes: str


@dataclass(frozen=True)
class StepRow(_Row):
    item_code: str
    position: int | None
    name: str
    department: str
    post: str
    limit_days: int | None
    description: str


@dataclass(frozen=True)
class FaqRow(_Row):
    item_code: str
    position: int | None
    question: str
    answer: str


_ROW_TYPES: dict[str, type[_Row]] = {
    "items": ItemRow,
    "materials": MaterialRow,
    "steps": StepRow,
    "faqs": FaqRow,
}


@dataclass
class ParsedCatalogue:
    """The workbook's rows as plain data, and every problem the cells have."""

    items: list[ItemRow] = field(default_factory=list)
    materials: list[MaterialRow] = field(default_factory=list)
    steps: list[StepRow] = field(default_factory=list)
    faqs: list[FaqRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Sheet key → title, and column key → header, as the workbook spells them,
    # so a problem names what the person sees. Only sheets whose columns are
    # all there are listed.
    titles: dict[str, str] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def readable(self, sheet: Sheet) -> bool:
        return sheet.key in self.headers

    def problem(self, sheet: Sheet, row: int, key: str, message: str) -> Problem:
        title = self.titles.get(sheet.key, sheet.title)
        header = self.headers.get(sheet.key, {}).get(key) or sheet.column(key).header
        return Problem(message, sheet=title, row=row, column=header)


# --- Writing ----------------------------------------------------------------


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
        return _word(_YES if value else _NO)
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
        labels = [_word(_YES), _word(_NO)]
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


def _write_instructions(worksheet: Worksheet) -> None:
    worksheet.title = _word(INSTRUCTIONS)
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
            filled = _word(_YES if column.required else _NO)
            worksheet.append(
                [sheet.title, column.header, filled, _what_to_enter(column)]
            )
    for letter, width in zip("ABCD", (14, 30, 12, 60), strict=True):
        worksheet.column_dimensions[letter].width = width
    worksheet["A1"].font = Font(bold=True, size=14)


def _instruction_lines() -> list[str]:
    names = {"items": ITEMS.title, "instructions": _word(INSTRUCTIONS)}
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
        return f"{_word(_YES)} / {_word(_NO)}"
    if column.kind is ColumnKind.CHOICE and column.choices is not None:
        return " / ".join(str(label) for label in column.choices.labels)
    if column.kind is ColumnKind.REFERENCE:
        return gettext("A code of this organisation")
    if column.max_length:
        return gettext("Text, at most %(maximum)s characters") % {
            "maximum": column.max_length
        }
    return gettext("Text")


# --- Reading ----------------------------------------------------------------


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
    found: list[_Row] = getattr(parsed, sheet.key)
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


def _read_row(
    sheet: Sheet,
    title: str,
    number: int,
    cells: Sequence[Any],
    headers: dict[str, tuple[int, str]],
    parsed: ParsedCatalogue,
) -> _Row:
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
    return _ROW_TYPES[sheet.key](row=number, invalid=frozenset(invalid), **values)


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
        WorkbookError.NOT_YES_OR_NO, yes=_word(_YES), no=_word(_NO), value=text
    )


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

"""The workbook's format: its sheets, their columns, and what can be wrong with it.

One table per sheet names each column's field, its Chinese and English header
and what it holds; the writer and the parser both read those tables, so the
two cannot drift apart.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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


# --- Columns and sheets -------------------------------------------------------


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
        return self.zh if in_chinese() else self.en


@dataclass(frozen=True)
class Sheet:
    key: str
    zh: str
    en: str
    columns: tuple[Column, ...]

    @property
    def title(self) -> str:
        return self.zh if in_chinese() else self.en

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


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


# --- The workbook's language ----------------------------------------------------

YES = ("是", "Yes")
NO = ("否", "No")


def in_chinese() -> bool:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.lower().startswith("zh")


def word(pair: tuple[str, str]) -> str:
    """The Chinese or English of a ``(zh, en)`` pair, in the active language."""
    return pair[0] if in_chinese() else pair[1]

"""What the parser returns: each sheet's rows as plain data, and the problems.

The rows hold what the cells say, checked only cell by cell; the import
(``onestop.catalog.importing``) judges what they mean together.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from onestop.catalog.excel.format import Problem, Sheet


@dataclass(frozen=True)
class Row:
    row: int  # as Excel numbers it: the header is row 1
    # Fields whose cell had a problem; their value is only a stand-in.
    invalid: frozenset[str]


@dataclass(frozen=True)
class ItemRow(Row):
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
class MaterialRow(Row):
    item_code: str
    position: int | None
    name: str
    form: str
    copies: int | None
    necessity: str
    condition: str
    notes: str


@dataclass(frozen=True)
class StepRow(Row):
    item_code: str
    position: int | None
    name: str
    department: str
    post: str
    limit_days: int | None
    description: str


@dataclass(frozen=True)
class FaqRow(Row):
    item_code: str
    position: int | None
    question: str
    answer: str


# Keyed by ``Sheet.key``; each row type's fields are its sheet's column keys.
ROW_TYPES: dict[str, type[Row]] = {
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

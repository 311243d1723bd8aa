"""What reading a file gives: each call as plain data, the rows left out, the problems."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, pointing at the row and column to fix.

    Rows are numbered as a spreadsheet shows the file: its first line is row 1.
    """

    message: str
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        params = {"row": self.row, "column": self.column, "message": self.message}
        if self.row and self.column:
            return gettext("Row %(row)s, column %(column)s: %(message)s") % params
        if self.row:
            return gettext("Row %(row)s: %(message)s") % params
        if self.column:
            return gettext("Column %(column)s: %(message)s") % params
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "text": str(self)}


@dataclass(frozen=True)
class CallRow:
    """One call as the file gives it, every field read and checked."""

    row: int
    call_id: str
    queue: str
    arrived_at: datetime
    queued_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    wait_s: int
    talk_s: int
    abandoned: bool
    disposition: str
    agent_name: str
    caller_number: str
    customer_ref: str
    customer_tier: str
    case_number: str


@dataclass
class ParsedCalls:
    rows: list[CallRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Rows the layout leaves out, by the reason it gives.
    skipped: Counter[str] = field(default_factory=Counter)
    call_id_column: str = ""

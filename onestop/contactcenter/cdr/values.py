"""Reading one cell: a date and time, a time of day, seconds, yes or no, a disposition.

Each reader takes the cell's text and the header of its column, and raises
``CellProblem`` with a message a person can act on.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

from onestop.common.errors import ErrorCode
from onestop.contactcenter.errors import CdrError
from onestop.contactcenter.models import Disposition

# 2026-11-03 09:05, 2026/11/3 9:05:07 (as Excel writes a CSV), 2026.11.03T09:05:07.5
_LOOSE_MOMENT = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?"
)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_YES = {"1", "yes", "y", "true", "是", "t"}
_NO = {"0", "no", "n", "false", "否", "f", ""}


class CellProblem(Exception):
    """A cell that cannot be read; ``column`` is its header as the file spells it."""

    def __init__(self, error: ErrorCode, *, column: str, **params: Any) -> None:
        self.column = column
        self.message = error.render(**params)
        super().__init__(self.message)


def parse_moment(
    text: str, *, zone: ZoneInfo, column: str, form: str | None = None
) -> datetime:
    """An aware moment; a time without a UTC offset is a wall-clock time in ``zone``."""
    moment = _strptime(text, form) if form else _iso_or_loose(text)
    if moment is None:
        if form:
            raise CellProblem(CdrError.NOT_A_DATE, column=column, value=text, form=form)
        raise CellProblem(CdrError.NOT_A_MOMENT, column=column, value=text)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def parse_date(text: str, *, form: str, column: str) -> date:
    moment = _strptime(text, form)
    if moment is None:
        raise CellProblem(CdrError.NOT_A_DATE, column=column, value=text, form=form)
    return moment.date()


def parse_clock(text: str, *, column: str) -> time:
    """``7:02:47`` or ``13:37``: a time of day, the hour with or without its zero."""
    found = _CLOCK.fullmatch(text)
    hour, minute, second = (int(g or 0) for g in found.groups()) if found else (99,) * 3
    if not (hour < 24 and minute < 60 and second < 60):
        raise CellProblem(CdrError.NOT_A_CLOCK, column=column, value=text)
    return time(hour, minute, second)


def parse_seconds(text: str, *, column: str) -> int:
    digits = unicodedata.normalize("NFKC", text)
    if not digits.isdigit():
        raise CellProblem(CdrError.NOT_SECONDS, column=column, value=text)
    return int(digits)


def parse_flag(text: str, *, column: str) -> bool:
    word = _normal(text)
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellProblem(CdrError.NOT_YES_OR_NO, column=column, value=text)


def parse_disposition(text: str, *, column: str) -> str:
    """A disposition by its code or its label in any language."""
    value = _disposition_names(translation.get_language() or "").get(_normal(text))
    if value is None:
        choices = " / ".join(Disposition.values)
        raise CellProblem(
            CdrError.UNKNOWN_DISPOSITION, column=column, value=text, choices=choices
        )
    return value


def check_length(
    text: str, *, maximum: int | None, column: str, shown: str | None = None
) -> str:
    """``text``, if not too long; ``shown`` stands for it in the message (masked)."""
    if maximum is not None and len(text) > maximum:
        raise CellProblem(
            CdrError.TEXT_TOO_LONG,
            column=column,
            value=text if shown is None else shown,
            length=len(text),
            maximum=maximum,
        )
    return text


def _strptime(text: str, form: str) -> datetime | None:
    try:
        return datetime.strptime(text, form)
    except ValueError:
        return None


def _iso_or_loose(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    found = _LOOSE_MOMENT.fullmatch(text)
    if found is None:
        return None
    year, month, day, hour, minute, second, fraction = found.groups()
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")),
        )
    except ValueError:
        return None


@cache
def _disposition_names(language: str) -> dict[str, str]:
    names: dict[str, str] = {}
    languages = {code for code, _name in settings.LANGUAGES} | ({language} - {""})
    for value, label in Disposition.choices:
        names[_normal(value)] = value
        for code in sorted(languages):
            with translation.override(code):
                names[_normal(str(label))] = value
    return names


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

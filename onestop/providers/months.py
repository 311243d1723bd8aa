"""Months as the assessment counts them: a month is its first day."""

from __future__ import annotations

import calendar
from datetime import date


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_label(day: date) -> str:
    """``2025-05``: the same in every language, and what the addresses use."""
    return f"{day:%Y-%m}"


def month_parse(text: str) -> date | None:
    """``2025-05`` → 1 May 2025; anything else → None."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def months_back(day: date, count: int) -> list[date]:
    """The ``count`` months ending with ``day``'s month, oldest first."""
    year, month = day.year, day.month
    months = []
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def previous_month(day: date) -> date:
    return months_back(day, 2)[0]

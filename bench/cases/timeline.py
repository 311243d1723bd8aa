"""Office hours and working days, as the generator approximates them."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from datetime import time as clock
from zoneinfo import ZoneInfo

SH = ZoneInfo("Asia/Shanghai")
OPEN_OFFICE = clock(8, 30)
CLOSE_OFFICE = clock(17, 30)
DAY_S = 86_400.0


def at_close(day: date) -> datetime:
    """Closing time of ``day``, in UTC."""
    return datetime.combine(day, CLOSE_OFFICE, tzinfo=SH).astimezone(UTC)


def calendar_days(working_days: float) -> int:
    """Working days as calendar days, roughly (five working days a week)."""
    return math.ceil(working_days * 7 / 5)


def iso(moment: datetime | None) -> str | None:
    """A moment as documents show it: local time, ISO 8601."""
    return moment.astimezone(SH).isoformat() if moment else None

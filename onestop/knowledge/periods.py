"""Periods in force, and what is left of one when a newer version takes over.

Pure: no Django. A period runs from ``start`` to ``end`` inclusive; ``end``
None means no end. A period whose end is before its start is empty: that
version never comes into force (it was replaced before its first day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DAY = timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None = None

    @property
    def is_empty(self) -> bool:
        return self.end is not None and self.end < self.start

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        if self.is_empty or other.is_empty:
            return False
        starts_in_time = other.end is None or self.start <= other.end
        ends_in_time = self.end is None or other.start <= self.end
        return starts_in_time and ends_in_time


def remaining_period(existing: Period, newer: Period) -> Period:
    """What is left of ``existing`` once ``newer`` is approved for its period.

    The newer version wins wherever the two overlap. The older one keeps the
    days before the newer one starts; if it only starts within the newer
    period, it waits until the newer one ends; if nothing is left, the result
    is empty. An older version is never split in two: once a newer version
    with an end date starts, the older one does not return after it.
    """
    if not existing.overlaps(newer):
        return existing
    if existing.start < newer.start:
        return Period(existing.start, newer.start - DAY)
    if newer.end is not None and (existing.end is None or existing.end > newer.end):
        return Period(newer.end + DAY, existing.end)
    return Period(existing.start, existing.start - DAY)

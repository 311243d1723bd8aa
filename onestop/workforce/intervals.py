"""Planning weeks and their half-hour intervals, in the local time zone.

A week runs from Monday 00:00 local time for seven days of 48 half hours. The
zone is the one the site runs in (Asia/Shanghai by default), which keeps no
summer time, so every day has 48 intervals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from onestop.workforce.models import INTERVAL_MINUTES

INTERVAL = timedelta(minutes=INTERVAL_MINUTES)
INTERVAL_S = INTERVAL_MINUTES * 60
PER_DAY = 24 * 60 // INTERVAL_MINUTES
PER_WEEK = 7 * PER_DAY


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.get_current_timezone())


def interval_floor(moment: datetime) -> datetime:
    """The start of the interval holding ``moment``, in local time."""
    local = timezone.localtime(moment)
    minutes = local.hour * 60 + local.minute
    return local_midnight(local.date()) + INTERVAL * (minutes // INTERVAL_MINUTES)


def interval_starts(start: datetime, end: datetime) -> list[datetime]:
    """Starts of the intervals from the one holding ``start`` up to ``end``."""
    first = interval_floor(start)
    count = max(0, -(-(end - first) // INTERVAL))
    return [first + INTERVAL * k for k in range(count)]


@dataclass(frozen=True)
class Week:
    monday: date

    @classmethod
    def of(cls, day: date) -> Week:
        return cls(day - timedelta(days=day.weekday()))

    @property
    def start(self) -> datetime:
        return local_midnight(self.monday)

    @property
    def end(self) -> datetime:
        return local_midnight(self.monday + timedelta(days=7))

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=n) for n in range(7)]

    @property
    def intervals(self) -> list[datetime]:
        return [self.start + INTERVAL * k for k in range(PER_WEEK)]

    def shifted(self, weeks: int) -> Week:
        return Week(self.monday + timedelta(weeks=weeks))

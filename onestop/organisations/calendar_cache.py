"""An organisation's calendar days, read from the database once a minute rather than per clock.

Every clock needs the organisation's calendar: each case action, each case
page, each sweep. What the database adds to the national data — the
organisation's closures and extra working days, and the State Council's
notices entered for years the library does not cover — changes a few times a
year, yet cost two queries on each of those. The days are kept in the cache
under a change counter (``onestop.common.changes``) that any save or delete
of them bumps, so a change made in this process counts at once; with a
per-process cache, one made in another process within ``CALENDAR_TTL``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from onestop.common.changes import changes_bump, changes_of
from onestop.organisations.models import (
    CalendarException,
    CalendarExceptionKind,
    PublicHolidayDay,
    PublicHolidayYear,
)

CALENDAR_TTL = 60  # seconds
_COUNTER = "calendar-days-changes"


@dataclass(frozen=True)
class CalendarDays:
    """The days the database adds to the national calendar for one organisation."""

    closures: tuple[date, ...]
    extra_workdays: tuple[date, ...]
    declared_years: tuple[int, ...]


def calendar_days(organisation_id: int) -> CalendarDays:
    key = f"calendar-days:{changes_of(_COUNTER)}:{organisation_id}"
    days = cache.get(key)
    if days is None:
        days = _calendar_days_read(organisation_id)
        cache.set(key, days, timeout=CALENDAR_TTL)
    return days


def _calendar_days_read(organisation_id: int) -> CalendarDays:
    exceptions = CalendarException.objects.filter(organisation_id=organisation_id)
    closures = [e.date for e in exceptions if e.kind == CalendarExceptionKind.CLOSURE]
    extra_days = [
        e.date for e in exceptions if e.kind == CalendarExceptionKind.EXTRA_WORKDAY
    ]
    notice_days = list(PublicHolidayDay.objects.select_related("year"))
    return CalendarDays(
        closures=tuple(
            sorted(closures + [d.date for d in notice_days if d.is_holiday])
        ),
        extra_workdays=tuple(
            sorted(extra_days + [d.date for d in notice_days if not d.is_holiday])
        ),
        declared_years=tuple(sorted({d.year.year for d in notice_days})),
    )


_WRITES = [post_save, post_delete]


@receiver(_WRITES, sender=CalendarException, dispatch_uid="calendar-days-exception")
@receiver(_WRITES, sender=PublicHolidayDay, dispatch_uid="calendar-days-notice-day")
@receiver(_WRITES, sender=PublicHolidayYear, dispatch_uid="calendar-days-notice")
def _changed(sender: Any, **kwargs: Any) -> None:
    changes_bump(_COUNTER)

"""The hall's own clock: "today" is the organisation's day, not the server's.

Organisations carry no time-zone field yet: every one keeps the deployment's
``TIME_ZONE`` (Asia/Shanghai by default, the working-day calendar's zone).
Should one be added, ``hall_zone`` is the one place that reads it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from onestop.organisations.models import Organisation


def hall_zone(organisation: Organisation) -> ZoneInfo:
    return ZoneInfo(getattr(organisation, "time_zone", "") or settings.TIME_ZONE)


def hall_today(organisation: Organisation, now: datetime) -> date:
    return now.astimezone(hall_zone(organisation)).date()


def day_bounds(organisation: Organisation, day: date) -> tuple[datetime, datetime]:
    """[00:00, 24:00) of ``day`` in the organisation's zone."""
    zone = hall_zone(organisation)
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)


def local_moment(organisation: Organisation, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=hall_zone(organisation))

"""A hotline queue with weeks of synthetic calls, its agents and shift templates.

The weekly pattern (calls per half hour, Asia/Shanghai):

=========  ===============  ===========================
day        hours            calls per half hour
=========  ===============  ===========================
Mon–Fri    09:00–18:00      12 (10:00–11:30: 20)
Saturday   09:00–17:00       6
Sunday     09:00–17:00       4
=========  ===============  ===========================

so a working day has 18 busy half hours and 240 calls, a Saturday 96, a
Sunday 64. A public holiday (per the State Council notice) is given the
Sunday pattern, as such days are on real hotlines, and a make-up working day
the pattern of a working day; that is what the forecast must not copy onto
ordinary weekdays and weekends.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from onestop.common.testing import make_user
from onestop.contactcenter.models import CallImport, CallRecord, Disposition, Queue
from onestop.organisations.models import Organisation
from onestop.organisations.services import membership_grant
from onestop.workforce.models import ShiftTemplate

SH = ZoneInfo("Asia/Shanghai")
# 劳动节 5月1日至5日 (4月27日 Sunday worked), 端午节 5月31日至6月2日.
HOLIDAYS_2025 = {date(2025, 5, d) for d in range(1, 6)} | {
    date(2025, 5, 31),
    date(2025, 6, 1),
    date(2025, 6, 2),
}
MAKE_UP_DAYS_2025 = {date(2025, 4, 27)}
WEEKDAY_TOTAL, SATURDAY_TOTAL, SUNDAY_TOTAL = 240, 96, 64


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def calls_in(day: date, interval: int, *, holidays: set[date] = HOLIDAYS_2025) -> int:
    """Calls of the pattern above in half hour ``interval`` (0 = 00:00) of ``day``."""
    kind = 6 if day in holidays else 2 if day in MAKE_UP_DAYS_2025 else day.weekday()
    if kind < 5:
        if 18 <= interval < 36:
            return 20 if 20 <= interval < 23 else 12
        return 0
    if 18 <= interval < 34:
        return 6 if kind == 5 else 4
    return 0


def make_queue(organisation: Organisation, code: str = "HOT", **fields: Any) -> Queue:
    return Queue.objects.create(
        organisation=organisation, code=code, name=f"{code} 热线", **fields
    )


def add_calls(
    queue: Queue,
    *,
    first: date,
    days: int,
    pattern: Any = calls_in,
    talk_s: int = 180,
    vip_every: int = 0,
) -> int:
    """Create the pattern's calls for ``days`` days from ``first``; returns how many."""
    source = CallImport.objects.create(
        organisation=queue.organisation,
        file_name=f"{queue.code}-{first}.csv",
        sha256=f"{queue.pk:08d}{first:%Y%m%d}".ljust(64, "0"),
        mapping="test",
        rows=0,
        imported_at=timezone.now(),
    )
    rows = []
    for d in range(days):
        day = first + timedelta(days=d)
        midnight = datetime.combine(day, time(), tzinfo=SH)
        for interval in range(48):
            count = pattern(day, interval)
            for k in range(count):
                arrived = midnight + timedelta(
                    minutes=30 * interval, seconds=(1800 * k) // max(count, 1)
                )
                rows.append(
                    CallRecord(
                        organisation=queue.organisation,
                        queue=queue,
                        call_id=f"{queue.code}-{day:%Y%m%d}-{interval}-{k}",
                        arrived_at=arrived,
                        answered_at=arrived + timedelta(seconds=8),
                        ended_at=arrived + timedelta(seconds=8 + talk_s),
                        wait_s=8,
                        talk_s=talk_s,
                        disposition=Disposition.ANSWERED,
                        agent_name=f"A{k % 3}",
                        customer_tier="VIP" if vip_every and k % vip_every == 0 else "",
                        source=source,
                    )
                )
    CallRecord.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def make_agent(organisation: Organisation, username: str) -> Any:
    user = make_user(username, first_name=username)
    membership_grant(actor=None, organisation=organisation, user=user, roles=["agent"])
    return user


def make_template(
    organisation: Organisation,
    code: str,
    start: str,
    hours: float,
    *,
    break_after: int | None = None,
    break_minutes: int = 0,
) -> ShiftTemplate:
    return ShiftTemplate.objects.create(
        organisation=organisation,
        code=code,
        name=f"班次{code}",
        start=time.fromisoformat(start),
        length_minutes=int(hours * 60),
        break_offset_minutes=break_after,
        break_minutes=break_minutes,
    )


def make_forecast(queue: Queue, monday: date, calls: Any, *, aht_s: int = 180) -> Any:
    """A stored forecast for the week of ``monday``: ``calls(day, interval)`` each."""
    from onestop.workforce.models import Forecast, ForecastInterval

    forecast = Forecast.objects.create(
        organisation=queue.organisation,
        queue=queue,
        week_start=monday,
        method="seasonal_naive",
        aht_s=aht_s,
        history_start=monday - timedelta(days=28),
        history_end=monday,
    )
    midnight = datetime.combine(monday, time(), tzinfo=SH)
    ForecastInterval.objects.bulk_create(
        ForecastInterval(
            forecast=forecast,
            start=midnight + timedelta(minutes=30 * i),
            calls=float(calls(monday + timedelta(days=i // 48), i % 48)),
        )
        for i in range(7 * 48)
    )
    return forecast

"""The calls a campaign adds to its queue, half hour by half hour.

The campaign's expected responses (reach × response rate) are spread over
its days by the response curve and over each day's half hours by the shape
of that day on the queue (``responses``). The shape is the first of:

1. the queue's newest forecast of that day;
2. the same weekday in the four weeks of calls before the launch;
3. evenly over the day, when the queue has neither — the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onestop.campaigns import responses
from onestop.campaigns.models import Campaign
from onestop.workforce import history
from onestop.workforce.intervals import INTERVAL, PER_DAY, local_midnight
from onestop.workforce.selectors import ForecastValue, forecast_values

HISTORY_WEEKS = 4


class ShapeSource(models.TextChoices):
    FORECAST = "forecast", _("the queue's forecast of the day")
    HISTORY = "history", _("the same weekday in the last four weeks of calls")
    EVEN = "even", _("evenly over the day (no forecast or calls to follow)")


@dataclass(frozen=True)
class DayLoad:
    day: date
    share: float
    extra_calls: float
    shape: ShapeSource


@dataclass(frozen=True)
class CampaignLoad:
    start: datetime
    end: datetime
    days: list[DayLoad]
    extra: dict[datetime, float]

    @property
    def total(self) -> float:
        return sum(day.extra_calls for day in self.days)


def campaign_days(campaign: Campaign) -> list[date]:
    return [campaign.starts_on + timedelta(days=n) for n in range(campaign.days)]


def campaign_period(campaign: Campaign) -> tuple[datetime, datetime]:
    """From the launch day's midnight to the midnight after the last day."""
    return (
        local_midnight(campaign.starts_on),
        local_midnight(campaign.ends_on + timedelta(days=1)),
    )


def campaign_load(campaign: Campaign) -> CampaignLoad:
    """The campaign's extra calls per interval and how each day was shaped."""
    start, end = campaign_period(campaign)
    days = campaign_days(campaign)
    shapes = _day_shapes(campaign, days, start, end)
    half_life = float(campaign.half_life_days) if campaign.half_life_days else None
    shares = responses.day_shares(len(days), half_life)
    calls = responses.extra_calls(
        reach=campaign.reach,
        response_rate=float(campaign.response_rate) / 100,
        day_shares=shares,
        intraday_shares=[shape for shape, _source in shapes],
    )
    extra = {
        local_midnight(day) + INTERVAL * i: value
        for day, row in zip(days, calls, strict=True)
        for i, value in enumerate(row)
        if value > 0
    }
    loads = [
        DayLoad(day, share, sum(row), source)
        for day, share, row, (_shape, source) in zip(
            days, shares, calls, shapes, strict=True
        )
    ]
    return CampaignLoad(start, end, loads, extra)


def _day_shapes(
    campaign: Campaign, days: list[date], start: datetime, end: datetime
) -> list[tuple[list[float], ShapeSource]]:
    forecast = forecast_values(queue=campaign.queue, start=start, end=end)
    by_weekday = _history_by_weekday(campaign, start)
    return [_day_shape(day, forecast, by_weekday) for day in days]


def _day_shape(
    day: date,
    forecast: dict[datetime, ForecastValue],
    by_weekday: dict[int, list[float]],
) -> tuple[list[float], ShapeSource]:
    midnight = local_midnight(day)
    starts = [midnight + INTERVAL * i for i in range(PER_DAY)]
    shape = responses.shape_shares(
        [forecast[t].calls if t in forecast else 0.0 for t in starts]
    )
    if shape is not None:
        return shape, ShapeSource.FORECAST
    shape = responses.shape_shares(by_weekday.get(day.weekday(), []))
    if shape is not None:
        return shape, ShapeSource.HISTORY
    return [1 / PER_DAY] * PER_DAY, ShapeSource.EVEN


def _history_by_weekday(campaign: Campaign, start: datetime) -> dict[int, list[float]]:
    """Offered calls per interval of the day, summed per weekday, over the
    weeks before the launch."""
    since = start - timedelta(weeks=HISTORY_WEEKS)
    counts = history.calls_by_interval(campaign.queue, since, start)
    totals: dict[int, list[float]] = {}
    for moment, calls in counts.items():
        local = timezone.localtime(moment)
        row = totals.setdefault(local.weekday(), [0.0] * PER_DAY)
        row[(local - local_midnight(local.date())) // INTERVAL] += calls
    return totals

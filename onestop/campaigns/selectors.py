"""Reads for the campaign pages: the list, a campaign's plan, and how it went.

The checklist itself is ``readiness.campaign_readiness``; the extra calls
per interval ``load.campaign_load``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from onestop.campaigns.load import DayLoad, ShapeSource
from onestop.campaigns.models import Campaign, CampaignScript, Status
from onestop.campaigns.readiness import Readiness, campaign_readiness
from onestop.contactcenter.models import Queue
from onestop.organisations.models import Organisation
from onestop.workforce import history
from onestop.workforce.selectors import IntervalStaffing, staffing_gap

LIST_LIMIT = 100
# Half hours with less than this many calls, agents or extra calls are left
# out of the interval table: nights and closed hours.
QUIET = 0.05


def campaign_list(*, organisation: Organisation) -> QuerySet[Campaign]:
    return Campaign.objects.filter(organisation=organisation).select_related(
        "organisation", "queue"
    )


def campaign_get(*, organisation: Organisation, pk: int) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related(
            "organisation", "queue", "created_by", "launched_by"
        ),
        organisation=organisation,
        pk=pk,
    )


def queues_for(*, organisation: Organisation) -> QuerySet[Queue]:
    return Queue.objects.filter(organisation=organisation).order_by("code")


def script_list(*, campaign: Campaign) -> list[CampaignScript]:
    return list(
        campaign.scripts.select_related("author", "approved_by").order_by("-number")
    )


def script_get(*, campaign: Campaign, number: int) -> CampaignScript:
    return get_object_or_404(
        CampaignScript.objects.select_related("campaign", "author"),
        campaign=campaign,
        number=number,
    )


def campaign_status(campaign: Campaign, *, ready: bool | None, today: date) -> Status:
    """The status shown: a draft is READY while its checklist is green; a
    launched campaign is FINISHED after its last day."""
    if campaign.status == Status.LAUNCHED:
        return Status.FINISHED if today > campaign.ends_on else Status.LAUNCHED
    return Status.READY if ready else Status.DRAFT


@dataclass(frozen=True)
class CampaignRow:
    campaign: Campaign
    status: Status
    failing: int


def campaign_rows(*, organisation: Organisation, today: date) -> list[CampaignRow]:
    """Campaigns, newest launch first, with their status; the checklist is
    computed for drafts that have not yet ended."""
    campaigns = campaign_list(organisation=organisation)[:LIST_LIMIT]
    return [_campaign_row(campaign, today) for campaign in campaigns]


def _campaign_row(campaign: Campaign, today: date) -> CampaignRow:
    if campaign.status != Status.DRAFT or campaign.ends_on < today:
        return CampaignRow(
            campaign, campaign_status(campaign, ready=False, today=today), 0
        )
    readiness = campaign_readiness(campaign)
    failing = sum(1 for check in readiness.checks if check.problems)
    status = campaign_status(campaign, ready=readiness.ready, today=today)
    return CampaignRow(campaign, status, failing)


# --- The campaign page ------------------------------------------------------------


@dataclass(frozen=True)
class DayRow:
    """One campaign day: the calls expected with and without the campaign."""

    load: DayLoad
    baseline_calls: float
    short_intervals: int
    actual_calls: int | None

    @property
    def day(self) -> date:
        return self.load.day

    @property
    def extra_calls(self) -> float:
        return self.load.extra_calls

    @property
    def share_percent(self) -> float:
        return self.load.share * 100

    @property
    def shape_label(self) -> str:
        return str(ShapeSource(self.load.shape).label)

    @property
    def actual_above_baseline(self) -> float | None:
        if self.actual_calls is None:
            return None
        return self.actual_calls - self.baseline_calls


@dataclass(frozen=True)
class IntervalRow:
    staffing: IntervalStaffing
    baseline_scheduled: int
    actual_calls: int | None

    @property
    def actual_above_baseline(self) -> float | None:
        if self.actual_calls is None:
            return None
        return self.actual_calls - self.staffing.forecast_calls


@dataclass(frozen=True)
class CampaignPlan:
    campaign: Campaign
    readiness: Readiness
    status: Status
    days: list[DayRow]
    intervals: list[IntervalRow]
    scripts: list[CampaignScript]
    has_actuals: bool

    @property
    def busy_intervals(self) -> list[IntervalRow]:
        return [row for row in self.intervals if _busy(row)]


def campaign_plan(*, campaign: Campaign, now: datetime) -> CampaignPlan:
    """Everything the campaign page shows."""
    readiness = campaign_readiness(campaign)
    load = readiness.load
    baseline = staffing_gap(queue=campaign.queue, start=load.start, end=load.end)
    actual = _actuals(campaign, load.start, min(load.end, now), now)
    intervals = [
        IntervalRow(row, base.scheduled_agents, _actual_at(actual, row.start, now))
        for row, base in zip(readiness.staffing, baseline, strict=True)
    ]
    today = timezone.localdate(now)
    return CampaignPlan(
        campaign=campaign,
        readiness=readiness,
        status=campaign_status(campaign, ready=readiness.ready, today=today),
        days=[_day_row(day, intervals) for day in load.days],
        intervals=intervals,
        scripts=script_list(campaign=campaign),
        has_actuals=actual is not None,
    )


def _actuals(
    campaign: Campaign, start: datetime, end: datetime, now: datetime
) -> dict[datetime, int] | None:
    """Calls offered per interval so far — once the campaign is launched."""
    if campaign.status != Status.LAUNCHED or now <= start:
        return None
    return history.calls_by_interval(campaign.queue, start, end)


def _actual_at(
    actual: dict[datetime, int] | None, start: datetime, now: datetime
) -> int | None:
    if actual is None or start >= now:
        return None
    return actual.get(start, 0)


def _day_row(load: DayLoad, intervals: list[IntervalRow]) -> DayRow:
    mine = [
        r for r in intervals if timezone.localtime(r.staffing.start).date() == load.day
    ]
    actuals = [r.actual_calls for r in mine if r.actual_calls is not None]
    return DayRow(
        load=load,
        baseline_calls=sum(r.staffing.forecast_calls for r in mine),
        short_intervals=sum(1 for r in mine if r.staffing.gap > 0),
        actual_calls=sum(actuals) if actuals else None,
    )


def _busy(row: IntervalRow) -> bool:
    s = row.staffing
    return bool(
        s.forecast_calls >= QUIET
        or s.extra_calls >= QUIET
        or s.rostered_agents
        or row.actual_calls
        or s.gap > 0
    )

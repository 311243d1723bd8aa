"""Reads for forecasts, staffing and rosters — and the API other apps plan with.

The API (for campaigns, or anything else that sends extra calls to a queue)::

    from onestop.workforce.selectors import IntervalStaffing, staffing_gap

    rows: list[IntervalStaffing] = staffing_gap(
        queue=queue, start=start, end=end, extra_calls={interval_start: 120.0}
    )

One ``IntervalStaffing`` per half-hour interval (local time), from the interval
holding ``start`` up to ``end``:

``start``
    the interval's start, aware, in local time;
``forecast_calls``
    calls the newest forecast of the queue gives the interval; 0.0 where no
    forecast covers it (``has_forecast`` is then False);
``extra_calls``
    what the caller adds to the interval: ``extra_calls`` keys are moved to the
    start of their interval and summed; a key outside [start, end) raises
    ``ValueError``;
``required_agents``
    agents on the phones for forecast + extra calls, by the queue's targets —
    Erlang C, or Erlang A when the queue's planning sets a patience (see
    ``onestop.workforce.staffing``);
``scheduled_agents``
    ``required_agents`` grossed up for the queue's shrinkage: what a roster
    must put on shift;
``rostered_agents``
    agents on shift for the whole interval and not on their break, over all
    of the queue's rosters;
``gap``
    ``scheduled_agents − rostered_agents``: above 0 the interval is that many
    agents short, below 0 it has that many to spare.

The handle time of an interval is its forecast's (the mean of the history
it was made from), else the queue planning's default. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from onestop.common.names import person_name
from onestop.contactcenter.models import Queue
from onestop.organisations.models import Membership, Organisation
from onestop.organisations.roles import Role
from onestop.workforce import history
from onestop.workforce.intervals import (
    INTERVAL,
    INTERVAL_S,
    Week,
    interval_floor,
    interval_starts,
)
from onestop.workforce.models import (
    AgentProfile,
    Forecast,
    ForecastInterval,
    QueuePlanning,
    Roster,
    RosterShift,
    ShiftTemplate,
)
from onestop.workforce.staffing import Targets, requirement

_NO_EXTRA: Mapping[datetime, float] = MappingProxyType({})


@dataclass(frozen=True)
class IntervalStaffing:
    start: datetime
    forecast_calls: float
    extra_calls: float
    required_agents: int
    scheduled_agents: int
    rostered_agents: int
    gap: int
    has_forecast: bool = True


@dataclass(frozen=True)
class ForecastValue:
    calls: float
    aht_s: float
    special: str


@dataclass(frozen=True)
class Agent:
    """A hotline agent and the limits a roster keeps to."""

    user: Any
    name: str
    weekly_minutes: int
    weekdays_off: frozenset[int]


# -- queues and settings -----------------------------------------------------------


def queue_list(*, organisation: Organisation) -> QuerySet[Queue]:
    return Queue.objects.filter(organisation=organisation).order_by("code")


def queue_get(*, organisation: Organisation, pk: int) -> Queue:
    return get_object_or_404(Queue, organisation=organisation, pk=pk)


def planning_for(queue: Queue) -> QueuePlanning:
    """The queue's planning settings; the defaults (unsaved) where none are set."""
    found = QueuePlanning.objects.filter(queue=queue).first()
    return found or QueuePlanning(organisation_id=queue.organisation_id, queue=queue)


def templates_in_use(*, organisation: Organisation) -> QuerySet[ShiftTemplate]:
    return ShiftTemplate.objects.filter(organisation=organisation, is_active=True)


def agent_list(*, organisation: Organisation) -> list[Agent]:
    """Active members holding the hotline agent role, with their limits."""
    members = (
        Membership.objects.filter(
            organisation=organisation, is_active=True, roles__name=Role.AGENT
        )
        .select_related("user")
        .order_by("user__username")
        .distinct()
    )
    profiles = {
        p.user_id: p for p in AgentProfile.objects.filter(organisation=organisation)
    }
    return [_agent(m.user, profiles.get(m.user_id)) for m in members]


def _agent(user: Any, profile: AgentProfile | None) -> Agent:
    profile = profile or AgentProfile()
    return Agent(
        user=user,
        name=person_name(user),
        weekly_minutes=int(profile.weekly_hours * 60),
        weekdays_off=profile.weekdays_off,
    )


# -- forecasts and rosters -------------------------------------------------------


def forecast_latest(*, queue: Queue, week: Week) -> Forecast | None:
    return (
        Forecast.objects.filter(queue=queue, week_start=week.monday)
        .select_related("created_by")
        .first()
    )


def forecast_values(
    *, queue: Queue, start: datetime, end: datetime
) -> dict[datetime, ForecastValue]:
    """Each interval's value from the newest forecast that covers it."""
    rows = (
        ForecastInterval.objects.filter(
            forecast__queue=queue, start__gte=start, start__lt=end
        )
        .order_by("start", "-forecast__created_at", "-forecast_id")
        .values_list("start", "calls", "special", "forecast__aht_s")
    )
    values: dict[datetime, ForecastValue] = {}
    for start_at, calls, special, aht in rows:
        values.setdefault(start_at, ForecastValue(calls, float(aht), special))
    return values


def roster_get(*, queue: Queue, week: Week) -> Roster | None:
    return Roster.objects.filter(queue=queue, week_start=week.monday).first()


def roster_shifts(*, queue: Queue, week: Week) -> list[RosterShift]:
    return list(
        RosterShift.objects.filter(roster__queue=queue, roster__week_start=week.monday)
        .select_related("agent", "template")
        .order_by("day", "starts_at", "agent__username")
    )


def shifts_overlapping(
    *, queue: Queue, start: datetime, end: datetime
) -> QuerySet[RosterShift]:
    return RosterShift.objects.filter(
        roster__queue=queue, starts_at__lt=end, ends_at__gt=start
    )


def worked_intervals(shift: RosterShift) -> list[datetime]:
    """Intervals the shift works in full, its break left out."""
    pause = (shift.break_starts_at, shift.break_ends_at)
    return [
        t
        for t in interval_starts(shift.starts_at, shift.ends_at)
        if t >= shift.starts_at
        and t + INTERVAL <= shift.ends_at
        and not (pause[0] and pause[1] and pause[0] < t + INTERVAL and t < pause[1])
    ]


def rostered_by_interval(
    shifts: Iterable[RosterShift],
) -> dict[datetime, int]:
    counts: dict[datetime, int] = {}
    for shift in shifts:
        for t in worked_intervals(shift):
            counts[t] = counts.get(t, 0) + 1
    return counts


# -- the API ---------------------------------------------------------------------


def staffing_gap(
    *,
    queue: Queue,
    start: datetime,
    end: datetime,
    extra_calls: Mapping[datetime, float] = _NO_EXTRA,
) -> list[IntervalStaffing]:
    """Forecast, extra calls, required, scheduled and rostered agents and the
    gap, per interval (see the module notes)."""
    starts = interval_starts(start, end)
    extra = _extra_by_interval(extra_calls, starts)
    forecast = forecast_values(queue=queue, start=starts[0], end=end) if starts else {}
    planning = planning_for(queue)
    default_aht = _default_aht(queue, planning)
    values = [forecast.get(t) for t in starts]
    calls = [
        (v.calls if v else 0.0) + extra.get(t, 0.0)
        for v, t in zip(values, starts, strict=True)
    ]
    need = requirement(
        calls,
        [v.aht_s if v else default_aht for v in values],
        interval_s=INTERVAL_S,
        targets=Targets.of(queue, planning.patience_s),
    )
    rostered = rostered_by_interval(
        shifts_overlapping(queue=queue, start=starts[0], end=end) if starts else []
    )
    return [
        IntervalStaffing(
            start=t,
            forecast_calls=v.calls if v else 0.0,
            extra_calls=extra.get(t, 0.0),
            required_agents=agents,
            scheduled_agents=sched,
            rostered_agents=rostered.get(t, 0),
            gap=sched - rostered.get(t, 0),
            has_forecast=v is not None,
        )
        for t, v, agents, sched in zip(
            starts, values, need.agents, need.scheduled, strict=True
        )
    ]


def _extra_by_interval(
    extra_calls: Mapping[datetime, float], starts: list[datetime]
) -> dict[datetime, float]:
    known = set(starts)
    out: dict[datetime, float] = {}
    for moment, calls in extra_calls.items():
        key = interval_floor(moment)
        if key not in known:
            raise ValueError(f"extra calls at {moment} fall outside the period asked")
        out[key] = out.get(key, 0.0) + float(calls)
    return out


def _default_aht(queue: Queue, planning: QueuePlanning) -> float:
    latest = Forecast.objects.filter(queue=queue).values_list("aht_s", flat=True)
    return float(latest.first() or planning.default_aht_s)


# -- the week page ---------------------------------------------------------------


@dataclass(frozen=True)
class IntervalRow:
    """One interval of the week page: the plan beside what happened."""

    staffing: IntervalStaffing
    actual_calls: int
    actual_agents: int
    special: str


@dataclass(frozen=True)
class DaySummary:
    day: date
    special: str
    forecast_calls: float
    actual_calls: int
    short_intervals: int
    shortfall: int


@dataclass(frozen=True)
class WeekPlan:
    queue: Queue
    week: Week
    model: str
    forecast: Forecast | None
    roster: Roster | None
    shifts: list[RosterShift]
    rows: list[IntervalRow]
    days: list[DaySummary]


def week_plan(*, queue: Queue, week: Week) -> WeekPlan:
    """Everything the week page shows, in a fixed number of queries."""
    gap = staffing_gap(queue=queue, start=week.start, end=week.end)
    calls = history.calls_by_interval(queue, week.start, week.end)
    agents = history.agents_by_interval(queue, week.start, week.end)
    specials = forecast_values(queue=queue, start=week.start, end=week.end)
    rows = [
        IntervalRow(
            staffing=s,
            actual_calls=calls.get(s.start, 0),
            actual_agents=agents.get(s.start, 0),
            special=specials[s.start].special if s.start in specials else "",
        )
        for s in gap
    ]
    return WeekPlan(
        queue=queue,
        week=week,
        model=Targets.of(queue, planning_for(queue).patience_s).model,
        forecast=forecast_latest(queue=queue, week=week),
        roster=roster_get(queue=queue, week=week),
        shifts=roster_shifts(queue=queue, week=week),
        rows=rows,
        days=[_day_summary(day, rows) for day in week.days],
    )


def _day_summary(day: date, rows: list[IntervalRow]) -> DaySummary:
    mine = [r for r in rows if timezone.localtime(r.staffing.start).date() == day]
    return DaySummary(
        day=day,
        special=next((r.special for r in mine if r.special), ""),
        forecast_calls=sum(r.staffing.forecast_calls for r in mine),
        actual_calls=sum(r.actual_calls for r in mine),
        short_intervals=sum(1 for r in mine if r.staffing.gap > 0),
        shortfall=sum(max(r.staffing.gap, 0) for r in mine),
    )


@dataclass(frozen=True)
class RosterRow:
    """One agent's week on the roster table."""

    name: str
    cells: list[RosterShift | None]
    paid_hours: float
    limit_hours: float | None


def roster_table(
    *, shifts: list[RosterShift], agents: list[Agent], week: Week
) -> list[RosterRow]:
    """Every agent (and anyone else on shift) with their shift on each day."""
    by_agent: dict[int, dict[date, RosterShift]] = {}
    for shift in shifts:
        by_agent.setdefault(shift.agent_id, {})[shift.day] = shift
    rows = [_roster_row(a.name, by_agent.pop(a.user.pk, {}), a, week) for a in agents]
    for days in by_agent.values():
        anyone = next(iter(days.values())).agent
        rows.append(_roster_row(person_name(anyone), days, None, week))
    return rows


def _roster_row(
    name: str, days: dict[date, RosterShift], agent: Agent | None, week: Week
) -> RosterRow:
    return RosterRow(
        name=name,
        cells=[days.get(day) for day in week.days],
        paid_hours=sum(s.paid_minutes for s in days.values()) / 60,
        limit_hours=agent.weekly_minutes / 60 if agent else None,
    )


def shift_get(*, organisation: Organisation, pk: int) -> RosterShift:
    return get_object_or_404(
        RosterShift.objects.select_related("roster__queue"),
        roster__organisation=organisation,
        pk=pk,
    )

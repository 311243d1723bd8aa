"""Writes: making a forecast, computing a roster, adding and removing shifts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.compute.forecast import forecast_series
from onestop.compute.rostering import (
    AgentSpec,
    RosterSolution,
    ShiftSpec,
    solve_roster,
)
from onestop.contactcenter.models import Queue
from onestop.workforce import history, selectors
from onestop.workforce.errors import WorkforceError
from onestop.workforce.intervals import (
    PER_DAY,
    PER_WEEK,
    Week,
    interval_starts,
    local_midnight,
)
from onestop.workforce.models import (
    Forecast,
    ForecastInterval,
    Roster,
    RosterShift,
    ShiftTemplate,
)
from onestop.workforce.specialdays import DayRule, day_rules

# History a forecast learns from, at most, and the least it needs.
MAX_HISTORY_DAYS = 12 * 7
MIN_HISTORY_DAYS = 7
ROSTER_TIME_LIMIT_S = 5.0


# -- forecasts ---------------------------------------------------------------------


@dataclass(frozen=True)
class _History:
    first_day: date
    end_day: date  # exclusive
    counts: list[int]

    @property
    def days(self) -> int:
        return (self.end_day - self.first_day).days

    @property
    def holdout_weeks(self) -> int:
        """Two weeks held out from six weeks of history, one from two."""
        return 2 if self.days >= 42 else 1 if self.days >= 14 else 0


def _history(queue: Queue, week: Week) -> _History:
    """Whole days of offered calls before the week: up to twelve weeks, ending
    with the day of the last call (or the week's start)."""
    span = history.history_span(queue, week.start)
    if span is None:
        raise ServiceError(WorkforceError.NO_HISTORY)
    first, last = (timezone.localtime(moment).date() for moment in span)
    end_day = min(week.monday, last + timedelta(days=1))
    first_day = max(first, end_day - timedelta(days=MAX_HISTORY_DAYS))
    if (end_day - first_day).days < MIN_HISTORY_DAYS:
        raise ServiceError(
            WorkforceError.SHORT_HISTORY, days=(end_day - first_day).days
        )
    start, end = local_midnight(first_day), local_midnight(end_day)
    by_interval = history.calls_by_interval(queue, start, end)
    counts = history.as_list(by_interval, interval_starts(start, end))
    return _History(first_day, end_day, counts)


def forecast_make(*, queue: Queue, week_start: date, actor: Any) -> Forecast:
    """Forecast the calls of ``week_start``'s week from the history before it,
    choosing the method by its error on the last week(s) held out."""
    week = Week.of(week_start)
    past = _history(queue, week)
    rules = day_rules(
        organisation=queue.organisation, first=past.first_day, last=week.days[-1]
    )
    result = forecast_series(
        np.asarray(past.counts, dtype=np.float64),
        period=PER_WEEK,
        per_day=PER_DAY,
        horizon=(week.days[-1] - past.end_day).days * PER_DAY + PER_DAY,
        first_weekday=past.first_day.weekday(),
        special={(d - past.first_day).days: r.rule for d, r in rules.items()},
        holdout_periods=past.holdout_weeks,
    )
    aht = history.mean_handle_time(
        queue, local_midnight(past.first_day), local_midnight(past.end_day)
    )
    with transaction.atomic():
        forecast = Forecast.objects.create(
            organisation=queue.organisation,
            queue=queue,
            week_start=week.monday,
            method=result.method,
            aht_s=round(aht or selectors.planning_for(queue).default_aht_s),
            history_start=past.first_day,
            history_end=past.end_day,
            holdout_weeks=past.holdout_weeks,
            mape=result.holdout_mape,
            mape_intervals=result.holdout_points,
            scores=result.scores,
            created_by=actor,
        )
        _store_values(forecast, week, result.values[-PER_WEEK:], rules)
        audit_record(
            verb="workforce.forecast_made",
            actor=actor,
            organisation=queue.organisation,
            target=forecast,
            data={"method": result.method, "mape": result.holdout_mape},
        )
    return forecast


def _store_values(
    forecast: Forecast, week: Week, values: Any, rules: dict[date, DayRule]
) -> None:
    labels = {day: rule.label for day, rule in rules.items()}
    ForecastInterval.objects.bulk_create(
        ForecastInterval(
            forecast=forecast,
            start=start,
            calls=round(float(value), 3),
            special=labels.get(week.days[i // PER_DAY], ""),
        )
        for i, (start, value) in enumerate(zip(week.intervals, values, strict=True))
    )


# -- rosters -----------------------------------------------------------------------


def shift_times(
    template: ShiftTemplate, day: date
) -> tuple[datetime, datetime, datetime | None, datetime | None]:
    """When a template worked on ``day`` starts and ends, and its break."""
    starts = local_midnight(day) + timedelta(
        hours=template.start.hour, minutes=template.start.minute
    )
    ends = starts + timedelta(minutes=template.length_minutes)
    if not template.break_minutes or template.break_offset_minutes is None:
        return starts, ends, None, None
    pause = starts + timedelta(minutes=template.break_offset_minutes)
    return starts, ends, pause, pause + timedelta(minutes=template.break_minutes)


def _new_shift(
    roster: Roster, agent: Any, day: date, template: ShiftTemplate, manual: bool
) -> RosterShift:
    starts, ends, pause, resume = shift_times(template, day)
    return RosterShift(
        roster=roster,
        agent=agent,
        day=day,
        template=template,
        starts_at=starts,
        ends_at=ends,
        break_starts_at=pause,
        break_ends_at=resume,
        paid_minutes=template.paid_minutes,
        is_manual=manual,
    )


def _spec(template: ShiftTemplate) -> ShiftSpec:
    return ShiftSpec(
        key=str(template.pk),
        start=template.start.hour * 60 + template.start.minute,
        length=template.length_minutes,
        break_offset=template.break_offset_minutes,
        break_minutes=template.break_minutes,
    )


def _around(queue: Queue, week: Week) -> list[RosterShift]:
    """The organisation's shifts on every queue from the day before the week
    to the day after: what limits and rest are checked against."""
    return list(
        RosterShift.objects.filter(
            roster__organisation=queue.organisation,
            day__gte=week.monday - timedelta(days=1),
            day__lte=week.days[-1] + timedelta(days=1),
        ).select_related("roster")
    )


def _agent_specs(
    agents: list[selectors.Agent],
    taken: list[RosterShift],
    templates: list[ShiftTemplate],
    week: Week,
    rest: timedelta,
) -> list[AgentSpec]:
    """Agents' limits less the shifts they already have (kept by hand or on
    another queue): those days are off, those minutes spent, and shifts too
    close to them ruled out."""
    specs = []
    for agent in agents:
        mine = [s for s in taken if s.agent_id == agent.user.pk]
        this_week = [s for s in mine if s.day in week.days]
        blocked = {
            (i, str(t.pk))
            for i, day in enumerate(week.days)
            for t in templates
            if _too_close(t, day, mine, rest)
        }
        specs.append(
            AgentSpec(
                key=agent.user.pk,
                max_paid_minutes=max(
                    agent.weekly_minutes - sum(s.paid_minutes for s in this_week), 0
                ),
                days_off=agent.weekdays_off
                | {(s.day - week.monday).days for s in this_week},
                blocked=frozenset(blocked),
            )
        )
    return specs


def roster_compute(
    *,
    queue: Queue,
    week_start: date,
    actor: Any,
    time_limit_s: float = ROSTER_TIME_LIMIT_S,
) -> Roster:
    """Assign shifts for the week so that the rostered agents cover the
    scheduled requirement with the least shortfall, then the fewest paid
    hours (``compute.rostering``). Shifts added by hand stay; the rest of the
    week's roster is replaced."""
    week = Week.of(week_start)
    organisation = queue.organisation
    gap = selectors.staffing_gap(queue=queue, start=week.start, end=week.end)
    templates = list(selectors.templates_in_use(organisation=organisation))
    agents = selectors.agent_list(organisation=organisation)
    raise_all(_roster_problems(gap, templates, agents))
    kept = [
        s
        for s in _around(queue, week)
        if s.roster.queue_id != queue.pk or s.is_manual or s.day not in week.days
    ]
    own_kept = selectors.rostered_by_interval(
        s for s in kept if s.roster.queue_id == queue.pk
    )
    rest = timedelta(hours=selectors.planning_for(queue).min_rest_hours)
    solution = solve_roster(
        [max(r.scheduled_agents - own_kept.get(r.start, 0), 0) for r in gap],
        agents=_agent_specs(agents, kept, templates, week, rest),
        shifts=[_spec(t) for t in templates],
        min_rest_minutes=int(rest.total_seconds() // 60),
        time_limit_s=time_limit_s,
    )
    return _roster_save(queue, week, solution, templates, agents, actor)


def _roster_problems(
    gap: list[selectors.IntervalStaffing],
    templates: list[ShiftTemplate],
    agents: list[selectors.Agent],
) -> list[ServiceError]:
    problems = []
    if not any(r.has_forecast for r in gap):
        problems.append(ServiceError(WorkforceError.NO_FORECAST))
    if not templates:
        problems.append(ServiceError(WorkforceError.NO_TEMPLATES))
    if not agents:
        problems.append(ServiceError(WorkforceError.NO_AGENTS))
    return problems


@transaction.atomic
def _roster_save(
    queue: Queue,
    week: Week,
    solution: RosterSolution,
    templates: list[ShiftTemplate],
    agents: list[selectors.Agent],
    actor: Any,
) -> Roster:
    roster, _created = Roster.objects.select_for_update().get_or_create(
        organisation=queue.organisation, queue=queue, week_start=week.monday
    )
    roster.shifts.filter(is_manual=False).delete()
    by_template = {str(t.pk): t for t in templates}
    by_user = {a.user.pk: a.user for a in agents}
    RosterShift.objects.bulk_create(
        _new_shift(roster, by_user[a], week.days[d], by_template[k], manual=False)
        for a, d, k in solution.assignments
    )
    roster.solver_status = solution.status
    roster.shortfall = solution.shortfall
    roster.computed_at = timezone.now()
    roster.computed_by = actor
    roster.save(
        update_fields=["solver_status", "shortfall", "computed_at", "computed_by"]
    )
    audit_record(
        verb="workforce.roster_computed",
        actor=actor,
        organisation=queue.organisation,
        target=roster,
        data={
            "status": solution.status,
            "shifts": len(solution.assignments),
            "shortfall": solution.shortfall,
        },
    )
    return roster


# -- shifts by hand ----------------------------------------------------------------


def _shift_problems(
    *,
    agent: selectors.Agent,
    day: date,
    template: ShiftTemplate,
    week: Week,
    rest_hours: int,
    taken: list[RosterShift],
) -> list[ServiceError]:
    name, shown = agent.name, f"{day:%Y-%m-%d}"
    if day not in week.days:
        return [ServiceError(WorkforceError.DAY_OUTSIDE_WEEK, field="day", day=shown)]
    if day.weekday() in agent.weekdays_off:
        return [ServiceError(WorkforceError.DAY_OFF, field="day", day=shown, name=name)]
    mine = [s for s in taken if s.agent_id == agent.user.pk]
    if any(s.day == day for s in mine):
        error = WorkforceError.ALREADY_ON_SHIFT
        return [ServiceError(error, field="agent", day=shown, name=name)]
    problems = []
    this_week = [s for s in mine if s.day in week.days]
    minutes = sum(s.paid_minutes for s in this_week) + template.paid_minutes
    if minutes > agent.weekly_minutes:
        problems.append(
            ServiceError(
                WorkforceError.TOO_MANY_HOURS,
                field="template",
                name=name,
                hours=f"{minutes / 60:g}",
                limit=f"{agent.weekly_minutes / 60:g}",
            )
        )
    if _too_close(template, day, mine, timedelta(hours=rest_hours)):
        problems.append(
            ServiceError(
                WorkforceError.TOO_LITTLE_REST,
                field="template",
                name=name,
                hours=rest_hours,
            )
        )
    return problems


def _too_close(
    template: ShiftTemplate, day: date, mine: list[RosterShift], rest: timedelta
) -> bool:
    starts, ends, _pause, _resume = shift_times(template, day)
    return any(
        starts < other.ends_at + rest and other.starts_at < ends + rest
        for other in mine
    )


def roster_shift_add(
    *,
    queue: Queue,
    week_start: date,
    agent: Any,
    day: date,
    template: ShiftTemplate,
    actor: Any,
) -> RosterShift:
    """Give ``agent`` a shift by hand, within the same limits a computed
    roster keeps: one shift a day, days off, weekly hours and rest."""
    week = Week.of(week_start)
    organisation = queue.organisation
    member = next(
        (a for a in selectors.agent_list(organisation=organisation) if a.user == agent),
        None,
    )
    if member is None:
        raise ServiceError(WorkforceError.NOT_AN_AGENT, field="agent", name=str(agent))
    if template.organisation_id != organisation.pk:
        raise ServiceError(WorkforceError.NO_TEMPLATES, field="template")
    raise_all(
        _shift_problems(
            agent=member,
            day=day,
            template=template,
            week=week,
            rest_hours=selectors.planning_for(queue).min_rest_hours,
            taken=_around(queue, week),
        )
    )
    return _shift_save(queue, week, member, day, template, actor)


def _shift_save(
    queue: Queue,
    week: Week,
    member: selectors.Agent,
    day: date,
    template: ShiftTemplate,
    actor: Any,
) -> RosterShift:
    try:
        with transaction.atomic():
            roster, _created = Roster.objects.get_or_create(
                organisation=queue.organisation, queue=queue, week_start=week.monday
            )
            shift = _new_shift(roster, member.user, day, template, manual=True)
            shift.save()
            audit_record(
                verb="workforce.shift_added",
                actor=actor,
                organisation=queue.organisation,
                target=roster,
                data={"agent": member.user.pk, "day": day.isoformat()},
            )
    except IntegrityError:
        raise ServiceError(
            WorkforceError.ALREADY_ON_SHIFT,
            field="agent",
            name=member.name,
            day=f"{day:%Y-%m-%d}",
        ) from None
    return shift


@transaction.atomic
def roster_shift_remove(*, shift: RosterShift, actor: Any) -> None:
    roster = shift.roster
    audit_record(
        verb="workforce.shift_removed",
        actor=actor,
        organisation=roster.organisation,
        target=roster,
        data={"agent": shift.agent_id, "day": shift.day.isoformat()},
    )
    shift.delete()

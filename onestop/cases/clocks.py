"""The clocks of a case and of its current step, read on the organisation's calendar.

The law's arithmetic lives in ``onestop.compute.sla``; this module only
gathers the case's facts for it — when the clock started, the limit, the
suspensions, the approved extensions — and writes the resulting deadlines
back onto the case so lists can sort and warn without recomputing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from onestop.cases.errors import CaseError
from onestop.cases.models import Case, CaseStep, Suspension
from onestop.cases.selectors import case_settings_for
from onestop.common.errors import ServiceError
from onestop.compute.sla import ClockReading, Pause, clock_reading
from onestop.compute.workdays import CalendarNotCovered, WorkCalendar


def yellow_share_of(case: Case) -> float:
    """The organisation's warning share."""
    return float(case_settings_for(case).yellow_share)


def pauses_of(
    case: Case, since: datetime, suspensions: Sequence[Suspension] | None = None
) -> tuple[Pause, ...]:
    """The case's suspensions from ``since`` on, clipped to it.

    ``suspensions``: the case's, when the caller has just read them; else
    they are read through ``all()``, so a page's prefetch serves.
    """
    if suspensions is None:
        suspensions = sorted(case.suspensions.all(), key=lambda s: s.started_at)
    pauses = []
    for suspension in suspensions:
        if suspension.ended_at is not None and suspension.ended_at <= since:
            continue
        pauses.append(Pause(max(suspension.started_at, since), suspension.ended_at))
    return tuple(pauses)


def clock_start(calendar: WorkCalendar, started: datetime) -> datetime:
    """When the clock starts counting: the close of office hours on the day things began.

    The day of acceptance does not count (民法典 第二百零一条), so nothing that
    happens on it — a suspension that afternoon included — uses or returns
    any of the limit; the budget is exactly N days of office time.
    """
    local = started.astimezone(calendar.tz)
    return datetime.combine(
        local.date(), calendar.office_hours[-1][1], tzinfo=calendar.tz
    )


def case_clock(
    case: Case,
    calendar: WorkCalendar,
    now: datetime,
    suspensions: Sequence[Suspension] | None = None,
) -> ClockReading | None:
    """The whole case's clock, or None before acceptance or for items done on the spot."""
    if case.accepted_at is None or not case.limit_days:
        return None
    start = clock_start(calendar, case.accepted_at)
    return clock_reading(
        calendar,
        started_at=start,
        working_days=case.limit_days,
        now=max(start, min(now, case.completed_at or now)),
        pauses=pauses_of(case, start, suspensions),
        extension_days=case.extension_days,
        yellow_share=yellow_share_of(case),
    )


def step_clock(
    case: Case,
    step: CaseStep,
    calendar: WorkCalendar,
    now: datetime,
    suspensions: Sequence[Suspension] | None = None,
) -> ClockReading:
    """One step's own clock, which stops with the case's."""
    start = clock_start(calendar, step.started_at)
    return clock_reading(
        calendar,
        started_at=start,
        working_days=max(step.limit_days, 1),
        now=max(start, min(now, step.finished_at or now)),
        pauses=pauses_of(case, start, suspensions),
        yellow_share=yellow_share_of(case),
    )


def clocks_refresh(case: Case, calendar: WorkCalendar, now: datetime) -> list[str]:
    """Write the current deadlines onto the case and its step; return the case fields changed.

    A deadline beyond the holiday data is refused, never guessed: the action
    is refused with a message telling what the administrator must enter.
    """
    try:
        return _clocks_write(case, calendar, now)
    except CalendarNotCovered:
        last = calendar.covered_years[1]
        raise ServiceError(
            CaseError.CALENDAR_NOT_COVERED, last=last, next=last + 1
        ) from None


def _clocks_write(case: Case, calendar: WorkCalendar, now: datetime) -> list[str]:
    # Both clocks stop for the same suspensions: read them once, and afresh
    # (not from a prefetch), since an action may just have changed them.
    suspensions = list(case.suspensions.all().order_by("started_at"))
    reading = case_clock(case, calendar, now, suspensions)
    case.due_at = reading.due_at if reading else None
    case.yellow_at = reading.yellow_at if reading else None
    step = case.current_step
    if step is not None and step.finished_at is None:
        step_reading = step_clock(case, step, calendar, now, suspensions)
        step.due_at, step.yellow_at = step_reading.due_at, step_reading.yellow_at
        step.save(update_fields=["due_at", "yellow_at"])
    return ["due_at", "yellow_at"]

"""The day's plan: assigning open jobs to technicians and ordering each route.

The day's booked and confirmed jobs are routed as a vehicle-routing problem
with time windows (``onestop.compute.routing``), compared with a
nearest-neighbour baseline, and written back to the jobs; orders whose goods
are ready move to dispatched.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.compute import routing
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import (
    DispatchPlan,
    DispatchRoute,
    Job,
    JobStatus,
    Technician,
)
from onestop.fieldservice.services.orders import _move
from onestop.fieldservice.states import OrderAction, transition_for
from onestop.organisations.models import Organisation


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def dispatch_plan_day(
    *,
    organisation: Organisation,
    actor: Any,
    day: date,
    now: datetime | None = None,
    time_limit_seconds: float = 2.0,
) -> DispatchPlan:
    """Assign the day's open jobs to technicians and order each route (VRPTW)."""
    now = now or timezone.now()
    jobs = list(
        Job.objects.filter(
            organisation=organisation,
            day=day,
            status__in=[JobStatus.BOOKED, JobStatus.CONFIRMED],
        ).select_related("order")
    )
    techs = list(Technician.objects.filter(organisation=organisation, is_active=True))
    if not techs:
        raise ServiceError(FieldError.NO_TECHNICIANS)
    if not jobs:
        raise ServiceError(FieldError.NO_JOBS, field="day", day=day.isoformat())
    stops = [_stop(job) for job in jobs]
    people = [_person(t) for t in techs]
    plan = routing.plan_routes(stops, people, time_limit_seconds=time_limit_seconds)
    baseline = routing.plan_nearest_neighbour(stops, people)
    with transaction.atomic():
        record = DispatchPlan.objects.create(
            organisation=organisation,
            day=day,
            created_at=now,
            created_by=actor,
            total_km=_km(plan.total_km),
            baseline_km=_km(baseline.total_km),
            solve_seconds=Decimal(str(round(plan.solve_seconds, 2))),
            unassigned=len(plan.unassigned),
        )
        _apply(record, plan, jobs, techs, day)
        audit_record(
            verb="fieldservice.dispatch_planned",
            actor=actor,
            organisation=organisation,
            target=record,
            data={"jobs": plan.assigned, "km": float(plan.total_km)},
        )
    return record


def _km(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _stop(job: Job) -> routing.Stop:
    return routing.Stop(
        key=str(job.pk),
        location=routing.Point(float(job.order.latitude), float(job.order.longitude)),
        window_start=_minutes(job.window_start),
        window_end=_minutes(job.window_end),
        service_minutes=job.service_minutes,
        skill=job.skill,
    )


def _person(tech: Technician) -> routing.Technician:
    return routing.Technician(
        key=str(tech.pk),
        home=routing.Point(float(tech.home_latitude), float(tech.home_longitude)),
        shift_start=_minutes(tech.shift_start),
        shift_end=_minutes(tech.shift_end),
        skills=tech.skill_set,
    )


def _apply(
    record: DispatchPlan,
    plan: routing.Plan,
    jobs: list[Job],
    techs: list[Technician],
    day: date,
) -> None:
    tz = ZoneInfo(str(timezone.get_current_timezone()))
    by_job = {str(j.pk): j for j in jobs}
    by_tech = {str(t.pk): t for t in techs}
    midnight = datetime.combine(day, time(0), tzinfo=tz)
    for job in jobs:
        job.technician, job.sequence, job.planned_start = None, None, None
        job.km_from_previous, job.plan = None, record
    for route in plan.routes:
        tech = by_tech[route.technician_key]
        if route.visits:
            DispatchRoute.objects.create(
                plan=record,
                technician=tech,
                jobs=len(route.visits),
                km=_km(route.km),
                home_at=midnight + timedelta(minutes=route.home_at),
            )
        for n, visit in enumerate(route.visits, start=1):
            job = by_job[visit.stop_key]
            job.technician, job.sequence = tech, n
            job.planned_start = midnight + timedelta(minutes=visit.start)
            job.km_from_previous = _km(visit.km_from_previous)
    Job.objects.bulk_update(
        jobs, ["technician", "sequence", "planned_start", "km_from_previous", "plan"]
    )
    for order in {j.order_id: j.order for j in jobs if j.technician}.values():
        # An order whose goods are not ready yet keeps its state: only the
        # table's DISPATCH row moves it.
        if transition_for(OrderAction.DISPATCH, order.status) is not None:
            _move(order, OrderAction.DISPATCH)
            order.save(update_fields=["status"])

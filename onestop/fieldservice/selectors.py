"""Reads of field service, each scoped to one organisation and without N+1.

A technician (own staff or a provider's) who may not plan sees only the jobs
assigned to them: ``job_list_for`` and ``job_get_for`` filter by their user.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from onestop.fieldservice.models import (
    DispatchPlan,
    Incident,
    Job,
    JobStatus,
    Order,
    OrderLine,
    Product,
    ReturnVisitRule,
    Technician,
)
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Organisation

PLAN = "fieldservice.plan_delivery"


def order_list(*, organisation: Organisation, status: str = "") -> QuerySet[Order]:
    orders = Order.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.order_by("position"))
    )
    return orders.filter(status=status) if status else orders


def order_get(*, organisation: Organisation, pk: int) -> Order:
    queryset = Order.objects.filter(organisation=organisation).prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.select_related("product")),
        Prefetch("incidents", queryset=Incident.objects.order_by("-reported_at")),
        Prefetch(
            "jobs",
            queryset=Job.objects.select_related(
                "technician", "record", "return_visit"
            ).order_by("day", "window_start"),
        ),
    )
    return get_object_or_404(queryset, pk=pk)


def incident_get(*, organisation: Organisation, pk: int) -> Incident:
    return get_object_or_404(
        Incident.objects.filter(organisation=organisation).select_related("order"),
        pk=pk,
    )


def _jobs(organisation: Organisation) -> QuerySet[Job]:
    return (
        Job.objects.filter(organisation=organisation)
        .select_related("order", "technician")
        .prefetch_related("order__lines")
    )


def may_plan(user: Any, organisation: Organisation) -> bool:
    return has_organisation_perm(user, PLAN, organisation.pk)


def job_list_for(
    *, organisation: Organisation, user: Any, day: date | None = None
) -> QuerySet[Job]:
    """Jobs this person may see: all of them for planners, else their own."""
    jobs = _jobs(organisation)
    if not may_plan(user, organisation):
        jobs = jobs.filter(technician__user=user)
    if day is not None:
        jobs = jobs.filter(day=day)
    return jobs.order_by("day", "sequence", "window_start")


def job_get_for(*, organisation: Organisation, user: Any, pk: int) -> Job:
    """One job, if this person may see it (404 otherwise: not theirs, not here)."""
    return get_object_or_404(
        job_list_for(organisation=organisation, user=user).select_related(
            "record", "return_visit"
        ),
        pk=pk,
    )


@dataclass
class TechnicianDay:
    technician: Technician
    jobs: list[Job] = field(default_factory=list)
    km: Decimal = Decimal("0")
    home_at: Any = None


@dataclass
class DayBoard:
    day: date
    plan: DispatchPlan | None
    rows: list[TechnicianDay]
    unassigned: list[Job]


def dispatch_board(*, organisation: Organisation, day: date) -> DayBoard:
    """The day's plan as a table per technician: stops in order, times, km."""
    plan = (
        DispatchPlan.objects.filter(organisation=organisation, day=day)
        .prefetch_related("routes__technician")
        .order_by("-created_at")
        .first()
    )
    jobs = list(
        _jobs(organisation)
        .filter(day=day)
        .exclude(status=JobStatus.CANCELLED)
        .order_by("technician__name", "sequence", "window_start")
    )
    rows: dict[int, TechnicianDay] = {}
    for route in plan.routes.all() if plan else []:
        rows[route.technician_id] = TechnicianDay(
            route.technician, km=route.km, home_at=route.home_at
        )
    unassigned = []
    for job in jobs:
        if job.technician is None:
            unassigned.append(job)
            continue
        row = rows.setdefault(job.technician_id, TechnicianDay(job.technician))
        row.jobs.append(job)
    ordered = sorted(rows.values(), key=lambda r: r.technician.name)
    return DayBoard(day, plan, ordered, unassigned)


def technician_list(*, organisation: Organisation) -> QuerySet[Technician]:
    return Technician.objects.filter(organisation=organisation, is_active=True)


def technician_setup_list(*, organisation: Organisation) -> QuerySet[Technician]:
    """Every technician, active first, with user, provider and department."""
    return (
        Technician.objects.filter(organisation=organisation)
        .select_related("user", "provider", "department")
        .order_by("-is_active", "name")
    )


def technician_get(*, organisation: Organisation, pk: int) -> Technician:
    return get_object_or_404(
        Technician.objects.filter(organisation=organisation), pk=pk
    )


def product_list(*, organisation: Organisation) -> QuerySet[Product]:
    return Product.objects.filter(organisation=organisation).order_by("model")


def product_get(*, organisation: Organisation, pk: int) -> Product:
    return get_object_or_404(Product.objects.filter(organisation=organisation), pk=pk)


def return_visit_rule_get(*, organisation: Organisation) -> ReturnVisitRule | None:
    return ReturnVisitRule.objects.filter(organisation=organisation).first()


def return_visit_jobs(
    *, organisation: Organisation, start: datetime, end: datetime
) -> QuerySet[Job]:
    """Jobs signed in [start, end) that have a return visit, with its status."""
    return (
        Job.objects.filter(
            organisation=organisation,
            return_visit__isnull=False,
            record__signed_at__gte=start,
            record__signed_at__lt=end,
        )
        .select_related("order", "technician", "record", "return_visit")
        .order_by("record__signed_at")
    )


@dataclass(frozen=True)
class MonthFigures:
    month: date
    delivered: int
    on_time: int
    first_visits: int
    first_visit_fixed: int
    jobs_done: int
    technician_days: int
    route_km: Decimal

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.delivered if self.delivered else None

    @property
    def first_visit_fix_rate(self) -> float | None:
        return self.first_visit_fixed / self.first_visits if self.first_visits else None

    @property
    def jobs_per_technician_day(self) -> float | None:
        return self.jobs_done / self.technician_days if self.technician_days else None


def _month(day: date) -> date:
    return day.replace(day=1)


def monthly_figures(
    *, organisation: Organisation, start: date, end: date
) -> list[MonthFigures]:
    """Per month in [start, end]: on-time delivery, first-visit fix, jobs per
    technician-day and route km.

    On time: delivered (first signed record) on or before the agreed date.
    First-visit fix: an order's first signed visit that fixed it. Jobs per
    technician-day: signed jobs over the distinct (technician, day) pairs that
    did them. Route km: the latest plan of each day, summed.
    """
    months: dict[date, dict[str, Any]] = defaultdict(
        lambda: defaultdict(int, km=Decimal("0"), days=set())
    )
    orders = Order.objects.filter(
        organisation=organisation,
        delivered_at__date__gte=start,
        delivered_at__date__lte=end,
    ).only("delivered_at", "agreed_date")
    for order in orders:
        m = months[_month(order.delivered_at.date())]  # type: ignore[union-attr]
        m["delivered"] += 1
        m["on_time"] += int(
            order.agreed_date is not None
            and order.delivered_at.date() <= order.agreed_date  # type: ignore[union-attr]
        )
    _job_figures(organisation, start, end, months)
    _km_figures(organisation, start, end, months)
    return [
        MonthFigures(
            month=key,
            delivered=m["delivered"],
            on_time=m["on_time"],
            first_visits=m["first"],
            first_visit_fixed=m["fixed"],
            jobs_done=m["done"],
            technician_days=len(m["days"]),
            route_km=m["km"],
        )
        for key, m in sorted(months.items())
    ]


def _job_figures(
    organisation: Organisation, start: date, end: date, months: dict[date, Any]
) -> None:
    jobs = (
        Job.objects.filter(organisation=organisation, status=JobStatus.DONE)
        .select_related("record")
        .order_by("order_id", "record__signed_at")
        .only(
            "order_id", "technician_id", "day", "record__signed_at", "record__resolved"
        )
    )
    seen_orders: set[int] = set()
    for job in jobs:
        first = job.order_id not in seen_orders
        seen_orders.add(job.order_id)
        if not start <= job.day <= end:
            continue
        m = months[_month(job.day)]
        m["done"] += 1
        m["days"].add((job.technician_id, job.day))
        if first:
            m["first"] += 1
            m["fixed"] += int(job.record.resolved)


def _km_figures(
    organisation: Organisation, start: date, end: date, months: dict[date, Any]
) -> None:
    plans = DispatchPlan.objects.filter(
        organisation=organisation, day__gte=start, day__lte=end
    ).order_by("day", "-created_at")
    latest: dict[date, Decimal] = {}
    for plan in plans:
        latest.setdefault(plan.day, plan.total_km)
    for day, km in latest.items():
        months[_month(day)]["km"] += km

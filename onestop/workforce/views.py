"""The workforce pages: queues, and each queue's week of forecast, staffing and roster."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.contactcenter.models import Queue
from onestop.organisations.access import can, staff_view
from onestop.portal.views import errors_onto
from onestop.workforce import charts, selectors, services, simulation
from onestop.workforce.forms import ShiftAddForm, SimulationForm, WeekForm
from onestop.workforce.intervals import Week
from onestop.workforce.models import ForecastMethod

VIEW = "workforce.view_staffing"
PLAN = "workforce.plan_staffing"


@staff_view(VIEW)
def workforce_home(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    return render(
        request,
        "workforce/home.html",
        {
            "queues": selectors.queue_list(organisation=organisation),
            "week": Week.of(timezone.localdate()),
        },
    )


@staff_view(VIEW)
def queue_week(request: HttpRequest, queue_id: int) -> HttpResponse:
    queue = selectors.queue_get(organisation=request.organisation, pk=queue_id)  # type: ignore[attr-defined]
    week = WeekForm(request.GET or None, today=timezone.localdate()).chosen()
    return _render_week(request, queue, week)


def _render_week(
    request: HttpRequest,
    queue: Queue,
    week: Week,
    *,
    shift_form: ShiftAddForm | None = None,
    problems: list[str] | None = None,
) -> HttpResponse:
    organisation = queue.organisation
    plan = selectors.week_plan(queue=queue, week=week)
    agents = selectors.agent_list(organisation=organisation)
    templates = selectors.templates_in_use(organisation=organisation)
    sim_form, simulated = _simulation(request, queue, week)
    return render(
        request,
        "workforce/week.html",
        {
            "plan": plan,
            "queue": queue,
            "week": week,
            "previous": week.shifted(-1),
            "next": week.shifted(1),
            "week_form": WeekForm(initial={"week": week.monday}, today=week.monday),
            "may_plan": can(request, PLAN),
            "method_label": _method_label(plan),
            "calls_chart": charts.calls_chart(plan.rows, chart_id="calls-chart"),
            "agents_chart": charts.agents_chart(plan.rows, chart_id="agents-chart"),
            "roster_rows": selectors.roster_table(
                shifts=plan.shifts, agents=agents, week=week
            ),
            "busy_rows": [r for r in plan.rows if _busy(r)],
            "shift_form": shift_form
            or ShiftAddForm(week=week, agents=agents, templates=templates),
            "problems": problems or [],
            "sim_form": sim_form,
            "simulation": simulated,
        },
    )


def _method_label(plan: selectors.WeekPlan) -> str:
    if plan.forecast is None:
        return ""
    return str(ForecastMethod(plan.forecast.method).label)


def _busy(row: selectors.IntervalRow) -> bool:
    s = row.staffing
    return bool(
        s.forecast_calls >= 0.05
        or row.actual_calls
        or s.rostered_agents
        or row.actual_agents
    )


def _simulation(
    request: HttpRequest, queue: Queue, week: Week
) -> tuple[SimulationForm, simulation.Simulation | None]:
    if "sim-day" not in request.GET:
        first = week.monday
        initial = {
            "day": first.isoformat(),
            "vip_share": round(
                Decimal(simulation.usual_vip_share(queue, first)) * 100, 1
            ),
            "patience_s": simulation.usual_patience(queue),
            "seed": 1,
        }
        return SimulationForm(week=week, prefix="sim", initial=initial), None
    form = SimulationForm(request.GET, week=week, prefix="sim")
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, simulation.simulate(
        queue=queue,
        day=data["day"],
        vip_share=float(data["vip_share"]) / 100,
        patience_s=data["patience_s"],
        seed=data["seed"],
    )


def _week_url(queue: Queue, week: Week) -> str:
    url = reverse("staff:workforce_queue", args=[queue.pk])
    return f"{url}?week={week.monday.isoformat()}"


def _posted_week(request: HttpRequest) -> Week:
    try:
        return Week.of(date.fromisoformat(request.POST.get("week", "")))
    except ValueError:
        return Week.of(timezone.localdate())


@require_POST
@staff_view(PLAN)
def forecast_run(request: HttpRequest, queue_id: int) -> HttpResponseRedirect:
    queue = selectors.queue_get(organisation=request.organisation, pk=queue_id)  # type: ignore[attr-defined]
    week = _posted_week(request)
    try:
        forecast = services.forecast_make(
            queue=queue, week_start=week.monday, actor=request.user
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _forecast_message(forecast))
    return redirect(_week_url(queue, week))


def _forecast_message(forecast: Any) -> str:
    method = ForecastMethod(forecast.method).label
    if forecast.mape is None:
        return _("Forecast made by %(method)s; too little history to test it.") % {
            "method": method
        }
    return _(
        "Forecast made by %(method)s; on the %(weeks)s week(s) held out its MAPE "
        "was %(mape)s%%."
    ) % {
        "method": method,
        "weeks": forecast.holdout_weeks,
        "mape": f"{forecast.mape * 100:.1f}",
    }


@require_POST
@staff_view(PLAN)
def roster_run(request: HttpRequest, queue_id: int) -> HttpResponseRedirect:
    queue = selectors.queue_get(organisation=request.organisation, pk=queue_id)  # type: ignore[attr-defined]
    week = _posted_week(request)
    try:
        roster = services.roster_compute(
            queue=queue, week_start=week.monday, actor=request.user
        )
    except (ServiceError, ServiceErrors) as error:
        for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
            messages.error(request, problem.message)
    else:
        messages.success(
            request,
            _("Roster computed (%(status)s); shortfall: %(short)s agent half-hours.")
            % {"status": roster.get_solver_status_display(), "short": roster.shortfall},
        )
    return redirect(_week_url(queue, week))


@require_POST
@staff_view(PLAN)
def shift_add(request: HttpRequest, queue_id: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    queue = selectors.queue_get(organisation=organisation, pk=queue_id)
    week = _posted_week(request)
    form = ShiftAddForm(
        request.POST,
        week=week,
        agents=selectors.agent_list(organisation=organisation),
        templates=selectors.templates_in_use(organisation=organisation),
    )
    problems: list[str] = []
    if form.is_valid():
        try:
            services.roster_shift_add(
                queue=queue,
                week_start=week.monday,
                agent=form.agent_user(),
                day=form.cleaned_data["day"],
                template=form.cleaned_data["template"],
                actor=request.user,
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            messages.success(request, _("Shift added."))
            return redirect(_week_url(queue, week))
    return _render_week(request, queue, week, shift_form=form, problems=problems)


@require_POST
@staff_view(PLAN)
def shift_remove(request: HttpRequest, shift_id: int) -> HttpResponseRedirect:
    shift = selectors.shift_get(organisation=request.organisation, pk=shift_id)  # type: ignore[attr-defined]
    queue, week = shift.roster.queue, Week.of(shift.roster.week_start)
    services.roster_shift_remove(shift=shift, actor=request.user)
    messages.success(request, _("Shift removed."))
    return redirect(_week_url(queue, week))

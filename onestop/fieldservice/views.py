"""Field-service pages: orders, the dispatch board, the technician's phone page, figures."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.fieldservice import charts, excel, selectors, services
from onestop.fieldservice.forms import (
    AgreeDateForm,
    BookJobForm,
    CloseIncidentForm,
    ConfirmForm,
    DispatchForm,
    IncidentForm,
    LateForm,
    OrderForm,
    RecordForm,
)
from onestop.fieldservice.states import OrderAction, actions_from
from onestop.organisations.access import can, staff_view
from onestop.portal.views import errors_onto

VIEW = "fieldservice.view_order"
ADD = "fieldservice.add_order"
PLAN = "fieldservice.plan_delivery"
JOBS = "fieldservice.view_job"
RECORD = "fieldservice.record_service"
FIGURES = "fieldservice.view_fieldservice_figures"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _refused(request: HttpRequest, error: ServiceError | ServiceErrors) -> None:
    for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
        messages.error(request, problem.message)


@staff_view(VIEW)
def order_list(request: HttpRequest) -> HttpResponse:
    orders = selectors.order_list(
        organisation=_org(request), status=request.GET.get("status", "")
    )
    return render(
        request,
        "fieldservice/order_list.html",
        {"orders": orders[:200], "may_add": can(request, ADD)},
    )


@staff_view(ADD)
def order_new(request: HttpRequest) -> HttpResponse:
    form = OrderForm(
        request.POST or None, initial={"order_date": timezone.localdate().isoformat()}
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_create(
                organisation=_org(request),
                actor=request.user,
                fields=form.order_values(),
                lines=form.line_values(),
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            messages.success(
                request,
                _("Order %(number)s entered; earliest delivery %(day)s.")
                % {"number": order.number, "day": order.earliest_date.isoformat()},
            )
            return redirect("staff:fs_order", pk=order.pk)
    return render(
        request, "fieldservice/order_new.html", {"form": form, "problems": problems}
    )


@staff_view(VIEW)
def order_detail(request: HttpRequest, pk: int) -> HttpResponse:
    order = selectors.order_get(organisation=_org(request), pk=pk)
    may_plan = can(request, PLAN)
    actions = actions_from(order.status) if may_plan else []
    context = {
        "order": order,
        "may_plan": may_plan,
        "may_report": can(request, "fieldservice.add_incident"),
        "can_agree": OrderAction.AGREE_DATE in actions,
        "can_ready": OrderAction.GOODS_READY in actions,
        "can_close": OrderAction.CLOSE in actions,
        "agree_form": AgreeDateForm(
            initial={
                "day": order.agreed_date
                or max(order.earliest_date, order.requested_date)
            }
        ),
        "book_form": BookJobForm(initial={"day": order.agreed_date}),
        "incident_form": IncidentForm(),
        "close_form": CloseIncidentForm(),
        "confirm_form": ConfirmForm(),
    }
    return render(request, "fieldservice/order_detail.html", context)


def _order_post(
    request: HttpRequest, pk: int, form_class: Any, act: Any
) -> HttpResponse:
    order = selectors.order_get(organisation=_org(request), pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("staff:fs_order", pk=order.pk)
    try:
        done = act(order, form.cleaned_data)
    except (ServiceError, ServiceErrors) as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect("staff:fs_order", pk=order.pk)


@require_POST
@staff_view(PLAN)
def order_agree(request: HttpRequest, pk: int) -> HttpResponse:
    def act(order: Any, data: dict[str, Any]) -> str:
        services.order_agree_date(order=order, actor=request.user, day=data["day"])
        return _("Delivery date agreed: %(day)s.") % {"day": data["day"].isoformat()}

    return _order_post(request, pk, AgreeDateForm, act)


@require_POST
@staff_view(PLAN)
def order_ready(request: HttpRequest, pk: int) -> HttpResponse:
    def act(order: Any, data: dict[str, Any]) -> str:
        sent = services.order_goods_ready(order=order, actor=request.user)
        return _("Goods ready; %(count)s colleagues notified.") % {"count": len(sent)}

    return _order_post(request, pk, forms.Form, act)


@require_POST
@staff_view(PLAN)
def order_close(request: HttpRequest, pk: int) -> HttpResponse:
    def act(order: Any, data: dict[str, Any]) -> str:
        services.order_close(order=order, actor=request.user)
        return _("Order closed.")

    return _order_post(request, pk, forms.Form, act)


@require_POST
@staff_view(PLAN)
def job_book(request: HttpRequest, pk: int) -> HttpResponse:
    def act(order: Any, data: dict[str, Any]) -> str:
        services.job_book(order=order, actor=request.user, **data)
        return _("Appointment agreed.")

    return _order_post(request, pk, BookJobForm, act)


@require_POST
@staff_view("fieldservice.add_incident")
def incident_new(request: HttpRequest, pk: int) -> HttpResponse:
    def act(order: Any, data: dict[str, Any]) -> str:
        services.incident_report(order=order, actor=request.user, **data)
        return _("Incident recorded.")

    return _order_post(request, pk, IncidentForm, act)


def _incident_post(
    request: HttpRequest, pk: int, form_class: Any, act: Any
) -> HttpResponse:
    incident = selectors.incident_get(organisation=_org(request), pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            messages.success(request, act(incident, form.cleaned_data))
        except (ServiceError, ServiceErrors) as error:
            _refused(request, error)
    else:
        messages.error(request, _("Please check the form."))
    return redirect("staff:fs_order", pk=incident.order_id)


@require_POST
@staff_view(PLAN)
def incident_close(request: HttpRequest, pk: int) -> HttpResponse:
    def act(incident: Any, data: dict[str, Any]) -> str:
        services.incident_close(incident=incident, actor=request.user, **data)
        return _("Incident closed.")

    return _incident_post(request, pk, CloseIncidentForm, act)


@require_POST
@staff_view(PLAN)
def incident_replace(request: HttpRequest, pk: int) -> HttpResponse:
    def act(incident: Any, data: dict[str, Any]) -> str:
        services.incident_replace(incident=incident, actor=request.user, **data)
        return _("Replacement scheduled: the original will be collected on the visit.")

    return _incident_post(request, pk, BookJobForm, act)


def _job_post(request: HttpRequest, pk: int, form_class: Any, act: Any) -> HttpResponse:
    job = selectors.job_get_for(organisation=_org(request), user=request.user, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            messages.success(request, act(job, form.cleaned_data))
        except (ServiceError, ServiceErrors) as error:
            _refused(request, error)
    else:
        messages.error(request, _("Please check the form."))
    return redirect(request.POST.get("next") or "staff:fs_dispatch")


@require_POST
@staff_view(PLAN)
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    def act(job: Any, data: dict[str, Any]) -> str:
        services.job_confirm(job=job, actor=request.user, note=data["note"])
        return _("Confirmation call recorded.")

    return _job_post(request, pk, ConfirmForm, act)


@require_POST
@staff_view(JOBS)
def job_late(request: HttpRequest, pk: int) -> HttpResponse:
    def act(job: Any, data: dict[str, Any]) -> str:
        services.job_warn_late(job=job, actor=request.user, eta=data["eta"])
        return _("The customer has been sent an SMS with the new arrival time.")

    return _job_post(request, pk, LateForm, act)


def _day(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return timezone.localdate()


@staff_view(PLAN)
def dispatch(request: HttpRequest) -> HttpResponse:
    day = _day(request)
    if request.method == "POST":
        form = DispatchForm(request.POST)
        if form.is_valid():
            day = form.cleaned_data["day"]
            try:
                plan = services.dispatch_plan_day(
                    organisation=_org(request), actor=request.user, day=day
                )
            except ServiceError as error:
                _refused(request, error)
            else:
                messages.success(
                    request,
                    _("Planned: %(km)s km in all (nearest neighbour: %(base)s km).")
                    % {"km": plan.total_km, "base": plan.baseline_km},
                )
        return redirect(f"{request.path}?day={day.isoformat()}")
    board = selectors.dispatch_board(organisation=_org(request), day=day)
    return render(
        request,
        "fieldservice/dispatch.html",
        {
            "board": board,
            "form": DispatchForm(initial={"day": day}),
            "late_form": LateForm(),
            "confirm_form": ConfirmForm(),
            "previous": day - timedelta(days=1),
            "next": day + timedelta(days=1),
        },
    )


@staff_view(JOBS)
def my_jobs(request: HttpRequest) -> HttpResponse:
    day = _day(request)
    jobs = selectors.job_list_for(
        organisation=_org(request), user=request.user, day=day
    )
    return render(
        request,
        "fieldservice/my_jobs.html",
        {"jobs": jobs, "day": day, "late_form": LateForm()},
    )


@staff_view(JOBS)
def job_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone page to sign a job; once signed, the record (and its return visit)
    for anyone who may see the job."""
    job = selectors.job_get_for(organisation=_org(request), user=request.user, pk=pk)
    may_record = can(request, RECORD)
    if request.method == "POST" and not may_record:
        raise PermissionDenied
    form = RecordForm(request.POST or None, initial={"resolved": True})
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.record_sign(
                job=job,
                actor=request.user,
                photos=request.FILES.getlist("photos"),
                **form.cleaned_data,
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            messages.success(request, _("Service record signed and archived."))
            return redirect("staff:fs_job_record", pk=job.pk)
    record = _record_of(job)
    return render(
        request,
        "fieldservice/job_record.html",
        {
            "job": job,
            "form": form,
            "problems": problems,
            "record": record,
            "may_record": may_record,
            "script": services.confirmation_script(job),
        },
    )


def _record_of(job: Any) -> Any:
    try:
        return job.record
    except ObjectDoesNotExist:
        return None


@staff_view(JOBS)
def record_file(request: HttpRequest, pk: int, photo: int = 0) -> FileResponse:
    """The signature (photo 0) or a photo of a record, to those who may see the job."""
    job = selectors.job_get_for(organisation=_org(request), user=request.user, pk=pk)
    record = _record_of(job)
    if record is None:
        raise Http404
    if photo:
        item = record.photos.filter(pk=photo).first()
        if item is None:
            raise Http404
        return FileResponse(item.file.open("rb"), content_type=item.content_type)
    return FileResponse(record.signature.open("rb"), content_type="image/png")


def _period(request: HttpRequest) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = (today.replace(day=1) - timedelta(days=160)).replace(day=1)
    try:
        end = date.fromisoformat(request.GET.get("end", ""))
    except ValueError:
        end = today
    return start, end


@staff_view(FIGURES)
def figures(request: HttpRequest) -> HttpResponse:
    start, end = _period(request)
    rows = selectors.monthly_figures(organisation=_org(request), start=start, end=end)
    return render(
        request,
        "fieldservice/figures.html",
        {
            "rows": rows,
            "charts": charts.figure_charts(rows),
            "start": start,
            "end": end,
        },
    )


@staff_view(FIGURES)
def figures_excel(request: HttpRequest) -> HttpResponse:
    start, end = _period(request)
    rows = selectors.monthly_figures(organisation=_org(request), start=start, end=end)
    response = HttpResponse(
        excel.write_figures(rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="fieldservice-{start:%Y%m}-{end:%Y%m}.xlsx"'
    )
    return response

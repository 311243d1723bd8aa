"""Staff pages to set up field service: technicians, products, the return-visit rule.

Planners (``fieldservice.plan_delivery``) keep them; the forms only collect
text and the services in ``setup`` and ``returnvisits`` check it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.fieldservice import returnvisits, selectors, setup
from onestop.fieldservice.forms import (
    ProductForm,
    ReturnVisitDrawForm,
    ReturnVisitRuleForm,
    TechnicianForm,
)
from onestop.fieldservice.models import Product, Technician
from onestop.organisations.access import staff_view
from onestop.organisations.selectors import organisation_members
from onestop.portal.views import errors_onto
from onestop.posts.selectors import department_list
from onestop.providers.models import Provider

PLAN = "fieldservice.plan_delivery"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


# --- Technicians -----------------------------------------------------------------


@staff_view(PLAN)
def technicians(request: HttpRequest) -> HttpResponse:
    rows = selectors.technician_setup_list(organisation=_org(request))
    return render(request, "fieldservice/technicians.html", {"rows": rows})


def _technician_form(request: HttpRequest, initial: dict[str, Any]) -> TechnicianForm:
    organisation = _org(request)
    members = organisation_members(organisation=organisation)
    providers = Provider.objects.filter(organisation=organisation).order_by("name")
    return TechnicianForm(
        request.POST or None,
        initial=initial,
        users=[
            (
                m.user.pk,
                f"{m.user.get_full_name() or m.user.username} ({m.user.username})",
            )
            for m in members
        ],
        providers=[(p.pk, p.name) for p in providers],
        departments=[
            (d.pk, d.name) for d in department_list(organisation=organisation)
        ],
    )


def _technician_initial(technician: Technician) -> dict[str, Any]:
    names = ("name", "phone", "skills", "home_latitude", "home_longitude")
    initial: dict[str, Any] = {name: getattr(technician, name) for name in names}
    initial.update(
        shift_start=f"{technician.shift_start:%H:%M}",
        shift_end=f"{technician.shift_end:%H:%M}",
        user=technician.user_id,
        provider=technician.provider_id or "",
        department=technician.department_id or "",
        is_active=technician.is_active,
    )
    return initial


def _technician_page(
    request: HttpRequest, form: TechnicianForm, problems: list[str], title: str
) -> HttpResponse:
    context = {"form": form, "problems": problems, "title": title}
    status = 400 if problems or form.errors else 200
    return render(request, "fieldservice/technician_form.html", context, status=status)


@staff_view(PLAN)
def technician_new(request: HttpRequest) -> HttpResponse:
    form = _technician_form(
        request, {"shift_start": "08:30", "shift_end": "17:30", "is_active": True}
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            technician = setup.technician_create(
                organisation=_org(request), actor=request.user, fields=form.values()
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error) or [_("Please check the form.")]
        else:
            messages.success(
                request, _("Technician %(name)s added.") % {"name": technician.name}
            )
            return redirect("staff:fs_technicians")
    return _technician_page(request, form, problems, _("New technician"))


@staff_view(PLAN)
def technician_edit(request: HttpRequest, pk: int) -> HttpResponse:
    technician = selectors.technician_get(organisation=_org(request), pk=pk)
    form = _technician_form(request, _technician_initial(technician))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            setup.technician_update(
                technician=technician, actor=request.user, fields=form.values()
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error) or [_("Please check the form.")]
        else:
            messages.success(
                request, _("Technician %(name)s saved.") % {"name": technician.name}
            )
            return redirect("staff:fs_technicians")
    return _technician_page(request, form, problems, technician.name)


# --- Products ----------------------------------------------------------------------


@staff_view(PLAN)
def products(request: HttpRequest) -> HttpResponse:
    rows = selectors.product_list(organisation=_org(request))
    return render(request, "fieldservice/products.html", {"rows": rows})


def _product_page(
    request: HttpRequest, form: ProductForm, problems: list[str], title: str
) -> HttpResponse:
    context = {"form": form, "problems": problems, "title": title}
    status = 400 if problems or form.errors else 200
    return render(request, "fieldservice/product_form.html", context, status=status)


def _product_initial(product: Product) -> dict[str, Any]:
    names = (
        "name",
        "model",
        "unit",
        "procurement_days",
        "production_days",
        "install_skill",
        "install_minutes",
    )
    return {name: getattr(product, name) for name in names}


@staff_view(PLAN)
def product_new(request: HttpRequest) -> HttpResponse:
    initial = {"unit": "台", "procurement_days": 0, "production_days": 0}
    form = ProductForm(request.POST or None, initial=initial)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            product = setup.product_create(
                organisation=_org(request), actor=request.user, fields=form.values()
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error) or [_("Please check the form.")]
        else:
            messages.success(request, _("Product %(name)s added.") % {"name": product})
            return redirect("staff:fs_products")
    return _product_page(request, form, problems, _("New product"))


@staff_view(PLAN)
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    product = selectors.product_get(organisation=_org(request), pk=pk)
    form = ProductForm(request.POST or None, initial=_product_initial(product))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            setup.product_update(
                product=product, actor=request.user, fields=form.values()
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error) or [_("Please check the form.")]
        else:
            messages.success(request, _("Product %(name)s saved.") % {"name": product})
            return redirect("staff:fs_products")
    return _product_page(request, form, problems, str(product))


# --- Return visits -------------------------------------------------------------------


def _month(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(f"{request.GET.get('month', '')}-01")
    except ValueError:
        return timezone.localdate().replace(day=1)


@staff_view(PLAN)
def return_visits(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    rule = selectors.return_visit_rule_get(organisation=organisation)
    month = _month(request)
    rule_form = ReturnVisitRuleForm(
        request.POST if request.POST.get("action") == "rule" else None,
        initial={
            "questionnaire_code": rule.questionnaire_code if rule else "",
            "percent": rule.percent if rule else "10",
            "is_active": rule.is_active if rule else True,
        },
    )
    draw_form = ReturnVisitDrawForm(
        request.POST if request.POST.get("action") == "draw" else None,
        initial={"month": month},
    )
    if request.method == "POST":
        done = _return_visit_post(request, rule_form, draw_form)
        if done is not None:
            return done
    start, end = returnvisits.month_bounds(month)
    jobs = selectors.return_visit_jobs(organisation=organisation, start=start, end=end)
    context = {
        "rule": rule,
        "rule_form": rule_form,
        "draw_form": draw_form,
        "month": month,
        "jobs": jobs,
    }
    status = 400 if rule_form.errors or draw_form.errors else 200
    return render(request, "fieldservice/return_visits.html", context, status=status)


def _onto(form: Any, error: ServiceError | ServiceErrors) -> None:
    for loose in errors_onto(form, error):
        form.add_error(None, loose)


def _return_visit_post(
    request: HttpRequest, rule_form: ReturnVisitRuleForm, draw_form: ReturnVisitDrawForm
) -> HttpResponse | None:
    """Save the rule or draw a month; None when the page must show the errors."""
    organisation = _org(request)
    if request.POST.get("action") == "rule" and rule_form.is_valid():
        try:
            returnvisits.return_visit_rule_set(
                organisation=organisation, actor=request.user, **rule_form.cleaned_data
            )
        except (ServiceError, ServiceErrors) as error:
            _onto(rule_form, error)
            return None
        messages.success(request, _("Return visit rule saved."))
        return redirect("staff:fs_return_visits")
    if request.POST.get("action") == "draw" and draw_form.is_valid():
        month = draw_form.cleaned_data["month"]
        try:
            draw = returnvisits.return_visits_draw(
                organisation=organisation, actor=request.user, month=month
            )
        except ServiceError as error:
            _onto(draw_form, error)
            return None
        messages.success(
            request,
            _(
                "%(month)s: %(drawn)s of %(signed)s signed visits drawn, "
                "%(created)s new return visits."
            )
            % {
                "month": f"{month:%Y-%m}",
                "drawn": draw.drawn,
                "signed": draw.signed,
                "created": draw.created,
            },
        )
        return redirect(f"{request.path}?month={month:%Y-%m}")
    return None

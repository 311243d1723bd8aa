"""Staff pages of the providers app: contracts, months, statements, comparison, reports.

Administrators set up providers (with the staff whose work counts for them)
and contracts (terms, payment formula, KPIs copied from the assessment's
indicator library) on the setup pages.

Staff of the organisation holding ``providers.view_contract`` see every
provider; a provider's own staff (``providers.view_own_provider``) see
their provider's contracts and statements only — anyone else's is a 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.masking import mask_phone
from onestop.organisations.access import can, staff_view
from onestop.providers import selectors, services
from onestop.providers.charts import comparison_chart, scores_chart
from onestop.providers.excel import write_month
from onestop.providers.forms import (
    CheckForm,
    ContractForm,
    DeductionForm,
    OfficerForm,
    ProviderForm,
    RunForm,
)
from onestop.providers.kpis import OFFICER_REPORTS, OFFICER_REPORTS_DEFINITION
from onestop.providers.models import (
    AssessmentStatus,
    Contract,
    Provider,
    ReportPhoto,
    ServiceType,
)
from onestop.providers.months import (
    month_end,
    month_label,
    month_parse,
    months_back,
    previous_month,
)
from onestop.providers.pdf import statement_pdf
from onestop.providers.working import deduction_rows, kpi_rows, money, payment_steps

VIEW_ALL = "providers.view_contract"
VIEW_OWN = "providers.view_own_provider"
RUN = "providers.run_assessment"
SIGN = "providers.sign_assessment"
CHECK = "providers.check_feedbackreport"
DEDUCT = "providers.add_contractdeduction"
APPOINT = "providers.add_feedbackofficer"


def _scope(request: HttpRequest) -> Provider | None:
    """None: the reader sees every provider; a provider: only that one's."""
    if can(request, VIEW_ALL):
        return None
    if can(request, VIEW_OWN):
        provider = selectors.provider_of(
            user=request.user,
            organisation=request.organisation,  # type: ignore[attr-defined]
        )
        if provider is not None:
            return provider
    raise PermissionDenied(_("Your roles here do not allow this."))


def _contract(request: HttpRequest, number: str) -> Contract:
    return selectors.contract_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        number=number,
        scope=_scope(request),
    )


def _month(text: str) -> date:
    month = month_parse(text)
    if month is None:
        raise Http404
    return month


def _errors_onto(form: Any, error: ServiceError | ServiceErrors) -> None:
    for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
        form.add_error(
            problem.field if problem.field in form.fields else None, problem.message
        )


# --- Contracts -------------------------------------------------------------------------


@staff_view()
def provider_home(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    organisation = request.organisation  # type: ignore[attr-defined]
    contracts = list(selectors.contract_list(organisation=organisation, scope=scope))
    month = previous_month(timezone.localdate())
    latest = selectors.latest_assessments(contracts=contracts)
    rows = [(c, latest.get((c.pk, month))) for c in contracts]
    context = {
        "rows": rows,
        "month": month,
        "month_label": month_label(month),
        "scope": scope,
        "service_types": []
        if scope
        else selectors.service_types_in_competition(organisation=organisation),
        "may_check": can(request, CHECK),
        "may_appoint": can(request, APPOINT),
        "may_export": scope is None,
        "may_setup": scope is None and can(request, "providers.view_provider"),
        "may_run": scope is None and can(request, RUN),
        "run_form": RunForm(initial={"month": month_label(month)}, prefix="run"),
    }
    return render(request, "providers/home.html", context)


@staff_view()
def contract_page(request: HttpRequest, number: str) -> HttpResponse:
    contract = _contract(request, number)
    months = selectors.contract_months(contract=contract)
    last = previous_month(timezone.localdate())
    context = {
        "contract": contract,
        "months": months,
        "chart": scores_chart(months, contract=contract, chart_id="contract-scores"),
        "renewal": selectors.renewal_for(contract=contract, months=months),
        "run_form": RunForm(initial={"month": month_label(last)}, prefix="run"),
        "deduction_form": DeductionForm(
            initial={"month": month_label(last)}, prefix="deduct"
        ),
        "may_run": can(request, RUN),
        "may_deduct": can(request, DEDUCT),
        "deductions": contract.deductions.select_related("recorded_by").order_by(
            "-month", "-recorded_at"
        )[:20],
    }
    return render(request, "providers/contract.html", context)


@require_POST
@staff_view(RUN)
def assessment_run(request: HttpRequest, number: str) -> HttpResponse:
    contract = _contract(request, number)
    form = RunForm(request.POST, prefix="run")
    if form.is_valid():
        try:
            assessment = services.assessment_run(
                actor=request.user, contract=contract, month=form.cleaned_data["month"]
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(month)s computed: %(score)s points, %(amount)s yuan payable.")
                % {
                    "month": month_label(assessment.month),
                    "score": assessment.score,
                    "amount": money(assessment.amount),
                },
            )
            return redirect(
                "staff:provider_month", contract.number, month_label(assessment.month)
            )
    else:
        for problems in form.errors.values():
            messages.error(request, " ".join(problems))
    return redirect("staff:provider_contract", contract.number)


@require_POST
@staff_view(DEDUCT)
def deduction_add(request: HttpRequest, number: str) -> HttpResponse:
    contract = _contract(request, number)
    form = DeductionForm(request.POST, prefix="deduct")
    if form.is_valid():
        try:
            services.deduction_record(
                actor=request.user, contract=contract, **form.cleaned_data
            )
        except (ServiceError, ServiceErrors) as error:
            _errors_onto(form, error)
        else:
            messages.success(request, _("The deduction is recorded with its evidence."))
            return redirect("staff:provider_contract", contract.number)
    months = selectors.contract_months(contract=contract)
    context = {
        "contract": contract,
        "months": months,
        "chart": scores_chart(months, contract=contract, chart_id="contract-scores"),
        "renewal": selectors.renewal_for(contract=contract, months=months),
        "run_form": RunForm(prefix="run"),
        "deduction_form": form,
        "may_run": can(request, RUN),
        "may_deduct": True,
        "deductions": contract.deductions.select_related("recorded_by").order_by(
            "-month"
        )[:20],
    }
    return render(request, "providers/contract.html", context, status=400)


# --- A month: the statement ---------------------------------------------------------------


def _statement_context(
    request: HttpRequest, contract: Contract, month: date
) -> dict[str, Any]:
    version = request.GET.get("version")
    assessment = selectors.assessment_get(
        contract=contract,
        month=month,
        version=int(version) if (version or "").isdigit() else None,
    )
    return {
        "contract": contract,
        "assessment": assessment,
        "month_label": month_label(month),
        "kpis": kpi_rows(assessment),
        "deductions": deduction_rows(assessment),
        "reports": selectors.reports_of_contract(
            contract=contract, start=month, end=month_end(month)
        ),
        "payment": payment_steps(assessment),
        "amount": money(assessment.amount),
        "versions": selectors.assessment_versions(contract=contract, month=month),
    }


@staff_view()
def month_page(request: HttpRequest, number: str, month: str) -> HttpResponse:
    contract = _contract(request, number)
    context = _statement_context(request, contract, _month(month))
    assessment = context["assessment"]
    latest = context["versions"][0]
    context["may_sign"] = (
        can(request, SIGN)
        and assessment.pk == latest.pk
        and assessment.status == AssessmentStatus.DRAFT
    )
    return render(request, "providers/month.html", context)


@staff_view()
def statement_pdf_view(request: HttpRequest, number: str, month: str) -> HttpResponse:
    contract = _contract(request, number)
    context = _statement_context(request, contract, _month(month))
    response = HttpResponse(statement_pdf(context), content_type="application/pdf")
    name = f"statement-{contract.number}-{month}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_POST
@staff_view(SIGN)
def assessment_sign(request: HttpRequest, number: str, month: str) -> HttpResponse:
    contract = _contract(request, number)
    assessment = selectors.assessment_get(contract=contract, month=_month(month))
    try:
        services.assessment_sign(actor=request.user, assessment=assessment)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Signed: this month's score and payment are final.")
        )
    return redirect("staff:provider_month", contract.number, month)


# --- Across providers ---------------------------------------------------------------------------


@staff_view(VIEW_ALL)
def compare(request: HttpRequest, code: str) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    service_type = get_object_or_404(ServiceType, organisation=organisation, code=code)
    end = month_parse(request.GET.get("to", "")) or previous_month(timezone.localdate())
    months = months_back(end, 6)
    rows = selectors.comparison(
        organisation=organisation, service_type=service_type, months=months
    )
    context = {
        "service_type": service_type,
        "months": months,
        "rows": rows,
        "chart": comparison_chart(rows, months, chart_id="provider-comparison"),
    }
    return render(request, "providers/compare.html", context)


@staff_view(VIEW_ALL)
def month_export(request: HttpRequest, month: str) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    first = _month(month)
    rows = selectors.month_export_rows(organisation=organisation, month=first)
    response = HttpResponse(
        write_month(rows, organisation=organisation, month=first),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="providers-{month}.xlsx"'
    return response


# --- Feedback officers' reports ------------------------------------------------------------------


@staff_view(CHECK)
def report_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.report_queue(organisation=request.organisation)[:200]  # type: ignore[attr-defined]
    return render(request, "providers/reports.html", {"reports": reports})


@staff_view(CHECK)
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_check(
                actor=request.user,
                report=report,
                confirmed=form.cleaned_data["decision"] == "confirm",
                note=form.cleaned_data["note"],
            )
        except ServiceError as error:
            _errors_onto(form, error)
        else:
            messages.success(request, _("The report is checked."))
            return redirect("staff:provider_reports")
    context = {
        "report": report,
        "form": form,
        "officer_phone": mask_phone(report.officer.phone),
    }
    return render(
        request, "providers/report.html", context, status=400 if form.errors else 200
    )


@staff_view(CHECK)
def report_photo(request: HttpRequest, pk: int, photo_id: int) -> FileResponse:
    report = selectors.report_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    photo = get_object_or_404(ReportPhoto, report=report, pk=photo_id)
    response = FileResponse(photo.file.open("rb"), content_type=photo.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_view("providers.view_feedbackofficer")
def officer_list(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = OfficerForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if not can(request, APPOINT):
            raise PermissionDenied(_("Your roles here do not allow this."))
        if form.is_valid():
            try:
                officer = services.officer_appoint(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ServiceError as error:
                _errors_onto(form, error)
            else:
                link = request.build_absolute_uri(
                    reverse("provider_feedback", args=[organisation.slug, officer.key])
                )
                messages.success(
                    request,
                    _("%(name)s is appointed. Send them their personal link: %(link)s")
                    % {"name": officer.name, "link": link},
                )
                return redirect("staff:provider_officers")
    officers = [
        (officer, mask_phone(officer.phone))
        for officer in selectors.officer_list(organisation=organisation)
    ]
    context = {"officers": officers, "form": form, "may_appoint": can(request, APPOINT)}
    return render(
        request, "providers/officers.html", context, status=400 if form.errors else 200
    )


# --- Setting up providers and contracts (administrators) ----------------------------------

ADD_PROVIDER = "providers.add_provider"
CHANGE_PROVIDER = "providers.change_provider"
ADD_CONTRACT = "providers.add_contract"


@staff_view("providers.view_provider")
def provider_setup(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    context = {
        "providers": selectors.provider_setup_list(organisation=organisation),
        "may_add": can(request, ADD_PROVIDER),
        "may_change": can(request, CHANGE_PROVIDER),
        "may_add_contract": can(request, ADD_CONTRACT),
    }
    return render(request, "providers/setup.html", context)


def _provider_form_page(
    request: HttpRequest, provider: Provider | None
) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    initial = {}
    if provider is not None:
        initial = {
            "name": provider.name,
            "credit_code": provider.credit_code,
            "contact_person": provider.contact_person,
            "contact_phone": provider.contact_phone,
            "is_active": provider.is_active,
            "staff": [link.user_id for link in provider.staff.all()],
        }
    form = ProviderForm(
        request.POST or None,
        initial=initial,
        organisation=organisation,
        provider=provider,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.provider_save(
                actor=request.user,
                organisation=organisation,
                provider=provider,
                staff=list(data["staff"]),
                details=services.ProviderDetails(
                    name=data["name"],
                    credit_code=data["credit_code"],
                    contact_person=data["contact_person"],
                    contact_phone=data["contact_phone"],
                    is_active=data["is_active"],
                ),
            )
        except (ServiceError, ServiceErrors) as error:
            _errors_onto(form, error)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
            return redirect("staff:provider_setup")
    context = {"form": form, "provider": provider}
    return render(
        request,
        "providers/provider_form.html",
        context,
        status=400 if form.errors else 200,
    )


@staff_view(ADD_PROVIDER)
def provider_new(request: HttpRequest) -> HttpResponse:
    return _provider_form_page(request, None)


@staff_view(CHANGE_PROVIDER)
def provider_edit(request: HttpRequest, pk: int) -> HttpResponse:
    provider = selectors.provider_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        pk=pk,
    )
    return _provider_form_page(request, provider)


def _kpis_chosen(form: ContractForm) -> list[services.KpiSpec]:
    data = form.cleaned_data
    kpis = [
        services.KpiSpec.from_indicator(version, data[form.kpi_field(version)])
        for version in form.indicators
        if data.get(form.kpi_field(version)) is not None
    ]
    if data.get("officer_weight") is not None:
        kpis.append(
            services.KpiSpec(
                name=_("Feedback officers' reports"),
                metric=OFFICER_REPORTS,
                rule={
                    "kind": "deduction",
                    "points_per_event": float(data["officer_points"]),
                    "cap": float(data["officer_cap"]),
                },
                weight=data["officer_weight"],
                definition=str(OFFICER_REPORTS_DEFINITION),
                target="0",
            )
        )
    return kpis


_TERMS = [
    "number",
    "provider",
    "service_type",
    "starts_on",
    "ends_on",
    "monthly_base",
    "full_at",
    "deduction_per_point",
    "floor",
    "bonus_from",
    "bonus_per_point",
    "bonus_cap",
    "review_after_months",
    "renew_at",
    "conditions_at",
]


@staff_view(ADD_CONTRACT)
def contract_new(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = ContractForm(
        request.POST or None,
        organisation=organisation,
        indicators=selectors.kpi_library(organisation=organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        terms = services.ContractTerms(
            regions=list(data["regions"]),
            kpis=_kpis_chosen(form),
            **{name: data[name] for name in _TERMS},
        )
        try:
            contract = services.contract_create(
                actor=request.user, organisation=organisation, terms=terms
            )
        except (ServiceError, ServiceErrors) as error:
            _errors_onto(form, error)
        else:
            messages.success(
                request,
                _("Contract %(number)s is in force with %(n)s KPIs.")
                % {"number": contract.number, "n": len(terms.kpis)},
            )
            return redirect("staff:provider_contract", contract.number)
    return render(
        request,
        "providers/contract_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@staff_view(RUN)
def month_run_all(request: HttpRequest) -> HttpResponse:
    """Run a month for every contract in force and not yet signed."""
    form = RunForm(request.POST, prefix="run")
    if not form.is_valid():
        for problems in form.errors.values():
            messages.error(request, " ".join(problems))
        return redirect("staff:providers")
    try:
        ran = services.assessment_run_month(
            actor=request.user,
            organisation=request.organisation,  # type: ignore[attr-defined]
            month=form.cleaned_data["month"],
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(month)s computed for %(n)s contracts not yet signed.")
            % {"month": month_label(form.cleaned_data["month"]), "n": len(ran)},
        )
    return redirect("staff:providers")

"""Quality pages: schemes and weights, computing a month, the monthly report."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.metrics.selectors import month_of
from onestop.organisations.access import can, staff_view
from onestop.posts.models import Department
from onestop.quality import charts, excel, gaps, pdf, selectors, services, sources
from onestop.quality.errors import QualityError
from onestop.quality.forms import (
    CoefficientsForm,
    ComputeForm,
    FactorForm,
    ManualScoreForm,
    ReportForm,
    SchemeForm,
    WeightsForm,
    show_errors,
)
from onestop.quality.models import CaseMetric, Scheme, Source, WeightMethod
from onestop.quality.roles import COMPUTE, MANAGE, REPORT

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _changed(request: HttpRequest, before: Scheme, after: Scheme) -> None:
    if after.pk != before.pk:
        messages.info(
            request,
            _(
                "Version %(old)s is frozen by a computed month; your change made version %(new)s."
            )
            % {"old": before.version, "new": after.version},
        )


# --- Schemes ---------------------------------------------------------------------------


@staff_view(REPORT)
def scheme_list(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    form = SchemeForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if not can(request, MANAGE):
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                scheme = services.scheme_create(
                    actor=request.user,
                    organisation=organisation,
                    purpose=data["purpose"],
                    name=data["name"],
                    inner=(data["inner_a"], data["inner_b"], data["inner_c"]),
                    outer=(data["outer_a"], data["outer_b"]),
                    note=data["note"],
                    based_on=data["based_on"],
                )
            except (ServiceError, ServiceErrors) as error:
                show_errors(form, error)
            else:
                return redirect("staff:quality_scheme", scheme.pk)
    context = {
        "schemes": selectors.schemes(organisation=organisation),
        "form": form,
        "can_manage": can(request, MANAGE),
    }
    return render(request, "quality/schemes.html", context)


@staff_view(REPORT)
def scheme_page(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    scheme = selectors.scheme_get(organisation=organisation, pk=pk)
    factor_form = FactorForm(scheme=scheme, prefix="factor")
    coefficients = CoefficientsForm(
        initial={
            "inner_a": scheme.inner_customers,
            "inner_b": scheme.inner_self,
            "inner_c": scheme.inner_industry,
            "outer_a": scheme.outer_customers,
            "outer_b": scheme.outer_industry,
        },
        prefix="coef",
    )
    if request.method == "POST":
        if not can(request, MANAGE):
            raise Http404
        action = request.POST.get("action")
        if action == "factor":
            factor_form = FactorForm(request.POST, scheme=scheme, prefix="factor")
            if factor_form.is_valid():
                data = factor_form.cleaned_data
                try:
                    changed, _factor = services.factor_add(
                        actor=request.user, scheme=scheme, **data
                    )
                except ServiceError as error:
                    show_errors(factor_form, error)
                else:
                    _changed(request, scheme, changed)
                    return redirect("staff:quality_scheme", changed.pk)
        elif action == "coefficients":
            coefficients = CoefficientsForm(request.POST, prefix="coef")
            if coefficients.is_valid():
                data = coefficients.cleaned_data
                try:
                    changed = services.scheme_set_coefficients(
                        actor=request.user,
                        scheme=scheme,
                        inner=(data["inner_a"], data["inner_b"], data["inner_c"]),
                        outer=(data["outer_a"], data["outer_b"]),
                    )
                except ServiceError as error:
                    show_errors(coefficients, error)
                else:
                    _changed(request, scheme, changed)
                    return redirect("staff:quality_scheme", changed.pk)
        elif action == "remove":
            try:
                changed = services.factor_remove(
                    actor=request.user, scheme=scheme, key=request.POST.get("key", "")
                )
            except ServiceError as error:
                messages.error(request, error.message)
            else:
                _changed(request, scheme, changed)
                return redirect("staff:quality_scheme", changed.pk)
    trees = selectors.scheme_trees(scheme)
    context = {
        "scheme": scheme,
        "sources": [
            (source, Source(source).label, root, selectors.tree_rows(root))
            for source, root in trees.items()
        ],
        "group_sums": [
            g for root in trees.values() for g in selectors.group_sums(root)
        ],
        "judgments": selectors.judgments(scheme),
        "runs": selectors.runs(organisation=organisation, scheme=scheme)[:12],
        "factor_form": factor_form,
        "refs": _binding_refs(organisation),
        "coefficients": coefficients,
        "compute_form": ComputeForm(
            initial={"month": timezone.localdate().replace(day=1)}
        ),
        "can_manage": can(request, MANAGE),
        "can_compute": can(request, COMPUTE),
    }
    return render(request, "quality/scheme.html", context)


def _binding_refs(organisation: Any) -> list[tuple[str, str]]:
    """What a leaf may read, offered as suggestions: case metrics and survey questions."""
    refs = [(str(value), str(label)) for value, label in CaseMetric.choices]
    module = sources.surveys_scores()
    if module is not None and hasattr(module, "scaled_questions"):
        refs += [
            (str(q.id), q.label)
            for q in module.scaled_questions(organisation=organisation)
        ]
    return refs


@staff_view(MANAGE)
def scheme_weights(request: HttpRequest, pk: int, source: str) -> HttpResponse:
    """Set the weights of one group: directly, by experts, by AHP, by entropy, borrowed."""
    organisation = _org(request)
    scheme = selectors.scheme_get(organisation=organisation, pk=pk)
    if source not in Source.values:
        raise Http404
    parent_key = request.GET.get("parent", "") or request.POST.get("parent", "")
    try:
        siblings = services.group_factors(scheme, source, parent_key)
    except ServiceError as error:
        raise Http404(error.message) from None
    form = WeightsForm(request.POST or None, scheme=scheme, size=len(siblings))
    if request.method == "POST" and form.is_valid():
        try:
            changed = _set_weights(request, scheme, source, parent_key, form)
        except (ServiceError, ServiceErrors) as error:
            show_errors(form, error)
        else:
            _changed(request, scheme, changed)
            messages.success(request, _("The weights are set."))
            return redirect("staff:quality_scheme", changed.pk)
    context = {
        "scheme": scheme,
        "source": Source(source),
        "parent_key": parent_key,
        "group": services.group_label(scheme, source, parent_key),
        "siblings": siblings,
        "form": form,
        "methods": WeightMethod,
    }
    return render(request, "quality/weights.html", context)


def _set_weights(
    request: HttpRequest,
    scheme: Scheme,
    source: str,
    parent_key: str,
    form: WeightsForm,
) -> Scheme:
    data = form.cleaned_data
    method = data["method"]
    common = {
        "actor": request.user,
        "scheme": scheme,
        "source": source,
        "parent_key": parent_key,
    }
    if method == WeightMethod.DIRECT:
        weights = services.parse_weights(data["weights"])
        return services.weights_set_direct(**common, weights=weights)[0]
    if method == WeightMethod.EXPERT:
        experts = services.parse_experts(data["experts"])
        return services.weights_set_expert(**common, experts=experts)[0]
    if method == WeightMethod.AHP:
        upper = {
            (i, j): services.parse_judgment(data.get(f"m_{i}_{j}") or "1", i, j)
            for i in range(form.size)
            for j in range(i + 1, form.size)
        }
        matrix = services.reciprocal_matrix(upper, form.size)
        return services.weights_set_ahp(
            **common, matrix=matrix, override_reason=data["override_reason"]
        )[0]
    if method == WeightMethod.ENTROPY:
        month = data.get("month") or timezone.localdate()
        start, end = _month(month)
        return services.weights_set_entropy(**common, start=start, end=end)[0]
    origin = data.get("origin")
    if origin is None:
        raise ServiceError(QualityError.SCHEME_ELSEWHERE, field="origin")
    return services.weights_borrow(**common, origin=origin)[0]


def _month(day: date) -> tuple[date, date]:
    return month_of(day)


@staff_view(COMPUTE)
@require_POST
def scheme_compute(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = selectors.scheme_get(organisation=_org(request), pk=pk)
    form = ComputeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the month to compute."))
        return redirect("staff:quality_scheme", scheme.pk)
    try:
        run = services.evaluation_compute(
            actor=request.user, scheme=scheme, month=form.cleaned_data["month"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("staff:quality_scheme", scheme.pk)
    messages.success(
        request,
        _("%(month)s computed (run %(number)s).")
        % {"month": run.month.strftime("%Y-%m"), "number": run.number},
    )
    return redirect(f"{reverse('staff:quality_run', args=[run.pk])}")


# --- Manual scores ---------------------------------------------------------------------


@staff_view(REPORT)
def manual_scores(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    scheme_pk = request.GET.get("scheme") or request.POST.get("scheme")
    scheme = (
        selectors.scheme_get(organisation=organisation, pk=int(scheme_pk))
        if scheme_pk and scheme_pk.isdigit()
        else selectors.schemes(organisation=organisation).first()
    )
    departments = Department.objects.filter(organisation=organisation)
    form = (
        ManualScoreForm(request.POST or None, scheme=scheme, departments=departments)
        if scheme
        else None
    )
    if request.method == "POST" and form is not None and scheme is not None:
        if not can(request, MANAGE):
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.manual_score_set(
                    actor=request.user,
                    scheme=scheme,
                    factor_key=data["factor"],
                    month=data["month"],
                    score=data["score"],
                    evidence=data["evidence"],
                    department=data["department"],
                )
            except ServiceError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("The score is recorded."))
                return redirect(
                    f"{reverse('staff:quality_manual_scores')}?scheme={scheme.pk}"
                )
    entries = selectors.manual_scores(organisation=organisation)
    if factor := request.GET.get("factor"):
        entries = entries.filter(factor_key=factor)
    if month := request.GET.get("month"):
        with contextlib.suppress(ValueError):
            entries = entries.filter(month=date.fromisoformat(f"{month}-01"))
    if (department := request.GET.get("department", "")).isdigit():
        entries = entries.filter(department_id=int(department))
    context = {
        "scheme": scheme,
        "form": form,
        "entries": entries[:200],
        "can_manage": can(request, MANAGE),
    }
    return render(request, "quality/manual_scores.html", context)


# --- The report ------------------------------------------------------------------------


@staff_view(REPORT)
def report_page(request: HttpRequest) -> HttpResponse:
    """The latest run of the month chosen (any scheme), or a note that none exists."""
    organisation = _org(request)
    today = timezone.localdate()
    default = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    form = ReportForm(request.GET or None, departments=[])
    month = form.month_or(default)
    run = selectors.latest_run(
        organisation=organisation, month=month, purpose=request.GET.get("purpose")
    )
    if run is not None:
        query = request.GET.copy()
        query.pop("month", None)
        query.pop("purpose", None)
        suffix = f"?{query.urlencode()}" if query else ""
        return redirect(f"{reverse('staff:quality_run', args=[run.pk])}{suffix}")
    context = {
        "form": form,
        "month": month,
        "runs": selectors.runs(organisation=organisation)[:24],
        "schemes": selectors.schemes(organisation=organisation),
        "can_compute": can(request, COMPUTE),
    }
    return render(request, "quality/report_empty.html", context)


def _report(request: HttpRequest, pk: int) -> selectors.Report:
    run = selectors.run_get(organisation=_org(request), pk=pk)
    scope = request.GET.get("department") or "all"
    return selectors.report(run=run, scope=scope)


@staff_view(REPORT)
def run_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    organisation = _org(request)
    departments = [(key, label) for key, label, _qi, _qo in report.departments]
    form = ReportForm(
        initial={
            "month": report.run.month,
            "department": report.scope if report.scope != "all" else "",
        },
        departments=departments,
    )
    diagnosis = gaps.diagnose(
        organisation=organisation,
        start=report.start,
        end=report.end,
        department_id=report.department_id,
    )
    context = {
        "report": report,
        "form": form,
        "gaps": diagnosis,
        "charts": report_charts(report),
        "other_runs": selectors.runs(organisation=organisation)
        .filter(month=report.run.month)
        .exclude(pk=report.run.pk),
        "query": request.GET.urlencode(),
        "can_compute": can(request, COMPUTE),
    }
    return render(request, "quality/report.html", context)


def report_charts(report: selectors.Report) -> dict[str, Any]:
    sources_chart = charts.score_bars(
        chart_id="sources-chart",
        title=_("Q内, Q外 and the three sources"),
        description=_(
            "The month's composite scores and each source's score, on 0–100."
        ),
        bars=[
            (_("Q内 (internal)"), report.q_inner),
            (_("Q外 (external)"), report.q_outer),
        ]
        + [(label, value) for _s, label, value in report.sources],
    )
    factor_chart = charts.score_bars(
        chart_id="factors-chart",
        title=_("Factor scores"),
        description=_(
            "Each factor directly under a source, on 0–100; a dash where no data."
        ),
        bars=[(row.name, row.score) for row in report.factor_rows if row.depth == 0],
    )
    trend_chart = charts.trend_lines(
        chart_id="trend-chart",
        title=_("Q内 and Q外 over the months"),
        description=_("The latest computation of each of the last twelve months."),
        labels=[m.strftime("%m") for m, _qi, _qo in report.trend],
        series=[
            (_("Q内"), charts.BLUE, [qi for _m, qi, _qo in report.trend]),
            (_("Q外"), charts.GREEN, [qo for _m, _qi, qo in report.trend]),
        ],
    )
    department_chart = (
        charts.paired_bars(
            chart_id="departments-chart",
            title=_("Departments"),
            description=_("Q内 and Q外 of each department this month."),
            labels=[label for _k, label, _qi, _qo in report.departments],
            series=[
                (_("Q内"), charts.BLUE, [qi for _k, _l, qi, _qo in report.departments]),
                (
                    _("Q外"),
                    charts.GREEN,
                    [qo for _k, _l, _qi, qo in report.departments],
                ),
            ],
        )
        if report.departments
        else None
    )
    return {
        "sources": sources_chart,
        "factors": factor_chart,
        "trend": trend_chart,
        "departments": department_chart,
    }


@staff_view(REPORT)
def run_excel(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    diagnosis = gaps.diagnose(
        organisation=_org(request),
        start=report.start,
        end=report.end,
        department_id=report.department_id,
    )
    response = HttpResponse(
        excel.write_report(report, diagnosis, _org(request)), content_type=XLSX
    )
    response["Content-Disposition"] = (
        f'attachment; filename="quality-{report.run.month:%Y-%m}-{report.scope}.xlsx"'
    )
    return response


@staff_view(REPORT)
def run_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    diagnosis = gaps.diagnose(
        organisation=_org(request),
        start=report.start,
        end=report.end,
        department_id=report.department_id,
    )
    response = HttpResponse(
        pdf.render_report(report, diagnosis, _org(request)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'inline; filename="quality-{report.run.month:%Y-%m}-{report.scope}.pdf"'
    )
    return response

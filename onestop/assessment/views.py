"""Assessment pages: indicators, plans, runs, scores with their working, objections."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from onestop.assessment import selectors, services
from onestop.assessment.charts import standings_chart
from onestop.assessment.excel import write_run
from onestop.assessment.forms import (
    CheckForm,
    IndicatorForm,
    ObjectionForm,
    PlanForm,
    ResolveForm,
    RunForm,
    WeightsForm,
    WithdrawForm,
    parse_subject,
)
from onestop.assessment.metrics import METRICS
from onestop.assessment.models import SubjectKind
from onestop.assessment.roles import ALL_SCORES, CHECKS, INDICATORS, PLANS
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.organisations.access import can, staff_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _form_errors(
    form: Any, error: ServiceError | ServiceErrors, field_for: Any = None
) -> None:
    for one in error.errors if isinstance(error, ServiceErrors) else [error]:
        field = field_for(one.field) if field_for else one.field
        form.add_error(field if field in form.fields else None, one.message)


# --- Home and my scores ------------------------------------------------------------


@staff_view()
def home(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    manages = can(request, PLANS) or can(request, CHECKS) or can(request, ALL_SCORES)
    context = {
        "plans": selectors.plan_list(organisation=organisation) if manages else [],
        "mine": selectors.my_scores(organisation=organisation, user=request.user),
        "form": PlanForm(organisation=organisation),
    }
    return render(request, "assessment/home.html", context)


# --- Indicators --------------------------------------------------------------------


@staff_view(INDICATORS)
def indicators(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.indicator_define(
                actor=request.user,
                organisation=organisation,
                definition=form.indicator_definition(),
            )
        except (ServiceError, ServiceErrors) as error:
            _form_errors(form, error, form.field_for)
        else:
            messages.success(request, gettext("Indicator saved."))
            return redirect("staff:assessment_indicator", pk=version.indicator_id)
    context = {
        "indicators": selectors.indicator_list(organisation=organisation),
        "form": form,
        "metrics": METRICS.values(),
    }
    return render(request, "assessment/indicators.html", context, status=_status(form))


@staff_view(INDICATORS)
def indicator(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    found = selectors.indicator_get(organisation=organisation, pk=pk)
    initial = IndicatorForm.initial_from(found.current)  # type: ignore[attr-defined]
    form = IndicatorForm(request.POST or None, initial=initial)
    form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_define(
                actor=request.user, organisation=organisation,
                definition=form.indicator_definition(), indicator=found,
            )  # fmt: skip
        except (ServiceError, ServiceErrors) as error:
            _form_errors(form, error, form.field_for)
        else:
            messages.success(request, gettext("A new version was saved."))
            return redirect("staff:assessment_indicator", pk=pk)
    context = {"indicator": found, "form": form}
    return render(request, "assessment/indicator.html", context, status=_status(form))


def _status(form: Any) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- Plans --------------------------------------------------------------------------


@require_POST
@staff_view(PLANS)
def plan_new(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    form = PlanForm(request.POST, organisation=organisation)
    if form.is_valid():
        start, end = form.period()
        try:
            plan = services.plan_create(
                actor=request.user, organisation=organisation, name=form.cleaned_data["name"],
                start=start, end=end, copy_from=form.cleaned_data["copy_from"],
            )  # fmt: skip
        except ServiceError as error:
            _form_errors(form, error)
        else:
            return redirect("staff:assessment_plan", pk=plan.pk)
    context = {
        "plans": selectors.plan_list(organisation=organisation),
        "mine": selectors.my_scores(organisation=organisation, user=request.user),
        "form": form,
    }
    return render(request, "assessment/home.html", context, status=400)


def _plan_page(request: HttpRequest, plan: Any, **forms: Any) -> HttpResponse:
    organisation = _org(request)
    versions = selectors.current_versions(organisation=organisation)
    context = {
        "plan": plan,
        "groups": selectors.plan_groups(plan),
        "runs": selectors.plan_runs(plan),
        "checks": selectors.plan_checks(plan),
        "objections": selectors.plan_objections(plan),
        "weights_form": forms.get("weights_form")
        or WeightsForm(plan=plan, versions=versions),
        "run_form": forms.get("run_form") or RunForm(),
        "resolve_form": ResolveForm(),
        "withdraw_form": WithdrawForm(),
        "latest": selectors.latest_run(plan),
    }
    status = 400 if forms else 200
    return render(request, "assessment/plan.html", context, status=status)


def _may_open_plan(request: HttpRequest) -> None:
    if not (can(request, PLANS) or can(request, CHECKS)):
        raise Http404


@staff_view()
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    _may_open_plan(request)
    return _plan_page(request, selectors.plan_get(organisation=_org(request), pk=pk))


@require_POST
@staff_view(PLANS)
def plan_weights(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    found = selectors.plan_get(organisation=organisation, pk=pk)
    versions = selectors.current_versions(organisation=organisation)
    form = WeightsForm(request.POST, plan=found, versions=versions)
    if form.is_valid():
        kind, subject_id = parse_subject(form.cleaned_data["group"])
        try:
            services.plan_set_weights(
                actor=request.user, plan=found, subject_kind=kind,
                subject_id=subject_id, weights=form.weights(),
            )  # fmt: skip
        except ServiceError as error:
            _form_errors(form, error)
        else:
            messages.success(request, gettext("Weights saved."))
            return redirect("staff:assessment_plan", pk=pk)
    return _plan_page(request, found, weights_form=form)


@require_POST
@staff_view(PLANS)
def plan_run(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.plan_get(organisation=_org(request), pk=pk)
    form = RunForm(request.POST)
    if form.is_valid():
        try:
            run = services.plan_run(
                actor=request.user, plan=found, note=form.cleaned_data["note"]
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                gettext("Version %(number)s computed.") % {"number": run.number},
            )
            return redirect("staff:assessment_run", pk=run.pk)
    return redirect("staff:assessment_plan", pk=pk)


@require_POST
@staff_view(PLANS)
def plan_sign(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.plan_get(organisation=_org(request), pk=pk)
    try:
        services.plan_sign(actor=request.user, plan=found)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Signed. The period is locked."))
    return redirect("staff:assessment_plan", pk=pk)


# --- Manual checks -----------------------------------------------------------------


@staff_view(CHECKS)
def check_new(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.plan_get(organisation=_org(request), pk=pk)
    form = CheckForm(request.POST or None, request.FILES or None, plan=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_record(actor=request.user, plan=found, entry=form.entry())
        except (ServiceError, ServiceErrors) as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, gettext("Check recorded; it counts from the next run.")
            )
            return redirect("staff:assessment_plan", pk=pk)
    context = {"plan": found, "form": form}
    return render(request, "assessment/check_new.html", context, status=_status(form))


@require_POST
@staff_view(CHECKS)
def check_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    check = selectors.check_get(organisation=_org(request), pk=pk)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.check_withdraw(actor=request.user, check=check, reason=reason)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Check withdrawn."))
    return redirect("staff:assessment_plan", pk=check.plan_id)


@staff_view()
def check_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file: to the checkers, the plan's managers and the person checked."""
    check = selectors.check_get(organisation=_org(request), pk=pk)
    own = (
        check.subject_kind == SubjectKind.PERSON and check.subject_id == request.user.pk
    )
    if (
        not (own or can(request, CHECKS) or can(request, PLANS))
        or not check.evidence_file
    ):
        raise Http404
    return FileResponse(check.evidence_file.open("rb"), as_attachment=True)


# --- Runs and scores ----------------------------------------------------------------


def _standings(run: Any, kind: str) -> dict[str, Any]:
    scores = selectors.run_scores(run, kind)
    label = str(SubjectKind(kind).label)
    chart = standings_chart(
        scores[:30],
        chart_id=f"standings-{kind}",
        title=gettext("Standings: %(kind)s") % {"kind": label},
        description=gettext(
            "Each one's total out of 100, best first, rank before the name."
        ),
    )
    return {"kind": kind, "label": label, "scores": scores, "chart": chart}


@staff_view()
def run(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    found = selectors.run_get(organisation=organisation, pk=pk)
    kinds = [SubjectKind.DEPARTMENT, SubjectKind.POST]
    if selectors.may_see_everyone(request.user, organisation):
        kinds.append(SubjectKind.PERSON)
    context = {
        "run": found,
        "plan": found.plan,
        "latest": selectors.latest_run(found.plan),
        "standings": [s for s in (_standings(found, k) for k in kinds) if s["scores"]],
    }
    return render(request, "assessment/run.html", context)


@staff_view()
def run_workbook(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    found = selectors.run_get(organisation=organisation, pk=pk)
    content = write_run(
        found, people_too=selectors.may_see_everyone(request.user, organisation)
    )
    response = HttpResponse(content, content_type=XLSX)
    stem = (
        f"{organisation.slug}-assessment-{found.plan.period_start:%Y%m}-v{found.number}"
    )
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


@staff_view()
def competition(request: HttpRequest) -> HttpResponse:
    """The 纳税服务竞赛 leaderboard: departments and posts in the latest period."""
    found = selectors.leaderboard_run(organisation=_org(request))
    standings = []
    if found is not None:
        kinds = (SubjectKind.DEPARTMENT, SubjectKind.POST)
        standings = [s for s in (_standings(found, k) for k in kinds) if s["scores"]]
    return render(
        request, "assessment/competition.html", {"run": found, "standings": standings}
    )


def _score_page(
    request: HttpRequest, pk: int, form: Any = None, line_pk: int = 0
) -> HttpResponse:
    organisation = _org(request)
    score = selectors.score_get(organisation=organisation, pk=pk, user=request.user)
    plan = score.run.plan
    latest = selectors.latest_run(plan)
    own = (
        score.subject_kind == SubjectKind.PERSON and score.subject_id == request.user.pk
    )
    context = {
        "score": score,
        "plan": plan,
        "lines": selectors.score_lines(score),
        "checks": selectors.score_checks(score),
        "is_latest": latest is not None and latest.pk == score.run_id,
        "may_object": own
        and not plan.is_signed
        and latest
        and latest.pk == score.run_id,
        "objection_form": form or ObjectionForm(),
        "blank_form": ObjectionForm(),
        "objection_line": line_pk,
        "history": selectors.person_history(
            organisation=organisation, user_id=score.subject_id, plan=plan
        )
        if score.subject_kind == SubjectKind.PERSON
        else [],
    }
    return render(
        request, "assessment/score.html", context, status=400 if form else 200
    )


@staff_view()
def score(request: HttpRequest, pk: int) -> HttpResponse:
    return _score_page(request, pk)


@require_POST
@staff_view()
def objection_new(request: HttpRequest, pk: int) -> HttpResponse:
    line = selectors.line_get(organisation=_org(request), pk=pk)
    selectors.score_get(organisation=_org(request), pk=line.score_id, user=request.user)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        try:
            services.objection_raise(
                actor=request.user, line=line, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, gettext("Your objection was sent to the supervisor.")
            )
            return redirect("staff:assessment_score", pk=line.score_id)
    return _score_page(request, line.score_id, form=form, line_pk=line.pk)


@require_POST
@staff_view(PLANS)
def objection_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    objection = selectors.objection_get(organisation=_org(request), pk=pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose a decision and write the answer."))
        return redirect("staff:assessment_plan", pk=objection.plan_id)
    try:
        services.objection_resolve(
            actor=request.user, objection=objection, **form.cleaned_data
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("Objection answered."))
    return redirect("staff:assessment_plan", pk=objection.plan_id)

"""Inspection pages: scorecards, sampling, the inspector's worklist and scoring form,
calibration, one's own inspected work and appeals, the supervisor's decisions, figures."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.inspection import selectors, services
from onestop.inspection.charts import score_bars
from onestop.inspection.excel import Heading, write_figures
from onestop.inspection.forms import (
    AssignForm,
    CalibrationForm,
    MysteryForm,
    PeriodForm,
    ReasonForm,
    RuleForm,
    RunForm,
    ScorecardForm,
    ScoringForm,
)
from onestop.inspection.models import (
    AppealStatus,
    Inspection,
    InspectionStatus,
    ItemMode,
)
from onestop.inspection.outline import outline_of
from onestop.inspection.roles import DECIDE, FIGURES, INSPECT, MANAGE
from onestop.inspection.scores import item_scores
from onestop.organisations.access import can, staff_view
from onestop.surveys.roles import RESULTS as SURVEY_RESULTS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _errors(form: Any, error: ServiceError | ServiceErrors) -> None:
    for one in error.errors if isinstance(error, ServiceErrors) else [error]:
        if hasattr(form, "add_item_error"):
            form.add_item_error(one.field, one.message)
        else:
            form.add_error(one.field if one.field in form.fields else None, one.message)


# --- Scorecards ---------------------------------------------------------------------------


@staff_view(MANAGE)
def scorecard_list(request: HttpRequest) -> HttpResponse:
    cards = selectors.scorecard_list(organisation=_org(request))
    return render(request, "inspection/scorecards.html", {"scorecards": cards})


@staff_view(MANAGE)
def scorecard_new(request: HttpRequest) -> HttpResponse:
    form = ScorecardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            card = services.scorecard_create(
                actor=request.user, organisation=_org(request), draft=form.draft()
            )
        except (ServiceError, ServiceErrors) as error:
            _errors(form, error)
        else:
            messages.success(request, _("Scorecard saved."))
            return redirect("staff:inspection_scorecard", pk=card.pk)
    return _edit_page(request, form, None)


@staff_view(MANAGE)
def scorecard_page(request: HttpRequest, pk: int) -> HttpResponse:
    card = selectors.scorecard_get(organisation=_org(request), pk=pk)
    return render(request, "inspection/scorecard.html", {"scorecard": card})


@staff_view(MANAGE)
def scorecard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an unused scorecard; a used one is saved as its next version."""
    card = selectors.scorecard_get(organisation=_org(request), pk=pk)
    draft = services.scorecard_as_draft(card)
    initial = {
        "name": card.name,
        "kind": card.kind,
        "description": card.description,
        "appeal_days": card.appeal_days,
        "outline": outline_of(draft),
    }
    form = ScorecardForm(request.POST or None, initial=initial)
    form.fields["name"].disabled = True
    if request.method == "POST" and form.is_valid():
        write = (
            services.scorecard_new_version
            if card.is_frozen
            else services.scorecard_update
        )
        try:
            saved = write(actor=request.user, scorecard=card, draft=form.draft())
        except (ServiceError, ServiceErrors) as error:
            _errors(form, error)
        else:
            messages.success(
                request, _("Scorecard saved as version %(v)s.") % {"v": saved.version}
            )
            return redirect("staff:inspection_scorecard", pk=saved.pk)
    return _edit_page(request, form, card)


def _edit_page(request: HttpRequest, form: ScorecardForm, card: Any) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "inspection/scorecard_edit.html",
        {"form": form, "scorecard": card},
        status=status,
    )


# --- Sampling -----------------------------------------------------------------------------


@staff_view(MANAGE)
def rule_list(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    form = RuleForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_save(
                actor=request.user, organisation=organisation, draft=form.draft()
            )
        except (ServiceError, ServiceErrors) as error:
            _errors(form, error)
        else:
            messages.success(request, _("Sampling rule saved."))
            return redirect("staff:inspection_rules")
    today = timezone.localdate()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    run_form = RunForm(
        inspectors=selectors.inspectors_of(organisation=organisation),
        initial={"start": last_month_end.replace(day=1), "end": last_month_end},
    )
    context = {
        "rules": selectors.rule_list(organisation=organisation),
        "form": form,
        "run_form": run_form,
    }
    return render(
        request, "inspection/rules.html", context, status=400 if form.errors else 200
    )


@require_POST
@staff_view(MANAGE)
def rule_run(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    rule = selectors.rule_get(organisation=organisation, pk=pk)
    form = RunForm(
        request.POST, inspectors=selectors.inspectors_of(organisation=organisation)
    )
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
        return redirect("staff:inspection_rules")
    try:
        run = services.sample_run(
            actor=request.user,
            rule=rule,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            inspectors=list(form.cleaned_data["inspectors"]),
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Drew %(drawn)s of %(population)s for inspection.")
            % {"drawn": run.drawn, "population": run.population},
        )
    return redirect("staff:inspection_rules")


# --- Inspectors ---------------------------------------------------------------------------


@staff_view(INSPECT)
def worklist(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    form = MysteryForm(
        request.POST or None,
        scorecards=selectors.current_scorecards(
            organisation=organisation, kind=selectors.MYSTERY
        ),
        staff=selectors.staff_of(organisation=organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.mystery_visit_create(
                actor=request.user,
                organisation=organisation,
                scorecard=form.cleaned_data["scorecard"],
                inspected_user=form.cleaned_data["staff"],
            )
        except ServiceError as error:
            _errors(form, error)
        else:
            return redirect("staff:inspection_score", pk=visit.pk)
    context = {
        **selectors.worklist(organisation=organisation, user=request.user),
        "mystery_form": form,
    }
    return render(request, "inspection/worklist.html", context)


@staff_view(INSPECT)
def score_page(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(organisation=_org(request), pk=pk)
    if inspection.inspector_id != request.user.pk:
        raise PermissionDenied(_("This inspection is assigned to someone else."))
    if inspection.status != InspectionStatus.ASSIGNED:
        return redirect("staff:inspection_detail", pk=pk)
    form = ScoringForm(
        request.POST or None, scorecard=_card(inspection), organisation=_org(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_score(
                actor=request.user,
                inspection=inspection,
                marks=form.marks(),
                comment=form.cleaned_data["comment"],
                visit=form.visit(),
            )
        except (ServiceError, ServiceErrors) as error:
            _errors(form, error)
        else:
            messages.success(request, _("Inspection scored."))
            return redirect("staff:inspection_detail", pk=pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "inspection/score.html",
        {
            "inspection": inspection,
            "form": form,
            "may_see_answers": can(request, SURVEY_RESULTS),
        },
        status=status,
    )


def _card(inspection: Inspection) -> Any:
    return selectors.scorecard_get(
        organisation=inspection.organisation, pk=inspection.scorecard_id
    )


@staff_view()
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The scored inspection: its inspector, the person inspected and the quality staff see it."""
    inspection = selectors.inspection_get(organisation=_org(request), pk=pk)
    own = (
        request.user.pk == inspection.inspected_user_id
        and not inspection.is_calibration_copy
    )
    if not (
        own
        or request.user.pk == inspection.inspector_id
        or can(request, FIGURES)
        or can(request, DECIDE)
    ):
        raise PermissionDenied(_("Your roles here do not allow this."))
    context: dict[str, Any] = {
        "inspection": inspection,
        "own": own,
        "may_appeal": own
        and inspection.status == InspectionStatus.SCORED
        and inspection.appeal_due_at is not None
        and timezone.now() <= inspection.appeal_due_at,
        "appeal_form": ReasonForm(),
        "appeal": getattr(inspection, "appeal", None),
        "may_see_answers": can(request, SURVEY_RESULTS),
    }
    if can(request, MANAGE) and not inspection.is_calibration_copy:
        inspectors = selectors.inspectors_of(organisation=_org(request))
        context["calibration_form"] = CalibrationForm(inspectors=inspectors)
        if inspection.status == InspectionStatus.ASSIGNED:
            context["assign_form"] = AssignForm(inspectors=inspectors)
    return render(request, "inspection/detail.html", context)


@require_POST
@staff_view(MANAGE)
def inspection_assign(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(organisation=_org(request), pk=pk)
    form = AssignForm(
        request.POST, inspectors=selectors.inspectors_of(organisation=_org(request))
    )
    if form.is_valid():
        try:
            services.inspection_assign(
                actor=request.user,
                inspection=inspection,
                inspector=form.cleaned_data["inspector"],
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Inspector changed."))
    return redirect("staff:inspection_detail", pk=pk)


# --- Calibration --------------------------------------------------------------------------


@require_POST
@staff_view(MANAGE)
def calibration_start(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(organisation=_org(request), pk=pk)
    form = CalibrationForm(
        request.POST, inspectors=selectors.inspectors_of(organisation=_org(request))
    )
    if not form.is_valid():
        messages.error(request, _("Name the round and choose the inspectors."))
        return redirect("staff:inspection_detail", pk=pk)
    try:
        calibration = services.calibration_start(
            actor=request.user,
            inspection=inspection,
            name=form.cleaned_data["name"],
            inspectors=list(form.cleaned_data["inspectors"]),
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("staff:inspection_detail", pk=pk)
    return redirect("staff:inspection_calibration", pk=calibration.pk)


@staff_view(FIGURES)
def calibration_list(request: HttpRequest) -> HttpResponse:
    rounds = selectors.calibration_list(organisation=_org(request))
    return render(request, "inspection/calibrations.html", {"rounds": rounds})


@staff_view(FIGURES)
def calibration_page(request: HttpRequest, pk: int) -> HttpResponse:
    calibration = selectors.calibration_get(organisation=_org(request), pk=pk)
    report = selectors.calibration_report(calibration=calibration)
    return render(request, "inspection/calibration.html", {"report": report})


# --- Own work and appeals -----------------------------------------------------------------


@staff_view()
def my_work(request: HttpRequest) -> HttpResponse:
    found = selectors.my_work(organisation=_org(request), user=request.user)
    return render(
        request,
        "inspection/my_work.html",
        {"inspections": found, "now": timezone.now()},
    )


@require_POST
@staff_view()
def appeal_file(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(organisation=_org(request), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.appeal_file(actor=request.user, inspection=inspection, reason=reason)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Your appeal was filed; a supervisor will decide it.")
        )
    return redirect("staff:inspection_detail", pk=pk)


@staff_view(DECIDE)
def appeal_list(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    context = {
        "pending": selectors.appeals_pending(organisation=organisation),
        "decided": selectors.appeals_decided(organisation=organisation),
    }
    return render(request, "inspection/appeals.html", context)


@staff_view(DECIDE)
def appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Uphold with corrected marks, or reject with a reason."""
    inspection = selectors.inspection_get(organisation=_org(request), pk=pk)
    appeal = getattr(inspection, "appeal", None)
    if appeal is None or appeal.status != AppealStatus.PENDING:
        return redirect("staff:inspection_detail", pk=pk)
    form = ScoringForm(
        request.POST or None,
        scorecard=_card(inspection),
        organisation=_org(request),
        initial=_initial_marks(inspection),
        prefix="fix",
    )
    reason = ReasonForm(request.POST or None)
    if request.method == "POST" and reason.is_valid() and form.is_valid():
        upheld = request.POST.get("outcome") == "uphold"
        decision = services.Decision(
            upheld, reason.cleaned_data["reason"], form.marks() if upheld else ()
        )
        try:
            services.appeal_decide(actor=request.user, appeal=appeal, decision=decision)
        except (ServiceError, ServiceErrors) as error:
            _errors(form, error)
        else:
            messages.success(request, _("Appeal decided."))
            return redirect("staff:inspection_appeals")
    context = {
        "inspection": inspection,
        "appeal": appeal,
        "form": form,
        "reason_form": reason,
        "may_see_answers": can(request, SURVEY_RESULTS),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "inspection/decide.html", context, status=status)


def _initial_marks(inspection: Inspection) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for result in inspection.results.all():
        key = f"item_{result.item_id}"
        initial[f"{key}_na"] = not result.applicable
        initial[f"{key}_note"] = result.note
        initial[f"{key}_deductions"] = [
            str(d.reason_id) for d in result.deductions.all()
        ]
        if result.item.mode == ItemMode.POINTS:
            initial[f"{key}_points"] = result.points
        elif result.passed is not None:
            initial[f"{key}_passed"] = "yes" if result.passed else "no"
    return initial


# --- Figures ------------------------------------------------------------------------------


def _period(request: HttpRequest) -> tuple[date, date, int | None]:
    today = timezone.localdate()
    default = (today.replace(day=1), today)
    if not request.GET:
        return default[0], default[1], None
    return PeriodForm(request.GET).period(default)


@staff_view(FIGURES)
def figures_page(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    start, end, department = _period(request)
    found = selectors.figures(
        organisation=organisation, start=start, end=end, department_id=department
    )
    charts = {
        "scorecards": score_bars(
            found["scorecards"], chart_id="qa-cards", title=_("By scorecard")
        ),
        "departments": score_bars(
            found["departments"], chart_id="qa-depts", title=_("By department")
        ),
    }
    context = {
        "figures": found,
        "charts": charts,
        "start": start,
        "end": end,
        "department": department,
        "departments": selectors.departments_of(organisation=organisation),
        "items": selectors.item_scorecard_items(organisation=organisation).order_by(
            "scorecard__name", "-scorecard__version", "section__position", "position"
        ),
        "query": request.GET.urlencode(),
    }
    return render(request, "inspection/figures.html", context)


@staff_view(FIGURES)
def figures_download(request: HttpRequest) -> HttpResponse:
    """The figures page as a workbook, with each item's score of the period."""
    organisation = _org(request)
    start, end, department = _period(request)
    found = selectors.figures(
        organisation=organisation, start=start, end=end, department_id=department
    )
    items = list(
        selectors.item_scorecard_items(organisation=organisation).order_by(
            "scorecard__name", "-scorecard__version", "section__position", "position"
        )
    )
    scores = item_scores(
        organisation=organisation,
        start=start,
        end=end,
        item_ids=[item.pk for item in items],
        department_id=department,
    )
    named = (
        selectors.departments_of(organisation=organisation)
        .filter(pk=department)
        .first()
        if department
        else None
    )
    content = write_figures(
        found,
        [(item, scores[item.pk]) for item in items if item.pk in scores],
        Heading(
            organisation=organisation,
            start=start,
            end=end,
            department=named.name if named else "",
            produced_at=timezone.localtime(),
        ),
    )
    response = HttpResponse(content, content_type=XLSX)
    name = f"inspection-figures-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(FIGURES)
def item_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The inspections behind a scorecard item's figure (docs/quality.md)."""
    organisation = _org(request)
    item = selectors.item_get(organisation=organisation, pk=pk)
    start, end, department = _period(request)
    results = selectors.item_results(
        organisation=organisation,
        item=item,
        start=start,
        end=end,
        department_id=department,
    )
    figure = item_scores(
        organisation=organisation,
        start=start,
        end=end,
        item_ids=[item.pk],
        department_id=department,
    ).get(item.pk)
    context = {
        "item": item,
        "results": results,
        "figure": figure,
        "start": start,
        "end": end,
    }
    return render(request, "inspection/item_results.html", context)

"""Back-office pages: my work, the case page with its actions, the supervisor's board."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from onestop.cases.clocks import case_clock, step_clock
from onestop.cases.models import Case, CaseStatus
from onestop.cases.selectors import case_colour, case_get, my_work, supervisor_board
from onestop.cases.states import Action
from onestop.circulation.assignment import actions_offered
from onestop.circulation.forms import ActionForm
from onestop.circulation.rows import case_rows
from onestop.circulation.services import case_act
from onestop.common.errors import ServiceError
from onestop.compute.workdays import CalendarNotCovered
from onestop.intake.views import supplement_context
from onestop.organisations.access import can, staff_view
from onestop.organisations.selectors import work_calendar_for


@staff_view("cases.view_case")
def work_list(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("number", "").strip().upper()
    if number:
        return redirect("staff:case", number=number)
    now = timezone.now()
    cases = my_work(actor=request.user, organisation=request.organisation)  # type: ignore[attr-defined]
    return render(
        request, "circulation/my_work.html", {"rows": case_rows(cases, now), "now": now}
    )


def _offered_actions(request: HttpRequest, case: Case) -> list[ActionForm]:
    """Forms for the actions this person may take now (the supplement has its own form)."""
    return [
        ActionForm(action=action, case=case)
        for action in actions_offered(request.user, case)
        if action != Action.SUPPLEMENT
    ]


def _clocks(case: Case) -> dict[str, Any]:
    now = timezone.now()
    try:
        calendar = work_calendar_for(case.organisation)
        reading = case_clock(case, calendar, now)
        step = case.current_step
        step_reading = (
            step_clock(case, step, calendar, now)
            if step and not step.finished_at
            else None
        )
    except CalendarNotCovered as gap:
        return {"calendar_gap": str(gap)}
    return {
        "clock": reading,
        "step_clock": step_reading,
        "colour": case_colour(case, now),
    }


@staff_view("cases.view_case")
def case_page(
    request: HttpRequest, number: str, forms: list[ActionForm] | None = None
) -> HttpResponse:
    case = case_get(organisation=request.organisation, number=number)  # type: ignore[attr-defined]
    context: dict[str, Any] = {
        "case": case,
        "actions": forms or _offered_actions(request, case),
    }
    context.update(_clocks(case))
    if case.status == CaseStatus.AWAITING_SUPPLEMENT and can(
        request, "cases.intake_case"
    ):
        context.update(supplement_context(case))
    return render(request, "circulation/case.html", context)


@require_POST
@staff_view("cases.view_case")
def case_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    case = case_get(organisation=request.organisation, number=number)  # type: ignore[attr-defined]
    if action not in Action.values or action == Action.SUPPLEMENT:
        raise Http404
    form = ActionForm(request.POST, action=action, case=case)
    if form.is_valid():
        try:
            case_act(
                actor=request.user,
                case=case,
                action=action,
                expected_version=form.cleaned_data["expected_version"],
                **form.params(),
            )
        except ServiceError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                messages.error(request, error.message)
        else:
            messages.success(request, Action(action).label)
            return redirect("staff:case", number=number)
    others = [f for f in _offered_actions(request, case) if f.action != action]
    return case_page(request, number, forms=[form, *others])


@staff_view("cases.approve_extension")
def board(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    board = supervisor_board(organisation=request.organisation, now=now)  # type: ignore[attr-defined]
    rows = [(row, case_rows(row.cases, now, with_assignee=True)) for row in board]
    return render(request, "circulation/board.html", {"rows": rows, "now": now})

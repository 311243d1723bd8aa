"""The campaign pages: the list, planning a campaign, and its readiness page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.campaigns import charts, selectors, services
from onestop.campaigns.forms import CampaignForm, ScriptForm
from onestop.campaigns.models import Campaign, Status
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.organisations.access import can, staff_view
from onestop.portal.views import errors_onto

VIEW = "campaigns.view_campaign"
PLAN = "campaigns.plan_campaign"
APPROVE = "campaigns.approve_script"


@staff_view(VIEW)
def campaign_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.campaign_rows(
        organisation=request.organisation,  # type: ignore[attr-defined]
        today=timezone.localdate(),
    )
    return render(
        request,
        "campaigns/list.html",
        {"rows": rows, "may_plan": can(request, PLAN)},
    )


@staff_view(PLAN)
def campaign_new(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = CampaignForm(
        request.POST or None,
        queues=selectors.queues_for(organisation=organisation),
        initial={"starts_on": timezone.localdate(), "half_life_days": "1.0"},
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(
                actor=request.user,
                organisation=organisation,
                fields=form.campaign_fields(),
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            messages.success(request, _("Campaign saved as a draft."))
            return redirect("staff:campaign", pk=campaign.pk)
    return _edit_page(request, form, None, problems)


@staff_view(PLAN)
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    campaign = selectors.campaign_get(organisation=organisation, pk=pk)
    form = CampaignForm(
        request.POST or None,
        queues=selectors.queues_for(organisation=organisation),
        initial=CampaignForm.initial_of(campaign),
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                actor=request.user, campaign=campaign, fields=form.campaign_fields()
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect("staff:campaign", pk=campaign.pk)
    return _edit_page(request, form, campaign, problems)


def _edit_page(
    request: HttpRequest,
    form: CampaignForm,
    campaign: Campaign | None,
    problems: list[str],
) -> HttpResponse:
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "campaign": campaign, "problems": problems}
    return render(request, "campaigns/edit.html", context, status=status)


@staff_view(VIEW)
def campaign_page(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    return _campaign_page(request, campaign)


def _campaign_page(
    request: HttpRequest,
    campaign: Campaign,
    *,
    script_form: ScriptForm | None = None,
) -> HttpResponse:
    plan = selectors.campaign_plan(campaign=campaign, now=timezone.now())
    latest = plan.scripts[0] if plan.scripts else None
    context: dict[str, Any] = {
        "campaign": campaign,
        "plan": plan,
        "readiness": plan.readiness,
        "is_draft": campaign.status == Status.DRAFT,
        "may_plan": can(request, PLAN),
        "may_approve": can(request, APPROVE),
        "script_form": script_form
        or ScriptForm(initial={"text": latest.text if latest else ""}),
        "days_chart": charts.daily_calls_chart(plan.days, chart_id="days-chart"),
        "staffing_chart": charts.staffing_chart(
            plan.intervals, chart_id="staffing-chart"
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "campaigns/campaign.html", context, status=status)


@require_POST
@staff_view(PLAN)
def script_write(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    form = ScriptForm(request.POST)
    if form.is_valid():
        try:
            script = services.campaign_script_write(
                actor=request.user, campaign=campaign, text=form.cleaned_data["text"]
            )
        except ServiceError as error:
            form.add_error("text", error.message)
        else:
            messages.success(
                request,
                _("Version %(number)s of the script saved; it awaits approval.")
                % {"number": script.number},
            )
            return redirect(_script_anchor(campaign))
    return _campaign_page(request, campaign, script_form=form)


@require_POST
@staff_view(APPROVE)
def script_approve(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    campaign = selectors.campaign_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    script = selectors.script_get(campaign=campaign, number=number)
    try:
        services.campaign_script_approve(actor=request.user, script=script)
    except (ServiceError, ServiceErrors) as error:
        _messages_of(request, error)
    else:
        messages.success(
            request,
            _("Version %(number)s of the script approved.") % {"number": number},
        )
    return redirect(_script_anchor(campaign))


@require_POST
@staff_view(PLAN)
def campaign_launch(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    try:
        services.campaign_launch(actor=request.user, campaign=campaign)
    except (ServiceError, ServiceErrors) as error:
        _messages_of(request, error)
    else:
        messages.success(request, _("Campaign launched."))
    return redirect("staff:campaign", pk=campaign.pk)


def _messages_of(request: HttpRequest, error: ServiceError | ServiceErrors) -> None:
    for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
        messages.error(request, problem.message)


def _script_anchor(campaign: Campaign) -> str:
    return reverse("staff:campaign", kwargs={"pk": campaign.pk}) + "#script"

"""Rating pages: the public page behind the token, the window tablet, and the staff's
rectification list, rectification page and figures.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from onestop.cases.models import Case
from onestop.common import ratelimit
from onestop.common.errors import ServiceError
from onestop.organisations.access import staff_view
from onestop.organisations.selectors import organisation_get_public
from onestop.ratings.errors import RatingError
from onestop.ratings.excel import SHARE_DEFINITION, write_rating_figures
from onestop.ratings.forms import FiguresForm, RatingForm, StepForm, TabletForm
from onestop.ratings.links import VIA_SMS
from onestop.ratings.models import Level, RatingChannel
from onestop.ratings.selectors import (
    LEVELS_SHOWN,
    case_for_token,
    rating_figures,
    rating_of,
    rectification_get,
    rectification_list,
    staff_window,
)
from onestop.ratings.services import (
    rating_refusal,
    rating_settings_ensure,
    rating_submit,
    rectification_act,
)
from onestop.ratings.states import Action, actions_for

# A person rates once; a client asking much more often is guessing tokens.
DEFAULT_RATE_LIMIT = (30, 600)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --- Rating: the public page and the tablet ---------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, org_slug: str, token: str) -> HttpResponse:
    limit, window = _rate_limit()
    if not ratelimit.hit(request, "rating", limit, window):
        return render(request, "ratings/too_many.html", status=429)
    organisation = organisation_get_public(slug=org_slug)
    case = case_for_token(organisation=organisation, token=token)
    via = request.GET.get("via")
    channel = RatingChannel.SMS if via == VIA_SMS else RatingChannel.RECEIPT
    return _rating_exchange(request, case, RatingForm, channel, "ratings/rate.html")


def _rate_limit() -> tuple[int, int]:
    limits = getattr(django_settings, "ONESTOP_RATE_LIMITS", {})
    return tuple(limits.get("rating", DEFAULT_RATE_LIMIT))  # type: ignore[return-value]


@staff_view("cases.intake_case")
def tablet_start(request: HttpRequest) -> HttpResponse:
    number = request.GET.get("number", "").strip().upper()
    if number:
        return redirect("staff:rating_tablet", number=number)
    return render(request, "ratings/tablet_start.html")


@never_cache
@staff_view("cases.intake_case")
def tablet(request: HttpRequest, number: str) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    case = get_object_or_404(
        Case.objects.select_related("organisation", "item_version"),
        organisation=organisation,
        number=number,
    )
    initial = {"window": staff_window(request.user.pk, organisation)}
    return _rating_exchange(
        request, case, TabletForm, RatingChannel.TABLET, "ratings/tablet.html", initial
    )


def _rating_exchange(
    request: HttpRequest,
    case: Case,
    form_class: type[RatingForm],
    channel: str,
    template: str,
    initial: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show the rating form, or take the rating and come back to say thank you."""
    settings = rating_settings_ensure(organisation=case.organisation)
    form = form_class(
        request.POST or None, organisation=case.organisation, initial=initial
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            rating_submit(case=case, channel=channel, **form.cleaned_data)
        except ServiceError as error:
            status = 409 if error.code == RatingError.ALREADY_RATED else 400
            form.add_error(None, error.message)
        else:
            return redirect(request.get_full_path())
    refusal = rating_refusal(case, settings, timezone.now())
    context = {
        "organisation": case.organisation,
        "case": case,
        "item_name": case.item_version.snapshot["name"],
        "rating": rating_of(case),
        "refusal": refusal.message if refusal else "",
        "form": form,
        "levels": [Level(level) for level in LEVELS_SHOWN],
    }
    return render(request, template, context, status=status)


# --- Rectifications ------------------------------------------------------------------


@staff_view("cases.view_case")
def rectifications(request: HttpRequest) -> HttpResponse:
    rows = rectification_list(organisation=request.organisation, actor=request.user)  # type: ignore[attr-defined]
    return render(
        request,
        "ratings/rectifications.html",
        {"rows": rows, "now": timezone.now()},
    )


@staff_view("cases.view_case")
def rectification_page(
    request: HttpRequest, pk: int, forms: list[StepForm] | None = None
) -> HttpResponse:
    rectification = rectification_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        pk=pk,
        actor=request.user,
    )
    offered = forms or [
        StepForm(action=action, rectification=rectification)
        for action in actions_for(request.user, rectification)
    ]
    context: dict[str, Any] = {
        "rectification": rectification,
        "rating": rectification.rating,
        "case": rectification.rating.case,
        "actions": offered,
        "overdue": rectification.is_overdue(timezone.now()),
    }
    return render(request, "ratings/rectification.html", context)


@require_POST
@staff_view("cases.view_case")
def rectification_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    rectification = rectification_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        pk=pk,
        actor=request.user,
    )
    if action not in Action.values:
        raise Http404
    form = StepForm(request.POST, action=action, rectification=rectification)
    if form.is_valid():
        try:
            rectification_act(
                actor=request.user,
                rectification=rectification,
                action=action,
                **form.params(),
            )
        except ServiceError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                messages.error(request, error.message)
        else:
            messages.success(request, Action(action).label)
            return redirect("staff:rectification", pk=pk)
    others = [
        StepForm(action=a, rectification=rectification)
        for a in actions_for(request.user, rectification)
        if a != action
    ]
    return rectification_page(request, pk, forms=[form, *others])


# --- Figures ---------------------------------------------------------------------------


@staff_view("cases.view_case_metrics")
def figures(request: HttpRequest) -> HttpResponse:
    form = FiguresForm(request.GET or None, today=timezone.localdate())
    period = form.period()
    *rows, total = rating_figures(
        organisation=request.organisation,  # type: ignore[attr-defined]
        start=period.start,
        end=period.end,
        group_by=period.group_by,
    )
    context = {
        "form": form,
        "period": period,
        "rows": rows,
        "total": total,
        "levels": [Level(level) for level in LEVELS_SHOWN],
        "definition": SHARE_DEFINITION,
        "query": request.GET.urlencode(),
    }
    return render(request, "ratings/figures.html", context)


@staff_view("cases.view_case_metrics")
def figures_workbook(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    period = FiguresForm(request.GET or None, today=timezone.localdate()).period()
    rows = rating_figures(
        organisation=organisation,
        start=period.start,
        end=period.end,
        group_by=period.group_by,
    )
    content = write_rating_figures(
        rows,
        organisation=organisation,
        period=period,
        produced_at=timezone.localtime(),
    )
    response = HttpResponse(content, content_type=XLSX)
    stem = f"{organisation.slug}-ratings-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response

"""Staff pages of the post-responsibility system: posts and people, duty log, hand-overs."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError
from onestop.organisations.access import can, staff_view
from onestop.posts import selectors, services
from onestop.posts.forms import DutyLogForm, HandoverForm


@staff_view("posts.view_post")
def posts_overview(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    return render(
        request,
        "posts/overview.html",
        {
            "departments": selectors.department_list(organisation=organisation),
            "windows": selectors.window_list(organisation=organisation),
            "posts": selectors.post_list(organisation=organisation),
        },
    )


@staff_view("posts.view_dutylogentry")
def duty_log(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = DutyLogForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.duty_log_write(
                actor=request.user,
                organisation=organisation,
                day=form.cleaned_data["date"],
                shift=form.cleaned_data["shift"],
                summary=form.cleaned_data["summary"],
                post=form.cleaned_data["post"],
                incidents=form.cleaned_data["incidents"],
                handover_notes=form.cleaned_data["handover_notes"],
            )
        except ServiceError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("Duty log entry saved."))
            return redirect("staff:duty_log")
    entries = selectors.duty_log_list(
        organisation=organisation,
        user=request.user,
        everyone=can(request, "posts.view_all_duty_logs"),
    )
    return render(
        request, "posts/duty_log.html", {"form": form, "entries": entries[:100]}
    )


@staff_view("posts.view_materialhandover")
def handovers(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    may_add = can(request, "posts.add_materialhandover")
    form = (
        HandoverForm(request.POST or None, organisation=organisation)
        if may_add
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.handover_register(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("Hand-over entered in the register."))
            return redirect("staff:handovers")
    pending_only = request.GET.get("pending") == "1"
    rows = selectors.handover_list(organisation=organisation, pending_only=pending_only)
    return render(
        request,
        "posts/handovers.html",
        {"form": form, "handovers": rows[:200], "pending_only": pending_only},
    )


@require_POST
@staff_view("posts.view_materialhandover")
def handover_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    handover = selectors.handover_get(organisation=request.organisation, pk=pk)  # type: ignore[attr-defined]
    try:
        services.handover_confirm(actor=request.user, handover=handover)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Receipt of %(reference)s confirmed.")
            % {"reference": handover.reference},
        )
    return redirect("staff:handovers")

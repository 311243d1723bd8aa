"""Public booking pages (window type → day → slot → who) and the hall's list of bookings."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from onestop.appointments import selectors
from onestop.appointments.forms import BookingForm, SlotsGenerateForm
from onestop.appointments.services import (
    appointment_book,
    appointment_cancel,
    slots_generate,
    working_days_ahead,
)
from onestop.catalog.selectors import item_list_public
from onestop.common.errors import ServiceError
from onestop.common.ratelimit import hit
from onestop.organisations.access import can, staff_view
from onestop.organisations.selectors import organisation_get_public
from onestop.portal.views import errors_onto, too_many_attempts


def booking_start(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    now = timezone.now()
    code = request.GET.get("type", "")
    window_type = (
        selectors.window_type_get(organisation=organisation, code=code)
        if code
        else None
    )
    return render(
        request,
        "appointments/start.html",
        {
            "organisation": organisation,
            "window_types": selectors.window_types_bookable(
                organisation=organisation, now=now
            ),
            "window_type": window_type,
            "days": selectors.slots_by_day(
                organisation=organisation, window_type=window_type, now=now
            )
            if window_type
            else [],
        },
    )


def booking_form(request: HttpRequest, org_slug: str, slot_id: int) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    slot = selectors.slot_get_bookable(
        organisation=organisation, slot_id=slot_id, now=timezone.now()
    )
    if request.method == "POST":
        limit, window = settings.ONESTOP_RATE_LIMITS["appointment_book"]
        if not hit(request, "appointment_book", limit, window):
            return too_many_attempts(request, organisation)
    items = item_list_public(organisation=organisation).filter(
        window_type=slot.window_type
    )
    form = BookingForm(request.POST or None, items=items)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            appointment = appointment_book(
                slot=slot,
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                item=form.cleaned_data["item"],
            )
        except ServiceError as error:
            problems = errors_onto(form, error)
        else:
            return redirect("appointment", org_slug, appointment.token)
    return render(
        request,
        "appointments/book.html",
        {
            "organisation": organisation,
            "slot": slot,
            "form": form,
            "problems": problems,
        },
    )


@never_cache
def booking_confirmation(
    request: HttpRequest, org_slug: str, token: str
) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    appointment = selectors.appointment_get_by_token(
        organisation=organisation, token=token
    )
    return render(
        request,
        "appointments/confirmation.html",
        {"organisation": organisation, "appointment": appointment},
    )


@require_POST
def booking_cancel(request: HttpRequest, org_slug: str, token: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    appointment = selectors.appointment_get_by_token(
        organisation=organisation, token=token
    )
    appointment_cancel(appointment=appointment)
    return redirect("appointment", org_slug, token)


@staff_view("cases.intake_case")
def hall_appointments(request: HttpRequest) -> HttpResponse:
    """Today's and the coming days' slots with who booked them, and making new slots."""
    organisation = request.organisation  # type: ignore[attr-defined]
    may_generate = can(request, "appointments.add_appointmentslot")
    if request.method == "POST" and not may_generate:
        raise PermissionDenied
    form = SlotsGenerateForm(
        request.POST if may_generate and request.method == "POST" else None,
        organisation=organisation,
    )
    if form.is_bound and form.is_valid():
        try:
            created = _generate(request, form)
        except ServiceError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(
                request, _("%(count)s new slots made.") % {"count": created}
            )
            return redirect("staff:appointments")
    today = timezone.localdate()
    days = [today + timedelta(days=n) for n in range(7)]
    return render(
        request,
        "appointments/hall.html",
        {
            "slots": selectors.slots_with_bookings(
                organisation=organisation, days=days
            ),
            "form": form if may_generate else None,
        },
    )


def _generate(request: HttpRequest, form: SlotsGenerateForm) -> int:
    organisation = request.organisation  # type: ignore[attr-defined]
    data = form.cleaned_data
    return slots_generate(
        organisation=organisation,
        window_type=data["window_type"],
        days=working_days_ahead(
            organisation=organisation, count=data["days"], after=timezone.localdate()
        ),
        times=data["times"],
        capacity=data["capacity"],
        actor=request.user,
    )

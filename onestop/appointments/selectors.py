"""Reads of appointment slots and bookings for the public booking pages and the hall."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from itertools import groupby

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from onestop.appointments.models import Appointment, AppointmentSlot, AppointmentStatus
from onestop.organisations.models import Organisation
from onestop.posts.models import WindowType

# How far ahead the public may book.
BOOKING_HORIZON_DAYS = 14


def _not_started(now: datetime) -> Q:
    local = timezone.localtime(now)
    return Q(day__gt=local.date()) | Q(day=local.date(), start__gt=local.time())


def _bookable(organisation: Organisation, now: datetime) -> QuerySet[AppointmentSlot]:
    last_day = timezone.localdate(now) + timedelta(days=BOOKING_HORIZON_DAYS)
    return AppointmentSlot.objects.filter(
        _not_started(now), organisation=organisation, day__lte=last_day
    )


def window_types_bookable(
    *, organisation: Organisation, now: datetime
) -> QuerySet[WindowType]:
    """Window types with at least one slot still ahead in the booking horizon."""
    ids = _bookable(organisation, now).values("window_type_id")
    return WindowType.objects.filter(organisation=organisation, pk__in=ids).order_by(
        "code"
    )


def slots_by_day(
    *, organisation: Organisation, window_type: WindowType, now: datetime
) -> list[tuple[date, list[AppointmentSlot]]]:
    """The window type's slots still ahead, grouped by day; full ones included to show it."""
    slots = (
        _bookable(organisation, now)
        .filter(window_type=window_type)
        .order_by("day", "start")
    )
    return [(day, list(group)) for day, group in groupby(slots, key=lambda s: s.day)]


def slot_get_bookable(
    *, organisation: Organisation, slot_id: int, now: datetime
) -> AppointmentSlot:
    slots = _bookable(organisation, now).select_related("window_type", "organisation")
    return get_object_or_404(slots, pk=slot_id)


def window_type_get(*, organisation: Organisation, code: str) -> WindowType:
    return get_object_or_404(WindowType, organisation=organisation, code=code)


def appointment_get_by_token(*, organisation: Organisation, token: str) -> Appointment:
    appointments = Appointment.objects.filter(organisation=organisation).select_related(
        "slot__window_type", "item"
    )
    return get_object_or_404(appointments, token=token)


def slots_with_bookings(
    *, organisation: Organisation, days: Iterable[date]
) -> QuerySet[AppointmentSlot]:
    """The hall's view: each slot of ``days`` with its live and past bookings."""
    bookings = Appointment.objects.exclude(
        status=AppointmentStatus.CANCELLED
    ).select_related("item")
    return (
        AppointmentSlot.objects.filter(organisation=organisation, day__in=list(days))
        .select_related("window_type")
        .prefetch_related(Prefetch("appointments", queryset=bookings))
        .order_by("day", "window_type__code", "start")
    )

"""Booking, cancelling and checking in. Each in one transaction with an audit event."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from onestop.appointments.errors import AppointmentError
from onestop.appointments.models import Appointment, AppointmentSlot, AppointmentStatus
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# No 0/O, 1/I/L: a code read out at a counter must not be misheard.
_CODE_CHARS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _code() -> str:
    return "".join(secrets.choice(_CODE_CHARS) for _ in range(6))


def _slot_start(slot: AppointmentSlot) -> datetime:
    return timezone.make_aware(datetime.combine(slot.day, slot.start))


@transaction.atomic
def appointment_book(
    *,
    slot: AppointmentSlot,
    name: str,
    phone: str,
    item=None,
    now: datetime | None = None,
) -> Appointment:
    """Take one place in ``slot`` for this person, or refuse saying why."""
    now = now or timezone.now()
    if not name.strip():
        raise ServiceError(AppointmentError.NAME_MISSING, field="name")
    if not _MOBILE.match(phone.strip()):
        raise ServiceError(AppointmentError.PHONE_INVALID, field="phone")
    if _slot_start(slot) <= now:
        raise ServiceError(AppointmentError.SLOT_PAST, field="slot")
    taken = AppointmentSlot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(
        booked=F("booked") + 1
    )
    if not taken:
        raise ServiceError(AppointmentError.SLOT_FULL, field="slot")
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                organisation_id=slot.organisation_id,
                slot=slot,
                code=_code(),
                token=secrets.token_urlsafe(32),
                item=item,
                name=name.strip(),
                phone=phone.strip(),
                booked_at=now,
            )
    except IntegrityError:
        raise ServiceError(AppointmentError.ALREADY_BOOKED, field="phone") from None
    audit_record(
        verb="appointments.booked",
        organisation=slot.organisation,
        target=appointment,
        data={"slot": slot.pk},
    )
    return appointment


@transaction.atomic
def appointment_cancel(
    *, appointment: Appointment, now: datetime | None = None
) -> Appointment:
    """Give the place back. Cancelling twice changes nothing."""
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.status != AppointmentStatus.BOOKED:
        return appointment
    appointment.status, appointment.cancelled_at = (
        AppointmentStatus.CANCELLED,
        now or timezone.now(),
    )
    appointment.save(update_fields=["status", "cancelled_at"])
    AppointmentSlot.objects.filter(pk=appointment.slot_id).update(
        booked=F("booked") - 1
    )
    audit_record(
        verb="appointments.cancelled",
        organisation=appointment.organisation,
        target=appointment,
    )
    return appointment


@transaction.atomic
def appointment_check_in(
    *, organisation, code: str, now: datetime | None = None
) -> Appointment:
    """Mark a booking for today as arrived (at the kiosk), or refuse saying why."""
    now = now or timezone.now()
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("slot")
        .filter(
            organisation=organisation,
            code=code.strip().upper(),
            status=AppointmentStatus.BOOKED,
        )
        .first()
    )
    if appointment is None:
        raise ServiceError(AppointmentError.NOT_FOUND, field="code")
    if appointment.slot.day != timezone.localdate(now):
        raise ServiceError(
            AppointmentError.WRONG_DAY, field="code", day=appointment.slot.day
        )
    appointment.status, appointment.checked_in_at = AppointmentStatus.CHECKED_IN, now
    appointment.save(update_fields=["status", "checked_in_at"])
    audit_record(
        verb="appointments.checked_in", organisation=organisation, target=appointment
    )
    return appointment

"""Making slots; booking, cancelling and checking in. One transaction and audit event each."""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from onestop.appointments.errors import AppointmentError
from onestop.appointments.models import Appointment, AppointmentSlot, AppointmentStatus
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.compute.workdays import CalendarNotCovered
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for
from onestop.posts.models import WindowType

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


def slot_times_parse(text: str) -> list[tuple[time, time]]:
    """``09:00-10:00, 10:00-11:00`` → pairs of times, or a refusal quoting the text."""
    try:
        pairs = [
            tuple(time.fromisoformat(t.strip()) for t in part.split("-"))
            for part in text.split(",")
            if part.strip()
        ]
    except ValueError:
        pairs = []
    if not pairs or any(len(p) != 2 or p[0] >= p[1] for p in pairs):
        raise ServiceError(AppointmentError.TIMES_INVALID, field="times", times=text)
    return [(start, end) for start, end in pairs]


def working_days_ahead(
    *, organisation: Organisation, count: int, after: date
) -> list[date]:
    """The next ``count`` working days after ``after`` on the organisation's calendar."""
    calendar = work_calendar_for(organisation)
    days, day = [], after
    try:
        while len(days) < count:
            day += timedelta(days=1)
            if calendar.is_workday(day):
                days.append(day)
    except CalendarNotCovered as gap:
        raise ServiceError(
            AppointmentError.CALENDAR_NOT_COVERED, field="days", detail=str(gap)
        ) from None
    return days


@transaction.atomic
def slots_generate(
    *,
    organisation: Organisation,
    window_type: WindowType,
    days: list[date],
    times: list[tuple[time, time]],
    capacity: int,
    actor: Any = None,
) -> int:
    """Make the slots of ``times`` on each of ``days``, keeping those that exist; count the new."""
    if capacity < 1:
        raise ServiceError(AppointmentError.CAPACITY_INVALID, field="capacity")
    if window_type.organisation_id != organisation.pk:
        raise ServiceError(AppointmentError.NOT_FOUND, field="window_type")
    existing = set(
        AppointmentSlot.objects.filter(
            organisation=organisation, window_type=window_type, day__in=days
        ).values_list("day", "start")
    )
    new = [
        AppointmentSlot(
            organisation=organisation,
            window_type=window_type,
            day=day,
            start=start,
            end=end,
            capacity=capacity,
        )
        for day in days
        for start, end in times
        if (day, start) not in existing
    ]
    AppointmentSlot.objects.bulk_create(new)
    audit_record(
        verb="appointments.slots_generated",
        actor=actor,
        organisation=organisation,
        target=window_type,
        data={"days": [d.isoformat() for d in days], "created": len(new)},
    )
    return len(new)

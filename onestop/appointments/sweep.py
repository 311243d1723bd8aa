"""The reminder sweep: one SMS the afternoon before each appointment.

When: from 16:00 on the calendar day before the appointment (the evening
before is when people plan the next day, and an SMS gateway needs no office
hours). A sweep that runs late — the server was down — still reminds on the
day itself, as long as the appointment has not begun. Who: live bookings
made *before* that 16:00; someone who booked later has just seen the
confirmation page and needs no reminder. Each booking is reminded at most
once: ``reminded_at`` is set in the same transaction that queues the SMS,
which is sent once that transaction commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from onestop.appointments.models import Appointment, AppointmentStatus
from onestop.common.audit import audit_record
from onestop.notifications.sms import sms_backend

REMINDER_TIME = time(16, 0)
logger = logging.getLogger(__name__)


@dataclass
class ReminderReport:
    sent: int = 0

    def __str__(self) -> str:
        return f"{self.sent} reminded" if self.sent else ""


def reminder_moment(appointment: Appointment) -> datetime:
    """16:00 local time on the calendar day before the appointment."""
    day_before = appointment.slot.day - timedelta(days=1)
    return timezone.make_aware(datetime.combine(day_before, REMINDER_TIME))


def _starts_at(appointment: Appointment) -> datetime:
    return timezone.make_aware(
        datetime.combine(appointment.slot.day, appointment.slot.start)
    )


def is_due(appointment: Appointment, now: datetime) -> bool:
    moment = reminder_moment(appointment)
    return moment <= now < _starts_at(appointment) and appointment.booked_at < moment


def _candidates(now: datetime) -> list[int]:
    today = timezone.localdate(now)
    appointments = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        reminded_at__isnull=True,
        slot__day__in=[today, today + timedelta(days=1)],
    ).select_related("slot")
    return [a.pk for a in appointments if is_due(a, now)]


def reminder_text(appointment: Appointment) -> str:
    slot = appointment.slot
    return _(
        "%(organisation)s: reminder of your appointment on %(day)s, %(start)s–%(end)s, "
        "%(window)s, booking code %(code)s. If you cannot come, please cancel it."
    ) % {
        "organisation": appointment.organisation.short_name,
        "day": slot.day.strftime("%Y-%m-%d"),
        "start": slot.start.strftime("%H:%M"),
        "end": slot.end.strftime("%H:%M"),
        "window": slot.window_type.name,
        "code": appointment.code,
    }


def _send(code: str, phone: str, text: str) -> None:
    try:
        sms_backend().send(phone, text)
    except Exception:  # a gateway's failure must not stop the other reminders
        logger.warning(
            "appointment reminder %s: SMS not delivered", code, exc_info=True
        )


def _remind(appointment_id: int, now: datetime) -> bool:
    with transaction.atomic():
        appointment = (
            Appointment.objects.select_for_update(of=("self",))
            .select_related("slot__window_type", "organisation")
            .get(pk=appointment_id)
        )
        if appointment.reminded_at is not None or not is_due(appointment, now):
            return False  # reminded or cancelled since the query
        if appointment.status != AppointmentStatus.BOOKED:
            return False
        appointment.reminded_at = now
        appointment.save(update_fields=["reminded_at"])
        audit_record(
            verb="appointments.reminded",
            organisation=appointment.organisation,
            target=appointment,
        )
        code, phone, text = (
            appointment.code,
            appointment.phone,
            reminder_text(appointment),
        )
        transaction.on_commit(lambda: _send(code, phone, text))
        return True


def reminders_sweep(*, now: datetime | None = None) -> ReminderReport:
    """Send each due reminder once. Safe to run as often as liked."""
    now = now or timezone.now()
    report = ReminderReport()
    with translation.override(settings.LANGUAGE_CODE):
        for appointment_id in _candidates(now):
            report.sent += _remind(appointment_id, now)
    return report

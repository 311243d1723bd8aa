"""The reminder sweep: one SMS from 16:00 the day before, to those who booked before then."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.test import override_settings

from onestop.appointments.models import AppointmentSlot
from onestop.appointments.services import appointment_book, appointment_cancel
from onestop.appointments.sweep import reminders_sweep
from onestop.common.sweeps import sweeps_run
from onestop.common.testing import OneStopTestCase
from onestop.notifications.sms import LocmemBackend

SH = ZoneInfo("Asia/Shanghai")
BOOKED_AT = datetime(2026, 9, 28, 10, 0, tzinfo=SH)
DAY_BEFORE_1559 = datetime(2026, 9, 28, 15, 59, tzinfo=SH)
DAY_BEFORE_1600 = datetime(2026, 9, 28, 16, 0, tzinfo=SH)


@override_settings(SMS_BACKEND="onestop.notifications.sms.LocmemBackend")
class ReminderTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.slot = AppointmentSlot.objects.create(
            organisation=cls.tax,
            window_type=cls.tax_structure["window_type"],
            day=date(2026, 9, 29),
            start=time(9, 0),
            end=time(10, 0),
            capacity=5,
        )

    def setUp(self) -> None:
        LocmemBackend.outbox.clear()
        self.appointment = appointment_book(
            slot=self.slot, name="李雷", phone="13812345678", now=BOOKED_AT
        )

    def sweep(self, now: datetime) -> str:
        with self.captureOnCommitCallbacks(execute=True):
            return str(reminders_sweep(now=now))

    def test_nothing_is_sent_before_four_the_day_before(self) -> None:
        self.assertEqual(self.sweep(DAY_BEFORE_1559), "")
        self.assertEqual(LocmemBackend.outbox, [])

    def test_one_sms_from_four_the_day_before_and_never_twice(self) -> None:
        self.assertEqual(self.sweep(DAY_BEFORE_1600), "1 reminded")
        self.assertEqual(self.sweep(datetime(2026, 9, 28, 18, 0, tzinfo=SH)), "")
        self.assertEqual(len(LocmemBackend.outbox), 1)
        message = LocmemBackend.outbox[0]
        self.assertEqual(message["to"], "13812345678")
        self.assertIn(self.appointment.code, message["text"])
        self.assertIn("2026-09-29", message["text"])
        self.assertIn("09:00", message["text"])
        self.appointment.refresh_from_db()
        self.assertEqual(self.appointment.reminded_at, DAY_BEFORE_1600)

    def test_the_text_is_in_chinese(self) -> None:
        self.sweep(DAY_BEFORE_1600)
        self.assertIn("预约提醒", LocmemBackend.outbox[0]["text"])

    def test_a_late_sweep_still_reminds_before_the_appointment_begins(self) -> None:
        self.assertEqual(
            self.sweep(datetime(2026, 9, 29, 8, 0, tzinfo=SH)), "1 reminded"
        )
        self.assertEqual(self.sweep(datetime(2026, 9, 29, 9, 0, tzinfo=SH)), "")

    def test_too_late_once_it_has_begun(self) -> None:
        self.assertEqual(self.sweep(datetime(2026, 9, 29, 9, 0, tzinfo=SH)), "")
        self.assertEqual(LocmemBackend.outbox, [])

    def test_who_booked_after_four_needs_no_reminder(self) -> None:
        appointment_cancel(appointment=self.appointment, now=BOOKED_AT)
        appointment_book(
            slot=self.slot,
            name="韩梅梅",
            phone="13900000000",
            now=datetime(2026, 9, 28, 17, 0, tzinfo=SH),
        )
        self.assertEqual(self.sweep(datetime(2026, 9, 28, 18, 0, tzinfo=SH)), "")

    def test_a_cancelled_booking_is_not_reminded(self) -> None:
        appointment_cancel(appointment=self.appointment, now=BOOKED_AT)
        self.assertEqual(self.sweep(DAY_BEFORE_1600), "")
        self.assertEqual(LocmemBackend.outbox, [])

    def test_the_sweep_command_runs_it(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            reports = dict(sweeps_run(now=DAY_BEFORE_1600))
        self.assertEqual(reports["reminders_sweep"], "1 reminded")

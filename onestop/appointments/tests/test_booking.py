"""Booking a time at the windows: the services' rules, the public pages, the hall's list."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from onestop.appointments.errors import AppointmentError
from onestop.appointments.models import Appointment, AppointmentSlot, AppointmentStatus
from onestop.appointments.services import (
    appointment_book,
    appointment_cancel,
    slot_times_parse,
    slots_generate,
    working_days_ahead,
)
from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase, make_item

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 9, 28, 10, 0, tzinfo=SH)  # a Monday, before the National Day week


class SlotFixture(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.general = cls.tax_structure["window_type"]
        cls.slot = AppointmentSlot.objects.create(
            organisation=cls.tax,
            window_type=cls.general,
            day=date(2026, 9, 29),
            start=time(9, 0),
            end=time(10, 0),
            capacity=2,
        )
        cls.invoice = make_item(cls.tax, cls.tax_structure, code="FP-01")

    def setUp(self) -> None:
        cache.clear()

    def book(self, phone: str = "13812345678", slot: Any = None, **kw: Any) -> Any:
        return appointment_book(
            slot=slot or self.slot, name="李雷", phone=phone, now=NOW, **kw
        )

    def refusal(self, **kw: Any) -> ServiceError:
        with self.assertRaises(ServiceError) as raised:
            self.book(**kw)
        return raised.exception


class BookingRuleTests(SlotFixture):
    def test_a_booking_takes_a_place_and_gets_a_code_and_a_token(self) -> None:
        appointment = self.book()
        self.slot.refresh_from_db()
        self.assertEqual(self.slot.booked, 1)
        self.assertRegex(appointment.code, r"^[2-9A-HJKMNP-Z]{6}$")
        self.assertGreaterEqual(len(appointment.token), 40)

    def test_the_same_phone_cannot_book_the_same_slot_twice(self) -> None:
        self.book()
        error = self.refusal()
        self.assertIs(error.code, AppointmentError.ALREADY_BOOKED)
        self.slot.refresh_from_db()
        self.assertEqual(self.slot.booked, 1)  # the refused attempt gave its place back

    def test_a_full_slot_is_refused(self) -> None:
        self.book("13800000001")
        self.book("13800000002")
        self.assertIs(
            self.refusal(phone="13800000003").code, AppointmentError.SLOT_FULL
        )

    def test_cancelling_frees_the_place_for_someone_else(self) -> None:
        first = self.book("13800000001")
        self.book("13800000002")
        appointment_cancel(appointment=first, now=NOW)
        self.slot.refresh_from_db()
        self.assertEqual(self.slot.booked, 1)
        self.book("13800000003")
        self.slot.refresh_from_db()
        self.assertEqual(self.slot.booked, 2)

    def test_the_same_phone_may_book_again_after_cancelling(self) -> None:
        appointment_cancel(appointment=self.book(), now=NOW)
        self.assertEqual(self.book().status, AppointmentStatus.BOOKED)

    def test_a_past_slot_is_refused(self) -> None:
        past = AppointmentSlot.objects.create(
            organisation=self.tax,
            window_type=self.general,
            day=date(2026, 9, 28),
            start=time(9, 0),
            end=time(10, 0),
            capacity=5,
        )
        self.assertIs(self.refusal(slot=past).code, AppointmentError.SLOT_PAST)


class SlotMakingTests(SlotFixture):
    def test_the_next_working_days_skip_the_national_day_week(self) -> None:
        # 2026: 1–7 October are holidays, Saturday 10 October is a make-up working day.
        days = working_days_ahead(organisation=self.tax, count=5, after=NOW.date())
        self.assertEqual(
            days,
            [
                date(2026, 9, 29),
                date(2026, 9, 30),
                date(2026, 10, 8),
                date(2026, 10, 9),
                date(2026, 10, 10),
            ],
        )

    def test_slots_are_made_once_and_existing_ones_are_kept(self) -> None:
        days = [date(2026, 9, 29), date(2026, 9, 30)]
        times = slot_times_parse("09:00-10:00, 10:00-11:00")
        made = slots_generate(
            organisation=self.tax,
            window_type=self.general,
            days=days,
            times=times,
            capacity=4,
        )
        self.assertEqual(made, 3)  # 29 Sep 09:00 already existed
        self.slot.refresh_from_db()
        self.assertEqual(self.slot.capacity, 2)
        again = slots_generate(
            organisation=self.tax,
            window_type=self.general,
            days=days,
            times=times,
            capacity=4,
        )
        self.assertEqual(again, 0)

    def test_bad_times_are_refused_quoting_them(self) -> None:
        for text in ("9-10", "10:00-09:00", ""):
            with self.subTest(text=text), self.assertRaises(ServiceError) as raised:
                slot_times_parse(text)
            self.assertIs(raised.exception.code, AppointmentError.TIMES_INVALID)

    def test_another_organisations_window_type_is_refused(self) -> None:
        with self.assertRaises(ServiceError):
            slots_generate(
                organisation=self.tax,
                window_type=self.uni_structure["window_type"],
                days=[date(2026, 9, 29)],
                times=[(time(9), time(10))],
                capacity=1,
            )

    @time_machine.travel(NOW, tick=False)
    def test_the_command_opens_slots_for_working_days(self) -> None:
        call_command(
            "appointment_slots",
            "tax",
            "GEN",
            "--days",
            "3",
            "--times",
            "14:00-15:00",
            "--capacity",
            "6",
            stdout=open("/dev/null", "w"),  # noqa: SIM115
        )
        made = AppointmentSlot.objects.filter(start=time(14, 0)).order_by("day")
        self.assertEqual(
            [(s.day, s.capacity) for s in made],
            [(date(2026, 9, 29), 6), (date(2026, 9, 30), 6), (date(2026, 10, 8), 6)],
        )


@time_machine.travel(NOW, tick=False)
class PublicBookingPageTests(SlotFixture):
    def booking_post(self, **overrides: Any) -> dict[str, Any]:
        return {"name": "李雷", "phone": "138 1234 5678", "item": "", **overrides}

    def test_the_start_page_offers_window_types_then_days_with_free_places(
        self,
    ) -> None:
        url = reverse("appointments_public", args=["tax"])
        self.assertContains(self.client.get(url), "综合服务")
        page = self.client.get(url, {"type": "GEN"})
        self.assertContains(page, "2026-09-29")
        self.assertContains(page, "09:00–10:00")
        self.assertContains(
            page, reverse("appointment_book", args=["tax", self.slot.pk])
        )
        english = self.client.get(url, {"type": "GEN"}, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(english, "2 places left")

    def test_a_full_slot_is_shown_without_a_link(self) -> None:
        AppointmentSlot.objects.filter(pk=self.slot.pk).update(booked=2)
        url = reverse("appointments_public", args=["tax"])
        page = self.client.get(url, {"type": "GEN"}, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Fully booked")
        self.assertNotContains(
            page, reverse("appointment_book", args=["tax", self.slot.pk])
        )

    def test_booking_leads_to_a_confirmation_with_the_code(self) -> None:
        url = reverse("appointment_book", args=["tax", self.slot.pk])
        response = self.client.post(url, self.booking_post(item=self.invoice.pk))
        appointment = Appointment.objects.get()
        self.assertRedirects(
            response, reverse("appointment", args=["tax", appointment.token])
        )
        self.assertEqual(appointment.phone, "13812345678")
        self.assertEqual(appointment.item, self.invoice)
        page = self.client.get(response["Location"])
        self.assertContains(page, appointment.code)
        self.assertContains(page, "138****5678")
        self.assertNotContains(page, "13812345678")
        self.assertNotIn("1381234", response["Location"])

    def test_a_refusal_is_shown_in_chinese_and_english(self) -> None:
        url = reverse("appointment_book", args=["tax", self.slot.pk])
        self.client.post(url, self.booking_post())
        again = self.client.post(url, self.booking_post(), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(
            again, "This phone number already holds a booking for this time."
        )
        cache.clear()
        chinese = self.client.post(url, self.booking_post())
        self.assertContains(chinese, "该手机号已预约此时段")
        self.assertEqual(Appointment.objects.count(), 1)

    def test_cancelling_needs_a_post_with_the_token(self) -> None:
        appointment = self.book()
        cancel = reverse("appointment_cancel", args=["tax", appointment.token])
        self.assertEqual(self.client.get(cancel).status_code, 405)
        csrf_client = Client(enforce_csrf_checks=True)
        self.assertEqual(csrf_client.post(cancel).status_code, 403)
        response = self.client.post(cancel)
        self.assertRedirects(
            response, reverse("appointment", args=["tax", appointment.token])
        )
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, AppointmentStatus.CANCELLED)
        self.slot.refresh_from_db()
        self.assertEqual(self.slot.booked, 0)

    def test_a_wrong_token_or_organisation_is_not_found(self) -> None:
        appointment = self.book()
        for slug, token in (("tax", "nope" * 10), ("uni", appointment.token)):
            with self.subTest(slug=slug):
                cancel = reverse("appointment_cancel", args=[slug, token])
                self.assertEqual(self.client.post(cancel).status_code, 404)
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, AppointmentStatus.BOOKED)

    def test_another_organisations_slot_is_not_found(self) -> None:
        url = reverse("appointment_book", args=["uni", self.slot.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_past_slot_cannot_be_opened(self) -> None:
        with time_machine.travel("2026-09-29 09:30 +0800", tick=False):
            url = reverse("appointment_book", args=["tax", self.slot.pk])
            self.assertEqual(self.client.get(url).status_code, 404)

    def test_booking_is_rate_limited_per_address(self) -> None:
        url = reverse("appointment_book", args=["tax", self.slot.pk])
        limit, _window = settings.ONESTOP_RATE_LIMITS["appointment_book"]
        for n in range(limit):
            response = self.client.post(
                url, self.booking_post(phone=f"139000000{n:02d}")
            )
            self.assertNotEqual(response.status_code, 429)
        refused = self.client.post(url, self.booking_post(phone="13900000099"))
        self.assertEqual(refused.status_code, 429)
        self.assertContains(refused, "尝试次数过多", status_code=429)


@time_machine.travel(NOW, tick=False)
class HallPageTests(SlotFixture):
    def test_the_clerk_sees_the_bookings_masked(self) -> None:
        self.book()
        self.login(self.tax_clerk)
        page = self.client.get(reverse("staff:appointments"))
        self.assertContains(page, "李雷")
        self.assertContains(page, "138****5678")
        self.assertNotContains(page, "13812345678")
        self.assertNotContains(page, "Make the slots")  # clerks do not open slots

    def test_another_organisation_sees_none_of_them(self) -> None:
        self.book()
        self.login(self.uni_clerk)
        page = self.client.get(reverse("staff:appointments"))
        self.assertNotContains(page, "李雷")
        self.assertNotContains(page, f'data-slot="{self.slot.pk}"')

    def test_someone_allowed_to_open_slots_can_do_it_from_the_page(self) -> None:
        Group.objects.get(name="administrator").permissions.add(
            Permission.objects.get(codename="add_appointmentslot")
        )
        self.login(self.tax_admin)
        response = self.client.post(
            reverse("staff:appointments"),
            {
                "window_type": self.general.pk,
                "days": 2,
                "times": "15:00-16:00",
                "capacity": 3,
            },
        )
        self.assertRedirects(response, reverse("staff:appointments"))
        self.assertEqual(AppointmentSlot.objects.filter(start=time(15)).count(), 2)

    def test_a_clerk_cannot_open_slots_by_posting(self) -> None:
        self.login(self.tax_clerk)
        response = self.client.post(
            reverse("staff:appointments"),
            {
                "window_type": self.general.pk,
                "days": 2,
                "times": "15:00-16:00",
                "capacity": 3,
            },
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(AppointmentSlot.objects.filter(start=time(15)).exists())

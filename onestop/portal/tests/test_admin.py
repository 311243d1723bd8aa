"""The admin lists online applications and bookings read-only, without links to the files."""

from __future__ import annotations

from datetime import date, time

from django.urls import reverse

from onestop.appointments.models import AppointmentSlot
from onestop.appointments.services import appointment_book
from onestop.common.testing import make_user
from onestop.portal.models import OnlineApplication
from onestop.portal.testing import PortalTestCase, application_post


class AdminPagesTests(PortalTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.post(
            reverse("online_apply", args=["tax", "DJ-ZX"]), application_post()
        )
        self.application = OnlineApplication.objects.get()
        slot = AppointmentSlot.objects.create(
            organisation=self.tax,
            window_type=self.tax_structure["window_type"],
            day=date(2099, 1, 5),
            start=time(9),
            end=time(10),
            capacity=2,
        )
        self.appointment = appointment_book(slot=slot, name="李雷", phone="13812345678")
        self.slot = slot
        self.operator = make_user("operator", staff=True, is_superuser=True)
        self.login(self.operator)

    def test_the_application_page_masks_the_phone_and_links_no_file(self) -> None:
        page = self.client.get(
            reverse("admin:portal_onlineapplication_change", args=[self.application.pk])
        )
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "138****5678")
        self.assertNotContains(page, "13812345678")
        self.assertNotContains(page, "uploads/")
        self.assertContains(page, "申请表.pdf")

    def test_the_lists_open(self) -> None:
        for name in (
            "admin:portal_onlineapplication_changelist",
            "admin:appointments_appointment_changelist",
            "admin:appointments_appointmentslot_changelist",
        ):
            with self.subTest(name=name):
                page = self.client.get(reverse(name))
                self.assertEqual(page.status_code, 200)
                self.assertNotContains(page, "13812345678")

    def test_capacity_cannot_go_below_the_places_booked(self) -> None:
        url = reverse("admin:appointments_appointmentslot_change", args=[self.slot.pk])
        response = self.client.post(
            url,
            {
                "organisation": self.tax.pk,
                "window_type": self.slot.window_type_id,
                "day": "2099-01-05",
                "start": "09:00",
                "end": "10:00",
                "capacity": 0,
            },
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(
            response, "Already booked: 1. Keep at least that many places."
        )
        self.slot.refresh_from_db()
        self.assertEqual(self.slot.capacity, 2)

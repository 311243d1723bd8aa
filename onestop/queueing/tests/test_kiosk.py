"""The kiosk: a number for a category, or a booking checked in; CSRF and rate limits."""

from __future__ import annotations

from typing import Any

import time_machine
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from onestop.common.testing import OneStopTestCase
from onestop.queueing.models import Priority, Ticket
from onestop.queueing.services import ticket_take
from onestop.queueing.testing import booking, populate_hall

NOW = "2026-09-28 09:00 +0800"


@time_machine.travel(NOW, tick=False)
class KioskTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_hall(cls)

    def setUp(self) -> None:
        cache.clear()  # the rate-limit counters

    def take(self, **data: object) -> Any:
        return self.client.post(reverse("queue_kiosk_take", args=["tax"]), data)

    def test_the_kiosk_offers_a_button_per_category_in_a_csrf_form(self) -> None:
        response = self.client.get(reverse("queue_kiosk", args=["tax"]))
        self.assertContains(response, f'name="category" value="{self.cat_a.pk}"')
        self.assertContains(response, f'name="category" value="{self.cat_b.pk}"')
        self.assertContains(response, "csrfmiddlewaretoken", count=2)
        self.assertNotContains(response, "宿舍报修")  # the university's category

    def test_taking_a_number_shows_it_and_how_many_are_ahead(self) -> None:
        for _ in range(2):
            ticket_take(organisation=self.tax, category=self.cat_a)
        response = self.take(category=self.cat_a.pk, priority="normal")
        ticket = Ticket.objects.latest("id")
        self.assertEqual(ticket.number, "A003")
        page = self.client.get(response.url)
        self.assertContains(page, "A003")
        self.assertContains(page, 'data-ahead="2"')

    def test_an_elderly_visitor_goes_ahead_of_those_waiting(self) -> None:
        for _ in range(2):
            ticket_take(organisation=self.tax, category=self.cat_a)
        response = self.take(category=self.cat_a.pk, priority=Priority.ELDERLY)
        self.assertContains(self.client.get(response.url), 'data-ahead="0"')
        self.assertEqual(Ticket.objects.latest("id").priority, "elderly")

    def test_the_ticket_page_is_not_reached_by_id_or_through_another_organisation(
        self,
    ) -> None:
        response = self.take(category=self.cat_a.pk, priority="normal")
        url: str = response.url
        self.assertEqual(self.client.get(url).status_code, 200)
        ticket = Ticket.objects.get()
        by_id = reverse("queue_kiosk_ticket", args=["tax", str(ticket.pk)])
        self.assertEqual(self.client.get(by_id).status_code, 404)
        elsewhere = url.replace("/o/tax/", "/o/uni/")
        self.assertEqual(self.client.get(elsewhere).status_code, 404)

    def test_a_post_without_the_csrf_token_is_refused(self) -> None:
        strict = Client(enforce_csrf_checks=True)
        response = strict.post(
            reverse("queue_kiosk_take", args=["tax"]),
            {"category": self.cat_a.pk, "priority": "normal"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Ticket.objects.exists())

    def test_another_organisations_category_is_not_found(self) -> None:
        response = self.take(category=self.uni_cat.pk, priority="normal")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Ticket.objects.exists())

    def test_checking_in_a_booking_issues_its_number_without_the_code_in_the_address(
        self,
    ) -> None:
        appointment = booking(self)
        response = self.client.post(
            reverse("queue_kiosk_check_in", args=["tax"]), {"code": appointment.code}
        )
        ticket = Ticket.objects.get()
        self.assertEqual(ticket.appointment, appointment)
        self.assertNotIn(appointment.code, response.url)
        page = self.client.get(response.url)
        self.assertContains(page, ticket.number)
        self.assertContains(page, "10:00")
        self.assertNotContains(page, appointment.name)
        self.assertNotContains(page, appointment.phone)

    def test_an_unknown_booking_code_is_refused_on_the_kiosk(self) -> None:
        response = self.client.post(
            reverse("queue_kiosk_check_in", args=["tax"]),
            {"code": "ZZZZZZ"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertContains(response, "No live booking has this code.", status_code=400)
        self.assertFalse(Ticket.objects.exists())

    @override_settings(ONESTOP_RATE_LIMITS={"queue_take": (2, 60)})
    def test_a_flood_of_numbers_from_one_client_is_stopped(self) -> None:
        codes = [
            self.take(category=self.cat_a.pk, priority="normal").status_code
            for _ in range(3)
        ]
        self.assertEqual(codes, [302, 302, 429])
        self.assertEqual(Ticket.objects.count(), 2)

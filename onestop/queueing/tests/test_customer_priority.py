"""The customer's service policy at the kiosk: a VIP's number joins the VIP group.

The visitor may give a phone or ID number "for priority service"; it is
looked up in the customer register and never kept, shown or logged.
"""

from __future__ import annotations

from typing import Any

import time_machine
from django.core.cache import cache
from django.urls import reverse

from onestop.common.models import AuditEvent
from onestop.common.testing import OneStopTestCase
from onestop.customers.models import ServicePolicy
from onestop.customers.testing import make_customer, make_vip_segment
from onestop.queueing.models import Priority, Ticket
from onestop.queueing.services import (
    ticket_call_next,
    ticket_for_appointment,
    ticket_take,
)
from onestop.queueing.testing import at, booking, populate_hall

NOW = "2026-09-28 09:00 +0800"
VIP_PHONE = "13812345678"
VIP_ID = "91350100M000100Y43"
PLAIN_PHONE = "13900001111"
UNKNOWN_PHONE = "13711112222"


@time_machine.travel(NOW, tick=False)
class CustomerPriorityTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_hall(cls)
        make_customer(
            cls.tax,
            name="长春市示例商贸有限公司",
            id_number=VIP_ID,
            phone=VIP_PHONE,
            attributes={"年纳税额": "1800000"},
        )
        make_customer(
            cls.tax, name="普通商贸", phone=PLAIN_PHONE, attributes={"年纳税额": "9"}
        )
        cls.vip_segment = make_vip_segment(cls.tax)

    def setUp(self) -> None:
        cache.clear()  # the rate-limit counters

    def take(self, **data: Any) -> Any:
        data.setdefault("category", self.cat_a.pk)
        data.setdefault("priority", Priority.NORMAL)
        return self.client.post(
            reverse("queue_kiosk_take", args=["tax"]),
            data,
            HTTP_ACCEPT_LANGUAGE="en",
        )

    def call_next(self) -> Ticket:
        return ticket_call_next(
            window=self.window_general, staff=self.tax_clerk, now=at(9, 5)
        )

    def test_a_vip_customers_ticket_is_called_before_an_earlier_normal_ticket(
        self,
    ) -> None:
        ticket_take(organisation=self.tax, category=self.cat_a, now=at(8, 50))
        response = self.take(customer_number=VIP_PHONE)
        vip = Ticket.objects.latest("id")
        self.assertEqual((vip.number, vip.priority), ("A002", Priority.VIP))
        self.assertEqual(vip.priority_segment, self.vip_segment)
        self.assertContains(self.client.get(response.url), 'data-ahead="0"')
        self.assertEqual(self.call_next(), vip)

    def test_an_id_number_typed_with_spaces_and_small_letters_finds_the_vip(
        self,
    ) -> None:
        self.take(customer_number="91350100m000 100y43")
        self.assertEqual(Ticket.objects.get().priority, Priority.VIP)

    def test_an_unknown_phone_or_a_customer_without_priority_gets_a_normal_ticket(
        self,
    ) -> None:
        for number in (UNKNOWN_PHONE, PLAIN_PHONE, ""):
            with self.subTest(number=number):
                self.assertEqual(self.take(customer_number=number).status_code, 302)
                ticket = Ticket.objects.latest("id")
                self.assertEqual(ticket.priority, Priority.NORMAL)
                self.assertIsNone(ticket.priority_segment)

    def test_a_policy_at_the_standard_priority_moves_no_one_ahead(self) -> None:
        ServicePolicy.objects.update(priority=5)
        self.take(customer_number=VIP_PHONE)
        self.assertEqual(Ticket.objects.get().priority, Priority.NORMAL)

    def test_the_number_is_neither_kept_on_the_ticket_nor_shown_nor_logged(
        self,
    ) -> None:
        response = self.take(customer_number=VIP_PHONE)
        self.assertNotIn(VIP_PHONE, response.url)
        ticket = Ticket.objects.get()
        for field in Ticket._meta.concrete_fields:
            with self.subTest(field=field.name):
                self.assertNotIn(VIP_PHONE, str(field.value_from_object(ticket)))
        page = self.client.get(response.url)
        self.assertNotContains(page, VIP_PHONE)
        self.assertNotContains(page, "5678")
        for event in AuditEvent.objects.all():
            self.assertNotIn(VIP_PHONE, str(event.data))
        self.assertEqual(
            AuditEvent.objects.get(verb="queueing.ticket_taken").data,
            {"priority": "vip", "priority_segment": "VIP纳税人"},
        )

    def test_a_bad_number_is_refused_without_being_written_back(self) -> None:
        response = self.take(customer_number="13812x!5678")
        self.assertContains(
            response,
            "Enter a phone or an ID number, or leave the box empty.",
            status_code=400,
        )
        self.assertNotContains(response, "13812X!5678", status_code=400)
        self.assertNotContains(response, "13812x!5678", status_code=400)
        self.assertFalse(Ticket.objects.exists())

    def test_the_kiosk_says_what_the_number_is_for_and_offers_no_vip_button(
        self,
    ) -> None:
        page = self.client.get(
            reverse("queue_kiosk", args=["tax"]), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(page, 'name="customer_number"')
        self.assertContains(page, "For priority service")
        self.assertNotContains(page, 'value="vip"')
        self.assertContains(page, 'value="elderly"')

    def test_the_elderly_and_disabled_group_stays_ahead_of_the_vips(self) -> None:
        vip = ticket_take(
            organisation=self.tax,
            category=self.cat_a,
            customer_number=VIP_PHONE,
            now=at(8, 50),
        )
        self.take(priority=Priority.ELDERLY)
        elderly = Ticket.objects.latest("id")
        self.assertEqual(self.call_next(), elderly)
        self.assertEqual(vip.priority, Priority.VIP)

    def test_an_elderly_vip_keeps_the_elderly_group(self) -> None:
        self.take(priority=Priority.ELDERLY, customer_number=VIP_PHONE)
        ticket = Ticket.objects.get()
        self.assertEqual(ticket.priority, Priority.ELDERLY)
        self.assertIsNone(ticket.priority_segment)

    def test_an_appointment_of_a_vip_checks_in_to_the_vip_group(self) -> None:
        ticket_take(organisation=self.tax, category=self.cat_a, now=at(8, 50))
        appointment = booking(self, phone=VIP_PHONE)  # its slot starts at 10:00
        ticket = ticket_for_appointment(
            organisation=self.tax, code=appointment.code, now=at(9, 0)
        )
        self.assertEqual(ticket.priority, Priority.VIP)
        self.assertEqual(ticket.priority_segment, self.vip_segment)
        self.assertEqual(self.call_next(), ticket)

    def test_an_appointment_of_an_unknown_phone_checks_in_as_normal(self) -> None:
        appointment = booking(self, phone=UNKNOWN_PHONE)
        ticket = ticket_for_appointment(
            organisation=self.tax, code=appointment.code, now=at(9, 0)
        )
        self.assertEqual(ticket.priority, Priority.NORMAL)
        self.assertIsNone(ticket.priority_segment)

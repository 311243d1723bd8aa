"""The calling rules: appointments due, priority groups, oldest first, window skills."""

from __future__ import annotations

from datetime import datetime, time

from onestop.appointments.models import AppointmentStatus
from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase
from onestop.posts.models import Window
from onestop.queueing.models import Priority, QueueCategory, Ticket, TicketStatus
from onestop.queueing.rules import PRIORITY_RANK, in_calling_order
from onestop.queueing.selectors import ticket_ahead
from onestop.queueing.services import (
    ticket_call_next,
    ticket_for_appointment,
    ticket_skip,
    ticket_take,
)
from onestop.queueing.testing import at, booking, populate_hall


class CallingTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_hall(cls)

    def take(
        self, category: QueueCategory, now: datetime, priority: str = Priority.NORMAL
    ) -> Ticket:
        return ticket_take(
            organisation=self.tax, category=category, priority=priority, now=now
        )

    def call(self, window: Window, now: datetime) -> Ticket:
        ticket = ticket_call_next(window=window, staff=self.tax_clerk, now=now)
        # Free the window for the next call, as "did not come" does.
        ticket_skip(ticket=ticket, window=window, staff=self.tax_clerk, now=now)
        return ticket

    def calls(self, window: Window, count: int, now: datetime) -> list[str]:
        return [self.call(window, now).number for _ in range(count)]

    def refusal(self, window: Window, now: datetime) -> str:
        with self.assertRaises(ServiceError) as refused:
            ticket_call_next(window=window, staff=self.tax_clerk, now=now)
        return refused.exception.code.code

    # --- Rule 1: appointments at their slot -------------------------------------------

    def test_an_appointment_goes_first_once_its_slot_has_started(self) -> None:
        self.take(self.cat_a, at(9, 0))  # A001, a walk-in who came early
        appointment = booking(self, start=time(10, 0))
        booked = ticket_for_appointment(
            organisation=self.tax, code=appointment.code, now=at(9, 30)
        )
        self.take(self.cat_a, at(9, 40))  # A003
        self.assertEqual(booked.number, "A002")
        self.assertEqual(booked.appointment_at, at(10, 0))

        self.assertEqual(
            self.calls(self.window_general, 3, at(10, 0)), ["A002", "A001", "A003"]
        )

    def test_before_its_slot_an_appointment_waits_like_anyone(self) -> None:
        self.take(self.cat_a, at(9, 0))
        appointment = booking(self, start=time(10, 0))
        ticket_for_appointment(
            organisation=self.tax, code=appointment.code, now=at(9, 30)
        )
        self.take(self.cat_a, at(9, 40))
        self.assertEqual(
            self.calls(self.window_general, 3, at(9, 45)), ["A001", "A002", "A003"]
        )

    def test_the_appointment_is_checked_in_and_the_ticket_says_so(self) -> None:
        appointment = booking(self)
        ticket = ticket_for_appointment(
            organisation=self.tax, code=appointment.code.lower(), now=at(9, 30)
        )
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, AppointmentStatus.CHECKED_IN)
        self.assertEqual(ticket.appointment, appointment)
        self.assertEqual(ticket.category, self.cat_a)

    def test_an_appointment_takes_the_queue_of_its_slots_window_type(self) -> None:
        appointment = booking(self, window_type=self.invoices)
        ticket = ticket_for_appointment(
            organisation=self.tax, code=appointment.code, now=at(9, 30)
        )
        self.assertEqual(ticket.number, "B001")

    def test_without_a_queue_for_the_slot_nothing_is_checked_in(self) -> None:
        self.cat_b.delete()
        appointment = booking(self, window_type=self.invoices)
        with self.assertRaises(ServiceError) as refused:
            ticket_for_appointment(
                organisation=self.tax, code=appointment.code, now=at(9, 30)
            )
        self.assertEqual(refused.exception.code.code, "no_category_for_appointment")
        appointment.refresh_from_db()
        self.assertEqual(appointment.status, AppointmentStatus.BOOKED)
        self.assertFalse(Ticket.objects.exists())

    def test_an_unknown_code_issues_nothing(self) -> None:
        with self.assertRaises(ServiceError) as refused:
            ticket_for_appointment(organisation=self.tax, code="ZZZZZZ", now=at(9, 30))
        self.assertEqual(refused.exception.code.code, "not_found")
        self.assertFalse(Ticket.objects.exists())

    # --- Rule 2: priority groups, then rule 3: oldest first ----------------------------

    def test_priority_groups_go_first_elderly_and_disabled_then_vip(self) -> None:
        self.take(self.cat_a, at(9, 0), Priority.NORMAL)  # A001
        self.take(self.cat_a, at(9, 1), Priority.VIP)  # A002
        self.take(self.cat_a, at(9, 2), Priority.DISABLED)  # A003
        self.take(self.cat_a, at(9, 3), Priority.ELDERLY)  # A004
        self.take(self.cat_a, at(9, 4), Priority.NORMAL)  # A005
        self.assertEqual(
            self.calls(self.window_general, 5, at(9, 10)),
            ["A003", "A004", "A002", "A001", "A005"],
        )

    def test_the_rank_table_is_the_documented_order(self) -> None:
        self.assertEqual(
            sorted(Priority.values, key=lambda p: (PRIORITY_RANK[p], p)),
            ["disabled", "elderly", "vip", "normal"],
        )
        self.assertEqual(PRIORITY_RANK["elderly"], PRIORITY_RANK["disabled"])

    def test_a_due_appointment_goes_before_the_priority_groups(self) -> None:
        self.take(self.cat_a, at(9, 0), Priority.ELDERLY)
        appointment = booking(self, start=time(10, 0))
        ticket_for_appointment(
            organisation=self.tax, code=appointment.code, now=at(9, 30)
        )
        self.assertEqual(
            self.calls(self.window_general, 2, at(10, 5)), ["A002", "A001"]
        )

    # --- Window skills -----------------------------------------------------------------

    def test_a_window_calls_only_the_categories_of_its_type(self) -> None:
        self.take(self.cat_a, at(9, 0))  # A001, oldest
        self.take(self.cat_b, at(9, 5))  # B001
        self.assertEqual(self.call(self.window_invoices, at(9, 10)).number, "B001")
        self.assertEqual(self.call(self.window_general, at(9, 10)).number, "A001")

    def test_an_all_round_window_takes_any_category_oldest_first(self) -> None:
        self.take(self.cat_b, at(9, 0))
        self.take(self.cat_a, at(9, 5))
        self.take(self.cat_b, at(9, 6))
        self.assertEqual(
            self.calls(self.window_all_round, 3, at(9, 10)), ["B001", "A001", "B002"]
        )

    def test_a_window_of_another_type_gets_nothing(self) -> None:
        self.take(self.cat_a, at(9, 0))
        self.assertEqual(
            self.refusal(self.window_invoices, at(9, 10)), "nobody_waiting"
        )
        self.assertEqual(Ticket.objects.get().status, TicketStatus.WAITING)

    def test_yesterdays_waiting_numbers_are_not_called_today(self) -> None:
        self.take(self.cat_a, at(16, 0, days=-1))
        self.assertEqual(self.refusal(self.window_general, at(9, 0)), "nobody_waiting")

    def test_another_organisations_numbers_are_never_called(self) -> None:
        ticket_take(organisation=self.uni, category=self.uni_cat, now=at(9))
        self.assertEqual(
            self.refusal(self.window_all_round, at(9, 10)), "nobody_waiting"
        )

    # --- The window ----------------------------------------------------------------------

    def test_calling_records_window_staff_and_time(self) -> None:
        self.take(self.cat_a, at(9, 0))
        ticket = ticket_call_next(
            window=self.window_general, staff=self.tax_clerk, now=at(9, 12)
        )
        ticket.refresh_from_db()
        self.assertEqual(ticket.status, TicketStatus.CALLED)
        self.assertEqual(ticket.window, self.window_general)
        self.assertEqual(ticket.staff, self.tax_clerk)
        self.assertEqual(
            (ticket.called_at, ticket.announced_at), (at(9, 12), at(9, 12))
        )

    def test_a_window_with_a_number_still_at_it_cannot_call_another(self) -> None:
        self.take(self.cat_a, at(9, 0))
        self.take(self.cat_a, at(9, 1))
        ticket_call_next(window=self.window_general, staff=self.tax_clerk, now=at(9, 5))
        self.assertEqual(self.refusal(self.window_general, at(9, 6)), "window_busy")
        self.assertEqual(Ticket.objects.filter(status="waiting").count(), 1)

    def test_a_closed_window_calls_nothing(self) -> None:
        self.take(self.cat_a, at(9, 0))
        Window.objects.filter(pk=self.window_general.pk).update(is_active=False)
        self.assertEqual(self.refusal(self.window_general, at(9, 5)), "window_closed")

    # --- What the kiosk tells the visitor ----------------------------------------------

    def test_the_numbers_ahead_are_those_the_rules_call_first(self) -> None:
        self.take(self.cat_a, at(9, 0))
        self.take(self.cat_a, at(9, 1), Priority.VIP)
        appointment = booking(self, start=time(9, 30))
        ticket_for_appointment(
            organisation=self.tax, code=appointment.code, now=at(9, 5)
        )
        self.take(self.cat_a, at(9, 10), Priority.ELDERLY)
        self.take(self.cat_a, at(9, 10), Priority.NORMAL)  # same second as the last
        self.take(self.cat_b, at(8, 0))  # another category: never ahead
        for now in (at(9, 20), at(9, 45)):  # before and after the slot starts
            waiting = Ticket.objects.filter(category=self.cat_a, status="waiting")
            order = list(in_calling_order(waiting, window=self.window_general, now=now))
            with self.subTest(now=now):
                self.assertEqual(
                    [ticket_ahead(ticket=t, now=now) for t in order],
                    list(range(len(order))),
                )
        self.assertEqual(
            [
                t.number
                for t in in_calling_order(
                    waiting, window=self.window_general, now=at(9, 45)
                )
            ],
            ["A003", "A004", "A002", "A001", "A005"],
        )

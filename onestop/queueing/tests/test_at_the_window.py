"""Recall, no-show, transfer, serving, and the times each ticket keeps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from onestop.cases.models import Case, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.common.errors import ServiceError
from onestop.common.models import AuditEvent
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake
from onestop.queueing import services
from onestop.queueing.models import Ticket, TicketStatus
from onestop.queueing.selectors import display_board, queue_day, serving_times
from onestop.queueing.testing import at, populate_hall

ALL_BROUGHT = [
    MaterialCheck(position=p, received=True, form="original", count=2)
    for p in (1, 2, 3)
]


class AtTheWindowTests(CaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_hall(cls)

    def setUp(self) -> None:
        self.clerk = self.tax_clerk
        self.window = self.window_general
        self.first = services.ticket_take(
            organisation=self.tax, category=self.cat_a, now=at(9, 0)
        )
        self.second = services.ticket_take(
            organisation=self.tax, category=self.cat_a, now=at(9, 3)
        )

    def call(self, now: datetime | None = None) -> Ticket:
        return services.ticket_call_next(
            window=self.window, staff=self.clerk, now=now or at(9, 12)
        )

    def refused(self, service: Callable[..., Ticket], **kwargs: Any) -> str:
        with self.assertRaises(ServiceError) as refusal:
            service(**kwargs)
        return refusal.exception.code.code

    def test_waiting_and_serving_times_are_kept_per_ticket(self) -> None:
        ticket = self.call(at(9, 12))
        services.ticket_start(
            ticket=ticket, window=self.window, staff=self.clerk, now=at(9, 13)
        )
        services.ticket_finish(
            ticket=ticket, window=self.window, staff=self.clerk, now=at(9, 25, 30)
        )
        ticket.refresh_from_db()
        self.assertEqual(ticket.status, TicketStatus.DONE)
        self.assertEqual(ticket.waiting_time, timedelta(minutes=12))
        self.assertEqual(ticket.serving_time, timedelta(minutes=12, seconds=30))

    def test_times_add_up_per_window_and_per_staff_member(self) -> None:
        for start, end in ((at(9, 12), at(9, 20)), (at(9, 21), at(9, 25))):
            ticket = self.call(start)
            services.ticket_start(
                ticket=ticket, window=self.window, staff=self.clerk, now=start
            )
            services.ticket_finish(
                ticket=ticket, window=self.window, staff=self.clerk, now=end
            )
        at_window = serving_times(Ticket.objects.filter(window=self.window))
        by_clerk = serving_times(Ticket.objects.filter(staff=self.clerk))
        # Waits: 12 min and 18 min; services: 8 min and 4 min.
        self.assertEqual(at_window, by_clerk)
        self.assertEqual(at_window.served, 2)
        self.assertEqual(at_window.average_wait, timedelta(minutes=15))
        self.assertEqual(at_window.average_service, timedelta(minutes=6))
        day = queue_day(organisation=self.tax, day=at(9).date())
        self.assertEqual((day.taken, day.served, day.waiting), (2, 2, 0))
        self.assertEqual(day.average_wait, timedelta(minutes=15))

    def test_a_recall_counts_and_puts_the_number_back_on_top_of_the_display(
        self,
    ) -> None:
        ticket = self.call(at(9, 12))
        b = services.ticket_take(
            organisation=self.tax, category=self.cat_b, now=at(9, 13)
        )
        services.ticket_call_next(
            window=self.window_invoices, staff=self.clerk, now=at(9, 14)
        )
        self.assertEqual(
            [
                c["number"]
                for c in display_board(organisation=self.tax, now=at(9, 15))["called"]
            ],
            [b.number, ticket.number],
        )
        services.ticket_recall(
            ticket=ticket, window=self.window, staff=self.clerk, now=at(9, 16)
        )
        ticket.refresh_from_db()
        self.assertEqual((ticket.recall_count, ticket.announced_at), (1, at(9, 16)))
        self.assertEqual(
            ticket.called_at, at(9, 12)
        )  # the wait ended at the first call
        board = display_board(organisation=self.tax, now=at(9, 17))
        self.assertEqual(board["called"][0]["number"], ticket.number)
        self.assertEqual(board["called"][0]["recalls"], 1)

    def test_a_number_that_did_not_come_frees_the_window(self) -> None:
        ticket = self.call()
        services.ticket_skip(
            ticket=ticket, window=self.window, staff=self.clerk, now=at(9, 14)
        )
        ticket.refresh_from_db()
        self.assertEqual(ticket.status, TicketStatus.NO_SHOW)
        self.assertEqual(self.call(at(9, 15)).pk, self.second.pk)

    def test_a_transfer_keeps_the_number_and_goes_first_at_the_other_window(
        self,
    ) -> None:
        ticket = self.call(at(9, 12))
        services.ticket_start(
            ticket=ticket, window=self.window, staff=self.clerk, now=at(9, 13)
        )
        older_b = services.ticket_take(
            organisation=self.tax, category=self.cat_b, now=at(8, 50)
        )
        copy = services.ticket_transfer(
            ticket=ticket,
            window=self.window,
            to_window=self.window_invoices,
            staff=self.clerk,
            now=at(9, 20),
        )
        ticket.refresh_from_db()
        self.assertEqual(ticket.status, TicketStatus.TRANSFERRED)
        self.assertEqual(ticket.serving_time, timedelta(minutes=7))
        self.assertEqual(copy.number, ticket.number)
        self.assertEqual(
            (copy.status, copy.window), (TicketStatus.WAITING, self.window_invoices)
        )
        self.assertEqual(copy.transferred_from, ticket)
        # The first window is free, and does not get the transferred number back.
        self.assertEqual(self.call(at(9, 21)).pk, self.second.pk)
        called = services.ticket_call_next(
            window=self.window_invoices, staff=self.clerk, now=at(9, 22)
        )
        self.assertEqual(called.pk, copy.pk)
        self.assertEqual(called.waiting_time, timedelta(minutes=2))
        self.assertEqual(Ticket.objects.get(pk=older_b.pk).status, TicketStatus.WAITING)
        # The visitor took one number, whatever the windows did with it.
        self.assertEqual(queue_day(organisation=self.tax, day=at(9).date()).taken, 3)

    def test_transfer_to_the_same_window_is_refused(self) -> None:
        ticket = self.call()
        code = self.refused(
            services.ticket_transfer,
            ticket=ticket,
            window=self.window,
            to_window=self.window,
            staff=self.clerk,
        )
        self.assertEqual(code, "transfer_same_window")

    def test_transfer_to_another_organisations_window_is_refused(self) -> None:
        ticket = self.call()
        code = self.refused(
            services.ticket_transfer,
            ticket=ticket,
            window=self.window,
            to_window=self.uni_structure["window"],
            staff=self.clerk,
        )
        self.assertEqual(code, "other_organisation")
        self.assertEqual(Ticket.objects.count(), 2)

    def test_actions_follow_the_state_table(self) -> None:
        ticket = self.call()
        self.assertEqual(
            self.refused(
                services.ticket_finish,
                ticket=ticket,
                window=self.window,
                staff=self.clerk,
            ),
            "not_allowed_in_state",
        )
        services.ticket_start(ticket=ticket, window=self.window, staff=self.clerk)
        for service in (
            services.ticket_recall,
            services.ticket_skip,
            services.ticket_start,
        ):
            with self.subTest(service=service.__name__):
                code = self.refused(
                    service, ticket=ticket, window=self.window, staff=self.clerk
                )
                self.assertEqual(code, "not_allowed_in_state")

    def test_a_ticket_is_worked_only_at_its_window(self) -> None:
        ticket = self.call()
        code = self.refused(
            services.ticket_recall,
            ticket=ticket,
            window=self.window_all_round,
            staff=self.clerk,
        )
        self.assertEqual(code, "not_at_this_window")

    def test_every_action_is_in_the_audit_trail(self) -> None:
        ticket = self.call()
        services.ticket_recall(ticket=ticket, window=self.window, staff=self.clerk)
        services.ticket_skip(ticket=ticket, window=self.window, staff=self.clerk)
        verbs = list(
            AuditEvent.objects.filter(
                target_id=str(ticket.pk), target_type="queueing.ticket"
            )
            .order_by("id")
            .values_list("verb", flat=True)
        )
        self.assertEqual(
            verbs,
            [
                "queueing.ticket_taken",
                "queueing.call",
                "queueing.recall",
                "queueing.skip",
            ],
        )

    # --- The case opened at the window ---------------------------------------------------

    def accepted_case(self) -> Case:
        return case_intake(
            actor=self.clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=ALL_BROUGHT,
            outcome=Outcome.ACCEPTED,
            now=at(9, 15),
        )

    def test_the_case_is_linked_once(self) -> None:
        ticket = self.call()
        services.ticket_start(ticket=ticket, window=self.window, staff=self.clerk)
        case = self.accepted_case()
        services.ticket_attach_case(ticket=ticket, case=case, actor=self.clerk)
        services.ticket_attach_case(
            ticket=ticket, case=case, actor=self.clerk
        )  # no change
        ticket.refresh_from_db()
        self.assertEqual(ticket.case, case)
        second_case = self.accepted_case()
        code = self.refused(
            services.ticket_attach_case, ticket=ticket, case=second_case
        )
        self.assertEqual(code, "case_already_linked")

    def test_a_waiting_ticket_takes_no_case(self) -> None:
        case = self.accepted_case()
        code = self.refused(services.ticket_attach_case, ticket=self.first, case=case)
        self.assertEqual(code, "not_allowed_in_state")

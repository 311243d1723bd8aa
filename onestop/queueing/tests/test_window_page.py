"""The window's calling panel, and the case opened at the window linked to its ticket."""

from __future__ import annotations

from typing import Any

import time_machine
from django.urls import reverse

from onestop.cases.models import Case
from onestop.cases.testing import CaseTestCase
from onestop.circulation.tests.test_pages import intake_post
from onestop.posts.models import Window
from onestop.queueing import services
from onestop.queueing.models import Ticket, TicketStatus
from onestop.queueing.testing import at, populate_hall

NOW = "2026-09-28 10:00 +0800"


@time_machine.travel(NOW, tick=False)
class WindowPageTests(CaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_hall(cls)

    def setUp(self) -> None:
        self.login(self.tax_clerk)
        self.ticket = services.ticket_take(
            organisation=self.tax, category=self.cat_a, now=at(9, 40)
        )

    def act(self, window: Window, action: str, **data: Any) -> Any:
        return self.client.post(
            reverse("staff:queue_window_act", args=[window.pk, action]), data
        )

    def serving(self, window: Window | None = None) -> Ticket:
        window = window or self.window_general
        ticket = services.ticket_call_next(window=window, staff=self.tax_clerk)
        return services.ticket_start(ticket=ticket, window=window, staff=self.tax_clerk)

    def test_the_window_chosen_is_remembered(self) -> None:
        choose = self.client.get(reverse("staff:queue_window"))
        self.assertContains(choose, 'data-window="3"')
        panel = reverse("staff:queue_window_panel", args=[self.window_general.pk])
        self.assertContains(self.client.get(panel), 'data-action="call"')
        self.assertRedirects(self.client.get(reverse("staff:queue_window")), panel)
        again = self.client.get(reverse("staff:queue_window") + "?change=1")
        self.assertEqual(again.status_code, 200)

    def test_call_recall_and_no_show_through_the_panel(self) -> None:
        self.act(self.window_general, "call")
        self.ticket.refresh_from_db()
        self.assertEqual(
            (self.ticket.status, self.ticket.window), ("called", self.window_general)
        )
        panel = self.client.get(
            reverse("staff:queue_window_panel", args=[self.window_general.pk])
        )
        self.assertContains(panel, 'data-ticket="A001"')
        self.act(self.window_general, "recall", ticket=self.ticket.pk)
        self.act(self.window_general, "skip", ticket=self.ticket.pk)
        self.ticket.refresh_from_db()
        self.assertEqual((self.ticket.recall_count, self.ticket.status), (1, "no_show"))

    def test_calling_with_nobody_waiting_says_so(self) -> None:
        response = self.act(self.window_invoices, "call")
        self.assertRedirects(
            response,
            reverse("staff:queue_window_panel", args=[self.window_invoices.pk]),
            fetch_redirect_response=False,
        )
        page = self.client.get(response.url)
        self.assertContains(
            page, "本窗口暂无等候号码。"
        )  # stored in the language of the call

    def test_start_serving_opens_the_intake_screen_for_this_ticket(self) -> None:
        self.act(self.window_general, "call")
        response = self.act(self.window_general, "start", ticket=self.ticket.pk)
        self.assertRedirects(
            response,
            f"{reverse('staff:intake')}?ticket={self.ticket.pk}",
            fetch_redirect_response=False,
        )
        self.ticket.refresh_from_db()
        self.assertEqual(self.ticket.status, TicketStatus.SERVING)
        self.assertEqual(self.ticket.served_from, at(10))

    def test_transfer_through_the_panel(self) -> None:
        self.act(self.window_general, "call")
        self.act(
            self.window_general,
            "transfer",
            ticket=self.ticket.pk,
            to_window=self.window_invoices.pk,
        )
        copy = Ticket.objects.get(transferred_from=self.ticket)
        self.assertEqual((copy.window, copy.status), (self.window_invoices, "waiting"))

    def test_an_unknown_action_is_not_found(self) -> None:
        self.assertEqual(self.act(self.window_general, "delete").status_code, 404)

    def test_a_get_changes_nothing(self) -> None:
        url = reverse("staff:queue_window_act", args=[self.window_general.pk, "call"])
        self.assertEqual(self.client.get(url).status_code, 405)
        self.ticket.refresh_from_db()
        self.assertEqual(self.ticket.status, TicketStatus.WAITING)

    def test_the_panel_needs_the_window_clerks_right(self) -> None:
        self.login(self.uni_technician)
        self.assertEqual(
            self.client.get(reverse("staff:queue_window")).status_code, 403
        )

    # --- The case opened at the window ---------------------------------------------------

    def intake(self, query: str = "", **overrides: Any) -> Any:
        url = reverse("staff:intake_form", args=["DJ-ZX"]) + query
        return self.client.post(url, intake_post("accepted", **overrides))

    def test_the_case_opened_at_the_window_is_linked_to_its_ticket(self) -> None:
        ticket = self.serving()
        form = self.client.get(
            reverse("staff:intake_form", args=["DJ-ZX"]) + f"?ticket={ticket.pk}"
        )
        self.assertContains(form, 'data-queue-ticket="A001"')
        self.assertContains(form, f'name="ticket" value="{ticket.pk}"')
        self.intake(f"?ticket={ticket.pk}")
        ticket.refresh_from_db()
        self.assertEqual(ticket.case, Case.objects.get())

    def test_the_ticket_in_the_form_alone_is_enough(self) -> None:
        ticket = self.serving()
        self.intake(ticket=ticket.pk)
        ticket.refresh_from_db()
        self.assertEqual(ticket.case, Case.objects.get())

    def test_without_a_ticket_named_the_clerks_ticket_at_the_window_is_linked(
        self,
    ) -> None:
        # Start serving → intake start page → pick the item: the address loses ?ticket=.
        ticket = self.serving()
        self.intake()
        ticket.refresh_from_db()
        self.assertEqual(ticket.case, Case.objects.get())

    def test_an_intake_by_a_clerk_with_no_ticket_links_nothing(self) -> None:
        self.intake()
        self.assertTrue(Case.objects.exists())
        self.assertFalse(Ticket.objects.filter(case__isnull=False).exists())

    def test_a_refused_intake_links_nothing(self) -> None:
        ticket = self.serving()
        self.intake(f"?ticket={ticket.pk}", applicant_phone="12345")
        ticket.refresh_from_db()
        self.assertIsNone(ticket.case)

    def test_a_link_that_cannot_be_made_leaves_the_case_standing(self) -> None:
        ticket = self.serving()
        self.intake(f"?ticket={ticket.pk}")
        response = self.intake(f"?ticket={ticket.pk}")  # the same visitor's second item
        self.assertEqual(Case.objects.count(), 2)
        ticket.refresh_from_db()
        self.assertEqual(ticket.case, Case.objects.order_by("id").first())
        page = self.client.get(response.url)
        self.assertContains(page, "已关联办件")

"""The hall display and its JSON, the big screen, and each organisation kept to itself."""

from __future__ import annotations

import json
import sys
from datetime import time
from types import SimpleNamespace
from typing import Any
from unittest import mock

import time_machine
from django.urls import reverse

from onestop.cases.models import Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.common.testing import make_item
from onestop.intake.checks import MaterialCheck
from onestop.intake.services import case_intake
from onestop.queueing import services
from onestop.queueing.selectors import satisfaction_figures
from onestop.queueing.testing import at, booking, populate_hall

NOW = "2026-09-28 10:00 +0800"
ALL_BROUGHT = [
    MaterialCheck(position=p, received=True, form="original", count=2)
    for p in (1, 2, 3)
]


class HallFixture(CaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        populate_hall(cls)
        cls.tax.commitments = "窗口受理，限时办结\n一次性告知，不让纳税人跑第二趟"
        cls.tax.save(update_fields=["commitments"])

    def take_and_call(
        self, window: Any, taken: Any, called: Any, category: Any = None
    ) -> Any:
        services.ticket_take(
            organisation=self.tax, category=category or self.cat_a, now=taken
        )
        return services.ticket_call_next(
            window=window, staff=self.tax_clerk, now=called
        )


@time_machine.travel(NOW, tick=False)
class DisplayTests(HallFixture):
    def board(self, slug: str = "tax") -> dict[str, Any]:
        response = self.client.get(reverse("queue_display_json", args=[slug]))
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertIn("no-cache", response["Cache-Control"])
        return json.loads(response.content)

    def test_the_json_holds_the_latest_calls_and_the_waiting_counts(self) -> None:
        self.take_and_call(self.window_general, at(9, 0), at(9, 10))
        self.take_and_call(self.window_invoices, at(9, 1), at(9, 20), self.cat_b)
        services.ticket_take(organisation=self.tax, category=self.cat_a, now=at(9, 30))
        board = self.board()
        self.assertEqual(set(board), {"day", "time", "called", "waiting"})
        self.assertEqual((board["day"], board["time"]), ("2026-09-28", "10:00"))
        self.assertEqual(
            board["called"],
            [
                {
                    "number": "B001",
                    "window": "3",
                    "recalls": 0,
                    "at": "2026-09-28T09:20:00+08:00",
                },
                {
                    "number": "A001",
                    "window": "2",
                    "recalls": 0,
                    "at": "2026-09-28T09:10:00+08:00",
                },
            ],
        )
        self.assertEqual(
            board["waiting"],
            [
                {"code": "A", "name": "综合业务", "waiting": 1},
                {"code": "B", "name": "发票业务", "waiting": 0},
            ],
        )

    def test_the_json_holds_no_personal_data(self) -> None:
        appointment = booking(self, start=time(9, 30))
        services.ticket_for_appointment(
            organisation=self.tax, code=appointment.code, now=at(9, 20)
        )
        services.ticket_call_next(
            window=self.window_general, staff=self.tax_clerk, now=at(9, 40)
        )
        text = self.client.get(
            reverse("queue_display_json", args=["tax"])
        ).content.decode()
        for personal in (
            appointment.name,
            appointment.phone,
            appointment.phone[-4:],
            appointment.code,
            self.tax_clerk.username,
        ):
            with self.subTest(personal=personal):
                self.assertNotIn(personal, text)
        self.assertIn("A001", text)

    def test_a_transferred_number_shows_once_at_its_new_window(self) -> None:
        ticket = self.take_and_call(self.window_general, at(9, 0), at(9, 10))
        copy = services.ticket_transfer(
            ticket=ticket,
            window=self.window_general,
            to_window=self.window_invoices,
            staff=self.tax_clerk,
            now=at(9, 15),
        )
        services.ticket_call_next(
            window=self.window_invoices, staff=self.tax_clerk, now=at(9, 16)
        )
        called = self.board()["called"]
        self.assertEqual(
            [(c["number"], c["window"]) for c in called], [(copy.number, "3")]
        )

    def test_the_page_works_without_javascript_and_loads_no_outside_script(
        self,
    ) -> None:
        self.take_and_call(self.window_general, at(9, 0), at(9, 10))
        response = self.client.get(reverse("queue_display", args=["tax"]))
        html = response.content.decode()
        self.assertIn(
            '<noscript><meta http-equiv="refresh" content="5"></noscript>', html
        )
        self.assertIn('id="latest-number">A001<', html)
        self.assertIn(
            f'data-display-url="{reverse("queue_display_json", args=["tax"])}"', html
        )
        self.assertIn('data-poll-ms="1000"', html)
        self.assertIn('<script src="/static/queueing/display.js"', html)
        self.assertNotIn("http://", html.replace("http-equiv", ""))
        self.assertNotIn("https://", html)

    def test_one_organisations_display_never_shows_anothers_numbers(self) -> None:
        self.take_and_call(self.window_general, at(9, 0), at(9, 10))
        services.ticket_take(organisation=self.tax, category=self.cat_a, now=at(9, 30))
        board = self.board("uni")
        self.assertEqual(board["called"], [])
        self.assertEqual(
            board["waiting"], [{"code": "A", "name": "宿舍报修", "waiting": 0}]
        )
        page = self.client.get(reverse("queue_display", args=["uni"])).content.decode()
        self.assertNotIn("A001", page)
        self.assertNotIn("综合业务", page)

    def test_an_unknown_organisation_has_no_display(self) -> None:
        self.assertEqual(
            self.client.get(reverse("queue_display_json", args=["nobody"])).status_code,
            404,
        )


@time_machine.travel(NOW, tick=False)
class BigScreenTests(HallFixture):
    def figures(self) -> Any:
        response = self.client.get(reverse("queue_screen", args=["tax"]))
        self.assertContains(response, '<meta http-equiv="refresh" content="20">')
        return response

    def test_todays_figures_and_the_commitments(self) -> None:
        first = self.take_and_call(self.window_general, at(9, 0), at(9, 10))
        services.ticket_start(
            ticket=first,
            window=self.window_general,
            staff=self.tax_clerk,
            now=at(9, 11),
        )
        services.ticket_finish(
            ticket=first,
            window=self.window_general,
            staff=self.tax_clerk,
            now=at(9, 20),
        )
        self.take_and_call(self.window_invoices, at(9, 0), at(9, 20), self.cat_b)
        services.ticket_take(organisation=self.tax, category=self.cat_a, now=at(9, 30))
        services.ticket_take(
            organisation=self.tax, category=self.cat_a, now=at(8, 0, days=-1)
        )
        case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=APPLICANT,
            checks=ALL_BROUGHT,
            outcome=Outcome.ACCEPTED,
            now=at(9, 15),
        )
        response = self.figures()
        figures = response.context["figures"]
        self.assertEqual(
            (figures.queue.taken, figures.queue.served, figures.queue.waiting),
            (3, 1, 1),
        )
        self.assertEqual(figures.queue.average_wait.total_seconds(), 15 * 60)
        self.assertEqual((figures.accepted_today, figures.completed_today), (1, 0))
        self.assertIsNone(figures.on_time_rate)
        self.assertContains(response, '<li data-figure="average-wait"><strong>15')
        self.assertContains(response, "一次性告知，不让纳税人跑第二趟")
        self.assertContains(response, "<li>窗口受理，限时办结</li>")

    def test_satisfaction_comes_from_the_ratings(self) -> None:
        stub = SimpleNamespace(
            satisfaction=mock.Mock(
                return_value=SimpleNamespace(count=4, satisfied=3, share=0.75)
            )
        )
        with mock.patch.dict(sys.modules, {"onestop.ratings.selectors": stub}):
            response = self.figures()
        self.assertContains(response, "75.0%")
        kwargs = stub.satisfaction.call_args.kwargs
        self.assertEqual(kwargs["organisation"], self.tax)
        self.assertEqual(
            (kwargs["start"].isoformat(), kwargs["end"].isoformat()),
            ("2026-09-01T00:00:00+08:00", "2026-09-29T00:00:00+08:00"),
        )

    def test_without_the_ratings_app_satisfaction_is_a_dash(self) -> None:
        with mock.patch.dict(sys.modules, {"onestop.ratings.selectors": None}):
            self.assertIsNone(
                satisfaction_figures(organisation=self.tax, start=at(0), end=at(23))
            )
            response = self.figures()
        self.assertContains(
            response, '<li data-figure="satisfaction"><strong>—</strong>'
        )


@time_machine.travel(NOW, tick=False)
class IsolationTests(HallFixture):
    """The university's clerk against the tax hall's windows and tickets: not found."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.uni_item = make_item(
            cls.uni, cls.uni_structure, code="U-1", name="宿舍报修"
        )

    def setUp(self) -> None:
        self.ticket = self.take_and_call(self.window_general, at(9, 0), at(9, 10))
        self.login(self.uni_clerk)
        self.uni_window = self.uni_structure["window"]

    def act(self, window: Any, action: str, **data: Any) -> int:
        url = reverse("staff:queue_window_act", args=[window.pk, action])
        return self.client.post(url, data).status_code

    def test_another_organisations_window_is_not_found(self) -> None:
        panel = reverse("staff:queue_window_panel", args=[self.window_general.pk])
        self.assertEqual(self.client.get(panel).status_code, 404)
        self.assertEqual(
            self.act(self.window_general, "recall", ticket=self.ticket.pk), 404
        )
        self.assertEqual(self.act(self.window_all_round, "call"), 404)
        self.assertNotContains(
            self.client.get(reverse("staff:queue_window")), 'data-window="3"'
        )

    def test_another_organisations_ticket_is_not_found_at_my_window(self) -> None:
        for action in ("recall", "skip", "start", "finish"):
            with self.subTest(action=action):
                self.assertEqual(
                    self.act(self.uni_window, action, ticket=self.ticket.pk), 404
                )
        self.ticket.refresh_from_db()
        self.assertEqual((self.ticket.status, self.ticket.recall_count), ("called", 0))

    def test_a_ticket_cannot_be_transferred_to_another_organisations_window(
        self,
    ) -> None:
        services.ticket_take(organisation=self.uni, category=self.uni_cat)
        services.ticket_call_next(window=self.uni_window, staff=self.uni_clerk)
        mine = self.uni_window.tickets.get()
        status = self.act(
            self.uni_window,
            "transfer",
            ticket=mine.pk,
            to_window=self.window_invoices.pk,
        )
        self.assertEqual(status, 404)
        mine.refresh_from_db()
        self.assertEqual(mine.status, "called")

    def test_another_organisations_ticket_cannot_be_named_at_intake(self) -> None:
        url = reverse("staff:intake_form", args=["U-1"]) + f"?ticket={self.ticket.pk}"
        self.assertEqual(self.client.get(url).status_code, 404)


@time_machine.travel(NOW, tick=False)
class SharedBoardTests(HallFixture):
    """Every display of a hall shares one board until a ticket changes."""

    def board(self) -> dict[str, Any]:
        return json.loads(
            self.client.get(reverse("queue_display_json", args=["tax"])).content
        )

    def test_a_call_shows_on_the_next_poll_within_the_same_second(self) -> None:
        services.ticket_take(organisation=self.tax, category=self.cat_a, now=at(9, 0))
        self.assertEqual(self.board()["called"], [])
        services.ticket_call_next(
            window=self.window_general, staff=self.tax_clerk, now=at(9, 5)
        )
        self.assertEqual([c["number"] for c in self.board()["called"]], ["A001"])

    def test_polls_in_the_same_second_without_a_change_are_not_recomputed(
        self,
    ) -> None:
        self.board()
        with self.assertNumQueries(0):  # the organisation is cached too
            self.board()

    def test_a_change_no_service_announced_shows_within_a_second(self) -> None:
        # As a write made by another server process, whose local cache this
        # process cannot see: only the board's age bounds how stale it is.
        ticket = services.ticket_take(
            organisation=self.tax, category=self.cat_a, now=at(9, 0)
        )
        self.assertEqual(self.board()["waiting"][0]["waiting"], 1)
        ticket.status = "no_show"
        ticket.save(update_fields=["status"])
        self.assertEqual(self.board()["waiting"][0]["waiting"], 1)
        with time_machine.travel("2026-09-28 10:00:01 +0800", tick=False):
            self.assertEqual(self.board()["waiting"][0]["waiting"], 0)

"""The workforce pages: who may see and plan, what they show, and isolation."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from onestop.common.testing import OneStopTestCase
from onestop.workforce.intervals import Week
from onestop.workforce.models import Forecast, Roster, RosterShift
from onestop.workforce.services import roster_shift_add
from onestop.workforce.tests.factories import (
    add_calls,
    make_agent,
    make_forecast,
    make_queue,
    make_template,
)

WEEK = Week(date(2025, 6, 9))


def small(day: date, interval: int) -> int:
    return 4 if day.weekday() < 5 and 18 <= interval < 22 else 0


class WorkforcePageTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.queue = make_queue(cls.uni)
        cls.tax_queue = make_queue(cls.tax, "TAXHOT")
        add_calls(
            cls.queue, first=date(2025, 5, 26), days=21, pattern=small, vip_every=4
        )
        cls.template = make_template(cls.uni, "AM", "09:00", 4)
        cls.agent = make_agent(cls.uni, "agent_sun")

    def url(self, queue: object = None, **params: str) -> str:
        pk = (queue or self.queue).pk  # type: ignore[attr-defined]
        query = "&".join(
            f"{k}={v}" for k, v in {"week": "2025-06-09", **params}.items()
        )
        return reverse("staff:workforce_queue", args=[pk]) + "?" + query

    def test_the_home_page_lists_the_organisations_queues_only(self) -> None:
        self.login(self.uni_admin)
        response = self.client.get(reverse("staff:workforce"))
        self.assertContains(response, self.queue.name)
        self.assertNotContains(response, self.tax_queue.name)
        self.assertContains(response, reverse("staff:workforce"))  # the nav link

    def test_the_week_page_shows_charts_buttons_and_the_roster(self) -> None:
        make_forecast(self.queue, WEEK.monday, small)
        roster_shift_add(
            queue=self.queue,
            week_start=WEEK.monday,
            agent=self.agent,
            day=WEEK.monday,
            template=self.template,
            actor=None,
        )
        self.login(self.uni_supervisor)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'id="calls-chart-title"')
        self.assertContains(response, 'id="agents-chart-title"')
        self.assertContains(
            response, reverse("staff:workforce_forecast", args=[self.queue.pk])
        )
        self.assertContains(
            response, reverse("staff:workforce_roster", args=[self.queue.pk])
        )
        self.assertContains(
            response, reverse("staff:workforce_shift_add", args=[self.queue.pk])
        )
        self.assertContains(response, "09:00–13:00")
        self.assertContains(response, "agent_sun")
        # Actual calls this week (Monday 9 June 09:00: 4 offered) in the table.
        self.assertContains(response, 'data-start="2025-06-09T09:00:00+08:00"')

    def test_forecasting_from_the_page_stores_a_forecast_and_says_its_error(
        self,
    ) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(
            reverse("staff:workforce_forecast", args=[self.queue.pk]),
            {"week": "2025-06-16"},
            follow=True,
        )
        forecast = Forecast.objects.get(queue=self.queue)
        self.assertEqual(forecast.week_start, date(2025, 6, 16))
        self.assertEqual(forecast.holdout_weeks, 1)
        self.assertContains(response, "MAPE")
        self.assertContains(response, f'data-mape="{forecast.mape:.4f}"')

    def test_computing_the_roster_from_the_page(self) -> None:
        make_forecast(self.queue, WEEK.monday, small)
        self.login(self.uni_admin)
        response = self.client.post(
            reverse("staff:workforce_roster", args=[self.queue.pk]),
            {"week": "2025-06-09"},
            follow=True,
        )
        roster = Roster.objects.get(queue=self.queue, week_start=WEEK.monday)
        self.assertEqual(roster.solver_status, "OPTIMAL")
        self.assertTrue(roster.shifts.exists())
        self.assertContains(response, roster.get_solver_status_display())

    def test_a_roster_without_a_forecast_is_explained(self) -> None:
        self.login(self.uni_admin)
        response = self.client.post(
            reverse("staff:workforce_roster", args=[self.queue.pk]),
            {"week": "2025-06-09"},
            follow=True,
        )
        self.assertFalse(Roster.objects.exists())
        self.assertContains(response, 'class="message error"')

    def test_adding_and_removing_a_shift_by_hand(self) -> None:
        self.login(self.uni_supervisor)
        add = reverse("staff:workforce_shift_add", args=[self.queue.pk])
        data = {
            "week": "2025-06-09",
            "agent": self.agent.pk,
            "day": "2025-06-10",
            "template": self.template.pk,
        }
        response = self.client.post(add, data)
        self.assertRedirects(response, self.url(), fetch_redirect_response=False)
        shift = RosterShift.objects.get(agent=self.agent)
        self.assertEqual(shift.day, date(2025, 6, 10))
        again = self.client.post(add, data)
        self.assertEqual(again.status_code, 200)
        self.assertContains(again, "agent_sun")
        self.assertEqual(RosterShift.objects.count(), 1)
        self.client.post(reverse("staff:workforce_shift_remove", args=[shift.pk]))
        self.assertFalse(RosterShift.objects.exists())

    def test_a_simulated_day_reports_each_tier(self) -> None:
        make_forecast(self.queue, WEEK.monday, small)
        self.login(self.uni_supervisor)
        response = self.client.get(
            self.url(
                **{
                    "sim-day": "2025-06-09",
                    "sim-vip_share": "25",
                    "sim-patience_s": "120",
                    "sim-seed": "1",
                }
            )
        )
        self.assertContains(response, 'data-tier="VIP"')
        self.assertContains(response, 'data-tier="regular"')
        self.assertContains(response, 'data-tier="all"')

    def test_the_simulation_form_starts_from_the_vip_share_of_the_history(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(self.url())
        self.assertEqual(response.context["sim_form"].initial["vip_share"], 25)

    def test_agents_see_the_plan_but_may_not_change_it(self) -> None:
        self.login(self.agent)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(
            response, reverse("staff:workforce_forecast", args=[self.queue.pk])
        )
        post = self.client.post(
            reverse("staff:workforce_forecast", args=[self.queue.pk]),
            {"week": "2025-06-16"},
        )
        self.assertEqual(post.status_code, 403)
        self.assertFalse(Forecast.objects.exists())

    def test_a_clerk_may_not_see_the_plan(self) -> None:
        self.login(self.uni_clerk)
        self.assertEqual(self.client.get(self.url()).status_code, 403)

    def test_another_organisations_queue_and_shifts_are_not_found(self) -> None:
        shift = roster_shift_add(
            queue=self.queue,
            week_start=WEEK.monday,
            agent=self.agent,
            day=WEEK.monday,
            template=self.template,
            actor=None,
        )
        self.login(self.tax_admin)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        for name in ("workforce_forecast", "workforce_roster", "workforce_shift_add"):
            with self.subTest(name=name):
                response = self.client.post(
                    reverse(f"staff:{name}", args=[self.queue.pk]),
                    {"week": "2025-06-09"},
                )
                self.assertEqual(response.status_code, 404)
        removal = self.client.post(
            reverse("staff:workforce_shift_remove", args=[shift.pk])
        )
        self.assertEqual(removal.status_code, 404)
        self.assertTrue(RosterShift.objects.filter(pk=shift.pk).exists())

    def test_the_shift_form_offers_only_the_organisations_agents(self) -> None:
        make_agent(self.tax, "agent_tax")
        self.login(self.uni_admin)
        form = self.client.get(self.url()).context["shift_form"]
        offered = [label for _value, label in form.fields["agent"].choices]
        self.assertEqual(offered, ["agent_sun"])

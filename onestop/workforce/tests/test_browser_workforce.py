"""Browser: a supervisor plans a hotline week — forecast, roster, a shift by hand,
a simulated day — on the workforce page."""

from __future__ import annotations

from datetime import date

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, make_organisation, make_user
from onestop.organisations.models import OrganisationKind
from onestop.organisations.services import membership_grant
from onestop.workforce.models import Forecast, RosterShift
from onestop.workforce.tests.factories import (
    add_calls,
    make_agent,
    make_queue,
    make_template,
)


def mornings(day: date, interval: int) -> int:
    return 6 if day.weekday() < 5 and 18 <= interval < 26 else 0


class PlanningAWeekTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.uni = make_organisation(
            slug="uni",
            code="HQ",
            name="北方大学后勤服务中心",
            kind=OrganisationKind.LOGISTICS,
        )
        supervisor = make_user("uni_supervisor", first_name="李组长")
        membership_grant(
            actor=None, organisation=self.uni, user=supervisor, roles=["supervisor"]
        )
        self.queue = make_queue(self.uni)
        add_calls(self.queue, first=date(2025, 5, 12), days=28, pattern=mornings)
        make_template(self.uni, "AM", "09:00", 4)
        self.agents = [make_agent(self.uni, f"agent_{n}") for n in range(4)]

    def test_forecast_roster_add_a_shift_and_simulate(self) -> None:
        page = self.page
        self.sign_in("uni_supervisor", PASSWORD)
        page.click("nav details[data-domain=hotline] > summary")
        page.click("nav a[href='/staff/workforce/']")
        page.click(f"a[href^='/staff/workforce/{self.queue.pk}/']")
        page.fill("#id_week", "2025-06-09")
        page.click("#week-form button[type=submit]")
        with page.expect_navigation():
            page.click("#forecast-form button[type=submit]")
        page.wait_for_selector("[data-mape]")
        self.assertTrue(Forecast.objects.filter(week_start=date(2025, 6, 9)).exists())

        with page.expect_navigation():
            page.click("#roster-form button[type=submit]")
        page.wait_for_selector("table.roster td >> text=09:00–13:00")
        computed = RosterShift.objects.count()
        self.assertEqual(computed, 15)  # three agents on each working morning

        page.select_option("#id_agent", str(self.agents[0].pk))
        page.select_option("#id_day", "2025-06-14")
        page.select_option("#id_template", label="班次AM 09:00")
        with page.expect_navigation():
            page.click("#shift-form button[type=submit]")
        page.wait_for_selector(".message.success")
        self.assertEqual(RosterShift.objects.filter(is_manual=True).count(), 1)

        page.select_option("#id_sim-day", "2025-06-10")
        with page.expect_navigation():
            page.click("#simulation-form button[type=submit]")
        vip = page.locator("tr[data-tier=VIP]")
        vip.wait_for()
        self.assertTrue(page.locator("tr[data-tier=all]").is_visible())

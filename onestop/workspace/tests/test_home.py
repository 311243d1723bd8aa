"""The staff home page: the organisation at a glance and when work accepted now is due."""

from __future__ import annotations

import time_machine
from django.urls import reverse

from onestop.common.testing import OneStopTestCase
from onestop.organisations.models import (
    CalendarException,
    PublicHolidayDay,
    PublicHolidayYear,
)


class StaffHomeTests(OneStopTestCase):
    @time_machine.travel("2026-09-30 10:00 +0800", tick=False)
    def test_due_dates_skip_national_day_and_its_make_up_saturday(self) -> None:
        # 国务院办公厅关于2026年部分节假日安排的通知: 10月1日至7日放假, 10月10日（星期六）上班.
        self.login(self.uni_clerk)
        response = self.client.get(reverse("staff:home"))
        due = dict(response.context["due_examples"])
        self.assertEqual(due[1].strftime("%Y-%m-%d %H:%M"), "2026-10-08 17:30")
        self.assertEqual(
            due[5].strftime("%Y-%m-%d %H:%M"), "2026-10-13 17:30"
        )  # 8, 9, 10 (Sat), 12, 13
        self.assertTrue(response.context["today_is_workday"])

    @time_machine.travel("2026-11-30 10:00 +0800", tick=False)
    def test_organisation_closure_moves_the_due_date(self) -> None:
        CalendarException.objects.create(
            organisation=self.uni, date="2026-12-01", kind="closure", reason="校运会"
        )
        self.login(self.uni_clerk)
        due = dict(self.client.get(reverse("staff:home")).context["due_examples"])
        self.assertEqual(due[1].strftime("%Y-%m-%d"), "2026-12-02")
        self.login(self.tax_clerk)  # the tax hall is open that day
        due = dict(self.client.get(reverse("staff:home")).context["due_examples"])
        self.assertEqual(due[1].strftime("%Y-%m-%d"), "2026-12-01")

    @time_machine.travel("2026-12-10 10:00 +0800", tick=False)
    def test_a_year_without_holiday_data_is_reported_not_guessed(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.get(reverse("staff:home"))
        self.assertNotIn("due_examples", response.context)
        self.assertIn("2027", response.context["calendar_gap"])

    @time_machine.travel("2026-12-10 10:00 +0800", tick=False)
    def test_entering_next_years_notice_extends_the_calendar(self) -> None:
        year = PublicHolidayYear.objects.create(
            year=2027, notice="（示例）2027年部分节假日安排"
        )
        PublicHolidayDay.objects.create(
            year=year, date="2027-01-01", is_holiday=True, name="元旦"
        )
        self.login(self.uni_clerk)
        due = dict(self.client.get(reverse("staff:home")).context["due_examples"])
        self.assertEqual(due[20].strftime("%Y-%m-%d"), "2027-01-08")

    def test_counts_are_of_the_own_organisation(self) -> None:
        self.login(self.uni_clerk)
        overview = self.client.get(reverse("staff:home")).context["overview"]
        self.assertEqual(
            (overview["departments"], overview["windows"], overview["posts"]), (2, 1, 1)
        )
        self.assertEqual(overview["people"], 5)

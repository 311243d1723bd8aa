"""The calendar's days come from the cache, and an edit here counts at once."""

from __future__ import annotations

from datetime import date

from django.test import TestCase

from onestop.common.testing import make_organisation
from onestop.compute.workdays import CalendarNotCovered
from onestop.organisations.models import (
    CalendarException,
    CalendarExceptionKind,
    OrganisationKind,
    PublicHolidayDay,
    PublicHolidayYear,
)
from onestop.organisations.selectors import work_calendar_for

TUESDAY = date(2026, 12, 1)
NEW_YEAR_2027 = date(2027, 1, 1)


class CalendarCacheTests(TestCase):
    def setUp(self) -> None:
        self.hall = make_organisation(
            slug="hall",
            code="HALL",
            name="东城办税服务厅",
            kind=OrganisationKind.SERVICE_HALL,
        )

    def test_read_once_then_from_the_cache(self) -> None:
        work_calendar_for(self.hall)
        with self.assertNumQueries(0):
            self.assertTrue(work_calendar_for(self.hall).is_workday(TUESDAY))

    def test_a_closure_counts_at_once_and_its_removal_too(self) -> None:
        self.assertTrue(work_calendar_for(self.hall).is_workday(TUESDAY))
        closure = CalendarException.objects.create(
            organisation=self.hall,
            date=TUESDAY,
            kind=CalendarExceptionKind.CLOSURE,
            reason="台风停止对外办公",
        )
        self.assertFalse(work_calendar_for(self.hall).is_workday(TUESDAY))
        closure.delete()
        self.assertTrue(work_calendar_for(self.hall).is_workday(TUESDAY))

    def test_a_notice_entered_for_next_year_extends_the_calendar_at_once(
        self,
    ) -> None:
        with self.assertRaises(CalendarNotCovered):
            work_calendar_for(self.hall).is_workday(NEW_YEAR_2027)
        notice = PublicHolidayYear.objects.create(
            year=2027, notice="国办发明电〔2026〕"
        )
        PublicHolidayDay.objects.create(
            year=notice, date=NEW_YEAR_2027, is_holiday=True, name="元旦"
        )
        self.assertFalse(work_calendar_for(self.hall).is_workday(NEW_YEAR_2027))

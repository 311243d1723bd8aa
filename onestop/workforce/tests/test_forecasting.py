"""Forecasts made from call records: the weekly pattern, holidays, special days.

History: the pattern of ``factories`` from Monday 14 April 2025 to Sunday
1 June 2025 (seven weeks). Calendar facts (国务院办公厅关于2025年部分节假日安排
的通知): 劳动节 5月1日至5日放假调休, 4月27日（周日）上班 — so Thursday 1 May to
Monday 5 May are holidays and Sunday 27 April a working day; 端午节 5月31日至
6月2日放假 — so the week of Monday 2 June opens with a holiday.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext

from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase
from onestop.workforce.errors import WorkforceError
from onestop.workforce.intervals import PER_DAY
from onestop.workforce.models import ForecastMethod, SpecialDay
from onestop.workforce.services import forecast_make
from onestop.workforce.tests.factories import (
    SATURDAY_TOTAL,
    SUNDAY_TOTAL,
    WEEKDAY_TOTAL,
    add_calls,
    calls_in,
    make_queue,
)

HISTORY_START = date(2025, 4, 14)
TARGET_WEEK = date(2025, 6, 2)


class ForecastFromHistoryTests(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.queue = make_queue(cls.uni)
        add_calls(cls.queue, first=HISTORY_START, days=49)

    def forecast(self, week: date = TARGET_WEEK) -> list[float]:
        forecast = forecast_make(
            queue=self.queue, week_start=week, actor=self.uni_admin
        )
        return [row.calls for row in forecast.intervals.order_by("start")]

    def day_total(self, values: list[float], day: int) -> float:
        return sum(values[day * PER_DAY : (day + 1) * PER_DAY])

    def test_the_weekly_pattern_is_reproduced_with_a_low_mape(self) -> None:
        values = self.forecast()
        forecast = self.queue_forecast()
        self.assertEqual(forecast.holdout_weeks, 2)
        self.assertIsNotNone(forecast.mape)
        self.assertLess(forecast.mape, 0.05)
        # Tuesday 3 June is an ordinary Tuesday: 12 calls at 09:00, 20 at 10:00.
        tuesday = values[PER_DAY : 2 * PER_DAY]
        self.assertAlmostEqual(tuesday[18], 12, delta=0.6)
        self.assertAlmostEqual(tuesday[20], 20, delta=1.0)
        self.assertAlmostEqual(tuesday[3], 0, delta=0.5)
        self.assertAlmostEqual(self.day_total(values, 5), SATURDAY_TOTAL, delta=5)

    def test_the_holiday_is_forecast_like_a_sunday_not_like_a_monday(self) -> None:
        values = self.forecast()
        self.assertAlmostEqual(self.day_total(values, 0), SUNDAY_TOTAL, delta=4)
        self.assertAlmostEqual(self.day_total(values, 6), SUNDAY_TOTAL, delta=4)
        first_day = self.queue_forecast().intervals.order_by("start")[:PER_DAY]
        labels = {row.special for row in first_day}
        self.assertEqual(labels, {gettext("Public holiday")})

    def test_holidays_in_the_history_are_not_copied_onto_the_next_week(self) -> None:
        # The week before 12 May held 劳动节 from Thursday to Monday; copied as
        # they were, Thursday 15 and Friday 16 May would be forecast as Sundays,
        # and Sunday 18 May would not learn from the worked Sunday 27 April.
        values = self.forecast(date(2025, 5, 12))
        for day in range(5):
            with self.subTest(day=day):
                self.assertAlmostEqual(
                    self.day_total(values, day), WEEKDAY_TOTAL, delta=6
                )
        self.assertAlmostEqual(self.day_total(values, 6), SUNDAY_TOTAL, delta=4)

    def test_a_special_day_entered_by_the_organisation_scales_its_weekday(self) -> None:
        SpecialDay.objects.create(
            organisation=self.uni,
            date=TARGET_WEEK + timedelta(days=2),
            name="促销活动",
            factor=Decimal("1.5"),
        )
        values = self.forecast()
        self.assertAlmostEqual(self.day_total(values, 2), 1.5 * WEEKDAY_TOTAL, delta=8)
        self.assertAlmostEqual(self.day_total(values, 1), WEEKDAY_TOTAL, delta=6)

    def test_every_method_tried_is_scored_and_the_best_is_kept(self) -> None:
        self.forecast()
        forecast = self.queue_forecast()
        self.assertEqual(set(forecast.scores), {m.value for m in ForecastMethod})
        best = min(v for v in forecast.scores.values() if v is not None)
        self.assertAlmostEqual(forecast.mape, best)
        self.assertEqual(forecast.aht_s, 180)
        self.assertEqual(forecast.history_start, HISTORY_START)
        self.assertEqual(forecast.history_end, TARGET_WEEK)

    def test_the_mape_counts_only_half_hours_with_calls(self) -> None:
        self.forecast()
        busy = sum(
            1
            for d in range(14)
            for i in range(48)
            if calls_in(date(2025, 5, 19) + timedelta(days=d), i)
        )
        self.assertEqual(self.queue_forecast().mape_intervals, busy)

    def queue_forecast(self):  # type: ignore[no-untyped-def]
        from onestop.workforce.models import Forecast

        return Forecast.objects.filter(queue=self.queue).latest("created_at")


class ForecastRefusalTests(OneStopTestCase):
    def test_a_queue_without_calls_cannot_be_forecast(self) -> None:
        queue = make_queue(self.uni, "EMPTY")
        with self.assertRaises(ServiceError) as caught:
            forecast_make(queue=queue, week_start=TARGET_WEEK, actor=None)
        self.assertIs(caught.exception.code, WorkforceError.NO_HISTORY)

    def test_less_than_a_week_of_history_is_refused(self) -> None:
        queue = make_queue(self.uni, "NEW")
        add_calls(queue, first=date(2025, 5, 28), days=4)
        with self.assertRaises(ServiceError) as caught:
            forecast_make(queue=queue, week_start=TARGET_WEEK, actor=None)
        self.assertIs(caught.exception.code, WorkforceError.SHORT_HISTORY)
        self.assertEqual(caught.exception.params, {"days": 4})

    def test_one_week_of_history_is_forecast_without_a_score(self) -> None:
        queue = make_queue(self.uni, "WEEK")
        add_calls(queue, first=date(2025, 5, 19), days=7)
        forecast = forecast_make(queue=queue, week_start=TARGET_WEEK, actor=None)
        self.assertIsNone(forecast.mape)
        self.assertEqual(forecast.holdout_weeks, 0)
        self.assertEqual(forecast.intervals.count(), 7 * PER_DAY)

"""Tests for onestop.compute.forecast.

MAPE is checked against its definition, MAPE = (1/n) Σ |Aₜ − Fₜ| / |Aₜ|
(Hyndman & Koehler 2006, eq. for "mean absolute percentage error"), on
numbers worked by hand; the seasonal naive method against its definition
ŷ_{T+h} = y_{T+h−m(k+1)} (Hyndman & Athanasopoulos 2021, §5.2). The rest are
synthetic weekly patterns whose right forecast is known.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unittest
from pathlib import Path

import numpy as np

from onestop.compute.forecast import (
    SpecialDay,
    apply_special_days,
    bucket_counts,
    clean_history,
    forecast_series,
    holt_winters,
    mape,
    seasonal_mean_trend,
    seasonal_naive,
)

PER_DAY, PERIOD = 48, 7 * 48
_DAY = np.concatenate(
    [
        np.zeros(16),
        np.linspace(5, 40, 8),
        np.full(12, 40.0),
        np.linspace(40, 5, 8),
        np.zeros(4),
    ]
)
WEEK = np.concatenate([_DAY * f for f in (1, 1, 1, 1, 1, 0.5, 0.4)])


def noisy_weeks(weeks: int, seed: int = 7, growth: float = 0.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    level = 1 + growth * np.arange(weeks * PERIOD) / PERIOD
    return rng.poisson(np.tile(WEEK, weeks) * level).astype(float)


class MapeTests(unittest.TestCase):
    def test_hand_worked_values(self) -> None:
        rows = [
            # actual, forecast, MAPE, n
            ([100, 200], [110, 180], (0.10 + 0.10) / 2, 2),
            ([4, 5, 8], [5, 5, 6], (0.25 + 0 + 0.25) / 3, 3),
            ([10], [10], 0.0, 1),
            ([50], [0], 1.0, 1),
        ]
        for actual, forecast, expected, n in rows:
            with self.subTest(actual=actual):
                value, count = mape(actual, forecast)
                assert value is not None
                self.assertAlmostEqual(value, expected)
                self.assertEqual(count, n)

    def test_zero_actuals_are_left_out(self) -> None:
        self.assertEqual(mape([0, 10, 0], [3, 12, 5]), (0.2, 1))

    def test_all_zero_actuals_have_no_mape(self) -> None:
        self.assertEqual(mape([0, 0], [1, 2]), (None, 0))

    def test_shapes_must_agree(self) -> None:
        with self.assertRaises(ValueError):
            mape([1, 2], [1])


class BucketTests(unittest.TestCase):
    def test_an_interval_holds_its_start_not_its_end(self) -> None:
        counts = bucket_counts(
            [0, 1799, 1800, 3599.5, 3600, -1], start_s=0, interval_s=1800, count=2
        )
        self.assertEqual(counts.tolist(), [2, 2])


class MethodTests(unittest.TestCase):
    def test_seasonal_naive_repeats_the_last_season(self) -> None:
        history = np.arange(10, dtype=float)
        self.assertEqual(seasonal_naive(history, 4, 6).tolist(), [6, 7, 8, 9, 6, 7])

    def test_seasonal_mean_follows_a_linear_trend(self) -> None:
        # Four seasons whose level grows by one a season: 4, 5, 6, 7 (×profile).
        profile = np.array([1.0, 3.0])
        history = np.concatenate([profile * k for k in (4, 5, 6, 7)])
        forecast = seasonal_mean_trend(history, 2, 4)
        # Mean season 5.5 × profile; totals 16…28 extrapolate to 32 and 36 against
        # a mean of 22, so the next two seasons are at levels 8 and 9.
        np.testing.assert_allclose(forecast, [8, 24, 9, 27])

    def test_seasonal_mean_trend_stays_within_its_band(self) -> None:
        history = np.concatenate([np.ones(2) * k for k in (1, 2, 3, 4)])
        # The trend would reach 2.4 × the mean two seasons on; it is held at 2.
        np.testing.assert_allclose(seasonal_mean_trend(history, 2, 4), [5, 5, 5, 5])

    def test_holt_winters_reproduces_a_weekly_pattern(self) -> None:
        history = np.tile(WEEK, 3)
        forecast = holt_winters(history, PERIOD, PERIOD)
        value, _n = mape(WEEK, forecast)
        assert value is not None
        self.assertLess(value, 0.02)
        self.assertTrue((forecast >= 0).all())

    def test_holt_winters_needs_two_seasons(self) -> None:
        with self.assertRaises(ValueError):
            holt_winters(WEEK, PERIOD, 10)


class SpecialDayTests(unittest.TestCase):
    def test_a_holiday_in_the_history_is_replaced_by_its_weekday_mean(self) -> None:
        history = np.tile(WEEK, 2)
        history[9 * PER_DAY : 10 * PER_DAY] = 0  # Wednesday of week 2 closed
        cleaned = clean_history(
            history, per_day=PER_DAY, first_weekday=0, special={9: SpecialDay(6)}
        )
        np.testing.assert_allclose(cleaned, np.tile(WEEK, 2))

    def test_a_forecast_day_follows_the_day_it_is_like_times_its_factor(self) -> None:
        out = apply_special_days(
            WEEK, per_day=PER_DAY, first_weekday=0, special={2: SpecialDay(6, 0.5)}
        )
        wednesday = out[2 * PER_DAY : 3 * PER_DAY]
        np.testing.assert_allclose(wednesday, 0.5 * WEEK[6 * PER_DAY :])
        np.testing.assert_allclose(out[: 2 * PER_DAY], WEEK[: 2 * PER_DAY])

    def test_weekday_rules_are_checked(self) -> None:
        with self.assertRaises(ValueError):
            SpecialDay(7)
        with self.assertRaises(ValueError):
            SpecialDay(0, -1)


class ForecastSeriesTests(unittest.TestCase):
    def test_a_noisy_weekly_pattern_is_forecast_within_ten_percent(self) -> None:
        history = noisy_weeks(6)
        result = forecast_series(
            history, period=PERIOD, per_day=PER_DAY, horizon=PERIOD, holdout_periods=2
        )
        self.assertEqual(
            set(result.scores),
            {"seasonal_naive", "seasonal_mean_trend", "holt_winters"},
        )
        value, _n = mape(WEEK, result.values)
        assert value is not None and result.holdout_mape is not None
        self.assertLess(value, 0.10)
        # Poisson noise on quiet half hours keeps the held-out error higher.
        self.assertLess(result.holdout_mape, 0.30)
        # Averaging weeks beats repeating one noisy week.
        naive = result.scores["seasonal_naive"]
        assert naive is not None
        self.assertLess(result.holdout_mape, naive)

    def test_the_method_with_the_least_held_out_error_is_chosen(self) -> None:
        result = forecast_series(
            noisy_weeks(4), period=PERIOD, per_day=PER_DAY, horizon=PERIOD
        )
        scored = {m: s for m, s in result.scores.items() if s is not None}
        self.assertEqual(result.method, min(scored, key=lambda m: scored[m]))
        self.assertEqual(result.holdout_mape, scored[result.method])
        self.assertGreater(result.holdout_points, 0)

    def test_one_season_is_forecast_unscored(self) -> None:
        result = forecast_series(WEEK, period=PERIOD, per_day=PER_DAY, horizon=PER_DAY)
        self.assertEqual(result.scores, {})
        self.assertIsNone(result.holdout_mape)
        np.testing.assert_allclose(result.values, WEEK[:PER_DAY])

    def test_a_special_day_ahead_is_applied_to_the_forecast(self) -> None:
        history = np.tile(WEEK, 2)
        result = forecast_series(
            history,
            period=PERIOD,
            per_day=PER_DAY,
            horizon=PERIOD,
            special={14: SpecialDay(6)},  # Monday of the week forecast
        )
        np.testing.assert_allclose(result.values[:PER_DAY], WEEK[6 * PER_DAY :])

    def test_history_must_be_whole_days(self) -> None:
        with self.assertRaises(ValueError):
            forecast_series(
                np.ones(PERIOD + 1), period=PERIOD, per_day=PER_DAY, horizon=1
            )


class NoDjangoTests(unittest.TestCase):
    def test_module_imports_no_django(self) -> None:
        code = (
            "import onestop.compute.forecast, sys; "
            "assert not any(m == 'django' or m.startswith('django.') "
            "for m in sys.modules)"
        )
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).resolve().parents[3],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()

"""The arithmetic of a campaign's extra calls: reach × rate × day share × intraday share."""

from __future__ import annotations

from django.test import SimpleTestCase

from onestop.campaigns.responses import day_shares, extra_calls, shape_shares


class DaySharesTests(SimpleTestCase):
    def test_shares_halve_every_half_life_and_sum_to_one(self) -> None:
        # Weights 2^(−k/h), normalised: h = 1 day over 3 days is 4:2:1.
        slow = [1, 2**-0.5, 0.5]  # h = 2 days
        table = [
            (1, 1.0, [1.0]),
            (2, 1.0, [2 / 3, 1 / 3]),
            (3, 1.0, [4 / 7, 2 / 7, 1 / 7]),
            (2, 0.5, [0.8, 0.2]),
            (3, 2.0, [w / sum(slow) for w in slow]),
        ]
        for days, half_life, expected in table:
            with self.subTest(days=days, half_life=half_life):
                shares = day_shares(days, half_life)
                self.assertEqual(len(shares), days)
                for got, want in zip(shares, expected, strict=True):
                    self.assertAlmostEqual(got, want)
                self.assertAlmostEqual(sum(shares), 1.0)

    def test_without_a_half_life_the_days_share_evenly(self) -> None:
        for half_life in (None, 0.0):
            with self.subTest(half_life=half_life):
                self.assertEqual(day_shares(4, half_life), [0.25] * 4)

    def test_no_days_no_shares(self) -> None:
        self.assertEqual(day_shares(0, 1.0), [])


class ShapeSharesTests(SimpleTestCase):
    def test_a_days_calls_become_shares_of_the_day(self) -> None:
        self.assertEqual(shape_shares([0, 2, 6, 0]), [0.0, 0.25, 0.75, 0.0])

    def test_negative_values_count_as_none(self) -> None:
        self.assertEqual(shape_shares([-3, 1, 1]), [0.0, 0.5, 0.5])

    def test_a_day_without_calls_has_no_shape(self) -> None:
        self.assertIsNone(shape_shares([0.0] * 48))
        self.assertIsNone(shape_shares([]))


class ExtraCallsTests(SimpleTestCase):
    def test_reach_times_rate_times_day_share_times_intraday_share(self) -> None:
        # 20,000 reached × 0.25% = 50 calls; 80% on day one, 20% on day two.
        calls = extra_calls(
            reach=20000,
            response_rate=0.0025,
            day_shares=[0.8, 0.2],
            intraday_shares=[[0.5, 0.25, 0.25], [0.0, 1.0, 0.0]],
        )
        expected = [[20.0, 10.0, 10.0], [0.0, 10.0, 0.0]]
        for got_row, want_row in zip(calls, expected, strict=True):
            for got, want in zip(got_row, want_row, strict=True):
                self.assertAlmostEqual(got, want)

    def test_every_expected_response_lands_in_an_interval(self) -> None:
        shares = day_shares(5, 1.5)
        shape = shape_shares([0] * 18 + [12] * 18 + [0] * 12)
        assert shape is not None
        calls = extra_calls(
            reach=1_000_000,
            response_rate=0.012,
            day_shares=shares,
            intraday_shares=[shape] * 5,
        )
        self.assertAlmostEqual(sum(map(sum, calls)), 12_000)
        self.assertEqual(calls[0][:18], [0.0] * 18)  # nobody calls at night

    def test_each_day_needs_its_intraday_shares(self) -> None:
        with self.assertRaises(ValueError):
            extra_calls(
                reach=10, response_rate=0.1, day_shares=[1.0], intraday_shares=[]
            )

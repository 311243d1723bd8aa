"""Rate-card arithmetic: the charging rules of 篇6 1.2 and 1.3, to the cent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from unittest import TestCase

from onestop.compute.ratecard import (
    DEVELOPMENT,
    LABOUR,
    LODGING,
    MEALS,
    TRAVEL,
    Rates,
    development_charge,
    rates_in_force,
    visit_charge,
)

DEFAULTS = Rates(valid_from=date(2026, 1, 1))


class VisitChargeTests(TestCase):
    def test_essay_rates_two_people_three_days_with_fares(self) -> None:
        # 篇6 1.2: fares + 100 lodging + 50 meals + 500 labour per person per day.
        charge = visit_charge(
            rates=DEFAULTS, people=2, days=Decimal(3), travel_cost=Decimal("456.70")
        )
        amounts = {line.code: line.amount for line in charge.lines}
        self.assertEqual(
            amounts,
            {
                TRAVEL: Decimal("456.70"),
                LODGING: Decimal("600.00"),
                MEALS: Decimal("300.00"),
                LABOUR: Decimal("3000.00"),
            },
        )
        self.assertEqual(charge.total, Decimal("4356.70"))

    def test_every_line_shows_its_working(self) -> None:
        charge = visit_charge(
            rates=DEFAULTS, people=2, days=Decimal("1.5"), travel_cost=Decimal(0)
        )
        workings = {line.code: line.working for line in charge.lines}
        self.assertEqual(workings[LODGING], "2 × 1.5 × 100.00 = 300.00")
        self.assertEqual(workings[LABOUR], "2 × 1.5 × 500.00 = 1500.00")
        self.assertEqual(workings[TRAVEL], "0.00 = 0.00")

    def test_amounts_round_half_up_to_the_cent(self) -> None:
        rates = Rates(
            valid_from=date(2026, 1, 1),
            lodging=Decimal("33.335"),
            meals=Decimal("0"),
            labour=Decimal("0"),
        )
        cases = [
            (1, Decimal(1), Decimal("33.34")),
            (3, Decimal("0.5"), Decimal("50.00")),  # 50.0025 → 50.00
        ]
        for people, days, expected in cases:
            with self.subTest(people=people, days=days):
                charge = visit_charge(
                    rates=rates, people=people, days=days, travel_cost=Decimal(0)
                )
                lodging = next(line for line in charge.lines if line.code == LODGING)
                self.assertEqual(lodging.amount, expected)

    def test_nonsense_visits_are_refused(self) -> None:
        for people, days, fares in (
            (0, Decimal(1), Decimal(0)),
            (1, Decimal(0), Decimal(0)),
            (1, Decimal(1), Decimal(-1)),
        ):
            with (
                self.subTest(people=people, days=days, fares=fares),
                self.assertRaises(ValueError),
            ):
                visit_charge(
                    rates=DEFAULTS, people=people, days=days, travel_cost=fares
                )


class DevelopmentChargeTests(TestCase):
    def test_person_days_times_the_daily_rate(self) -> None:
        # 篇6 1.3: 工作量 × 工时费 (每人每天1000元).
        charge = development_charge(rates=DEFAULTS, person_days=Decimal("12.5"))
        (line,) = charge.lines
        self.assertEqual(line.code, DEVELOPMENT)
        self.assertEqual(charge.total, Decimal("12500.00"))
        self.assertEqual(line.working, "12.5 × 1000.00 = 12500.00")

    def test_zero_person_days_is_refused(self) -> None:
        with self.assertRaises(ValueError):
            development_charge(rates=DEFAULTS, person_days=Decimal(0))


class RatesInForceTests(TestCase):
    def test_the_latest_row_valid_on_the_day_applies(self) -> None:
        old = Rates(valid_from=date(2026, 1, 1))
        new = Rates(valid_from=date(2026, 7, 1), labour=Decimal("600"))
        rows = [new, old]
        cases = [
            (date(2025, 12, 31), None),
            (date(2026, 1, 1), old),
            (date(2026, 6, 30), old),
            (date(2026, 7, 1), new),
            (date(2027, 1, 1), new),
        ]
        for day, expected in cases:
            with self.subTest(day=day):
                self.assertEqual(rates_in_force(rows, day), expected)

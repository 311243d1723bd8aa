"""Tests for onestop.compute.payment (payment by score).

The contract used throughout is the example of issue 6: full payment at 90
points or more, 1 % of the base deducted per point below, at least 70 % paid,
0.5 % bonus per point above 95, bonus at most 2 %. Base 100,000.00 yuan
unless said otherwise; each expected figure is worked out in the comment.
"""

from __future__ import annotations

import unittest
from decimal import Decimal as D

from onestop.compute.payment import (
    LineKind,
    PaymentFormula,
    payment_for,
    validate_formula,
)

CONTRACT = PaymentFormula(
    full_at=D(90),
    deduction_per_point=D(1),
    floor=D(70),
    bonus_per_point=D("0.5"),
    bonus_cap=D(2),
    bonus_from=D(95),
)
BASE = D("100000.00")


class PaymentForTest(unittest.TestCase):
    def test_amounts_match_the_hand_worked_contract_table(self) -> None:
        table = [
            ("90", "100000.00"),  # exactly at full_at: no deduction
            ("93", "100000.00"),  # between full_at and bonus_from: neither
            ("89", "99000.00"),  # 1 point × 1 % = 1,000 off
            ("87.5", "97500.00"),  # 2.5 points × 1 % = 2,500 off
            ("75", "85000.00"),  # 15 points × 1 % = 15,000 off
            ("60", "70000.00"),  # 30 % off would leave 70,000: the floor, exactly
            ("40", "70000.00"),  # 50 % off → 50,000, raised to the 70 % floor
            ("97", "101000.00"),  # 2 points above 95 × 0.5 % = 1,000 bonus
            ("100", "102000.00"),  # 5 × 0.5 % = 2.5 %, capped at 2 % = 2,000
        ]
        for score, expected in table:
            with self.subTest(score=score):
                working = payment_for(D(score), BASE, CONTRACT)
                self.assertEqual(working.amount, D(expected))

    def test_lines_add_up_to_the_amount_to_the_fen(self) -> None:
        # 33,333.33 × 3.3 % = 1,099.99989 → 1,100.00 deducted, 32,233.33 paid.
        working = payment_for(D("86.7"), D("33333.33"), CONTRACT)
        self.assertEqual(working.amount, D("32233.33"))
        self.assertEqual(sum(line.amount for line in working.lines), working.amount)
        self.assertEqual(working.lines[1].amount, D("-1100.00"))

    def test_deduction_then_floor_lines_say_what_happened(self) -> None:
        working = payment_for(D(40), BASE, CONTRACT)
        kinds = [line.kind for line in working.lines]
        self.assertEqual(kinds, [LineKind.BASE, LineKind.DEDUCTION, LineKind.FLOOR])
        self.assertEqual(working.lines[1].points, D(50))
        self.assertEqual(working.lines[1].amount, D("-50000.00"))
        # 50,000 would be paid; the floor raises it by 20,000 to 70,000.
        self.assertEqual(working.lines[2].amount, D("20000.00"))
        self.assertEqual(working.adjustment, D("-30000.00"))

    def test_bonus_over_the_cap_is_marked_capped(self) -> None:
        capped = payment_for(D(100), BASE, CONTRACT)
        self.assertEqual(capped.lines[-1].kind, LineKind.BONUS_CAPPED)
        within = payment_for(D(96), BASE, CONTRACT)
        self.assertEqual(within.lines[-1].kind, LineKind.BONUS)
        self.assertEqual(within.lines[-1].amount, D("500.00"))

    def test_bonus_starts_at_full_at_when_no_threshold_is_given(self) -> None:
        formula = PaymentFormula(D(90), D(1), D(70), D(1), D(5))
        # 4 points above 90 × 1 % = 4 % bonus on 50,000 = 2,000.
        self.assertEqual(payment_for(D(94), D(50000), formula).amount, D("52000.00"))

    def test_no_bonus_rate_means_full_payment_above_full_at(self) -> None:
        formula = PaymentFormula(D(90), D(2), D(80))
        self.assertEqual(payment_for(D(100), BASE, formula).amount, BASE)
        self.assertEqual(len(payment_for(D(100), BASE, formula).lines), 1)

    def test_score_outside_zero_to_hundred_is_refused(self) -> None:
        for score in ("-1", "100.01"):
            with self.subTest(score=score), self.assertRaisesRegex(ValueError, "score"):
                payment_for(D(score), BASE, CONTRACT)

    def test_negative_base_is_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "base_amount"):
            payment_for(D(90), D(-1), CONTRACT)


class ValidateFormulaTest(unittest.TestCase):
    def test_each_faulty_part_is_named(self) -> None:
        faulty = [
            (PaymentFormula(D(120), D(1), D(70)), "full_at"),
            (PaymentFormula(D(90), D(1), D(-5)), "floor"),
            (PaymentFormula(D(90), D(-1), D(70)), "deduction_per_point"),
            (PaymentFormula(D(90), D(1), D(70), D(-1), D(2)), "bonus_per_point"),
            (PaymentFormula(D(90), D(1), D(70), D(1), D(101)), "bonus_cap"),
            (PaymentFormula(D(90), D(1), D(70), D(1), D(2), D(85)), "bonus_from"),
        ]
        for formula, name in faulty:
            with self.subTest(name=name), self.assertRaisesRegex(ValueError, name):
                validate_formula(formula)

    def test_the_issue_example_is_valid(self) -> None:
        validate_formula(CONTRACT)  # raises nothing
        self.assertEqual(CONTRACT.bonus_threshold, D(95))

"""Tests for onestop.compute.scoring: every expected value is worked by hand beside it."""

from __future__ import annotations

import unittest

from onestop.compute.scoring import (
    DeductionPerEvent,
    Linear,
    PassFail,
    Rule,
    RuleError,
    Step,
    StepTable,
    rule_from_dict,
    rule_to_dict,
    score_points,
    validate_rule,
)

BANDS = StepTable((Step(98, 1), Step(95, 0.8), Step(90, 0.5)))
WAIT_BANDS = StepTable((Step(10, 1), Step(20, 0.6)), higher_is_better=False)


class ScorePointsTests(unittest.TestCase):
    def test_points_follow_each_rule(self) -> None:
        table: list[tuple[Rule, float, float, float]] = [
            # rule, value, full, points — worked by hand
            (Linear(80, 100), 95, 20, 15.0),  # (95 − 80) / 20 × 20
            (Linear(80, 100), 100, 20, 20.0),
            (Linear(80, 100), 120, 20, 20.0),  # beyond best: full, never more
            (Linear(80, 100), 70, 20, 0.0),  # beyond worst: nothing, never less
            (Linear(30, 5), 12, 10, 7.2),  # lower is better: (12 − 30) / (5 − 30) × 10
            (Linear(30, 5), 2, 10, 10.0),
            (Linear(0, 3), 1, 10, 3.33),  # 3.333… rounded to 0.01
            (Linear(0, 3), 2, 10, 6.67),  # 6.666… rounded half up
            (BANDS, 99, 10, 10.0),
            (BANDS, 98, 10, 10.0),  # on the limit: in the band
            (BANDS, 96, 10, 8.0),
            (BANDS, 90, 10, 5.0),
            (BANDS, 89.9, 10, 0.0),  # reaches no band
            (WAIT_BANDS, 8, 10, 10.0),
            (WAIT_BANDS, 15, 10, 6.0),
            (WAIT_BANDS, 25, 10, 0.0),
            (DeductionPerEvent(2), 3, 10, 4.0),  # 10 − 3 × 2
            (DeductionPerEvent(2), 7, 10, 0.0),  # 14 off: no points left
            (DeductionPerEvent(2, cap=6), 4, 10, 4.0),  # 8 off capped at 6
            (DeductionPerEvent(2, cap=6), 0, 10, 10.0),
            (DeductionPerEvent(0.5, cap=20), 5, 10, 7.5),  # cap above full is full
            (PassFail(90), 90, 5, 5.0),
            (PassFail(90), 89.99, 5, 0.0),
            (PassFail(15, higher_is_better=False), 12, 5, 5.0),
            (PassFail(15, higher_is_better=False), 16, 5, 0.0),
        ]
        for rule, value, full, points in table:
            with self.subTest(rule=rule, value=value):
                self.assertEqual(score_points(rule, value, full).points, points)

    def test_working_shows_the_arithmetic_in_words(self) -> None:
        table: list[tuple[Rule, float, float, str]] = [
            (Linear(80, 100), 95, 20, "(95 − 80) ÷ (100 − 80) × 20 = 15 points."),
            (Linear(80, 100), 70, 20, "70 does not pass 80: 0 of 20 points."),
            (BANDS, 96, 10, "96 is in the band ≥ 95: 0.8 × 10 = 8 points."),
            (WAIT_BANDS, 15, 10, "15 is in the band ≤ 20: 0.6 × 10 = 6 points."),
            (
                DeductionPerEvent(2, cap=6),
                4,
                10,
                "4 events × 2 = 8, capped at 6: 10 − 6 = 4 points.",
            ),
            (DeductionPerEvent(2), 1, 10, "1 events × 2 = 2 off: 10 − 2 = 8 points."),
            (PassFail(90), 85.5, 5, "85.5 misses the threshold 90: fail, 0 points."),
        ]
        for rule, value, full, text in table:
            with self.subTest(rule=rule):
                points = score_points(rule, value, full)
                self.assertEqual(points.working, text)
                self.assertEqual(points.template % dict(points.params), text)

    def test_lost_is_full_less_earned(self) -> None:
        self.assertEqual(score_points(DeductionPerEvent(1.5), 3, 10).lost, 4.5)


class ValidateRuleTests(unittest.TestCase):
    def test_faulty_rules_are_refused_naming_the_part(self) -> None:
        table = [
            (Linear(90, 90), "best"),
            (Linear(float("nan"), 90), "worst"),
            (StepTable(()), "steps"),
            (StepTable((Step(90, 1), Step(95, 0.5))), "steps[1].limit"),
            (StepTable((Step(90, 1), Step(90, 0.5))), "steps[1].limit"),
            (StepTable((Step(95, 0.5), Step(90, 0.8))), "steps[1].share"),
            (StepTable((Step(95, 1.5),)), "steps[0].share"),
            (
                StepTable((Step(10, 1), Step(5, 0.5)), higher_is_better=False),
                "steps[1].limit",
            ),
            (DeductionPerEvent(0), "points_per_event"),
            (DeductionPerEvent(1, cap=-1), "cap"),
            (PassFail(float("inf")), "threshold"),
            ("linear", "kind"),
        ]
        for rule, part in table:
            with self.subTest(rule=rule):
                with self.assertRaises(RuleError) as caught:
                    validate_rule(rule)
                self.assertEqual(caught.exception.part, part)

    def test_full_points_must_be_positive(self) -> None:
        with self.assertRaisesRegex(RuleError, "^full_points"):
            score_points(PassFail(1), 1, 0)

    def test_a_rule_survives_its_dict_form(self) -> None:
        for rule in (
            Linear(80, 100),
            BANDS,
            WAIT_BANDS,
            DeductionPerEvent(2, 6),
            PassFail(9),
        ):
            with self.subTest(rule=rule):
                self.assertEqual(rule_from_dict(rule_to_dict(rule)), rule)

    def test_an_unknown_or_malformed_dict_is_refused(self) -> None:
        for data, part in (
            ({"kind": "magic"}, "kind"),
            ({"kind": "linear", "worst": 1}, "kind"),
            ({"kind": "steps", "steps": [{"limit": 1, "share": 3}]}, "steps[0].share"),
        ):
            with self.subTest(data=data):
                with self.assertRaises(RuleError) as caught:
                    rule_from_dict(data)
                self.assertEqual(caught.exception.part, part)

"""The pure arithmetic of a scorecard and a calibration round's spread."""

from decimal import Decimal as D
from unittest import TestCase

from onestop.inspection.scoring import ItemMark, ItemSpec, MarkError, score, spread

POLITE = ItemSpec(1, D(10))
PROGRESS = ItemSpec(2, D(5), pass_fail=True)
PRIVACY = ItemSpec(3, D(10), pass_fail=True, critical=True)
CARD = (POLITE, PROGRESS, PRIVACY)


def marks(polite=None, progress=True, privacy=True, cuts=(), polite_applies=True):
    return [
        ItemMark(1, applicable=polite_applies, points=polite, deductions=cuts),
        ItemMark(2, passed=progress),
        ItemMark(3, passed=privacy),
    ]


class ScoreTests(TestCase):
    def test_totals_weigh_items_by_their_maximum_points(self) -> None:
        # (points on item 1, deductions, progress passed, total, earned)
        table = [
            (D(10), (), True, D("100.00"), D(25)),
            (D(10), (D(5),), True, D("80.00"), D(20)),  # 未一次性告知 −5
            (D(10), (D(5), D(3)), True, D("68.00"), D(17)),
            (D(4), (D(5),), True, D("60.00"), D(15)),  # never below zero on an item
            (D(10), (), False, D("80.00"), D(20)),
            (D("7.5"), (), True, D("90.00"), D("22.5")),
        ]
        for points, cuts, progress, total, earned in table:
            with self.subTest(points=points, cuts=cuts, progress=progress):
                result = score(CARD, marks(points, progress, cuts=cuts))
                self.assertEqual(result.total, total)
                self.assertEqual(result.earned, earned)
                self.assertEqual(result.possible, D(25))
                self.assertFalse(result.critical_failed)

    def test_failed_critical_item_sets_the_total_to_zero(self) -> None:
        result = score(CARD, marks(D(10), privacy=False))
        self.assertEqual(result.total, D("0.00"))
        self.assertTrue(result.critical_failed)
        # The other items keep their own points for the item figures.
        self.assertEqual(result.items[0].earned, D(10))

    def test_item_that_does_not_apply_leaves_the_total(self) -> None:
        result = score(CARD, marks(None, progress=False, polite_applies=False))
        self.assertEqual(result.possible, D(15))
        self.assertEqual(result.total, D("66.67"))

    def test_marks_that_cannot_be_scored_name_their_item(self) -> None:
        table = [
            (
                [
                    ItemMark(1, points=D(11)),
                    ItemMark(2, passed=True),
                    ItemMark(3, passed=True),
                ],
                1,
                "points_out_of_range",
            ),
            (
                [
                    ItemMark(1, points=D(-1)),
                    ItemMark(2, passed=True),
                    ItemMark(3, passed=True),
                ],
                1,
                "points_out_of_range",
            ),
            (
                [ItemMark(1), ItemMark(2, passed=True), ItemMark(3, passed=True)],
                1,
                "points_missing",
            ),
            (
                [ItemMark(1, points=D(1)), ItemMark(2), ItemMark(3, passed=True)],
                2,
                "passed_missing",
            ),
            ([ItemMark(1, points=D(1)), ItemMark(2, passed=True)], 3, "mark_missing"),
        ]
        for given, item_id, problem in table:
            with self.subTest(problem=problem):
                with self.assertRaises(MarkError) as caught:
                    score(CARD, given)
                self.assertEqual(
                    (caught.exception.item_id, caught.exception.problem),
                    (item_id, problem),
                )

    def test_no_applicable_item_gives_no_total(self) -> None:
        result = score([POLITE], [ItemMark(1, applicable=False)])
        self.assertIsNone(result.total)


class SpreadTests(TestCase):
    def test_range_and_population_standard_deviation(self) -> None:
        # Textbook example: 2,4,4,4,5,5,7,9 has mean 5 and population σ 2.
        result = spread([2, 4, 4, 4, 5, 5, 7, 9])
        self.assertEqual((result.count, result.low, result.high), (8, 2.0, 9.0))
        self.assertEqual(result.range, 7.0)
        self.assertAlmostEqual(result.mean or 0, 5.0)
        self.assertAlmostEqual(result.stdev or 0, 2.0)

    def test_one_inspector_has_no_spread_and_none_has_nothing(self) -> None:
        self.assertEqual(spread([D("80")]).stdev, 0.0)
        self.assertEqual(spread([D("80")]).range, 0.0)
        self.assertIsNone(spread([]).range)

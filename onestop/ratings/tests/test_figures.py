"""Rating figures per item, window, staff member and month; satisfaction for the big screen."""

from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from onestop.posts.models import Window
from onestop.ratings.models import Level
from onestop.ratings.selectors import GroupBy, rating_figures, satisfaction
from onestop.ratings.services import rectification_verify
from onestop.ratings.testing import RatingTestCase, at

L = Level


class FiguresTests(RatingTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.window_1 = cls.tax_structure["window"]
        cls.window_2 = Window.objects.create(
            organisation=cls.tax,
            number="2",
            window_type=cls.tax_structure["window_type"],
            department=cls.tax_structure["front"],
        )

    def setUp(self) -> None:
        w1, w2 = self.window_1, self.window_2
        # September: two good ratings of 发票领用 at window 1, by the clerk.
        self.rate(
            self.on_the_spot("2026-09-10 10:00"),
            L.VERY_SATISFIED,
            "2026-09-10 10:05",
            window=w1,
        )
        self.rate(
            self.on_the_spot("2026-09-11 10:00"),
            L.SATISFIED,
            "2026-09-11 10:05",
            window=w1,
        )
        # October: the administrator's 发票领用 at window 2; a rejected 注销 rated badly;
        # a bad rating of 发票领用 found invalid.
        case = self.on_the_spot("2026-10-12 10:00", actor=self.tax_admin)
        self.rate(case, L.BASICALLY_SATISFIED, "2026-10-12 10:05", window=w2)
        self.rate(
            self.rejected("2026-10-13 10:00"), L.VERY_DISSATISFIED, "2026-10-13 10:05"
        )
        bad = self.rate(
            self.on_the_spot("2026-10-14 10:00"), L.DISSATISFIED, "2026-10-14 10:05"
        )
        rectification_verify(
            actor=self.tax_supervisor,
            rectification=bad.rectification,
            valid=False,
            reason="恶意差评",
            now=at("2026-10-15 09:00"),
        )

    def figures(self, group_by: str) -> dict[str, tuple[int, ...]]:
        from datetime import date

        rows = rating_figures(
            organisation=self.tax,
            start=date(2026, 9, 1),
            end=date(2026, 10, 31),
            group_by=group_by,
        )
        return {
            row.label: (row.count, *row.by_level, row.bad, row.invalid) for row in rows
        }

    def test_by_item(self) -> None:
        # label: (count, 非常满意, 满意, 基本满意, 不满意, 非常不满意, bad, invalid)
        self.assertEqual(
            self.figures(GroupBy.ITEM),
            {
                "发票领用": (3, 1, 1, 1, 0, 0, 0, 1),
                "注销税务登记": (1, 0, 0, 0, 0, 1, 1, 0),
                _total(): (4, 1, 1, 1, 0, 1, 1, 1),
            },
        )

    def test_by_window_with_the_unknown_apart(self) -> None:
        figures = self.figures(GroupBy.WINDOW)
        self.assertEqual(
            list(figures.values())[:3],
            [
                (2, 1, 1, 0, 0, 0, 0, 0),
                (1, 0, 0, 1, 0, 0, 0, 0),
                (1, 0, 0, 0, 0, 1, 1, 1),
            ],
        )

    def test_by_staff_member(self) -> None:
        figures = self.figures(GroupBy.STAFF)
        self.assertEqual(figures["tax_clerk"], (3, 1, 1, 0, 0, 1, 1, 1))
        self.assertEqual(figures["tax_admin"], (1, 0, 0, 1, 0, 0, 0, 0))

    def test_by_month_every_month_has_its_row(self) -> None:
        figures = list(self.figures(GroupBy.MONTH).values())
        self.assertEqual(figures[0], (2, 1, 1, 0, 0, 0, 0, 0))
        self.assertEqual(figures[1], (2, 0, 0, 1, 0, 1, 1, 1))

    def test_satisfaction_is_one_query_and_leaves_out_invalid_ratings(self) -> None:
        with self.assertNumQueries(1):
            result = satisfaction(
                organisation=self.tax,
                start=at("2026-09-01 00:00"),
                end=at("2026-11-01 00:00"),
            )
        self.assertEqual((result.count, result.satisfied, result.share), (4, 3, 0.75))
        october = satisfaction(
            organisation=self.tax,
            start=at("2026-10-01 00:00"),
            end=at("2026-11-01 00:00"),
        )
        self.assertEqual((october.count, october.satisfied, october.share), (2, 1, 0.5))
        nothing = satisfaction(
            organisation=self.uni,
            start=at("2026-09-01 00:00"),
            end=at("2026-11-01 00:00"),
        )
        self.assertEqual((nothing.count, nothing.share), (0, None))

    def test_the_page_and_the_workbook_show_the_same_figures(self) -> None:
        self.login(self.tax_supervisor)
        query = {"date_from": "2026-09-01", "date_to": "2026-10-31", "group_by": "item"}
        page = self.client.get(reverse("staff:rating_figures"), query)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "75.0%")
        self.assertContains(page, "发票领用")
        response = self.client.get(reverse("staff:rating_figures_excel"), query)
        book = load_workbook(BytesIO(response.content))
        rows = list(book.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(rows[1][:3], ("DJ-ZX", "注销税务登记", 1))
        self.assertEqual(rows[2][:3], ("FP-LY", "发票领用", 3))
        self.assertEqual(rows[-1][2], 4)
        self.assertEqual(rows[-1][8], 0.75)

    def test_clerks_do_not_see_the_figures(self) -> None:
        self.login(self.tax_clerk)
        self.assertEqual(
            self.client.get(reverse("staff:rating_figures")).status_code, 403
        )


def _total() -> str:
    from django.utils.translation import gettext

    return gettext("Total")

"""The inspection figures as a workbook."""

import io

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from onestop.inspection.services import inspection_score
from onestop.inspection.testing import InspectionTestCase, at

PERIOD = {"start": "2025-03-01", "end": "2025-03-31"}


@time_machine.travel(at("2025-03-10 10:00"), tick=False)
class FiguresWorkbookTests(InspectionTestCase):
    def setUp(self) -> None:
        inspection = self.inspection_of(self.done_case("2025-03-03 10:00"))
        inspection_score(
            actor=self.tax_inspector,
            inspection=inspection,
            marks=self.marks(cut="未一次性告知"),
        )
        # Another one, not scored yet: not counted.
        self.inspection_of(self.done_case("2025-03-04 10:00"))

    def workbook(self, user, **params):
        self.login(user)
        response = self.client.get(
            reverse("staff:inspection_figures_download"), {**PERIOD, **params}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "inspection-figures-20250301-20250331.xlsx",
            response["Content-Disposition"],
        )
        return load_workbook(io.BytesIO(response.content))

    def test_sheets_hold_the_figures_page_and_each_items_score(self) -> None:
        book = self.workbook(self.tax_admin)
        cards, departments, staff, items, about = book.worksheets
        self.assertEqual(
            list(cards.iter_rows(min_row=2, values_only=True)),
            [("窗口服务质检表 v1", 80.0, 1)],
        )
        self.assertEqual(
            list(departments.iter_rows(min_row=2, values_only=True)),
            [(self.tax_structure["front"].name, 80.0, 1)],
        )
        self.assertEqual(len(list(staff.iter_rows(min_row=2))), 1)
        self.assertEqual(staff.cell(2, 2).value, 80.0)
        rows = {row[2]: row for row in items.iter_rows(min_row=2, values_only=True)}
        # 10 points less the 5 deducted for 未一次性告知: 50 of 100.
        self.assertEqual(rows["使用文明用语、一次性告知"][4:], (10.0, 50.0, 1))
        self.assertEqual(rows["未泄露个人信息"][4:], (10.0, 100.0, 1))
        # Only the critical item is marked critical.
        self.assertTrue(rows["未泄露个人信息"][3])
        self.assertIsNone(rows["主动告知办理进度"][3])
        facts = dict(about.iter_rows(max_row=4, values_only=True))
        self.assertIn("2025-03-01 – 2025-03-31", facts.values())
        self.assertEqual(cards.freeze_panes, "A2")

    def test_a_department_filter_narrows_the_workbook(self) -> None:
        book = self.workbook(
            self.tax_admin, department=str(self.tax_structure["back"].pk)
        )
        self.assertEqual(book.worksheets[0].max_row, 1)
        self.assertIn(
            self.tax_structure["back"].name,
            [row[1] for row in book.worksheets[4].iter_rows(values_only=True)],
        )

    def test_another_organisation_sees_none_of_it_and_a_clerk_is_refused(
        self,
    ) -> None:
        book = self.workbook(self.uni_admin)
        self.assertEqual([sheet.max_row for sheet in book.worksheets[:4]], [1, 1, 1, 1])
        self.login(self.tax_clerk)
        self.assertEqual(
            self.client.get(
                reverse("staff:inspection_figures_download"), PERIOD
            ).status_code,
            403,
        )

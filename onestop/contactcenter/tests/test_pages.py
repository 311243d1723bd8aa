"""The hotline pages as staff use them: figures with charts, the workbook, the import."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from onestop.common.testing import OneStopTestCase
from onestop.contactcenter.models import CallRecord, Disposition, Queue
from onestop.contactcenter.tests.samples import (
    make_call,
    make_source,
    standard_csv,
    technion_file,
)

FIGURES = reverse("staff:calls")
WORKBOOK = reverse("staff:calls_excel")
IMPORT = reverse("staff:calls_import")
DAY = {"day": "2026-11-03", "interval": "15"}


class HotlinePageTestCase(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.queue = Queue.objects.create(organisation=cls.uni, code="A", name="报修")
        source = make_source(cls.uni)
        make_call(source, cls.queue, "2026-11-03 09:00", wait=5, talk=60, agent="张三")
        make_call(source, cls.queue, "2026-11-03 09:20", wait=40, talk=90, agent="张三")
        make_call(
            source,
            cls.queue,
            "2026-11-03 09:25",
            Disposition.ABANDONED,
            wait=50,
            caller_number="13812345678",
        )
        other = Queue.objects.create(
            organisation=cls.tax, code="SECRET", name="税务密线"
        )
        make_call(make_source(cls.tax, "tax.csv"), other, "2026-11-03 09:00")

    def setUp(self) -> None:
        # English, so the assertions read the labels as written in the code.
        translation.activate("en")
        self.client.cookies.load({"django_language": "en"})


class FiguresPageTest(HotlinePageTestCase):
    def test_the_page_draws_both_charts_and_judges_the_targets(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(FIGURES, DAY)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertEqual(html.count("<svg"), 2)
        self.assertIn('id="volume-chart-title"', html)
        self.assertIn('id="level-chart-title"', html)
        self.assertIn("stroke-dasharray", html)  # the target line
        self.assertIn('class="misses"', html)  # 1 of 3 answered in time
        self.assertIn("misses the target", html)  # said in words, not colour only
        self.assertIn("09:00–09:15", html)
        self.assertIn("张三", html)

    def test_a_day_without_calls_still_draws_its_page(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(FIGURES, {"day": "2026-12-01", "interval": "30"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<svg", count=2)
        self.assertContains(response, "No calls.")

    def test_the_first_day_shown_is_the_last_with_calls(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(FIGURES)
        self.assertEqual(response.context["figures"].day.isoformat(), "2026-11-03")

    def test_another_organisations_calls_and_queues_never_show(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(FIGURES, DAY)
        self.assertNotContains(response, "SECRET")
        self.assertEqual(response.context["figures"].total.offered, 3)
        # Naming the tax hall's queue is naming no queue of this organisation.
        response = self.client.get(FIGURES, {**DAY, "queue": "SECRET"})
        self.assertIsNone(response.context["figures"].queue)

    def test_a_window_clerk_may_not_see_the_hotline(self) -> None:
        self.login(self.uni_clerk)
        self.assertEqual(self.client.get(FIGURES).status_code, 403)

    def test_the_navigation_links_the_page_for_those_allowed(self) -> None:
        self.login(self.uni_supervisor)
        self.assertContains(self.client.get(reverse("staff:home")), f'href="{FIGURES}"')
        self.login(self.uni_clerk)
        self.assertNotContains(
            self.client.get(reverse("staff:home")), f'href="{FIGURES}"'
        )


class WorkbookTest(HotlinePageTestCase):
    def test_the_workbook_opens_with_its_sheets_and_definitions(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(WORKBOOK, DAY)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "uni-hotline-20261103-15min.xlsx", response["Content-Disposition"]
        )
        book = load_workbook(io.BytesIO(response.content))
        self.assertEqual(
            book.sheetnames, ["Intervals", "Queues", "Agents", "Days", "Definitions"]
        )
        intervals = list(book["Intervals"].iter_rows(values_only=True))
        header, *rows, total = intervals
        self.assertEqual(header[:4], ("Code", "Interval", "Offered", "Answered"))
        self.assertEqual([row[0] for row in rows], ["09:00", "09:15"])
        service_level = header.index("Service level")
        self.assertAlmostEqual(total[service_level], 1 / 3)
        definitions = [
            row[1] for row in book["Definitions"].iter_rows(values_only=True)
        ]
        self.assertTrue(
            any("Answered in time ÷ offered" in str(text) for text in definitions)
        )
        self.assertIn("Asia/Shanghai", definitions)


class ImportPageTest(HotlinePageTestCase):
    def upload(self, data: bytes, layout: str = "standard", name: str = "calls.csv"):  # type: ignore[no-untyped-def]
        return self.client.post(
            IMPORT, {"file": SimpleUploadedFile(name, data), "layout": layout}
        )

    def test_an_upload_shows_the_report(self) -> None:
        self.login(self.uni_supervisor)
        response = self.upload(technion_file(), "technion", "bank.txt")
        self.assertEqual(response.status_code, 200)
        self.assertIsNotNone(response.context["report"])
        self.assertContains(response, "Imported 5 calls from “bank.txt”.")
        self.assertContains(response, "PHANTOM rows")
        self.assertEqual(
            CallRecord.objects.filter(source__file_name="bank.txt").count(), 5
        )

    def test_a_bad_upload_lists_the_problems_by_row_and_column(self) -> None:
        self.login(self.uni_supervisor)
        data = standard_csv(
            "X-1,A,not a time,,,,1,,,,", "X-2,A,2026-11-03 10:00,,,,maybe,,,,"
        )
        response = self.upload(data)
        self.assertContains(response, "The file was not imported")
        self.assertContains(response, "Row 2, column arrival:")
        self.assertContains(response, "Row 3, column abandoned:")
        self.assertFalse(CallRecord.objects.filter(call_id__startswith="X-").exists())

    def test_the_same_file_twice_is_refused(self) -> None:
        self.login(self.uni_supervisor)
        self.upload(technion_file(), "technion")
        response = self.upload(technion_file(), "technion", "again.txt")
        self.assertContains(response, "already imported")
        self.assertEqual(CallRecord.objects.filter(queue__code="PS").count(), 3)

    def test_only_those_who_may_import_see_the_form(self) -> None:
        self.login(self.uni_inspector)
        self.assertEqual(self.client.get(IMPORT).status_code, 403)
        self.login(self.uni_admin)
        self.assertContains(self.client.get(IMPORT), "Technion Anonymous Bank")


class AdminMaskingTest(HotlinePageTestCase):
    def test_the_admin_shows_caller_numbers_masked(self) -> None:
        self.login(self.uni_admin)
        response = self.client.get(reverse("admin:contactcenter_callrecord_changelist"))
        self.assertContains(response, "138****5678")
        self.assertNotContains(response, "13812345678")

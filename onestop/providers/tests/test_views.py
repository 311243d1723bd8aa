"""The providers pages: who sees what, and that each page shows the frozen figures."""

from __future__ import annotations

import io
from datetime import date

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from onestop.assessment.testing import at
from onestop.common.testing import OneStopTestCase
from onestop.providers.models import (
    AssessmentStatus,
    FeedbackReport,
    MonthlyAssessment,
    ReportStatus,
)
from onestop.providers.services import assessment_run
from onestop.providers.testing import MAY, cleaning_month

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
NUMBER = "HT-2025-BJ-01"
RIVAL = "HT-2025-BJ-02"


def month_url(number: str = NUMBER) -> str:
    return reverse("staff:provider_month", args=[number, "2025-05"])


@time_machine.travel(at("2025-06-03T09:00"), tick=False)
class ProviderPagesTest(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cleaning_month(cls)
        for contract in (cls.contract, cls.rival_contract):
            assessment_run(
                actor=cls.uni_supervisor,
                contract=contract,
                month=MAY,
                now=at("2025-06-02T09:00"),
            )

    def test_statement_shows_the_payment_computed_from_the_score(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(month_url())
        self.assertContains(response, "80.25")
        self.assertContains(response, "90,250.00")
        self.assertContains(response, "-9,750.00")
        self.assertContains(response, "3号楼垃圾桶未按时清运")

    def test_supervisor_runs_and_signs_a_month(self) -> None:
        self.login(self.uni_supervisor)
        run = reverse("staff:provider_run", args=[NUMBER])
        response = self.client.post(run, {"run-month": "2025-05"})
        self.assertRedirects(response, month_url())
        self.client.post(reverse("staff:provider_sign", args=[NUMBER, "2025-05"]))
        latest = MonthlyAssessment.objects.filter(contract=self.contract).latest(
            "version"
        )
        self.assertEqual((latest.version, latest.status), (2, AssessmentStatus.SIGNED))

    def test_run_of_a_month_not_over_says_so(self) -> None:
        self.login(self.uni_supervisor)
        run = reverse("staff:provider_run", args=[NUMBER])
        response = self.client.post(run, {"run-month": "2025-06"}, follow=True)
        self.assertContains(response, "2025-06")
        self.assertFalse(
            MonthlyAssessment.objects.filter(month=date(2025, 6, 1)).exists()
        )

    def test_provider_staff_see_only_their_own_contracts_and_statements(self) -> None:
        self.login(self.cleaner)
        home = self.client.get(reverse("staff:providers"))
        self.assertContains(home, NUMBER)
        self.assertNotContains(home, RIVAL)
        self.assertEqual(self.client.get(month_url()).status_code, 200)
        self.assertEqual(self.client.get(month_url(RIVAL)).status_code, 404)
        rival_pdf = reverse("staff:provider_statement_pdf", args=[RIVAL, "2025-05"])
        self.assertEqual(self.client.get(rival_pdf).status_code, 404)
        compare = reverse("staff:provider_compare", args=["cleaning"])
        self.assertEqual(self.client.get(compare).status_code, 403)

    def test_provider_staff_cannot_run_or_sign(self) -> None:
        self.login(self.cleaner)
        run = reverse("staff:provider_run", args=[NUMBER])
        self.assertEqual(
            self.client.post(run, {"run-month": "2025-05"}).status_code, 403
        )
        sign = reverse("staff:provider_sign", args=[NUMBER, "2025-05"])
        self.assertEqual(self.client.post(sign).status_code, 403)

    def test_another_organisation_finds_nothing(self) -> None:
        self.login(self.tax_admin)
        for url in (
            reverse("staff:provider_contract", args=[NUMBER]),
            month_url(),
            reverse("staff:provider_statement_pdf", args=[NUMBER, "2025-05"]),
            reverse("staff:provider_compare", args=["cleaning"]),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        report = FeedbackReport.objects.filter(contract=self.contract).first()
        url = reverse("staff:provider_report", args=[report.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertNotContains(self.client.get(reverse("staff:providers")), NUMBER)

    def test_people_without_a_provider_role_are_refused(self) -> None:
        self.login(self.uni_clerk)
        self.assertEqual(self.client.get(reverse("staff:providers")).status_code, 403)

    def test_pdf_statement_carries_the_chinese_text_and_the_amount(self) -> None:
        self.login(self.cleaner)
        url = reverse("staff:provider_statement_pdf", args=[NUMBER, "2025-05"])
        response = self.client.get(url)
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = "".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(response.content)).pages
        )
        for expected in ("洁雅物业", "按时办结率", "垃圾桶", "90,250.00", "80.25"):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)

    def test_excel_export_holds_every_score_with_its_inputs(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(reverse("staff:provider_export", args=["2025-05"]))
        book = load_workbook(io.BytesIO(response.content))
        totals = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
        by_contract = {row[0]: row for row in totals}
        self.assertEqual(by_contract[NUMBER][7], 80.25)
        self.assertEqual(float(by_contract[NUMBER][9]), 90250.0)
        inputs = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
        on_time = next(r for r in inputs if r[0] == NUMBER and r[4] == "按时办结率")
        self.assertEqual((on_time[7], on_time[8], on_time[10]), (95.0, 20, 37.5))

    def test_comparison_puts_competing_providers_side_by_side(self) -> None:
        self.login(self.uni_supervisor)
        url = reverse("staff:provider_compare", args=["cleaning"])
        response = self.client.get(url, {"to": "2025-05"})
        self.assertContains(response, 'data-provider="洁雅物业"')
        self.assertContains(response, 'data-provider="清风保洁"')
        self.assertContains(response, "<svg", count=1)
        self.assertContains(response, "100.00")

    def test_deduction_without_evidence_is_refused_naming_the_field(self) -> None:
        self.login(self.uni_inspector)
        url = reverse("staff:provider_deduct", args=[NUMBER])
        before = self.contract.deductions.count()
        response = self.client.post(
            url,
            {"deduct-month": "2025-06", "deduct-points": "2", "deduct-reason": "x"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.contract.deductions.count(), before)

    def test_inspector_confirms_a_report(self) -> None:
        waiting = FeedbackReport.objects.create(
            organisation=self.uni,
            officer=self.officer,
            contract=self.contract,
            region=self.places["building"],
            description="楼梯扶手积灰",
            observed_on=date(2025, 6, 1),
            submitted_at=at("2025-06-01T20:00"),
        )
        self.login(self.uni_inspector)
        url = reverse("staff:provider_report", args=[waiting.pk])
        self.assertContains(self.client.get(url), "139****5678")
        refused = self.client.post(url, {"decision": "reject", "note": ""})
        self.assertEqual(refused.status_code, 400)
        self.client.post(url, {"decision": "confirm", "note": ""})
        waiting.refresh_from_db()
        self.assertEqual(waiting.status, ReportStatus.CONFIRMED)
        self.assertEqual(waiting.checked_by, self.uni_inspector)


@time_machine.travel(at("2025-06-03T09:00"), tick=False)
class OfficerReportingTest(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cleaning_month(cls)

    def url(self, key: str | None = None, org: str = "uni") -> str:
        return reverse("provider_feedback", args=[org, key or self.officer.key])

    def form(self, **overrides: object) -> dict[str, object]:
        data: dict[str, object] = {
            "contract": self.contract.pk,
            "region": self.places["building"].pk,
            "place_detail": "二楼水房",
            "description": "水房地面湿滑，无警示牌",
            "observed_on": "2025-06-02",
        }
        data.update(overrides)
        return data

    def test_officer_reports_with_a_photo_kept_privately(self) -> None:
        photo = SimpleUploadedFile("shui.png", PNG, content_type="image/png")
        with override_settings(MEDIA_ROOT=self._media()):
            response = self.client.post(self.url(), self.form(photos=[photo]))
            self.assertRedirects(response, self.url())
            report = FeedbackReport.objects.get(description__startswith="水房")
            self.assertEqual(report.status, ReportStatus.SUBMITTED)
            stored = report.photos.get()
            self.assertEqual(
                (stored.content_type, stored.size), ("image/png", len(PNG))
            )
            self.login(self.uni_inspector)
            photo_url = reverse(
                "staff:provider_report_photo", args=[report.pk, stored.pk]
            )
            self.assertEqual(
                b"".join(self.client.get(photo_url).streaming_content), PNG
            )
            self.login(self.tax_admin)
            self.assertEqual(self.client.get(photo_url).status_code, 404)

    def test_a_renamed_file_is_refused_and_nothing_saved(self) -> None:
        fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a picture")
        before = FeedbackReport.objects.count()
        response = self.client.post(self.url(), self.form(photos=[fake]))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "photo.jpg", status_code=400)
        self.assertEqual(FeedbackReport.objects.count(), before)

    def test_a_service_not_contracted_for_the_place_is_refused(self) -> None:
        west = self.form(region=self.places["west"].pk)
        response = self.client.post(self.url(), west)
        self.assertContains(response, "西区", status_code=400)

    def test_a_future_date_is_refused(self) -> None:
        response = self.client.post(self.url(), self.form(observed_on="2025-06-09"))
        self.assertEqual(response.status_code, 400)

    def test_an_unknown_key_or_another_organisation_finds_nothing(self) -> None:
        self.assertEqual(self.client.get(self.url("nope")).status_code, 404)
        self.assertEqual(self.client.get(self.url(org="tax")).status_code, 404)

    def test_staff_appoint_an_officer_and_see_the_phone_masked(self) -> None:
        self.login(self.uni_admin)
        url = reverse("staff:provider_officers")
        response = self.client.post(
            url,
            {
                "name": "王同学",
                "phone": "13800001234",
                "region": self.places["building"].pk,
            },
            follow=True,
        )
        self.assertContains(response, "王同学")
        self.assertContains(response, "138****1234")
        self.assertNotContains(response, "13800001234")

    def _media(self) -> str:
        import tempfile

        directory = tempfile.mkdtemp(prefix="onestop-providers-")
        self.addCleanup(__import__("shutil").rmtree, directory, True)
        return directory

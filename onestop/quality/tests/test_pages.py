"""The quality pages: who may see them, isolation, the report and its exports."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.urls import reverse
from pypdf import PdfReader

from onestop.quality.models import Factor, Scheme
from onestop.quality.tests.base import QualityTestCase


class AccessTests(QualityTestCase):
    def test_a_clerk_may_not_see_the_schemes(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.get(reverse("staff:quality_schemes"))
        self.assertEqual(response.status_code, 403)

    def test_another_organisation_gets_404_on_a_scheme_and_its_run(self) -> None:
        self.october()
        run = self.compute()
        self.login(self.tax_admin)
        for name, pk in (
            ("staff:quality_scheme", self.scheme.pk),
            ("staff:quality_run", run.pk),
            ("staff:quality_run_excel", run.pk),
            ("staff:quality_run_pdf", run.pk),
        ):
            self.assertEqual(
                self.client.get(reverse(name, args=[pk])).status_code, 404, name
            )
        weights = reverse("staff:quality_scheme_weights", args=[self.scheme.pk, "qa"])
        self.assertEqual(self.client.get(weights).status_code, 404)
        listing = self.client.get(reverse("staff:quality_schemes"))
        self.assertNotContains(listing, self.scheme.name)

    def test_a_supervisor_reads_but_may_not_change_a_scheme(self) -> None:
        self.login(self.uni_supervisor)
        page = self.client.get(reverse("staff:quality_scheme", args=[self.scheme.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, 'id="factor-form"')
        response = self.client.post(
            reverse("staff:quality_scheme", args=[self.scheme.pk]),
            {"action": "remove", "key": "qc-rank"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(
            Factor.objects.filter(scheme=self.scheme, key="qc-rank").exists()
        )


class SchemePageTests(QualityTestCase):
    def test_coefficients_not_summing_to_one_show_a_message_on_the_field(self) -> None:
        self.login(self.uni_inspector)
        response = self.client.post(
            reverse("staff:quality_schemes"),
            {
                "purpose": "yearly",
                "name": "年度",
                "inner_a": 0.6,
                "inner_b": 0.3,
                "inner_c": 0.2,
                "outer_a": 0.6,
                "outer_b": 0.4,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("inner_a", response.context["form"].errors)
        self.assertFalse(Scheme.objects.filter(purpose="yearly").exists())

    def test_an_ahp_matrix_entered_in_the_page_sets_the_weights(self) -> None:
        self.login(self.uni_inspector)
        url = reverse("staff:quality_scheme_weights", args=[self.scheme.pk, "qa"])
        response = self.client.post(url, {"method": "ahp", "parent": "", "m_0_1": "3"})
        self.assertRedirects(
            response, reverse("staff:quality_scheme", args=[self.scheme.pk])
        )
        self.assertAlmostEqual(self.scheme.factors.get(key="qa-overall").weight, 0.75)

    def test_a_bad_matrix_cell_is_shown_on_its_cell(self) -> None:
        self.login(self.uni_inspector)
        url = reverse("staff:quality_scheme_weights", args=[self.scheme.pk, "qa"])
        response = self.client.post(url, {"method": "ahp", "parent": "", "m_0_1": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("m_0_1", response.context["form"].errors)

    def test_editing_a_frozen_scheme_makes_the_next_version(self) -> None:
        self.october()
        self.compute()
        self.login(self.uni_inspector)
        response = self.client.post(
            reverse("staff:quality_scheme", args=[self.scheme.pk]),
            {"action": "remove", "key": "qa-row-1"},
        )
        successor = Scheme.objects.get(purpose="monthly", version=2)
        self.assertRedirects(
            response, reverse("staff:quality_scheme", args=[successor.pk])
        )
        self.assertTrue(self.scheme.factors.filter(key="qa-row-1").exists())
        self.assertFalse(successor.factors.filter(key="qa-row-1").exists())


class ReportTests(QualityTestCase):
    def test_the_report_shows_q_inner_and_each_factor_with_its_data(self) -> None:
        self.october()
        run = self.compute()
        self.login(self.uni_supervisor)
        response = self.client.get(reverse("staff:quality_run", args=[run.pk]))
        self.assertContains(response, 'id="q-inner"')
        self.assertContains(response, f"{run.result['scopes']['all']['q_inner']:.1f}")
        self.assertContains(response, "总体满意度")
        self.assertContains(response, 'id="gap-5"')
        self.assertGreaterEqual(response.content.decode().count("<svg"), 4)
        manual = reverse("staff:quality_manual_scores")
        self.assertContains(response, f"{manual}?month=2026-10&amp;factor=qb-check")

    def test_the_month_page_sends_to_the_latest_run(self) -> None:
        self.october()
        run = self.compute()
        self.login(self.uni_supervisor)
        response = self.client.get(
            reverse("staff:quality_report"), {"month": "2026-10"}
        )
        self.assertRedirects(response, reverse("staff:quality_run", args=[run.pk]))

    def test_a_month_without_a_run_says_so(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(
            reverse("staff:quality_report"), {"month": "2026-09"}
        )
        self.assertContains(response, 'id="no-run"')

    def test_a_department_report_shows_its_own_figures(self) -> None:
        self.october()
        run = self.compute()
        self.login(self.uni_supervisor)
        response = self.client.get(
            reverse("staff:quality_run", args=[run.pk]), {"department": self.front.pk}
        )
        front = run.result["scopes"][str(self.front.pk)]
        self.assertContains(response, f"{front['q_inner']:.1f}")
        missing = self.client.get(
            reverse("staff:quality_run", args=[run.pk]), {"department": 999999}
        )
        self.assertEqual(missing.status_code, 404)

    def test_the_workbook_holds_the_summary_and_the_factors(self) -> None:
        self.october()
        run = self.compute()
        self.login(self.uni_supervisor)
        response = self.client.get(reverse("staff:quality_run_excel", args=[run.pk]))
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        summary = {
            row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)
        }
        self.assertAlmostEqual(
            summary["Q内"], round(run.result["scopes"]["all"]["q_inner"], 2)
        )
        factors = [
            row[2].strip()
            for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)
        ]
        self.assertIn("总体满意度", factors)

    def test_the_pdf_carries_the_chinese_text(self) -> None:
        self.october()
        run = self.compute()
        self.login(self.uni_supervisor)
        response = self.client.get(reverse("staff:quality_run_pdf", args=[run.pk]))
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = "".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn("北方大学后勤服务中心", text)
        self.assertIn("总体满意度", text)
        self.assertIn("Q内", text)

    def test_the_pdf_indents_each_factor_under_its_group(self) -> None:
        self.october()
        run = self.compute()
        self.login(self.uni_supervisor)
        response = self.client.get(reverse("staff:quality_run_pdf", args=[run.pk]))
        left = _left_edges(response.content)
        group, member = left["各方面评价"], left[self.rows[0].text]
        self.assertAlmostEqual(member - group, 4 * 72 / 25.4, places=1)  # 4 mm
        self.assertAlmostEqual(left["总体满意度"], group, places=1)


def _left_edges(pdf: bytes) -> dict[str, float]:
    """Where each line of text starts on its page, in points."""
    edges: dict[str, float] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            edges.setdefault(text.strip(), cm[0] * tm[4] + cm[2] * tm[5] + cm[4])

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return edges


class ManualScorePageTests(QualityTestCase):
    def test_a_manual_score_without_evidence_is_refused(self) -> None:
        self.login(self.uni_inspector)
        response = self.client.post(
            reverse("staff:quality_manual_scores"),
            {
                "scheme": self.scheme.pk,
                "factor": "qb-check",
                "month": "2026-10",
                "score": "88",
                "evidence": " ",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("evidence", response.context["form"].errors)

    def test_a_score_above_100_is_refused(self) -> None:
        self.login(self.uni_inspector)
        response = self.client.post(
            reverse("staff:quality_manual_scores"),
            {
                "scheme": self.scheme.pk,
                "factor": "qb-check",
                "month": "2026-10",
                "score": "120",
                "evidence": "报告",
            },
        )
        self.assertIn("score", response.context["form"].errors)

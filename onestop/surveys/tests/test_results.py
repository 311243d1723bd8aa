"""The results page of a questionnaire version and its workbook."""

from __future__ import annotations

import io
from datetime import date, timedelta

from django.urls import reverse
from openpyxl import load_workbook

from onestop.surveys.models import Channel
from onestop.surveys.results import Results, questionnaire_results
from onestop.surveys.services import Respondent, response_record
from onestop.surveys.testing import SurveyTestCase, at

PERIOD = {"start": "2026-10-01", "end": "2026-10-31"}
PHONE = "13812345678"


class ResultsTestCase(SurveyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.respond("2026-10-05 10:00", overall=5, phone=PHONE, department=self.front)
        # The same answer to every item of the three-item grid: screened out.
        self.screened = self.respond("2026-10-06 10:00", overall=1, grid=(2, 2, 2))
        now = at("2026-10-07 10:00")
        answers = self.answers(overall=4, grid=(4, 4, 5))
        answers[self.q4.pk] = [1]
        answers[self.q5.pk] = "=HYPERLINK(1)"
        response_record(
            questionnaire=self.sat,
            respondent=Respondent(channel=Channel.PHONE, phone="13900001111"),
            answers=answers,
            now=now,
            started_at=now - timedelta(seconds=300),
        )
        self.respond("2026-11-02 10:00", overall=1)  # outside the period


class ResultsTests(ResultsTestCase):
    def results(self, **extra: object) -> Results:
        return questionnaire_results(
            questionnaire=self.sat,
            start=date(2026, 10, 1),
            end=date(2026, 10, 31),
            **extra,  # type: ignore[arg-type]
        )

    def test_counts_means_and_distributions_leave_the_screened_out(self) -> None:
        self.assertTrue(self.screened.is_excluded)
        results = self.results()
        self.assertEqual((results.responses, results.screened_responses), (3, 1))
        rows = {r.code: r for r in results.questions}
        q1 = rows["Q1"]
        self.assertEqual((q1.counted, q1.screened), (2, 1))
        self.assertEqual((q1.mean, q1.score), (4.5, 87.5))
        self.assertEqual(
            [(o.label, o.count) for o in q1.options],
            [("1 很不满意", 0), ("2", 0), ("3", 0), ("4", 1), ("5 很满意", 1)],
        )
        self.assertEqual(q1.options[4].share, 0.5)
        # A grid row is a question of its own, on its grid's scale.
        row3 = rows["Q2_3"]
        self.assertEqual([o.count for o in row3.options], [0, 0, 1, 0, 1])
        # Multiple choice: shares of the respondents (电话 by both, 微信 by one).
        q4 = rows["Q4"]
        self.assertEqual(
            [(o.label, o.count, o.share) for o in q4.options],
            [("电话", 2, 1.0), ("微信", 1, 0.5), ("现场", 0, 0.0)],
        )
        self.assertIsNone(q4.mean)
        # Single choice with points: its choices and its score (准时 = 10 of 0–10).
        self.assertEqual(rows["Q3"].options[0].count, 2)
        self.assertEqual(rows["Q3"].score, 100.0)
        self.assertEqual((rows["Q5"].counted, rows["Q5"].options), (1, []))

    def test_a_department_counts_only_its_responses(self) -> None:
        results = self.results(department_id=self.front.pk)
        self.assertEqual(results.responses, 1)
        rows = {r.code: r for r in results.questions}
        self.assertEqual((rows["Q1"].counted, rows["Q1"].mean), (1, 5.0))


class ResultsPageTests(ResultsTestCase):
    def test_the_page_shows_each_question_with_its_bars(self) -> None:
        self.login(self.uni_supervisor)
        page = self.client.get(
            reverse("staff:survey_results", args=[self.sat.pk]), PERIOD
        )
        self.assertContains(page, 'data-responses="3" data-screened="1"')
        self.assertContains(page, 'data-question="Q2_1"')
        self.assertContains(page, "87.5")
        self.assertContains(page, "<svg", count=6)  # Q1, three rows, Q3, Q4
        self.assertContains(page, "2 (100.0%)")

    def test_the_workbook_has_the_summary_distribution_and_masked_responses(
        self,
    ) -> None:
        self.login(self.uni_supervisor)
        download = self.client.get(
            reverse("staff:survey_results_download", args=[self.sat.pk]), PERIOD
        )
        self.assertEqual(download.status_code, 200)
        self.assertIn("SAT-v1-20261001-20261031.xlsx", download["Content-Disposition"])
        book = load_workbook(io.BytesIO(download.content))
        summary, distribution, responses, _about = book.worksheets
        q1 = next(row for row in summary.iter_rows(values_only=True) if row[0] == "Q1")
        self.assertEqual(q1[1], "总体满意度")
        self.assertEqual(q1[3:], (2, 1, 4.5, 87.5))
        self.assertIn(
            ("Q4", "您通过哪些渠道报修", "微信", 1, 0.5),
            list(distribution.iter_rows(values_only=True)),
        )
        listed = list(responses.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(listed), 3)
        self.assertEqual(listed[0][4], "138****5678")
        header = next(responses.iter_rows(max_row=1, values_only=True))
        q1_column = header.index("Q1")
        self.assertEqual([row[q1_column] for row in listed], [5, 1, 4])
        self.assertEqual(listed[2][header.index("Q4")], "电话")
        # Screened: marked, with its reason.
        self.assertEqual([bool(row[6]) for row in listed], [False, True, False])
        # Text that looks like a formula stays text.
        q5 = responses.cell(4, header.index("Q5") + 1)
        self.assertEqual((q5.value, q5.data_type), ("=HYPERLINK(1)", "s"))
        everything = [
            str(v)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for v in row
        ]
        self.assertFalse(any(PHONE in v or "13900001111" in v for v in everything))
        self.assertIn("维修服务满意度回访 (SAT v1)", everything)

    def test_another_organisation_gets_404(self) -> None:
        self.login(self.tax_admin)
        for name in ("staff:survey_results", "staff:survey_results_download"):
            with self.subTest(name):
                self.assertEqual(
                    self.client.get(reverse(name, args=[self.sat.pk])).status_code, 404
                )

    def test_a_clerk_without_results_rights_is_refused(self) -> None:
        self.login(self.uni_clerk)
        page = self.client.get(reverse("staff:survey_results", args=[self.sat.pk]))
        self.assertEqual(page.status_code, 403)

"""The assessment pages: who sees what, the forms, the exports."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from onestop.assessment.models import ManualCheck, Objection, Plan, Score
from onestop.assessment.services import plan_run
from onestop.assessment.tests.plans import record_onsite
from onestop.assessment.tests.test_services import AssessmentCase


class ViewCase(AssessmentCase):
    def setUp(self) -> None:
        self.check = record_onsite(self)
        self.the_run = plan_run(actor=self.uni_supervisor, plan=self.plan)
        self.clerk_score = Score.objects.get(
            run=self.the_run, subject_kind="person", subject_id=self.uni_clerk.pk
        )
        self.post_score = Score.objects.get(
            run=self.the_run, subject_kind="post", subject_id=self.post_front.pk
        )


class IsolationTests(ViewCase):
    def test_another_organisation_gets_404_on_every_uni_object(self) -> None:
        self.login(self.tax_admin)
        urls = [
            reverse("staff:assessment_plan", args=[self.plan.pk]),
            reverse("staff:assessment_run", args=[self.the_run.pk]),
            reverse("staff:assessment_run_excel", args=[self.the_run.pk]),
            reverse("staff:assessment_score", args=[self.clerk_score.pk]),
            reverse("staff:assessment_score", args=[self.post_score.pk]),
            reverse("staff:assessment_indicator", args=[self.on_time.indicator_id]),
        ]
        for url in urls:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        posts = [
            reverse("staff:assessment_plan_run", args=[self.plan.pk]),
            reverse("staff:assessment_plan_sign", args=[self.plan.pk]),
            reverse("staff:assessment_check_withdraw", args=[self.check.pk]),
        ]
        for url in posts:
            with self.subTest(url=url):
                self.assertEqual(
                    self.client.post(url, {"reason": "x"}).status_code, 404
                )
        self.assertEqual(self.plan.runs.count(), 1)

    def test_another_organisations_lists_show_none_of_uni(self) -> None:
        self.login(self.tax_admin)
        home = self.client.get(reverse("staff:assessment"))
        self.assertNotContains(home, "2025年5月绩效考核")
        competition = self.client.get(reverse("staff:assessment_competition"))
        self.assertNotContains(competition, "窗口受理岗")


class VisibilityTests(ViewCase):
    def test_a_person_sees_their_own_score_with_the_working_and_evidence(self) -> None:
        self.login(self.uni_clerk)
        page = self.client.get(
            reverse("staff:assessment_score", args=[self.clerk_score.pk])
        )
        self.assertContains(page, "73.00")
        self.assertContains(page, "窗口工作时间玩手机")
        self.assertContains(page, "监控录像")
        self.assertContains(page, "20 − 2 = 18")

    def test_a_person_never_sees_another_persons_score(self) -> None:
        self.login(self.uni_technician)
        url = reverse("staff:assessment_score", args=[self.clerk_score.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        run_page = self.client.get(
            reverse("staff:assessment_run", args=[self.the_run.pk])
        )
        self.assertNotContains(run_page, 'data-kind="person"')
        self.assertContains(run_page, 'data-kind="post"')
        workbook = self.client.get(
            reverse("staff:assessment_run_excel", args=[self.the_run.pk])
        )
        names = [
            c.value for c in load_workbook(io.BytesIO(workbook.content))["Totals"]["B"]
        ]
        self.assertIn("窗口受理岗", names)
        self.assertNotIn("uni_clerk", names)

    def test_a_supervisor_sees_everyones_scores(self) -> None:
        self.login(self.uni_supervisor)
        url = reverse("staff:assessment_score", args=[self.clerk_score.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        run_page = self.client.get(
            reverse("staff:assessment_run", args=[self.the_run.pk])
        )
        self.assertContains(run_page, 'data-kind="person"')
        self.assertContains(run_page, "<svg")

    def test_my_scores_list_only_my_own(self) -> None:
        self.login(self.uni_technician)
        page = self.client.get(reverse("staff:assessment"))
        self.assertContains(page, "81.25")
        self.assertNotContains(page, "73.00")

    def test_staff_without_rights_cannot_open_a_plan(self) -> None:
        self.login(self.uni_clerk)
        url = reverse("staff:assessment_plan", args=[self.plan.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(
            self.client.post(
                reverse("staff:assessment_plan_run", args=[self.plan.pk])
            ).status_code,
            403,
        )


class WorkbookTests(ViewCase):
    def test_the_workbook_has_every_line_with_its_inputs(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.get(
            reverse("staff:assessment_run_excel", args=[self.the_run.pk])
        )
        book = load_workbook(io.BytesIO(response.content))
        rows = list(book["Score lines"].iter_rows(min_row=2, values_only=True))
        # 2 people × 5 + U-P1 × 2 + U-P2 × 1
        self.assertEqual(len(rows), 13)
        clerk_manual = [r for r in rows if r[3] == "现场检查" and r[8] == 18]
        self.assertEqual(len(clerk_manual), 1)
        self.assertIn("20 − 2 = 18", clerk_manual[0][9])


class FormTests(ViewCase):
    def test_a_step_table_out_of_order_is_refused_on_the_bands_field(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(reverse("staff:assessment_indicators"), {
            "code": "ZB-09", "name": "等候时间", "definition": "平均等候分钟",
            "source": "metric", "metric_key": "average_wait_minutes", "direction": "lower",
            "rule_kind": "steps", "steps": "20 0.6\n10 1",
        })  # fmt: skip
        self.assertEqual(response.status_code, 400)
        self.assertIn("steps", response.context["form"].errors)
        self.assertFalse(self.uni.indicator_set.filter(code="ZB-09").exists())

    def test_a_good_indicator_is_saved_with_its_rule(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(reverse("staff:assessment_indicators"), {
            "code": "ZB-09", "name": "等候时间", "definition": "平均等候分钟",
            "source": "metric", "metric_key": "average_wait_minutes", "direction": "lower",
            "rule_kind": "linear", "worst": "30", "best": "5",
        })  # fmt: skip
        self.assertEqual(response.status_code, 302)
        version = self.uni.indicator_set.get(code="ZB-09").versions.get()
        self.assertEqual(version.rule, {"kind": "linear", "worst": 30.0, "best": 5.0})

    def test_weights_not_summing_to_one_are_refused_on_the_page(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(
            reverse("staff:assessment_plan_weights", args=[self.plan.pk]),
            {"group": "department", f"weight_{self.on_time.pk}": "0.5",
             f"weight_{self.rating.pk}": "0.3"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 400)
        self.assertIn("0.8", str(response.context["weights_form"].non_field_errors()))

    def test_a_plan_for_a_month_is_created_from_the_home_page(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(
            reverse("staff:assessment_plan_new"),
            {"name": "2025年6月", "month": "2025-06", "copy_from": self.plan.pk},
        )
        plan = Plan.objects.get(name="2025年6月")
        self.assertRedirects(response, reverse("staff:assessment_plan", args=[plan.pk]))
        self.assertEqual(
            (plan.period_start, plan.period_end), (date(2025, 6, 1), date(2025, 6, 30))
        )
        self.assertEqual(plan.items.count(), self.plan.items.count())

    def test_an_inspector_records_a_check_with_an_evidence_file(self) -> None:
        self.login(self.uni_inspector)
        photo = SimpleUploadedFile("监控.jpg", b"\xff\xd8\xff\xe0photo", "image/jpeg")
        response = self.client.post(
            reverse("staff:assessment_check_new", args=[self.plan.pk]),
            {"indicator_version": self.onsite.pk, "subject": f"person:{self.uni_technician.pk}",
             "occurred_on": "2025-05-22", "value": "1", "finding": "未着工装",
             "evidence": "现场照片", "evidence_file": photo},
        )  # fmt: skip
        self.assertEqual(response.status_code, 302)
        check = ManualCheck.objects.get(finding="未着工装")
        self.assertTrue(check.evidence_file.name.startswith("assessment/"))
        self.login(self.uni_technician)
        download = self.client.get(
            reverse("staff:assessment_check_evidence", args=[check.pk])
        )
        self.assertEqual(b"".join(download.streaming_content), b"\xff\xd8\xff\xe0photo")
        self.login(self.uni_clerk)
        other = self.client.get(
            reverse("staff:assessment_check_evidence", args=[check.pk])
        )
        self.assertEqual(other.status_code, 404)

    def test_a_check_outside_the_period_is_refused_naming_the_date(self) -> None:
        self.login(self.uni_inspector)
        response = self.client.post(
            reverse("staff:assessment_check_new", args=[self.plan.pk]),
            {"indicator_version": self.onsite.pk, "subject": f"person:{self.uni_clerk.pk}",
             "occurred_on": "2025-06-02", "value": "1", "finding": "迟到", "evidence": "考勤"},
        )  # fmt: skip
        self.assertEqual(response.status_code, 400)
        self.assertIn("occurred_on", response.context["form"].errors)

    def test_the_clerk_objects_and_the_supervisor_answers(self) -> None:
        line = self.clerk_score.lines.get(source="manual")
        self.login(self.uni_clerk)
        response = self.client.post(
            reverse("staff:assessment_objection_new", args=[line.pk]),
            {"reason": "在查政策"},
        )
        self.assertEqual(response.status_code, 302)
        objection = Objection.objects.get()
        self.login(self.uni_supervisor)
        self.client.post(
            reverse("staff:assessment_objection_resolve", args=[objection.pk]),
            {"action": "reject", "answer": "维持"},
        )
        objection.refresh_from_db()
        self.assertEqual(objection.status, "rejected")

    def test_a_person_cannot_object_to_another_persons_line(self) -> None:
        line = self.clerk_score.lines.get(source="manual")
        self.login(self.uni_technician)
        response = self.client.post(
            reverse("staff:assessment_objection_new", args=[line.pk]), {"reason": "x"}
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Objection.objects.exists())

    def test_the_pages_render(self) -> None:
        self.login(self.uni_supervisor)
        for url in (
            reverse("staff:assessment"),
            reverse("staff:assessment_indicators"),
            reverse("staff:assessment_indicator", args=[self.rating.indicator_id]),
            reverse("staff:assessment_plan", args=[self.plan.pk]),
            reverse("staff:assessment_check_new", args=[self.plan.pk]),
            reverse("staff:assessment_competition"),
            reverse("staff:assessment_score", args=[self.post_score.pk]),
        ):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

"""The inspection pages, as inspectors, staff members and supervisors use them."""

import time_machine
from django.urls import reverse

from onestop.inspection.models import Inspection, InspectionStatus, ScorecardKind
from onestop.inspection.services import appeal_file, inspection_score, scorecard_create
from onestop.inspection.testing import MYSTERY_CARD, InspectionTestCase, at


@time_machine.travel(at("2025-03-10 10:00"), tick=False)
class PageTests(InspectionTestCase):
    def setUp(self) -> None:
        self.inspection = self.inspection_of(self.done_case("2025-03-03 10:00"))

    def score_post(self) -> dict[str, str]:
        polite, progress, privacy = self.items()
        cut = polite.deductions.get(name="未一次性告知")
        return {
            f"item_{polite.pk}_points": "10",
            f"item_{polite.pk}_deductions": str(cut.pk),
            f"item_{polite.pk}_note": "录音 02:10",
            f"item_{progress.pk}_passed": "yes",
            f"item_{privacy.pk}_passed": "yes",
            "comment": "未一次性告知补正材料",
        }

    def test_inspector_scores_from_the_worklist(self) -> None:
        self.login(self.tax_inspector)
        page = self.client.get(reverse("staff:inspection_worklist"))
        self.assertContains(
            page, reverse("staff:inspection_score", args=[self.inspection.pk])
        )
        response = self.client.post(
            reverse("staff:inspection_score", args=[self.inspection.pk]),
            self.score_post(),
        )
        self.assertRedirects(
            response, reverse("staff:inspection_detail", args=[self.inspection.pk])
        )
        self.inspection.refresh_from_db()
        self.assertEqual(str(self.inspection.total), "80.00")

    def test_missing_pass_fail_mark_is_shown_on_its_item(self) -> None:
        self.login(self.tax_inspector)
        data = self.score_post()
        progress = self.items()[1]
        del data[f"item_{progress.pk}_passed"]
        response = self.client.post(
            reverse("staff:inspection_score", args=[self.inspection.pk]), data
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "主动告知办理进度", status_code=400)
        self.inspection.refresh_from_db()
        self.assertEqual(self.inspection.status, InspectionStatus.ASSIGNED)

    def test_staff_member_sees_own_work_and_appeals(self) -> None:
        inspection_score(
            actor=self.tax_inspector,
            inspection=self.inspection,
            marks=self.marks(cut="未一次性告知"),
        )
        self.login(self.tax_clerk)
        page = self.client.get(reverse("staff:inspection_my_work"))
        self.assertContains(page, "80.00")
        self.client.post(
            reverse("staff:inspection_appeal", args=[self.inspection.pk]),
            {"reason": "已告知"},
        )
        self.inspection.refresh_from_db()
        self.assertEqual(self.inspection.status, InspectionStatus.APPEALED)
        # Another clerk cannot read it.
        self.login(self.tax_clerk2)
        self.assertEqual(
            self.client.get(
                reverse("staff:inspection_detail", args=[self.inspection.pk])
            ).status_code,
            403,
        )

    def test_supervisor_upholds_with_corrected_marks(self) -> None:
        inspection_score(
            actor=self.tax_inspector,
            inspection=self.inspection,
            marks=self.marks(cut="未一次性告知"),
        )
        appeal_file(actor=self.tax_clerk, inspection=self.inspection, reason="有回执")
        self.login(self.tax_supervisor)
        self.assertContains(
            self.client.get(reverse("staff:inspection_appeals")), "有回执"
        )
        data = {f"fix-{k}": v for k, v in self.score_post().items()}
        data.pop(f"fix-item_{self.items()[0].pk}_deductions")
        data.update(reason="回执属实", outcome="uphold")
        response = self.client.post(
            reverse("staff:inspection_decide", args=[self.inspection.pk]), data
        )
        self.assertRedirects(response, reverse("staff:inspection_appeals"))
        self.inspection.refresh_from_db()
        self.assertEqual(
            (self.inspection.status, str(self.inspection.total)),
            (InspectionStatus.UPHELD, "100.00"),
        )

    def test_figures_and_item_drill_down_list_the_inspection(self) -> None:
        inspection_score(
            actor=self.tax_inspector,
            inspection=self.inspection,
            marks=self.marks(cut="未一次性告知"),
        )
        self.login(self.tax_admin)
        period = {"start": "2025-03-01", "end": "2025-03-31"}
        page = self.client.get(reverse("staff:inspection_figures"), period)
        self.assertContains(page, "<svg")
        self.assertContains(page, "80.0")
        item = self.items()[0]
        drill = self.client.get(
            reverse("staff:inspection_item_results", args=[item.pk]), period
        )
        self.assertContains(drill, self.inspection.case.number)
        self.assertContains(drill, "未一次性告知")

    def test_scorecard_editor_reads_the_outline(self) -> None:
        self.login(self.tax_inspector)
        outline = (
            "# 服务规范\n文明用语 | 10 | 未使用文明用语 -3\n"
            "# 信息安全\n未泄露个人信息 | 10 | critical"
        )
        response = self.client.post(
            reverse("staff:inspection_scorecard_new"),
            {
                "name": "热线质检表",
                "kind": ScorecardKind.INSPECTION,
                "appeal_days": 3,
                "outline": outline,
            },
        )
        self.assertEqual(response.status_code, 302)
        card = self.tax.inspection_scorecard_set.get(name="热线质检表")
        self.assertEqual(card.items.get(is_critical=True).text, "未泄露个人信息")
        bad = self.client.post(
            reverse("staff:inspection_scorecard_new"),
            {
                "name": "坏表",
                "kind": ScorecardKind.INSPECTION,
                "appeal_days": 3,
                "outline": "文明用语 | 10",
            },
        )
        # An item before any section line is refused, and nothing is saved.
        self.assertEqual(bad.status_code, 400)
        self.assertFalse(self.tax.inspection_scorecard_set.filter(name="坏表").exists())

    def test_sampling_page_draws_a_month(self) -> None:
        # The setUp case is inspected already, so only this one is left to draw.
        self.done_case("2025-03-05 10:00")
        self.login(self.tax_admin)
        self.client.post(
            reverse("staff:inspection_rules"),
            {
                "name": "每人每月5件",
                "scorecard": self.card.pk,
                "target_kind": "case",
                "method": "per_staff",
                "per_staff": 5,
            },
        )
        rule = self.tax.inspection_samplingrule_set.get()
        self.client.post(
            reverse("staff:inspection_rule_run", args=[rule.pk]),
            {
                "start": "2025-03-01",
                "end": "2025-03-31",
                "inspectors": [self.tax_inspector.pk],
            },
        )
        self.assertEqual(Inspection.objects.filter(run__rule=rule).count(), 1)

    def test_mystery_visit_from_the_worklist(self) -> None:
        card = scorecard_create(
            actor=self.tax_admin, organisation=self.tax, draft=MYSTERY_CARD
        )
        self.login(self.tax_inspector)
        response = self.client.post(
            reverse("staff:inspection_worklist"), {"scorecard": card.pk}
        )
        visit = Inspection.objects.get(scorecard=card)
        self.assertRedirects(
            response, reverse("staff:inspection_score", args=[visit.pk])
        )
        page = self.client.get(reverse("staff:inspection_score", args=[visit.pk]))
        self.assertContains(page, 'name="visit_at"')

    def test_another_organisation_gets_404_everywhere(self) -> None:
        inspection_score(
            actor=self.tax_inspector, inspection=self.inspection, marks=self.marks()
        )
        self.login(self.uni_admin)
        item = self.items()[0]
        for name, args in (
            ("staff:inspection_detail", [self.inspection.pk]),
            ("staff:inspection_scorecard", [self.card.pk]),
            ("staff:inspection_scorecard_edit", [self.card.pk]),
            ("staff:inspection_item_results", [item.pk]),
        ):
            with self.subTest(name=name):
                self.assertEqual(
                    self.client.get(reverse(name, args=args)).status_code, 404
                )
        self.login(self.uni_inspector)
        self.assertEqual(
            self.client.get(
                reverse("staff:inspection_score", args=[self.inspection.pk])
            ).status_code,
            404,
        )
        self.assertNotContains(
            self.client.get(reverse("staff:inspection_scorecards")),
            self.card.name,
        )

    def test_roles_guard_the_pages(self) -> None:
        self.login(self.tax_clerk)
        for name in (
            "staff:inspection_worklist",
            "staff:inspection_figures",
            "staff:inspection_appeals",
            "staff:inspection_scorecards",
        ):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(reverse(name)).status_code, 403)
        self.assertEqual(
            self.client.get(reverse("staff:inspection_my_work")).status_code, 200
        )

"""Browser: an inspector builds a three-source scheme with AHP weights, computes
October, and drills from Q内 down to one factor's survey responses."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from playwright.sync_api import expect

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, populate_two_organisations
from onestop.organisations.roles import roles_sync
from onestop.surveys.models import Channel
from onestop.surveys.services import Respondent, response_record
from onestop.surveys.testing import at, build_satisfaction


class InspectorBuildsAndReadsTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        traveller = time_machine.travel("2026-11-05 09:00 +08:00", tick=True)
        traveller.start()
        self.addCleanup(traveller.stop)
        roles_sync()
        populate_two_organisations(self)
        self.sat = build_satisfaction(self.uni_inspector, self.uni)
        questions = {q.code: q for q in self.sat.questions.all()}
        self.q1 = questions["Q1"]
        grid = list(questions["Q2"].rows.order_by("position"))
        self.row = grid[0]
        front = self.uni_structure["front"]
        for day, overall, speed in (("2026-10-10", 5, 4), ("2026-10-12", 3, 4)):
            now = at(f"{day} 10:00")
            response_record(
                questionnaire=self.sat,
                respondent=Respondent(channel=Channel.LINK, department_id=front.pk),
                answers={
                    self.q1.pk: overall,
                    grid[0].pk: speed,
                    grid[1].pk: 4,
                    grid[2].pk: 3,
                    questions["Q3"].pk: 1,
                    questions["Q4"].pk: [1],
                },
                now=now,
                started_at=now - timedelta(seconds=120),
            )

    def add_factor(
        self, source: str, key: str, name: str, kind: str, ref: str = ""
    ) -> None:
        page = self.page
        page.select_option("#id_factor-source", source)
        page.fill("#id_factor-key", key)
        page.fill("#id_factor-name", name)
        page.select_option("#id_factor-binding_kind", kind)
        page.fill("#id_factor-binding_ref", ref)
        page.click("#factor-form button[type=submit]")
        expect(page.locator(f"tr[data-key='{key}']")).to_be_visible()

    def test_scheme_with_ahp_weights_computed_and_drilled_down(self) -> None:
        page = self.page
        self.sign_in("uni_inspector", PASSWORD)
        page.goto(self.url("/staff/quality/schemes/"))
        page.fill("#id_purpose", "monthly")
        page.fill("#id_name", "后勤服务质量月度评价")
        page.click("#scheme-form button[type=submit]")
        expect(page.locator("h1")).to_contain_text("后勤服务质量月度评价")

        self.add_factor(
            "qa", "qa-overall", "总体满意度", "survey_question", str(self.q1.pk)
        )
        self.add_factor(
            "qa", "qa-speed", "响应速度", "survey_question", str(self.row.pk)
        )
        self.add_factor("qb", "qb-check", "部门自查", "manual")
        self.add_factor("qc", "qc-rank", "行业评比", "manual")

        # AHP for the customers' factors: 总体满意度 is 3 times as important.
        page.click("#weights-qa")
        page.select_option("#id_method", "ahp")
        page.fill("#id_m_0_1", "3")
        page.click("#weights-form button[type=submit]")
        expect(page.locator("#judgments")).to_contain_text("AHP")
        expect(page.locator("tr[data-key='qa-overall']")).to_contain_text("0.7500")
        for source in ("qb", "qc"):
            page.click(f"#weights-{source}")
            page.select_option("#id_method", "direct")
            page.fill("#id_weights", "1")
            page.click("#weights-form button[type=submit]")
        expect(page.locator("#weight-check .q-bad")).to_have_count(0)

        page.goto(self.url("/staff/quality/manual-scores/"))
        for key, score in (("qb-check", "90"), ("qc-rank", "80")):
            page.select_option("#id_factor", key)
            page.fill("#id_month", "2026-10")
            page.fill("#id_score", score)
            page.fill("#id_evidence", "2026年10月专项检查报告")
            page.click("#manual-form button[type=submit]")
            expect(
                page.locator(f"#manual-scores tr[data-factor='{key}']")
            ).to_be_visible()

        page.goto(self.url("/staff/quality/schemes/"))
        page.click("#schemes a")
        page.fill("#id_month", "2026-10")
        page.click("#compute button[type=submit]")
        # Q1: 5 and 3 → 75; 响应速度: 4 and 4 → 75; Qa = 75.
        # Q内 = 0.5 × 75 + 0.3 × 90 + 0.2 × 80 = 80.5.
        expect(page.locator("#q-inner")).to_have_text("80.5")
        expect(page.locator("#q-outer")).to_have_text("77.0")
        expect(page.locator("#gaps article")).to_have_count(5)

        page.click("tr[data-key='qa-overall'] a.drill")
        page.wait_for_url(lambda url: f"/questions/{self.q1.pk}/answers/" in url)
        expect(page.locator("body")).to_contain_text("总体满意度")
        assert "start=2026-10-01" in page.url and "end=2026-10-31" in page.url

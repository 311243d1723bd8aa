"""Browser: May's assessment from the plan to the signature.

A supervisor sets the May plan (persons weighted on five indicators) and runs
it → an inspector records an on-site deduction with its evidence → the
supervisor runs May again (version 2) → the clerk opens her score, sees the
2 points lost with the finding and the evidence, and objects → the
supervisor upholds the objection, runs again (version 3, the points back) and
signs, which locks the period. The provider's statement of the Done-when is
the providers app's test.
"""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.assessment.models import Plan, PlanStatus, Score
from onestop.assessment.tests.fixtures import populate_may
from onestop.assessment.tests.plans import populate_indicators
from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, populate_two_organisations
from onestop.organisations.roles import roles_sync


class MayAssessmentTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        populate_may(self)
        populate_indicators(self)

    def staff(self, username: str) -> None:
        self.context.clear_cookies()
        self.sign_in(username, PASSWORD)

    def plan_page(self) -> None:
        plan = Plan.objects.get(organisation=self.uni)
        self.page.goto(self.url(f"/staff/assessment/plans/{plan.pk}/"))

    def run_again(self, note: str) -> None:
        self.plan_page()
        self.page.fill("#run-form [name=note]", note)
        self.page.click("#run-form button[type=submit]")
        self.page.wait_for_url("**/assessment/runs/**")

    def test_may_from_plan_to_signature(self) -> None:
        page = self.page
        # The supervisor sets the plan and runs May.
        self.staff("uni_supervisor")
        page.goto(self.url("/staff/assessment/"))
        page.fill("#plan-form [name=name]", "2025年5月绩效考核")
        page.fill("#plan-form [name=month]", "2025-05")
        page.click("#plan-form button[type=submit]")
        page.wait_for_url("**/assessment/plans/**")
        page.locator("#items summary").click()
        page.select_option("#weights-form [name=group]", "person")
        weights = {self.on_time: "0.3", self.one_time: "0.1", self.rating: "0.2",
                   self.complaints: "0.2", self.onsite: "0.2"}  # fmt: skip
        for version, weight in weights.items():
            page.fill(f"#weights-form [name=weight_{version.pk}]", weight)
        page.click("#weights-form button[type=submit]")
        expect(page.locator("#items table")).to_contain_text("现场检查")
        page.click("#run-form button[type=submit]")
        page.wait_for_url("**/assessment/runs/**")
        expect(page.locator('[data-kind="person"]')).to_contain_text("uni_clerk")

        # The inspector records an on-site deduction with evidence.
        self.staff("uni_inspector")
        self.plan_page()
        page.click("#checks a.button")
        page.select_option("#check-form [name=indicator_version]", str(self.onsite.pk))
        page.select_option("#check-form [name=subject]", f"person:{self.uni_clerk.pk}")
        page.fill("#check-form [name=occurred_on]", "2025-05-20")
        page.fill("#check-form [name=value]", "1")
        page.fill("#check-form [name=finding]", "窗口工作时间玩手机")
        page.fill("#check-form [name=evidence]", "监控录像 5月20日 10:12，1号窗口")
        page.click("#check-form button[type=submit]")
        expect(page.locator("#checks")).to_contain_text("窗口工作时间玩手机")

        self.staff("uni_supervisor")
        self.run_again("计入现场检查")

        # The clerk sees how the points were lost, and objects.
        self.staff("uni_clerk")
        page.goto(self.url("/staff/assessment/"))
        page.locator("#my-scores a").first.click()
        expect(page.locator("#total")).to_have_text("73.00")
        manual = page.locator('tr[data-source="manual"]')
        expect(manual).to_contain_text("20 − 2 = 18")
        expect(manual).to_contain_text("监控录像")
        manual.locator("summary").click()
        manual.locator("[name=reason]").fill("当时在用手机查询政策文件，为群众解答")
        manual.locator("button[type=submit]").click()
        expect(page.locator('tr[data-source="manual"] .objection')).to_contain_text(
            "查询政策"
        )

        # The supervisor upholds it, runs again and signs.
        self.staff("uni_supervisor")
        self.plan_page()
        resolve = page.locator("#objections form.resolve")
        resolve.locator("input[name=action][value=uphold]").check()
        resolve.locator("[name=answer]").fill("核实监控，确为查询政策，撤销扣分")
        resolve.locator("button[type=submit]").click()
        expect(page.locator("#stale")).to_be_visible()
        self.run_again("复核后重算")
        self.plan_page()
        page.click("#sign-form button[type=submit]")
        expect(page.locator("#plan-status")).to_have_attribute("data-status", "signed")
        expect(page.locator("#run-form")).to_have_count(0)

        plan = Plan.objects.get(organisation=self.uni)
        self.assertEqual(plan.status, PlanStatus.SIGNED)
        self.assertEqual(plan.signed_run.number, 3)
        final = Score.objects.get(run=plan.signed_run, subject_kind="person",
                                  subject_id=self.uni_clerk.pk)  # fmt: skip
        self.assertEqual(str(final.total), "75.00")

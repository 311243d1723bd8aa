"""Browser: a manager defines a VIP segment by rule and its policy; a VIP's case is due sooner.

The manager writes the rule in the editor, previews how many customers it
selects, saves it, sees the segment's size, and gives it a 3-working-day
policy with an account manager; the VIP's next case, accepted on Monday
28 September 2026, then shows 3 working days and is due on 8 October (the
National Day holiday skipped), while another firm's case keeps the 10 days.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from onestop.cases.testing import APPLICANT, populate_case_fixture
from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, make_user, populate_two_organisations
from onestop.customers.testing import make_customer
from onestop.intake.checks import Applicant, MaterialCheck
from onestop.intake.services import case_intake
from onestop.organisations.roles import roles_sync
from onestop.organisations.services import membership_grant

SH = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 9, 28, 10, 0, tzinfo=SH)


class VipSegmentTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        populate_case_fixture(self)
        self.manager = make_user("tax_manager", first_name="周经理")
        membership_grant(
            actor=None, organisation=self.tax, user=self.manager, roles=["manager"]
        )
        make_customer(
            self.tax,
            name=APPLICANT.name,
            id_number=APPLICANT.id_number,
            attributes={"年纳税额": "1800000", "规模": "大型"},
        )
        make_customer(
            self.tax,
            name="小微商店",
            phone="13900001111",
            attributes={"年纳税额": "30000"},
        )
        make_customer(
            self.tax,
            name="高收入个人",
            kind="individual",
            phone="13900002222",
            attributes={"年纳税额": "2500000"},
        )

    def intake(self, applicant: Applicant) -> str:
        case = case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=applicant,
            checks=[
                MaterialCheck(position=p, received=True, form="original", count=2)
                for p in (1, 2, 3)
            ],
            outcome="accepted",
            now=MONDAY,
        )
        return case.number

    def condition(self, row: int, field: str, op: str, value: str) -> None:
        self.page.fill(f"[name=c-{row}-field]", field)
        self.page.select_option(f"[name=c-{row}-op]", op)
        self.page.fill(f"[name=c-{row}-value]", value)

    def test_manager_defines_a_vip_segment_and_the_vips_case_is_due_sooner(
        self,
    ) -> None:
        page = self.page
        self.sign_in("tax_manager", PASSWORD)
        page.goto(self.url("/staff/segments/"))
        page.click("#segment-new")
        page.fill("[name=name]", "VIP纳税人")
        page.select_option("[name=match]", "all")
        self.condition(0, "kind", "eq", "organisation")
        self.condition(1, "年纳税额", "ge", "1000000")
        page.click("#preview-button")
        expect(page.locator("#preview")).to_have_attribute("data-count", "1")
        page.click("#save-button")
        expect(page.locator("#segment-size")).to_have_attribute("data-size", "1")
        expect(page.locator("#members")).to_contain_text(APPLICANT.name)

        page.click("#policy-edit")
        page.fill("[name=priority]", "1")
        page.fill("[name=routing_tier]", "VIP")
        page.fill("[name=time_limit_days]", "3")
        page.select_option("[name=account_manager]", label="周经理")
        page.click("#policy-form button[type=submit]")
        expect(page.locator("#policy [data-policy-limit]")).to_contain_text("3")
        page.goto(self.url("/staff/segments/"))
        expect(page.locator("tr[data-segment=VIP纳税人]")).to_contain_text("周经理")

        vip_case = self.intake(APPLICANT)
        plain_case = self.intake(
            Applicant(kind="organisation", name="小微商店", phone="13900001111")
        )
        page.goto(self.url(f"/staff/cases/{vip_case}/"))
        expect(page.locator("#customer-policy")).to_contain_text("VIP纳税人")
        expect(page.locator("#customer-policy")).to_contain_text("周经理")
        expect(page.locator("#clocks")).to_contain_text("3")
        expect(page.locator("[data-clock=case-due]")).to_have_text("2026-10-08 17:30")
        page.goto(self.url(f"/staff/cases/{plain_case}/"))
        expect(page.locator("[data-clock=case-due]")).to_have_text("2026-10-16 17:30")
        expect(page.locator("#customer-policy")).not_to_contain_text("VIP纳税人")

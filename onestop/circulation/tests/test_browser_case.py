"""Browser: one whole case, from the window to the pickup, with its deadlines checked.

Intake with one missing material → one-time notice → supplement → accepted
with a receipt → two back-office steps → suspension and resume → extension
approved → completed → applicant notified → picked up. The clock is moved
between the steps (time_machine patches the live server too); each deadline
shown is the one the 2026 holiday notice gives (国庆 10月1日至7日放假,
10月10日星期六上班).
"""

from __future__ import annotations

import time_machine

from onestop.cases.models import Case, CaseStatus
from onestop.cases.testing import populate_case_fixture
from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, populate_two_organisations
from onestop.notifications.sms import LocmemBackend
from onestop.organisations.roles import roles_sync


class WholeCaseInTheBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        populate_case_fixture(
            self
        )  # the same tax hall, item and people as the service tests
        LocmemBackend.outbox.clear()

    def as_user(self, username: str) -> None:
        self.context.clear_cookies()
        self.sign_in(username, PASSWORD)

    def act(self, action: str, **fields: str) -> None:
        form = self.page.locator(f"form[data-action={action}]")
        form.locator("summary").click()
        for name, value in fields.items():
            field = form.locator(f"[name={action}-{name}]")
            if field.evaluate("e => e.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def case_due(self) -> str:
        return self.page.locator("[data-clock=case-due]").inner_text().strip()

    def test_one_case_from_window_to_pickup(self) -> None:
        page = self.page
        with time_machine.travel("2026-09-25 15:00 +0800", tick=False) as clock:
            self.as_user("tax_clerk")
            page.goto(self.url("/staff/intake/?q=注销"))
            page.click("text=注销税务登记")
            page.fill("#id_applicant_name", "长春市示例商贸有限公司")
            page.check("input[value=organisation]")
            page.fill("#id_applicant_phone", "13812345678")
            page.fill("#id_applicant_id_number", "91350100M000100Y43")
            for index in (1, 2):
                page.check(f"#id_m-{index}-received")
            page.fill("#id_m-2-count", "2")
            self.assertIn("注销税务登记申请表", page.locator("#owed").inner_text())
            page.click("button[value=notice]")
            self.assertIn("一次性告知书", page.content())
            self.assertIn("注销税务登记申请表", page.locator("main").inner_text())
            number = Case.objects.get().number

            clock.move_to("2026-09-28 10:00 +0800")
            page.goto(self.url(f"/staff/cases/{number}/"))
            page.check("#supplement input[name$='-received']")
            page.click("#supplement button[value=accepted]")
            self.assertIn("受理通知书", page.content())
            self.assertIn("2026年10月16日", page.locator("main").inner_text())

            clock.move_to("2026-09-30 11:00 +0800")
            self.as_user("tax_handler")
            page.goto(self.url("/staff/work/"))
            page.click(f"text={number}")
            self.assertEqual(self.case_due(), "2026-10-16 17:30")
            self.act("approve", comment="材料齐全，同意")
            self.assertIn(
                "2026-10-09 17:30", page.locator("[data-clock=step-due]").inner_text()
            )

            clock.move_to("2026-10-08 09:00 +0800")
            page.reload()
            self.act("suspend", reason="expert_review", note="委托鉴定")
            self.assertIn("计时", self.case_due())  # clock stopped
            clock.move_to("2026-10-12 09:00 +0800")
            page.reload()
            self.act("resume")
            self.assertEqual(self.case_due(), "2026-10-21 17:30")

            clock.move_to("2026-10-13 09:00 +0800")
            page.reload()
            self.act("extend_request", days="5", reason="需补充调查")
            self.as_user("tax_supervisor")
            page.goto(self.url(f"/staff/cases/{number}/"))
            self.act("extend_approve")
            self.assertEqual(self.case_due(), "2026-10-28 17:30")

            clock.move_to("2026-10-14 10:00 +0800")
            self.as_user("tax_handler")
            page.goto(self.url(f"/staff/cases/{number}/"))
            self.act("complete", comment="准予注销")
            completion = [m for m in LocmemBackend.outbox if "已办结" in m["text"]]
            self.assertEqual(len(completion), 1)

            clock.move_to("2026-10-15 09:30 +0800")
            self.as_user("tax_clerk")
            page.goto(self.url(f"/staff/cases/{number}/"))
            self.act("hand_over", collected_by="王会计")
            case = Case.objects.get()
            self.assertEqual(case.status, CaseStatus.DELIVERED)
            timeline = page.locator(".timeline").inner_text()
            for label in (
                "一次性告知",
                "受理",
                "审批通过",
                "中止计时",
                "恢复计时",
                "批准延期",
                "办结",
                "交付结果",
            ):
                self.assertIn(label, timeline)

"""Browser: the applicant rates through the link, the hall rectifies and answers.

A bad rating given through the completion slip's link opens a rectification;
the supervisor finds it in "Ratings", verifies it, and the clerk rated
records the measures and replies — the reply leaves by SMS.
"""

from __future__ import annotations

import time_machine

from onestop.cases.models import Outcome
from onestop.cases.testing import APPLICANT, all_received, populate_case_fixture
from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, make_item, populate_two_organisations
from onestop.intake.services import case_intake
from onestop.notifications.sms import LocmemBackend
from onestop.organisations.roles import roles_sync
from onestop.ratings.links import rating_path
from onestop.ratings.models import Rating, RectificationStatus
from onestop.ratings.testing import at


class RatingInTheBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        populate_case_fixture(self)
        make_item(self.tax, self.tax_structure, code="FP-LY", promised=None)
        LocmemBackend.outbox.clear()

    def act(self, action: str, **fields: str) -> None:
        form = self.page.locator(f"form[data-action={action}]")
        form.locator("summary").click()
        for name, value in fields.items():
            radio = form.locator(f"input[type=radio][name={action}-{name}]")
            if radio.count():
                form.locator(f"input[name={action}-{name}][value={value}]").check()
            else:
                form.locator(f"[name={action}-{name}]").fill(value)
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def test_a_bad_rating_is_verified_rectified_and_answered(self) -> None:
        page = self.page
        with time_machine.travel(at("2026-09-28 10:00"), tick=False) as clock:
            case = case_intake(
                actor=self.tax_clerk,
                organisation=self.tax,
                item_code="FP-LY",
                channel="counter",
                applicant=APPLICANT,
                checks=all_received(2),
                outcome=Outcome.ON_THE_SPOT,
                now=at("2026-09-28 10:00"),
            )
            clock.move_to(at("2026-09-28 10:05"))
            page.goto(self.url(rating_path(case)))
            page.locator(".rating-tag").first.click()
            page.fill("textarea[name=comment]", "等候时间太长")
            page.click("button[name=level][value='2']")
            page.wait_for_selector("[data-rated='2']")
            rating = Rating.objects.get(case=case)
            self.assertEqual(rating.tags.count(), 1)

            clock.move_to(at("2026-09-29 09:00"))
            self.sign_in("tax_supervisor", PASSWORD)
            page.click("nav details[data-domain=quality] > summary")
            page.click("nav >> a[href='/staff/ratings/']")
            page.click("tr[data-status=verifying] >> a >> nth=0")
            self.act("verify", valid="yes")
            self.assertEqual(
                page.locator("[data-status]").first.get_attribute("data-status"),
                RectificationStatus.RECTIFYING,
            )

            self.context.clear_cookies()
            self.sign_in("tax_clerk", PASSWORD)
            page.goto(
                self.url(f"/staff/ratings/rectifications/{rating.rectification.pk}/")
            )
            self.act("rectify", measures="高峰时段增开综合窗口")
            self.act("reply", text="已在高峰时段增开窗口，感谢您的监督。")
            self.assertEqual(
                page.locator("[data-status]").first.get_attribute("data-status"),
                RectificationStatus.REPLIED,
            )
        replies = [m for m in LocmemBackend.outbox if "感谢您的监督" in m["text"]]
        self.assertEqual([m["to"] for m in replies], ["13812345678"])

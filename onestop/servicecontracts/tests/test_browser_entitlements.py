"""Browser: staff record on-site visits; the customer sees one used; the fourth is billed.

The university's clerk records a one-day visit on the contract page; the
customer's page behind the contract's token then shows one of three on-site
visits used. Two more visits use the rest, and the fourth produces a bill
whose lines are the rate card's fares, lodging, meals and labour.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, populate_two_organisations
from onestop.organisations.roles import roles_sync
from onestop.servicecontracts.models import Kind
from onestop.servicecontracts.services import rate_card_add
from onestop.servicecontracts.testing import make_contract


class EntitlementsInTheBrowserTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        self.contract = make_contract(self.uni)
        rate_card_add(
            actor=None,
            organisation=self.uni,
            valid_from=date(2026, 1, 1),
            lodging=Decimal(120),
            meals=Decimal(60),
            labour=Decimal(550),
            development=Decimal(1000),
        )

    def record_visit(self, day: str, *, people: str = "1", fares: str = "0") -> None:
        page = self.page
        page.goto(self.url(f"/staff/service-contracts/{self.contract.pk}/"))
        form = page.locator("#record-request form")
        form.locator("#id_kind").select_option(Kind.VISIT)
        form.locator("#id_delivery").select_option("on_site")
        form.locator("#id_served_on").fill(day)
        form.locator("#id_days").fill("1")
        form.locator("#id_people").fill(people)
        form.locator("#id_travel_cost").fill(fares)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()

    def visit_row(self) -> Any:
        return self.page.locator(f"#entitlements tr[data-kind={Kind.VISIT}]")

    def test_a_visit_shows_as_used_and_the_fourth_is_billed(self) -> None:
        page = self.page
        self.sign_in("uni_clerk", PASSWORD)
        self.record_visit("2026-04-01")
        public = page.locator("#public-link").get_attribute("href")
        self.assertIn(self.contract.token, public)

        page.goto(self.url(public))
        row = self.visit_row()
        self.assertEqual(row.locator(".used").inner_text(), "1")
        self.assertEqual(row.locator(".remaining").inner_text(), "2")
        self.assertIn("北方大学图书馆", page.content())

        self.record_visit("2026-05-01")
        self.record_visit("2026-06-01")
        self.record_visit("2026-07-01", people="2", fares="88.80")
        self.assertIn("HQB2026-0001", page.locator(".messages").inner_text())
        page.locator("#requests a.bill-link").first.click()
        page.wait_for_load_state()
        workings = page.locator(".lines .working").all_inner_texts()
        self.assertEqual(
            workings,
            [
                "88.80 = 88.80",
                "2 × 1 × 120.00 = 240.00",
                "2 × 1 × 60.00 = 120.00",
                "2 × 1 × 550.00 = 1100.00",
            ],
        )
        self.assertEqual(page.locator(".lines .total").inner_text(), "1548.80")

        page.goto(self.url(public))
        self.assertEqual(self.visit_row().locator(".remaining").inner_text(), "0")

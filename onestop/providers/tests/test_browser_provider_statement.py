"""Browser: a provider's statement shows the payment computed from its score.

The second half of issue 6's Done-when. The supervisor opens the cleaning
contract, computes May from the recorded work (providers.testing: 80.25
points → 90,250.00 yuan), reads the working and signs; the provider's own
staff member then signs in, finds the signed statement with the same
figures, and cannot open the competing provider's.
"""

from __future__ import annotations

from playwright.sync_api import expect

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import PASSWORD, populate_two_organisations
from onestop.organisations.roles import roles_sync
from onestop.providers.models import AssessmentStatus, MonthlyAssessment
from onestop.providers.testing import cleaning_month


class ProviderStatementTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        roles_sync()
        populate_two_organisations(self)
        cleaning_month(self)

    def test_statement_shows_the_payment_computed_from_the_score(self) -> None:
        page = self.page
        self.sign_in("uni_supervisor", PASSWORD)
        page.goto(self.url("/staff/providers/"))
        page.get_by_role("link", name="HT-2025-BJ-01").click()
        page.fill("#id_run-month", "2025-05")
        page.locator("form[action$='/run/'] button[type=submit]").click()
        page.wait_for_url("**/HT-2025-BJ-01/2025-05/")
        expect(page.locator("strong.score")).to_have_text("80.25")
        expect(page.locator("[data-amount]")).to_have_text("90,250.00")
        expect(page.locator("#payment")).to_contain_text("-9,750.00")
        expect(page.locator("table.kpis")).to_contain_text("37.50")
        page.locator("#payment button[type=submit]").click()
        expect(page.locator(".status[data-status=signed]")).to_be_visible()
        signed = MonthlyAssessment.objects.get(contract=self.contract)
        self.assertEqual(signed.status, AssessmentStatus.SIGNED)

        self.context.clear_cookies()
        self.sign_in("jieya_cleaner", PASSWORD)
        page.goto(self.url("/staff/providers/"))
        expect(page.locator("body")).not_to_contain_text("HT-2025-BJ-02")
        page.get_by_role("link", name="HT-2025-BJ-01").click()
        page.get_by_role("link", name="2025-05").click()
        expect(page.locator("[data-amount]")).to_have_text("90,250.00")
        expect(page.locator("body")).to_contain_text("3号楼垃圾桶未按时清运")
        response = page.goto(
            self.url("/staff/providers/contracts/HT-2025-BJ-02/2025-05/")
        )
        self.assertEqual(response.status, 404)

"""Browser: an administrator changes a limit in the admin; a citizen sees it published.

Done-when of the foundation: the change made in the Django admin reaches the
public guide page and the public Excel export, and a new version is kept.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from onestop.common.browser import BrowserTestCase
from onestop.common.testing import (
    PASSWORD,
    make_item,
    make_organisation,
    make_structure,
    make_user,
)
from onestop.organisations.models import OrganisationKind
from onestop.organisations.services import membership_grant


class AdminChangeReachesThePublicTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.tax = make_organisation(
            slug="tax",
            code="TAX",
            name="城东税务局办税服务厅",
            kind=OrganisationKind.SERVICE_HALL,
        )
        structure = make_structure(self.tax, "T")
        self.item = make_item(
            self.tax, structure, code="FP-01", name="发票领用", promised=5
        )
        admin = make_user("tax_admin", staff=True)
        membership_grant(
            actor=None, organisation=self.tax, user=admin, roles=["administrator"]
        )

    def test_new_time_limit_shows_on_the_guide_and_in_the_excel_export(self) -> None:
        page = self.page
        self.sign_in("tax_admin", PASSWORD)
        page.goto(self.url(f"/admin/catalog/serviceitem/{self.item.pk}/change/"))
        page.fill("#id_promised_limit_days", "3")
        page.click("input[name=_save]")
        page.wait_for_url(self.url("/admin/catalog/serviceitem/"))
        self.item.refresh_from_db()
        self.assertEqual((self.item.promised_limit_days, self.item.version), (3, 2))

        citizen = self.browser.new_context(locale="zh-CN", accept_downloads=True)
        self.addCleanup(citizen.close)
        public = citizen.new_page()
        public.goto(self.url("/o/tax/"))
        public.click("text=发票领用")
        promised = public.locator("[data-limit=promised]").inner_text()
        self.assertRegex(promised, r"^3\D")
        self.assertIn("3 个工作日", promised)

        public.goto(self.url("/o/tax/"))
        with public.expect_download() as download:
            public.click("a[href$='catalogue.xlsx']")
        self.assertEqual(self._promised_limit_in(download.value.path(), "FP-01"), 3)

    def _promised_limit_in(self, path: str, code: str) -> object:
        with open(path, "rb") as handle:
            sheet = load_workbook(BytesIO(handle.read()))["事项"]
        rows = list(sheet.iter_rows(values_only=True))
        header = list(rows[0])
        code_column, limit_column = (
            header.index("事项编码"),
            header.index("承诺时限（工作日）"),
        )
        return next(row[limit_column] for row in rows[1:] if row[code_column] == code)

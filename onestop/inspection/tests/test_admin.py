"""The inspection admin: read only, within the organisation."""

from django.urls import reverse

from onestop.inspection.testing import InspectionTestCase


class InspectionAdminTests(InspectionTestCase):
    def test_the_organisations_administrator_reads_but_cannot_change(self) -> None:
        inspection = self.inspection_of(self.done_case("2025-03-03 10:00"))
        self.login(self.tax_admin)
        listing = self.client.get(reverse("admin:inspection_scorecard_changelist"))
        self.assertContains(listing, "窗口服务质检表")
        url = reverse("admin:inspection_inspection_change", args=[inspection.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.client.post(url, {"status": "final"})
        inspection.refresh_from_db()
        self.assertEqual(inspection.status, "assigned")
        self.assertEqual(
            self.client.get(reverse("admin:inspection_scorecard_add")).status_code,
            403,
        )

    def test_another_organisations_admin_sees_none_of_it(self) -> None:
        inspection = self.inspection_of(self.done_case("2025-03-03 10:00"))
        self.login(self.uni_admin)
        listing = self.client.get(reverse("admin:inspection_scorecard_changelist"))
        self.assertNotContains(listing, "窗口服务质检表")
        page = self.client.get(
            reverse("admin:inspection_inspection_change", args=[inspection.pk])
        )
        self.assertNotEqual(page.status_code, 200)

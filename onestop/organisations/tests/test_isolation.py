"""A user never sees, lists or edits another organisation's data.

Every staff page, admin page and API route added with the foundation is
walked by a member of the tax hall against the university's data (and the
other way round where the route lists): another organisation's object is
not found, never shown.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from onestop.cases.models import Outcome
from onestop.catalog.models import ServiceItem
from onestop.common.testing import OneStopTestCase, make_item
from onestop.intake.checks import Applicant
from onestop.intake.services import case_intake
from onestop.organisations.models import CalendarException, Membership
from onestop.posts.models import DutyLogEntry, MaterialHandover
from onestop.posts.services import duty_log_write, handover_register


class IsolationFixture(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.uni_item = make_item(
            cls.uni, cls.uni_structure, code="U-REPAIR", name="宿舍报修（大学机密）"
        )
        cls.tax_item = make_item(
            cls.tax, cls.tax_structure, code="T-INVOICE", name="发票领用"
        )
        cls.uni_entry = duty_log_write(
            actor=cls.uni_clerk,
            organisation=cls.uni,
            day=timezone.localdate(),
            shift="day",
            summary="大学值班记录：机密",
        )
        cls.uni_handover = handover_register(
            actor=cls.uni_clerk,
            organisation=cls.uni,
            reference="HQ-SECRET-1",
            materials="宿舍档案",
            copies=3,
            from_department=cls.uni_structure["front"],
            to_user=cls.uni_supervisor,
            to_department=cls.uni_structure["back"],
        )
        cls.uni_case = case_intake(
            actor=cls.uni_clerk,
            organisation=cls.uni,
            item_code="U-REPAIR",
            channel="counter",
            applicant=Applicant(
                kind="person", name="大学机密申请人", phone="13900001111"
            ),
            checks=[],
            outcome=Outcome.NOTICE,
        )
        cls.uni_closure = CalendarException.objects.create(
            organisation=cls.uni,
            date=timezone.localdate(),
            kind="closure",
            reason="校运会",
        )


class StaffPagesTests(IsolationFixture):
    def test_catalogue_list_shows_only_own_items(self) -> None:
        self.login(self.tax_clerk)
        page = self.client.get(reverse("staff:catalogue")).content.decode()
        self.assertIn("T-INVOICE", page)
        self.assertNotIn("U-REPAIR", page)

    def test_item_history_of_another_organisation_is_not_found(self) -> None:
        self.login(self.tax_admin)
        response = self.client.get(reverse("staff:item_history", args=["U-REPAIR"]))
        self.assertEqual(response.status_code, 404)

    def test_catalogue_export_holds_only_own_items(self) -> None:
        self.login(self.tax_admin)
        response = self.client.get(reverse("staff:catalogue_export"))
        self.assertEqual(response.status_code, 200)
        text = _workbook_text(response.content)
        self.assertIn("T-INVOICE", text)
        self.assertNotIn("U-REPAIR", text)

    def test_people_page_lists_only_own_posts_and_windows(self) -> None:
        self.login(self.tax_clerk)
        page = self.client.get(reverse("staff:people")).content.decode()
        self.assertIn("T综合服务部", page)
        self.assertNotIn("U综合服务部", page)

    def test_duty_log_hides_another_organisations_entries(self) -> None:
        self.login(self.tax_admin)  # may read everyone's log — in the tax hall only
        page = self.client.get(reverse("staff:duty_log")).content.decode()
        self.assertNotIn("大学值班记录", page)

    def test_handover_register_hides_another_organisations_lines(self) -> None:
        self.login(self.tax_admin)
        page = self.client.get(reverse("staff:handovers")).content.decode()
        self.assertNotIn("HQ-SECRET-1", page)

    def test_confirming_another_organisations_handover_is_not_found(self) -> None:
        self.login(self.tax_admin)
        response = self.client.post(
            reverse("staff:handover_confirm", args=[self.uni_handover.pk])
        )
        self.assertEqual(response.status_code, 404)
        self.uni_handover.refresh_from_db()
        self.assertIsNone(self.uni_handover.received_at)

    def test_handover_form_offers_only_own_people_and_departments(self) -> None:
        self.login(self.tax_admin)
        page = self.client.get(reverse("staff:handovers")).content.decode()
        self.assertNotIn("uni_supervisor", page)
        self.assertNotIn("U审核科", page)

    def test_switching_to_an_organisation_one_is_not_in_is_refused(self) -> None:
        self.login(self.tax_clerk)
        response = self.client.post(
            reverse("staff:switch"), {"organisation": self.uni.pk}
        )
        self.assertEqual(response.status_code, 404)
        page = self.client.get(reverse("staff:catalogue")).content.decode()
        self.assertNotIn("U-REPAIR", page)

    def test_person_without_membership_gets_no_workspace(self) -> None:
        self.login(self.citizen)
        self.assertEqual(self.client.get(reverse("staff:home")).status_code, 403)
        self.assertEqual(self.client.get(reverse("staff:catalogue")).status_code, 403)

    def test_staff_pages_need_sign_in(self) -> None:
        response = self.client.get(reverse("staff:catalogue"))
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])


class AdminTests(IsolationFixture):
    def test_changelists_hold_only_own_rows(self) -> None:
        self.login(self.tax_admin)
        for model in (
            "catalog/serviceitem",
            "posts/department",
            "posts/dutylogentry",
            "posts/materialhandover",
            "organisations/calendarexception",
            "organisations/membership",
            "organisations/organisation",
            "catalog/itemversion",
            "common/auditevent",
            "posts/post",
            "posts/window",
            "cases/case",
            "cases/casesettings",
            "notifications/notification",
            "notifications/notificationtemplate",
        ):
            with self.subTest(model=model):
                response = self.client.get(f"/admin/{model}/")
                self.assertEqual(response.status_code, 200)
                page = response.content.decode()
                for secret in (
                    "U-REPAIR",
                    "U综合服务部",
                    "HQ-SECRET-1",
                    "校运会",
                    "uni_clerk",
                    "北方大学",
                    "大学机密申请人",
                ):
                    self.assertFalse(secret in page, f"{secret} shown in {model}")

    def test_change_page_of_another_organisations_row_is_not_offered(self) -> None:
        self.login(self.tax_admin)
        for url in (
            f"/admin/catalog/serviceitem/{self.uni_item.pk}/change/",
            f"/admin/posts/materialhandover/{self.uni_handover.pk}/change/",
            f"/admin/organisations/calendarexception/{self.uni_closure.pk}/change/",
            f"/admin/organisations/organisation/{self.uni.pk}/change/",
        ):
            with self.subTest(url=url):
                response = self.client.get(url, follow=True)
                page = response.content.decode()
                self.assertFalse(
                    "宿舍报修（大学机密）" in page or "校运会" in page,
                    f"{url} shows it",
                )

    def test_editing_another_organisations_item_changes_nothing(self) -> None:
        self.login(self.tax_admin)
        self.client.post(
            f"/admin/catalog/serviceitem/{self.uni_item.pk}/change/", {"name": "篡改"}
        )
        self.uni_item.refresh_from_db()
        self.assertEqual(self.uni_item.name, "宿舍报修（大学机密）")

    def test_an_item_cannot_be_tied_to_another_organisations_department(self) -> None:
        self.login(self.tax_admin)
        before = ServiceItem.objects.count()
        response = self.client.post(
            "/admin/catalog/serviceitem/add/",
            {
                "organisation": self.tax.pk,
                "code": "T-NEW",
                "name": "新事项",
                "category": "其他",
                "department": self.uni_structure["front"].pk,
                "window_type": self.tax_structure["window_type"].pk,
                "kind": "immediate",
                "legal_basis": "某法",
                "is_published": "on",
                **_empty_inlines(),
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ServiceItem.objects.count(), before)

    def test_an_item_cannot_be_created_in_another_organisation(self) -> None:
        self.login(self.tax_admin)
        before = ServiceItem.objects.count()
        self.client.post(
            "/admin/catalog/serviceitem/add/",
            {
                "organisation": self.uni.pk,
                "code": "U-NEW",
                "name": "新事项",
                "category": "其他",
                "department": self.uni_structure["front"].pk,
                "window_type": self.uni_structure["window_type"].pk,
                "kind": "immediate",
                "legal_basis": "某法",
                "is_published": "on",
                **_empty_inlines(),
            },
        )
        self.assertEqual(ServiceItem.objects.count(), before)


class ApiTests(IsolationFixture):
    routes = (
        "/api/v1/catalog/items/",
        "/api/v1/departments/",
        "/api/v1/windows/",
        "/api/v1/posts/",
        "/api/v1/duty-log/",
        "/api/v1/handovers/",
        "/api/v1/organisations/",
    )

    def test_lists_hold_only_own_rows(self) -> None:
        self.login(self.tax_admin)
        for route in self.routes:
            with self.subTest(route=route):
                response = self.client.get(route)
                self.assertEqual(response.status_code, 200)
                body = response.content.decode()
                for secret in (
                    "U-REPAIR",
                    "U综合服务部",
                    "HQ-SECRET-1",
                    "大学值班记录",
                    "北方大学",
                ):
                    self.assertFalse(secret in body, f"{secret} shown by {route}")

    def test_another_organisations_object_is_not_found(self) -> None:
        self.login(self.tax_admin)
        for route in (
            f"/api/v1/catalog/items/{self.uni_item.code}/",
            f"/api/v1/departments/{self.uni_structure['front'].pk}/",
            f"/api/v1/handovers/{self.uni_handover.pk}/",
            f"/api/v1/duty-log/{self.uni_entry.pk}/",
            f"/api/v1/organisations/{self.uni.pk}/",
        ):
            with self.subTest(route=route):
                self.assertEqual(self.client.get(route).status_code, 404)

    def test_naming_another_organisation_is_not_found(self) -> None:
        self.login(self.tax_admin)
        response = self.client.get(
            "/api/v1/catalog/items/", {"organisation": self.uni.pk}
        )
        self.assertEqual(response.status_code, 404)

    def test_member_of_both_reads_each_by_naming_it(self) -> None:
        Membership.objects.filter(user=self.tax_admin).get()  # one membership so far
        from onestop.organisations.services import membership_grant

        membership_grant(
            actor=None, organisation=self.uni, user=self.tax_admin, roles=["clerk"]
        )
        self.login(self.tax_admin)
        uni_body = self.client.get(
            "/api/v1/catalog/items/", {"organisation": self.uni.pk}
        ).content.decode()
        tax_body = self.client.get(
            "/api/v1/catalog/items/", {"organisation": self.tax.pk}
        ).content.decode()
        self.assertIn("U-REPAIR", uni_body)
        self.assertNotIn("T-INVOICE", uni_body)
        self.assertIn("T-INVOICE", tax_body)

    def test_api_needs_sign_in(self) -> None:
        self.assertIn(self.client.get("/api/v1/catalog/items/").status_code, (401, 403))


class CountsUnchanged(IsolationFixture):
    def test_fixture_rows_exist(self) -> None:
        # Guards the tests above: they would pass vacuously without these rows.
        self.assertTrue(DutyLogEntry.objects.filter(organisation=self.uni).exists())
        self.assertTrue(MaterialHandover.objects.filter(organisation=self.uni).exists())


def _empty_inlines() -> dict[str, str]:
    data = {}
    for prefix in ("materials", "steps", "faqs"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def _workbook_text(content: bytes) -> str:
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(content), read_only=True)
    return " ".join(
        str(cell)
        for sheet in book
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell
    )

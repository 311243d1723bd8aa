"""The customer pages: masking everywhere, logged unmasked views, isolation, the rule editor."""

from __future__ import annotations

from onestop.cases.testing import APPLICANT
from onestop.common.models import AuditEvent
from onestop.customers.models import (
    CustomerContract,
    CustomerOrder,
    Segment,
    ServicePolicy,
)
from onestop.customers.testing import make_customer, make_vip_segment
from onestop.customers.tests.test_services import OTHER_PHONE, CustomerTestCase

FULL_ID, FULL_PHONE = APPLICANT.id_number, APPLICANT.phone
MASKED_ID, MASKED_PHONE = "913501********0Y43", "138****5678"


class CustomerPageTestCase(CustomerTestCase):
    def setUp(self) -> None:
        self.case = self.intake()
        self.customer = make_customer(
            self.tax,
            name=APPLICANT.name,
            id_number=FULL_ID,
            phone=FULL_PHONE,
            attributes={"年纳税额": "1800000"},
        )
        self.duplicate = make_customer(self.tax, name="示例商贸", phone=FULL_PHONE)
        self.segment = make_vip_segment(self.tax)


class MaskingTests(CustomerPageTestCase):
    def test_list_history_duplicates_and_admin_never_show_full_numbers(self) -> None:
        self.login(self.tax_admin)
        pages = [
            "/staff/customers/",
            f"/staff/customers/{self.customer.pk}/",
            "/staff/customers/duplicates/",
            f"/staff/segments/{self.segment.pk}/",
            "/admin/customers/customer/",
            f"/admin/customers/customer/{self.customer.pk}/change/",
        ]
        for url in pages:
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertEqual(page.status_code, 200)
                self.assertNotContains(page, FULL_ID)
                self.assertNotContains(page, FULL_PHONE)
        self.assertContains(self.client.get("/staff/customers/"), MASKED_PHONE)
        history = self.client.get(f"/staff/customers/{self.customer.pk}/")
        self.assertContains(history, MASKED_ID)
        self.assertContains(history, self.case.number)

    def test_the_history_shows_orders_and_contracts_with_the_phone_masked(
        self,
    ) -> None:
        # Linked directly: the duplicate shares the phone, so who gets it is moot.
        CustomerOrder.objects.create(
            customer=self.customer, order=self.order_for("SO-7", phone=FULL_PHONE)
        )
        CustomerContract.objects.create(
            customer=self.customer,
            contract=self.contract_of("HT-7", customer_name="别名商贸"),
            matched_by="order",
        )
        self.login(self.tax_admin)
        page = self.client.get(f"/staff/customers/{self.customer.pk}/")
        self.assertContains(page, 'data-order="SO-7"')
        self.assertContains(page, 'data-contract="HT-7"')
        self.assertContains(page, MASKED_PHONE)
        self.assertNotContains(page, FULL_PHONE)
        unmasked = self.client.get(f"/staff/customers/{self.customer.pk}/?unmasked=1")
        self.assertContains(unmasked, FULL_PHONE)

    def test_an_unmasked_view_shows_the_numbers_and_is_logged(self) -> None:
        self.login(self.tax_admin)
        page = self.client.get(f"/staff/customers/{self.customer.pk}/?unmasked=1")
        self.assertContains(page, FULL_ID)
        event = AuditEvent.objects.get(verb="customers.view_unmasked")
        self.assertEqual(event.actor, self.tax_admin)
        self.assertEqual(event.target_id, str(self.customer.pk))

    def test_a_clerk_sees_customers_masked_and_may_not_unmask(self) -> None:
        self.login(self.tax_clerk)
        url = f"/staff/customers/{self.customer.pk}/"
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.get(url + "?unmasked=1").status_code, 403)
        self.assertFalse(
            AuditEvent.objects.filter(verb="customers.view_unmasked").exists()
        )


class IsolationTests(CustomerPageTestCase):
    def test_another_organisations_admin_finds_none_of_these_objects(self) -> None:
        self.login(self.uni_admin)
        gets = [
            f"/staff/customers/{self.customer.pk}/",
            f"/staff/customers/{self.customer.pk}/edit/",
            f"/staff/segments/{self.segment.pk}/",
            f"/staff/segments/{self.segment.pk}/edit/",
            f"/staff/segments/{self.segment.pk}/policy/",
        ]
        for url in gets:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        posts = [
            (
                f"/staff/customers/{self.customer.pk}/merge/",
                {"merge": self.duplicate.pk},
            ),
            (f"/staff/segments/{self.segment.pk}/recompute/", {}),
        ]
        for url, data in posts:
            with self.subTest(url=url):
                self.assertEqual(self.client.post(url, data).status_code, 404)
        for url in (
            "/staff/customers/",
            "/staff/segments/",
            "/staff/customers/duplicates/",
        ):
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertNotContains(page, APPLICANT.name)
                self.assertNotContains(page, "VIP纳税人")

    def test_merge_refuses_a_duplicate_from_another_organisation(self) -> None:
        stranger = make_customer(self.uni, name="别处", phone=OTHER_PHONE)
        self.login(self.tax_admin)
        url = f"/staff/customers/{self.customer.pk}/merge/"
        self.assertEqual(self.client.post(url, {"merge": stranger.pk}).status_code, 404)
        stranger.refresh_from_db()
        self.assertIsNone(stranger.merged_into)


class EditorTests(CustomerPageTestCase):
    def rule_post(self, **extra: str) -> dict[str, str]:
        data = {
            "name": "大户",
            "match": "all",
            "c-TOTAL_FORMS": "4",
            "c-INITIAL_FORMS": "0",
            "c-MIN_NUM_FORMS": "4",
            "c-MAX_NUM_FORMS": "1000",
            "c-0-field": "年纳税额",
            "c-0-op": "ge",
            "c-0-value": "1000000",
        }
        return {**data, **extra}

    def test_preview_counts_without_saving(self) -> None:
        self.login(self.tax_admin)
        page = self.client.post("/staff/segments/new/", self.rule_post(preview="1"))
        self.assertContains(page, 'data-count="1"')
        self.assertFalse(Segment.objects.filter(name="大户").exists())

    def test_saving_computes_members_and_a_bad_value_names_the_condition(self) -> None:
        self.login(self.tax_admin)
        page = self.client.post("/staff/segments/new/", self.rule_post(save="1"))
        segment = Segment.objects.get(name="大户")
        self.assertRedirects(page, f"/staff/segments/{segment.pk}/")
        self.assertEqual(list(segment.members.all()), [self.customer])
        page = self.client.post(
            "/staff/segments/new/", self.rule_post(name="坏", **{"c-0-value": "多"})
        )
        self.assertContains(page, "“多”")
        self.assertFalse(Segment.objects.filter(name="坏").exists())

    def test_policy_form_sets_the_limit_and_the_account_manager(self) -> None:
        self.login(self.tax_admin)
        page = self.client.post(
            f"/staff/segments/{self.segment.pk}/policy/",
            {
                "priority": "1",
                "time_limit_days": "2",
                "account_manager": self.tax_clerk.pk,
            },
        )
        self.assertEqual(page.status_code, 302)
        policy = ServicePolicy.objects.get(segment=self.segment)
        self.assertEqual(
            (policy.time_limit_days, policy.account_manager), (2, self.tax_clerk)
        )

    def test_a_clerk_may_not_define_segments(self) -> None:
        self.login(self.tax_clerk)
        self.assertEqual(self.client.get("/staff/segments/new/").status_code, 403)


class RegisterTests(CustomerPageTestCase):
    def test_recording_a_customer_on_the_page_keeps_attributes_and_contacts(
        self,
    ) -> None:
        self.login(self.tax_admin)
        page = self.client.post(
            "/staff/customers/new/",
            {
                "kind": "organisation",
                "name": "吉林省新星科技有限公司",
                "id_number": "91220101ma0y4k2l9q",
                "phone": "",
                "attributes": "规模=中型\n年纳税额=1100000",
                "contacts": "李会计, 财务, 13500001234",
            },
        )
        customer = self.tax.customers_customer_set.get(name="吉林省新星科技有限公司")
        self.assertRedirects(page, f"/staff/customers/{customer.pk}/")
        self.assertEqual(customer.id_number, "91220101MA0Y4K2L9Q")
        self.assertEqual(customer.contacts.get().phone, "13500001234")
        self.assertIn(self.segment, customer.segments.all())
        history = self.client.get(f"/staff/customers/{customer.pk}/")
        self.assertContains(history, "135****1234")
        self.assertNotContains(history, "13500001234")

    def test_a_bad_attribute_line_is_refused_on_its_field(self) -> None:
        self.login(self.tax_admin)
        page = self.client.post(
            "/staff/customers/new/",
            {
                "kind": "individual",
                "name": "张三",
                "phone": "13500001234",
                "attributes": "高收入",
            },
        )
        self.assertEqual(page.status_code, 200)
        self.assertFalse(page.context["form"].is_valid())
        self.assertIn("attributes", page.context["form"].errors)

    def test_editing_keeps_masked_numbers_and_removing_an_attribute_leaves_the_segment(
        self,
    ) -> None:
        self.login(self.tax_admin)
        url = f"/staff/customers/{self.customer.pk}/edit/"
        self.assertNotContains(self.client.get(url), FULL_ID)
        page = self.client.post(
            url, {"kind": "organisation", "name": APPLICANT.name, "attributes": ""}
        )
        self.assertEqual(page.status_code, 302)
        self.customer.refresh_from_db()
        self.assertEqual(self.customer.id_number, FULL_ID)
        self.assertNotIn(self.segment, self.customer.segments.all())

"""Administrators set up providers and contracts on staff pages (not only the admin)."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from onestop.assessment.services import IndicatorDefinition, indicator_define
from onestop.common.testing import OneStopTestCase
from onestop.providers.models import Contract, Provider, ProviderStaff, ServiceType
from onestop.providers.testing import make_places, provider_user

NEW_PROVIDER = reverse("staff:provider_new")
NEW_CONTRACT = reverse("staff:provider_contract_new")


def edit_url(provider: Provider) -> str:
    return reverse("staff:provider_edit", args=[provider.pk])


class ProviderSetupTest(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.cook = provider_user(cls.uni, "kangyuan_cook")
        cls.cleaner = provider_user(cls.uni, "jieya_cleaner")
        cls.existing = Provider.objects.create(organisation=cls.uni, name="洁雅物业")
        ProviderStaff.objects.create(
            organisation=cls.uni, provider=cls.existing, user=cls.cleaner
        )

    def post(self, url: str, **fields: object):
        data = {"name": "", "credit_code": "", "contact_person": "",
                "contact_phone": "", "is_active": "on"} | fields  # fmt: skip
        return self.client.post(url, data)

    def test_administrator_creates_a_provider_with_its_staff(self) -> None:
        self.login(self.uni_admin)
        response = self.post(NEW_PROVIDER, name="康源餐饮", credit_code="91220101MA0Y123456",
                             contact_phone="13712345678", staff=[self.cook.pk])  # fmt: skip
        self.assertRedirects(response, reverse("staff:provider_setup"))
        provider = Provider.objects.get(organisation=self.uni, name="康源餐饮")
        self.assertEqual(provider.credit_code, "91220101MA0Y123456")
        self.assertEqual(
            list(provider.staff.values_list("user_id", flat=True)), [self.cook.pk]
        )
        listing = self.client.get(reverse("staff:provider_setup"))
        self.assertContains(listing, "康源餐饮")
        self.assertContains(listing, "kangyuan_cook")

    def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
        self,
    ) -> None:
        self.login(self.uni_admin)
        before = (Provider.objects.count(), ProviderStaff.objects.count())
        response = self.post(NEW_PROVIDER, name="洁雅物业", credit_code="12345",
                             staff=[self.cook.pk])  # fmt: skip
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("洁雅物业", errors["name"][0])
        self.assertIn("12345", errors["credit_code"][0])
        self.assertEqual(
            (Provider.objects.count(), ProviderStaff.objects.count()), before
        )

    def test_a_person_working_for_another_provider_is_refused(self) -> None:
        self.login(self.uni_admin)
        response = self.post(NEW_PROVIDER, name="清风保洁", staff=[self.cleaner.pk])
        self.assertEqual(response.status_code, 400)
        self.assertIn("洁雅物业", response.context["form"].errors["staff"][0])
        self.assertFalse(Provider.objects.filter(name="清风保洁").exists())

    def test_editing_changes_the_details_and_the_staff_links(self) -> None:
        self.login(self.uni_admin)
        page = self.client.get(edit_url(self.existing))
        self.assertContains(page, "jieya_cleaner")
        response = self.post(edit_url(self.existing), name="洁雅物业服务有限公司",
                             contact_person="王经理", staff=[self.cook.pk])  # fmt: skip
        self.assertRedirects(response, reverse("staff:provider_setup"))
        self.existing.refresh_from_db()
        self.assertEqual(self.existing.name, "洁雅物业服务有限公司")
        self.assertEqual(self.existing.contact_person, "王经理")
        self.assertEqual(
            list(self.existing.staff.values_list("user_id", flat=True)), [self.cook.pk]
        )

    def test_another_organisation_cannot_see_or_edit_the_provider(self) -> None:
        self.login(self.tax_admin)
        self.assertEqual(self.client.get(edit_url(self.existing)).status_code, 404)
        response = self.post(edit_url(self.existing), name="被改名")
        self.assertEqual(response.status_code, 404)
        self.existing.refresh_from_db()
        self.assertEqual(self.existing.name, "洁雅物业")
        listing = self.client.get(reverse("staff:provider_setup"))
        self.assertNotContains(listing, "洁雅物业")

    def test_another_organisations_member_cannot_be_linked(self) -> None:
        self.login(self.tax_admin)
        response = self.post(NEW_PROVIDER, name="金盾保安", staff=[self.cook.pk])
        self.assertEqual(response.status_code, 400)  # not a choice offered there
        self.assertIn("staff", response.context["form"].errors)
        self.assertFalse(Provider.objects.filter(name="金盾保安").exists())

    def test_only_administrators_set_up_providers(self) -> None:
        self.login(self.uni_clerk)
        self.assertEqual(self.client.get(NEW_PROVIDER).status_code, 403)
        self.login(self.uni_supervisor)
        self.assertEqual(self.client.get(NEW_PROVIDER).status_code, 403)
        self.assertEqual(self.client.get(NEW_CONTRACT).status_code, 403)
        listing = self.client.get(reverse("staff:provider_setup"))
        self.assertEqual(listing.status_code, 200)
        self.assertNotContains(listing, NEW_PROVIDER)


class ContractSetupTest(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.places = make_places(cls.uni)
        cls.canteen = ServiceType.objects.create(
            organisation=cls.uni, code="canteen", name="餐饮"
        )
        cls.provider = Provider.objects.create(organisation=cls.uni, name="康源餐饮")
        cls.on_time = cls.indicator("KH-01", "按时办结率", "on_time_rate",
                                    {"kind": "linear", "worst": 80, "best": 100})  # fmt: skip
        cls.rating = cls.indicator("KH-02", "师生评价均分", "average_rating",
                                   {"kind": "linear", "worst": 3, "best": 5})  # fmt: skip

    @classmethod
    def indicator(cls, code: str, name: str, metric: str, rule: dict):
        return indicator_define(
            actor=cls.uni_supervisor,
            organisation=cls.uni,
            definition=IndicatorDefinition(
                code=code, name=name, definition=f"{name}的定义。", direction="higher",
                rule=rule, source="metric", metric_key=metric, unit="",
            ),
        )  # fmt: skip

    def terms(self, **changes: object) -> dict:
        return {
            "number": "HT-2026-CAN-01", "provider": self.provider.pk,
            "service_type": self.canteen.pk, "regions": [self.places["east"].pk],
            "starts_on": "2026-01-01", "ends_on": "2026-12-31",
            "monthly_base": "380000.00", "full_at": "90", "deduction_per_point": "1",
            "floor": "70", "bonus_from": "95", "bonus_per_point": "0.5",
            "bonus_cap": "3", "review_after_months": "6", "renew_at": "90",
            "conditions_at": "80", f"kpi_{self.on_time.pk}": "0.5",
            f"kpi_{self.rating.pk}": "0.3", "officer_weight": "0.2",
            "officer_points": "2", "officer_cap": "10",
        } | changes  # fmt: skip

    def test_page_offers_the_indicator_library(self) -> None:
        self.login(self.uni_admin)
        page = self.client.get(NEW_CONTRACT)
        self.assertContains(page, "KH-01 按时办结率")
        self.assertContains(page, "按时办结率的定义。")

    def test_contract_is_created_with_kpis_copied_from_the_library(self) -> None:
        self.login(self.uni_admin)
        response = self.client.post(NEW_CONTRACT, self.terms())
        self.assertRedirects(
            response, reverse("staff:provider_contract", args=["HT-2026-CAN-01"])
        )
        contract = Contract.objects.get(number="HT-2026-CAN-01")
        with translation.override("zh-hans"):  # the page's language
            officers = translation.gettext("Feedback officers' reports")
        self.assertEqual(contract.monthly_base, Decimal("380000.00"))
        self.assertEqual(
            (contract.bonus_from, contract.bonus_per_point, contract.bonus_cap),
            (Decimal(95), Decimal("0.5"), Decimal(3)),
        )
        self.assertEqual(list(contract.regions.all()), [self.places["east"]])
        self.assertEqual(
            [(k.name, k.metric, k.weight, k.rule) for k in contract.kpis.all()],
            [
                ("按时办结率", "on_time_rate", Decimal("0.500"),
                 {"kind": "linear", "worst": 80, "best": 100}),
                ("师生评价均分", "average_rating", Decimal("0.300"),
                 {"kind": "linear", "worst": 3, "best": 5}),
                (officers, "officer_reports", Decimal("0.200"),
                 {"kind": "deduction", "points_per_event": 2.0, "cap": 10.0}),
            ],
        )  # fmt: skip

    def test_weights_not_adding_up_to_one_are_refused_and_nothing_is_written(
        self,
    ) -> None:
        self.login(self.uni_admin)
        response = self.client.post(NEW_CONTRACT, self.terms(officer_weight=""))
        self.assertEqual(response.status_code, 400)
        self.assertIn("0.8", " ".join(response.context["form"].non_field_errors()))
        self.assertFalse(Contract.objects.exists())

    def test_bad_terms_are_each_named_on_their_field(self) -> None:
        self.login(self.uni_admin)
        response = self.client.post(
            NEW_CONTRACT,
            self.terms(ends_on="2025-06-30", regions=[], monthly_base="-5",
                       renew_at="70"),
        )  # fmt: skip
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("monthly_base", errors)
        self.assertIn("regions", errors)
        self.assertFalse(Contract.objects.exists())
        # With the form's own checks passed, the service names the rest.
        response = self.client.post(
            NEW_CONTRACT, self.terms(ends_on="2025-06-30", renew_at="70")
        )
        errors = response.context["form"].errors
        self.assertIn("ends_on", errors)
        self.assertIn("renew_at", errors)
        self.assertFalse(Contract.objects.exists())

    def test_another_organisations_provider_cannot_be_contracted(self) -> None:
        self.login(self.tax_admin)
        response = self.client.post(NEW_CONTRACT, self.terms())
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("provider", errors)
        self.assertIn("service_type", errors)
        self.assertFalse(Contract.objects.exists())
        self.assertNotContains(self.client.get(NEW_CONTRACT), "KH-01")

"""Technicians and products set up on staff pages: checked by services, field by field."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from django.urls import reverse

from onestop.common.models import AuditEvent
from onestop.common.testing import OneStopTestCase
from onestop.fieldservice.models import Product, Technician
from onestop.fieldservice.testing import make_product, make_technician
from onestop.providers.models import Provider


class TechnicianPageTests(OneStopTestCase):
    def form(self, **overrides: str) -> dict[str, str]:
        data = {
            "name": "刘师傅",
            "user": str(self.uni_technician.pk),
            "phone": "13900001111",
            "skills": "空调，网络",
            "home_latitude": "30.52",
            "home_longitude": "114.36",
            "shift_start": "08:00",
            "shift_end": "17:00",
            "provider": "",
            "department": str(self.uni_structure["back"].pk),
            "is_active": "on",
        }
        data.update(overrides)
        return data

    def test_the_planner_adds_a_technician_with_skills_home_base_and_hours(
        self,
    ) -> None:
        provider = Provider.objects.create(organisation=self.uni, name="鸿运维修公司")
        self.login(self.uni_supervisor)
        response = self.client.post(
            reverse("staff:fs_technician_new"), self.form(provider=str(provider.pk))
        )
        self.assertRedirects(response, reverse("staff:fs_technicians"))
        technician = Technician.objects.get(organisation=self.uni)
        self.assertEqual(technician.user, self.uni_technician)
        self.assertEqual(technician.skill_set, frozenset({"空调", "网络"}))
        self.assertEqual(technician.home_latitude, Decimal("30.520000"))
        self.assertEqual(
            (technician.shift_start, technician.shift_end), (time(8), time(17))
        )
        self.assertEqual(technician.provider, provider)
        self.assertEqual(technician.department, self.uni_structure["back"])
        self.assertTrue(
            AuditEvent.objects.filter(verb="fieldservice.technician_created").exists()
        )
        listing = self.client.get(reverse("staff:fs_technicians"))
        self.assertContains(listing, "鸿运维修公司")
        self.assertContains(listing, "08:00–17:00")

    def test_bad_input_names_each_field_and_writes_nothing(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(
            reverse("staff:fs_technician_new"),
            self.form(
                name="",
                home_latitude="95",
                shift_start="17:00",
                shift_end="08:00",
                phone="abc",
            ),
        )
        self.assertEqual(response.status_code, 400)
        for field in ("name", "home_latitude", "shift_end", "phone"):
            with self.subTest(field):
                self.assertContains(response, f'data-field="{field}"', status_code=400)
        self.assertContains(response, "-90", status_code=400)
        self.assertFalse(Technician.objects.exists())

    def test_a_user_of_another_organisation_cannot_be_linked(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(
            reverse("staff:fs_technician_new"), self.form(user=str(self.tax_clerk.pk))
        )
        self.assertContains(response, 'data-field="user"', status_code=400)
        self.assertFalse(Technician.objects.exists())

    def test_a_user_is_linked_to_one_technician_only(self) -> None:
        make_technician(self.uni, self.uni_technician, "王师傅")
        self.login(self.uni_supervisor)
        response = self.client.post(reverse("staff:fs_technician_new"), self.form())
        self.assertContains(response, "王师傅", status_code=400)
        self.assertEqual(Technician.objects.count(), 1)

    def test_the_planner_edits_a_technician_and_a_bad_edit_keeps_the_old_values(
        self,
    ) -> None:
        technician = make_technician(self.uni, self.uni_technician, "王师傅")
        self.login(self.uni_supervisor)
        url = reverse("staff:fs_technician_edit", args=[technician.pk])
        page = self.client.get(url)
        self.assertContains(page, 'value="08:00"')
        bad = self.client.post(url, self.form(name="王师傅", shift_end="7:99"))
        self.assertContains(bad, 'data-field="shift_end"', status_code=400)
        technician.refresh_from_db()
        self.assertEqual(technician.shift_end, time(18))
        good = self.client.post(url, self.form(name="王师傅", shift_end="19:30"))
        self.assertRedirects(good, reverse("staff:fs_technicians"))
        technician.refresh_from_db()
        self.assertEqual(technician.shift_end, time(19, 30))

    def test_only_planners_set_up_technicians_and_only_their_own(self) -> None:
        technician = make_technician(self.uni, self.uni_technician)
        for user in (self.uni_clerk, self.uni_technician):
            self.login(user)
            with self.subTest(user.username):
                for url in (
                    reverse("staff:fs_technicians"),
                    reverse("staff:fs_technician_new"),
                    reverse("staff:fs_technician_edit", args=[technician.pk]),
                ):
                    self.assertEqual(self.client.get(url).status_code, 403)
        self.login(self.tax_admin)
        url = reverse("staff:fs_technician_edit", args=[technician.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertNotContains(
            self.client.get(reverse("staff:fs_technicians")), "王师傅"
        )


class ProductPageTests(OneStopTestCase):
    def form(self, **overrides: str) -> dict[str, str]:
        data = {
            "name": "柜式空调",
            "model": "KFR-72LW",
            "unit": "台",
            "procurement_days": "4",
            "production_days": "6",
            "install_skill": "空调",
            "install_minutes": "120",
        }
        data.update(overrides)
        return data

    def test_the_planner_adds_a_product_with_its_lead_times(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(reverse("staff:fs_product_new"), self.form())
        self.assertRedirects(response, reverse("staff:fs_products"))
        product = Product.objects.get(organisation=self.uni)
        self.assertEqual((product.procurement_days, product.production_days), (4, 6))
        self.assertEqual(product.lead_days, 10)
        self.assertEqual(product.install_minutes, 120)
        self.assertContains(
            self.client.get(reverse("staff:fs_products")), 'data-product="KFR-72LW"'
        )

    def test_bad_input_names_each_field_and_writes_nothing(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(
            reverse("staff:fs_product_new"),
            self.form(model="", procurement_days="-1", production_days="两周"),
        )
        self.assertEqual(response.status_code, 400)
        for field in ("model", "procurement_days", "production_days"):
            with self.subTest(field):
                self.assertContains(response, f'data-field="{field}"', status_code=400)
        self.assertFalse(Product.objects.exists())

    def test_a_model_already_listed_is_refused(self) -> None:
        make_product(self.uni, "KFR-72LW")
        self.login(self.uni_supervisor)
        response = self.client.post(reverse("staff:fs_product_new"), self.form())
        self.assertContains(response, 'data-field="model"', status_code=400)
        self.assertEqual(Product.objects.count(), 1)

    def test_the_planner_changes_a_lead_time(self) -> None:
        product = make_product(self.uni, "KFR-72LW")
        self.login(self.uni_supervisor)
        url = reverse("staff:fs_product_edit", args=[product.pk])
        self.assertContains(self.client.get(url), 'value="KFR-72LW"')
        response = self.client.post(url, self.form(production_days="9"))
        self.assertRedirects(response, reverse("staff:fs_products"))
        product.refresh_from_db()
        self.assertEqual(product.production_days, 9)

    def test_a_clerk_may_not_set_up_products_and_another_organisation_gets_404(
        self,
    ) -> None:
        product = make_product(self.uni)
        self.login(self.uni_clerk)
        self.assertEqual(
            self.client.get(reverse("staff:fs_product_new")).status_code, 403
        )
        self.login(self.tax_admin)
        url = reverse("staff:fs_product_edit", args=[product.pk])
        self.assertEqual(self.client.post(url, self.form()).status_code, 404)
        product.refresh_from_db()
        self.assertEqual(product.name, "壁挂式空调")

"""The staff pages, the documents and the customer's token page."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from onestop.common.testing import OneStopTestCase
from onestop.servicecontracts.models import Bill, Delivery, Kind, ServiceContract
from onestop.servicecontracts.services import quote_create, request_record
from onestop.servicecontracts.testing import make_contract


def billed_visit(contract: ServiceContract) -> Bill:
    for day in (1, 2, 3, 4):
        recorded = request_record(
            actor=None,
            contract=contract,
            kind=Kind.VISIT,
            delivery=Delivery.ON_SITE,
            served_on=date(2026, 4, day),
            days=Decimal(1),
            people=2,
            travel_cost=Decimal("66.00"),
        )
    assert recorded.bill is not None
    return recorded.bill


class StaffPageTests(OneStopTestCase):
    def setUp(self) -> None:
        self.contract = make_contract(self.uni)
        self.bill = billed_visit(self.contract)
        self.quote = quote_create(
            actor=None,
            contract=self.contract,
            title="报表",
            requirement="月报",
            person_days=Decimal(2),
            quoted_on=date(2026, 5, 1),
        )

    def uni_urls(self) -> list[str]:
        return [
            reverse("staff:servicecontract", args=[self.contract.pk]),
            reverse("staff:servicebill", args=[self.bill.pk]),
            reverse("staff:servicebill_pdf", args=[self.bill.pk]),
            reverse("staff:servicequote", args=[self.quote.pk]),
            reverse("staff:servicequote_pdf", args=[self.quote.pk]),
        ]

    def test_another_organisation_gets_404_on_every_object_page(self) -> None:
        self.login(self.tax_admin)
        for url in self.uni_urls():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        for name, pk in (
            ("staff:servicecontract_request", self.contract.pk),
            ("staff:servicequote_create", self.contract.pk),
            ("staff:servicequote_approve", self.quote.pk),
            ("staff:servicequote_bill", self.quote.pk),
            ("staff:servicebill_issue", self.bill.pk),
        ):
            with self.subTest(name=name):
                response = self.client.post(reverse(name, args=[pk]), {})
                self.assertEqual(response.status_code, 404)

    def test_lists_and_figures_show_only_the_own_organisation(self) -> None:
        self.login(self.tax_admin)
        for name in ("staff:servicecontracts", "staff:servicebills"):
            with self.subTest(name=name):
                response = self.client.get(reverse(name))
                self.assertEqual(response.status_code, 200)
                self.assertNotContains(response, "北方大学图书馆")
        with time_machine.travel(date(2026, 6, 1)):
            figures = self.client.get(reverse("staff:servicecontract_figures"))
        self.assertEqual([r.uses for r in figures.context["rows"]][-3:], [0, 0, 0])

    def test_the_owner_sees_each_page(self) -> None:
        self.login(self.uni_admin)
        for url in self.uni_urls():
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_a_clerk_records_a_visit_but_cannot_set_rates(self) -> None:
        self.login(self.uni_clerk)
        response = self.client.post(
            reverse("staff:servicecontract_request", args=[self.contract.pk]),
            {
                "kind": Kind.REMOTE_MAINTENANCE,
                "delivery": Delivery.REMOTE,
                "served_on": "2026-04-20",
                "days": "0.5",
                "people": "1",
                "travel_cost": "0",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.contract.requests.filter(kind=Kind.REMOTE_MAINTENANCE))
        denied = self.client.post(
            reverse("staff:ratecards"), {"valid_from": "2026-01-01"}
        )
        self.assertEqual(denied.status_code, 403)

    def test_bad_request_input_names_the_field_and_writes_nothing(self) -> None:
        self.login(self.uni_clerk)
        before = self.contract.requests.count()
        response = self.client.post(
            reverse("staff:servicecontract_request", args=[self.contract.pk]),
            {
                "kind": Kind.VISIT,
                "delivery": Delivery.ON_SITE,
                "served_on": "2026-01-01",
                "days": "1",
                "people": "1",
                "travel_cost": "0",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("served_on", response.context["request_form"].errors)
        self.assertEqual(self.contract.requests.count(), before)

    def test_the_bill_page_shows_every_lines_working(self) -> None:
        self.login(self.uni_admin)
        response = self.client.get(reverse("staff:servicebill", args=[self.bill.pk]))
        for working in (
            "66.00 = 66.00",
            "2 × 1 × 100.00 = 200.00",
            "2 × 1 × 50.00 = 100.00",
            "2 × 1 × 500.00 = 1000.00",
        ):
            self.assertContains(response, working)
        self.assertContains(response, "1366.00")
        self.assertContains(response, "@media print")

    def test_the_bill_pdf_carries_the_chinese_text_and_the_working(self) -> None:
        self.login(self.uni_admin)
        with self.settings(LANGUAGE_CODE="zh-hans"):
            response = self.client.get(
                reverse("staff:servicebill_pdf", args=[self.bill.pk]),
                HTTP_ACCEPT_LANGUAGE="zh-hans",
            )
        self.assertEqual(response["Content-Type"], "application/pdf")
        text = "".join(
            page.extract_text()
            for page in PdfReader(io.BytesIO(response.content)).pages
        )
        self.assertIn("北方大学图书馆", text)
        self.assertIn(self.bill.number, text)
        self.assertIn("2 × 1 × 500.00 = 1000.00", text)
        self.assertIn("1366.00", text)

    def test_the_figures_workbook_holds_uses_and_billed_per_month(self) -> None:
        self.login(self.uni_admin)
        with time_machine.travel(date(2026, 6, 1)):
            response = self.client.get(reverse("staff:servicecontract_figures_excel"))
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=2, values_only=True)}
        self.assertEqual(rows["2026-04"], (3, 1366))
        self.assertEqual(rows["2026-05"], (0, 0))

    def test_the_figures_page_draws_both_charts(self) -> None:
        self.login(self.uni_admin)
        with time_machine.travel(date(2026, 6, 1)):
            response = self.client.get(reverse("staff:servicecontract_figures"))
        self.assertEqual(response.content.decode().count("<svg"), 2)
        self.assertContains(response, "1366.00")


class CustomerPageTests(OneStopTestCase):
    def test_the_token_page_shows_only_that_contract(self) -> None:
        mine = make_contract(self.uni)
        other = make_contract(
            self.uni, number="HT-2026-009", customer_name="机电学院实训中心"
        )
        request_record(
            actor=None,
            contract=mine,
            kind=Kind.VISIT,
            delivery=Delivery.ON_SITE,
            served_on=date(2026, 4, 1),
            days=Decimal(1),
        )
        response = self.client.get(
            reverse("contract_entitlements", args=["uni", mine.token])
        )
        self.assertContains(response, "北方大学图书馆")
        self.assertNotContains(response, other.customer_name)
        self.assertContains(response, f'data-kind="{Kind.VISIT}" data-used="1"')

    def test_a_wrong_token_or_organisation_is_not_found(self) -> None:
        contract = make_contract(self.uni)
        for slug, token in (("uni", "guess"), ("tax", contract.token)):
            with self.subTest(slug=slug, token=token):
                response = self.client.get(
                    reverse("contract_entitlements", args=[slug, token])
                )
                self.assertEqual(response.status_code, 404)

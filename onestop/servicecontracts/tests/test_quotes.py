"""Custom development: quote → customer approval → bill."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase
from onestop.servicecontracts.errors import ContractError
from onestop.servicecontracts.models import Bill, BillKind, QuoteStatus
from onestop.servicecontracts.services import (
    bill_issue,
    quote_approve,
    quote_bill,
    quote_create,
)
from onestop.servicecontracts.testing import make_contract


class QuoteTests(OneStopTestCase):
    def make_quote(self):  # type: ignore[no-untyped-def]
        contract = make_contract(self.uni)
        return quote_create(
            actor=self.uni_admin,
            contract=contract,
            title="宿舍报修统计报表",
            requirement="按楼栋、月份统计报修量和完成时长",
            person_days=Decimal("4.5"),
            quoted_on=date(2026, 5, 1),
        )

    def test_a_quote_is_person_days_times_the_daily_rate(self) -> None:
        quote = self.make_quote()
        self.assertEqual(quote.number, "HQQ2026-0001")
        self.assertEqual(quote.total, Decimal("4500.00"))
        self.assertEqual(quote.lines[0]["working"], "4.5 × 1000.00 = 4500.00")

    def test_a_quote_cannot_be_billed_before_the_customer_approves(self) -> None:
        quote = self.make_quote()
        with self.assertRaises(ServiceError) as refused:
            quote_bill(actor=self.uni_admin, quote=quote, billed_on=date(2026, 5, 2))
        self.assertEqual(refused.exception.code, ContractError.QUOTE_NOT_APPROVED)
        self.assertFalse(Bill.objects.exists())

    def test_an_approved_quote_is_billed_at_the_approved_amount(self) -> None:
        quote = self.make_quote()
        quote_approve(
            actor=self.uni_admin,
            quote=quote,
            approved_by="图书馆 王馆长",
            approved_on=date(2026, 5, 3),
        )
        bill = quote_bill(actor=self.uni_admin, quote=quote, billed_on=date(2026, 6, 1))
        quote.refresh_from_db()
        self.assertEqual(quote.status, QuoteStatus.BILLED)
        self.assertEqual((bill.kind, bill.total), (BillKind.DEVELOPMENT, quote.total))
        self.assertEqual(bill.number, "HQB2026-0001")
        issued = bill_issue(actor=self.uni_admin, bill=bill)
        self.assertIsNotNone(issued.issued_at)
        with self.assertRaises(ServiceError):
            bill_issue(actor=self.uni_admin, bill=bill)

    def test_approval_needs_the_customers_name(self) -> None:
        quote = self.make_quote()
        with self.assertRaises(ServiceError) as refused:
            quote_approve(
                actor=self.uni_admin,
                quote=quote,
                approved_by=" ",
                approved_on=date.today(),
            )
        self.assertEqual(refused.exception.field, "approved_by")
        quote.refresh_from_db()
        self.assertEqual(quote.status, QuoteStatus.DRAFT)

"""``visit_record(job=...)``: the field-service app's signed visits, duck-typed."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from onestop.common.testing import OneStopTestCase
from onestop.servicecontracts.models import Bill, Kind, ServiceRequest
from onestop.servicecontracts.services import visit_record
from onestop.servicecontracts.testing import SHANGHAI, FakeJob, make_contract


class VisitRecordTests(OneStopTestCase):
    def test_a_job_with_the_contract_number_consumes_a_visit(self) -> None:
        contract = make_contract(self.uni)
        recorded = visit_record(
            job=FakeJob(self.uni, customer_name="", contract_number="HT-2026-001")
        )
        self.assertEqual(recorded.contract, contract)
        self.assertEqual(recorded.entitlement.kind, Kind.VISIT)
        self.assertEqual(recorded.served_on, date(2026, 4, 10))
        self.assertEqual(recorded.reference, "FS-20260410-001")

    def test_a_job_finds_the_contract_by_customer_name_when_no_number(self) -> None:
        contract = make_contract(self.uni)
        recorded = visit_record(job=FakeJob(self.uni))
        self.assertEqual(recorded.contract, contract)

    def test_the_same_job_twice_is_recorded_once(self) -> None:
        make_contract(self.uni)
        first = visit_record(job=FakeJob(self.uni))
        again = visit_record(job=FakeJob(self.uni))
        self.assertEqual(first.pk, again.pk)
        self.assertEqual(ServiceRequest.objects.count(), 1)

    def test_the_fourth_job_drafts_a_bill_by_the_rate_card(self) -> None:
        make_contract(self.uni)
        for n in range(3):
            visit_record(job=FakeJob(self.uni, reference=f"FS-{n}"))
        fourth = visit_record(
            job=FakeJob(
                self.uni,
                reference="FS-4",
                people=2,
                days_on_site=Decimal("0.5"),
                travel_cost=Decimal("35.20"),
            )
        )
        # 35.20 + 2×0.5×(100 + 50 + 500)
        self.assertEqual(fourth.bill.total, Decimal("685.20"))
        self.assertEqual(fourth.bill.status, "draft")

    def test_a_customer_without_a_contract_is_billed(self) -> None:
        recorded = visit_record(
            job=FakeJob(self.uni, customer_name="校外客户", travel_cost=Decimal(20))
        )
        self.assertIsNone(recorded.contract)
        self.assertEqual(recorded.bill.total, Decimal("670.00"))
        self.assertEqual(recorded.bill.customer_name, "校外客户")

    def test_another_organisations_contract_is_never_matched(self) -> None:
        make_contract(self.tax)
        recorded = visit_record(job=FakeJob(self.uni, contract_number="HT-2026-001"))
        self.assertIsNone(recorded.contract)
        self.assertEqual(Bill.objects.get().organisation, self.uni)

    def test_the_service_date_is_the_local_date_of_finishing(self) -> None:
        make_contract(self.uni)
        late = datetime(2026, 4, 10, 23, 30, tzinfo=SHANGHAI)
        recorded = visit_record(job=FakeJob(self.uni, finished_at=late))
        self.assertEqual(recorded.served_on, date(2026, 4, 10))

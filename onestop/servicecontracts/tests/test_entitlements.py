"""Matching services to entitlements, and billing what is not covered."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from onestop.common.errors import ServiceError
from onestop.common.testing import OneStopTestCase
from onestop.servicecontracts.errors import ContractError
from onestop.servicecontracts.models import (
    Bill,
    Delivery,
    Kind,
    ServiceContract,
    ServiceRequest,
)
from onestop.servicecontracts.selectors import entitlement_uses
from onestop.servicecontracts.services import rate_card_add, request_record
from onestop.servicecontracts.testing import make_contract


def visit(contract: ServiceContract, day: date, **extra: object) -> ServiceRequest:
    values = {
        "kind": Kind.VISIT,
        "delivery": Delivery.ON_SITE,
        "served_on": day,
        "days": Decimal(1),
        "people": 1,
        **extra,
    }
    return request_record(actor=None, contract=contract, **values)  # type: ignore[arg-type]


def visits_left(contract: ServiceContract) -> int | None:
    (use,) = [u for u in entitlement_uses(contract) if u.entitlement.kind == Kind.VISIT]
    return use.remaining


class TemplateTests(OneStopTestCase):
    def test_local_customers_get_three_one_day_visits_and_on_site_analysis(
        self,
    ) -> None:
        contract = make_contract(self.uni)
        onsite = contract.entitlements.get(kind=Kind.VISIT)
        self.assertEqual((onsite.quantity, onsite.days_each), (3, Decimal(1)))
        analysis = contract.entitlements.get(kind=Kind.NEEDS_ANALYSIS)
        self.assertEqual(analysis.delivery, Delivery.ON_SITE)
        self.assertEqual(contract.end_date, date(2027, 2, 28))

    def test_remote_customers_get_one_three_day_visit_and_remote_analysis(self) -> None:
        contract = make_contract(self.uni, local=False)
        onsite = contract.entitlements.get(kind=Kind.VISIT)
        self.assertEqual((onsite.quantity, onsite.days_each), (1, Decimal(3)))
        self.assertEqual(
            contract.entitlements.get(kind=Kind.QUESTIONS).delivery, Delivery.REMOTE
        )

    def test_a_left_out_service_is_not_copied(self) -> None:
        contract = make_contract(self.uni, local=False, leave_out=(Kind.INSTALLATION,))
        self.assertFalse(contract.entitlements.filter(kind=Kind.INSTALLATION).exists())

    def test_a_contract_number_is_used_once_per_organisation(self) -> None:
        make_contract(self.uni)
        with self.assertRaises(ServiceError) as refused:
            make_contract(self.uni)
        self.assertEqual(refused.exception.field, "number")
        make_contract(self.tax)  # another organisation may use the same number


class MatchingTests(OneStopTestCase):
    def test_a_local_visit_uses_one_of_three(self) -> None:
        contract = make_contract(self.uni)
        recorded = visit(contract, date(2026, 4, 1))
        self.assertEqual(recorded.entitlement.kind, Kind.VISIT)
        self.assertIsNone(recorded.bill)
        self.assertEqual(visits_left(contract), 2)

    def test_the_fourth_local_visit_is_billed_by_the_rate_card(self) -> None:
        contract = make_contract(self.uni)
        for day in (1, 2, 3):
            visit(contract, date(2026, 4, day))
        fourth = visit(
            contract, date(2026, 4, 4), people=2, travel_cost=Decimal("80.50")
        )
        self.assertIsNone(fourth.entitlement)
        # 80.50 + 2×1×100 + 2×1×50 + 2×1×500
        self.assertEqual(fourth.bill.total, Decimal("1380.50"))
        self.assertEqual(visits_left(contract), 0)

    def test_a_remote_customers_second_visit_is_billed(self) -> None:
        contract = make_contract(self.uni, local=False)
        first = visit(contract, date(2026, 5, 6), days=Decimal(3))
        second = visit(contract, date(2026, 9, 1), days=Decimal(1))
        self.assertIsNone(first.bill)
        self.assertEqual(second.bill.total, Decimal("650.00"))

    def test_days_beyond_the_visit_allowance_are_billed_without_fares(self) -> None:
        contract = make_contract(self.uni)
        recorded = visit(
            contract, date(2026, 4, 1), days=Decimal(2), travel_cost=Decimal(300)
        )
        self.assertIsNotNone(recorded.entitlement)
        self.assertEqual(recorded.bill.total, Decimal("650.00"))

    def test_needs_analysis_is_on_site_locally_but_only_remote_for_remote_ones(
        self,
    ) -> None:
        local = make_contract(self.uni)
        remote = make_contract(self.uni, number="HT-2026-002", local=False)
        kwargs = {"kind": Kind.NEEDS_ANALYSIS, "delivery": Delivery.ON_SITE}
        self.assertIsNone(visit(local, date(2026, 4, 1), **kwargs).bill)
        self.assertIsNotNone(visit(remote, date(2026, 4, 1), **kwargs).bill)
        by_phone = visit(
            remote, date(2026, 4, 2), kind=Kind.NEEDS_ANALYSIS, delivery=Delivery.REMOTE
        )
        self.assertIsNone(by_phone.bill)
        self.assertEqual(by_phone.entitlement.delivery, Delivery.REMOTE)

    def test_yearly_entitlements_end_with_the_contract_year_but_bug_fixes_do_not(
        self,
    ) -> None:
        contract = make_contract(self.uni)
        late = visit(contract, date(2027, 3, 1))
        self.assertIsNone(late.entitlement)
        self.assertIsNotNone(late.bill)
        fix = visit(
            contract, date(2030, 1, 1), kind=Kind.BUG_FIXES, delivery=Delivery.REMOTE
        )
        self.assertEqual(fix.entitlement.kind, Kind.BUG_FIXES)

    def test_an_uncovered_remote_service_is_refused_and_nothing_is_written(
        self,
    ) -> None:
        contract = make_contract(self.uni)
        visit(
            contract, date(2026, 4, 1), kind=Kind.DATA_IMPORT, delivery=Delivery.REMOTE
        )
        with self.assertRaises(ServiceError) as refused:
            visit(
                contract,
                date(2026, 5, 1),
                kind=Kind.DATA_IMPORT,
                delivery=Delivery.REMOTE,
            )
        self.assertEqual(refused.exception.code, ContractError.NOT_COVERED)
        self.assertEqual(contract.requests.count(), 1)

    def test_a_service_before_the_contract_starts_is_refused(self) -> None:
        contract = make_contract(self.uni)
        with self.assertRaises(ServiceError) as refused:
            visit(contract, date(2026, 2, 28))
        self.assertEqual(refused.exception.field, "served_on")
        self.assertFalse(ServiceRequest.objects.exists())

    def test_bad_days_or_people_name_the_field(self) -> None:
        contract = make_contract(self.uni)
        for extra, field in (
            ({"days": Decimal(0)}, "days"),
            ({"people": 0}, "people"),
            ({"travel_cost": Decimal(-1)}, "travel_cost"),
        ):
            with self.subTest(field=field):
                with self.assertRaises(ServiceError) as refused:
                    visit(contract, date(2026, 4, 1), **extra)
                self.assertEqual(refused.exception.field, field)
        self.assertFalse(ServiceRequest.objects.exists())


class RateCardTests(OneStopTestCase):
    def test_a_bill_uses_the_rate_card_valid_on_the_service_date(self) -> None:
        rate_card_add(
            actor=None,
            organisation=self.uni,
            valid_from=date(2026, 1, 1),
            lodging=Decimal(120),
            meals=Decimal(60),
            labour=Decimal(600),
            development=Decimal(1200),
        )
        rate_card_add(
            actor=None,
            organisation=self.uni,
            valid_from=date(2026, 9, 1),
            lodging=Decimal(150),
            meals=Decimal(80),
            labour=Decimal(800),
            development=Decimal(1500),
        )
        rate_card_add(  # another organisation's card never applies
            actor=None,
            organisation=self.tax,
            valid_from=date(2026, 8, 1),
            lodging=Decimal(1),
            meals=Decimal(1),
            labour=Decimal(1),
            development=Decimal(1),
        )
        contract = make_contract(self.uni, local=False)
        visit(contract, date(2026, 3, 2), days=Decimal(3))
        august = visit(contract, date(2026, 8, 31))
        september = visit(contract, date(2026, 9, 1))
        self.assertEqual(august.bill.total, Decimal("780.00"))
        self.assertEqual(september.bill.total, Decimal("1030.00"))
        self.assertEqual(september.bill.rate_card.valid_from, date(2026, 9, 1))

    def test_without_a_rate_card_the_essays_rates_apply(self) -> None:
        contract = make_contract(self.uni, local=False)
        visit(contract, date(2026, 3, 2), days=Decimal(3))
        extra = visit(contract, date(2026, 4, 1), days=Decimal(2), people=3)
        self.assertIsNone(extra.bill.rate_card)
        self.assertEqual(extra.bill.total, Decimal("3900.00"))

    def test_two_rate_cards_cannot_start_on_the_same_day(self) -> None:
        values = {
            "lodging": Decimal(1),
            "meals": Decimal(1),
            "labour": Decimal(1),
            "development": Decimal(1),
        }
        rate_card_add(
            actor=None, organisation=self.uni, valid_from=date(2026, 1, 1), **values
        )
        with self.assertRaises(ServiceError) as refused:
            rate_card_add(
                actor=None, organisation=self.uni, valid_from=date(2026, 1, 1), **values
            )
        self.assertEqual(refused.exception.field, "valid_from")


class NumberingTests(OneStopTestCase):
    def test_bills_are_numbered_by_organisation_year_and_sequence(self) -> None:
        contract = make_contract(self.uni, local=False)
        visit(contract, date(2026, 3, 2), days=Decimal(3))
        first = visit(contract, date(2026, 4, 1)).bill
        second = visit(contract, date(2026, 5, 1)).bill
        next_year = visit(contract, date(2027, 2, 1)).bill
        self.assertEqual(
            [first.number, second.number, next_year.number],
            ["HQB2026-0001", "HQB2026-0002", "HQB2027-0001"],
        )
        other = make_contract(self.tax, local=False)
        visit(other, date(2026, 3, 2), days=Decimal(3))
        self.assertEqual(visit(other, date(2026, 4, 1)).bill.number, "TAXB2026-0001")
        self.assertEqual(Bill.objects.count(), 4)

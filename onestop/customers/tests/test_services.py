"""Customers: linking cases and calls, merging duplicates, segments following attributes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from onestop.cases.testing import APPLICANT, CaseTestCase
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.models import AuditEvent
from onestop.contactcenter.models import CallImport, CallRecord, Queue
from onestop.customers.models import (
    Customer,
    CustomerCall,
    CustomerCase,
    CustomerContract,
    CustomerIdentifier,
    CustomerOrder,
    SegmentMembership,
)
from onestop.customers.rules import Condition, Rule
from onestop.customers.services import (
    customer_attributes_set,
    customer_create,
    customer_merge,
    customers_link_all,
    rule_selection,
    segment_save,
)
from onestop.customers.testing import make_customer, make_vip_segment
from onestop.fieldservice.models import Order
from onestop.intake.checks import Applicant, MaterialCheck
from onestop.intake.services import case_intake
from onestop.ratings.models import Rating
from onestop.servicecontracts.models import ServiceContract

SH = ZoneInfo("Asia/Shanghai")
FIRM_ID = APPLICANT.id_number
FIRM_PHONE = APPLICANT.phone
OTHER_PHONE = "13900001111"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


class CustomerTestCase(CaseTestCase):
    def intake(self, applicant: Applicant = APPLICANT, when: str = "2026-09-28 10:00"):
        return case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code="DJ-ZX",
            channel="counter",
            applicant=applicant,
            checks=[
                MaterialCheck(position=p, received=True, form="original", count=2)
                for p in (1, 2, 3)
            ],
            outcome="accepted",
            now=at(when),
        )

    def order_for(self, number: str, *, phone: str, contract_number: str = "") -> Order:
        return Order.objects.create(
            organisation=self.tax,
            number=number,
            customer="示例商贸",
            contact_person="李出纳",
            phone=phone,
            address="长春市示例路1号",
            latitude=Decimal("43.88"),
            longitude=Decimal("125.32"),
            order_date=date(2026, 9, 1),
            requested_date=date(2026, 9, 10),
            earliest_date=date(2026, 9, 8),
            salesperson="赵销售",
            contract_number=contract_number,
            created_at=at("2026-09-01 10:00"),
        )

    def contract_of(self, number: str, *, customer_name: str) -> ServiceContract:
        return ServiceContract.objects.create(
            organisation=self.tax,
            number=number,
            customer_name=customer_name,
            system="开票服务器",
            location="local",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
        )

    def call_from(self, number: str, call_id: str) -> CallRecord:
        queue, _ = Queue.objects.get_or_create(
            organisation=self.tax, code="A", defaults={"name": "12366"}
        )
        source, _ = CallImport.objects.get_or_create(
            organisation=self.tax,
            sha256="0" * 64,
            defaults={
                "file_name": "cdr.csv",
                "mapping": "generic",
                "rows": 1,
                "imported_at": at("2026-09-21 09:00"),
            },
        )
        return CallRecord.objects.create(
            organisation=self.tax,
            queue=queue,
            source=source,
            call_id=call_id,
            arrived_at=at("2026-09-20 09:00"),
            caller_number=number,
        )


class CustomerRecordTests(CustomerTestCase):
    def test_a_new_customer_is_linked_to_their_earlier_cases_and_calls(self) -> None:
        case = self.intake()
        call = self.call_from(FIRM_PHONE, "C1")
        self.call_from("13700000000", "C2")
        customer = make_customer(
            self.tax, name="长春市示例商贸有限公司", id_number=FIRM_ID
        )
        self.assertEqual(CustomerCase.objects.get(customer=customer).case, case)
        # The call matches by phone only, which this record lacks.
        self.assertFalse(CustomerCall.objects.filter(customer=customer).exists())
        customer.phone = FIRM_PHONE
        customer.save()
        from onestop.customers.services import customer_links_refresh

        customer_links_refresh(customer=customer)
        self.assertEqual(CustomerCall.objects.get(customer=customer).call, call)

    def test_bad_numbers_are_refused_naming_the_field_and_nothing_is_kept(self) -> None:
        with self.assertRaises(ServiceErrors) as caught:
            customer_create(
                actor=self.tax_admin,
                organisation=self.tax,
                fields={"kind": "organisation", "name": "", "id_number": "12AB"},
            )
        fields = {error.field for error in caught.exception.errors}
        self.assertEqual(fields, {"name", "id_number"})
        self.assertFalse(Customer.objects.exists())

    def test_a_customer_needs_an_id_number_or_a_phone(self) -> None:
        with self.assertRaises(ServiceError) as caught:
            customer_create(
                actor=self.tax_admin,
                organisation=self.tax,
                fields={"kind": "individual", "name": "张三"},
            )
        self.assertEqual(caught.exception.field, "id_number")


class MergeTests(CustomerTestCase):
    def setUp(self) -> None:
        self.first_case = self.intake()
        self.second_case = self.intake(
            Applicant(
                kind="organisation",
                name="示例商贸",
                phone=OTHER_PHONE,
                id_number="",
                contact_person="李出纳",
            ),
            when="2026-09-29 10:00",
        )
        Rating.objects.create(
            organisation=self.tax,
            case=self.second_case,
            level=5,
            channel="sms",
            staff=self.tax_clerk,
            rated_at=at("2026-09-30 10:00"),
        )
        self.call = self.call_from(OTHER_PHONE, "C9")
        self.order = self.order_for("SO-9", phone=OTHER_PHONE, contract_number="HT-9")
        self.contract = self.contract_of("HT-9", customer_name="别名商贸")
        self.keep = make_customer(
            self.tax,
            name="长春市示例商贸有限公司",
            id_number=FIRM_ID,
            attributes={"规模": "大型"},
        )
        self.duplicate = make_customer(
            self.tax,
            name="示例商贸",
            phone=OTHER_PHONE,
            attributes={"规模": "小型", "年纳税额": "1500000"},
        )

    def test_merge_keeps_every_case_call_order_contract_rating_and_identifier(
        self,
    ) -> None:
        self.assertEqual(CustomerOrder.objects.get().customer, self.duplicate)
        self.assertEqual(CustomerContract.objects.get().customer, self.duplicate)
        customer_merge(actor=self.tax_admin, keep=self.keep, merge=self.duplicate)
        self.assertEqual(
            CustomerOrder.objects.get(customer=self.keep).order, self.order
        )
        self.assertEqual(
            CustomerContract.objects.get(customer=self.keep).contract, self.contract
        )
        self.assertEqual(
            set(
                CustomerCase.objects.filter(customer=self.keep).values_list(
                    "case", flat=True
                )
            ),
            {self.first_case.pk, self.second_case.pk},
        )
        self.assertEqual(CustomerCall.objects.get(customer=self.keep).call, self.call)
        self.assertTrue(
            Rating.objects.filter(case__customer_link__customer=self.keep).exists()
        )
        self.assertTrue(
            CustomerIdentifier.objects.filter(
                customer=self.keep, kind="phone", value=OTHER_PHONE, source="示例商贸"
            ).exists()
        )
        attributes = {a.key: a.display for a in self.keep.attributes.all()}
        self.assertEqual(attributes, {"规模": "大型", "年纳税额": "1500000"})
        self.duplicate.refresh_from_db()
        self.assertEqual(self.duplicate.merged_into, self.keep)

    def test_merge_is_audited_on_both_records(self) -> None:
        customer_merge(actor=self.tax_admin, keep=self.keep, merge=self.duplicate)
        events = AuditEvent.objects.filter(verb="customers.merge")
        self.assertEqual(
            {e.target_id for e in events}, {str(self.keep.pk), str(self.duplicate.pk)}
        )
        data = events.first().data
        self.assertEqual((data["cases"], data["orders"], data["contracts"]), (1, 1, 1))

    def test_a_later_case_under_the_merged_phone_finds_the_kept_record(self) -> None:
        customer_merge(actor=self.tax_admin, keep=self.keep, merge=self.duplicate)
        segment = make_vip_segment(self.tax)
        self.assertIn(self.keep, segment.members.all())
        case = self.intake(
            Applicant(kind="organisation", name="示例商贸", phone=OTHER_PHONE),
            when="2026-10-12 10:00",
        )
        self.assertEqual(case.limit_days, 3)

    def test_a_record_cannot_be_merged_twice_or_into_itself(self) -> None:
        customer_merge(actor=self.tax_admin, keep=self.keep, merge=self.duplicate)
        for keep, merge in ((self.keep, self.keep), (self.keep, self.duplicate)):
            with self.subTest(merge=merge.name), self.assertRaises(ServiceError):
                customer_merge(actor=self.tax_admin, keep=keep, merge=merge)


class OrderAndContractLinkTests(CustomerTestCase):
    def test_orders_are_found_by_phone_and_contracts_through_them(self) -> None:
        order = self.order_for("SO-1", phone=FIRM_PHONE, contract_number="HT-1")
        self.order_for("SO-2", phone="13700000000")
        contract = self.contract_of("HT-1", customer_name="另一个名字")
        customer = make_customer(
            self.tax, name="长春市示例商贸有限公司", phone=FIRM_PHONE
        )
        self.assertEqual(CustomerOrder.objects.get(customer=customer).order, order)
        link = CustomerContract.objects.get(customer=customer)
        self.assertEqual((link.contract, link.matched_by), (contract, "order"))

    def test_an_organisations_contract_is_found_by_its_exact_name(self) -> None:
        contract = self.contract_of("HT-2", customer_name="长春市示例商贸有限公司")
        self.contract_of("HT-3", customer_name="长春市示例商贸")
        customer = make_customer(
            self.tax, name="长春市示例商贸有限公司", phone=FIRM_PHONE
        )
        link = CustomerContract.objects.get(customer=customer)
        self.assertEqual((link.contract, link.matched_by), (contract, "name"))

    def test_a_persons_name_alone_finds_no_contract(self) -> None:
        self.contract_of("HT-4", customer_name="张三")
        make_customer(self.tax, name="张三", kind="individual", phone=FIRM_PHONE)
        self.assertFalse(CustomerContract.objects.exists())

    def test_linking_all_picks_up_orders_and_contracts_entered_later(self) -> None:
        customer = make_customer(self.tax, name="示例商贸", phone=OTHER_PHONE)
        self.order_for("SO-5", phone=OTHER_PHONE, contract_number="HT-5")
        self.contract_of("HT-5", customer_name="别名")
        linked = customers_link_all(actor=self.tax_admin, organisation=self.tax)
        self.assertEqual(linked, 2)
        self.assertEqual(customer.order_links.count(), 1)
        self.assertEqual(customer.contract_links.count(), 1)
        self.assertEqual(customers_link_all(actor=None, organisation=self.tax), 0)

    def test_the_history_reads_orders_and_contracts_in_constant_queries(self) -> None:
        from onestop.customers.selectors import customer_history

        customer = make_customer(self.tax, name="示例商贸", phone=OTHER_PHONE)
        for n in range(3):
            self.order_for(f"SO-{n}", phone=OTHER_PHONE, contract_number=f"HT-{n}")
            self.contract_of(f"HT-{n}", customer_name="别名")
        customers_link_all(actor=None, organisation=self.tax)
        with self.assertNumQueries(5):
            history = customer_history(customer=customer)
        self.assertEqual(len(history.orders), 3)
        self.assertEqual(len(history.contracts), 3)


class LinkAtIntakeTests(CustomerTestCase):
    def test_a_case_taken_in_is_linked_to_its_customer_at_once(self) -> None:
        customer = make_customer(self.tax, name="示例商贸", id_number=FIRM_ID)
        case = self.intake()
        link = CustomerCase.objects.get(case=case)
        self.assertEqual((link.customer, link.matched_by), (customer, "id_number"))
        event = AuditEvent.objects.get(verb="customers.case_linked")
        self.assertEqual(event.data["case"], case.number)

    def test_a_case_of_nobody_recorded_stays_unlinked(self) -> None:
        make_customer(self.tax, name="别人", phone="13700000000")
        case = self.intake()
        self.assertFalse(CustomerCase.objects.filter(case=case).exists())

    def test_acceptance_asks_for_the_customer_once(self) -> None:
        # Linking at intake finds whether the applicant is a customer; the
        # policy's time limit at acceptance takes that answer, even "nobody".
        make_customer(self.tax, name="别人", phone="13700000000")
        with CaptureQueriesContext(connection) as queries:
            self.intake()
        customer_reads = [
            q["sql"] for q in queries if 'FROM "customers_customer"' in q["sql"]
        ]
        self.assertEqual(len(customer_reads), 2)  # by ID number, then phone: once


class SegmentTests(CustomerTestCase):
    def setUp(self) -> None:
        self.big = make_customer(
            self.tax,
            name="大企业",
            id_number=FIRM_ID,
            attributes={"年纳税额": "2000000"},
        )
        self.small = make_customer(
            self.tax, name="小店", phone="13600000000", attributes={"年纳税额": "50000"}
        )
        self.person = make_customer(
            self.tax,
            name="王五",
            kind="individual",
            phone="13600000001",
            attributes={"年纳税额": "3000000"},
        )
        make_customer(
            self.uni,
            name="别处的大企业",
            phone="13600000002",
            attributes={"年纳税额": "9000000"},
        )

    def test_preview_counts_only_this_organisations_customers_the_rule_selects(
        self,
    ) -> None:
        from onestop.customers.testing import VIP_RULE

        self.assertEqual(
            rule_selection(organisation=self.tax, rule=VIP_RULE), [self.big.pk]
        )

    def test_membership_follows_a_change_of_attributes(self) -> None:
        segment = make_vip_segment(self.tax)
        self.assertEqual(list(segment.members.all()), [self.big])
        customer_attributes_set(
            actor=self.tax_admin,
            customer=self.small,
            attributes={"年纳税额": "1000000"},
        )
        customer_attributes_set(
            actor=self.tax_admin, customer=self.big, attributes={"年纳税额": ""}
        )
        self.assertEqual(list(segment.members.all()), [self.small])

    def test_a_rule_ordering_text_is_refused_naming_the_condition(self) -> None:
        bad = Rule(match="all", conditions=(Condition("年纳税额", "gt", "很多"),))
        with self.assertRaises(ServiceError) as caught:
            segment_save(actor=None, organisation=self.tax, name="X", rule=bad)
        self.assertIn("1", caught.exception.message)
        self.assertEqual(caught.exception.field, "rule")
        self.assertFalse(SegmentMembership.objects.exists())

"""Reading customers, their history, duplicates and segments, without N+1 queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from onestop.cases.models import Case
from onestop.common.models import AuditEvent
from onestop.contactcenter.models import CallRecord
from onestop.customers.models import (
    LINKS,
    Customer,
    CustomerAttribute,
    CustomerIdentifier,
    CustomerKind,
    IdentifierKind,
    Segment,
    ServicePolicy,
)
from onestop.fieldservice.models import Order
from onestop.organisations.models import Membership, Organisation
from onestop.servicecontracts.models import ServiceContract


def customer_list(*, organisation: Organisation, query: str = "") -> QuerySet[Customer]:
    customers = Customer.objects.filter(
        organisation=organisation, merged_into__isnull=True
    ).annotate(case_count=Count("case_links", distinct=True))
    query = query.strip()
    if query:
        customers = customers.filter(
            Q(name__icontains=query) | Q(id_number=query.upper()) | Q(phone=query)
        )
    return customers.prefetch_related("segments")


def customer_get(*, organisation: Organisation, pk: int) -> Customer:
    return get_object_or_404(
        Customer.objects.select_related("merged_into").prefetch_related(
            "attributes", "contacts", "identifiers", "segments"
        ),
        organisation=organisation,
        pk=pk,
    )


def customer_matching(
    *, organisation_id: int, id_number: str, phone: str
) -> tuple[Customer | None, str]:
    """The active customer with this ID number (first) or phone, and what matched."""
    active = Customer.objects.filter(
        organisation_id=organisation_id, merged_into__isnull=True
    )
    for kind, value in (
        (IdentifierKind.ID_NUMBER, id_number.strip().upper()),
        (IdentifierKind.PHONE, phone.strip()),
    ):
        if not value:
            continue
        own = Q(id_number=value) if kind == IdentifierKind.ID_NUMBER else Q(phone=value)
        kept = Q(identifiers__kind=kind, identifiers__value=value)
        found = active.filter(own | kept).order_by("pk").first()
        if found is not None:
            return found, kind
    return None, ""


def identifiers_of(customer: Customer) -> dict[str, set[str]]:
    """Every ID number and phone the customer is known by, merged ones included."""
    known: dict[str, set[str]] = {
        IdentifierKind.ID_NUMBER: set(),
        IdentifierKind.PHONE: set(),
    }
    if customer.id_number:
        known[IdentifierKind.ID_NUMBER].add(customer.id_number)
    if customer.phone:
        known[IdentifierKind.PHONE].add(customer.phone)
    for identifier in CustomerIdentifier.objects.filter(customer=customer):
        known[identifier.kind].add(identifier.value)
    return known


def names_of(customer: Customer) -> set[str]:
    """The names an organisation customer's contracts may bear, merged ones included.

    A person's name is not unique enough to find their contracts by, so
    individuals are known by none.
    """
    if customer.kind != CustomerKind.ORGANISATION:
        return set()
    merged = Customer.objects.filter(
        merged_into=customer, kind=CustomerKind.ORGANISATION
    ).values_list("name", flat=True)
    return {customer.name, *merged}


@dataclass(frozen=True)
class History:
    cases: list[Case]
    calls: list[CallRecord]
    ratings: list[Any]
    orders: list[Order]
    contracts: list[ServiceContract]
    events: list[AuditEvent]


def customer_history(*, customer: Customer) -> History:
    cases = list(
        Case.objects.filter(customer_link__customer=customer)
        .select_related("item", "rating")
        .order_by("-received_at")
    )
    calls = list(
        CallRecord.objects.filter(customer_link__customer=customer)
        .select_related("queue", "case")
        .order_by("-arrived_at")
    )
    ratings = [case.rating for case in cases if hasattr(case, "rating")]
    orders = list(
        Order.objects.filter(customer_link__customer=customer).order_by(
            "-order_date", "-pk"
        )
    )
    contracts = list(
        ServiceContract.objects.filter(customer_link__customer=customer).order_by(
            "-start_date", "number"
        )
    )
    events = list(
        AuditEvent.objects.filter(
            organisation_id=customer.organisation_id,
            target_type="customers.customer",
            target_id=str(customer.pk),
        ).select_related("actor")[:50]
    )
    return History(
        cases=cases,
        calls=calls,
        ratings=ratings,
        orders=orders,
        contracts=contracts,
        events=events,
    )


def customer_for_caller(*, organisation: Organisation, caller: str) -> Customer | None:
    """The active customer a hotline caller's number belongs to, for the screen pop."""
    customer, _kind = customer_matching(
        organisation_id=organisation.pk, id_number="", phone=caller
    )
    if customer is None:
        return None
    return customer_get(organisation=organisation, pk=customer.pk)


def link_counts(*, customer: Customer) -> dict[str, int]:
    """How many cases, calls, orders and contracts the customer has (four counts).

    Counted apart: one query joining the four link tables would multiply them.
    """
    return {
        key: model._default_manager.filter(customer=customer).count()
        for key, model in LINKS.items()
    }


@dataclass(frozen=True)
class DuplicateGroup:
    shared: str
    kind: str
    customers: list[Customer]


def duplicate_groups(*, organisation: Organisation) -> list[DuplicateGroup]:
    """Active customers sharing an ID number, credit code or phone."""
    customers = list(
        Customer.objects.filter(organisation=organisation, merged_into__isnull=True)
        .annotate(case_count=Count("case_links"))
        .order_by("pk")
    )
    by_value: dict[tuple[str, str], list[Customer]] = defaultdict(list)
    for customer in customers:
        if customer.id_number:
            by_value[(IdentifierKind.ID_NUMBER, customer.id_number)].append(customer)
        if customer.phone:
            by_value[(IdentifierKind.PHONE, customer.phone)].append(customer)
    return [
        DuplicateGroup(shared=value, kind=kind, customers=group)
        for (kind, value), group in by_value.items()
        if len(group) > 1
    ]


def customer_facts(customers: QuerySet[Customer]) -> dict[int, dict[str, Any]]:
    """Each customer's kind and attributes, as a rule reads them."""
    facts: dict[int, dict[str, Any]] = {
        pk: {"kind": kind} for pk, kind in customers.values_list("pk", "kind")
    }
    for attribute in CustomerAttribute.objects.filter(customer__in=customers):
        facts[attribute.customer_id][attribute.key] = attribute.value
    return facts


def attribute_keys(*, organisation: Organisation) -> list[str]:
    return list(
        CustomerAttribute.objects.filter(customer__organisation=organisation)
        .values_list("key", flat=True)
        .distinct()
        .order_by("key")
    )


def segment_list(*, organisation: Organisation) -> QuerySet[Segment]:
    return (
        Segment.objects.filter(organisation=organisation)
        .annotate(size=Count("members"))
        .select_related("policy__account_manager")
    )


def segment_get(*, organisation: Organisation, pk: int) -> Segment:
    return get_object_or_404(
        Segment.objects.annotate(size=Count("members")).prefetch_related(
            Prefetch(
                "members",
                queryset=Customer.objects.order_by("name"),
            )
        ),
        organisation=organisation,
        pk=pk,
    )


def policy_of(segment: Segment) -> ServicePolicy | None:
    return ServicePolicy.objects.filter(segment=segment).first()


def members_of(*, organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user")

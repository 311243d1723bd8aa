"""Writing customers, their links, merges, segments and policies.

Each write is one transaction with its audit event; segment membership is
recomputed here whenever a customer's kind or attributes change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from onestop.cases.models import Case
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.contactcenter.models import CallRecord
from onestop.customers.errors import CustomerError
from onestop.customers.models import (
    LINKS,
    ContractBasis,
    Customer,
    CustomerAttribute,
    CustomerCall,
    CustomerCase,
    CustomerContact,
    CustomerContract,
    CustomerIdentifier,
    CustomerKind,
    CustomerOrder,
    IdentifierKind,
    Segment,
    SegmentMembership,
    ServicePolicy,
)
from onestop.customers.rules import ORDERING, Op, Rule, as_number, rule_selects
from onestop.customers.selectors import (
    customer_facts,
    customer_matching,
    identifiers_of,
    names_of,
)
from onestop.fieldservice.models import Order
from onestop.organisations.models import Membership, Organisation
from onestop.servicecontracts.models import ServiceContract

_ID_NUMBER = re.compile(r"^[0-9A-Z]{15}$|^[0-9A-Z]{18}$")
_PHONE = re.compile(r"^[0-9+\-]{7,20}$")


def _clean(fields: Mapping[str, Any]) -> dict[str, str]:
    cleaned = {
        "kind": str(fields.get("kind", "")).strip(),
        "name": str(fields.get("name", "")).strip(),
        "id_number": str(fields.get("id_number", "")).strip().upper(),
        "phone": str(fields.get("phone", "")).strip().replace(" ", ""),
        "note": str(fields.get("note", "")).strip(),
    }
    errors = []
    if cleaned["kind"] not in CustomerKind.values:
        errors.append(ServiceError(CustomerError.KIND_UNKNOWN, field="kind"))
    if not cleaned["name"]:
        errors.append(ServiceError(CustomerError.NAME_MISSING, field="name"))
    if cleaned["id_number"] and not _ID_NUMBER.match(cleaned["id_number"]):
        errors.append(
            ServiceError(
                CustomerError.ID_NUMBER_INVALID,
                field="id_number",
                value=cleaned["id_number"],
            )
        )
    if cleaned["phone"] and not _PHONE.match(cleaned["phone"]):
        errors.append(ServiceError(CustomerError.PHONE_INVALID, field="phone"))
    if not cleaned["id_number"] and not cleaned["phone"]:
        errors.append(ServiceError(CustomerError.IDENTIFIER_MISSING, field="id_number"))
    raise_all(errors)
    return cleaned


def _typed(value: str) -> dict[str, Any]:
    number = as_number(value)
    if number is not None and value.strip():
        return {"number": number, "text": ""}
    return {"number": None, "text": value.strip()}


def _attributes_write(customer: Customer, attributes: Mapping[str, str]) -> None:
    for key, value in attributes.items():
        key = key.strip()
        if not key or len(key) > 40 or "=" in key:
            raise ServiceError(
                CustomerError.ATTRIBUTE_KEY_INVALID, field="attributes", key=key
            )
        if not str(value).strip():
            CustomerAttribute.objects.filter(customer=customer, key=key).delete()
            continue
        CustomerAttribute.objects.update_or_create(
            customer=customer, key=key, defaults=_typed(str(value))
        )


@transaction.atomic
def customer_create(
    *,
    actor: Any,
    organisation: Organisation,
    fields: Mapping[str, Any],
    attributes: Mapping[str, str] | None = None,
    contacts: list[tuple[str, str, str]] | None = None,
) -> Customer:
    """Record a customer, link their cases and calls, and place them in segments."""
    customer = Customer.objects.create(organisation=organisation, **_clean(fields))
    _attributes_write(customer, attributes or {})
    for name, role, phone in contacts or []:
        CustomerContact.objects.create(
            customer=customer, name=name, role=role, phone=phone
        )
    audit_record(
        verb="customers.create", actor=actor, organisation=organisation, target=customer
    )
    customer_links_refresh(customer=customer)
    segments_recompute_for(customer=customer)
    return customer


@transaction.atomic
def customer_update(
    *,
    actor: Any,
    customer: Customer,
    fields: Mapping[str, Any],
    attributes: Mapping[str, str] | None = None,
) -> Customer:
    """Change the customer's details and attributes; their segments follow."""
    cleaned = _clean(fields)
    changed = [
        name for name, value in cleaned.items() if getattr(customer, name) != value
    ]
    for name in changed:
        setattr(customer, name, cleaned[name])
    customer.save(update_fields=[*changed, "updated_at"])
    _attributes_write(customer, attributes or {})
    audit_record(
        verb="customers.update",
        actor=actor,
        organisation=customer.organisation,
        target=customer,
        data={"fields": changed, "attributes": sorted(attributes or {})},
    )
    customer_links_refresh(customer=customer)
    segments_recompute_for(customer=customer)
    return customer


@transaction.atomic
def customer_attributes_set(
    *, actor: Any, customer: Customer, attributes: Mapping[str, str]
) -> Customer:
    """Record attributes (an empty value removes one) and recompute segments."""
    _attributes_write(customer, attributes)
    audit_record(
        verb="customers.attributes",
        actor=actor,
        organisation=customer.organisation,
        target=customer,
        data={"attributes": sorted(attributes)},
    )
    segments_recompute_for(customer=customer)
    return customer


def customer_links_refresh(*, customer: Customer) -> int:
    """Link every not yet linked case, call, order and contract that is the customer's.

    Cases by ID number or phone, calls and delivery orders by phone, service
    contracts by the contract number on one of the customer's orders or, for
    an organisation, by its exact name.
    """
    known = identifiers_of(customer)
    new_cases = _case_links_new(customer, known)
    new_calls = _call_links_new(customer, known[IdentifierKind.PHONE])
    new_orders = _order_links_new(customer, known[IdentifierKind.PHONE])
    CustomerCase.objects.bulk_create(new_cases)
    CustomerCall.objects.bulk_create(new_calls)
    CustomerOrder.objects.bulk_create(new_orders)
    # After the orders, so that a new order's contract number is known.
    new_contracts = _contract_links_new(customer)
    CustomerContract.objects.bulk_create(new_contracts)
    return len(new_cases) + len(new_calls) + len(new_orders) + len(new_contracts)


def _case_links_new(
    customer: Customer, known: dict[str, set[str]]
) -> list[CustomerCase]:
    ids, phones = known[IdentifierKind.ID_NUMBER], known[IdentifierKind.PHONE]
    cases = Case.objects.filter(
        organisation_id=customer.organisation_id, customer_link__isnull=True
    ).filter(Q(applicant_id_number__in=ids) | Q(applicant_phone__in=phones))
    return [
        CustomerCase(
            customer=customer,
            case=case,
            matched_by=IdentifierKind.ID_NUMBER
            if case.applicant_id_number in ids
            else IdentifierKind.PHONE,
        )
        for case in cases.only("pk", "applicant_id_number")
    ]


def _call_links_new(customer: Customer, phones: set[str]) -> list[CustomerCall]:
    calls = CallRecord.objects.filter(
        organisation_id=customer.organisation_id,
        customer_link__isnull=True,
        caller_number__in=phones,
    ).values_list("pk", flat=True)
    return [CustomerCall(customer=customer, call_id=pk) for pk in calls]


def _order_links_new(customer: Customer, phones: set[str]) -> list[CustomerOrder]:
    orders = Order.objects.filter(
        organisation_id=customer.organisation_id,
        customer_link__isnull=True,
        phone__in=phones,
    ).values_list("pk", flat=True)
    return [CustomerOrder(customer=customer, order_id=pk) for pk in orders]


def _contract_links_new(customer: Customer) -> list[CustomerContract]:
    on_orders = set(
        Order.objects.filter(customer_link__customer=customer)
        .exclude(contract_number="")
        .values_list("contract_number", flat=True)
    )
    names = names_of(customer)
    contracts = ServiceContract.objects.filter(
        organisation_id=customer.organisation_id, customer_link__isnull=True
    ).filter(Q(number__in=on_orders) | Q(customer_name__in=names))
    return [
        CustomerContract(
            customer=customer,
            contract_id=pk,
            matched_by=ContractBasis.ORDER
            if number in on_orders
            else ContractBasis.NAME,
        )
        for pk, number in contracts.values_list("pk", "number")
    ]


@transaction.atomic(savepoint=False)
def case_link_at_intake(*, case: Case) -> Customer | None:
    """Link a case just opened to the customer whose ID number or phone it bears; that customer.

    Called by intake in its transaction when it opens the case, so the
    customer's history and the service policy in force know the case from its
    first minute. A case has one link (the database holds it to that), so
    this is not for cases already opened: ``customer_links_refresh`` is.
    """
    customer, kind = customer_matching(
        organisation_id=case.organisation_id,
        id_number=case.applicant_id_number,
        phone=case.applicant_phone,
    )
    if customer is None:
        return None
    CustomerCase.objects.create(customer=customer, case=case, matched_by=kind)
    audit_record(
        verb="customers.case_linked",
        organisation=customer.organisation,
        target=customer,
        actor=case.first_responsible,
        data={"case": case.number, "matched_by": kind},
    )
    return customer


@transaction.atomic
def customers_link_all(*, actor: Any, organisation: Organisation) -> int:
    """Link every customer's new cases, calls, orders and contracts (e.g. nightly)."""
    linked = sum(
        customer_links_refresh(customer=customer)
        for customer in Customer.objects.filter(
            organisation=organisation, merged_into__isnull=True
        )
    )
    audit_record(
        verb="customers.link_all",
        actor=actor,
        organisation=organisation,
        data={"linked": linked},
    )
    return linked


@transaction.atomic
def customer_merge(*, actor: Any, keep: Customer, merge: Customer) -> Customer:
    """Merge the duplicate ``merge`` into ``keep``, moving every link and identifier.

    The duplicate stays, marked as merged, so links to it from elsewhere and
    its audit trail still resolve; its ID number and phone become further
    identifiers of ``keep``, so its future cases and calls still find ``keep``.
    """
    if keep.pk == merge.pk:
        raise ServiceError(CustomerError.MERGE_SELF, field="merge")
    for customer in (keep, merge):
        if customer.merged_into_id is not None:
            raise ServiceError(
                CustomerError.MERGE_INACTIVE, field="merge", name=customer.name
            )
    moved = {
        key: model._default_manager.filter(customer=merge).update(customer=keep)
        for key, model in {**LINKS, "contacts": CustomerContact}.items()
    }
    _identifiers_take(keep, merge)
    _attributes_take(keep, merge)
    merge.merged_into = keep
    merge.save(update_fields=["merged_into", "updated_at"])
    SegmentMembership.objects.filter(customer=merge).delete()
    data = {"merged": merge.pk, "kept": keep.pk, "name": merge.name, **moved}
    for target in (keep, merge):
        audit_record(
            verb="customers.merge",
            actor=actor,
            organisation=keep.organisation,
            target=target,
            data=data,
        )
    customer_links_refresh(customer=keep)
    segments_recompute_for(customer=keep)
    return keep


def _identifiers_take(keep: Customer, merge: Customer) -> None:
    values = [
        (IdentifierKind.ID_NUMBER, merge.id_number),
        (IdentifierKind.PHONE, merge.phone),
        *list(merge.identifiers.values_list("kind", "value")),
    ]
    own = {
        (IdentifierKind.ID_NUMBER, keep.id_number),
        (IdentifierKind.PHONE, keep.phone),
    }
    for kind, value in values:
        if value and (kind, value) not in own:
            CustomerIdentifier.objects.get_or_create(
                customer=keep, kind=kind, value=value, defaults={"source": merge.name}
            )


def _attributes_take(keep: Customer, merge: Customer) -> None:
    # The kept record's own values win; the duplicate fills the gaps.
    present = set(keep.attributes.values_list("key", flat=True))
    merge.attributes.exclude(key__in=present).update(customer=keep)


@transaction.atomic
def customer_unmasked_view(*, actor: Any, customer: Customer, reason: str = "") -> None:
    """Log that ``actor`` saw the customer's full ID number and phones."""
    audit_record(
        verb="customers.view_unmasked",
        actor=actor,
        organisation=customer.organisation,
        target=customer,
        data={"reason": reason[:200]},
    )


def rule_problems(rule: Rule) -> list[ServiceError]:
    """Every reason the rule cannot be saved or previewed, each naming its condition."""
    if not rule.conditions:
        return [ServiceError(CustomerError.RULE_EMPTY, field="rule")]
    problems = []
    for number, condition in enumerate(rule.conditions, start=1):
        if not condition.field.strip():
            problems.append(
                ServiceError(
                    CustomerError.RULE_FIELD_MISSING, field="rule", number=number
                )
            )
        if condition.op not in Op.values:
            problems.append(
                ServiceError(CustomerError.RULE_OP_UNKNOWN, field="rule", number=number)
            )
        elif not condition.value.strip():
            problems.append(
                ServiceError(
                    CustomerError.RULE_VALUE_MISSING, field="rule", number=number
                )
            )
        elif condition.op in ORDERING and as_number(condition.value) is None:
            problems.append(
                ServiceError(
                    CustomerError.RULE_VALUE_NOT_NUMBER,
                    field="rule",
                    number=number,
                    value=condition.value,
                )
            )
    return problems


def rule_selection(*, organisation: Organisation, rule: Rule) -> list[int]:
    """The active customers the rule selects (the preview before saving)."""
    raise_all(rule_problems(rule))
    customers = Customer.objects.filter(
        organisation=organisation, merged_into__isnull=True
    )
    facts = customer_facts(customers)
    return [
        pk
        for pk, customer_facts_ in facts.items()
        if rule_selects(rule, customer_facts_)
    ]


@transaction.atomic
def segment_save(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    rule: Rule,
    segment: Segment | None = None,
) -> Segment:
    """Create or change a segment and compute its members."""
    name = name.strip()
    errors = []
    if not name:
        errors.append(ServiceError(CustomerError.SEGMENT_NAME_MISSING, field="name"))
    elif (
        Segment.objects.filter(organisation=organisation, name=name)
        .exclude(pk=segment.pk if segment else None)
        .exists()
    ):
        errors.append(
            ServiceError(CustomerError.SEGMENT_NAME_TAKEN, field="name", name=name)
        )
    raise_all(errors + rule_problems(rule))
    segment = segment or Segment(organisation=organisation)
    segment.name, segment.rule = name, rule.as_json()
    segment.save()
    audit_record(
        verb="customers.segment_save",
        actor=actor,
        organisation=organisation,
        target=segment,
        data={"rule": segment.rule},
    )
    segment_recompute(segment=segment)
    return segment


def segment_recompute(*, segment: Segment) -> int:
    """Make the segment's members exactly the customers its rule selects now."""
    selected = set(
        rule_selection(organisation=segment.organisation, rule=Rule.of(segment.rule))
    )
    current = set(
        SegmentMembership.objects.filter(segment=segment).values_list(
            "customer_id", flat=True
        )
    )
    SegmentMembership.objects.filter(
        segment=segment, customer_id__in=current - selected
    ).delete()
    SegmentMembership.objects.bulk_create(
        [
            SegmentMembership(segment=segment, customer_id=pk)
            for pk in selected - current
        ]
    )
    segment.recomputed_at = timezone.now()
    segment.save(update_fields=["recomputed_at"])
    return len(selected)


def segments_recompute_for(*, customer: Customer) -> None:
    """Place one customer in exactly the segments whose rules select them."""
    facts = customer_facts(Customer.objects.filter(pk=customer.pk))[customer.pk]
    for segment in Segment.objects.filter(organisation_id=customer.organisation_id):
        selected = customer.is_active and rule_selects(Rule.of(segment.rule), facts)
        if selected:
            SegmentMembership.objects.get_or_create(segment=segment, customer=customer)
        else:
            SegmentMembership.objects.filter(
                segment=segment, customer=customer
            ).delete()


@transaction.atomic
def policy_save(
    *, actor: Any, segment: Segment, fields: Mapping[str, Any]
) -> ServicePolicy:
    """Set the service policy a segment's customers receive."""
    limit = fields.get("time_limit_days")
    if limit is not None and not (1 <= int(limit) <= 365):
        raise ServiceError(CustomerError.LIMIT_INVALID, field="time_limit_days")
    manager = fields.get("account_manager")
    if (
        manager is not None
        and not Membership.objects.filter(
            organisation_id=segment.organisation_id, user=manager
        ).exists()
    ):
        raise ServiceError(CustomerError.MANAGER_NOT_MEMBER, field="account_manager")
    policy, _created = ServicePolicy.objects.update_or_create(
        segment=segment,
        defaults={
            "priority": fields.get("priority") or 5,
            "routing_tier": str(fields.get("routing_tier", "")).strip(),
            "time_limit_days": limit,
            "preferred_channel": fields.get("preferred_channel", ""),
            "account_manager": manager,
        },
    )
    audit_record(
        verb="customers.policy_save",
        actor=actor,
        organisation=segment.organisation,
        target=segment,
        data={"time_limit_days": limit, "priority": policy.priority},
    )
    return policy

"""Writes: contracts from templates, service requests matched or billed, quotes, bills.

``visit_record(job=...)`` is the entry point for the field-service app. It takes
any object with these attributes (duck-typed, nothing imported from there):

* ``organisation`` — the ``Organisation`` the job belongs to;
* ``customer_name`` — str, used to find the contract when no number is given;
* ``contract_number`` — str, may be empty;
* ``days_on_site`` — ``Decimal`` (or int) working days spent on site;
* ``people`` — int, technicians who went;
* ``travel_cost`` — ``Decimal`` fares actually paid;
* ``finished_at`` — aware ``datetime`` (its local date is the service date);
* ``reference`` — str, the job number; a second call with the same reference
  returns the first record and changes nothing.

It matches the visit to the customer's on-site visit entitlement and consumes
it; when none is left (or the customer has no contract) it drafts a bill by
the rate card in force on the day.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.compute import ratecard
from onestop.organisations.models import Organisation
from onestop.servicecontracts.errors import ContractError
from onestop.servicecontracts.models import (
    Bill,
    BillKind,
    BillStatus,
    Delivery,
    DocumentCounter,
    Entitlement,
    Kind,
    Period,
    Quote,
    QuoteStatus,
    RateCard,
    ServiceContract,
    ServiceRequest,
)
from onestop.servicecontracts.templates_data import TEMPLATES

BILL_PREFIX, QUOTE_PREFIX = "B", "Q"


# --- Contracts and the rate card ---------------------------------------------------


def contract_year_end(start: date) -> date:
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return start.replace(year=start.year + 1, day=28)


@transaction.atomic
def contract_create(
    *,
    actor: Any,
    organisation: Organisation,
    number: str,
    customer_name: str,
    system: str,
    location: str,
    start_date: date,
    contact: str = "",
    leave_out: tuple[str, ...] = (),
) -> ServiceContract:
    """A contract with a year of entitlements copied from its location's template."""
    if location not in TEMPLATES:
        raise ServiceError(ContractError.LOCATION_UNKNOWN, field="location")
    if ServiceContract.objects.filter(
        organisation=organisation, number=number
    ).exists():
        raise ServiceError(ContractError.NUMBER_TAKEN, field="number", number=number)
    contract = ServiceContract.objects.create(
        organisation=organisation,
        number=number,
        customer_name=customer_name,
        system=system,
        location=location,
        start_date=start_date,
        end_date=contract_year_end(start_date),
        contact=contact,
    )
    Entitlement.objects.bulk_create(
        Entitlement(contract=contract, position=position, **asdict(row))
        for position, row in enumerate(TEMPLATES[location])
        if row.kind not in leave_out
    )
    audit_record(
        verb="servicecontract.create",
        actor=actor,
        organisation=organisation,
        target=contract,
        data={"location": location, "left_out": list(leave_out)},
    )
    return contract


@transaction.atomic
def rate_card_add(
    *, actor: Any, organisation: Organisation, valid_from: date, **rates: Decimal
) -> RateCard:
    if RateCard.objects.filter(
        organisation=organisation, valid_from=valid_from
    ).exists():
        raise ServiceError(
            ContractError.RATE_CARD_TAKEN, field="valid_from", day=valid_from
        )
    card = RateCard.objects.create(
        organisation=organisation, valid_from=valid_from, **rates
    )
    audit_record(
        verb="ratecard.add",
        actor=actor,
        organisation=organisation,
        target=card,
        data={key: str(value) for key, value in rates.items()},
    )
    return card


def rates_on(
    organisation: Organisation, day: date
) -> tuple[RateCard | None, ratecard.Rates]:
    """The organisation's rate card in force on ``day``, or the essay's defaults."""
    card = (
        RateCard.objects.filter(organisation=organisation, valid_from__lte=day)
        .order_by("-valid_from")
        .first()
    )
    if card is None:
        return None, ratecard.Rates(valid_from=date.min)
    return card, ratecard.Rates(
        valid_from=card.valid_from,
        lodging=card.lodging,
        meals=card.meals,
        labour=card.labour,
        development=card.development,
    )


# --- Service requests ----------------------------------------------------------


def entitlement_match(
    contract: ServiceContract, *, kind: str, delivery: str, day: date
) -> Entitlement | None:
    """The entitlement that covers this service, or ``None`` when none is left.

    An on-site entitlement also covers the same service given remotely; a
    remote one never covers a trip.
    """
    candidates = [
        e
        for e in contract.entitlements.filter(kind=kind)
        if e.delivery == delivery or e.delivery == Delivery.ON_SITE
    ]
    for entitlement in candidates:
        if entitlement.period == Period.YEAR and day > contract.end_date:
            continue
        if entitlement.quantity is not None and (
            entitlement.uses.count() >= entitlement.quantity
        ):
            continue
        return entitlement
    return None


@transaction.atomic
def request_record(
    *,
    actor: Any,
    contract: ServiceContract,
    kind: str,
    delivery: str,
    served_on: date,
    days: Decimal,
    people: int = 1,
    travel_cost: Decimal = Decimal("0.00"),
    note: str = "",
    reference: str = "",
) -> ServiceRequest:
    """Match a service to the contract's entitlements; bill what is not covered."""
    _check_request(days=days, people=people, travel_cost=travel_cost)
    # One request at a time per contract, so two cannot take the last visit.
    contract = ServiceContract.objects.select_for_update().get(pk=contract.pk)
    if served_on < contract.start_date:
        raise ServiceError(
            ContractError.OUTSIDE_CONTRACT,
            field="served_on",
            day=served_on,
            start=contract.start_date,
        )
    entitlement = entitlement_match(
        contract, kind=kind, delivery=delivery, day=served_on
    )
    billable_days = _billable_days(entitlement, days)
    if entitlement is None and delivery != Delivery.ON_SITE:
        raise ServiceError(
            ContractError.NOT_COVERED, field="kind", kind=Kind(kind).label
        )
    request = ServiceRequest.objects.create(
        organisation=contract.organisation,
        contract=contract,
        customer_name=contract.customer_name,
        kind=kind,
        delivery=delivery,
        served_on=served_on,
        days=days,
        people=people,
        travel_cost=travel_cost,
        note=note,
        reference=reference,
        entitlement=entitlement,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if billable_days > 0 and delivery == Delivery.ON_SITE:
        # Travel is part of the visit the contract covers; only extra days are billed.
        fares = travel_cost if entitlement is None else Decimal("0.00")
        request.bill = _visit_bill(request, days=billable_days, travel_cost=fares)
        request.save(update_fields=["bill"])
    audit_record(
        verb="servicerequest.record",
        actor=actor,
        organisation=contract.organisation,
        target=request,
        data={
            "contract": contract.number,
            "entitlement": entitlement.pk if entitlement else None,
            "bill": request.bill.number if request.bill else None,
        },
    )
    return request


def _check_request(*, days: Decimal, people: int, travel_cost: Decimal) -> None:
    if days is None or days < Decimal("0.5"):
        raise ServiceError(ContractError.DAYS_INVALID, field="days")
    if people is None or people < 1:
        raise ServiceError(ContractError.PEOPLE_INVALID, field="people")
    if travel_cost is None or travel_cost < 0:
        raise ServiceError(ContractError.TRAVEL_INVALID, field="travel_cost")


def _billable_days(entitlement: Entitlement | None, days: Decimal) -> Decimal:
    if entitlement is None:
        return days
    if entitlement.days_each is None:
        return Decimal(0)
    return max(days - entitlement.days_each, Decimal(0))


def visit_record(*, job: Any) -> ServiceRequest:
    """Record a signed field-service visit (see the module docstring for ``job``)."""
    existing = ServiceRequest.objects.filter(
        organisation=job.organisation, reference=job.reference
    ).first()
    if job.reference and existing is not None:
        return existing
    day = timezone.localdate(job.finished_at)
    contract = _contract_for(job, day)
    values = {
        "kind": Kind.VISIT,
        "delivery": Delivery.ON_SITE,
        "served_on": day,
        "days": Decimal(job.days_on_site),
        "people": int(job.people),
        "travel_cost": Decimal(job.travel_cost or 0),
        "reference": job.reference,
    }
    if contract is not None:
        return request_record(actor=None, contract=contract, **values)
    return _request_without_contract(job, values)


def _contract_for(job: Any, day: date) -> ServiceContract | None:
    contracts = ServiceContract.objects.filter(organisation=job.organisation)
    if job.contract_number:
        return contracts.filter(number=job.contract_number).first()
    return (
        contracts.filter(customer_name=job.customer_name, start_date__lte=day)
        .filter(Q(end_date__gte=day))
        .order_by("-start_date")
        .first()
    )


@transaction.atomic
def _request_without_contract(job: Any, values: dict[str, Any]) -> ServiceRequest:
    _check_request(
        days=values["days"], people=values["people"], travel_cost=values["travel_cost"]
    )
    request = ServiceRequest.objects.create(
        organisation=job.organisation, customer_name=job.customer_name, **values
    )
    request.bill = _visit_bill(
        request, days=values["days"], travel_cost=values["travel_cost"]
    )
    request.save(update_fields=["bill"])
    audit_record(
        verb="servicerequest.record",
        organisation=job.organisation,
        target=request,
        data={"contract": None, "bill": request.bill.number},
    )
    return request


def _visit_bill(
    request: ServiceRequest, *, days: Decimal, travel_cost: Decimal
) -> Bill:
    card, rates = rates_on(request.organisation, request.served_on)
    charge = ratecard.visit_charge(
        rates=rates, people=request.people, days=days, travel_cost=travel_cost
    )
    return Bill.objects.create(
        organisation=request.organisation,
        number=number_next(request.organisation, BILL_PREFIX, request.served_on.year),
        contract=request.contract,
        customer_name=request.customer_name,
        kind=BillKind.VISIT,
        service_date=request.served_on,
        description=request.note or request.reference or request.get_kind_display(),
        rate_card=card,
        lines=lines_json(charge),
        total=charge.total,
    )


def lines_json(charge: ratecard.Charge) -> list[dict[str, str]]:
    return [
        {
            "code": line.code,
            "quantity": str(line.quantity),
            "unit_price": str(line.unit_price),
            "amount": str(line.amount),
            "working": line.working,
        }
        for line in charge.lines
    ]


def number_next(organisation: Organisation, prefix: str, year: int) -> str:
    """``HQB2026-0001``: organisation code, document letter, year, sequence.

    The counter row is incremented by an UPDATE inside the caller's
    transaction, so concurrent callers queue on its row lock.
    """
    DocumentCounter.objects.bulk_create(
        [DocumentCounter(organisation=organisation, prefix=prefix, year=year)],
        ignore_conflicts=True,
    )
    counter = DocumentCounter.objects.filter(
        organisation=organisation, prefix=prefix, year=year
    )
    counter.update(last=F("last") + 1)
    last = counter.values_list("last", flat=True).get()
    return f"{organisation.code}{prefix}{year}-{last:04d}"


# --- Bills and quotes ----------------------------------------------------------


@transaction.atomic
def bill_issue(*, actor: Any, bill: Bill) -> Bill:
    bill = Bill.objects.select_for_update().get(pk=bill.pk)
    if bill.status != BillStatus.DRAFT:
        raise ServiceError(ContractError.BILL_NOT_DRAFT)
    bill.status = BillStatus.ISSUED
    bill.issued_at = timezone.now()
    bill.save(update_fields=["status", "issued_at"])
    audit_record(
        verb="bill.issue", actor=actor, organisation=bill.organisation, target=bill
    )
    return bill


@transaction.atomic
def quote_create(
    *,
    actor: Any,
    contract: ServiceContract,
    title: str,
    requirement: str,
    person_days: Decimal,
    quoted_on: date,
) -> Quote:
    """An estimate for custom development: agreed person-days × the daily rate."""
    if person_days is None or person_days <= 0:
        raise ServiceError(ContractError.PERSON_DAYS_INVALID, field="person_days")
    card, rates = rates_on(contract.organisation, quoted_on)
    charge = ratecard.development_charge(rates=rates, person_days=person_days)
    quote = Quote.objects.create(
        organisation=contract.organisation,
        number=number_next(contract.organisation, QUOTE_PREFIX, quoted_on.year),
        contract=contract,
        title=title,
        requirement=requirement,
        person_days=person_days,
        quoted_on=quoted_on,
        rate_card=card,
        lines=lines_json(charge),
        total=charge.total,
    )
    audit_record(
        verb="quote.create",
        actor=actor,
        organisation=contract.organisation,
        target=quote,
        data={"total": str(charge.total)},
    )
    return quote


@transaction.atomic
def quote_approve(
    *, actor: Any, quote: Quote, approved_by: str, approved_on: date
) -> Quote:
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if quote.status != QuoteStatus.DRAFT:
        raise ServiceError(ContractError.QUOTE_NOT_DRAFT)
    if not approved_by.strip():
        raise ServiceError(ContractError.APPROVER_MISSING, field="approved_by")
    quote.status = QuoteStatus.APPROVED
    quote.approved_by = approved_by.strip()
    quote.approved_on = approved_on
    quote.save(update_fields=["status", "approved_by", "approved_on"])
    audit_record(
        verb="quote.approve",
        actor=actor,
        organisation=quote.organisation,
        target=quote,
        data={"approved_by": quote.approved_by},
    )
    return quote


@transaction.atomic
def quote_bill(*, actor: Any, quote: Quote, billed_on: date) -> Bill:
    """Bill an approved quote at the amounts the customer approved."""
    quote = (
        Quote.objects.select_for_update().select_related("contract").get(pk=quote.pk)
    )
    if quote.status != QuoteStatus.APPROVED:
        raise ServiceError(ContractError.QUOTE_NOT_APPROVED)
    bill = Bill.objects.create(
        organisation=quote.organisation,
        number=number_next(quote.organisation, BILL_PREFIX, billed_on.year),
        contract=quote.contract,
        customer_name=quote.contract.customer_name,
        kind=BillKind.DEVELOPMENT,
        service_date=billed_on,
        description=quote.title,
        rate_card=quote.rate_card,
        lines=quote.lines,
        total=quote.total,
    )
    quote.status = QuoteStatus.BILLED
    quote.bill = bill
    quote.save(update_fields=["status", "bill"])
    audit_record(
        verb="quote.bill",
        actor=actor,
        organisation=quote.organisation,
        target=quote,
        data={"bill": bill.number},
    )
    return bill


__all__ = [
    "bill_issue",
    "contract_create",
    "quote_approve",
    "quote_bill",
    "quote_create",
    "rate_card_add",
    "request_record",
    "visit_record",
]

"""The demo's service contracts (售后服务合同, 篇6), given through the services.

``servicecontracts_demo_load(organisation)`` adds the rate card, the
organisation's contracts from ``data.CONTRACTS``, the services given under
them (some beyond the contract, so billed) and custom-development quotes at
each step. It does nothing for an organisation that already has a contract.
"""

from __future__ import annotations

from django.db import transaction

from onestop.organisations.models import Organisation
from onestop.servicecontracts.models import RateCard, ServiceContract
from onestop.servicecontracts.services import (
    contract_create,
    quote_approve,
    quote_bill,
    quote_create,
    rate_card_add,
    request_record,
)

from .data import CONTRACTS, RATES
from .specs import ContractSpec


@transaction.atomic
def servicecontracts_demo_load(organisation: Organisation) -> int:
    """Load the organisation's demo contracts; how many, or 0 if it had some."""
    specs = CONTRACTS.get(organisation.slug, ())
    if not specs or ServiceContract.objects.filter(organisation=organisation).exists():
        return 0
    if not RateCard.objects.filter(organisation=organisation).exists():
        for rate in RATES:
            rate_card_add(
                actor=None,
                organisation=organisation,
                valid_from=rate.valid_from,
                lodging=rate.lodging,
                meals=rate.meals,
                labour=rate.labour,
                development=rate.development,
            )
    for spec in specs:
        _contract_load(organisation, spec)
    return len(specs)


def _contract_load(organisation: Organisation, spec: ContractSpec) -> None:
    contract = contract_create(
        actor=None,
        organisation=organisation,
        number=spec.number,
        customer_name=spec.customer_name,
        system=spec.system,
        location=spec.location,
        start_date=spec.start_date,
        contact=spec.contact,
        leave_out=spec.leave_out,
    )
    for visit in spec.visits:
        request_record(
            actor=None,
            contract=contract,
            kind=visit.kind,
            delivery=visit.delivery,
            served_on=visit.served_on,
            days=visit.days,
            people=visit.people,
            travel_cost=visit.travel_cost,
            note=visit.note,
        )
    for q in spec.quotes:
        quote = quote_create(
            actor=None,
            contract=contract,
            title=q.title,
            requirement=q.requirement,
            person_days=q.person_days,
            quoted_on=q.quoted_on,
        )
        if q.approved_on:
            quote_approve(
                actor=None,
                quote=quote,
                approved_by=q.approved_by,
                approved_on=q.approved_on,
            )
        if q.billed_on:
            quote_bill(actor=None, quote=quote, billed_on=q.billed_on)


__all__ = ["servicecontracts_demo_load"]

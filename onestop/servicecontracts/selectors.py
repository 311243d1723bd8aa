"""Reads: contracts with their entitlements' use, bills, quotes and monthly figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from onestop.organisations.models import Organisation
from onestop.servicecontracts.models import (
    Bill,
    Entitlement,
    Quote,
    RateCard,
    ServiceContract,
    ServiceRequest,
)


@dataclass(frozen=True)
class EntitlementUse:
    entitlement: Entitlement
    used: int
    remaining: int | None  # None: without limit


@dataclass(frozen=True)
class MonthFigure:
    month: str
    uses: int
    billed: Decimal


def contract_list(*, organisation: Organisation) -> QuerySet[ServiceContract]:
    return ServiceContract.objects.filter(organisation=organisation).annotate(
        request_count=Count("requests", distinct=True)
    )


def contract_get(*, organisation: Organisation, pk: int) -> ServiceContract:
    return get_object_or_404(ServiceContract, organisation=organisation, pk=pk)


def contract_for_token(*, organisation: Organisation, token: str) -> ServiceContract:
    return get_object_or_404(ServiceContract, organisation=organisation, token=token)


def entitlement_uses(contract: ServiceContract) -> list[EntitlementUse]:
    rows = contract.entitlements.annotate(used=Count("uses")).order_by("position")
    return [
        EntitlementUse(
            entitlement=row,
            used=row.used,
            remaining=None if row.quantity is None else max(row.quantity - row.used, 0),
        )
        for row in rows
    ]


def contract_requests(contract: ServiceContract) -> QuerySet[ServiceRequest]:
    return contract.requests.select_related("entitlement", "bill", "recorded_by")


def contract_quotes(contract: ServiceContract) -> QuerySet[Quote]:
    return contract.quotes.select_related("bill")


def bill_get(*, organisation: Organisation, pk: int) -> Bill:
    return get_object_or_404(
        Bill.objects.select_related(
            "contract", "rate_card", "organisation"
        ).prefetch_related(
            Prefetch("requests", queryset=ServiceRequest.objects.order_by("id"))
        ),
        organisation=organisation,
        pk=pk,
    )


def bill_list(*, organisation: Organisation) -> QuerySet[Bill]:
    return Bill.objects.filter(organisation=organisation).select_related("contract")


def quote_get(*, organisation: Organisation, pk: int) -> Quote:
    return get_object_or_404(
        Quote.objects.select_related("contract", "rate_card", "bill", "organisation"),
        organisation=organisation,
        pk=pk,
    )


def rate_cards(*, organisation: Organisation) -> QuerySet[RateCard]:
    return RateCard.objects.filter(organisation=organisation)


def monthly_figures(
    *, organisation: Organisation, first: date, last: date
) -> list[MonthFigure]:
    """Entitlement uses and billed amounts per month, every month shown."""
    uses: dict[str, int] = defaultdict(int)
    for served_on in ServiceRequest.objects.filter(
        organisation=organisation,
        entitlement__isnull=False,
        served_on__range=(first, last),
    ).values_list("served_on", flat=True):
        uses[served_on.strftime("%Y-%m")] += 1
    billed: dict[str, Decimal] = defaultdict(Decimal)
    for day, total in Bill.objects.filter(
        organisation=organisation, service_date__range=(first, last)
    ).values_list("service_date", "total"):
        billed[day.strftime("%Y-%m")] += total
    return [
        MonthFigure(month=m, uses=uses[m], billed=billed[m])
        for m in _months(first, last)
    ]


def _months(first: date, last: date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months

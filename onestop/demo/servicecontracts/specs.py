"""The demo's service contracts (篇6), per organisation slug, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class VisitSpec:
    kind: str
    delivery: str
    served_on: date
    days: Decimal = Decimal(1)
    people: int = 1
    travel_cost: Decimal = Decimal("0.00")
    note: str = ""


@dataclass(frozen=True)
class QuoteSpec:
    title: str
    requirement: str
    person_days: Decimal
    quoted_on: date
    approved_by: str = ""
    approved_on: date | None = None
    billed_on: date | None = None


@dataclass(frozen=True)
class ContractSpec:
    number: str
    customer_name: str
    system: str
    location: str
    start_date: date
    contact: str
    visits: tuple[VisitSpec, ...] = ()
    quotes: tuple[QuoteSpec, ...] = ()
    leave_out: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RateSpec:
    valid_from: date
    lodging: Decimal
    meals: Decimal
    labour: Decimal
    development: Decimal

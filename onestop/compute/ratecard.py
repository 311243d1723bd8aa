"""Rate-card arithmetic for after-sales service beyond the contract (售后服务收费标准).

The charging rules are those of the after-sales essay (篇6, 1.2 and 1.3):

* an on-site visit costs travel + labour, where travel is the fare actually
  paid + lodging per person per day + meals per person per day, and labour is
  a daily rate per person per day (defaults 100, 50 and 500 yuan);
* custom development costs the agreed person-days × a daily rate (default
  1,000 yuan), on an estimate the customer approves first.

Everything is ``Decimal`` rounded half-up to the cent, and every line carries
its working ("2 × 3 × 100.00 = 600.00") so a bill can be checked by hand.
Pure: no Django, no clock; labels are codes that the caller translates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

TRAVEL = "travel"
LODGING = "lodging"
MEALS = "meals"
LABOUR = "labour"
DEVELOPMENT = "development"


@dataclass(frozen=True)
class Rates:
    """Daily rates per person, as valid from ``valid_from``."""

    valid_from: date
    lodging: Decimal = Decimal("100.00")
    meals: Decimal = Decimal("50.00")
    labour: Decimal = Decimal("500.00")
    development: Decimal = Decimal("1000.00")


@dataclass(frozen=True)
class Line:
    """One charge: ``code`` says what it is, ``working`` how ``amount`` was reached."""

    code: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    working: str


@dataclass(frozen=True)
class Charge:
    lines: tuple[Line, ...]
    total: Decimal


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def rates_in_force(rows: Sequence[Rates], on: date) -> Rates | None:
    """The row with the latest ``valid_from`` not after ``on``; ``None`` before all."""
    valid = [row for row in rows if row.valid_from <= on]
    return max(valid, key=lambda row: row.valid_from) if valid else None


def visit_charge(
    *, rates: Rates, people: int, days: Decimal, travel_cost: Decimal
) -> Charge:
    """Travel at cost + lodging, meals and labour per person per day (篇6 1.2)."""
    if people < 1 or days <= 0 or travel_cost < 0:
        raise ValueError("people ≥ 1, days > 0 and travel cost ≥ 0 are required")
    person_days = Decimal(people) * days
    lines = [
        Line(
            TRAVEL,
            Decimal(1),
            money(travel_cost),
            money(travel_cost),
            f"{money(travel_cost)} = {money(travel_cost)}",
        ),
    ]
    for code, price in (
        (LODGING, rates.lodging),
        (MEALS, rates.meals),
        (LABOUR, rates.labour),
    ):
        lines.append(_per_person_day(code, people, days, person_days, price))
    return _charge(lines)


def development_charge(*, rates: Rates, person_days: Decimal) -> Charge:
    """Agreed person-days × the daily development rate (篇6 1.3)."""
    if person_days <= 0:
        raise ValueError("person-days must be positive")
    amount = money(person_days * rates.development)
    working = f"{_plain(person_days)} × {money(rates.development)} = {amount}"
    return _charge(
        [Line(DEVELOPMENT, person_days, money(rates.development), amount, working)]
    )


def _per_person_day(
    code: str, people: int, days: Decimal, person_days: Decimal, price: Decimal
) -> Line:
    amount = money(person_days * price)
    working = f"{people} × {_plain(days)} × {money(price)} = {amount}"
    return Line(code, person_days, money(price), amount, working)


def _charge(lines: list[Line]) -> Charge:
    return Charge(tuple(lines), money(sum((line.amount for line in lines), Decimal(0))))


def _plain(value: Decimal) -> str:
    """``3`` rather than ``3.00``, ``1.5`` as it is."""
    text = format(value.normalize(), "f")
    return text

"""Taking an order: every field checked at once, lead times, numbering.

An order goes on only when complete: ``order_create`` parses the header and
the lines, names every missing or invalid field in one refusal and writes
nothing; otherwise it stores the order with its earliest delivery date (the
longest procurement + production lead time, counted in working days) and a
per-day number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import Order, OrderLine, Product
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for

ORDER_FIELDS = (
    "customer",
    "contact_person",
    "phone",
    "address",
    "latitude",
    "longitude",
    "order_date",
    "requested_date",
    "salesperson",
)
LINE_FIELDS = ("product_name", "model", "unit", "quantity", "unit_price")
PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


@dataclass(frozen=True)
class _Parsed:
    values: dict[str, Any]
    lines: list[tuple[Product, dict[str, Any]]]


def _label(name: str) -> str:
    return str(capfirst(Order._meta.get_field(name).verbose_name))


def _line_label(name: str) -> str:
    return str(OrderLine._meta.get_field(name).verbose_name)


def _parse_order(
    organisation: Organisation, fields: dict[str, str], lines: list[dict[str, str]]
) -> _Parsed:
    errors: list[ServiceError] = []
    values: dict[str, Any] = {}
    for name in ORDER_FIELDS:
        raw = (fields.get(name) or "").strip()
        if not raw:
            errors.append(
                ServiceError(FieldError.REQUIRED, field=name, name=_label(name))
            )
            continue
        values[name] = raw
    _check_dates(values, errors)
    _check_coordinates(values, errors)
    if "phone" in values and not PHONE.match(values["phone"]):
        errors.append(ServiceError(FieldError.INVALID_PHONE, field="phone"))
    parsed_lines = _parse_lines(organisation, lines, errors)
    for name in ("special_requirements", "contract_number"):
        values[name] = (fields.get(name) or "").strip()
    raise_all(errors)
    return _Parsed(values, parsed_lines)


def _check_dates(values: dict[str, Any], errors: list[ServiceError]) -> None:
    for name in ("order_date", "requested_date"):
        if name not in values:
            continue
        try:
            values[name] = date.fromisoformat(values[name])
        except ValueError:
            del values[name]
            errors.append(
                ServiceError(FieldError.INVALID_DATE, field=name, name=_label(name))
            )
    both = {"order_date", "requested_date"} <= values.keys()
    if both and values["requested_date"] < values["order_date"]:
        errors.append(
            ServiceError(FieldError.REQUESTED_BEFORE_ORDER, field="requested_date")
        )


def _check_coordinates(values: dict[str, Any], errors: list[ServiceError]) -> None:
    for name, limit in (("latitude", 90), ("longitude", 180)):
        if name not in values:
            continue
        try:
            number = Decimal(values[name]).quantize(Decimal("0.000001"))
            ok = -limit <= number <= limit
        except (InvalidOperation, ValueError):
            ok = False
        if ok:
            values[name] = number
        else:
            del values[name]
            errors.append(
                ServiceError(
                    FieldError.INVALID_COORDINATE,
                    field=name,
                    name=_label(name),
                    low=-limit,
                    high=limit,
                )
            )


def _parse_lines(
    organisation: Organisation,
    lines: list[dict[str, str]],
    errors: list[ServiceError],
) -> list[tuple[Product, dict[str, Any]]]:
    products = {p.model: p for p in Product.objects.filter(organisation=organisation)}
    parsed = []
    filled = [
        (n, line)
        for n, line in enumerate(lines, start=1)
        if any((line.get(k) or "").strip() for k in LINE_FIELDS)
    ]
    if not filled:
        errors.append(ServiceError(FieldError.NO_LINES, field="line1_product_name"))
    for n, line in filled:
        values = _parse_line(n, line, errors)
        product = products.get(values.get("model", ""))
        if "model" in values and product is None:
            errors.append(
                ServiceError(
                    FieldError.UNKNOWN_MODEL,
                    field=f"line{n}_model",
                    line=n,
                    model=values["model"],
                )
            )
        if product is not None and len(values) == len(LINE_FIELDS):
            parsed.append((product, values))
    return parsed


def _parse_line(
    n: int, line: dict[str, str], errors: list[ServiceError]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in LINE_FIELDS:
        raw = (line.get(name) or "").strip()
        value: Any = raw or None
        if raw and name == "quantity":
            value = int(raw) if raw.isdigit() and int(raw) > 0 else None
        elif raw and name == "unit_price":
            try:
                value = Decimal(raw).quantize(Decimal("0.01"))
            except InvalidOperation:
                value = None
            if value is not None and value < 0:
                value = None
        if value is None:
            errors.append(
                ServiceError(
                    FieldError.LINE_FIELD,
                    field=f"line{n}_{name}",
                    line=n,
                    name=_line_label(name),
                )
            )
        else:
            values[name] = value
    return values


def earliest_delivery(
    organisation: Organisation, order_date: date, products: list[Product]
) -> date:
    """The first working day after the longest procurement + production lead time.

    The order day does not count; with no lead time the goods can go out the
    next working day (``WorkCalendar.due_after`` counts from the day after).
    """
    calendar = work_calendar_for(organisation)
    lead = max((p.lead_days for p in products), default=0)
    start = datetime.combine(order_date, time(12), tzinfo=calendar.tz)
    return calendar.due_after(start, max(lead, 1)).date()


def _number(organisation: Organisation, order_date: date) -> str:
    prefix = f"{organisation.code}-D{order_date:%Y%m%d}-"
    taken = Order.objects.filter(
        organisation=organisation, number__startswith=prefix
    ).count()
    return f"{prefix}{taken + 1:03d}"


def order_create(
    *,
    organisation: Organisation,
    actor: Any,
    fields: dict[str, str],
    lines: list[dict[str, str]],
    now: datetime | None = None,
) -> Order:
    """Enter a complete order, or refuse naming every missing or invalid field."""
    now = now or timezone.now()
    parsed = _parse_order(organisation, fields, lines)
    values = parsed.values
    products = [product for product, _ in parsed.lines]
    earliest = earliest_delivery(organisation, values["order_date"], products)
    with transaction.atomic():
        order = Order.objects.create(
            organisation=organisation,
            number=_number(organisation, values["order_date"]),
            earliest_date=earliest,
            created_by=actor,
            created_at=now,
            **values,
        )
        OrderLine.objects.bulk_create(
            OrderLine(order=order, position=n, product=product, **line)
            for n, (product, line) in enumerate(parsed.lines, start=1)
        )
        audit_record(
            verb="fieldservice.order_created",
            actor=actor,
            organisation=organisation,
            target=order,
            data={"earliest": earliest.isoformat(), "lines": len(parsed.lines)},
        )
    return order

"""Writes of the set-up: the technicians who go out and the products they deliver.

The staff pages send what was typed, as text; these services check it, name
every missing or invalid field at once and write nothing until all is right.
Each write is one transaction with its audit event.
"""

from __future__ import annotations

from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils.text import capfirst

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import Product, Technician
from onestop.fieldservice.services import PHONE
from onestop.organisations.models import Membership, Organisation
from onestop.posts.models import Department
from onestop.providers.models import Provider

MAX_LEAD_DAYS = 365
MAX_INSTALL_MINUTES = 1440
TECHNICIAN_TEXT = ("name", "phone", "skills")
PRODUCT_TEXT = ("name", "model", "unit", "install_skill")


def _label(model: type[Model], name: str) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))


def _text(
    model: type[Model],
    fields: dict[str, str],
    names: tuple[str, ...],
    required: tuple[str, ...],
    errors: list[ServiceError],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in names:
        raw = (fields.get(name) or "").strip()
        if not raw and name in required:
            errors.append(
                ServiceError(FieldError.REQUIRED, field=name, name=_label(model, name))
            )
        limit = model._meta.get_field(name).max_length or len(raw)
        values[name] = raw[:limit]
    return values


def _required(
    model: type[Model], fields: dict[str, str], name: str, errors: list[ServiceError]
) -> str | None:
    raw = (fields.get(name) or "").strip()
    if not raw:
        errors.append(
            ServiceError(FieldError.REQUIRED, field=name, name=_label(model, name))
        )
        return None
    return raw


# --- Technicians -----------------------------------------------------------------


def _coordinate(
    fields: dict[str, str], name: str, limit: int, errors: list[ServiceError]
) -> Decimal | None:
    raw = _required(Technician, fields, name, errors)
    if raw is None:
        return None
    try:
        number = Decimal(raw).quantize(Decimal("0.000001"))
        if -limit <= number <= limit:
            return number
    except (InvalidOperation, ValueError):
        pass
    errors.append(
        ServiceError(
            FieldError.INVALID_COORDINATE,
            field=name,
            name=_label(Technician, name),
            low=-limit,
            high=limit,
        )
    )
    return None


def _time(fields: dict[str, str], name: str, errors: list[ServiceError]) -> time | None:
    raw = _required(Technician, fields, name, errors)
    if raw is None:
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        errors.append(
            ServiceError(
                FieldError.INVALID_TIME, field=name, name=_label(Technician, name)
            )
        )
        return None


def _choice(
    queryset: Any,
    fields: dict[str, str],
    name: str,
    errors: list[ServiceError],
    *,
    required: bool = False,
    key: str = "pk",
) -> Any:
    """The row the select named, of this organisation only (or None when left empty)."""
    raw = (fields.get(name) or "").strip()
    label = _label(Technician, name)
    if not raw:
        if required:
            errors.append(ServiceError(FieldError.REQUIRED, field=name, name=label))
        return None
    found = queryset.filter(**{key: int(raw)}).first() if raw.isdigit() else None
    if found is None:
        errors.append(ServiceError(FieldError.UNKNOWN_CHOICE, field=name, name=label))
    return found


def _technician_values(
    organisation: Organisation,
    fields: dict[str, str],
    technician: Technician | None,
) -> dict[str, Any]:
    errors: list[ServiceError] = []
    values = _text(Technician, fields, TECHNICIAN_TEXT, ("name",), errors)
    if values["phone"] and not PHONE.match(values["phone"]):
        errors.append(ServiceError(FieldError.INVALID_PHONE, field="phone"))
    values["skills"] = ", ".join(
        s.strip() for s in values["skills"].replace("，", ",").split(",") if s.strip()
    )
    values["home_latitude"] = _coordinate(fields, "home_latitude", 90, errors)
    values["home_longitude"] = _coordinate(fields, "home_longitude", 180, errors)
    values["shift_start"] = _time(fields, "shift_start", errors)
    values["shift_end"] = _time(fields, "shift_end", errors)
    start, end = values["shift_start"], values["shift_end"]
    if start is not None and end is not None and end <= start:
        errors.append(ServiceError(FieldError.SHIFT_INVALID, field="shift_end"))
    members = Membership.objects.filter(organisation=organisation, is_active=True)
    membership = _choice(
        members.select_related("user"),
        fields,
        "user",
        errors,
        required=True,
        key="user",
    )
    values["user"] = membership.user if membership else None
    if membership is not None:
        _check_user_free(organisation, membership.user, technician, errors)
    values["provider"] = _choice(
        Provider.objects.filter(organisation=organisation), fields, "provider", errors
    )
    values["department"] = _choice(
        Department.objects.filter(organisation=organisation),
        fields,
        "department",
        errors,
    )
    values["is_active"] = str(fields.get("is_active", "")).lower() in (
        "1",
        "on",
        "true",
    )
    raise_all(errors)
    return values


def _check_user_free(
    organisation: Organisation,
    user: Any,
    technician: Technician | None,
    errors: list[ServiceError],
) -> None:
    taken = Technician.objects.filter(organisation=organisation, user=user)
    if technician is not None:
        taken = taken.exclude(pk=technician.pk)
    other = taken.first()
    if other is not None:
        errors.append(
            ServiceError(FieldError.USER_TAKEN, field="user", name=other.name)
        )


def technician_create(
    *, organisation: Organisation, actor: Any, fields: dict[str, str]
) -> Technician:
    """Add a technician: skills, home base, working hours, user and provider.

    ``fields`` holds the typed text; ``user`` is the id of a user who is an
    active member of the organisation (nobody else can be linked).
    """
    values = _technician_values(organisation, fields, None)
    with transaction.atomic():
        technician = Technician.objects.create(organisation=organisation, **values)
        audit_record(
            verb="fieldservice.technician_created",
            actor=actor,
            organisation=organisation,
            target=technician,
        )
    return technician


def technician_update(
    *, technician: Technician, actor: Any, fields: dict[str, str]
) -> Technician:
    """Change a technician's details (the same checks as when adding one)."""
    values = _technician_values(technician.organisation, fields, technician)
    with transaction.atomic():
        for name, value in values.items():
            setattr(technician, name, value)
        technician.save(update_fields=list(values))
        audit_record(
            verb="fieldservice.technician_changed",
            actor=actor,
            organisation=technician.organisation,
            target=technician,
            data={"fields": sorted(values)},
        )
    return technician


# --- Products --------------------------------------------------------------------


def _whole(
    fields: dict[str, str], name: str, high: int, errors: list[ServiceError]
) -> int | None:
    raw = (fields.get(name) or "").strip() or "0"
    if raw.isdigit() and int(raw) <= high:
        return int(raw)
    errors.append(
        ServiceError(
            FieldError.INVALID_DAYS, field=name, name=_label(Product, name), high=high
        )
    )
    return None


def _product_values(
    organisation: Organisation, fields: dict[str, str], product: Product | None
) -> dict[str, Any]:
    errors: list[ServiceError] = []
    values = _text(Product, fields, PRODUCT_TEXT, ("name", "model", "unit"), errors)
    values["procurement_days"] = _whole(
        fields, "procurement_days", MAX_LEAD_DAYS, errors
    )
    values["production_days"] = _whole(fields, "production_days", MAX_LEAD_DAYS, errors)
    if (fields.get("install_minutes") or "").strip():
        values["install_minutes"] = _whole(
            fields, "install_minutes", MAX_INSTALL_MINUTES, errors
        )
    taken = Product.objects.filter(organisation=organisation, model=values["model"])
    if product is not None:
        taken = taken.exclude(pk=product.pk)
    if values["model"] and taken.exists():
        errors.append(
            ServiceError(FieldError.MODEL_TAKEN, field="model", model=values["model"])
        )
    raise_all(errors)
    return values


def product_create(
    *, organisation: Organisation, actor: Any, fields: dict[str, str]
) -> Product:
    """Add a product: name, model, unit and its procurement and production lead times."""
    values = _product_values(organisation, fields, None)
    with transaction.atomic():
        product = Product.objects.create(organisation=organisation, **values)
        audit_record(
            verb="fieldservice.product_created",
            actor=actor,
            organisation=organisation,
            target=product,
            data={"lead_days": product.lead_days},
        )
    return product


def product_update(*, product: Product, actor: Any, fields: dict[str, str]) -> Product:
    """Change a product. Orders already taken keep their earliest delivery date."""
    values = _product_values(product.organisation, fields, product)
    with transaction.atomic():
        for name, value in values.items():
            setattr(product, name, value)
        product.save(update_fields=list(values))
        audit_record(
            verb="fieldservice.product_changed",
            actor=actor,
            organisation=product.organisation,
            target=product,
            data={"lead_days": product.lead_days},
        )
    return product

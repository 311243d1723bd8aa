"""Incidents on an order: reporting, driving to closure, replacement visits.

An open incident keeps its order from closing; a replacement is a new job
that collects the original product and delivers anew.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import Incident, Job, JobKind, Order
from onestop.fieldservice.services.jobs import job_book


def incident_report(
    *,
    order: Order,
    actor: Any,
    kind: str,
    description: str,
    now: datetime | None = None,
) -> Incident:
    now = now or timezone.now()
    if not description.strip():
        raise ServiceError(
            FieldError.REQUIRED,
            field="description",
            name=str(capfirst(Incident._meta.get_field("description").verbose_name)),
        )
    with transaction.atomic():
        incident = Incident.objects.create(
            organisation=order.organisation,
            order=order,
            kind=kind,
            description=description.strip(),
            reported_at=now,
            reported_by=actor,
        )
        audit_record(
            verb="fieldservice.incident_reported",
            actor=actor,
            organisation=order.organisation,
            target=incident,
            data={"kind": kind},
        )
    return incident


def incident_close(
    *, incident: Incident, actor: Any, resolution: str, now: datetime | None = None
) -> Incident:
    """Drive an incident to closure, saying how it was resolved."""
    now = now or timezone.now()
    if not incident.is_open:
        raise ServiceError(FieldError.INCIDENT_CLOSED)
    if not resolution.strip():
        raise ServiceError(
            FieldError.REQUIRED,
            field="resolution",
            name=str(capfirst(Incident._meta.get_field("resolution").verbose_name)),
        )
    with transaction.atomic():
        incident.resolution, incident.closed_at = resolution.strip(), now
        incident.save(update_fields=["resolution", "closed_at"])
        audit_record(
            verb="fieldservice.incident_closed",
            actor=actor,
            organisation=incident.organisation,
            target=incident,
        )
    return incident


def incident_replace(
    *,
    incident: Incident,
    actor: Any,
    day: date,
    window_start: time,
    window_end: time,
) -> Job:
    """A replacement: a visit that collects the original product and delivers anew."""
    if not incident.is_open:
        raise ServiceError(FieldError.INCIDENT_CLOSED)
    return job_book(
        order=incident.order,
        actor=actor,
        day=day,
        window_start=window_start,
        window_end=window_end,
        kind=JobKind.REPLACEMENT,
        incident=incident,
    )

"""Appointments (jobs): booking a window, the confirmation call, the late warning.

A job is one visit to the customer in an agreed time window; before leaving
the technician confirms customer, address, time and models, and if running
late warns the customer by SMS in advance.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import Incident, Job, JobKind, JobStatus, Order
from onestop.fieldservice.services.notices import _send
from onestop.notifications.models import Channel, Notification


def job_book(
    *,
    order: Order,
    actor: Any,
    day: date,
    window_start: time,
    window_end: time,
    kind: str = JobKind.DELIVERY,
    incident: Incident | None = None,
) -> Job:
    """Agree an appointment window with the customer for one visit."""
    if window_end <= window_start:
        raise ServiceError(FieldError.WINDOW_INVALID, field="window_end")
    lines = list(order.lines.select_related("product"))
    minutes = sum(line.product.install_minutes for line in lines) or 60
    skill = next(
        (ln.product.install_skill for ln in lines if ln.product.install_skill), ""
    )
    with transaction.atomic():
        job = Job.objects.create(
            organisation=order.organisation,
            order=order,
            kind=kind,
            incident=incident,
            day=day,
            window_start=window_start,
            window_end=window_end,
            service_minutes=minutes,
            skill=skill,
        )
        audit_record(
            verb="fieldservice.job_booked",
            actor=actor,
            organisation=order.organisation,
            target=job,
            data={"kind": kind, "window": f"{window_start:%H:%M}-{window_end:%H:%M}"},
        )
    return job


def confirmation_script(job: Job) -> str:
    """What the confirmation call checks: customer, address, time and models (篇4)."""
    models_ = "、".join(
        f"{ln.product_name} {ln.model}×{ln.quantity}" for ln in job.order.lines.all()
    )
    return _(
        "Customer %(customer)s (%(contact)s), address %(address)s, %(day)s "
        "%(start)s–%(end)s, models: %(models)s."
    ) % {
        "customer": job.order.customer,
        "contact": job.order.contact_person,
        "address": job.order.address,
        "day": job.day.isoformat(),
        "start": f"{job.window_start:%H:%M}",
        "end": f"{job.window_end:%H:%M}",
        "models": models_,
    }


def job_confirm(*, job: Job, actor: Any, note: str, now: datetime | None = None) -> Job:
    """Record the confirmation contact with the customer before leaving."""
    now = now or timezone.now()
    _open(job)
    note = note.strip()
    if not note:
        raise ServiceError(
            FieldError.REQUIRED,
            field="note",
            name=str(capfirst(Job._meta.get_field("confirmation_note").verbose_name)),
        )
    with transaction.atomic():
        job.status, job.confirmed_at, job.confirmation_note = (
            JobStatus.CONFIRMED,
            now,
            note,
        )
        job.save(update_fields=["status", "confirmed_at", "confirmation_note"])
        audit_record(
            verb="fieldservice.job_confirmed",
            actor=actor,
            organisation=job.organisation,
            target=job,
        )
    return job


def _open(job: Job) -> None:
    if job.status in (JobStatus.DONE, JobStatus.CANCELLED):
        raise ServiceError(FieldError.JOB_DONE)


def job_warn_late(
    *, job: Job, actor: Any, eta: time, now: datetime | None = None
) -> Notification:
    """Warn the customer by SMS, in advance, that the technician will be late."""
    now = now or timezone.now()
    _open(job)
    if job.technician is None:
        raise ServiceError(FieldError.NOT_ASSIGNED)
    tz = timezone.get_current_timezone()
    body = _(
        "%(contact)s, our technician %(technician)s is running late and will "
        "arrive at about %(eta)s (agreed %(start)s–%(end)s). We apologise. "
        "Order %(number)s."
    ) % {
        "contact": job.order.contact_person,
        "technician": job.technician.name,
        "eta": f"{eta:%H:%M}",
        "start": f"{job.window_start:%H:%M}",
        "end": f"{job.window_end:%H:%M}",
        "number": job.order.number,
    }
    with transaction.atomic():
        job.eta = datetime.combine(job.day, eta, tzinfo=tz)
        job.eta_warned_at = now
        job.save(update_fields=["eta", "eta_warned_at"])
        sms = _send(job.order, Channel.SMS, job.order.phone, body, now)
        audit_record(
            verb="fieldservice.late_warned",
            actor=actor,
            organisation=job.organisation,
            target=job,
            data={"eta": f"{eta:%H:%M}"},
        )
    return sms

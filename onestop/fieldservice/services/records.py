"""The on-site service record: the customer's signature, photos, closing the job.

A job closes only with a signed record: the record, its drawn signature and
photos are stored in one transaction (files written are removed again if it
fails), the order moves to delivered, and service contracts hear of the visit.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.fieldservice.errors import FieldError
from onestop.fieldservice.models import Job, JobStatus, RecordPhoto, ServiceRecord
from onestop.fieldservice.services.jobs import _open
from onestop.fieldservice.services.orders import _move
from onestop.fieldservice.states import OrderAction, transition_for
from onestop.portal.storage import private_storage
from onestop.portal.uploads import sniff

MAX_SIGNATURE_BYTES = 512 * 1024


def _signature_bytes(data_url: str) -> bytes:
    head, _sep, payload = data_url.partition(",")
    if head != "data:image/png;base64" or not payload:
        raise ServiceError(FieldError.SIGNATURE_MISSING, field="signature")
    try:
        png = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ServiceError(FieldError.SIGNATURE_MISSING, field="signature") from None
    if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) > MAX_SIGNATURE_BYTES:
        raise ServiceError(FieldError.SIGNATURE_MISSING, field="signature")
    return png


def record_sign(
    *,
    job: Job,
    actor: Any,
    work_done: str,
    parts: str,
    resolved: bool,
    customer_name: str,
    signature: str,
    satisfaction: int | None,
    photos: list[Any] | None = None,
    people: int = 1,
    travel_cost: Decimal | None = None,
    now: datetime | None = None,
) -> ServiceRecord:
    """Keep the on-site record with the customer's drawn signature; close the job.

    ``signature`` is the canvas's PNG as a data URL. The order moves to
    delivered; the record is then handed to service contracts (if installed)
    to be matched against the customer's entitlements. Signed records are what
    the month's return-visit draw (``returnvisits``) samples and what the
    on-site satisfaction score (``scores``) averages.
    """
    now = now or timezone.now()
    _open(job)
    errors = _record_problems(work_done, customer_name, satisfaction)
    png = b""
    try:
        png = _signature_bytes(signature)
    except ServiceError as error:
        errors.append(error)
    kinds: list[tuple[str, str]] = []
    for photo in photos or []:
        found = sniff(photo)
        if found is None:
            errors.append(
                ServiceError(FieldError.FILE_TYPE, field="photos", name=photo.name)
            )
        else:
            kinds.append(found)
    raise_all(errors)
    written: list[str] = []
    try:
        with transaction.atomic():
            record = _record_store(
                job,
                png,
                written,
                work_done=work_done.strip(),
                parts=parts.strip(),
                resolved=resolved,
                customer_name=customer_name.strip(),
                satisfaction=satisfaction,
                people=people or 1,
                travel_cost=travel_cost or Decimal("0.00"),
                signed_at=now,
                recorded_by=actor,
            )
            for photo, (content_type, suffix) in zip(photos or [], kinds, strict=True):
                item = RecordPhoto(
                    record=record,
                    original_name=photo.name[:200],
                    content_type=content_type,
                )
                item.file.save(f"p{suffix}", photo, save=False)
                written.append(item.file.name)
                item.save()
            _job_done(job, actor, now)
            _contracts_hook(job)
    except BaseException:
        storage = private_storage()
        for name in written:
            storage.delete(name)
        raise
    return record


def _record_problems(
    work_done: str, customer_name: str, satisfaction: int | None
) -> list[ServiceError]:
    errors = []
    for name, value in (("work_done", work_done), ("customer_name", customer_name)):
        if not value.strip():
            label = capfirst(ServiceRecord._meta.get_field(name).verbose_name)
            errors.append(
                ServiceError(FieldError.REQUIRED, field=name, name=str(label))
            )
    if satisfaction not in (1, 2, 3, 4, 5):
        errors.append(
            ServiceError(FieldError.SATISFACTION_INVALID, field="satisfaction")
        )
    return errors


def _record_store(
    job: Job, png: bytes, written: list[str], **values: Any
) -> ServiceRecord:
    record = ServiceRecord(job=job, **values)
    record.signature.save("signature.png", ContentFile(png), save=False)
    written.append(record.signature.name)
    record.save()
    return record


def _job_done(job: Job, actor: Any, now: datetime) -> None:
    job.status, job.closed_at = JobStatus.DONE, now
    job.save(update_fields=["status", "closed_at"])
    order = job.order
    if transition_for(OrderAction.DELIVER, order.status):
        _move(order, OrderAction.DELIVER)
        order.delivered_at = order.delivered_at or now
        order.save(update_fields=["status", "delivered_at"])
    audit_record(
        verb="fieldservice.record_signed",
        actor=actor,
        organisation=job.organisation,
        target=job,
    )


def _contracts_hook(job: Job) -> None:
    # The one call into service contracts: they match the visit to an
    # entitlement or bill it. Inside our transaction, so both stand or fall.
    try:
        from onestop.servicecontracts.services import visit_record
    except ImportError:
        return
    visit_record(job=job)


def job_close(*, job: Job, actor: Any) -> Job:
    """A job closes only with its signed record (which closes it when signed)."""
    if not ServiceRecord.objects.filter(job=job).exists():
        raise ServiceError(FieldError.NO_RECORD)
    return job

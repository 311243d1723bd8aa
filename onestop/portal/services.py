"""Online applications: submit with files, withdraw, and hand over to the window's case.

``application_submit`` checks everything — the applicant's details, every
file's type by content, each file's size and the total — before it writes
anything; a refusal leaves no row and no file behind. Files are written
inside the application's transaction and removed again if that transaction
fails.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from onestop.cases.models import Case
from onestop.catalog.models import ItemVersion, ServiceItem
from onestop.catalog.versions import ItemSpec
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.intake.checks import Applicant, applicant_problems
from onestop.intake.services import item_for_intake
from onestop.organisations.models import Organisation
from onestop.portal.errors import PortalError
from onestop.portal.models import (
    ApplicationStatus,
    OnlineApplication,
    UploadedMaterial,
)
from onestop.portal.storage import private_storage
from onestop.portal.uploads import Upload, sha256_of, sniff, upload_problems

# No 0/O, 1/I/L: a reference read out over the phone must not be misheard.
_REFERENCE_CHARS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _reference(now: datetime) -> str:
    tail = "".join(secrets.choice(_REFERENCE_CHARS) for _ in range(6))
    return f"W{timezone.localdate(now):%Y%m%d}{tail}"


def application_item(
    *, organisation: Organisation, code: str
) -> tuple[ServiceItem, ItemVersion]:
    """The published, online-available item with ``code`` and its current version."""
    item, version = item_for_intake(organisation=organisation, code=code)
    if not item.online_available:
        raise ServiceError(PortalError.NOT_ONLINE, field="item", item=item.name)
    return item, version


def application_submit(
    *,
    organisation: Organisation,
    item_code: str,
    applicant: Applicant,
    uploads: list[Upload],
    now: datetime | None = None,
) -> OnlineApplication:
    """Keep an online application and its files, or refuse with every problem found."""
    now = now or timezone.now()
    item, version = application_item(organisation=organisation, code=item_code)
    materials = ItemSpec.of(version).materials
    raise_all(
        applicant_problems(applicant)
        + upload_problems(
            uploads,
            materials,
            max_file=settings.ONESTOP_UPLOAD_MAX_FILE_BYTES,
            max_total=settings.ONESTOP_UPLOAD_MAX_TOTAL_BYTES,
        )
    )
    written: list[str] = []  # names in storage, removed again if anything fails
    try:
        with transaction.atomic():
            application = _application_create(
                organisation, item, version, applicant, now
            )
            for upload in uploads:
                name = materials[upload.position - 1].name
                _upload_store(application, upload, name, written)
            audit_record(
                verb="portal.application_submitted",
                organisation=organisation,
                target=application,
                data={"item": item.code, "files": len(written)},
            )
    except BaseException:
        storage = private_storage()
        for stored in written:
            storage.delete(stored)
        raise
    return application


def _application_create(
    organisation: Organisation,
    item: ServiceItem,
    version: ItemVersion,
    applicant: Applicant,
    now: datetime,
) -> OnlineApplication:
    return OnlineApplication.objects.create(
        organisation=organisation,
        reference=_reference(now),
        token=secrets.token_urlsafe(32),
        item=item,
        item_version=version,
        applicant_kind=applicant.kind,
        applicant_name=applicant.name.strip(),
        applicant_phone=applicant.phone.strip(),
        applicant_id_number=applicant.id_number.strip().upper(),
        applicant_email=applicant.email.strip(),
        applicant_address=applicant.address.strip(),
        contact_person=applicant.contact_person.strip(),
        created_at=now,
    )


def _upload_store(
    application: OnlineApplication,
    upload: Upload,
    material_name: str,
    written: list[str],
) -> UploadedMaterial:
    content_type, suffix = sniff(upload.file) or ("", "")
    row = UploadedMaterial(
        application=application,
        position=upload.position,
        material_name=material_name,
        original_name=(upload.file.name or "")[-200:],
        size=upload.file.size,
        content_type=content_type,
        sha256=sha256_of(upload.file),
    )
    # The stored name takes the suffix of what the file is, not of what it was called.
    row.file.save(f"material{suffix}", upload.file, save=False)
    written.append(row.file.name)
    row.save()
    return row


@transaction.atomic
def application_withdraw(
    *, application: OnlineApplication, now: datetime | None = None
) -> OnlineApplication:
    """The applicant takes the application back while the window has not yet taken it in."""
    application = OnlineApplication.objects.select_for_update().get(pk=application.pk)
    if application.status == ApplicationStatus.WITHDRAWN:
        return application
    if application.status != ApplicationStatus.SUBMITTED:
        raise ServiceError(PortalError.NOT_WITHDRAWABLE, field="status")
    application.status = ApplicationStatus.WITHDRAWN
    application.withdrawn_at = now or timezone.now()
    application.save(update_fields=["status", "withdrawn_at"])
    audit_record(
        verb="portal.application_withdrawn",
        organisation=application.organisation,
        target=application,
    )
    return application


@transaction.atomic
def application_attach_case(
    *, application_id: int, case: Case, actor: Any = None, now: datetime | None = None
) -> OnlineApplication:
    """Mark the application taken in at the window as ``case``; refuse a second time."""
    application = OnlineApplication.objects.select_for_update().get(
        pk=application_id, organisation_id=case.organisation_id
    )
    if application.status == ApplicationStatus.PROCESSED:
        raise ServiceError(
            PortalError.ALREADY_TAKEN_IN,
            field="application",
            number=application.case.number,
        )
    if application.status == ApplicationStatus.WITHDRAWN:
        raise ServiceError(PortalError.WITHDRAWN, field="application")
    application.status = ApplicationStatus.PROCESSED
    application.processed_at = now or timezone.now()
    application.case = case
    application.save(update_fields=["status", "processed_at", "case"])
    audit_record(
        verb="portal.application_taken_in",
        actor=actor,
        organisation=case.organisation,
        target=application,
        data={"case": case.number},
    )
    return application

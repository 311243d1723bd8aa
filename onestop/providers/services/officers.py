"""Feedback officers and their reports on providers' work.

``officer_appoint`` gives an officer a personal reporting link;
``report_submit`` keeps a report against a contract in force at the place,
with its photos stored privately (removed again if the report is not kept);
``report_check`` confirms a report, so that it counts against the provider,
or sets it aside saying why.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.organisations.models import Organisation
from onestop.portal.storage import private_storage
from onestop.providers.errors import ProviderError
from onestop.providers.models import (
    Contract,
    FeedbackOfficer,
    FeedbackReport,
    Region,
    ReportStatus,
)
from onestop.providers.photos import Photo, photo_problems, store_photo


@transaction.atomic
def officer_appoint(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    region: Region,
    phone: str = "",
    note: str = "",
) -> FeedbackOfficer:
    """A feedback officer with a personal reporting link (the key is the credential)."""
    if not name.strip():
        raise ServiceError(ProviderError.OFFICER_NAME_MISSING, field="name")
    if region.organisation_id != organisation.pk:
        raise ServiceError(ProviderError.FOREIGN, field="region", name=region)
    officer = FeedbackOfficer.objects.create(
        organisation=organisation,
        name=name.strip(),
        phone=phone.strip(),
        region=region,
        note=note.strip(),
        key=secrets.token_urlsafe(24),
    )
    audit_record(
        verb="providers.officer_appointed",
        actor=actor,
        organisation=organisation,
        target=officer,
    )
    return officer


def contracts_at(*, organisation: Organisation, region: Region, on: date) -> Any:
    """The contracts in force on ``on`` covering ``region`` or the area it lies in."""
    places = [region.pk] + ([region.parent_id] if region.parent_id else [])
    return (
        Contract.objects.filter(
            organisation=organisation,
            regions__in=places,
            starts_on__lte=on,
            ends_on__gte=on,
        )
        .select_related("provider", "service_type")
        .distinct()
        .order_by("service_type__code", "provider__name")
    )


def report_submit(
    *,
    officer: FeedbackOfficer,
    contract_id: int,
    region: Region,
    place_detail: str,
    description: str,
    observed_on: date,
    photos: list[Photo],
    now: datetime | None = None,
) -> FeedbackReport:
    """Keep an officer's report and its photos, or refuse naming every problem."""
    now = now or timezone.now()
    contract = _reported_contract(officer, contract_id, region, observed_on)
    errors = photo_problems(photos)
    if not description.strip():
        errors.append(
            ServiceError(ProviderError.DESCRIPTION_MISSING, field="description")
        )
    if observed_on > timezone.localdate(now):
        errors.append(ServiceError(ProviderError.FUTURE_DATE, field="observed_on"))
    raise_all(errors)
    written: list[str] = []
    try:
        with transaction.atomic():
            report = FeedbackReport.objects.create(
                organisation_id=officer.organisation_id,
                officer=officer,
                contract=contract,
                region=region,
                place_detail=place_detail.strip(),
                description=description.strip(),
                observed_on=observed_on,
                submitted_at=now,
            )
            for photo in photos:
                store_photo(report, photo, written)
            audit_record(
                verb="providers.report_submitted",
                organisation=officer.organisation,
                target=report,
                data={"officer": officer.pk, "photos": len(photos)},
            )
    except BaseException:
        storage = private_storage()
        for stored in written:
            storage.delete(stored)
        raise
    return report


def _reported_contract(
    officer: FeedbackOfficer, contract_id: int, region: Region, on: date
) -> Contract:
    if region.organisation_id != officer.organisation_id:
        raise ServiceError(ProviderError.FOREIGN, field="region", name=region)
    found = contracts_at(organisation=officer.organisation, region=region, on=on)
    contract = found.filter(pk=contract_id).first()
    if contract is None:
        raise ServiceError(
            ProviderError.CONTRACT_NOT_HERE, field="contract", place=region
        )
    return contract


@transaction.atomic
def report_check(
    *,
    actor: Any,
    report: FeedbackReport,
    confirmed: bool,
    note: str = "",
    now: datetime | None = None,
) -> FeedbackReport:
    """Confirm a report (it then counts against the provider) or set it aside, saying why."""
    report = FeedbackReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ServiceError(
            ProviderError.ALREADY_CHECKED,
            field="status",
            status=report.get_status_display(),
        )
    if not confirmed and not note.strip():
        raise ServiceError(ProviderError.NOTE_MISSING, field="note")
    # A month already signed keeps its figures: the check counts from now on.
    report.status = ReportStatus.CONFIRMED if confirmed else ReportStatus.REJECTED
    report.checked_by = actor
    report.checked_at = now or timezone.now()
    report.check_note = note.strip()
    report.save(update_fields=["status", "checked_by", "checked_at", "check_note"])
    audit_record(
        verb="providers.report_checked",
        actor=actor,
        organisation=report.contract.organisation,
        target=report,
        data={"status": report.status},
    )
    return report

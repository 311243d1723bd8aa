"""Reads of online applications: the applicant's own page, the intake queue, the files."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from onestop.catalog.models import ServiceItem
from onestop.organisations.models import Organisation
from onestop.portal.models import ApplicationStatus, OnlineApplication, UploadedMaterial


def application_get_by_token(
    *, organisation: Organisation, token: str
) -> OnlineApplication:
    applications = OnlineApplication.objects.filter(organisation=organisation)
    return get_object_or_404(
        applications.select_related("item", "case").prefetch_related("uploads"),
        token=token,
    )


def applications_waiting(*, organisation: Organisation) -> QuerySet[OnlineApplication]:
    """Submitted applications not yet taken in, oldest first: the window's online queue."""
    return (
        OnlineApplication.objects.filter(
            organisation=organisation, status=ApplicationStatus.SUBMITTED
        )
        .select_related("item")
        .annotate(file_count=Count("uploads"), file_bytes=Sum("uploads__size"))
        .order_by("created_at")
    )


def applications_recently_closed(
    *, organisation: Organisation, limit: int = 20
) -> QuerySet[OnlineApplication]:
    return (
        OnlineApplication.objects.filter(organisation=organisation)
        .exclude(status=ApplicationStatus.SUBMITTED)
        .select_related("item", "case")
        .order_by("-created_at")[:limit]
    )


def application_for_intake(
    *, organisation: Organisation, item: ServiceItem, application_id: str | None
) -> OnlineApplication | None:
    """The application the window screen was opened for, if any; 404 if not this item's."""
    if not application_id:
        return None
    if not application_id.isdigit():
        raise Http404
    applications = OnlineApplication.objects.filter(
        organisation=organisation, item=item
    )
    return get_object_or_404(
        applications.select_related("case").prefetch_related("uploads"),
        pk=int(application_id),
    )


def upload_get(
    *, organisation: Organisation, application_id: int, position: int
) -> UploadedMaterial:
    """One uploaded file of this organisation's application, or 404."""
    return get_object_or_404(
        UploadedMaterial.objects.select_related("application"),
        application__organisation=organisation,
        application_id=application_id,
        position=position,
    )

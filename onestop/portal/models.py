"""Online applications (网上申请): a request and its files, waiting for the window.

An application is not yet a case: nobody has checked it. It waits in the
intake queue until a clerk opens it on the window screen, checks the files
against the item's list and decides one of the five outcomes; the case that
decision opens is linked back here. The applicant knows the application by
its reference and returns to it through a secret token; the files lie in
private storage, served only to the organisation's intake staff.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import ApplicantKind
from onestop.common.masking import mask_phone
from onestop.organisations.models import OrganisationOwned
from onestop.portal.storage import private_storage


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting the window")
    PROCESSED = "processed", _("Taken in at the window")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


class OnlineApplication(OrganisationOwned):
    reference = models.CharField(
        _("submission reference"),
        max_length=20,
        unique=True,
        help_text=_("Given to the applicant; not a receipt number."),
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    item = models.ForeignKey(
        "catalog.ServiceItem",
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        related_name="online_applications",
    )
    item_version = models.ForeignKey(
        "catalog.ItemVersion",
        verbose_name=_("item version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    applicant_kind = models.CharField(
        _("applicant is"), max_length=12, choices=ApplicantKind.choices
    )
    applicant_name = models.CharField(_("applicant"), max_length=120)
    applicant_phone = models.CharField(_("contact phone"), max_length=30)
    applicant_id_number = models.CharField(
        _("ID or credit code"), max_length=30, blank=True
    )
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=200, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=60, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    created_at = models.DateTimeField(_("submitted at"))
    processed_at = models.DateTimeField(_("taken in at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="online_application",
    )

    class Meta:
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")
        ordering = ["created_at"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "created_at"],
                name="application_queue",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.applicant_phone)


def upload_path(instance: Any, filename: str) -> str:
    """``uploads/<random>/<random>.<ext>``: nothing of the applicant's file name on disk."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"uploads/{secrets.token_hex(16)}/{secrets.token_hex(8)}{suffix}"


class UploadedMaterial(models.Model):
    application = models.ForeignKey(
        OnlineApplication,
        verbose_name=_("online application"),
        on_delete=models.CASCADE,
        related_name="uploads",
    )
    position = models.PositiveSmallIntegerField(_("material number"))
    material_name = models.CharField(_("material"), max_length=120)
    original_name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=upload_path, max_length=200
    )
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(
        _("file type"),
        max_length=40,
        help_text=_("Found from the file's first bytes, not from its name."),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("uploaded material")
        verbose_name_plural = _("uploaded materials")
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "position"], name="one_upload_per_material"
            )
        ]

    def __str__(self) -> str:
        return f"{self.material_name}: {self.original_name}"

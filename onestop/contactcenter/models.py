"""The hotline's record: queues, and every call the switch reported.

Call detail records come from the switch as files; each file is one
``CallImport`` (all rows or none), recognised by its content hash so a file
imported twice adds nothing. A call knows its queue, when it arrived, when
(if ever) it was answered and ended, who answered, and whether the caller
gave up — everything the service figures, the forecast and the staffing
are computed from.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.common.masking import mask_phone
from onestop.organisations.models import OrganisationOwned


class Queue(OrganisationOwned):
    """A hotline queue (skill), with the service targets the organisation sets.

    Defaults follow GB/T 33358-2016 (呼叫中心服务质量规范 for public hotlines):
    calls answered within 15 seconds, a connection rate of at least 95%.
    """

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=80)
    target_service_level = models.DecimalField(
        _("share answered within the threshold"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.800"),
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("1")),
        ],
    )
    answer_within_s = models.PositiveSmallIntegerField(
        _("threshold (seconds)"), default=15
    )
    target_answer_rate = models.DecimalField(
        _("connection rate target"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.950"),
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("1")),
        ],
    )
    max_occupancy = models.DecimalField(
        _("occupancy cap"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.850"),
        validators=[
            MinValueValidator(Decimal("0.10")),
            MaxValueValidator(Decimal("1")),
        ],
    )
    shrinkage = models.DecimalField(
        _("shrinkage"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.300"),
        help_text=_(
            "Share of paid time agents are not on the phones (breaks, training, meetings)."
        ),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("0.9"))],
    )

    class Meta:
        verbose_name = _("hotline queue")
        verbose_name_plural = _("hotline queues")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="queue_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CallImport(OrganisationOwned):
    """One file of call detail records, imported whole or not at all."""

    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(_("content hash"), max_length=64)
    mapping = models.CharField(_("column mapping"), max_length=80)
    rows = models.PositiveIntegerField(_("calls imported"))
    skipped = models.PositiveIntegerField(_("rows left out by the mapping"), default=0)
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("call import")
        verbose_name_plural = _("call imports")
        ordering = ["-imported_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sha256"], name="one_import_per_file"
            )
        ]

    def __str__(self) -> str:
        return self.file_name


class Disposition(models.TextChoices):
    ANSWERED = "answered", _("Answered")
    ABANDONED = "abandoned", _("Caller gave up in the queue")
    ABANDONED_IVR = "abandoned_ivr", _("Caller hung up in the voice menu")
    CALLBACK = "callback", _("Call-back requested")
    TRANSFERRED = "transferred", _("Transferred")


class CallRecord(OrganisationOwned):
    queue = models.ForeignKey(
        Queue, verbose_name=_("queue"), on_delete=models.PROTECT, related_name="calls"
    )
    call_id = models.CharField(_("call id"), max_length=60)
    arrived_at = models.DateTimeField(_("arrived at"))
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    wait_s = models.PositiveIntegerField(_("waited (seconds)"), default=0)
    talk_s = models.PositiveIntegerField(_("handle time (seconds)"), default=0)
    abandoned = models.BooleanField(_("abandoned"), default=False)
    disposition = models.CharField(
        _("disposition"), max_length=20, choices=Disposition.choices
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    agent_name = models.CharField(
        _("agent as the switch names them"), max_length=60, blank=True
    )
    caller_number = models.CharField(_("caller number"), max_length=30, blank=True)
    customer_tier = models.CharField(_("customer tier"), max_length=20, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="calls",
    )
    source = models.ForeignKey(
        CallImport,
        verbose_name=_("imported from"),
        on_delete=models.CASCADE,
        related_name="calls",
    )

    class Meta:
        verbose_name = _("call record")
        verbose_name_plural = _("call records")
        ordering = ["-arrived_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "call_id"], name="call_id_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "queue", "arrived_at"]),
            models.Index(fields=["organisation", "arrived_at"]),
            models.Index(fields=["agent", "arrived_at"]),
        ]

    def __str__(self) -> str:
        return self.call_id

    @property
    def masked_caller(self) -> str:
        return mask_phone(self.caller_number)

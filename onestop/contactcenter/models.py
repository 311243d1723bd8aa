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
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.common.masking import mask_id_number, mask_phone
from onestop.organisations.models import OrganisationOwned


class Queue(OrganisationOwned):
    """A hotline queue (skill), with the service targets the organisation sets.

    Defaults follow GB/T 33358-2016 《政府热线服务规范》 (government hotline
    service): a call is answered within 15 seconds, and the connection rate
    (呼叫接通率) over 24 hours is at least 95%. The share of calls to answer
    within the threshold is the organisation's own target.
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

    @property
    def label(self) -> str:
        """``12366 · 纳税服务热线``; a queue named by its code alone, once."""
        return self.code if self.name == self.code else f"{self.code} · {self.name}"


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
        permissions = [("import_calls", _("Can import call detail records"))]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "sha256"], name="one_import_per_file"
            )
        ]

    def __str__(self) -> str:
        return self.file_name


class Disposition(models.TextChoices):
    ANSWERED = "answered", pgettext_lazy("call disposition", "Answered")
    ABANDONED = "abandoned", _("Caller gave up in the queue")
    ABANDONED_IVR = "abandoned_ivr", _("Caller hung up in the voice menu")
    CALLBACK = "callback", _("Call-back requested")
    TRANSFERRED = "transferred", pgettext_lazy("call disposition", "Transferred")


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
    # Kept so that calls can be tied to customers once the customer register
    # exists; like the number, shown masked.
    customer_ref = models.CharField(
        _("customer id as the switch gives it"), max_length=40, blank=True
    )
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
        permissions = [("view_call_figures", _("Can see the hotline figures"))]
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

    @property
    def masked_customer_ref(self) -> str:
        return mask_id_number(self.customer_ref)


class Delimiter(models.TextChoices):
    COMMA = ",", _("Comma (,)")
    SEMICOLON = ";", _("Semicolon (;)")
    TAB = "\t", _("Tab")
    PIPE = "|", _("Vertical bar (|)")


class Encoding(models.TextChoices):
    UTF8 = "utf-8-sig", _("UTF-8")
    GB18030 = "gb18030", _("GB18030 (GBK, GB2312)")
    LATIN1 = "latin-1", _("Latin-1")


def validate_time_zone(value: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as Asia/Shanghai."),
            params={"value": value},
        ) from error


class CallMapping(OrganisationOwned):
    """How one switch's call detail files read: which column holds what.

    The ``spec`` maps each call field to a column of the file or to a named
    rule (``onestop.contactcenter.cdr.spec`` documents the format). The
    built-in layouts (``onestop.contactcenter.layouts``) are written in the
    same format and need no row here.
    """

    name = models.CharField(_("name"), max_length=80)
    delimiter = models.CharField(
        _("column separator"),
        max_length=1,
        choices=Delimiter.choices,
        default=Delimiter.COMMA,
    )
    encoding = models.CharField(
        _("character encoding"),
        max_length=20,
        choices=Encoding.choices,
        default=Encoding.UTF8,
    )
    header_row = models.PositiveSmallIntegerField(
        _("header row"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("The row holding the column names; rows above it are ignored."),
    )
    time_zone = models.CharField(
        _("time zone of the times in the file"),
        max_length=60,
        default="Asia/Shanghai",
        validators=[validate_time_zone],
        help_text=_("Times without a UTC offset are read in this zone."),
    )
    spec = models.JSONField(
        _("field mapping"),
        default=dict,
        help_text=_(
            "For each call field, the column that holds it or a rule, e.g. "
            '{"call_id": "id", "queue": "skill", "arrival": "start_time"}.'
        ),
    )

    class Meta:
        verbose_name = _("call file layout")
        verbose_name_plural = _("call file layouts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="call_mapping_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # Imported here: the spec's rules read the dispositions defined above.
        from onestop.contactcenter.cdr.validate import spec_problems

        problems = spec_problems(self.spec)
        if problems:
            raise ValidationError({"spec": problems})

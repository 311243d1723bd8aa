"""The case record: what was asked, what was brought, and everything done since.

A case is opened at the window (or online, by phone …) with one of the five
intake outcomes. Accepted cases pass through the internal steps of the item
version they were accepted under, each with its own time limit on the
working-day calendar. Every action is an append-only ``CaseEvent``; the
case row itself only carries the present state and the clocks derived from
the events, so lists and boards can be read without replaying histories.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.catalog.models import MaterialForm, Necessity
from onestop.common.masking import mask_id_number, mask_phone
from onestop.common.models import TimeStamped
from onestop.organisations.models import OrganisationOwned


class Channel(models.TextChoices):
    COUNTER = "counter", _("At the counter")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    MAIL = "mail", _("By post")
    SMS = "sms", _("By SMS")
    EMAIL = "email", _("By e-mail")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Person")
    ORGANISATION = "organisation", _("Organisation")


class Outcome(models.TextChoices):
    """The five things a window can do with a request (SPEC §1.2)."""

    ON_THE_SPOT = "on_the_spot", _("Done on the spot (即办)")
    ACCEPTED = "accepted", _("Accepted (受理)")
    NOTICE = "notice", _("One-time notice of missing materials (补正)")
    REJECTED = "rejected", _("Not accepted (不予受理)")
    REFERRED = "referred", _("Referred elsewhere (告知)")


class CaseStatus(models.TextChoices):
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Awaiting supplement")
    IN_PROGRESS = "in_progress", _("In progress")
    SUSPENDED = "suspended", _("Suspended")
    COMPLETED = "completed", _("Completed, awaiting hand-over")
    DELIVERED = "delivered", _("Delivered")
    REJECTED = "rejected", _("Not accepted")
    REFERRED = "referred", _("Referred elsewhere")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (
    CaseStatus.AWAITING_SUPPLEMENT,
    CaseStatus.IN_PROGRESS,
    CaseStatus.SUSPENDED,
    CaseStatus.COMPLETED,
)
CLOCK_STATUSES = (CaseStatus.IN_PROGRESS, CaseStatus.SUSPENDED)


class PickupWay(models.TextChoices):
    WINDOW = "window", _("Collect at the window")
    MAIL = "mail", _("By post")
    ELECTRONIC = "electronic", _("Electronically")


class WarningLevel(models.IntegerChoices):
    NONE = 0, _("On time")
    YELLOW = 1, _("Near the limit")
    RED = 2, _("Overdue")


class Case(OrganisationOwned, TimeStamped):
    number = models.CharField(_("receipt number"), max_length=30, unique=True)
    item = models.ForeignKey(
        "catalog.ServiceItem",
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    item_version = models.ForeignKey(
        "catalog.ItemVersion",
        verbose_name=_("item version"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    applicant_kind = models.CharField(
        _("applicant is"), max_length=12, choices=ApplicantKind.choices
    )
    applicant_name = models.CharField(_("applicant"), max_length=120)
    applicant_id_number = models.CharField(
        _("ID or credit code"),
        max_length=30,
        blank=True,
        help_text=_("Shown masked everywhere."),
    )
    applicant_phone = models.CharField(_("contact phone"), max_length=30)
    applicant_email = models.EmailField(_("e-mail"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=200, blank=True)
    contact_person = models.CharField(
        _("contact person"),
        max_length=60,
        blank=True,
        help_text=_("For organisations."),
    )
    first_responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("first responsible (首问负责)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices)
    outcome = models.CharField(
        _("intake outcome"), max_length=12, choices=Outcome.choices
    )
    received_at = models.DateTimeField(_("received at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), null=True, blank=True
    )
    extension_days = models.PositiveSmallIntegerField(
        _("extended by (working days)"), default=0
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    yellow_at = models.DateTimeField(_("warning from"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    pickup_way = models.CharField(
        _("result collected"),
        max_length=12,
        choices=PickupWay.choices,
        default=PickupWay.WINDOW,
    )
    pickup_note = models.CharField(
        _("pickup time and place"), max_length=200, blank=True
    )
    notice_count = models.PositiveSmallIntegerField(
        _("one-time notices issued"), default=0
    )
    current_step = models.ForeignKey(
        "CaseStep",
        verbose_name=_("current step"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Copied from the current step so "my work" and the board are one indexed query.
    current_department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("with department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    current_post = models.ForeignKey(
        "posts.Post",
        verbose_name=_("with post"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    current_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("with"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escalated_level = models.PositiveSmallIntegerField(
        _("warning sent"), choices=WarningLevel.choices, default=WarningLevel.NONE
    )
    lock_version = models.PositiveIntegerField(_("revision"), default=1)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_at"]),
            models.Index(fields=["current_post", "status", "due_at"]),
            models.Index(fields=["current_assignee", "status", "due_at"]),
            models.Index(fields=["current_department", "status", "due_at"]),
            models.Index(fields=["first_responsible", "status"]),
            models.Index(fields=["organisation", "received_at"]),
            models.Index(fields=["status", "yellow_at"]),
            # The assessment's one-time notification rate: the period's requests
            # with their notices, first responsible and item, from the index alone.
            models.Index(
                fields=[
                    "organisation",
                    "received_at",
                    "notice_count",
                    "first_responsible",
                    "item",
                ],
                name="case_received_notice_index",
            ),
        ]
        permissions = [
            ("intake_case", _("Can take in requests at the window")),
            ("handle_case", _("Can work on cases in circulation")),
            (
                "approve_extension",
                _("Can approve extensions and see the supervisor's board"),
            ),
            ("view_case_metrics", _("Can see casework figures")),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.applicant_id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.applicant_phone)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class CaseMaterial(models.Model):
    """One line of the item's material list, as checked at the window."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="materials"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("material"), max_length=120)
    necessity = models.CharField(
        _("required"), max_length=12, choices=Necessity.choices
    )
    condition = models.CharField(_("condition"), max_length=200, blank=True)
    required_form = models.CharField(
        _("form required"), max_length=20, choices=MaterialForm.choices
    )
    required_copies = models.PositiveSmallIntegerField(_("copies required"), default=1)
    applies = models.BooleanField(
        _("applies"),
        default=True,
        help_text=_("For conditional materials: the condition holds."),
    )
    received = models.BooleanField(_("received"), default=False)
    form_received = models.CharField(
        _("form received"), max_length=20, choices=MaterialForm.choices, blank=True
    )
    count = models.PositiveSmallIntegerField(_("copies received"), default=0)
    defective = models.BooleanField(_("defective"), default=False)
    defect_reason = models.CharField(_("what is wrong"), max_length=200, blank=True)
    supplemented_at = models.DateTimeField(_("supplemented at"), null=True, blank=True)

    class Meta:
        verbose_name = _("material received")
        verbose_name_plural = _("materials received")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "position"], name="one_line_per_material"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_needed(self) -> bool:
        return self.necessity == Necessity.MANDATORY or self.applies

    @property
    def is_satisfied(self) -> bool:
        """Received, complete and sound — or not needed at all."""
        if not self.is_needed:
            return True
        return (
            self.received and not self.defective and self.count >= self.required_copies
        )


class StepOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned to an earlier step")
    FORWARDED = "forwarded", _("Forwarded")
    COMPLETED = "completed", _("Completed the case")
    CLOSED = "closed", _("Closed with the case")


class CaseStep(models.Model):
    """One activation of an internal step; returning to a step activates it anew."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("step number"))
    name = models.CharField(_("step"), max_length=60)
    department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.ForeignKey(
        "posts.Post",
        verbose_name=_("post"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"))
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    yellow_at = models.DateTimeField(_("warning from"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=StepOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["started_at", "id"]
        indexes = [
            # The assessment's on-time rate: the period's finished steps per
            # assignee, post and department, read from the index alone.
            models.Index(
                fields=[
                    "finished_at",
                    "assignee",
                    "due_at",
                    "post",
                    "department",
                    "case",
                ],
                name="step_finished_assignee_index",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class SuspensionReason(models.TextChoices):
    APPLICANT = "applicant", _("Waiting for the applicant")
    EXPERT_REVIEW = "expert_review", _("Expert review, testing or inspection")
    PUBLIC_NOTICE = "public_notice", _("Public notice or hearing")
    OTHER_LEGAL = "other_legal", _("Other time excluded by law")


class Suspension(models.Model):
    """A stretch of time the law excludes from the limit; the clock stops."""

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="suspensions",
    )
    reason = models.CharField(
        _("reason"), max_length=20, choices=SuspensionReason.choices
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("suspended at"))
    ended_at = models.DateTimeField(_("resumed at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suspended by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resumed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["started_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_reason_display()}"


class Extension(models.Model):
    """An extension of the limit (延期): requested, then approved or refused by a supervisor."""

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    days = models.PositiveSmallIntegerField(
        _("working days"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    reason = models.CharField(_("reason"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    approved = models.BooleanField(_("approved"), null=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["requested_at"]

    def __str__(self) -> str:
        return f"{self.case} +{self.days}"


class CaseEvent(models.Model):
    """One attributed action on a case. Append-only: never edited, never deleted."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="events"
    )
    sequence = models.PositiveIntegerField(_("no."))
    action = models.CharField(_("action"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, blank=True)
    from_step = models.CharField(_("from step"), max_length=60, blank=True)
    to_step = models.CharField(_("to step"), max_length=60, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "sequence"], name="event_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} #{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("Case events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("Case events are append-only.")


class DocumentKind(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", _("Completion slip (办结单)")
    RECEIPT = "receipt", _("Acceptance receipt (受理通知书)")
    NOTICE = "notice", _("One-time notice (一次性告知书)")
    REJECTION = "rejection", _("Notice of non-acceptance (不予受理通知书)")
    REFERRAL = "referral", _("Referral notice (告知书)")
    EXTENSION = "extension", _("Extension notice (延期办理通知书)")


class CaseDocument(models.Model):
    """A document issued to the applicant, frozen as issued so a reprint is identical."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=12, choices=DocumentKind.choices)
    number = models.CharField(_("document number"), max_length=40, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    content = models.JSONField(_("content"))

    class Meta:
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")
        ordering = ["issued_at", "id"]

    def __str__(self) -> str:
        return self.number


class ReceiptCounter(OrganisationOwned):
    """The last receipt number given out on a day, taken under a row lock."""

    day = models.DateField(_("day"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day"], name="one_counter_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.day} {self.last}"


class CaseSettings(OrganisationOwned):
    """How an organisation runs its casework: warnings, remedies text, pickup."""

    yellow_share = models.DecimalField(
        _("warn when this share of the time is left"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.20"),
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("0.90")),
        ],
    )
    remedies_text = models.TextField(
        _("applicant's remedies"),
        default=_(
            "If you disagree with this decision, you may apply for administrative "
            "reconsideration within 60 days of receiving it, or bring an administrative "
            "lawsuit to the people's court within 6 months."
        ),
        help_text=_("Printed on every notice of non-acceptance."),
    )
    pickup_text = models.CharField(
        _("where and when results are collected"),
        max_length=200,
        default=_(
            "At the window that accepted it, on working days during office hours."
        ),
    )

    class Meta:
        verbose_name = _("casework settings")
        verbose_name_plural = _("casework settings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="one_settings_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

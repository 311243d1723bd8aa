"""Quality inspection (质检): scorecards, samples, inspections, calibration and appeals.

A scorecard (评分表) is a versioned list of sections and weighted items; once
an inspection uses it, it is frozen and changes go into its next version. An
inspection targets exactly one sampled object — a case, a call, a hall
visit (a ticket) or a completed phone return visit (a survey call that was
answered; the staff member who made the call is the one inspected) — or,
for a mystery-shopper checklist (暗访), a visit the inspector made in person.
The inspected staff member and department are copied at sampling time, so
later moves between posts do not rewrite history.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.common.models import TimeStamped
from onestop.organisations.models import OrganisationOwned

POINTS = {"max_digits": 6, "decimal_places": 1}


class ScorecardKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection scorecard")
    MYSTERY = "mystery", _("Mystery-shopper checklist (暗访)")


class Scorecard(OrganisationOwned, TimeStamped):
    name = models.CharField(_("name"), max_length=120)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=ScorecardKind.choices,
        default=ScorecardKind.INSPECTION,
    )
    description = models.TextField(_("description"), blank=True)
    appeal_days = models.PositiveSmallIntegerField(
        _("appeal period (working days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("How long the inspected staff member may object after scoring."),
    )
    frozen_at = models.DateTimeField(
        _("frozen at"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the first inspection uses it; changes need a new version."
        ),
    )
    is_current = models.BooleanField(
        _("current version"),
        default=True,
        help_text=_("Only the current version is offered for new samples."),
    )

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name", "version"],
                name="scorecard_version_unique",
            )
        ]
        permissions = [
            ("manage_scorecards", _("Can write scorecards and sampling rules")),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class ScorecardSection(models.Model):
    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=120)

    class Meta:
        verbose_name = _("scorecard section")
        verbose_name_plural = _("scorecard sections")
        ordering = ["scorecard", "position"]

    def __str__(self) -> str:
        return self.title


class ItemMode(models.TextChoices):
    POINTS = "points", _("Points")
    PASS_FAIL = "pass_fail", _("Pass or fail")


class ScorecardItem(models.Model):
    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("scorecard"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    section = models.ForeignKey(
        ScorecardSection,
        verbose_name=_("section"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("item"), max_length=200)
    guidance = models.TextField(_("guidance for inspectors"), blank=True)
    mode = models.CharField(
        _("scored as"), max_length=10, choices=ItemMode.choices, default=ItemMode.POINTS
    )
    max_points = models.DecimalField(
        _("maximum points"),
        **POINTS,
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_("Also the item's weight in the scorecard's total."),
    )
    is_critical = models.BooleanField(
        _("critical"),
        default=False,
        help_text=_(
            "Failing it sets the whole inspection to zero (e.g. 泄露个人信息)."
        ),
    )

    class Meta:
        verbose_name = _("scorecard item")
        verbose_name_plural = _("scorecard items")
        ordering = ["scorecard", "section__position", "position"]

    def __str__(self) -> str:
        return self.text


class DeductionReason(models.Model):
    """A named deduction an inspector ticks on an item, e.g. 未一次性告知 −5."""

    item = models.ForeignKey(
        ScorecardItem,
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="deductions",
    )
    name = models.CharField(_("reason"), max_length=120)
    points = models.DecimalField(
        _("points deducted"), **POINTS, validators=[MinValueValidator(Decimal("0.1"))]
    )

    class Meta:
        verbose_name = _("deduction reason")
        verbose_name_plural = _("deduction reasons")
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return f"{self.name} −{self.points}"


class TargetKind(models.TextChoices):
    CASE = "case", _("Case")
    CALL = "call", _("Call")
    VISIT = "visit", _("Hall visit")
    RETURN_VISIT = "return_visit", _("Phone return visit")
    MYSTERY = "mystery", _("Mystery-shopper visit")


class SampleMethod(models.TextChoices):
    PER_STAFF = "per_staff", _("A number per staff member")
    PERCENT = "percent", _("A share of each service item, queue or category")


class SamplingRule(OrganisationOwned, TimeStamped):
    name = models.CharField(_("name"), max_length=120)
    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("scorecard"),
        on_delete=models.PROTECT,
        related_name="rules",
    )
    target_kind = models.CharField(
        _("samples"),
        max_length=12,
        choices=[c for c in TargetKind.choices if c[0] != TargetKind.MYSTERY],
    )
    method = models.CharField(_("method"), max_length=10, choices=SampleMethod.choices)
    per_staff = models.PositiveSmallIntegerField(
        _("per staff member"), null=True, blank=True
    )
    percent = models.DecimalField(
        _("percent"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("sampling rule")
        verbose_name_plural = _("sampling rules")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SamplingRun(OrganisationOwned):
    """One draw of a rule over a period; the seed makes it reproducible."""

    rule = models.ForeignKey(
        SamplingRule,
        verbose_name=_("rule"),
        on_delete=models.PROTECT,
        related_name="runs",
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    seed = models.CharField(_("random seed"), max_length=64)
    population = models.PositiveIntegerField(_("objects eligible"))
    drawn = models.PositiveIntegerField(_("objects drawn"))
    run_at = models.DateTimeField(_("drawn at"))
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drawn by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sampling run")
        verbose_name_plural = _("sampling runs")
        ordering = ["-run_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "period_start", "period_end"],
                name="one_run_per_rule_and_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.period_start}–{self.period_end}"


class InspectionStatus(models.TextChoices):
    ASSIGNED = "assigned", pgettext_lazy("inspection status", "Assigned")
    SCORED = "scored", pgettext_lazy("inspection status", "Scored")
    APPEALED = "appealed", pgettext_lazy("inspection status", "Appealed")
    UPHELD = "upheld", pgettext_lazy("inspection status", "Appeal upheld")
    REJECTED = "rejected", pgettext_lazy("inspection status", "Appeal rejected")
    FINAL = "final", pgettext_lazy("inspection status", "Final")


# Scored inspections count in the figures from the moment they are scored.
COUNTED_STATUSES = (
    InspectionStatus.SCORED,
    InspectionStatus.APPEALED,
    InspectionStatus.UPHELD,
    InspectionStatus.REJECTED,
    InspectionStatus.FINAL,
)


class CalibrationRound(OrganisationOwned, TimeStamped):
    """Several inspectors score the same sample; the spread shows how far they agree."""

    name = models.CharField(_("name"), max_length=120)
    primary = models.OneToOneField(
        "Inspection",
        verbose_name=_("inspection calibrated"),
        on_delete=models.PROTECT,
        related_name="calibration_round",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("calibration round")
        verbose_name_plural = _("calibration rounds")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class Inspection(OrganisationOwned, TimeStamped):
    scorecard = models.ForeignKey(
        Scorecard,
        verbose_name=_("scorecard"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    target_kind = models.CharField(
        _("inspects"), max_length=12, choices=TargetKind.choices
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    call = models.ForeignKey(
        "contactcenter.CallRecord",
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ticket = models.ForeignKey(
        "queueing.Ticket",
        verbose_name=_("hall visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    return_visit = models.ForeignKey(
        "surveys.CallAttempt",
        verbose_name=_("phone return visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    inspected_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member inspected"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections_received",
    )
    department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    run = models.ForeignKey(
        SamplingRun,
        verbose_name=_("sampling run"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        on_delete=models.PROTECT,
        related_name="inspections_made",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InspectionStatus.choices,
        default=InspectionStatus.ASSIGNED,
    )
    calibration = models.ForeignKey(
        CalibrationRound,
        verbose_name=_("calibration round"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="copies",
        help_text=_("Set on the extra copies only; they never count in the figures."),
    )
    # Mystery shopping (暗访): when and where the inspector went, what they saw.
    visit_at = models.DateTimeField(_("visited at"), null=True, blank=True)
    window = models.ForeignKey(
        "posts.Window",
        verbose_name=_("window"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence = models.TextField(
        _("evidence"),
        blank=True,
        help_text=_("What was seen or recorded, and where the recording is kept."),
    )
    comment = models.TextField(_("inspector's comment"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    scored_on = models.DateField(_("scored on"), null=True, blank=True)
    appeal_due_at = models.DateTimeField(_("appeal until"), null=True, blank=True)
    total = models.DecimalField(
        _("total score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    critical_failed = models.BooleanField(_("critical item failed"), default=False)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-created_at"]
        permissions = [
            ("inspect", _("Can score inspections")),
            ("decide_appeal", _("Can decide appeals against inspections")),
            ("view_inspection_figures", _("Can see the inspection figures")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        target_kind="case",
                        case__isnull=False,
                        call__isnull=True,
                        ticket__isnull=True,
                        return_visit__isnull=True,
                    )
                    | Q(
                        target_kind="call",
                        case__isnull=True,
                        call__isnull=False,
                        ticket__isnull=True,
                        return_visit__isnull=True,
                    )
                    | Q(
                        target_kind="visit",
                        case__isnull=True,
                        call__isnull=True,
                        ticket__isnull=False,
                        return_visit__isnull=True,
                    )
                    | Q(
                        target_kind="return_visit",
                        case__isnull=True,
                        call__isnull=True,
                        ticket__isnull=True,
                        return_visit__isnull=False,
                    )
                    | Q(
                        target_kind="mystery",
                        case__isnull=True,
                        call__isnull=True,
                        ticket__isnull=True,
                        return_visit__isnull=True,
                    )
                ),
                name="inspection_targets_one_object",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "scored_on"]),
            models.Index(fields=["inspector", "status"]),
            models.Index(fields=["inspected_user", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.scorecard.name} · {self.target_label}"

    @property
    def target(self) -> models.Model | None:
        return self.case or self.call or self.ticket or self.return_visit

    @property
    def target_label(self) -> str:
        if self.return_visit_id is not None:
            call = self.return_visit
            return f"{call.called_at:%Y-%m-%d %H:%M} · {call.invitation.masked_phone}"  # type: ignore[union-attr]
        target = self.target
        if target is not None:
            return str(target)
        if self.visit_at is not None:
            return str(_("Visit of %(day)s") % {"day": self.visit_at.date()})
        return str(TargetKind(self.target_kind).label)

    @property
    def is_calibration_copy(self) -> bool:
        return self.calibration_id is not None


class ItemResult(models.Model):
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="results",
    )
    item = models.ForeignKey(
        ScorecardItem,
        verbose_name=_("item"),
        on_delete=models.PROTECT,
        related_name="results",
    )
    applicable = models.BooleanField(_("applies"), default=True)
    points = models.DecimalField(_("points given"), **POINTS, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    earned = models.DecimalField(_("points earned"), **POINTS)
    possible = models.DecimalField(_("points possible"), **POINTS)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("item result")
        verbose_name_plural = _("item results")
        ordering = ["inspection", "item__section__position", "item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "item"], name="one_result_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.earned}/{self.possible}"


class ResultDeduction(models.Model):
    result = models.ForeignKey(
        ItemResult,
        verbose_name=_("item result"),
        on_delete=models.CASCADE,
        related_name="deductions",
    )
    reason = models.ForeignKey(
        DeductionReason,
        verbose_name=_("reason"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("deduction")
        verbose_name_plural = _("deductions")

    def __str__(self) -> str:
        return str(self.reason)


class AppealStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("appeal status", "Awaiting decision")
    UPHELD = "upheld", pgettext_lazy("appeal status", "Upheld")
    REJECTED = "rejected", pgettext_lazy("appeal status", "Rejected")


class Appeal(models.Model):
    inspection = models.OneToOneField(
        Inspection,
        verbose_name=_("inspection"),
        on_delete=models.CASCADE,
        related_name="appeal",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("filed at"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AppealStatus.choices,
        default=AppealStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    total_before = models.DecimalField(
        _("score before"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    total_after = models.DecimalField(
        _("score after"), max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        return str(self.inspection)

"""Outsourced providers (篇7 社会力量): who serves where under which contract, and how well.

A ``Contract`` gives one ``Provider`` one ``ServiceType`` (canteen, cleaning,
dormitory repair …) in some ``Region``s (a campus area, a building); several
providers may hold contracts of the same type, in competition. Each contract
lists its KPIs (weighted scoring rules over recorded data); each month a
``MonthlyAssessment`` freezes the KPI values, the deductions and the payment
computed from the score (``onestop.compute.payment``). Feedback officers
(信息员) — selected students or teachers — report what they see; a checked
report counts against the provider.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.common.models import TimeStamped
from onestop.organisations.models import OrganisationOwned
from onestop.portal.storage import private_storage

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class ServiceType(OrganisationOwned):
    """A kind of outsourced service; the catalogue items it covers are its work."""

    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    items = models.ManyToManyField(
        "catalog.ServiceItem",
        verbose_name=_("catalogue items"),
        blank=True,
        related_name="provider_service_types",
        help_text=_("The catalogue items whose cases are this service's work."),
    )

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="providers_one_type_code"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RegionKind(models.TextChoices):
    AREA = "area", _("Campus area")
    BUILDING = "building", _("Building")


class Region(OrganisationOwned):
    """Where a contract applies: a campus area or a building within one."""

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=10, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("within"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="providers_one_region_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Provider(OrganisationOwned, TimeStamped):
    name = models.CharField(_("name"), max_length=120)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, blank=True
    )
    contact_person = models.CharField(_("contact person"), max_length=40, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="providers_one_provider_name"
            )
        ]
        permissions = [
            (
                "view_own_provider",
                _("See one's own provider's contracts and statements"),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ProviderStaff(OrganisationOwned):
    """A person working for a provider: their cases count for it.

    One provider per person and organisation, so every case of theirs is
    counted for exactly one provider.
    """

    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        related_name="staff",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="provider_links",
    )

    class Meta:
        verbose_name = _("provider staff member")
        verbose_name_plural = _("provider staff")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="providers_one_provider_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider}"


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    ENDED = "ended", _("Ended")


class Contract(OrganisationOwned, TimeStamped):
    """One provider's contract for one service type in some regions, and its pay rule."""

    number = models.CharField(_("contract number"), max_length=40)
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("service type"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), related_name="contracts"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ContractStatus.choices,
        default=ContractStatus.ACTIVE,
    )
    monthly_base = models.DecimalField(
        _("monthly base amount (yuan)"), max_digits=12, decimal_places=2
    )
    full_at = models.DecimalField(
        _("full payment from (points)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(90),
        validators=PERCENT,
    )
    deduction_per_point = models.DecimalField(
        _("deduction per point below (per cent of base)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    floor = models.DecimalField(
        _("payment floor (per cent of base)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(70),
        validators=PERCENT,
    )
    bonus_from = models.DecimalField(
        _("bonus from (points)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Empty: the bonus starts at the full-payment score."),
    )
    bonus_per_point = models.DecimalField(
        _("bonus per point above (per cent of base)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    bonus_cap = models.DecimalField(
        _("bonus cap (per cent of base)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
        validators=PERCENT,
    )
    review_after_months = models.PositiveSmallIntegerField(
        _("renewal review after (months)"),
        default=6,
        validators=[MinValueValidator(1)],
    )
    renew_at = models.DecimalField(
        _("renew at an average of (points)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(90),
        validators=PERCENT,
    )
    conditions_at = models.DecimalField(
        _("renew with conditions at (points)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(80),
        validators=PERCENT,
        help_text=_("Below this average the service is tendered again."),
    )

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["service_type__code", "provider__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="providers_one_contract_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.provider} · {self.service_type}"


class ContractKpi(models.Model):
    """One KPI of a contract: a source metric, a scoring rule and a weight.

    ``metric`` is a key of ``onestop.assessment.metrics.METRICS`` (counted over
    the provider's staff) or ``officer_reports`` (confirmed feedback-officer
    reports on the contract); ``rule`` is a rule of
    ``onestop.compute.scoring`` as data. The full points are weight × 100.
    """

    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="kpis",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=80)
    definition = models.TextField(_("definition"), blank=True)
    metric = models.CharField(_("source metric"), max_length=40)
    rule = models.JSONField(_("scoring rule"))
    target = models.CharField(_("target"), max_length=60, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal(1))],
    )

    class Meta:
        verbose_name = _("contract KPI")
        verbose_name_plural = _("contract KPIs")
        ordering = ["contract", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "position"], name="providers_one_kpi_per_position"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_points(self) -> Decimal:
        return self.weight * 100

    @property
    def source_label(self) -> str:
        from onestop.providers.kpis import metric_label

        return metric_label(self.metric)


class FeedbackOfficer(OrganisationOwned, TimeStamped):
    """A customer chosen to report on the services (后勤服务意见信息员)."""

    name = models.CharField(_("name"), max_length=40)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region looked after"),
        on_delete=models.PROTECT,
        related_name="officers",
    )
    note = models.CharField(
        _("note"), max_length=120, blank=True, help_text=_("e.g. class or room.")
    )
    key = models.CharField(_("personal link key"), max_length=64, unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("feedback officer")
        verbose_name_plural = _("feedback officers")
        ordering = ["region__name", "name"]

    def __str__(self) -> str:
        return self.name


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a check")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Not confirmed")


class FeedbackReport(OrganisationOwned):
    """An officer's observation about one contract's service at one place."""

    officer = models.ForeignKey(
        FeedbackOfficer,
        verbose_name=_("feedback officer"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("place"), on_delete=models.PROTECT, related_name="+"
    )
    place_detail = models.CharField(_("exact place"), max_length=100, blank=True)
    description = models.TextField(_("what was seen"))
    observed_on = models.DateField(_("seen on"))
    submitted_at = models.DateTimeField(_("submitted at"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.SUBMITTED,
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    check_note = models.CharField(_("check note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")
        ordering = ["-submitted_at", "-id"]
        permissions = [("check_feedbackreport", _("Check feedback officers' reports"))]
        indexes = [
            models.Index(
                fields=["organisation", "contract", "status", "observed_on"],
                name="providers_report_month",
            ),
            models.Index(
                fields=["organisation", "status", "submitted_at"],
                name="providers_report_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.observed_on} {self.contract.provider} {self.region}"


class ReportPhoto(models.Model):
    report = models.ForeignKey(
        FeedbackReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="providers/reports/%Y/%m/"
    )
    original_name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class ContractDeduction(OrganisationOwned):
    """Points taken off a month by an inspector's check, with the evidence."""

    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="deductions",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal(100)),
        ],
    )
    reason = models.CharField(_("reason"), max_length=200)
    evidence = models.TextField(_("evidence"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("deduction")
        verbose_name_plural = _("deductions")
        ordering = ["month", "recorded_at"]
        indexes = [
            models.Index(fields=["contract", "month"], name="providers_ded_month")
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.month:%Y-%m} −{self.points}"


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Computed, not signed")
    SIGNED = "signed", _("Signed")


class MonthlyAssessment(OrganisationOwned):
    """A contract's month, frozen: every KPI value and point, deductions, payment.

    Each run is a new version; once a version is signed the month is closed
    and a later run is refused, so the paid amount never moves.
    """

    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    version = models.PositiveSmallIntegerField(_("version"))
    kpi_points = models.DecimalField(_("KPI points"), max_digits=6, decimal_places=2)
    deducted_points = models.DecimalField(
        _("points deducted"), max_digits=6, decimal_places=2
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    base_amount = models.DecimalField(_("base amount"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount payable"), max_digits=12, decimal_places=2)
    payment_lines = models.JSONField(_("payment working"), default=list)
    formula = models.JSONField(_("payment formula"), default=dict)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("monthly provider assessment")
        verbose_name_plural = _("monthly provider assessments")
        ordering = ["-month", "contract", "-version"]
        permissions = [
            ("run_assessment", _("Run the monthly provider assessment")),
            ("sign_assessment", _("Sign a provider's monthly assessment")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "month", "version"],
                name="providers_one_assessment_version",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "month"], name="providers_ass_month")
        ]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.month:%Y-%m} v{self.version}"


class LineKind(models.TextChoices):
    KPI = "kpi", _("KPI")
    DEDUCTION = "deduction", _("Deduction")


class AssessmentLine(models.Model):
    """One KPI's value and points, or one deduction, as the month was computed."""

    assessment = models.ForeignKey(
        MonthlyAssessment,
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=10, choices=LineKind.choices)
    name = models.CharField(_("name"), max_length=200)
    metric = models.CharField(_("source metric"), max_length=40, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    value = models.FloatField(_("measured value"), null=True, blank=True)
    count = models.PositiveIntegerField(_("records counted"), default=0)
    full_points = models.DecimalField(_("full points"), max_digits=6, decimal_places=2)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    template = models.CharField(_("working"), max_length=300, blank=True)
    params = models.JSONField(_("working figures"), default=dict)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("assessment line")
        verbose_name_plural = _("assessment lines")
        ordering = ["assessment", "position"]

    def __str__(self) -> str:
        return self.name

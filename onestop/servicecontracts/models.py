"""Service contracts, their entitlements and use, the rate card, quotes and bills (篇6).

A contract gives a customer a year of entitlements copied from a template
(local or remote customer); each service request is matched to one of them,
and what is not covered is billed by the rate card in force on the day.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.organisations.models import OrganisationOwned

MONEY = {"max_digits": 12, "decimal_places": 2}


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Location(models.TextChoices):
    LOCAL = "local", _("Local customer")
    REMOTE = "remote", _("Remote customer")


class Delivery(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    REMOTE = "remote", _("Remotely")


class Period(models.TextChoices):
    YEAR = "year", _("Within the contract year")
    FIRST = "first", _("First time only")
    LIFETIME = "lifetime", _("For the life of the system")


class Kind(models.TextChoices):
    VISIT = "visit", _("On-site service visit")
    REMOTE_MAINTENANCE = "remote_maintenance", _("Remote database maintenance")
    NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis")
    QUESTIONS = "questions", _("Questions on use")
    INSTALLATION = "installation", _("First installation and training")
    DATA_IMPORT = "data_import", _("Basic data and rules import")
    PAGE_LABELS = "page_labels", _("Page label changes")
    BUG_FIXES = "bug_fixes", _("Bug fixes")
    SUPPORT = "support", _("7×24 phone and e-mail support")


class ServiceContract(OrganisationOwned):
    number = models.CharField(_("contract number"), max_length=40)
    customer_name = models.CharField(_("customer"), max_length=120)
    system = models.CharField(_("product or system"), max_length=120)
    location = models.CharField(
        _("customer location"), max_length=10, choices=Location.choices
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), help_text=_("The last day of the contract year.")
    )
    contact = models.CharField(_("contact person"), max_length=60, blank=True)
    token = models.CharField(
        _("customer page key"), max_length=40, unique=True, default=new_token
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service contract")
        verbose_name_plural = _("service contracts")
        ordering = ["-start_date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="one_contract_per_number"
            )
        ]
        permissions = [("view_contract_figures", _("Can view contract figures"))]

    def __str__(self) -> str:
        return f"{self.number} {self.customer_name}"


class Entitlement(models.Model):
    contract = models.ForeignKey(
        ServiceContract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="entitlements",
    )
    kind = models.CharField(_("service"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    period = models.CharField(_("period"), max_length=10, choices=Period.choices)
    quantity = models.PositiveSmallIntegerField(
        _("times included"),
        null=True,
        blank=True,
        help_text=_("Empty means without limit."),
    )
    days_each = models.DecimalField(
        _("working days each time"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("entitlement")
        verbose_name_plural = _("entitlements")
        ordering = ["contract", "position"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_delivery_display()})"


class RateCard(OrganisationOwned):
    valid_from = models.DateField(_("valid from"))
    lodging = models.DecimalField(
        _("lodging per person per day"),
        default=Decimal("100.00"),
        **MONEY,
        validators=[MinValueValidator(Decimal(0))],
    )
    meals = models.DecimalField(
        _("meals per person per day"),
        default=Decimal("50.00"),
        **MONEY,
        validators=[MinValueValidator(Decimal(0))],
    )
    labour = models.DecimalField(
        _("labour per person per day"),
        default=Decimal("500.00"),
        **MONEY,
        validators=[MinValueValidator(Decimal(0))],
    )
    development = models.DecimalField(
        _("development per person-day"),
        default=Decimal("1000.00"),
        **MONEY,
        validators=[MinValueValidator(Decimal(0))],
    )

    class Meta:
        verbose_name = _("rate card")
        verbose_name_plural = _("rate cards")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "valid_from"], name="one_rate_card_per_day"
            )
        ]

    def __str__(self) -> str:
        return str(self.valid_from)


class DocumentCounter(OrganisationOwned):
    """The last quote or bill number of a year, incremented under a row lock."""

    prefix = models.CharField(_("prefix"), max_length=2)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document counter")
        verbose_name_plural = _("document counters")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "prefix", "year"], name="one_counter_per_year"
            )
        ]


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting the customer's approval")
    APPROVED = "approved", _("Approved by the customer")
    BILLED = "billed", _("Billed")


class BillStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class BillKind(models.TextChoices):
    VISIT = "visit", _("On-site service beyond the contract")
    DEVELOPMENT = "development", _("Custom development")


class Bill(OrganisationOwned):
    number = models.CharField(_("bill number"), max_length=30)
    contract = models.ForeignKey(
        ServiceContract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="bills",
        null=True,
        blank=True,
    )
    customer_name = models.CharField(_("customer"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=BillKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=BillStatus.choices, default=BillStatus.DRAFT
    )
    service_date = models.DateField(_("service date"))
    description = models.CharField(_("description"), max_length=200)
    rate_card = models.ForeignKey(
        RateCard, verbose_name=_("rate card"), on_delete=models.PROTECT, null=True
    )
    lines = models.JSONField(_("lines"), default=list)
    total = models.DecimalField(_("total"), **MONEY)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="one_bill_per_number"
            )
        ]

    def __str__(self) -> str:
        return self.number


class Quote(OrganisationOwned):
    number = models.CharField(_("quote number"), max_length=30)
    contract = models.ForeignKey(
        ServiceContract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="quotes",
    )
    title = models.CharField(_("development"), max_length=120)
    requirement = models.TextField(_("requirement report"))
    person_days = models.DecimalField(
        _("agreed person-days"), max_digits=6, decimal_places=1
    )
    quoted_on = models.DateField(_("quoted on"))
    rate_card = models.ForeignKey(
        RateCard, verbose_name=_("rate card"), on_delete=models.PROTECT, null=True
    )
    lines = models.JSONField(_("lines"), default=list)
    total = models.DecimalField(_("total"), **MONEY)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=QuoteStatus.choices,
        default=QuoteStatus.DRAFT,
    )
    approved_by = models.CharField(
        _("approved by (customer)"), max_length=60, blank=True
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    bill = models.OneToOneField(
        Bill, verbose_name=_("bill"), on_delete=models.PROTECT, null=True, blank=True
    )

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["-quoted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="one_quote_per_number"
            )
        ]

    def __str__(self) -> str:
        return self.number


class ServiceRequest(OrganisationOwned):
    """One service given to a contract's customer, matched to an entitlement or billed."""

    contract = models.ForeignKey(
        ServiceContract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="requests",
        null=True,
        blank=True,
    )
    customer_name = models.CharField(_("customer"), max_length=120)
    kind = models.CharField(_("service"), max_length=30, choices=Kind.choices)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    served_on = models.DateField(_("date"))
    days = models.DecimalField(
        _("working days"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    people = models.PositiveSmallIntegerField(
        _("people"), default=1, validators=[MinValueValidator(1)]
    )
    travel_cost = models.DecimalField(
        _("fares paid"),
        default=Decimal("0.00"),
        **MONEY,
        validators=[MinValueValidator(Decimal(0))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    reference = models.CharField(
        _("job number"),
        max_length=40,
        blank=True,
        help_text=_("The field-service job this visit came from, if any."),
    )
    entitlement = models.ForeignKey(
        Entitlement,
        verbose_name=_("entitlement used"),
        on_delete=models.PROTECT,
        related_name="uses",
        null=True,
        blank=True,
    )
    bill = models.ForeignKey(
        Bill,
        verbose_name=_("bill"),
        on_delete=models.PROTECT,
        related_name="requests",
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-served_on", "-id"]
        indexes = [models.Index(fields=["organisation", "served_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.served_on}"

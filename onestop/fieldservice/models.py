"""Delivery and installation orders, the field jobs that serve them, signed records.

篇4 (产品配送服务, 送货安装服务): sales takes an ``Order`` only when it is
complete; its products' lead times give the earliest delivery date; the
planner agrees a date; when the goods are ready QC, the installers and the
warehouse are told; each visit is a ``Job`` with an appointment window,
confirmed with the customer before leaving, planned onto a technician's route
by the day's ``DispatchPlan``; a ``ServiceRecord`` signed on site closes it.
``Incident`` records damage, a wrong model or an absent customer until closed.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.common.masking import mask_phone
from onestop.organisations.models import OrganisationOwned
from onestop.portal.storage import private_storage


class Product(OrganisationOwned):
    """A model the organisation delivers, with its lead times in working days."""

    model = models.CharField(_("model"), max_length=60)
    name = models.CharField(_("product name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=20, default="台")
    procurement_days = models.PositiveSmallIntegerField(
        _("procurement lead time (working days)"), default=0
    )
    production_days = models.PositiveSmallIntegerField(
        _("production lead time (working days)"), default=0
    )
    install_skill = models.CharField(
        _("installation skill"),
        max_length=40,
        blank=True,
        help_text=_("Only technicians with this skill are sent to install it."),
    )
    install_minutes = models.PositiveSmallIntegerField(
        _("installation time (minutes)"), default=60
    )

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["model"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "model"], name="fieldservice_product_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.model}"

    @property
    def lead_days(self) -> int:
        return self.procurement_days + self.production_days


class OrderStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    SCHEDULED = "scheduled", _("Delivery date agreed")
    READY = "ready", _("Goods ready")
    DISPATCHED = "dispatched", _("Out for delivery")
    DELIVERED = "delivered", _("Delivered")
    CLOSED = "closed", pgettext_lazy("order status", "Closed")


class Order(OrganisationOwned):
    number = models.CharField(_("order number"), max_length=30)
    customer = models.CharField(_("customer"), max_length=120)
    contact_person = models.CharField(_("contact person"), max_length=60)
    phone = models.CharField(_("phone"), max_length=30)
    address = models.CharField(_("delivery address"), max_length=200)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    order_date = models.DateField(_("order date"))
    requested_date = models.DateField(_("requested delivery date"))
    earliest_date = models.DateField(
        _("earliest possible delivery date"),
        help_text=_("From the products' lead times on the working-day calendar."),
    )
    agreed_date = models.DateField(_("agreed delivery date"), null=True, blank=True)
    salesperson = models.CharField(_("salesperson"), max_length=60)
    special_requirements = models.TextField(_("special requirements"), blank=True)
    contract_number = models.CharField(
        _("service contract number"),
        max_length=40,
        blank=True,
        help_text=_("Visits are matched to this contract's entitlements."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.RECEIVED,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered at"))
    ready_at = models.DateTimeField(_("goods ready at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery order")
        verbose_name_plural = _("delivery orders")
        ordering = ["-order_date", "-pk"]
        permissions = [
            ("plan_delivery", _("Can agree delivery dates and dispatch technicians")),
            ("view_fieldservice_figures", _("Can see field service figures")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="fieldservice_order_number"
            )
        ]
        indexes = [models.Index(fields=["organisation", "status", "agreed_date"])]

    def __str__(self) -> str:
        return f"{self.number} {self.customer}"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines.all()), Decimal("0.00"))


class OrderLine(models.Model):
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("line"))
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT
    )
    product_name = models.CharField(_("product name"), max_length=120)
    model = models.CharField(_("model"), max_length=60)
    unit = models.CharField(_("unit"), max_length=20)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price = models.DecimalField(_("unit price"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "position"]

    def __str__(self) -> str:
        return f"{self.product_name} {self.model} × {self.quantity}"

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity


class IncidentKind(models.TextChoices):
    DAMAGE = "damage", _("Damaged goods")
    WRONG_MODEL = "wrong_model", _("Wrong model delivered")
    CUSTOMER_ABSENT = "customer_absent", _("Customer absent")
    OTHER = "other", _("Other")


class Incident(OrganisationOwned):
    order = models.ForeignKey(
        Order,
        verbose_name=_("order"),
        on_delete=models.CASCADE,
        related_name="incidents",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    description = models.TextField(_("what happened"))
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    resolution = models.TextField(_("resolution"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery incident")
        verbose_name_plural = _("delivery incidents")
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return f"{self.order.number} {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class Technician(OrganisationOwned):
    """Someone who delivers and installs: skills, home base and working hours."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="field_technicians",
    )
    name = models.CharField(_("name"), max_length=60)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    skills = models.CharField(
        _("skills"),
        max_length=200,
        blank=True,
        help_text=_("Separated by commas, e.g. air-conditioning, network."),
    )
    home_latitude = models.DecimalField(
        _("home base latitude"), max_digits=9, decimal_places=6
    )
    home_longitude = models.DecimalField(
        _("home base longitude"), max_digits=9, decimal_places=6
    )
    shift_start = models.TimeField(_("working hours from"))
    shift_end = models.TimeField(_("working hours until"))
    provider = models.ForeignKey(
        "providers.Provider",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The outsourced provider employing them; empty for own staff."),
    )
    department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Whose quality scores their signed visits count towards."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("technician")
        verbose_name_plural = _("technicians")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="fieldservice_technician_user"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def skill_set(self) -> frozenset[str]:
        return frozenset(s.strip() for s in self.skills.split(",") if s.strip())


class JobKind(models.TextChoices):
    DELIVERY = "delivery", _("Delivery and installation")
    REPLACEMENT = "replacement", _("Replacement: collect the original, deliver anew")
    REPAIR = "repair", _("On-site repair")


class JobStatus(models.TextChoices):
    BOOKED = "booked", _("Appointment agreed")
    CONFIRMED = "confirmed", _("Confirmed before leaving")
    DONE = "done", _("Done and signed")
    CANCELLED = "cancelled", _("Cancelled")


class DispatchPlan(OrganisationOwned):
    """One run of the day's planning: the routes it made and what they cost."""

    day = models.DateField(_("day"))
    created_at = models.DateTimeField(_("planned at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    total_km = models.DecimalField(_("route km"), max_digits=9, decimal_places=2)
    baseline_km = models.DecimalField(
        _("nearest-neighbour km"), max_digits=9, decimal_places=2
    )
    solve_seconds = models.DecimalField(
        _("solve time (s)"), max_digits=7, decimal_places=2
    )
    unassigned = models.PositiveIntegerField(_("jobs left unassigned"), default=0)

    class Meta:
        verbose_name = _("dispatch plan")
        verbose_name_plural = _("dispatch plans")
        ordering = ["-day", "-created_at"]
        indexes = [models.Index(fields=["organisation", "day"])]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"


class DispatchRoute(models.Model):
    plan = models.ForeignKey(
        DispatchPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="routes",
    )
    technician = models.ForeignKey(
        Technician, verbose_name=_("technician"), on_delete=models.PROTECT
    )
    jobs = models.PositiveIntegerField(_("jobs"))
    km = models.DecimalField(_("km"), max_digits=8, decimal_places=2)
    home_at = models.DateTimeField(_("back home at"), null=True, blank=True)

    class Meta:
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        ordering = ["plan", "technician__name"]

    def __str__(self) -> str:
        return f"{self.plan} {self.technician}"


class Job(OrganisationOwned):
    """One visit to the customer, in an agreed appointment window."""

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=JobKind.choices)
    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
    )
    day = models.DateField(_("day"))
    window_start = models.TimeField(_("window from"))
    window_end = models.TimeField(_("window until"))
    service_minutes = models.PositiveSmallIntegerField(_("work time (minutes)"))
    skill = models.CharField(_("skill needed"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.BOOKED
    )
    technician = models.ForeignKey(
        Technician,
        verbose_name=_("technician"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
    )
    plan = models.ForeignKey(
        DispatchPlan,
        verbose_name=_("dispatch plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
    )
    sequence = models.PositiveSmallIntegerField(_("stop number"), null=True, blank=True)
    planned_start = models.DateTimeField(_("planned start"), null=True, blank=True)
    km_from_previous = models.DecimalField(
        _("km from the previous stop"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_note = models.TextField(_("confirmation call"), blank=True)
    eta = models.DateTimeField(_("announced arrival"), null=True, blank=True)
    eta_warned_at = models.DateTimeField(_("customer warned at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Kept here, not in surveys: surveys never learns of field service.
    return_visit = models.ForeignKey(
        "surveys.Invitation",
        verbose_name=_("return visit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("field job")
        verbose_name_plural = _("field jobs")
        ordering = ["day", "technician", "sequence", "window_start"]
        permissions = [("record_service", _("Can record work and signatures on site"))]
        indexes = [models.Index(fields=["organisation", "day", "status"])]

    def __str__(self) -> str:
        return f"{self.order.number} {self.day:%Y-%m-%d} {self.window_start:%H:%M}"

    # What onestop.servicecontracts.services.visit_record reads from a signed
    # job (duck-typed there): who, which contract, how long, how many, fares.
    @property
    def reference(self) -> str:
        return f"{self.order.number}-J{self.pk}"

    @property
    def customer_name(self) -> str:
        return self.order.customer

    @property
    def contract_number(self) -> str:
        return self.order.contract_number

    @property
    def days_on_site(self) -> Decimal:
        """Working days on site: a visit takes at least one; 8 hours make a day."""
        return Decimal(max(1, -(-self.service_minutes // 480)))

    @property
    def people(self) -> int:
        return self.record.people

    @property
    def travel_cost(self) -> Decimal:
        return self.record.travel_cost

    @property
    def finished_at(self) -> datetime | None:
        return self.closed_at


def record_upload_path(instance: object, filename: str) -> str:
    import secrets
    from pathlib import PurePosixPath

    suffix = PurePosixPath(filename).suffix.lower()
    return f"fieldservice/{secrets.token_hex(16)}/{secrets.token_hex(8)}{suffix}"


class ServiceRecord(models.Model):
    """What was done on site, confirmed by the customer's name and signature."""

    job = models.OneToOneField(
        Job, verbose_name=_("job"), on_delete=models.CASCADE, related_name="record"
    )
    work_done = models.TextField(_("work done"))
    parts = models.TextField(_("parts used"), blank=True)
    resolved = models.BooleanField(_("fixed on this visit"), default=True)
    customer_name = models.CharField(_("customer's name"), max_length=60)
    signature = models.FileField(
        _("signature"),
        storage=private_storage,
        upload_to=record_upload_path,
        max_length=200,
    )
    people = models.PositiveSmallIntegerField(_("technicians on site"), default=1)
    travel_cost = models.DecimalField(
        _("fares paid"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    signed_at = models.DateTimeField(_("signed at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"{self.job} {self.customer_name}"


class RecordPhoto(models.Model):
    record = models.ForeignKey(
        ServiceRecord,
        verbose_name=_("service record"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    original_name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=record_upload_path, max_length=200
    )
    content_type = models.CharField(_("file type"), max_length=40)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["record", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ReturnVisitRule(OrganisationOwned):
    """Which share of a month's signed visits gets a phone return visit (回访).

    The draw is reproducible: jobs are ordered by SHA-256 of the seed and the
    job id, so drawing the same month again picks the same jobs.
    """

    questionnaire_code = models.CharField(
        _("questionnaire code"),
        max_length=30,
        help_text=_("The newest published version of it is used."),
    )
    percent = models.DecimalField(
        _("share of signed visits (per cent)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    seed = models.CharField(
        _("seed"),
        max_length=32,
        help_text=_("Makes the draw reproducible: a month always draws the same jobs."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("return visit rule")
        verbose_name_plural = _("return visit rules")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="fieldservice_one_return_visit_rule"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire_code} {self.percent}"

"""Customers, their identifiers and attributes, links to their cases and calls,
segments by rules and the service policy each segment carries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.common.masking import mask_id_number, mask_phone
from onestop.common.models import TimeStamped
from onestop.organisations.models import OrganisationOwned


class CustomerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    ORGANISATION = "organisation", _("Organisation")


class Customer(OrganisationOwned, TimeStamped):
    """One person or organisation served, however many cases and calls they bring."""

    kind = models.CharField(_("kind"), max_length=12, choices=CustomerKind.choices)
    name = models.CharField(_("name"), max_length=120)
    id_number = models.CharField(
        _("ID number or credit code"),
        max_length=30,
        blank=True,
        help_text=_("Shown masked everywhere."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_from",
    )

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["organisation", "id_number"]),
            models.Index(fields=["organisation", "phone"]),
            models.Index(fields=["organisation", "merged_into", "name"]),
        ]
        permissions = [
            ("view_unmasked", _("Can see full ID numbers and phones (logged)")),
            ("merge_customer", _("Can merge duplicate customers")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def is_active(self) -> bool:
        return self.merged_into_id is None


class IdentifierKind(models.TextChoices):
    ID_NUMBER = "id_number", _("ID number or credit code")
    PHONE = "phone", _("phone")


class CustomerIdentifier(models.Model):
    """A further identifier of the customer, kept from a merged duplicate."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="identifiers",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=IdentifierKind.choices)
    value = models.CharField(_("value"), max_length=30)
    source = models.CharField(_("kept from"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("customer identifier")
        verbose_name_plural = _("customer identifiers")
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "kind", "value"], name="customer_identifier_once"
            )
        ]
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self) -> str:
        return self.masked_value

    @property
    def masked_value(self) -> str:
        if self.kind == IdentifierKind.PHONE:
            return mask_phone(self.value)
        return mask_id_number(self.value)


class CustomerContact(models.Model):
    """A person to talk to at an organisation customer."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=60)
    role = models.CharField(_("role"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class CustomerAttribute(models.Model):
    """One recorded attribute (规模, 收入档次 …): a number or a text, never both."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="attributes",
    )
    key = models.CharField(_("attribute"), max_length=40)
    number = models.DecimalField(
        _("number"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    text = models.CharField(_("text"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("customer attribute")
        verbose_name_plural = _("customer attributes")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "key"], name="customer_attribute_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key}={self.display}"

    @property
    def value(self) -> object:
        return self.number if self.number is not None else self.text

    @property
    def display(self) -> str:
        if self.number is None:
            return self.text
        return format(self.number.normalize(), "f")


class CustomerCase(models.Model):
    """A case brought by the customer, found by ID number or phone."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="case_links",
    )
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="customer_link",
    )
    matched_by = models.CharField(
        _("matched by"), max_length=12, choices=IdentifierKind.choices
    )

    class Meta:
        verbose_name = _("customer's case")
        verbose_name_plural = _("customers' cases")

    def __str__(self) -> str:
        return f"{self.customer} · {self.case}"


class CustomerCall(models.Model):
    """A hotline call from the customer, found by the caller's number."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="call_links",
    )
    call = models.OneToOneField(
        "contactcenter.CallRecord",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="customer_link",
    )

    class Meta:
        verbose_name = _("customer's call")
        verbose_name_plural = _("customers' calls")

    def __str__(self) -> str:
        return f"{self.customer} · {self.call_id}"


class CustomerOrder(models.Model):
    """A field-service delivery order for the customer, found by its phone."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="order_links",
    )
    order = models.OneToOneField(
        "fieldservice.Order",
        verbose_name=_("delivery order"),
        on_delete=models.CASCADE,
        related_name="customer_link",
    )

    class Meta:
        verbose_name = _("customer's order")
        verbose_name_plural = _("customers' orders")

    def __str__(self) -> str:
        return f"{self.customer} · {self.order_id}"


class ContractBasis(models.TextChoices):
    ORDER = "order", _("contract number on the customer's order")
    NAME = "name", _("organisation's name")


class CustomerContract(models.Model):
    """A service contract of the customer, found through an order or by name."""

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="contract_links",
    )
    contract = models.OneToOneField(
        "servicecontracts.ServiceContract",
        verbose_name=_("service contract"),
        on_delete=models.CASCADE,
        related_name="customer_link",
    )
    matched_by = models.CharField(
        _("matched by"), max_length=12, choices=ContractBasis.choices
    )

    class Meta:
        verbose_name = _("customer's service contract")
        verbose_name_plural = _("customers' service contracts")

    def __str__(self) -> str:
        return f"{self.customer} · {self.contract_id}"


# The records linked to a customer, by the name the history and the audit use.
LINKS: dict[str, type[models.Model]] = {
    "cases": CustomerCase,
    "calls": CustomerCall,
    "orders": CustomerOrder,
    "contracts": CustomerContract,
}


class Segment(OrganisationOwned, TimeStamped):
    """A group of customers chosen by a rule on their kind and attributes (篇3 客户细分)."""

    name = models.CharField(_("name"), max_length=60)
    rule = models.JSONField(
        _("rule"),
        default=dict,
        help_text=_("Conditions joined by AND or OR; see the rule editor."),
    )
    members = models.ManyToManyField(
        Customer,
        verbose_name=_("members"),
        through="SegmentMembership",
        related_name="segments",
    )
    recomputed_at = models.DateTimeField(_("members computed at"), null=True)

    class Meta:
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="segment_name_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class SegmentMembership(models.Model):
    segment = models.ForeignKey(
        Segment, verbose_name=_("segment"), on_delete=models.CASCADE
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("segment membership")
        verbose_name_plural = _("segment memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "customer"], name="segment_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.segment} · {self.customer}"


class Channel(models.TextChoices):
    ANY = "", _("No preference")
    COUNTER = "counter", _("At the window")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    VISIT = "visit", _("Visit by the account manager")


# A policy at this priority (the default) serves its segment like everyone else;
# only a smaller number moves the customer ahead in the hall or on the hotline.
STANDARD_PRIORITY = 5


class ServicePolicy(models.Model):
    """How a segment is served (篇3 差异化服务): priority, a tighter limit, a manager."""

    segment = models.OneToOneField(
        Segment,
        verbose_name=_("segment"),
        on_delete=models.CASCADE,
        related_name="policy",
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        default=STANDARD_PRIORITY,
        help_text=_(
            "1 is served first: the hall queue's priority group and the hotline's "
            "routing tier; the policy with the smallest number is in force."
        ),
    )
    routing_tier = models.CharField(
        _("contact routing tier"), max_length=20, blank=True
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("promised time limit (working days)"),
        null=True,
        blank=True,
        help_text=_("Used when tighter than the catalogue's promised limit."),
    )
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=10, choices=Channel.choices, blank=True
    )
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account manager"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service policy")
        verbose_name_plural = _("service policies")

    def __str__(self) -> str:
        return str(self.segment)

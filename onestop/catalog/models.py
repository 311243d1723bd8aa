"""The service catalogue (事项目录 / 办事指南): a legal record of what is offered.

An item says which materials it needs, how many working days it may take by
law and by promise, what it costs and on which legal basis, and through
which internal steps it passes. Every change makes a new ``ItemVersion``: a
frozen snapshot that a case keeps for life, so a later edit never changes
what an applicant was promised.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.common.models import TimeStamped
from onestop.organisations.models import OrganisationOwned


class ItemKind(models.TextChoices):
    IMMEDIATE = "immediate", _("Done on the spot (即办件)")
    PROMISED = "promised", _("Promised within a time limit (承诺件)")


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    ORIGINAL_AND_COPY = "original_and_copy", _("Original and copy")
    ELECTRONIC = "electronic", _("Electronic file")


class Necessity(models.TextChoices):
    MANDATORY = "mandatory", _("Required")
    CONDITIONAL = "conditional", _("Required when the condition applies")


class ServiceItem(OrganisationOwned, TimeStamped):
    code = models.CharField(_("item code"), max_length=30)
    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("category"), max_length=60, db_index=True)
    department = models.ForeignKey(
        "posts.Department",
        verbose_name=_("handling department"),
        on_delete=models.PROTECT,
        related_name="service_items",
    )
    window_type = models.ForeignKey(
        "posts.WindowType",
        verbose_name=_("window type"),
        on_delete=models.PROTECT,
        related_name="service_items",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    statutory_limit_days = models.PositiveSmallIntegerField(
        _("statutory time limit (working days)"),
        null=True,
        blank=True,
        help_text=_("The limit the law sets; leave empty if the law sets none."),
    )
    promised_limit_days = models.PositiveSmallIntegerField(
        _("promised time limit (working days)"),
        null=True,
        blank=True,
        help_text=_("The limit promised to the public; required for promised items."),
    )
    summary = models.TextField(_("what it is"), blank=True)
    eligibility = models.TextField(_("who may apply and conditions"), blank=True)
    fee = models.CharField(_("fee"), max_length=120, default="", blank=True)
    fee_basis = models.TextField(_("basis of the fee"), blank=True)
    legal_basis = models.TextField(_("legal basis"))
    result = models.CharField(_("result"), max_length=120, blank=True)
    delivery_ways = models.CharField(
        _("how the result is collected"), max_length=120, blank=True
    )
    online_available = models.BooleanField(
        _("can be applied for online"), default=False
    )
    consult_phone = models.CharField(_("enquiry phone"), max_length=40, blank=True)
    keywords = models.CharField(
        _("search keywords"),
        max_length=200,
        blank=True,
        help_text=_("Other words people use for it."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    version = models.PositiveIntegerField(
        _("current version"), default=0, editable=False
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        ordering = ["category", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="item_code_unique"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "is_published", "category"])]
        permissions = [
            ("import_catalogue", _("Can import and export the catalogue in Excel"))
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_promised(self) -> bool:
        return self.kind == ItemKind.PROMISED


class _ItemPart(models.Model):
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class MaterialRequirement(_ItemPart):
    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    name = models.CharField(_("material"), max_length=120)
    form = models.CharField(
        _("original or copy"), max_length=20, choices=MaterialForm.choices
    )
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    necessity = models.CharField(
        _("required"),
        max_length=12,
        choices=Necessity.choices,
        default=Necessity.MANDATORY,
    )
    condition = models.CharField(
        _("condition"),
        max_length=200,
        blank=True,
        help_text=_("When a conditional material is needed."),
    )
    notes = models.CharField(_("sample and notes"), max_length=300, blank=True)

    class Meta(_ItemPart.Meta):
        verbose_name = _("required material")
        verbose_name_plural = _("required materials")

    def __str__(self) -> str:
        return self.name


class ProcessStep(_ItemPart):
    """One internal step (审核, 调查, 审批 …) and the working days it may take."""

    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
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
    limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"))
    description = models.CharField(_("what is done"), max_length=300, blank=True)

    class Meta(_ItemPart.Meta):
        verbose_name = _("internal step")
        verbose_name_plural = _("internal steps")

    def __str__(self) -> str:
        return self.name


class FaqEntry(_ItemPart):
    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.CASCADE,
        related_name="faqs",
    )
    question = models.CharField(_("question"), max_length=200)
    answer = models.TextField(_("answer"))

    class Meta(_ItemPart.Meta):
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def __str__(self) -> str:
        return self.question


class ItemVersion(models.Model):
    """A frozen snapshot of an item with its materials, steps and FAQ."""

    item = models.ForeignKey(
        ServiceItem,
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "number"], name="item_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"

"""Marketing campaigns that send customers to the hotline, and their call scripts.

A ``Campaign`` declares whom a promotion reaches, how many of them are
expected to call, on which queue and over which days (篇9: 10086's
promotions printed "详情请致电10086" while nobody had staffed for the calls).
Its ``code`` is the topic its knowledge articles are tagged with.

Whether a campaign is ready to launch is computed each time it is asked
(``selectors.campaign_readiness``), never stored: a shift removed or an
article withdrawn after the checklist went green turns it red again. Only
what people did is stored — the launch, and each version of the script and
who approved it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.common.models import TimeStamped
from onestop.contactcenter.models import Queue
from onestop.organisations.models import OrganisationOwned

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
# A longer campaign is planned as several: staffing is checked per half hour.
MAX_DAYS = 42


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    ADVERTISING = "advertising", _("Advertising (TV, radio, print, outdoor)")
    ONLINE = "online", _("Website, app and social media")
    OUTLET = "outlet", _("Service outlets")
    MAIL = "mail", _("Mail and e-mail")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    """What a campaign page shows. Only DRAFT and LAUNCHED are stored: a draft
    whose checklist is green is READY, a launched campaign past its last day
    FINISHED (``selectors.campaign_status``)."""

    DRAFT = "draft", _("Draft")
    READY = "ready", _("Launch ready")
    LAUNCHED = "launched", _("Launched")
    FINISHED = "finished", pgettext_lazy("campaign status", "Finished")


class Campaign(OrganisationOwned, TimeStamped):
    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(
        _("code"),
        max_length=40,
        validators=[
            RegexValidator(
                CODE_PATTERN,
                _(
                    "Use letters, digits, dots, dashes and underscores, e.g. 5G-2026-11."
                ),
            )
        ],
        help_text=_(
            "Tag the campaign's knowledge articles with this code as their topic."
        ),
    )
    queue = models.ForeignKey(
        Queue,
        verbose_name=_("hotline queue"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The queue the promotion sends its callers to."),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.SMS
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What is offered, to whom, and what the advertisement says."),
    )
    reach = models.PositiveIntegerField(
        _("reach (people)"),
        validators=[MinValueValidator(1)],
        help_text=_("How many people the promotion reaches."),
    )
    response_rate = models.DecimalField(
        _("expected response rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(Decimal("100")),
        ],
        help_text=_("The share of the people reached who are expected to call."),
    )
    starts_on = models.DateField(_("launch date"))
    ends_on = models.DateField(_("last day"))
    half_life_days = models.DecimalField(
        _("response half-life (days)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        default=Decimal("1.0"),
        validators=[MinValueValidator(Decimal("0.1"))],
        help_text=_(
            "Calls fall to half after this many days from the launch; leave it "
            "empty to spread them evenly over the campaign's days."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("launched by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="campaign_code_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-starts_on"], name="campaign_list"),
            models.Index(fields=["queue", "starts_on"], name="campaign_queue_days"),
        ]
        permissions = [
            ("plan_campaign", _("Can plan and launch campaigns")),
            ("approve_script", _("Can approve campaign call scripts")),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1

    @property
    def expected_calls(self) -> float:
        return self.reach * float(self.response_rate) / 100


class CampaignScript(TimeStamped):
    """One version of what agents say about the campaign; approved by someone
    other than its author before the campaign may launch."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="scripts",
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("script"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign script")
        verbose_name_plural = _("campaign scripts")
        ordering = ["campaign", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "number"], name="campaign_script_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign.code} v{self.number}"

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

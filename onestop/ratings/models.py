"""Ratings (好差评): one rating per case, and the rectification of a bad one.

The applicant rates the service of a case once (一事一评) on the government's
five-level scale, through the link or QR code on the receipt or completion
slip, the link in the completion SMS, or the tablet at the window. A bad
rating (不满意, 非常不满意) opens a ``Rectification``: a supervisor verifies it
(the staff member rated may appeal), the handler rectifies within a limit of
working days, replies to the rater and records a follow-up visit. Every step
is an append-only ``RectificationEvent``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.organisations.models import OrganisationOwned


class Level(models.IntegerChoices):
    """The government 好差评 scale, best last so that "higher is better"."""

    VERY_DISSATISFIED = 1, _("Very dissatisfied")
    DISSATISFIED = 2, _("Dissatisfied")
    BASICALLY_SATISFIED = 3, _("Basically satisfied")
    SATISFIED = 4, _("Satisfied")
    VERY_SATISFIED = 5, _("Very satisfied")


BAD_LEVELS = (Level.VERY_DISSATISFIED, Level.DISSATISFIED)
SATISFIED_LEVELS = (
    Level.BASICALLY_SATISFIED,
    Level.SATISFIED,
    Level.VERY_SATISFIED,
)


class RatingChannel(models.TextChoices):
    RECEIPT = "receipt", _("Link or QR code on the document")
    TABLET = "tablet", _("Tablet at the window")
    SMS = "sms", _("Link in the SMS")


class RatingSettings(OrganisationOwned):
    """How an organisation takes ratings and rectifies bad ones."""

    rectification_days = models.PositiveSmallIntegerField(
        _("rectification limit (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("A bad rating must be rectified and answered within this limit."),
    )
    rating_days = models.PositiveSmallIntegerField(
        _("days to rate"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Ratings are taken for this many days after the case ends."),
    )

    class Meta:
        verbose_name = _("rating settings")
        verbose_name_plural = _("rating settings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="one_rating_settings_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class RatingTag(OrganisationOwned):
    """One of the organisation's predefined aspects a rater may tick (办事效率 …)."""

    name = models.CharField(_("name"), max_length=20)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("rating tag")
        verbose_name_plural = _("rating tags")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="rating_tag_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Rating(OrganisationOwned):
    """The applicant's one rating of the service of one case."""

    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="rating",
    )
    level = models.PositiveSmallIntegerField(_("rating"), choices=Level.choices)
    tags = models.ManyToManyField(
        RatingTag, verbose_name=_("tags"), blank=True, related_name="ratings"
    )
    comment = models.TextField(_("comment"), max_length=500, blank=True)
    channel = models.CharField(
        _("given through"), max_length=10, choices=RatingChannel.choices
    )
    rated_at = models.DateTimeField(_("rated at"))
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member rated"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The case's first responsible (首问负责)."),
    )
    window = models.ForeignKey(
        "posts.Window",
        verbose_name=_("window"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    counted = models.BooleanField(
        _("counted in the figures"),
        default=True,
        help_text=_("Cleared when a bad rating is found invalid."),
    )

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at"]
        indexes = [
            models.Index(fields=["organisation", "rated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return self.level in BAD_LEVELS


class RectificationStatus(models.TextChoices):
    VERIFYING = "verifying", _("Being verified")
    RECTIFYING = "rectifying", _("Being rectified")
    REPLIED = "replied", _("Replied to the rater")
    FOLLOWED_UP = "followed_up", _("Followed up")
    CLOSED = "closed", _("Closed")
    INVALID = "invalid", _("Found invalid")


# The clock runs until the rater has had the reply.
RUNNING_STATUSES = (RectificationStatus.VERIFYING, RectificationStatus.RECTIFYING)
OPEN_STATUSES = (
    *RUNNING_STATUSES,
    RectificationStatus.REPLIED,
    RectificationStatus.FOLLOWED_UP,
)


class AppealDecision(models.TextChoices):
    UPHELD = "upheld", _("Upheld: the rating is invalid")
    REJECTED = "rejected", _("Rejected: the rating stands")


def _person(verbose_name: Any) -> models.ForeignKey[Any, Any]:
    """Who did one step of a rectification, once they have."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


class Rectification(OrganisationOwned):
    """The rectification (整改) of one bad rating, from verification to follow-up."""

    rating = models.OneToOneField(
        Rating,
        verbose_name=_("rating"),
        on_delete=models.PROTECT,
        related_name="rectification",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RectificationStatus.choices
    )
    opened_at = models.DateTimeField(_("opened at"))
    limit_days = models.PositiveSmallIntegerField(_("limit (working days)"))
    due_at = models.DateTimeField(
        _("due"),
        null=True,
        blank=True,
        help_text=_("Empty when the holiday calendar did not reach the deadline."),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_by = _person(_("verified by"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    valid = models.BooleanField(_("valid"), null=True)
    invalid_reason = models.TextField(_("why invalid"), blank=True)
    appeal_text = models.TextField(_("appeal"), blank=True)
    appealed_at = models.DateTimeField(_("appealed at"), null=True, blank=True)
    appeal_decision = models.CharField(
        _("appeal decision"), max_length=10, choices=AppealDecision.choices, blank=True
    )
    appeal_decided_by = _person(_("appeal decided by"))
    appeal_decided_at = models.DateTimeField(
        _("appeal decided at"), null=True, blank=True
    )
    measures = models.TextField(_("measures taken"), blank=True)
    rectified_at = models.DateTimeField(_("rectified at"), null=True, blank=True)
    reply_text = models.TextField(_("reply to the rater"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    follow_up_note = models.TextField(_("follow-up visit"), blank=True)
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    satisfied_after = models.BooleanField(_("satisfied after the follow-up"), null=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_at"]),
            models.Index(fields=["status", "due_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.rating} · {self.get_status_display()}"

    @property
    def appeal_pending(self) -> bool:
        return bool(self.appealed_at) and not self.appeal_decision

    def is_overdue(self, now: Any) -> bool:
        return (
            self.status in RUNNING_STATUSES
            and self.due_at is not None
            and now >= self.due_at
        )


class RectificationEvent(models.Model):
    """One attributed step of a rectification. Append-only: never edited, never deleted."""

    rectification = models.ForeignKey(
        Rectification,
        verbose_name=_("rectification"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    sequence = models.PositiveIntegerField(_("no."))
    action = models.CharField(_("action"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"))
    from_status = models.CharField(_("from status"), max_length=12, blank=True)
    to_status = models.CharField(_("to status"), max_length=12, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("rectification event")
        verbose_name_plural = _("rectification events")
        ordering = ["rectification", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["rectification", "sequence"],
                name="rectification_event_sequence_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rectification_id} #{self.sequence} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("Rectification events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("Rectification events are append-only.")

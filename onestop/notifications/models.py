"""Messages to applicants and staff, and the templates each organisation writes for them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.template import Template, TemplateSyntaxError
from django.utils.translation import gettext_lazy as _

from onestop.organisations.models import OrganisationOwned


class NotificationKind(models.TextChoices):
    RECEIPT = "receipt", _("Accepted")
    NOTICE = "notice", _("One-time notice")
    INFO_REQUEST = "info_request", _("Information requested")
    EXTENSION = "extension", _("Time limit extended")
    COMPLETION = "completion", _("Completed, ready to collect")
    MESSAGE = "message", _("Message from the handler")
    ESCALATION = "escalation", _("Warning to a supervisor")


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class NotificationTemplate(OrganisationOwned):
    """An organisation's own wording of one kind of message on one channel.

    Written in Django's template language with these names:
    ``{{ case_number }}``, ``{{ applicant }}``, ``{{ item }}``, ``{{ due }}``,
    ``{{ organisation }}``, ``{{ pickup }}``, ``{{ owed }}``, ``{{ message }}``.
    """

    kind = models.CharField(
        _("message"), max_length=20, choices=NotificationKind.choices
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    subject = models.CharField(_("subject (e-mail)"), max_length=200, blank=True)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "channel"],
                name="one_template_per_kind_channel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_channel_display()}"

    def clean(self) -> None:
        """A template that cannot be rendered is refused here, not at the window."""
        for field in ("subject", "body"):
            try:
                Template(getattr(self, field))
            except TemplateSyntaxError as error:
                raise ValidationError(
                    {
                        field: _("This template has an error: %(error)s")
                        % {"error": error}
                    }
                ) from None


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(OrganisationOwned):
    """One message sent (or tried); the recipient is kept masked."""

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    kind = models.CharField(
        _("message"), max_length=20, choices=NotificationKind.choices
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"

"""The hall queue (取号/叫号): categories of business, and the numbered tickets of a day.

A visitor takes a ticket for a category at the kiosk (or checks in an
appointment, which issues one); windows call tickets by the rules in
``rules.py``. A ticket keeps who called it, at which window, and the times
that make the hall's figures: taken → called (the wait), serving from → to
(the service). A transfer closes the ticket at the first window and opens a
copy, with the same number, waiting for the second; so each row is one
window's share of the visit. No personal data lives here: a ticket is a
number, a category and times (and, for a VIP, the segment that made it one).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.organisations.models import OrganisationOwned


class QueueCategory(OrganisationOwned):
    """A kind of business a number is taken for, e.g. A 综合业务 at 综合服务 windows."""

    code = models.CharField(
        _("letter"),
        max_length=1,
        validators=[RegexValidator(r"^[A-Z]$", _("Use one capital letter."))],
        help_text=_("Begins every number of this category, e.g. A for A023."),
    )
    name = models.CharField(_("name"), max_length=40)
    window_type = models.ForeignKey(
        "posts.WindowType",
        verbose_name=_("window type"),
        on_delete=models.PROTECT,
        related_name="queue_categories",
        help_text=_("Windows of this type call these numbers; all-round windows too."),
    )
    order = models.PositiveSmallIntegerField(_("order on the kiosk"), default=0)
    is_active = models.BooleanField(_("offered at the kiosk"), default=True)

    class Meta:
        verbose_name = _("queue category")
        verbose_name_plural = _("queue categories")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="queue_category_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# With a context: Django's own catalogue has "Disabled" as 禁用 (switched off).
class Priority(models.TextChoices):
    NORMAL = "normal", pgettext_lazy("queue priority", "Normal")
    ELDERLY = "elderly", pgettext_lazy("queue priority", "Elderly")
    DISABLED = "disabled", pgettext_lazy("queue priority", "Disabled")
    VIP = "vip", pgettext_lazy("queue priority", "VIP")


class TicketStatus(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("ticket status", "Waiting")
    CALLED = "called", pgettext_lazy("ticket status", "Called")
    SERVING = "serving", pgettext_lazy("ticket status", "Being served")
    DONE = "done", pgettext_lazy("ticket status", "Done")
    NO_SHOW = "no_show", pgettext_lazy("ticket status", "Did not come")
    TRANSFERRED = "transferred", pgettext_lazy("ticket status", "Transferred")


class Ticket(OrganisationOwned):
    category = models.ForeignKey(
        QueueCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    day = models.DateField(_("day"))
    sequence = models.PositiveIntegerField(_("sequence"))
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    # Copied from ``rules.PRIORITY_RANK`` so the calling query orders on a column.
    rank = models.PositiveSmallIntegerField(_("priority rank"), editable=False)
    # Why a VIP ticket is one: the visitor's number matched a customer whose
    # segment's service policy serves them first. The number itself is not kept.
    priority_segment = models.ForeignKey(
        "customers.Segment",
        verbose_name=_("priority given by segment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The customer segment whose service policy gave this ticket its priority."
        ),
    )
    appointment = models.ForeignKey(
        "appointments.Appointment",
        verbose_name=_("appointment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    # The slot's start, copied so "appointments due first" needs no join.
    appointment_at = models.DateTimeField(_("appointment from"), null=True, blank=True)
    taken_at = models.DateTimeField(_("taken at"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TicketStatus.choices,
        default=TicketStatus.WAITING,
    )
    window = models.ForeignKey(
        "posts.Window",
        verbose_name=_("window"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
        help_text=_("Where it was called; while waiting, set only after a transfer."),
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    called_at = models.DateTimeField(_("first called at"), null=True, blank=True)
    announced_at = models.DateTimeField(
        _("last called at"),
        null=True,
        blank=True,
        help_text=_("The first call or the latest recall: the hall display's order."),
    )
    recall_count = models.PositiveSmallIntegerField(_("recalls"), default=0)
    served_from = models.DateTimeField(_("serving from"), null=True, blank=True)
    served_to = models.DateTimeField(_("serving to"), null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tickets",
    )
    transferred_from = models.OneToOneField(
        "self",
        verbose_name=_("transferred from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transferred_to",
    )

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-day", "taken_at"]
        constraints = [
            # A transfer's copy keeps the visitor's number; only originals are unique.
            models.UniqueConstraint(
                fields=["organisation", "category", "day", "sequence"],
                condition=Q(transferred_from__isnull=True),
                name="one_ticket_per_number",
            ),
        ]
        indexes = [
            # The calling query: today's waiting tickets, in the rules' order.
            models.Index(
                fields=["organisation", "day", "rank", "taken_at"],
                condition=Q(status="waiting"),
                name="ticket_waiting_idx",
            ),
            # The hall display: today's latest calls.
            models.Index(
                fields=["organisation", "day", "-announced_at"],
                condition=Q(announced_at__isnull=False),
                name="ticket_announced_idx",
            ),
            # A window's current ticket.
            models.Index(fields=["window", "status"], name="ticket_window_status_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """As printed and shown: the category's letter and three digits, e.g. A023."""
        return f"{self.category.code}{self.sequence:03d}"

    @property
    def waiting_time(self) -> timedelta | None:
        return self.called_at - self.taken_at if self.called_at else None

    @property
    def serving_time(self) -> timedelta | None:
        if self.served_from and self.served_to:
            return self.served_to - self.served_from
        return None


class TicketCounter(OrganisationOwned):
    """The last number given out in a category on a day (see ``numbering.py``)."""

    category = models.ForeignKey(
        QueueCategory,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("ticket counter")
        verbose_name_plural = _("ticket counters")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "day"], name="one_ticket_counter_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category_id} {self.day} {self.last}"

"""Appointments (预约): slots per window type and day, each with a capacity.

The capacity is kept in the slot row and taken with one conditional UPDATE,
so two people booking the last place at the same instant cannot both get
it; a person cannot hold two live bookings in the same slot (a partial
unique constraint), whatever the pages do.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from onestop.common.masking import mask_phone
from onestop.organisations.models import OrganisationOwned


class AppointmentSlot(OrganisationOwned):
    window_type = models.ForeignKey(
        "posts.WindowType",
        verbose_name=_("window type"),
        on_delete=models.PROTECT,
        related_name="appointment_slots",
    )
    day = models.DateField(_("day"))
    start = models.TimeField(_("from"))
    end = models.TimeField(_("to"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0, editable=False)

    class Meta:
        verbose_name = _("appointment slot")
        verbose_name_plural = _("appointment slots")
        ordering = ["day", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "window_type", "day", "start"],
                name="one_slot_per_start",
            ),
            models.CheckConstraint(
                condition=Q(booked__lte=models.F("capacity")),
                name="slot_not_overbooked",
            ),
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="slot_ends_after_start"
            ),
        ]
        # The booking page and the hall's list read the slots of some days.
        indexes = [models.Index(fields=["organisation", "day"], name="slot_org_day")]

    def __str__(self) -> str:
        return f"{self.window_type} {self.day} {self.start:%H:%M}-{self.end:%H:%M}"

    @property
    def free(self) -> int:
        return self.capacity - self.booked


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")
    NO_SHOW = "no_show", _("Did not come")


class Appointment(OrganisationOwned):
    slot = models.ForeignKey(
        AppointmentSlot,
        verbose_name=_("slot"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    code = models.CharField(
        _("booking code"),
        max_length=12,
        unique=True,
        help_text=_("Shown to the visitor; typed at the kiosk."),
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    item = models.ForeignKey(
        "catalog.ServiceItem",
        verbose_name=_("service item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=30)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    booked_at = models.DateTimeField(_("booked at"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["slot__day", "slot__start"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "phone"],
                condition=Q(status="booked"),
                name="one_live_booking_per_phone_and_slot",
            )
        ]
        # The reminder sweep looks for live bookings not yet reminded.
        indexes = [
            models.Index(fields=["status", "reminded_at"], name="appointment_to_remind")
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

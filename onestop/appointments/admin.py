"""Slots are made and edited here (or by ``manage.py appointment_slots``); bookings only read."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onestop.appointments.models import Appointment, AppointmentSlot
from onestop.organisations.admin_scoping import OrganisationScopedAdmin, ScopedForm


class SlotForm(ScopedForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        capacity = cleaned.get("capacity")
        if capacity is not None and capacity < self.instance.booked:
            self.add_error(
                "capacity",
                gettext("Already booked: %(booked)s. Keep at least that many places.")
                % {"booked": self.instance.booked},
            )
        return cleaned


@admin.register(AppointmentSlot)
class AppointmentSlotAdmin(OrganisationScopedAdmin):
    form = SlotForm
    list_display = [
        "day",
        "start",
        "end",
        "window_type",
        "capacity",
        "booked",
        "organisation",
    ]
    list_filter = ["organisation", "window_type", "day"]
    list_select_related = ["window_type", "organisation"]
    readonly_fields = ["booked"]
    date_hierarchy = "day"


@admin.register(Appointment)
class AppointmentAdmin(OrganisationScopedAdmin):
    list_display = ["code", "slot", "name", "masked_phone", "status", "reminded_at"]
    list_filter = ["organisation", "status"]
    search_fields = ["code"]
    list_select_related = ["slot__window_type"]
    fields = [
        "code",
        "organisation",
        "slot",
        "item",
        "name",
        "masked_phone",
        "status",
        "booked_at",
        "cancelled_at",
        "checked_in_at",
        "reminded_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("phone"))
    def masked_phone(self, appointment: Appointment) -> str:
        return appointment.masked_phone

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

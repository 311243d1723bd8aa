"""Queue categories are set up here; tickets are only read (the services write them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onestop.organisations.admin_scoping import OrganisationScopedAdmin
from onestop.queueing.models import QueueCategory, Ticket


@admin.register(QueueCategory)
class QueueCategoryAdmin(OrganisationScopedAdmin):
    list_display = ["code", "name", "window_type", "order", "is_active", "organisation"]
    list_filter = ["organisation", "window_type", "is_active"]
    list_select_related = ["window_type", "organisation"]


@admin.register(Ticket)
class TicketAdmin(OrganisationScopedAdmin):
    list_display = [
        "__str__",
        "day",
        "priority",
        "priority_segment",
        "status",
        "window",
        "taken_at",
        "called_at",
    ]
    list_filter = ["organisation", "day", "status", "priority"]
    list_select_related = ["category", "window", "organisation", "priority_segment"]
    date_hierarchy = "day"
    fields = [
        "organisation",
        "category",
        "day",
        "sequence",
        "priority",
        "priority_segment",
        "appointment_at",
        "taken_at",
        "status",
        "window",
        "staff",
        "called_at",
        "announced_at",
        "recall_count",
        "served_from",
        "served_to",
        "case",
        "transferred_from",
    ]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

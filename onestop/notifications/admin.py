from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onestop.notifications.models import Notification, NotificationTemplate
from onestop.organisations.admin_scoping import OrganisationScopedAdmin


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(OrganisationScopedAdmin):
    list_display = ["kind", "channel", "organisation"]
    list_filter = ["organisation", "kind", "channel"]


@admin.register(Notification)
class NotificationAdmin(OrganisationScopedAdmin):
    list_display = ["created_at", "kind", "channel", "recipient", "status", "case"]
    list_filter = ["organisation", "kind", "channel", "status"]
    list_select_related = ["case"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

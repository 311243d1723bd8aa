from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onestop.common.models import AuditEvent
from onestop.organisations.admin_scoping import OrganisationScopedAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(OrganisationScopedAdmin):
    """The audit trail, read-only."""

    list_display = ["created_at", "verb", "target_repr", "actor", "organisation"]
    list_filter = ["organisation", "verb"]
    search_fields = ["target_repr", "verb"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

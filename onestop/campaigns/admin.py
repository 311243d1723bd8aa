"""Campaigns are planned, scripted and launched on the campaign pages; here
they are only read, so every change goes through the services and the audit."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onestop.campaigns.models import Campaign
from onestop.organisations.admin_scoping import OrganisationScopedAdmin


@admin.register(Campaign)
class CampaignAdmin(OrganisationScopedAdmin):
    list_display = ["code", "name", "queue", "starts_on", "ends_on", "status"]
    list_filter = ["organisation", "status", "channel"]
    list_select_related = ["queue"]
    search_fields = ["code", "name"]
    date_hierarchy = "starts_on"
    readonly_fields = [
        field.name for field in Campaign._meta.fields if field.name != "id"
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

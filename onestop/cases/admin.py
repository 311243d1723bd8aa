"""Casework settings in the admin; cases themselves are read there, never edited.

Cases change only through the window and circulation services, so that
every change has its event; the admin shows them read-only, personal data
masked, for the platform's operators and administrators.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import Case, CaseSettings
from onestop.organisations.admin_scoping import OrganisationScopedAdmin


@admin.register(CaseSettings)
class CaseSettingsAdmin(OrganisationScopedAdmin):
    list_display = ["organisation", "yellow_share", "pickup_text"]


@admin.register(Case)
class CaseAdmin(OrganisationScopedAdmin):
    list_display = [
        "number",
        "item",
        "status",
        "applicant_name",
        "masked_phone",
        "due_at",
        "organisation",
    ]
    list_filter = ["organisation", "status", "outcome", "channel"]
    search_fields = ["number", "applicant_name"]
    list_select_related = ["item", "organisation"]
    fields = [
        "number",
        "organisation",
        "item",
        "item_version",
        "channel",
        "applicant_kind",
        "applicant_name",
        "masked_id_number",
        "masked_phone",
        "first_responsible",
        "status",
        "outcome",
        "received_at",
        "accepted_at",
        "limit_days",
        "extension_days",
        "due_at",
        "completed_at",
        "delivered_at",
        "notice_count",
        "lock_version",
    ]
    readonly_fields = fields

    @admin.display(description=_("ID or credit code"))
    def masked_id_number(self, case: Case) -> str:
        return case.masked_id_number

    @admin.display(description=_("contact phone"))
    def masked_phone(self, case: Case) -> str:
        return case.masked_phone

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

"""Hotline administration: queue targets and file layouts; imports and calls read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onestop.contactcenter.models import CallImport, CallMapping, CallRecord, Queue
from onestop.organisations.admin_scoping import OrganisationScopedAdmin


@admin.register(Queue)
class QueueAdmin(OrganisationScopedAdmin):
    list_display = [
        "code",
        "name",
        "target_service_level",
        "answer_within_s",
        "target_answer_rate",
        "max_occupancy",
        "organisation",
    ]
    list_filter = ["organisation"]
    search_fields = ["code", "name"]


@admin.register(CallMapping)
class CallMappingAdmin(OrganisationScopedAdmin):
    list_display = ["name", "delimiter", "encoding", "time_zone", "organisation"]
    list_filter = ["organisation"]


class ReadOnlyAdmin(OrganisationScopedAdmin):
    """Calls come only from imports: nothing here is added or changed by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CallImport)
class CallImportAdmin(ReadOnlyAdmin):
    list_display = [
        "imported_at",
        "file_name",
        "mapping",
        "rows",
        "skipped",
        "organisation",
    ]
    list_filter = ["organisation"]
    list_select_related = ["organisation"]
    exclude = ["sha256"]


@admin.register(CallRecord)
class CallRecordAdmin(ReadOnlyAdmin):
    list_display = [
        "call_id",
        "queue",
        "arrived_at",
        "disposition",
        "wait_s",
        "talk_s",
        "agent_name",
        "caller",
        "case",
    ]
    list_filter = ["organisation", "disposition"]
    search_fields = ["call_id", "agent_name"]
    date_hierarchy = "arrived_at"
    list_select_related = ["queue", "case"]
    # The number and the customer reference are personal data: shown masked only.
    exclude = ["caller_number", "customer_ref"]
    readonly_fields = ["caller", "customer"]

    @admin.display(description=_("caller number"))
    def caller(self, record: CallRecord) -> str:
        return record.masked_caller

    @admin.display(description=_("customer id as the switch gives it"))
    def customer(self, record: CallRecord) -> str:
        return record.masked_customer_ref

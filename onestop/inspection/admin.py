"""Quality inspection in the admin: read only. Scorecards are versioned and
frozen, samples drawn, inspections scored and appeals decided on the
inspection pages, so every change goes through the services and the audit."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onestop.inspection.models import (
    Appeal,
    CalibrationRound,
    Inspection,
    SamplingRule,
    SamplingRun,
    Scorecard,
    ScorecardItem,
)
from onestop.organisations.admin_scoping import OrganisationScopedAdmin


class ReadOnlyAdmin(OrganisationScopedAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in self.model._meta.fields if f.name != "id"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    list_display = ["name", "version", "kind", "is_current", "frozen_at"]
    list_filter = ["organisation", "kind", "is_current"]
    search_fields = ["name"]


@admin.register(ScorecardItem)
class ScorecardItemAdmin(ReadOnlyAdmin):
    organisation_path = "scorecard__organisation"
    list_display = ["text", "scorecard", "section", "mode", "max_points", "is_critical"]
    list_filter = ["mode", "is_critical"]
    list_select_related = ["scorecard", "section"]
    search_fields = ["text", "scorecard__name"]


@admin.register(SamplingRule)
class SamplingRuleAdmin(ReadOnlyAdmin):
    list_display = ["name", "scorecard", "target_kind", "method", "is_active"]
    list_filter = ["organisation", "target_kind", "method", "is_active"]
    list_select_related = ["scorecard"]


@admin.register(SamplingRun)
class SamplingRunAdmin(ReadOnlyAdmin):
    list_display = ["rule", "period_start", "period_end", "population", "drawn"]
    list_filter = ["organisation"]
    list_select_related = ["rule"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = [
        "scorecard",
        "target_kind",
        "inspected_user",
        "department",
        "inspector",
        "status",
        "total",
        "scored_on",
    ]
    list_filter = ["organisation", "target_kind", "status", "critical_failed"]
    list_select_related = ["scorecard", "inspected_user", "department", "inspector"]
    date_hierarchy = "scored_on"
    show_full_result_count = False


@admin.register(CalibrationRound)
class CalibrationRoundAdmin(ReadOnlyAdmin):
    list_display = ["name", "primary", "created_by", "created_at"]
    list_filter = ["organisation"]
    list_select_related = ["primary__scorecard", "created_by"]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    organisation_path = "inspection__organisation"
    list_display = ["inspection", "filed_by", "filed_at", "status", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["inspection__scorecard", "filed_by", "decided_by"]

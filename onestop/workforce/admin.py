"""Planning settings are kept here: queues' planning, special days, shift
templates and agents' limits. Forecasts and rosters are made on the
workforce page and only read here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext

from onestop.organisations.admin_scoping import OrganisationScopedAdmin, ScopedForm
from onestop.organisations.models import Membership
from onestop.workforce.models import (
    AgentProfile,
    Forecast,
    QueuePlanning,
    ShiftTemplate,
    SpecialDay,
)


@admin.register(QueuePlanning)
class QueuePlanningAdmin(OrganisationScopedAdmin):
    list_display = ["queue", "patience_s", "default_aht_s", "min_rest_hours"]
    list_select_related = ["queue"]


@admin.register(SpecialDay)
class SpecialDayAdmin(OrganisationScopedAdmin):
    list_display = ["date", "name", "like", "factor", "organisation"]
    list_filter = ["organisation"]
    date_hierarchy = "date"


@admin.register(ShiftTemplate)
class ShiftTemplateAdmin(OrganisationScopedAdmin):
    list_display = [
        "code",
        "name",
        "start",
        "length_minutes",
        "break_offset_minutes",
        "break_minutes",
        "is_active",
    ]
    list_filter = ["organisation", "is_active"]


class AgentProfileForm(ScopedForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user, organisation = cleaned.get("user"), cleaned.get("organisation")
        if (
            user
            and organisation
            and not Membership.objects.filter(
                user=user, organisation=organisation, is_active=True
            ).exists()
        ):
            self.add_error(
                "user", gettext("%(user)s is not a member here.") % {"user": user}
            )
        return cleaned


@admin.register(AgentProfile)
class AgentProfileAdmin(OrganisationScopedAdmin):
    form = AgentProfileForm
    list_display = ["user", "weekly_hours", "days_off", "organisation"]
    list_select_related = ["user", "organisation"]

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "user" and not request.user.is_superuser:  # type: ignore[union-attr]
            ids = [m.organisation_id for m in getattr(request, "memberships", [])]
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(memberships__organisation_id__in=ids)
                .distinct()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Forecast)
class ForecastAdmin(OrganisationScopedAdmin):
    list_display = ["queue", "week_start", "method", "mape", "created_at"]
    list_filter = ["organisation", "method"]
    list_select_related = ["queue"]
    readonly_fields = [
        field.name for field in Forecast._meta.fields if field.name != "id"
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onestop.organisations.admin_scoping import OrganisationScopedAdmin
from onestop.organisations.models import (
    CalendarException,
    Membership,
    Organisation,
    PublicHolidayDay,
    PublicHolidayYear,
)


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_path = "pk"
    list_display = ["name", "short_name", "code", "kind", "phone", "is_active"]
    search_fields = ["name", "short_name", "code"]
    prepopulated_fields = {"slug": ["short_name"]}

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:  # type: ignore[union-attr]
            return queryset
        return queryset.filter(
            pk__in=[m.organisation_id for m in getattr(request, "memberships", [])]
        )

    def _owner(self, obj: Any) -> Any:
        return obj

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser  # type: ignore[union-attr]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser  # type: ignore[union-attr]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_superuser:  # type: ignore[union-attr]
            return []
        return ["slug", "code", "kind", "is_active"]


@admin.register(Membership)
class MembershipAdmin(OrganisationScopedAdmin):
    list_display = ["user", "organisation", "staff_number", "role_list", "is_active"]
    list_filter = ["organisation", "roles", "is_active"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "staff_number",
    ]
    filter_horizontal = ["roles"]
    list_select_related = ["user", "organisation"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("roles")

    @admin.display(description=Membership._meta.get_field("roles").verbose_name)
    def role_list(self, membership: Membership) -> str:
        return "、".join(membership.role_labels)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Accounts are created by the platform's operators; an organisation's
        # administrator assigns roles to the people already in it.
        if request.user.is_superuser or obj is None:  # type: ignore[union-attr]
            return []
        return ["user", "organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser  # type: ignore[union-attr]


@admin.register(CalendarException)
class CalendarExceptionAdmin(OrganisationScopedAdmin):
    list_display = ["date", "kind", "reason", "organisation"]
    list_filter = ["organisation", "kind"]
    date_hierarchy = "date"


class PublicHolidayDayInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PublicHolidayDay
    extra = 3


@admin.register(PublicHolidayYear)
class PublicHolidayYearAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """National holiday notices: for the platform's operators only."""

    list_display = ["year", "notice"]
    inlines = [PublicHolidayDayInline]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser  # type: ignore[union-attr]

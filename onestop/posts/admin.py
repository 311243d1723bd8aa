from __future__ import annotations

from django.contrib import admin

from onestop.organisations.admin_scoping import (
    OrganisationScopedAdmin,
    OrganisationScopedInline,
)
from onestop.posts.models import (
    Department,
    DutyLogEntry,
    MaterialHandover,
    Post,
    PostAssignment,
    Window,
    WindowType,
)


@admin.register(Department)
class DepartmentAdmin(OrganisationScopedAdmin):
    list_display = ["code", "name", "parent", "is_back_office", "organisation"]
    list_filter = ["organisation", "is_back_office"]
    search_fields = ["code", "name"]


@admin.register(WindowType)
class WindowTypeAdmin(OrganisationScopedAdmin):
    list_display = ["code", "name", "organisation"]
    list_filter = ["organisation"]


@admin.register(Window)
class WindowAdmin(OrganisationScopedAdmin):
    list_display = [
        "number",
        "window_type",
        "department",
        "is_all_round",
        "is_active",
        "organisation",
    ]
    list_filter = ["organisation", "window_type", "is_all_round", "is_active"]
    list_select_related = ["window_type", "department", "organisation"]


class PostAssignmentInline(OrganisationScopedInline):
    model = PostAssignment
    extra = 1


@admin.register(Post)
class PostAdmin(OrganisationScopedAdmin):
    list_display = ["code", "name", "department", "organisation"]
    list_filter = ["organisation", "department"]
    search_fields = ["code", "name", "duties"]
    filter_horizontal = ["windows"]
    inlines = [PostAssignmentInline]
    list_select_related = ["department", "organisation"]


@admin.register(DutyLogEntry)
class DutyLogEntryAdmin(OrganisationScopedAdmin):
    list_display = ["date", "shift", "author", "post", "organisation"]
    list_filter = ["organisation", "shift"]
    date_hierarchy = "date"
    list_select_related = ["author", "post", "organisation"]


@admin.register(MaterialHandover)
class MaterialHandoverAdmin(OrganisationScopedAdmin):
    list_display = [
        "handed_over_at",
        "reference",
        "copies",
        "from_user",
        "to_user",
        "received_at",
        "organisation",
    ]
    list_filter = ["organisation"]
    search_fields = ["reference", "materials"]
    list_select_related = ["from_user", "to_user", "organisation"]

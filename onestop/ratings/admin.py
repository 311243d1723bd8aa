"""Rating settings and tags are edited in the admin; ratings and rectifications only read."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from onestop.organisations.admin_scoping import OrganisationScopedAdmin
from onestop.ratings.models import Rating, RatingSettings, RatingTag, Rectification


@admin.register(RatingSettings)
class RatingSettingsAdmin(OrganisationScopedAdmin):
    list_display = ["organisation", "rectification_days", "rating_days"]


@admin.register(RatingTag)
class RatingTagAdmin(OrganisationScopedAdmin):
    list_display = ["name", "position", "is_active", "organisation"]
    list_filter = ["organisation", "is_active"]


class ReadOnlyAdmin(OrganisationScopedAdmin):
    """The record of what raters said and what was done: changed only by the services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Rating)
class RatingAdmin(ReadOnlyAdmin):
    list_display = ["case", "level", "channel", "rated_at", "staff", "window"]
    list_filter = ["organisation", "level", "channel", "counted"]
    list_select_related = ["case", "staff", "window"]
    date_hierarchy = "rated_at"


@admin.register(Rectification)
class RectificationAdmin(ReadOnlyAdmin):
    list_display = ["rating", "status", "due_at", "handler", "escalated_at"]
    list_filter = ["organisation", "status"]
    list_select_related = ["rating", "handler"]

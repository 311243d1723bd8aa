"""Online applications in the admin: read only, phones masked, files never linked.

The files are served only through the intake staff's permission-checked view;
the admin would offer a public-looking link, so the file field is left out.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onestop.organisations.admin_scoping import OrganisationScopedAdmin
from onestop.portal.models import OnlineApplication, UploadedMaterial


class UploadInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UploadedMaterial
    fields = ["position", "material_name", "original_name", "size", "content_type"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OnlineApplication)
class OnlineApplicationAdmin(OrganisationScopedAdmin):
    list_display = [
        "reference",
        "item",
        "applicant_name",
        "masked_phone",
        "status",
        "created_at",
    ]
    list_filter = ["organisation", "status"]
    search_fields = ["reference"]
    list_select_related = ["item", "organisation"]
    fields = [
        "reference",
        "organisation",
        "item",
        "item_version",
        "applicant_kind",
        "applicant_name",
        "masked_phone",
        "status",
        "created_at",
        "processed_at",
        "withdrawn_at",
        "case",
    ]
    readonly_fields = fields
    inlines = [UploadInline]

    @admin.display(description=_("contact phone"))
    def masked_phone(self, application: OnlineApplication) -> str:
        return application.masked_phone

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

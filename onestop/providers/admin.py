"""Providers' master data in the admin; months and reports are changed only by the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from onestop.compute.payment import validate_formula
from onestop.organisations.admin_scoping import OrganisationScopedAdmin
from onestop.providers.models import (
    Contract,
    ContractKpi,
    FeedbackOfficer,
    MonthlyAssessment,
    Provider,
    ProviderStaff,
    Region,
    ServiceType,
)
from onestop.providers.services import formula_of


@admin.register(ServiceType)
class ServiceTypeAdmin(OrganisationScopedAdmin):
    list_display = ["code", "name", "organisation"]
    filter_horizontal = ["items"]


@admin.register(Region)
class RegionAdmin(OrganisationScopedAdmin):
    list_display = ["name", "kind", "parent", "organisation"]
    list_filter = ["organisation", "kind"]


@admin.register(Provider)
class ProviderAdmin(OrganisationScopedAdmin):
    list_display = ["name", "contact_person", "is_active", "organisation"]
    list_filter = ["organisation", "is_active"]


@admin.register(ProviderStaff)
class ProviderStaffAdmin(OrganisationScopedAdmin):
    list_display = ["user", "provider", "organisation"]
    list_select_related = ["user", "provider"]


class ContractKpiInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ContractKpi
    extra = 0


@admin.register(Contract)
class ContractAdmin(OrganisationScopedAdmin):
    list_display = [
        "number",
        "provider",
        "service_type",
        "starts_on",
        "ends_on",
        "status",
    ]
    list_filter = ["organisation", "service_type", "status"]
    list_select_related = ["provider", "service_type"]
    filter_horizontal = ["regions"]
    inlines = [ContractKpiInline]

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)

        def clean(this: Any) -> dict[str, Any]:
            cleaned = type(this).__mro__[1].clean(this)
            try:
                validate_formula(formula_of(this.instance))
            except ValueError as error:
                raise ValidationError(str(error)) from error
            return cleaned

        return type(form.__name__, (form,), {"clean": clean})


@admin.register(FeedbackOfficer)
class FeedbackOfficerAdmin(OrganisationScopedAdmin):
    list_display = ["name", "region", "is_active", "organisation"]
    list_filter = ["organisation", "is_active"]
    exclude = ["key"]


@admin.register(MonthlyAssessment)
class MonthlyAssessmentAdmin(OrganisationScopedAdmin):
    list_display = ["contract", "month", "version", "score", "amount", "status"]
    list_filter = ["organisation", "status", "month"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

"""Admin for customers: numbers shown masked; they are changed through the staff pages."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onestop.customers.models import Customer
from onestop.organisations.admin_scoping import OrganisationScopedAdmin


@admin.register(Customer)
class CustomerAdmin(OrganisationScopedAdmin):
    list_display = ["name", "kind", "masked_id", "masked_tel", "merged_into"]
    list_filter = ["kind"]
    search_fields = ["name"]
    fields = ["organisation", "kind", "name", "masked_id", "masked_tel", "note"]
    readonly_fields = ["masked_id", "masked_tel"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Customers are recorded on the staff pages, where numbers are checked.
        return False

    @admin.display(description=_("ID number or credit code"))
    def masked_id(self, customer: Customer) -> str:
        return customer.masked_id_number

    @admin.display(description=_("phone"))
    def masked_tel(self, customer: Customer) -> str:
        return customer.masked_phone

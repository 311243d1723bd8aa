"""Read-mostly admin of the service contracts; staff work through the staff pages."""

from django.contrib import admin

from onestop.servicecontracts.models import (
    Bill,
    Entitlement,
    Quote,
    RateCard,
    ServiceContract,
    ServiceRequest,
)


class EntitlementInline(admin.TabularInline):
    model = Entitlement
    extra = 0


@admin.register(ServiceContract)
class ServiceContractAdmin(admin.ModelAdmin):
    list_display = ["number", "customer_name", "system", "location", "start_date"]
    list_filter = ["organisation", "location"]
    search_fields = ["number", "customer_name"]
    inlines = [EntitlementInline]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    list_display = [
        "served_on",
        "customer_name",
        "kind",
        "delivery",
        "entitlement",
        "bill",
    ]
    list_filter = ["organisation", "kind"]


@admin.register(Bill)
class BillAdmin(admin.ModelAdmin):
    list_display = ["number", "customer_name", "kind", "total", "status"]
    list_filter = ["organisation", "status"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "person_days", "total", "status"]
    list_filter = ["organisation", "status"]


@admin.register(RateCard)
class RateCardAdmin(admin.ModelAdmin):
    list_display = [
        "organisation",
        "valid_from",
        "lodging",
        "meals",
        "labour",
        "development",
    ]

from django.contrib import admin

from onestop.fieldservice.models import (
    Incident,
    Order,
    OrderLine,
    Product,
    ReturnVisitRule,
    Technician,
)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = (
        "model",
        "name",
        "organisation",
        "procurement_days",
        "production_days",
    )
    list_filter = ("organisation",)


@admin.register(Technician)
class TechnicianAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "organisation",
        "skills",
        "provider",
        "department",
        "shift_start",
        "shift_end",
        "is_active",
    )
    list_filter = ("organisation", "is_active")


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ("number", "customer", "status", "agreed_date", "organisation")
    list_filter = ("organisation", "status")
    inlines = [OrderLineInline]
    exclude = ("phone",)


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("order", "kind", "reported_at", "closed_at")


@admin.register(ReturnVisitRule)
class ReturnVisitRuleAdmin(admin.ModelAdmin):
    list_display = ("organisation", "questionnaire_code", "percent", "is_active")
    readonly_fields = ("seed",)

"""Admin views of the topics app: the reason tree and the classifier's versions, read-mostly."""

from django.contrib import admin

from onestop.topics.models import ClassifierVersion, ContactNote, Reason


@admin.register(Reason)
class ReasonAdmin(admin.ModelAdmin):
    list_display = ("__str__", "organisation", "keywords", "priority", "is_active")
    list_filter = ("organisation", "is_active")


@admin.register(ContactNote)
class ContactNoteAdmin(admin.ModelAdmin):
    list_display = ("noted_at", "organisation", "reason", "reason_source")
    list_filter = ("organisation", "reason_source")
    raw_id_fields = ("case", "call", "author", "labelled_by")
    readonly_fields = ("rule_reason", "predicted_reason", "predicted_by")


@admin.register(ClassifierVersion)
class ClassifierVersionAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "organisation",
        "trained_at",
        "accuracy",
        "rules_accuracy",
    )
    exclude = ("model",)
    readonly_fields = ("trained_on", "held_out", "accuracy", "rules_accuracy")

"""Catalogue administration: editing an item here records a new version."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from onestop.catalog.models import (
    FaqEntry,
    ItemVersion,
    MaterialRequirement,
    ProcessStep,
    ServiceItem,
)
from onestop.catalog.rules import (
    material_problems,
    step_problems,
    time_limit_problems,
)
from onestop.catalog.services import item_record_version
from onestop.common.errors import ServiceError
from onestop.organisations.admin_scoping import (
    OrganisationScopedAdmin,
    OrganisationScopedInline,
    ScopedForm,
    ScopedInlineFormSet,
)


class ServiceItemForm(ScopedForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for problem in time_limit_problems(
            kind=cleaned.get("kind", ""),
            statutory=cleaned.get("statutory_limit_days"),
            promised=cleaned.get("promised_limit_days"),
        ):
            self.add_error(
                problem.field if problem.field in self.fields else None, problem.message
            )
        return cleaned


class PartFormSet(ScopedInlineFormSet):
    """An item's materials, steps or questions, each kept row checked by ``rules``."""

    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or cleaned.get("DELETE"):
                continue
            for problem in self.row_problems(cleaned):
                field = problem.field if problem.field in form.fields else None
                form.add_error(field, problem.message)

    def row_problems(self, cleaned: dict[str, Any]) -> list[ServiceError]:
        """The rules one row breaks; ``cleaned`` lacks the fields already in error."""
        return []


class MaterialFormSet(PartFormSet):
    def row_problems(self, cleaned: dict[str, Any]) -> list[ServiceError]:
        if not {"necessity", "condition"} <= cleaned.keys():
            return []
        return material_problems(
            necessity=cleaned["necessity"], condition=cleaned["condition"]
        )


class StepFormSet(PartFormSet):
    def row_problems(self, cleaned: dict[str, Any]) -> list[ServiceError]:
        return step_problems(
            department=cleaned.get("department"), post=cleaned.get("post")
        )

    def clean(self) -> None:
        super().clean()
        days = [
            form.cleaned_data.get("limit_days") or 0
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
        ]
        item = self.instance
        steps_rule = time_limit_problems(
            kind=item.kind,
            statutory=None,
            promised=item.promised_limit_days,
            step_days=days,
        )
        for problem in steps_rule:
            if problem.field == "steps":
                raise ValidationError(problem.message)


class MaterialInline(OrganisationScopedInline):
    model = MaterialRequirement
    formset = MaterialFormSet
    fields = ["position", "name", "form", "copies", "necessity", "condition", "notes"]


class StepInline(OrganisationScopedInline):
    model = ProcessStep
    formset = StepFormSet
    fields = ["position", "name", "department", "post", "limit_days", "description"]


class FaqInline(OrganisationScopedInline):
    model = FaqEntry
    fields = ["position", "question", "answer"]


@admin.register(ServiceItem)
class ServiceItemAdmin(OrganisationScopedAdmin):
    form = ServiceItemForm
    list_display = [
        "code",
        "name",
        "category",
        "department",
        "kind",
        "promised_limit_days",
        "version",
        "is_published",
    ]
    list_filter = ["organisation", "is_published", "kind", "category"]
    search_fields = ["code", "name", "keywords"]
    list_select_related = ["department", "organisation"]
    readonly_fields = ["version"]
    inlines = [MaterialInline, StepInline, FaqInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "organisation",
                    "code",
                    "name",
                    "category",
                    "department",
                    "window_type",
                    "is_published",
                    "version",
                ]
            },
        ),
        (
            _("Time limits"),
            {"fields": ["kind", "statutory_limit_days", "promised_limit_days"]},
        ),
        (
            _("Guide"),
            {
                "fields": [
                    "summary",
                    "eligibility",
                    "result",
                    "delivery_ways",
                    "online_available",
                    "consult_phone",
                    "keywords",
                ]
            },
        ),
        (_("Fee and law"), {"fields": ["fee", "fee_basis", "legal_basis"]}),
    ]

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Runs inside the admin's transaction: the edit and its version stand or fall together.
        item_record_version(
            item=form.instance, actor=request.user, note=_("Changed in administration")
        )


@admin.register(ItemVersion)
class ItemVersionAdmin(OrganisationScopedAdmin):
    organisation_path = "item__organisation"
    list_display = ["item", "number", "created_at", "created_by", "note"]
    list_filter = ["item__organisation"]
    search_fields = ["item__code", "item__name"]
    list_select_related = ["item", "created_by"]
    readonly_fields = ["item", "number", "snapshot", "created_at", "created_by", "note"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

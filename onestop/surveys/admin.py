"""Surveys in the admin: read only. Questionnaires are built, published and
versioned, invitations sent and responses screened on the survey pages, so
every change goes through the services and the audit. Phones are masked."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from onestop.organisations.admin_scoping import OrganisationScopedAdmin
from onestop.surveys.models import (
    CallAttempt,
    ImportBatch,
    Invitation,
    Question,
    Questionnaire,
    Response,
    SamplingRule,
)


class ReadOnlyAdmin(OrganisationScopedAdmin):
    hidden: tuple[str, ...] = ()  # personal data shown masked instead
    extra_readonly: tuple[str, ...] = ()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        shown = [
            f.name
            for f in self.model._meta.fields
            if f.name != "id" and f.name not in self.hidden
        ]
        return shown + list(self.extra_readonly)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return self.get_fields(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnlyAdmin):
    list_display = ["code", "version", "title", "audience", "instrument", "status"]
    list_filter = ["organisation", "status", "instrument", "audience"]
    search_fields = ["code", "title"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    organisation_path = "questionnaire__organisation"
    list_display = ["code", "text", "kind", "questionnaire", "lineage"]
    list_filter = ["kind", "servqual_part"]
    list_select_related = ["questionnaire"]
    search_fields = ["code", "text", "questionnaire__code"]


@admin.register(SamplingRule)
class SamplingRuleAdmin(ReadOnlyAdmin):
    list_display = ["name", "questionnaire_code", "percent", "channel", "is_active"]
    list_filter = ["organisation", "is_active", "channel"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    hidden = ("respondent_phone", "token")
    extra_readonly = ("phone",)
    list_display = ["questionnaire", "channel", "status", "case", "phone", "created_at"]
    list_filter = ["organisation", "channel", "status"]
    list_select_related = ["questionnaire", "case"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("phone"))
    def phone(self, obj: Invitation) -> str:
        return obj.masked_phone


@admin.register(CallAttempt)
class CallAttemptAdmin(ReadOnlyAdmin):
    list_display = ["invitation", "outcome", "called_at", "caller"]
    list_filter = ["organisation", "outcome"]
    list_select_related = ["invitation__questionnaire", "caller"]
    date_hierarchy = "called_at"
    show_full_result_count = False


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "questionnaire", "channel", "rows", "imported_at"]
    list_filter = ["organisation", "channel"]
    list_select_related = ["questionnaire"]


@admin.register(Response)
class ResponseAdmin(ReadOnlyAdmin):
    hidden = ("respondent_phone",)
    extra_readonly = ("phone",)
    list_display = [
        "questionnaire",
        "channel",
        "answered_on",
        "department",
        "phone",
        "is_excluded",
    ]
    list_filter = ["organisation", "channel", "is_excluded"]
    list_select_related = ["questionnaire", "department"]
    date_hierarchy = "answered_on"
    show_full_result_count = False

    @admin.display(description=_("phone"))
    def phone(self, obj: Response) -> str:
        return obj.masked_phone

"""Django admin that keeps every organisation's data to itself.

An administrator of one organisation sees, lists and edits only that
organisation's rows; every choice offered in a form comes from the
organisation being edited; and a form that would tie a row to another
organisation's department, post or window is refused with a message naming
the field. Each save is recorded in the audit trail.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _

from onestop.common.audit import audit_record
from onestop.organisations.backends import has_organisation_perm, organisation_of
from onestop.organisations.models import Organisation


def _is_owned(model: type[models.Model]) -> bool:
    return any(f.name == "organisation" for f in model._meta.get_fields())


def organisation_ids_with_perm(request: HttpRequest, perm: str) -> list[int]:
    memberships = getattr(request, "memberships", [])
    return [
        m.organisation_id
        for m in memberships
        if has_organisation_perm(request.user, perm, m.organisation_id)
    ]


def foreign_organisation_errors(
    organisation_id: int | None, values: dict[str, Any]
) -> dict[str, str]:
    """Fields whose chosen row belongs to another organisation than ``organisation_id``."""
    errors = {}
    if organisation_id is None:
        return errors
    for name, value in values.items():
        owned = isinstance(value, models.Model) and _is_owned(type(value))
        if owned and value.organisation_id != organisation_id:  # type: ignore[attr-defined]
            errors[name] = _("%(value)s belongs to another organisation.") % {
                "value": value
            }
    return errors


class ScopedForm(forms.ModelForm):  # type: ignore[type-arg]
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        organisation = cleaned.get("organisation") or getattr(
            self.instance, "organisation", None
        )
        for name, message in foreign_organisation_errors(
            getattr(organisation, "pk", None), cleaned
        ).items():
            self.add_error(name, message)
        return cleaned


class ScopedInlineFormSet(forms.BaseInlineFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        super().clean()
        organisation_id = organisation_of(self.instance)
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            for name, message in foreign_organisation_errors(
                organisation_id, form.cleaned_data
            ).items():
                form.add_error(name, message)


class _ScopedChoices:
    """Offers only the rows of the user's organisations in foreign-key and many-to-many fields."""

    def _limit(
        self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any]
    ) -> None:
        if request.user.is_superuser:  # type: ignore[union-attr]
            return
        related = db_field.related_model
        ids = [m.organisation_id for m in getattr(request, "memberships", [])]
        if related is Organisation:
            kwargs["queryset"] = Organisation.objects.filter(pk__in=ids)
        elif _is_owned(related):
            kwargs["queryset"] = related._default_manager.filter(
                organisation_id__in=ids
            )
        elif related._meta.label == "organisations.Membership":
            kwargs["queryset"] = related._default_manager.filter(
                organisation_id__in=ids
            ).select_related("user")

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        self._limit(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        self._limit(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class OrganisationScopedAdmin(_ScopedChoices, admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin of a model whose rows belong to one organisation.

    ``organisation_path`` is the lookup from the model to its organisation.
    """

    form = ScopedForm
    organisation_path = "organisation"

    def get_list_filter(self, request: HttpRequest) -> Any:
        """Filters that offer only values found in the user's own rows.

        Django's related-field filter lists every row of the related table —
        every organisation's departments — so it is swapped for the one that
        lists only values present in the (already scoped) change list.
        """
        filters = super().get_list_filter(request)
        if request.user.is_superuser:  # type: ignore[union-attr]
            return filters
        return [_scoped_filter(self.model, entry) for entry in filters]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:  # type: ignore[union-attr]
            return queryset
        ids = [m.organisation_id for m in getattr(request, "memberships", [])]
        return queryset.filter(**{f"{self.organisation_path}__in": ids})

    def _perm(self, verb: str) -> str:
        return f"{self.opts.app_label}.{verb}_{self.opts.model_name}"

    def _allowed(self, request: HttpRequest, verb: str, obj: Any) -> bool:
        if obj is None:
            return request.user.has_perm(self._perm(verb))  # type: ignore[union-attr]
        return request.user.has_perm(self._perm(verb), self._owner(obj))  # type: ignore[union-attr]

    def _owner(self, obj: Any) -> Any:
        for part in self.organisation_path.split("__")[:-1]:
            obj = getattr(obj, part)
        return obj

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, "view", obj) or self._allowed(
            request, "change", obj
        )

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, "change", obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request, "delete", obj)

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        verb = "change" if change else "add"
        if not request.user.has_perm(self._perm(verb), self._owner(obj)):  # type: ignore[union-attr]
            raise PermissionDenied
        super().save_model(request, obj, form, change)
        audit_record(
            verb=f"admin.{verb}",
            actor=request.user,
            organisation=_organisation_or_none(self._owner(obj)),
            target=obj,
            data={"fields": sorted(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_record(
            verb="admin.delete",
            actor=request.user,
            organisation=_organisation_or_none(self._owner(obj)),
            target=obj,
        )
        super().delete_model(request, obj)


class OrganisationScopedInline(_ScopedChoices, admin.TabularInline):  # type: ignore[type-arg]
    formset = ScopedInlineFormSet
    extra = 0


def _scoped_filter(model: type[models.Model], entry: Any) -> Any:
    if not isinstance(entry, str) or "__" in entry:
        return _scoped_path_filter(entry)
    field = model._meta.get_field(entry)
    if field.is_relation:
        return (entry, admin.RelatedOnlyFieldListFilter)
    return entry


def _scoped_path_filter(entry: Any) -> Any:
    if isinstance(entry, str):
        return (entry, admin.RelatedOnlyFieldListFilter)
    return entry


def _organisation_or_none(owner: Any) -> Organisation | None:
    if isinstance(owner, Organisation):
        return owner
    return getattr(owner, "organisation", None)

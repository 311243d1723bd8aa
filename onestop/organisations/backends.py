"""Permissions held through roles in an organisation, checked per object.

``user.has_perm("catalog.change_serviceitem")`` is true when any of the
user's active memberships grants it; ``user.has_perm(perm, obj)`` only when
the membership in ``obj``'s organisation does. Superusers (the platform's
operators) pass every check through Django's own shortcut.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

_CACHE = "_onestop_role_perms"


def _perms_by_organisation(user: Any) -> dict[int, set[str]]:
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    rows = Permission.objects.filter(
        group__membership__user=user,
        group__membership__is_active=True,
        group__membership__organisation__is_active=True,
    ).values_list(
        "group__membership__organisation_id", "content_type__app_label", "codename"
    )
    by_org: dict[int, set[str]] = {}
    for organisation_id, app_label, codename in rows:
        by_org.setdefault(organisation_id, set()).add(f"{app_label}.{codename}")
    setattr(user, _CACHE, by_org)
    return by_org


def organisation_of(obj: Any) -> int | None:
    """The organisation id an object belongs to, or None if it belongs to none."""
    from onestop.organisations.models import Organisation

    if isinstance(obj, Organisation):
        return obj.pk
    return getattr(obj, "organisation_id", None)


class OrganisationRoleBackend(ModelBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        by_org = _perms_by_organisation(user_obj)
        if obj is None:
            return set().union(*by_org.values()) if by_org else set()
        organisation_id = organisation_of(obj)
        return set(by_org.get(organisation_id, set())) if organisation_id else set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(
            p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj)
        )


def has_organisation_perm(user: Any, perm: str, organisation_id: int) -> bool:
    """Whether ``user`` holds ``perm`` within the organisation ``organisation_id``."""
    if user.is_superuser and user.is_active:
        return True
    if not user.is_authenticated:
        return False
    return perm in _perms_by_organisation(user).get(organisation_id, set())

"""Gatekeeping for staff views: signed in, a member, holding the permission.

Each staff view works on ``request.organisation`` only; selectors filter by
it, so another organisation's object is simply not found (404), never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from onestop.organisations.backends import has_organisation_perm

View = Callable[..., HttpResponse]


def staff_view(permission: str | None = None) -> Callable[[View], View]:
    """Require a signed-in member of an organisation, optionally holding ``permission``."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            organisation = getattr(request, "organisation", None)
            if organisation is None:
                raise PermissionDenied(_("You are not a member of any organisation."))
            if permission and not has_organisation_perm(
                request.user, permission, organisation.pk
            ):
                raise PermissionDenied(_("Your roles here do not allow this."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def can(request: HttpRequest, permission: str) -> bool:
    organisation = getattr(request, "organisation", None)
    return organisation is not None and has_organisation_perm(
        request.user, permission, organisation.pk
    )

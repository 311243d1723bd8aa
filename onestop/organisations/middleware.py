"""Puts the organisation a staff member is working in on the request.

A person in several organisations picks one (the choice lives in the
session); everything they then see and change is that organisation's.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from onestop.organisations.selectors import memberships_for_user

SESSION_KEY = "active_organisation_id"


class ActiveOrganisationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.organisation = None  # type: ignore[attr-defined]
        request.membership = None  # type: ignore[attr-defined]
        request.memberships = []  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            self._attach(request)
        return self.get_response(request)

    def _attach(self, request: HttpRequest) -> None:
        memberships = memberships_for_user(request.user)
        request.memberships = memberships  # type: ignore[attr-defined]
        if not memberships:
            return
        wanted = request.session.get(SESSION_KEY)
        chosen = next(
            (m for m in memberships if m.organisation_id == wanted), memberships[0]
        )
        request.membership = chosen  # type: ignore[attr-defined]
        request.organisation = chosen.organisation  # type: ignore[attr-defined]

"""Switching the organisation a staff member works in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from onestop.organisations.middleware import SESSION_KEY


@require_POST
@login_required
def organisation_switch(request: HttpRequest) -> HttpResponse:
    try:
        wanted = int(request.POST.get("organisation", ""))
    except ValueError:
        raise Http404 from None
    if wanted not in {m.organisation_id for m in request.memberships}:  # type: ignore[attr-defined]
        raise Http404
    request.session[SESSION_KEY] = wanted
    return redirect("staff:home")

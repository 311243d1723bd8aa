"""The window screen's link to the hall queue: the ticket a new case belongs to.

The intake screen calls these two functions and nothing else of the queue.
The ticket is the one named in the address or form (``?ticket=``, set by
the calling panel's "start serving"), else the one this clerk has at a
window now without a case; the form shows which, so nothing is linked unseen.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from onestop.cases.models import Case
from onestop.common.errors import ServiceError
from onestop.queueing import selectors
from onestop.queueing.models import Ticket
from onestop.queueing.services import ticket_attach_case


def ticket_for_intake(request: HttpRequest) -> Ticket | None:
    """The ticket being served for this intake, or None; another organisation's → 404."""
    organisation = request.organisation  # type: ignore[attr-defined]
    named = request.POST.get("ticket") or request.GET.get("ticket")
    if named:
        if not named.isdigit():
            raise Http404
        return selectors.ticket_get(organisation=organisation, pk=int(named))
    return selectors.ticket_at_window_of(
        organisation=organisation, staff=request.user, now=timezone.now()
    )


def ticket_link_case(request: HttpRequest, ticket: Ticket | None, case: Case) -> None:
    """Link ``case`` to ``ticket``; a refusal is a warning, the case stands anyway."""
    if ticket is None:
        return
    try:
        ticket_attach_case(ticket=ticket, case=case, actor=request.user)
    except ServiceError as error:
        messages.warning(request, error.message)
    else:
        messages.info(
            request,
            _("Case %(case)s linked to number %(number)s.")
            % {"case": case.number, "number": ticket},
        )

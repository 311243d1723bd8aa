"""The window's calling panel (叫号): choose my window, call, recall, skip, transfer, serve.

The window chosen is remembered in the session; every action names it in
the address and the ticket in the form, and both are looked up within the
staff member's organisation (another's are not found).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError
from onestop.organisations.access import staff_view
from onestop.posts.models import Window
from onestop.queueing import selectors, services
from onestop.queueing.forms import TicketActionForm, TransferForm
from onestop.queueing.models import Ticket
from onestop.queueing.rules import Action

SESSION_KEY = "queueing_window_id"
PERMISSION = "cases.intake_case"  # the window clerk's right


@staff_view(PERMISSION)
def window_choose(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    windows = selectors.windows_open(organisation=organisation)
    remembered = request.session.get(SESSION_KEY)
    if "change" not in request.GET and windows.filter(pk=remembered).exists():
        return redirect("staff:queue_window_panel", window_id=remembered)
    return render(request, "queueing/window_choose.html", {"windows": windows})


@staff_view(PERMISSION)
def window_panel(request: HttpRequest, window_id: int) -> HttpResponse:
    window = _window(request, window_id)
    request.session[SESSION_KEY] = window.pk
    now = _now()
    current = selectors.window_current_ticket(window=window)
    context = {
        "window": window,
        "current": current,
        "waiting": selectors.window_waiting_count(window=window, now=now),
        "times": selectors.window_times_today(
            window=window, staff=request.user, now=now
        ),
        "transfer_form": TransferForm(
            window=window, initial={"ticket": current.pk if current else None}
        ),
        "actions": Action,
    }
    return render(request, "queueing/window.html", context)


@require_POST
@staff_view(PERMISSION)
def window_act(request: HttpRequest, window_id: int, action: str) -> HttpResponse:
    window = _window(request, window_id)
    handler = _HANDLERS.get(action)
    if handler is None:
        raise Http404
    try:
        return handler(request, window)
    except ServiceError as error:
        messages.error(request, error.message)
    return _back(window)


# --- One handler per action; each returns where to go next -------------------------


def _call(request: HttpRequest, window: Window) -> HttpResponse:
    ticket = services.ticket_call_next(window=window, staff=request.user, now=_now())
    messages.success(request, _("Called number %(number)s.") % {"number": ticket})
    return _back(window)


Handler = Callable[[HttpRequest, Window], HttpResponse]


def _on_ticket(service: Callable[..., Ticket], done: Any) -> Handler:
    """A handler applying ``service`` to the ticket named in the form."""

    def handle(request: HttpRequest, window: Window) -> HttpResponse:
        ticket = _ticket(request, TicketActionForm(request.POST))
        ticket = service(ticket=ticket, window=window, staff=request.user, now=_now())
        messages.success(request, str(done) % {"number": ticket})
        return _back(window)

    return handle


def _start(request: HttpRequest, window: Window) -> HttpResponse:
    ticket = _ticket(request, TicketActionForm(request.POST))
    ticket = services.ticket_start(
        ticket=ticket, window=window, staff=request.user, now=_now()
    )
    # The intake screen links the case it opens to this ticket.
    return redirect(f"{reverse('staff:intake')}?ticket={ticket.pk}")


def _transfer(request: HttpRequest, window: Window) -> HttpResponse:
    form = TransferForm(request.POST, window=window)
    ticket = _ticket(request, form)
    copy = services.ticket_transfer(
        ticket=ticket,
        window=window,
        to_window=form.cleaned_data["to_window"],
        staff=request.user,
        now=_now(),
    )
    messages.success(
        request,
        _("Number %(number)s transferred to %(window)s.")
        % {"number": copy, "window": copy.window},
    )
    return _back(window)


_HANDLERS: dict[str, Handler] = {
    Action.CALL: _call,
    Action.RECALL: _on_ticket(
        services.ticket_recall, gettext_lazy("Number %(number)s called again.")
    ),
    Action.SKIP: _on_ticket(
        services.ticket_skip, gettext_lazy("Number %(number)s marked as not come.")
    ),
    Action.START: _start,
    Action.FINISH: _on_ticket(
        services.ticket_finish, gettext_lazy("Number %(number)s finished.")
    ),
    Action.TRANSFER: _transfer,
}


# --- Helpers -----------------------------------------------------------------------


def _window(request: HttpRequest, window_id: int) -> Window:
    return selectors.window_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        pk=window_id,
    )


def _ticket(request: HttpRequest, form: TicketActionForm) -> Ticket:
    if not form.is_valid():
        raise Http404
    return selectors.ticket_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        pk=form.cleaned_data["ticket"],
    )


def _back(window: Window) -> HttpResponse:
    return redirect("staff:queue_window_panel", window_id=window.pk)


def _now() -> datetime:
    return timezone.now()

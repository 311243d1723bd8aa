"""The hall's public screens: the kiosk, the calling display and the big screen.

None needs signing in; none shows personal data. The kiosk's ticket page is
addressed by a signed token, so numbers cannot be walked through by id.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from onestop.common.errors import ServiceError
from onestop.common.ratelimit import hit
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import organisation_get_public
from onestop.queueing import selectors
from onestop.queueing.forms import CheckInForm, TakeForm
from onestop.queueing.hall_time import hall_today
from onestop.queueing.models import Ticket
from onestop.queueing.services import ticket_for_appointment, ticket_take

_TOKEN_SALT = "queueing.kiosk-ticket"
_TOKEN_MAX_AGE = 24 * 3600
# A kiosk serves one visitor every few seconds at most: 30 a minute stops a script,
# never a queue. ``settings.ONESTOP_RATE_LIMITS["queue_take"]`` overrides it.
DEFAULT_RATE_LIMIT = (30, 60)
DISPLAY_POLL_MS = 1000
SCREEN_REFRESH_S = 20


# --- The kiosk ---------------------------------------------------------------------


def kiosk(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    return _kiosk_page(request, organisation, TakeForm(), CheckInForm())


def _kiosk_page(
    request: HttpRequest,
    organisation: Organisation,
    take_form: TakeForm,
    check_in_form: CheckInForm,
    problem: str = "",
    status: int = 200,
) -> HttpResponse:
    day = hall_today(organisation, timezone.now())
    context = {
        "organisation": organisation,
        "categories": selectors.categories_with_waiting(
            organisation=organisation, day=day
        ),
        "take_form": take_form,
        "check_in_form": check_in_form,
        "problem": problem,
    }
    return render(request, "queueing/kiosk.html", context, status=status)


@require_POST
def kiosk_take(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    form = TakeForm(request.POST)
    if not hit(request, "queue_take", *_rate_limit()):
        problem = _("Too many numbers taken from here; please wait a minute.")
        return _kiosk_page(request, organisation, form, CheckInForm(), problem, 429)
    if not form.is_valid():
        problem = (
            form.errors["customer_number"][0]
            if "customer_number" in form.errors
            else _("Choose a kind of business.")
        )
        return _kiosk_page(request, organisation, form, CheckInForm(), problem, 400)
    category = selectors.category_get_public(
        organisation=organisation, pk=form.cleaned_data["category"]
    )
    ticket = ticket_take(
        organisation=organisation,
        category=category,
        priority=form.cleaned_data["priority"],
        customer_number=form.cleaned_data["customer_number"],
    )
    return redirect(_ticket_url(ticket, organisation))


@require_POST
def kiosk_check_in(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    form = CheckInForm(request.POST)
    if not hit(request, "queue_check_in", *_rate_limit()):
        problem = _("Too many attempts from here; please wait a minute.")
        return _kiosk_page(request, organisation, TakeForm(), form, problem, 429)
    if form.is_valid():
        try:
            ticket = ticket_for_appointment(
                organisation=organisation, code=form.cleaned_data["code"]
            )
        except ServiceError as error:
            form.add_error("code", error.message)
        else:
            return redirect(_ticket_url(ticket, organisation))
    return _kiosk_page(request, organisation, TakeForm(), form, status=400)


def _rate_limit() -> tuple[int, int]:
    limits = getattr(settings, "ONESTOP_RATE_LIMITS", {})
    limit, window = limits.get("queue_take", DEFAULT_RATE_LIMIT)
    return limit, window


def _ticket_url(ticket: Ticket, organisation: Organisation) -> str:
    token = signing.dumps(ticket.pk, salt=_TOKEN_SALT)
    return reverse("queue_kiosk_ticket", args=[organisation.slug, token])


@require_GET
def kiosk_ticket(request: HttpRequest, org_slug: str, token: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    try:
        pk = signing.loads(token, salt=_TOKEN_SALT, max_age=_TOKEN_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    ticket = selectors.ticket_get(organisation=organisation, pk=pk)
    ahead = selectors.ticket_ahead(ticket=ticket, now=timezone.now())
    return render(
        request,
        "queueing/kiosk_ticket.html",
        {"organisation": organisation, "ticket": ticket, "ahead": ahead},
    )


# --- The hall display and the big screen -------------------------------------------


@require_GET
@never_cache
def display(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    board = selectors.display_board(organisation=organisation, now=timezone.now())
    return render(
        request,
        "queueing/display.html",
        {"organisation": organisation, "board": board, "poll_ms": DISPLAY_POLL_MS},
    )


@require_GET
@never_cache
def display_json(request: HttpRequest, org_slug: str) -> JsonResponse:
    organisation = organisation_get_public(slug=org_slug)
    board = selectors.display_board(organisation=organisation, now=timezone.now())
    return JsonResponse(board, json_dumps_params={"ensure_ascii": False})


@require_GET
@never_cache
def screen(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    figures = selectors.big_screen(organisation=organisation, now=timezone.now())
    return render(
        request,
        "queueing/screen.html",
        {
            "organisation": organisation,
            "figures": figures,
            "refresh_s": SCREEN_REFRESH_S,
        },
    )

"""The public front door: organisations, online application, status lookup."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from onestop.catalog.versions import ItemSpec
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.ratelimit import hit
from onestop.organisations.selectors import (
    organisation_get_public,
    organisation_list_public,
)
from onestop.portal.forms import ApplicationForm, StatusLookupForm
from onestop.portal.selectors import application_get_by_token
from onestop.portal.services import (
    application_item,
    application_submit,
    application_withdraw,
)
from onestop.portal.status import case_status_public
from onestop.portal.uploads import SizeCappedUploadHandler


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/home.html", {"organisations": organisation_list_public()}
    )


def too_many_attempts(request: HttpRequest, organisation: Any) -> HttpResponse:
    """The same answer for every rate-limited public form: say so, and when to retry."""
    return render(
        request,
        "portal/too_many.html",
        {"organisation": organisation},
        status=429,
    )


def _limited(request: HttpRequest, scope: str) -> bool:
    limit, window = settings.ONESTOP_RATE_LIMITS[scope]
    return not hit(request, scope, limit, window)


def errors_onto(form: Any, error: ServiceError | ServiceErrors) -> list[str]:
    """Put each refusal on the field it names; return those that name no field of ``form``."""
    loose = []
    for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
        if problem.field in form.fields:
            form.add_error(problem.field, problem.message)
        else:
            loose.append(problem.message)
    return loose


@csrf_exempt  # CSRF is checked below, after the size cap is in place
def online_apply(request: HttpRequest, org_slug: str, code: str) -> HttpResponse:
    # The cap must see the body before anything reads it, CSRF's check included.
    request.upload_handlers.insert(
        0,
        SizeCappedUploadHandler(
            request,
            max_file=settings.ONESTOP_UPLOAD_MAX_FILE_BYTES,
            max_total=settings.ONESTOP_UPLOAD_MAX_TOTAL_BYTES,
        ),
    )
    return _online_apply(request, org_slug, code)


@csrf_protect
def _online_apply(request: HttpRequest, org_slug: str, code: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    try:
        item, version = application_item(organisation=organisation, code=code)
    except ServiceError:
        raise Http404 from None
    if request.method == "POST" and _limited(request, "online_apply"):
        return too_many_attempts(request, organisation)
    materials = ItemSpec.of(version).materials
    form = ApplicationForm(
        request.POST or None, request.FILES or None, materials=materials
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            application = application_submit(
                organisation=organisation,
                item_code=item.code,
                applicant=form.applicant(),
                uploads=form.uploads(),
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            return redirect("online_application", org_slug, application.token)
    return render(
        request,
        "portal/apply.html",
        {
            "organisation": organisation,
            "item": item,
            "form": form,
            "problems": problems,
            "max_file": settings.ONESTOP_UPLOAD_MAX_FILE_BYTES,
            "max_total": settings.ONESTOP_UPLOAD_MAX_TOTAL_BYTES,
        },
    )


@never_cache
def online_application(request: HttpRequest, org_slug: str, token: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    application = application_get_by_token(organisation=organisation, token=token)
    return render(
        request,
        "portal/application.html",
        {"organisation": organisation, "application": application},
    )


@require_POST
def online_application_withdraw(
    request: HttpRequest, org_slug: str, token: str
) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    application = application_get_by_token(organisation=organisation, token=token)
    try:
        application_withdraw(application=application)
    except ServiceError as error:
        return render(
            request,
            "portal/application.html",
            {
                "organisation": organisation,
                "application": application,
                "problem": error.message,
            },
            status=409,
        )
    return redirect("online_application", org_slug, token)


@never_cache
def status_lookup(request: HttpRequest, org_slug: str) -> HttpResponse:
    """POST only for the numbers: they must stay out of addresses and access logs."""
    organisation = organisation_get_public(slug=org_slug)
    if request.method == "POST" and _limited(request, "status_lookup"):
        return too_many_attempts(request, organisation)
    form = StatusLookupForm(request.POST or None)
    result, not_found = None, False
    if request.method == "POST" and form.is_valid():
        result = case_status_public(
            organisation=organisation,
            number=form.cleaned_data["number"],
            phone_last4=form.cleaned_data["phone_last4"],
        )
        not_found = result is None
        # Keep the number for correcting a typo; never echo the phone digits.
        number = form.cleaned_data["number"] if not_found else ""
        form = StatusLookupForm(initial={"number": number})
    return render(
        request,
        "portal/status.html",
        {
            "organisation": organisation,
            "form": form,
            "result": result,
            "not_found": not_found,
        },
    )

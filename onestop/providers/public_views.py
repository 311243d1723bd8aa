"""The feedback officer's reporting page (mobile first), reached by a personal link."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.ratelimit import hit
from onestop.organisations.selectors import organisation_get_public
from onestop.portal.uploads import SizeCappedUploadHandler
from onestop.portal.views import errors_onto, too_many_attempts
from onestop.providers import selectors
from onestop.providers.forms import ReportForm
from onestop.providers.services import report_submit

# An officer reports a few things a day; this stops a leaked link being hammered.
REPORT_LIMIT, REPORT_WINDOW = 30, 3600


@never_cache
@csrf_exempt  # CSRF is checked below, after the size cap is in place
def officer_report(request: HttpRequest, org_slug: str, key: str) -> HttpResponse:
    request.upload_handlers.insert(
        0,
        SizeCappedUploadHandler(
            request,
            max_file=settings.ONESTOP_UPLOAD_MAX_FILE_BYTES,
            max_total=settings.ONESTOP_UPLOAD_MAX_TOTAL_BYTES,
        ),
    )
    return _officer_report(request, org_slug, key)


@csrf_protect
def _officer_report(request: HttpRequest, org_slug: str, key: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    officer = selectors.officer_by_key(organisation=organisation, key=key)
    contracts = list(
        selectors.active_contracts(organisation=organisation).filter(
            starts_on__lte=timezone.localdate(), ends_on__gte=timezone.localdate()
        )
    )
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        organisation=organisation,
        contracts=contracts,
        initial={"region": officer.region_id},
    )
    if request.method == "POST":
        if not hit(request, "provider_feedback", REPORT_LIMIT, REPORT_WINDOW):
            return too_many_attempts(request, organisation)
        if form.is_valid():
            try:
                report_submit(
                    officer=officer,
                    contract_id=form.cleaned_data["contract"],
                    region=form.cleaned_data["region"],
                    place_detail=form.cleaned_data["place_detail"],
                    description=form.cleaned_data["description"],
                    observed_on=form.cleaned_data["observed_on"],
                    photos=form.photo_list(),
                )
            except (ServiceError, ServiceErrors) as error:
                for loose in errors_onto(form, error):
                    form.add_error(None, loose)
            else:
                messages.success(
                    request, _("Thank you. Your report was sent for a check.")
                )
                return redirect("provider_feedback", organisation.slug, officer.key)
    recent = officer.reports.select_related("contract__provider", "region").order_by(
        "-submitted_at"
    )[:10]
    context = {
        "organisation": organisation,
        "officer": officer,
        "form": form,
        "recent": recent,
        "max_file": settings.ONESTOP_UPLOAD_MAX_FILE_BYTES,
    }
    return render(
        request, "providers/feedback.html", context, status=400 if form.errors else 200
    )

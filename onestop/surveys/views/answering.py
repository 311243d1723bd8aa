"""The public answer page: a respondent answers behind the invitation's token.

Rate-limited per visitor; a posted form is recorded once per invitation
(through ``services.response_record``), and each problem is shown next to its
question.
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from onestop.common import ratelimit
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.organisations.selectors import organisation_get_public
from onestop.surveys import selectors, services
from onestop.surveys.models import Channel, InvitationStatus, Status
from onestop.surveys.views.common import STARTED_SALT, _field_errors, _started

DEFAULT_RATE_LIMIT = (30, 600)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, org_slug: str, token: str) -> HttpResponse:
    limits = getattr(django_settings, "ONESTOP_RATE_LIMITS", {})
    if not ratelimit.hit(
        request, "survey", *tuple(limits.get("survey", DEFAULT_RATE_LIMIT))
    ):
        return render(request, "surveys/too_many.html", status=429)
    organisation = organisation_get_public(slug=org_slug)
    invitation = selectors.invitation_for_token(organisation=organisation, token=token)
    questionnaire = invitation.questionnaire
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST" and selectors.response_of(invitation) is None:
        channel = Channel.SMS if invitation.channel == Channel.SMS else Channel.LINK
        try:
            services.response_record(
                questionnaire=questionnaire,
                respondent=services.Respondent(
                    channel=channel,
                    invitation=invitation,
                    case=invitation.case,
                    department_id=invitation.department_id,
                    phone=invitation.respondent_phone,
                    comment="",
                ),
                answers=selectors.answers_from_post(questionnaire, request.POST),
                started_at=_started(request.POST.get("started", "")),
            )
        except (ServiceError, ServiceErrors) as error:
            errors, status = _field_errors(error), 400
        else:
            return redirect(request.get_full_path())
    context = {
        "organisation": organisation,
        "invitation": invitation,
        "questionnaire": questionnaire,
        "response": selectors.response_of(invitation),
        "closed": invitation.status
        in (InvitationStatus.REFUSED, InvitationStatus.UNREACHABLE)
        or questionnaire.status == Status.DRAFT,
        "blocks": selectors.questionnaire_content(questionnaire),
        "errors": errors,
        "posted": request.POST if request.method == "POST" else None,
        "started": signing.dumps(timezone.now().timestamp(), salt=STARTED_SALT),
    }
    return render(request, "surveys/answer.html", context, status=status)

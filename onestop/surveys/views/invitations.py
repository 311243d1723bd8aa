"""Inviting respondents: invitations, QR codes, sampling rules, return-visit calls.

Invitations are made for a case or as a batch of links (with their QR codes),
or drawn each month by a sampling rule; a phone invitation is answered on a
return-visit call, recorded with its outcome.
"""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.organisations.access import staff_view
from onestop.portal.views import errors_onto
from onestop.surveys import selectors, services
from onestop.surveys.forms import CallForm, InviteCaseForm, LinksForm, RuleForm, RunForm
from onestop.surveys.links import qr_png, qr_svg, survey_url
from onestop.surveys.models import Channel, Status
from onestop.surveys.roles import MANAGE, RETURN_VISIT
from onestop.surveys.views.common import STARTED_SALT, _field_errors, _org, _started


@staff_view(MANAGE)
def invitations(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    questionnaire = selectors.questionnaire_get(organisation=organisation, pk=pk)
    departments = selectors.departments_of(organisation=organisation)
    case_form = InviteCaseForm(request.POST if "case_number" in request.POST else None)
    links_form = LinksForm(
        request.POST if "count" in request.POST else None, departments=departments
    )
    if request.method == "POST":
        try:
            if case_form.is_bound and case_form.is_valid():
                services.invitation_for_case(
                    actor=request.user,
                    questionnaire=questionnaire,
                    **case_form.cleaned_data,
                )
                messages.success(request, _("Invitation created."))
                return redirect("staff:survey_invitations", pk=pk)
            if links_form.is_bound and links_form.is_valid():
                department = links_form.cleaned_data["department"]
                created = services.invitation_links_create(
                    actor=request.user,
                    questionnaire=questionnaire,
                    count=links_form.cleaned_data["count"],
                    department_id=department.pk if department else None,
                    respondent_name=links_form.cleaned_data["respondent_name"],
                )
                messages.success(
                    request, _("%(count)s links created.") % {"count": len(created)}
                )
                return redirect("staff:survey_invitations", pk=pk)
        except (ServiceError, ServiceErrors) as error:
            for message in errors_onto(
                case_form if case_form.is_bound else links_form, error
            ):
                messages.error(request, message)
    rows = [
        (invitation, survey_url(invitation))
        for invitation in selectors.invitation_list(questionnaire=questionnaire)
    ]
    context = {
        "questionnaire": questionnaire,
        "rows": rows,
        "case_form": case_form,
        "links_form": links_form,
    }
    return render(
        request,
        "surveys/invitations.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@staff_view(MANAGE)
def invitation_qr(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    invitation = selectors.invitation_get(organisation=_org(request), pk=pk)
    url = survey_url(invitation)
    if kind == "svg":
        return HttpResponse(qr_svg(url), content_type="image/svg+xml")
    return HttpResponse(qr_png(url), content_type="image/png")


@staff_view(MANAGE)
def sampling(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    codes = sorted(
        {
            (q.code, f"{q.code} · {q.title}")
            for q in selectors.questionnaire_list(organisation=organisation).filter(
                status=Status.PUBLISHED
            )
        }
    )
    form = RuleForm(request.POST or None, codes=codes)
    if request.method == "POST" and form.is_valid():
        try:
            services.sampling_rule_create(
                actor=request.user, organisation=organisation, fields=form.rule_fields()
            )
        except (ServiceError, ServiceErrors) as error:
            for message in errors_onto(form, error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Sampling rule saved."))
            return redirect("staff:survey_sampling")
    context = {
        "rules": selectors.rule_list(organisation=organisation),
        "form": form,
        "run_form": RunForm(initial={"month": timezone.localdate().replace(day=1)}),
    }
    return render(
        request,
        "surveys/sampling.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_view(MANAGE)
def sampling_run(request: HttpRequest, pk: int) -> HttpResponse:
    rule = selectors.rule_get(organisation=_org(request), pk=pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the month to draw from."))
        return redirect("staff:survey_sampling")
    try:
        run = services.sampling_run(
            actor=request.user, rule=rule, month=form.cleaned_data["month"]
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "%(month)s: %(drawn)s of %(population)s completed cases drawn, "
                "%(created)s new invitations."
            )
            % {
                "month": f"{run.month:%Y-%m}",
                "drawn": run.drawn,
                "population": run.population,
                "created": run.created,
            },
        )
    return redirect("staff:survey_sampling")


@staff_view(RETURN_VISIT)
def return_visits(request: HttpRequest) -> HttpResponse:
    rows = selectors.return_visit_worklist(organisation=_org(request))
    return render(request, "surveys/return_visits.html", {"rows": rows})


@staff_view(RETURN_VISIT)
def return_visit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    invitation = selectors.invitation_get(organisation=organisation, pk=pk)
    if invitation.channel != Channel.PHONE:
        raise Http404
    form = CallForm(
        request.POST or None,
        departments=selectors.departments_of(organisation=organisation),
    )
    errors: dict[str, str] = {}
    if request.method == "POST" and form.is_valid():
        department = form.cleaned_data["department"]
        try:
            services.return_visit_record(
                actor=request.user,
                invitation=invitation,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                comment=form.cleaned_data["comment"],
                department_id=department.pk if department else None,
                answers=selectors.answers_from_post(
                    invitation.questionnaire, request.POST
                ),
                started_at=_started(request.POST.get("started", "")),
            )
        except (ServiceError, ServiceErrors) as error:
            errors = _field_errors(error)
            if "" in errors:
                form.add_error(None, errors[""])
        else:
            messages.success(request, _("Call recorded."))
            return redirect("staff:survey_return_visits")
    context = {
        "invitation": invitation,
        "questionnaire": invitation.questionnaire,
        "calls": selectors.call_history(invitation),
        "form": form,
        "blocks": selectors.questionnaire_content(invitation.questionnaire),
        "errors": errors,
        "posted": request.POST if request.method == "POST" else None,
        "started": signing.dumps(timezone.now().timestamp(), salt=STARTED_SALT),
    }
    return render(
        request,
        "surveys/return_visit.html",
        context,
        status=400 if request.method == "POST" else 200,
    )

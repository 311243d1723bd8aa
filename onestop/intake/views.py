"""The window screen: pick the item, check the materials, choose one of five outcomes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.cases.models import Case, Outcome
from onestop.cases.selectors import case_get
from onestop.catalog.selectors import item_list_staff
from onestop.catalog.versions import ItemSpec
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.intake.forms import (
    ApplicantForm,
    DecisionForm,
    SupplementForm,
    material_formset,
)
from onestop.intake.services import case_intake, case_supplement, item_for_intake
from onestop.organisations.access import staff_view
from onestop.portal.intake_prefill import applicant_initial, checklist_mark_uploads
from onestop.portal.selectors import application_for_intake
from onestop.portal.services import application_attach_case
from onestop.queueing.intake import ticket_for_intake, ticket_link_case


@staff_view("cases.intake_case")
def intake_start(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    items = item_list_staff(organisation=request.organisation, query=query).filter(  # type: ignore[attr-defined]
        is_published=True
    )
    # The window's current ticket rides along so the case opened is linked to it.
    ticket = request.GET.get("ticket", "")
    context = {
        "items": items,
        "query": query,
        "ticket": ticket if ticket.isdigit() else "",
    }
    return render(request, "intake/start.html", context)


def _errors_onto(forms: list[Any], error: ServiceError | ServiceErrors) -> list[str]:
    """Put each refusal on the field it names; return those that name no field here."""
    loose = []
    for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
        form = next((f for f in forms if problem.field in f.fields), None)
        if form is None:
            loose.append(problem.message)
        else:
            form.add_error(problem.field, problem.message)
    return loose


@staff_view("cases.intake_case")
def intake_form(request: HttpRequest, code: str) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    try:
        item, version = item_for_intake(organisation=organisation, code=code)
    except ServiceError:
        raise Http404 from None
    spec = ItemSpec.of(version)
    queue_ticket = ticket_for_intake(request)  # the hall ticket being served, if any
    data = request.POST if request.method == "POST" else None
    # An online application (?application=<id>) starts the screen filled in.
    application = application_for_intake(
        organisation=organisation,
        item=item,
        application_id=request.GET.get("application"),
    )
    applicant_form = ApplicantForm(data, initial=applicant_initial(application))
    decision_form = DecisionForm(data)
    checklist = material_formset(spec.materials, data)
    checklist_mark_uploads(checklist, application)
    problems: list[str] = []
    if data is not None and all(
        f.is_valid() for f in (applicant_form, decision_form, checklist)
    ):
        try:
            # The case and the online application's link to it, or neither.
            with transaction.atomic():
                case = case_intake(
                    actor=request.user,
                    organisation=organisation,
                    item_code=item.code,
                    channel=applicant_form.cleaned_data["channel"],
                    applicant=applicant_form.applicant(),
                    checks=[form.check() for form in checklist],
                    outcome=data.get("outcome", ""),
                    decision=decision_form.decision(),
                    pickup_way=applicant_form.cleaned_data["pickup_way"],
                    pickup_note=applicant_form.cleaned_data["pickup_note"],
                )
                if application is not None:
                    application_attach_case(
                        application_id=application.pk, case=case, actor=request.user
                    )
        except (ServiceError, ServiceErrors) as error:
            problems = _errors_onto([applicant_form, decision_form], error)
        else:
            ticket_link_case(request, queue_ticket, case)
            return redirect(_first_document_url(case))
    return render(
        request,
        "intake/form.html",
        {
            "item": item,
            "version": version,
            "spec": spec,
            "applicant_form": applicant_form,
            "decision_form": decision_form,
            "checklist": checklist,
            "problems": problems,
            "outcomes": Outcome,
            "is_promised": item.is_promised,
            "application": application,
            "queue_ticket": queue_ticket,
        },
    )


def _first_document_url(case: Case) -> str:
    document = case.documents.order_by("-issued_at", "-id").first()
    if document is None:
        return reverse("staff:case", args=[case.number])
    return reverse("staff:document", args=[case.number, document.number])


@require_POST
@staff_view("cases.intake_case")
def supplement(request: HttpRequest, number: str) -> HttpResponse:
    case = case_get(organisation=request.organisation, number=number)  # type: ignore[attr-defined]
    notice = case.documents.filter(kind="notice").order_by("-issued_at").first()
    owed = set(notice.content["owed_positions"]) if notice else set()
    spec = ItemSpec.of(case.item_version)
    form = SupplementForm(request.POST)
    checklist = material_formset(spec.materials, request.POST, only=owed)
    if form.is_valid() and checklist.is_valid():
        try:
            case = case_supplement(
                actor=request.user,
                case=case,
                expected_version=form.cleaned_data["expected_version"],
                checks=[f.check() for f in checklist],
                outcome=form.cleaned_data["outcome"],
                justification=form.cleaned_data["justification"],
            )
        except (ServiceError, ServiceErrors) as error:
            for message in _errors_onto([], error):
                messages.error(request, message)
        else:
            messages.success(request, _("Supplement recorded."))
            return redirect(_first_document_url(case))
    else:
        messages.error(request, _("Check the supplement form."))
    return redirect("staff:case", number=case.number)


def supplement_context(case: Case) -> dict[str, Any]:
    """What the case page's supplement form needs: a checklist of the notice's lines."""
    notice = case.documents.filter(kind="notice").order_by("-issued_at").first()
    owed = set(notice.content["owed_positions"]) if notice else set()
    spec = ItemSpec.of(case.item_version)
    return {
        "supplement_checklist": material_formset(spec.materials, only=owed),
        "supplement_form": SupplementForm(
            initial={"expected_version": case.lock_version}
        ),
    }

"""Topics pages: the weekly digest and its workbook, the notes, the reason tree, the classifier."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from onestop.cases.models import Case
from onestop.common.errors import ServiceError
from onestop.organisations.access import can, staff_view
from onestop.topics import selectors, services
from onestop.topics.errors import TopicError
from onestop.topics.excel import write_digest
from onestop.topics.forms import LabelForm, NoteForm, ReasonForm, WeekForm
from onestop.topics.roles import DIGEST, LABEL, MANAGE

# Cases received in this many days are taken in as notes by the button.
CASES_DAYS = 7
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _week(request: HttpRequest) -> tuple[WeekForm, Any]:
    """The week asked for; by default the last full week, the one the report is about."""
    form = WeekForm(request.GET or None)
    day = form.cleaned_data["week"] if form.is_valid() else None
    return form, day or timezone.localdate() - timedelta(days=7)


@staff_view(DIGEST)
def digest(request: HttpRequest) -> HttpResponse:
    form, day = _week(request)
    report = selectors.week_digest(request.organisation, day)
    return render(
        request,
        "topics/digest.html",
        {"form": form, "digest": report, "query": request.GET.urlencode()},
    )


@staff_view(DIGEST)
def digest_workbook(request: HttpRequest) -> HttpResponse:
    _form, day = _week(request)
    report = selectors.week_digest(request.organisation, day)
    response = HttpResponse(
        write_digest(report, request.organisation), content_type=XLSX
    )
    name = f"hot-topics-{report.week:%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
@staff_view(LABEL)
def notes(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_record(
                organisation=organisation,
                actor=request.user,
                text=form.cleaned_data["text"],
                case=_case(organisation, form.cleaned_data["case_number"]),
            )
        except ServiceError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("The note is saved."))
            return redirect("staff:topics_note", pk=note.pk)
    unconfirmed = request.GET.get("show") != "all"
    page = Paginator(
        selectors.note_list(organisation, unconfirmed=unconfirmed), 50
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "topics/notes.html",
        {
            "form": form,
            "page": page,
            "unconfirmed": unconfirmed,
            "cases_days": CASES_DAYS,
        },
    )


def _case(organisation: Any, number: str) -> Case | None:
    number = number.strip().upper()
    if not number:
        return None
    case = Case.objects.filter(organisation=organisation, number=number).first()
    if case is None:
        raise ServiceError(TopicError.CASE_UNKNOWN, field="case_number")
    return case


@require_POST
@staff_view(LABEL)
def notes_from_cases(request: HttpRequest) -> HttpResponse:
    count = services.case_notes_take(
        organisation=request.organisation,
        actor=request.user,
        since=timezone.now() - timedelta(days=CASES_DAYS),
    )
    messages.success(
        request,
        ngettext(
            "%(count)s case was taken in as a note.",
            "%(count)s cases were taken in as notes.",
            count,
        )
        % {"count": count},
    )
    return redirect(f"{reverse('staff:topics_notes')}?show=all")


@require_http_methods(["GET", "POST"])
@staff_view(LABEL)
def note_page(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    note = selectors.note_get(organisation, pk)
    form = LabelForm(
        request.POST or None,
        organisation=organisation,
        initial={"reason": note.reason_id},
    )
    if request.method == "POST" and form.is_valid():
        services.note_label(
            note=note, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("The reason is saved and the classifier retrained.")
        )
        return redirect("staff:topics_notes")
    return render(request, "topics/note.html", {"note": note, "form": form})


@require_http_methods(["GET", "POST"])
@staff_view(MANAGE)
def reasons(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation
    form = ReasonForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.reason_create(
                organisation=organisation, actor=request.user, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_error(
                error.field if error.field in form.fields else None, error.message
            )
        else:
            messages.success(request, _("The reason is added."))
            return redirect("staff:topics_reasons")
    return render(
        request,
        "topics/reasons.html",
        {"form": form, "tree": selectors.reason_tree(organisation)},
    )


@staff_view(LABEL)
def classifier(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "topics/classifier.html",
        {
            "versions": selectors.versions(request.organisation)[:20],
            "can_train": can(request, MANAGE),
        },
    )


@require_POST
@staff_view(MANAGE)
def classifier_train(request: HttpRequest) -> HttpResponse:
    try:
        version = services.classifier_train(
            organisation=request.organisation, actor=request.user
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Version %(number)s is trained.") % {"number": version.number}
        )
    return redirect("staff:topics_classifier")

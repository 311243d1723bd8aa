"""Questionnaires and their builder: the list, drafts, sections, questions, versions.

A draft is built section by section and question by question; publishing
freezes a version, and changes then go into a new draft copy. The SERVQUAL
questionnaire is created ready-made.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.organisations.access import can, staff_view
from onestop.portal.views import errors_onto
from onestop.surveys import selectors, services
from onestop.surveys.forms import QuestionForm, QuestionnaireForm, SectionForm
from onestop.surveys.models import Audience, Question
from onestop.surveys.roles import MANAGE, RESULTS, RETURN_VISIT
from onestop.surveys.scores import latest_servqual
from onestop.surveys.views.common import _org


@staff_view()
def home(request: HttpRequest) -> HttpResponse:
    if can(request, RESULTS) or can(request, MANAGE):
        return questionnaires(request)
    if can(request, RETURN_VISIT):
        return redirect("staff:survey_return_visits")
    raise Http404


@staff_view(RESULTS)
def questionnaires(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    context = {
        "questionnaires": selectors.questionnaire_list(organisation=organisation),
        "may_manage": can(request, MANAGE),
        "servqual_customers": latest_servqual(
            organisation=organisation, audience=Audience.CUSTOMERS
        ),
        "servqual_management": latest_servqual(
            organisation=organisation, audience=Audience.MANAGEMENT
        ),
    }
    return render(request, "surveys/questionnaires.html", context)


@staff_view(MANAGE)
def questionnaire_new(request: HttpRequest) -> HttpResponse:
    form = QuestionnaireForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_create(
                actor=request.user,
                organisation=_org(request),
                fields=form.questionnaire_fields(),
            )
        except (ServiceError, ServiceErrors) as error:
            problems = errors_onto(form, error)
        else:
            messages.success(
                request,
                _("Questionnaire created as a draft. Add its sections and questions."),
            )
            return redirect("staff:survey_questionnaire", pk=questionnaire.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "surveys/questionnaire_form.html",
        {"form": form, "problems": problems},
        status=status,
    )


@require_POST
@staff_view(MANAGE)
def servqual_new(request: HttpRequest) -> HttpResponse:
    audience = request.POST.get("audience", Audience.CUSTOMERS)
    if audience not in Audience.values:
        raise Http404
    try:
        questionnaire = services.servqual_create(
            actor=request.user, organisation=_org(request), audience=audience
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("staff:surveys")
    messages.success(request, _("The SERVQUAL questionnaire is ready and published."))
    return redirect("staff:survey_questionnaire", pk=questionnaire.pk)


@staff_view(RESULTS)
def questionnaire_page(
    request: HttpRequest,
    pk: int,
    *,
    section_form: SectionForm | None = None,
    question_form: QuestionForm | None = None,
    settings_form: QuestionnaireForm | None = None,
) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    blocks = selectors.questionnaire_content(questionnaire)
    sections = [b.section for b in blocks]
    editable = questionnaire.is_draft and can(request, MANAGE)
    context = {
        "questionnaire": questionnaire,
        "blocks": blocks,
        "editable": editable,
        "may_manage": can(request, MANAGE),
        "section_form": section_form or SectionForm(),
        "question_form": question_form or QuestionForm(sections=sections),
        "settings_form": settings_form
        or QuestionnaireForm(initial=QuestionnaireForm.initial_of(questionnaire)),
        "versions": selectors.questionnaire_list(organisation=_org(request)).filter(
            code=questionnaire.code
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/questionnaire.html", context, status=status)


@require_POST
@staff_view(MANAGE)
def questionnaire_settings(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    form = QuestionnaireForm(request.POST)
    form.fields["code"].required = False
    if form.is_valid():
        try:
            services.questionnaire_update(
                actor=request.user,
                questionnaire=questionnaire,
                fields=form.questionnaire_fields(),
            )
        except (ServiceError, ServiceErrors) as error:
            for message in errors_onto(form, error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Saved."))
            return redirect("staff:survey_questionnaire", pk=pk)
    return questionnaire_page(request, pk, settings_form=form)


@require_POST
@staff_view(MANAGE)
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.section_add(
                actor=request.user, questionnaire=questionnaire, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            return redirect("staff:survey_questionnaire", pk=pk)
    return questionnaire_page(request, pk, section_form=form)


@require_POST
@staff_view(MANAGE)
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    sections = list(questionnaire.sections.all())
    form = QuestionForm(request.POST, sections=sections)
    if form.is_valid():
        section = next(s for s in sections if s.pk == form.cleaned_data["section"])
        try:
            services.question_add(
                actor=request.user, section=section, fields=form.question_fields()
            )
        except (ServiceError, ServiceErrors) as error:
            for message in errors_onto(form, error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Question added."))
            return redirect("staff:survey_questionnaire", pk=pk)
    return questionnaire_page(request, pk, question_form=form)


def _own_question(request: HttpRequest, pk: int, question_pk: int) -> Question:
    question = selectors.question_get(organisation=_org(request), pk=question_pk)
    if question.questionnaire_id != pk:
        raise Http404
    return question


@require_POST
@staff_view(MANAGE)
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    try:
        services.question_delete(
            actor=request.user, question=_own_question(request, pk, question_pk)
        )
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("staff:survey_questionnaire", pk=pk)


@require_POST
@staff_view(MANAGE)
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    try:
        services.question_move(
            actor=request.user,
            question=_own_question(request, pk, question_pk),
            up=request.POST.get("up") == "1",
        )
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("staff:survey_questionnaire", pk=pk)


@require_POST
@staff_view(MANAGE)
def questionnaire_publish(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    try:
        services.questionnaire_publish(actor=request.user, questionnaire=questionnaire)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Version %(version)s published; it is now frozen.")
            % {"version": questionnaire.version},
        )
    return redirect("staff:survey_questionnaire", pk=pk)


@require_POST
@staff_view(MANAGE)
def questionnaire_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    try:
        draft = services.questionnaire_new_version(
            actor=request.user, questionnaire=questionnaire
        )
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("staff:survey_questionnaire", pk=pk)
    messages.success(
        request,
        _("Version %(version)s created as a draft copy.") % {"version": draft.version},
    )
    return redirect("staff:survey_questionnaire", pk=draft.pk)

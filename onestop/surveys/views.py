"""Survey pages: the public answer page behind a token, and the staff's pages —
questionnaires and their builder, invitations and sampling, return visits,
import, responses with their screening, response rates and the SERVQUAL report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from onestop.common import ratelimit
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.compute.evaluation import SERVQUAL_DIMENSIONS
from onestop.organisations.access import can, staff_view
from onestop.organisations.selectors import organisation_get_public
from onestop.portal.views import errors_onto
from onestop.surveys import selectors, services
from onestop.surveys.charts import distribution_bars, servqual_chart
from onestop.surveys.excel import write_results
from onestop.surveys.forms import (
    CallForm,
    ExclusionForm,
    ImportForm,
    InviteCaseForm,
    LinksForm,
    PeriodForm,
    QuestionForm,
    QuestionnaireForm,
    RuleForm,
    RunForm,
    SectionForm,
)
from onestop.surveys.importing import (
    SurveyImportRejected,
    import_template,
    surveys_import,
)
from onestop.surveys.links import qr_png, qr_svg, survey_url
from onestop.surveys.models import Audience, Channel, InvitationStatus, Question, Status
from onestop.surveys.results import questionnaire_results, response_rows
from onestop.surveys.roles import MANAGE, RESULTS, RETURN_VISIT
from onestop.surveys.scores import (
    DIMENSION_LABELS,
    DIMENSIONS,
    expectation_means,
    latest_servqual,
    question_scores,
    servqual_report,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DEFAULT_RATE_LIMIT = (30, 600)
STARTED_SALT = "surveys.started"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _problems(request: HttpRequest, error: ServiceError | ServiceErrors) -> None:
    for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
        messages.error(request, problem.message)


def _field_errors(error: ServiceError | ServiceErrors) -> dict[str, str]:
    found: dict[str, str] = {}
    for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
        found.setdefault(problem.field or "", problem.message)
    return found


# --- The public answer page --------------------------------------------------------


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


def _started(value: str) -> datetime | None:
    """When the form was shown (signed, so it cannot be faked to look slow)."""
    try:
        stamp = signing.loads(value, salt=STARTED_SALT, max_age=86400)
    except signing.BadSignature:
        return None
    return datetime.fromtimestamp(float(stamp), tz=timezone.get_current_timezone())


# --- Questionnaires and the builder -----------------------------------------------


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


# --- Invitations and sampling -------------------------------------------------------


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


# --- Return visits ----------------------------------------------------------------------


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


# --- Import -----------------------------------------------------------------------------


@staff_view(MANAGE)
def import_page(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = surveys_import(
                actor=request.user,
                questionnaire=questionnaire,
                channel=form.cleaned_data["channel"],
                data=upload.read(),
                file_name=upload.name,
            )
        except SurveyImportRejected as error:
            form.add_error(None, error.message)
            problems = error.problems
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "Imported %(imported)s responses; %(skipped)s rows were imported "
                    "before and skipped."
                )
                % {"imported": result.imported, "skipped": result.skipped},
            )
            return redirect("staff:survey_import", pk=pk)
    context = {
        "questionnaire": questionnaire,
        "form": form,
        "problems": problems,
        "imports": questionnaire.imports.select_related("imported_by")[:20],
    }
    return render(
        request,
        "surveys/import.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@staff_view(MANAGE)
def import_template_download(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    response = HttpResponse(import_template(questionnaire), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="{questionnaire.code}-v{questionnaire.version}-import.xlsx"'
    )
    return response


# --- Results -------------------------------------------------------------------------------


def _period_form(request: HttpRequest, *, with_department: bool = False) -> PeriodForm:
    departments = (
        selectors.departments_of(organisation=_org(request))
        if with_department
        else None
    )
    return PeriodForm(
        request.GET or None, today=timezone.localdate(), departments=departments
    )


@staff_view(RESULTS)
def responses(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    form = _period_form(request)
    start, end, _department = form.period()
    rows = selectors.response_list(
        questionnaire=questionnaire,
        start=start,
        end=end,
        only_excluded=request.GET.get("excluded") == "1",
    )
    context = {
        "questionnaire": questionnaire,
        "form": form,
        "rows": rows,
        "start": start,
        "end": end,
    }
    return render(request, "surveys/responses.html", context)


def _results(request: HttpRequest, pk: int) -> tuple[Any, PeriodForm, Any, Any]:
    questionnaire = selectors.questionnaire_get(organisation=_org(request), pk=pk)
    form = _period_form(request, with_department=True)
    start, end, department = form.period()
    results = questionnaire_results(
        questionnaire=questionnaire,
        start=start,
        end=end,
        department_id=department.pk if department else None,
    )
    return questionnaire, form, department, results


@staff_view(RESULTS)
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Question by question: counted and screened answers, mean, score, distribution."""
    questionnaire, form, _department, results = _results(request, pk)
    charts = {
        r.question.pk: distribution_bars(
            r.options, chart_id=f"dist-{r.question.pk}", title=f"{r.code} {r.text}"
        )
        for r in results.questions
        if r.options and r.counted
    }
    context = {
        "questionnaire": questionnaire,
        "form": form,
        "results": results,
        "rows": [(r, charts.get(r.question.pk, "")) for r in results.questions],
        "start": results.start,
        "end": results.end,
        "query": request.GET.urlencode(),
    }
    return render(request, "surveys/results.html", context)


@staff_view(RESULTS)
def results_download(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire, _form, department, results = _results(request, pk)
    rows = response_rows(
        questionnaire=questionnaire,
        start=results.start,
        end=results.end,
        department_id=department.pk if department else None,
        questions=[r.question for r in results.questions],
    )
    content = write_results(
        results,
        rows,
        organisation=_org(request),
        department=department.name if department else "",
    )
    response = HttpResponse(content, content_type=XLSX)
    name = (
        f"{questionnaire.code}-v{questionnaire.version}-"
        f"{results.start:%Y%m%d}-{results.end:%Y%m%d}.xlsx"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(RESULTS)
def response_page(request: HttpRequest, pk: int) -> HttpResponse:
    response = selectors.response_get(organisation=_org(request), pk=pk)
    form = ExclusionForm(
        request.POST or None, initial={"excluded": "0" if response.is_excluded else "1"}
    )
    if request.method == "POST":
        if not can(request, MANAGE):
            raise Http404
        if form.is_valid():
            try:
                services.response_exclusion_set(
                    actor=request.user, response=response, **form.cleaned_data
                )
            except ServiceError as error:
                form.add_error("note", error.message)
            else:
                messages.success(request, _("Saved."))
                return redirect("staff:survey_response", pk=pk)
    context = {
        "response": response,
        "answers": selectors.response_answers(response),
        "form": form,
        "may_manage": can(request, MANAGE),
    }
    return render(
        request,
        "surveys/response.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@staff_view(RESULTS)
def question_answers(request: HttpRequest, question_pk: int) -> HttpResponse:
    question = selectors.question_get(organisation=_org(request), pk=question_pk)
    form = _period_form(request, with_department=True)
    start, end, department = form.period()
    rows = selectors.question_answers(
        question=question,
        start=start,
        end=end,
        department_id=department.pk if department else None,
    )
    # The figure as the evaluation reads it: every version's answers, each
    # version on its own scale; the mean is shown on this version's scale.
    figure = question_scores(
        organisation=_org(request),
        start=start,
        end=end,
        question_ids=[question.pk],
        department_id=department.pk if department else None,
    )[question.pk]
    score, mean, counted = figure.score, None, figure.count
    if score is not None:
        low, high = question.scale_min or 0, question.scale_max or 0
        mean = low + score / 100 * (high - low)
    elif not question.is_scaled:
        values = [a.value for a in rows if not a.is_excluded and a.value is not None]
        counted = len(values)
        mean = sum(values) / counted if counted else None
    context = {
        "question": question,
        "form": form,
        "rows": rows,
        "start": start,
        "end": end,
        "counted": counted,
        "mean": mean,
        "versions": len({a.question_id for a in rows}) > 1,
        "score": score,
        "choices": {c.position: c.label for c in question.choices.all()},
    }
    return render(request, "surveys/question_answers.html", context)


@staff_view(RESULTS)
def rates(request: HttpRequest) -> HttpResponse:
    organisation = _org(request)
    form = _period_form(request)
    start, end, _department = form.period()
    code = request.GET.get("questionnaire", "")
    context = {
        "form": form,
        "start": start,
        "end": end,
        "rows": selectors.response_rates(
            organisation=organisation, start=start, end=end, questionnaire_code=code
        ),
        "outcomes": selectors.call_outcomes(
            organisation=organisation, start=start, end=end
        ),
        "codes": sorted(
            set(
                selectors.questionnaire_list(organisation=organisation).values_list(
                    "code", flat=True
                )
            )
        ),
        "code": code,
    }
    return render(request, "surveys/rates.html", context)


@staff_view(RESULTS)
def servqual_page(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    questionnaire = selectors.questionnaire_get(organisation=organisation, pk=pk)
    if not questionnaire.is_servqual:
        raise Http404
    form = _period_form(request, with_department=True)
    start, end, department = form.period()
    report = servqual_report(
        organisation=organisation,
        questionnaire=questionnaire,
        start=start,
        end=end,
        department_id=department.pk if department else None,
    )
    context = {
        "questionnaire": questionnaire,
        "form": form,
        "report": report,
        "rows": report.rows,
        "chart": servqual_chart(report.rows, chart_id="servqual-chart")
        if report.result
        else "",
        "gap1": _gap1(organisation, start, end),
        "start": start,
        "end": end,
    }
    return render(request, "surveys/servqual.html", context)


def _gap1(organisation: Any, start: Any, end: Any) -> list[dict[str, Any]]:
    """Customers' expectation against management's belief of it, per dimension (gap 1)."""
    customers = expectation_means(
        organisation=organisation, audience=Audience.CUSTOMERS, start=start, end=end
    )
    management = expectation_means(
        organisation=organisation, audience=Audience.MANAGEMENT, start=start, end=end
    )
    if not customers or not management:
        return []
    rows = []
    for dimension in DIMENSIONS:
        items = [i for i, d in SERVQUAL_DIMENSIONS.items() if d == dimension]
        c = [customers[i] for i in items if i in customers]
        m = [management[i] for i in items if i in management]
        if c and m:
            mc, mm = sum(c) / len(c), sum(m) / len(m)
            rows.append(
                {
                    "label": DIMENSION_LABELS[dimension],
                    "customers": mc,
                    "management": mm,
                    "gap": mm - mc,
                }
            )
    return rows

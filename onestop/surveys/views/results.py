"""Results: responses and their screening, question scores, downloads, response rates.

Every page reads a period (and optionally a department); a response may be
excluded from the scores or taken back in, with a note, by a manager.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from onestop.common.errors import ServiceError
from onestop.organisations.access import can, staff_view
from onestop.surveys import selectors, services
from onestop.surveys.charts import distribution_bars
from onestop.surveys.excel import write_results
from onestop.surveys.forms import ExclusionForm, PeriodForm
from onestop.surveys.results import questionnaire_results, response_rows
from onestop.surveys.roles import MANAGE, RESULTS
from onestop.surveys.scores import question_scores
from onestop.surveys.views.common import XLSX, _org, _period_form


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

"""The SERVQUAL report: the five dimensions' gaps, and gap 1.

Per dimension, perceptions against expectations from the customers'
questionnaire (gap 5), and gap 1: the customers' expectations against
management's belief of them.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from onestop.compute.evaluation import SERVQUAL_DIMENSIONS
from onestop.organisations.access import staff_view
from onestop.surveys import selectors
from onestop.surveys.charts import servqual_chart
from onestop.surveys.models import Audience
from onestop.surveys.roles import RESULTS
from onestop.surveys.scores import (
    DIMENSION_LABELS,
    DIMENSIONS,
    expectation_means,
    servqual_report,
)
from onestop.surveys.views.common import _org, _period_form


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

"""The casework figures page and its workbook, for the active organisation only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from onestop.metrics import charts
from onestop.metrics.definitions import FIGURES, NOTES
from onestop.metrics.excel import Heading, write_figures
from onestop.metrics.forms import PeriodForm
from onestop.metrics.selectors import casework_figures, casework_trend
from onestop.organisations.access import staff_view

PERMISSION = "cases.view_case_metrics"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_view(PERMISSION)
def figures_page(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    form = PeriodForm(request.GET or None, today=timezone.localdate())
    period = form.period()
    *rows, total = casework_figures(
        organisation=organisation,
        start=period.start,
        end=period.end,
        group_by=period.group_by,
    )
    trend = casework_trend(organisation=organisation, last_month=period.end)
    return render(
        request,
        "metrics/figures.html",
        {
            "form": form,
            "period": period,
            "figures": FIGURES,
            "notes": NOTES,
            "rows": rows,
            "total": total,
            "on_time_chart": charts.on_time_chart(rows, chart_id="on-time-chart"),
            "trend_chart": charts.trend_chart(trend, chart_id="trend-chart"),
            "query": request.GET.urlencode(),
        },
    )


@staff_view(PERMISSION)
def figures_workbook(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    period = PeriodForm(request.GET or None, today=timezone.localdate()).period()
    rows = casework_figures(
        organisation=organisation,
        start=period.start,
        end=period.end,
        group_by=period.group_by,
    )
    heading = Heading(organisation, period, timezone.localtime())
    response = HttpResponse(write_figures(rows, heading), content_type=XLSX)
    stem = f"{organisation.slug}-figures-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response

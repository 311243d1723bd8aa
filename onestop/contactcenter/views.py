"""The hotline's staff pages: the service figures, their workbook, the call import."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from onestop.contactcenter import charts, selectors
from onestop.contactcenter.definitions import AGENT_FIGURES, NOTES, PAGE_FIGURES
from onestop.contactcenter.excel import Heading, write_call_figures
from onestop.contactcenter.forms import CallUploadForm, FiguresForm
from onestop.contactcenter.importing import (
    CallsAlreadyImported,
    CallsImportRejected,
    ImportReport,
    calls_import,
)
from onestop.contactcenter.layouts import layouts_for
from onestop.organisations.access import staff_view

FIGURES_PERMISSION = "contactcenter.view_call_figures"
IMPORT_PERMISSION = "contactcenter.import_calls"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Enough to start fixing a file; the count says how many more there are.
SHOWN_PROBLEMS = 200


def _figures(request: HttpRequest) -> tuple[FiguresForm, selectors.HotlineFigures]:
    organisation = request.organisation  # type: ignore[attr-defined]
    default_day = selectors.last_call_day(organisation=organisation)
    form = FiguresForm(
        request.GET or None,
        queues=selectors.queue_list(organisation=organisation),
        default_day=default_day or timezone.localdate(),
    )
    choice = form.choice()
    figures = selectors.hotline_figures(
        organisation=organisation,
        day=choice.day,
        interval_minutes=choice.interval_minutes,
        queue=choice.queue,
    )
    return form, figures


@staff_view(FIGURES_PERMISSION)
def call_figures(request: HttpRequest) -> HttpResponse:
    form, figures = _figures(request)
    target = figures.targets.service_level if figures.targets else None
    return render(
        request,
        "contactcenter/figures.html",
        {
            "form": form,
            "figures": figures,
            "columns": PAGE_FIGURES,
            "agent_columns": AGENT_FIGURES,
            "notes": NOTES,
            "volume_chart": charts.volume_chart(
                figures.intervals, chart_id="volume-chart"
            ),
            "level_chart": charts.service_level_chart(
                figures.intervals, target=target, chart_id="level-chart"
            ),
            "query": request.GET.urlencode(),
        },
    )


@staff_view(FIGURES_PERMISSION)
def call_figures_workbook(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    _form, figures = _figures(request)
    heading = Heading(organisation, timezone.localtime())
    response = HttpResponse(write_call_figures(figures, heading), content_type=XLSX)
    stem = f"{organisation.slug}-hotline-{figures.day:%Y%m%d}-{figures.interval_minutes}min"
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


@staff_view(IMPORT_PERMISSION)
def calls_upload(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    layouts = layouts_for(organisation)
    form = CallUploadForm(request.POST or None, request.FILES or None, layouts=layouts)
    outcome: dict[str, Any] = {}
    if request.method == "POST" and form.is_valid():
        outcome = _import(request, form)
    return render(
        request,
        "contactcenter/import.html",
        {
            "form": form,
            "layouts": layouts,
            "imports": selectors.call_import_list(organisation=organisation),
            **outcome,
        },
    )


def _import(request: HttpRequest, form: CallUploadForm) -> dict[str, Any]:
    """The report, or the refusal and the problems to show."""
    upload = form.cleaned_data["file"]
    try:
        report: ImportReport = calls_import(
            actor=request.user,
            organisation=request.organisation,  # type: ignore[attr-defined]
            file=upload,
            file_name=upload.name,
            mapping=form.chosen_layout(),
        )
    except CallsAlreadyImported as refused:
        return {"refusal": refused.message}
    except CallsImportRejected as rejected:
        return {
            "refusal": rejected.message,
            "problems": rejected.problems[:SHOWN_PROBLEMS],
            "more_problems": max(0, len(rejected.problems) - SHOWN_PROBLEMS),
        }
    return {"report": report, "warnings": report.warnings[:SHOWN_PROBLEMS]}

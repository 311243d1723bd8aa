"""Importing responses from a spreadsheet, and the template to fill in.

A rejected file names every problem row by row and imports nothing; rows
imported before are skipped.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from onestop.common.errors import ServiceError
from onestop.organisations.access import staff_view
from onestop.surveys import selectors
from onestop.surveys.forms import ImportForm
from onestop.surveys.importing import (
    SurveyImportRejected,
    import_template,
    surveys_import,
)
from onestop.surveys.roles import MANAGE
from onestop.surveys.views.common import XLSX, _org


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

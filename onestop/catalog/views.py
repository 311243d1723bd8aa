"""Catalogue pages: the public guide (办事指南) and the staff's catalogue tools."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from onestop.catalog import selectors
from onestop.catalog.excel import write_catalogue
from onestop.catalog.forms import CatalogueUploadForm
from onestop.catalog.importing import CatalogueImportRejected, catalogue_import
from onestop.organisations.access import can, staff_view
from onestop.organisations.selectors import organisation_get_public

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def catalogue_index(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    query = request.GET.get("q", "").strip()
    items = selectors.item_list_public(organisation=organisation, query=query)
    return render(
        request,
        "catalog/public_index.html",
        {"organisation": organisation, "items": items, "query": query},
    )


def guide(request: HttpRequest, org_slug: str, code: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    item = selectors.item_get_public(organisation=organisation, code=code)
    return render(
        request, "catalog/guide.html", {"organisation": organisation, "item": item}
    )


def catalogue_download_public(request: HttpRequest, org_slug: str) -> HttpResponse:
    organisation = organisation_get_public(slug=org_slug)
    items = selectors.items_for_export(organisation=organisation, published_only=True)
    return _xlsx_response(write_catalogue(items), f"{organisation.slug}-catalogue")


@staff_view("catalog.view_serviceitem")
def catalogue_staff(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "catalog/staff_list.html",
        {
            "items": selectors.item_list_staff(organisation=organisation, query=query),
            "query": query,
            "may_import": can(request, "catalog.import_catalogue"),
            "upload_form": CatalogueUploadForm(),
        },
    )


@staff_view("catalog.import_catalogue")
def catalogue_export(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    items = selectors.items_for_export(organisation=organisation, published_only=False)
    return _xlsx_response(write_catalogue(items), f"{organisation.slug}-catalogue-all")


@staff_view("catalog.import_catalogue")
def catalogue_upload(request: HttpRequest) -> HttpResponse:
    form = CatalogueUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            report = catalogue_import(
                actor=request.user,
                organisation=request.organisation,  # type: ignore[attr-defined]
                file=form.cleaned_data["workbook"],
            )
        except CatalogueImportRejected as rejection:
            problems = [str(p) for p in rejection.problems]
        else:
            messages.success(request, str(report))
            return redirect("staff:catalogue")
    return render(request, "catalog/upload.html", {"form": form, "problems": problems})


@staff_view("catalog.view_itemversion")
def item_history(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.item_get_staff(organisation=request.organisation, code=code)  # type: ignore[attr-defined]
    return render(
        request,
        "catalog/history.html",
        {"item": item, "versions": selectors.item_versions(item=item)},
    )


def _xlsx_response(content: bytes, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.xlsx"'
    return response

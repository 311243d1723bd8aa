"""The window's side of online applications: the queue, and the files behind a permission check."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from onestop.organisations.access import staff_view
from onestop.portal import selectors


@staff_view("cases.intake_case")
def online_applications(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    return render(
        request,
        "portal/staff_applications.html",
        {
            "waiting": selectors.applications_waiting(organisation=organisation),
            "closed": selectors.applications_recently_closed(organisation=organisation),
        },
    )


@staff_view("cases.intake_case")
def online_application_file(
    request: HttpRequest, pk: int, position: int
) -> FileResponse:
    """One uploaded file, shown in the browser with the type found from its content."""
    upload = selectors.upload_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        application_id=pk,
        position=position,
    )
    try:
        handle = upload.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    suffix = PurePosixPath(upload.file.name).suffix
    response = FileResponse(
        handle,
        content_type=upload.content_type,
        filename=f"{upload.application.reference}-{upload.position}{suffix}",
    )
    response["Cache-Control"] = "private, no-store"
    return response

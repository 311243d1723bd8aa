"""Staff pages of issued documents: the printable page and its PDF.

Both show the facts frozen in the document at issue, never the live case, so
a reprint is what the applicant was first given.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from onestop.cases.models import CaseDocument
from onestop.intake.pdf import document_facts, document_pdf
from onestop.organisations.access import staff_view
from onestop.organisations.models import Organisation


def _document_get(
    *, organisation: Organisation, number: str, document_number: str
) -> CaseDocument:
    """The document ``document_number`` of case ``number`` of ``organisation``, or 404."""
    documents = CaseDocument.objects.select_related("case")
    return get_object_or_404(
        documents,
        case__organisation=organisation,
        case__number=number,
        number=document_number,
    )


@staff_view("cases.view_case")
def document_page(
    request: HttpRequest, number: str, document_number: str
) -> HttpResponse:
    document = _document_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        number=number,
        document_number=document_number,
    )
    return render(
        request,
        f"intake/documents/{document.kind}.html",
        {"document": document, "facts": document_facts(document)},
    )


@staff_view("cases.view_case")
def document_pdf_download(
    request: HttpRequest, number: str, document_number: str
) -> HttpResponse:
    document = _document_get(
        organisation=request.organisation,  # type: ignore[attr-defined]
        number=number,
        document_number=document_number,
    )
    response = HttpResponse(document_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{document.number}.pdf"
    )
    return response

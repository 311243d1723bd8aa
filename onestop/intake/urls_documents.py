"""Staff routes of issued documents (included under /staff/cases/<number>/documents/)."""

from django.urls import path

from onestop.intake import document_views

urlpatterns = [
    path(
        "<str:document_number>.pdf",
        document_views.document_pdf_download,
        name="document_pdf",
    ),
    path("<str:document_number>/", document_views.document_page, name="document"),
]

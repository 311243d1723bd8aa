"""Staff routes of the contactcenter app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.contactcenter import views

urlpatterns = [
    path("calls/", views.call_figures, name="calls"),
    path("calls/export.xlsx", views.call_figures_workbook, name="calls_excel"),
    path("calls/import/", views.calls_upload, name="calls_import"),
]

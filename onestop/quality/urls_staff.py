"""Staff routes of the quality app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.quality import views

urlpatterns = [
    path("quality/schemes/", views.scheme_list, name="quality_schemes"),
    path("quality/schemes/<int:pk>/", views.scheme_page, name="quality_scheme"),
    path(
        "quality/schemes/<int:pk>/weights/<str:source>/",
        views.scheme_weights,
        name="quality_scheme_weights",
    ),
    path(
        "quality/schemes/<int:pk>/compute/",
        views.scheme_compute,
        name="quality_scheme_compute",
    ),
    path("quality/manual-scores/", views.manual_scores, name="quality_manual_scores"),
    path("quality/report/", views.report_page, name="quality_report"),
    path("quality/runs/<int:pk>/", views.run_page, name="quality_run"),
    path(
        "quality/runs/<int:pk>/report.xlsx", views.run_excel, name="quality_run_excel"
    ),
    path("quality/runs/<int:pk>/report.pdf", views.run_pdf, name="quality_run_pdf"),
]

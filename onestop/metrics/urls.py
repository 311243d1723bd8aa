"""Staff routes of the casework figures (included under /staff/metrics/, names in "staff")."""

from django.urls import path

from onestop.metrics import views

urlpatterns = [
    path("", views.figures_page, name="metrics"),
    path("export.xlsx", views.figures_workbook, name="metrics_excel"),
]

"""Staff routes of the providers app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.providers import views

urlpatterns = [
    path("providers/", views.provider_home, name="providers"),
    path("providers/reports/", views.report_list, name="provider_reports"),
    path("providers/reports/<int:pk>/", views.report_page, name="provider_report"),
    path(
        "providers/reports/<int:pk>/photos/<int:photo_id>/",
        views.report_photo,
        name="provider_report_photo",
    ),
    path("providers/officers/", views.officer_list, name="provider_officers"),
    path("providers/run/", views.month_run_all, name="provider_run_all"),
    path("providers/setup/", views.provider_setup, name="provider_setup"),
    path("providers/setup/new/", views.provider_new, name="provider_new"),
    path("providers/setup/<int:pk>/", views.provider_edit, name="provider_edit"),
    path(
        "providers/setup/contracts/new/",
        views.contract_new,
        name="provider_contract_new",
    ),
    path("providers/compare/<slug:code>/", views.compare, name="provider_compare"),
    path(
        "providers/export/<str:month>.xlsx", views.month_export, name="provider_export"
    ),
    path(
        "providers/contracts/<str:number>/",
        views.contract_page,
        name="provider_contract",
    ),
    path(
        "providers/contracts/<str:number>/run/",
        views.assessment_run,
        name="provider_run",
    ),
    path(
        "providers/contracts/<str:number>/deduct/",
        views.deduction_add,
        name="provider_deduct",
    ),
    path(
        "providers/contracts/<str:number>/<str:month>/",
        views.month_page,
        name="provider_month",
    ),
    path(
        "providers/contracts/<str:number>/<str:month>/sign/",
        views.assessment_sign,
        name="provider_sign",
    ),
    path(
        "providers/contracts/<str:number>/<str:month>/statement.pdf",
        views.statement_pdf_view,
        name="provider_statement_pdf",
    ),
]

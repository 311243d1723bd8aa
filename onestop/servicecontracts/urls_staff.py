"""Staff routes of the servicecontracts app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.servicecontracts import views

urlpatterns = [
    path("service-contracts/", views.contracts, name="servicecontracts"),
    path(
        "service-contracts/new/", views.contract_create, name="servicecontract_create"
    ),
    path("service-contracts/<int:pk>/", views.contract_page, name="servicecontract"),
    path(
        "service-contracts/<int:pk>/requests/",
        views.request_add,
        name="servicecontract_request",
    ),
    path(
        "service-contracts/<int:pk>/quotes/",
        views.quote_create,
        name="servicequote_create",
    ),
    path("service-contracts/quotes/<int:pk>/", views.quote_page, name="servicequote"),
    path(
        "service-contracts/quotes/<int:pk>/approve/",
        views.quote_approve,
        name="servicequote_approve",
    ),
    path(
        "service-contracts/quotes/<int:pk>/bill/",
        views.quote_bill,
        name="servicequote_bill",
    ),
    path(
        "service-contracts/quotes/<int:pk>/pdf/",
        views.quote_pdf,
        name="servicequote_pdf",
    ),
    path("service-contracts/bills/", views.bills, name="servicebills"),
    path("service-contracts/bills/<int:pk>/", views.bill_page, name="servicebill"),
    path(
        "service-contracts/bills/<int:pk>/issue/",
        views.bill_issue,
        name="servicebill_issue",
    ),
    path(
        "service-contracts/bills/<int:pk>/pdf/", views.bill_pdf, name="servicebill_pdf"
    ),
    path("service-contracts/rate-cards/", views.rate_cards, name="ratecards"),
    path("service-contracts/figures/", views.figures, name="servicecontract_figures"),
    path(
        "service-contracts/figures/export.xlsx",
        views.figures_workbook,
        name="servicecontract_figures_excel",
    ),
]

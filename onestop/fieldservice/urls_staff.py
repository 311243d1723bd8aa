"""Staff routes of the fieldservice app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.fieldservice import views, views_setup

urlpatterns = [
    path("field/orders/", views.order_list, name="fs_orders"),
    path("field/orders/new/", views.order_new, name="fs_order_new"),
    path("field/orders/<int:pk>/", views.order_detail, name="fs_order"),
    path("field/orders/<int:pk>/agree/", views.order_agree, name="fs_order_agree"),
    path("field/orders/<int:pk>/ready/", views.order_ready, name="fs_order_ready"),
    path("field/orders/<int:pk>/close/", views.order_close, name="fs_order_close"),
    path("field/orders/<int:pk>/book/", views.job_book, name="fs_job_book"),
    path("field/orders/<int:pk>/incident/", views.incident_new, name="fs_incident_new"),
    path(
        "field/incidents/<int:pk>/close/",
        views.incident_close,
        name="fs_incident_close",
    ),
    path(
        "field/incidents/<int:pk>/replace/",
        views.incident_replace,
        name="fs_incident_replace",
    ),
    path("field/jobs/<int:pk>/confirm/", views.job_confirm, name="fs_job_confirm"),
    path("field/jobs/<int:pk>/late/", views.job_late, name="fs_job_late"),
    path("field/jobs/<int:pk>/record/", views.job_record, name="fs_job_record"),
    path("field/jobs/<int:pk>/signature/", views.record_file, name="fs_signature"),
    path(
        "field/jobs/<int:pk>/photos/<int:photo>/",
        views.record_file,
        name="fs_record_photo",
    ),
    path("field/dispatch/", views.dispatch, name="fs_dispatch"),
    path("field/my-jobs/", views.my_jobs, name="fs_my_jobs"),
    path("field/figures/", views.figures, name="fs_figures"),
    path("field/figures.xlsx", views.figures_excel, name="fs_figures_excel"),
    path("field/technicians/", views_setup.technicians, name="fs_technicians"),
    path(
        "field/technicians/new/",
        views_setup.technician_new,
        name="fs_technician_new",
    ),
    path(
        "field/technicians/<int:pk>/",
        views_setup.technician_edit,
        name="fs_technician_edit",
    ),
    path("field/products/", views_setup.products, name="fs_products"),
    path("field/products/new/", views_setup.product_new, name="fs_product_new"),
    path("field/products/<int:pk>/", views_setup.product_edit, name="fs_product_edit"),
    path("field/return-visits/", views_setup.return_visits, name="fs_return_visits"),
]

"""Staff routes of the customers app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.customers import views

urlpatterns = [
    path("customers/", views.customer_list, name="customers"),
    path("customers/new/", views.customer_new, name="customer_new"),
    path("customers/link/", views.customers_link, name="customers_link"),
    path("customers/screen-pop/", views.screen_pop, name="customer_screen_pop"),
    path(
        "customers/duplicates/", views.customer_duplicates, name="customer_duplicates"
    ),
    path("customers/<int:pk>/", views.customer_page, name="customer"),
    path("customers/<int:pk>/edit/", views.customer_edit, name="customer_edit"),
    path("customers/<int:pk>/merge/", views.customer_merge, name="customer_merge"),
    path("segments/", views.segment_list, name="segments"),
    path("segments/new/", views.segment_new, name="segment_new"),
    path("segments/<int:pk>/", views.segment_page, name="segment"),
    path("segments/<int:pk>/edit/", views.segment_edit, name="segment_edit"),
    path(
        "segments/<int:pk>/recompute/",
        views.segment_recompute,
        name="segment_recompute",
    ),
    path("segments/<int:pk>/policy/", views.segment_policy, name="segment_policy"),
]

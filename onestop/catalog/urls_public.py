from django.urls import path

from onestop.catalog import views

urlpatterns = [
    path("", views.catalogue_index, name="catalogue_public"),
    path("items/<str:code>/", views.guide, name="guide"),
    path("catalogue.xlsx", views.catalogue_download_public, name="catalogue_download"),
]

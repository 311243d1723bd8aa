"""Staff routes of the ratings app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.ratings import views

urlpatterns = [
    path("ratings/", views.rectifications, name="rectifications"),
    path(
        "ratings/rectifications/<int:pk>/",
        views.rectification_page,
        name="rectification",
    ),
    path(
        "ratings/rectifications/<int:pk>/<str:action>/",
        views.rectification_step,
        name="rectification_step",
    ),
    path("ratings/figures/", views.figures, name="rating_figures"),
    path(
        "ratings/figures/export.xlsx",
        views.figures_workbook,
        name="rating_figures_excel",
    ),
    path("ratings/tablet/", views.tablet_start, name="rating_tablet_start"),
    path("ratings/tablet/<str:number>/", views.tablet, name="rating_tablet"),
]

"""Staff routes of the inspection app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.inspection import views

urlpatterns = [
    path("inspection/", views.worklist, name="inspection_worklist"),
    path("inspection/mine/", views.my_work, name="inspection_my_work"),
    path("inspection/scorecards/", views.scorecard_list, name="inspection_scorecards"),
    path(
        "inspection/scorecards/new/",
        views.scorecard_new,
        name="inspection_scorecard_new",
    ),
    path(
        "inspection/scorecards/<int:pk>/",
        views.scorecard_page,
        name="inspection_scorecard",
    ),
    path(
        "inspection/scorecards/<int:pk>/edit/",
        views.scorecard_edit,
        name="inspection_scorecard_edit",
    ),
    path("inspection/rules/", views.rule_list, name="inspection_rules"),
    path("inspection/rules/<int:pk>/run/", views.rule_run, name="inspection_rule_run"),
    path("inspection/i/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspection/i/<int:pk>/score/", views.score_page, name="inspection_score"),
    path(
        "inspection/i/<int:pk>/assign/",
        views.inspection_assign,
        name="inspection_assign",
    ),
    path("inspection/i/<int:pk>/appeal/", views.appeal_file, name="inspection_appeal"),
    path(
        "inspection/i/<int:pk>/decide/", views.appeal_decide, name="inspection_decide"
    ),
    path(
        "inspection/i/<int:pk>/calibrate/",
        views.calibration_start,
        name="inspection_calibrate",
    ),
    path(
        "inspection/calibration/",
        views.calibration_list,
        name="inspection_calibrations",
    ),
    path(
        "inspection/calibration/<int:pk>/",
        views.calibration_page,
        name="inspection_calibration",
    ),
    path("inspection/appeals/", views.appeal_list, name="inspection_appeals"),
    path("inspection/figures/", views.figures_page, name="inspection_figures"),
    path(
        "inspection/figures.xlsx",
        views.figures_download,
        name="inspection_figures_download",
    ),
    path(
        "inspection/items/<int:pk>/results/",
        views.item_results,
        name="inspection_item_results",
    ),
]

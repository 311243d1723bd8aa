"""Staff routes of the assessment app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.assessment import views

urlpatterns = [
    path("assessment/", views.home, name="assessment"),
    path("assessment/competition/", views.competition, name="assessment_competition"),
    path("assessment/indicators/", views.indicators, name="assessment_indicators"),
    path("assessment/indicators/<int:pk>/", views.indicator, name="assessment_indicator"),
    path("assessment/plans/new/", views.plan_new, name="assessment_plan_new"),
    path("assessment/plans/<int:pk>/", views.plan, name="assessment_plan"),
    path("assessment/plans/<int:pk>/weights/", views.plan_weights, name="assessment_plan_weights"),
    path("assessment/plans/<int:pk>/run/", views.plan_run, name="assessment_plan_run"),
    path("assessment/plans/<int:pk>/sign/", views.plan_sign, name="assessment_plan_sign"),
    path("assessment/plans/<int:pk>/checks/new/", views.check_new, name="assessment_check_new"),
    path("assessment/checks/<int:pk>/withdraw/", views.check_withdraw,
         name="assessment_check_withdraw"),
    path("assessment/checks/<int:pk>/evidence/", views.check_evidence,
         name="assessment_check_evidence"),
    path("assessment/runs/<int:pk>/", views.run, name="assessment_run"),
    path("assessment/runs/<int:pk>/export.xlsx", views.run_workbook, name="assessment_run_excel"),
    path("assessment/scores/<int:pk>/", views.score, name="assessment_score"),
    path("assessment/lines/<int:pk>/object/", views.objection_new,
         name="assessment_objection_new"),
    path("assessment/objections/<int:pk>/resolve/", views.objection_resolve,
         name="assessment_objection_resolve"),
]  # fmt: skip

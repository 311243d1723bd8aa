"""Staff routes of the surveys app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.surveys import views

urlpatterns = [
    path("surveys/", views.home, name="surveys"),
    path("surveys/questionnaires/", views.questionnaires, name="survey_questionnaires"),
    path("surveys/new/", views.questionnaire_new, name="survey_questionnaire_new"),
    path("surveys/servqual/new/", views.servqual_new, name="survey_servqual_new"),
    path("surveys/<int:pk>/", views.questionnaire_page, name="survey_questionnaire"),
    path(
        "surveys/<int:pk>/settings/",
        views.questionnaire_settings,
        name="survey_questionnaire_settings",
    ),
    path("surveys/<int:pk>/sections/", views.section_add, name="survey_section_add"),
    path("surveys/<int:pk>/questions/", views.question_add, name="survey_question_add"),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="survey_question_delete",
    ),
    path(
        "surveys/<int:pk>/questions/<int:question_pk>/move/",
        views.question_move,
        name="survey_question_move",
    ),
    path(
        "surveys/<int:pk>/publish/", views.questionnaire_publish, name="survey_publish"
    ),
    path(
        "surveys/<int:pk>/new-version/",
        views.questionnaire_new_version,
        name="survey_new_version",
    ),
    path("surveys/<int:pk>/invitations/", views.invitations, name="survey_invitations"),
    path(
        "surveys/invitations/<int:pk>/qr.<str:kind>",
        views.invitation_qr,
        name="survey_invitation_qr",
    ),
    path("surveys/sampling/", views.sampling, name="survey_sampling"),
    path(
        "surveys/sampling/<int:pk>/run/", views.sampling_run, name="survey_sampling_run"
    ),
    path("surveys/return-visits/", views.return_visits, name="survey_return_visits"),
    path(
        "surveys/return-visits/<int:pk>/",
        views.return_visit,
        name="survey_return_visit",
    ),
    path("surveys/<int:pk>/import/", views.import_page, name="survey_import"),
    path(
        "surveys/<int:pk>/import/template.xlsx",
        views.import_template_download,
        name="survey_import_template",
    ),
    path("surveys/<int:pk>/responses/", views.responses, name="survey_responses"),
    path("surveys/<int:pk>/results/", views.results_page, name="survey_results"),
    path(
        "surveys/<int:pk>/results.xlsx",
        views.results_download,
        name="survey_results_download",
    ),
    path("surveys/responses/<int:pk>/", views.response_page, name="survey_response"),
    path(
        "surveys/questions/<int:question_pk>/answers/",
        views.question_answers,
        name="survey_question_answers",
    ),
    path("surveys/rates/", views.rates, name="survey_rates"),
    path("surveys/<int:pk>/servqual/", views.servqual_page, name="survey_servqual"),
]

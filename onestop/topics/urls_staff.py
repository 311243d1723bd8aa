"""Staff routes of the topics app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.topics import views

urlpatterns = [
    path("topics/", views.digest, name="topics_digest"),
    path("topics/digest.xlsx", views.digest_workbook, name="topics_digest_excel"),
    path("topics/notes/", views.notes, name="topics_notes"),
    path(
        "topics/notes/from-cases/",
        views.notes_from_cases,
        name="topics_notes_from_cases",
    ),
    path("topics/notes/<int:pk>/", views.note_page, name="topics_note"),
    path("topics/reasons/", views.reasons, name="topics_reasons"),
    path("topics/classifier/", views.classifier, name="topics_classifier"),
    path(
        "topics/classifier/train/",
        views.classifier_train,
        name="topics_classifier_train",
    ),
]

"""Staff routes of the knowledge app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.knowledge import views

urlpatterns = [
    path("knowledge/", views.knowledge_search, name="knowledge"),
    path("knowledge/changes/", views.knowledge_changes, name="knowledge_changes"),
    path("knowledge/review/", views.review_queue, name="knowledge_review"),
    path("knowledge/new/", views.article_new, name="knowledge_new"),
    path("knowledge/a/<str:key>/", views.article_page, name="knowledge_article"),
    path("knowledge/a/<str:key>/edit/", views.article_edit, name="knowledge_edit"),
    path(
        "knowledge/a/<str:key>/v/<int:number>/",
        views.version_page,
        name="knowledge_version",
    ),
    path(
        "knowledge/a/<str:key>/v/<int:number>/<str:action>/",
        views.version_step,
        name="knowledge_step",
    ),
]

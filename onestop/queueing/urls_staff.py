"""Staff routes of the queueing app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.queueing import window_views

urlpatterns = [
    path("window/", window_views.window_choose, name="queue_window"),
    path(
        "window/<int:window_id>/",
        window_views.window_panel,
        name="queue_window_panel",
    ),
    path(
        "window/<int:window_id>/<str:action>/",
        window_views.window_act,
        name="queue_window_act",
    ),
]

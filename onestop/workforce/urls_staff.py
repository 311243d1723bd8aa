"""Staff routes of the workforce app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.workforce import views

urlpatterns = [
    path("workforce/", views.workforce_home, name="workforce"),
    path("workforce/<int:queue_id>/", views.queue_week, name="workforce_queue"),
    path(
        "workforce/<int:queue_id>/forecast/",
        views.forecast_run,
        name="workforce_forecast",
    ),
    path("workforce/<int:queue_id>/roster/", views.roster_run, name="workforce_roster"),
    path(
        "workforce/<int:queue_id>/shifts/", views.shift_add, name="workforce_shift_add"
    ),
    path(
        "workforce/shifts/<int:shift_id>/remove/",
        views.shift_remove,
        name="workforce_shift_remove",
    ),
]

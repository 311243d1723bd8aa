"""Staff routes of the portal app (included under /staff/, namespace "staff")."""

from django.urls import path

from onestop.appointments import views as appointments
from onestop.portal import staff_views

urlpatterns = [
    path(
        "online-applications/",
        staff_views.online_applications,
        name="online_applications",
    ),
    path(
        "online-applications/<int:pk>/files/<int:position>/",
        staff_views.online_application_file,
        name="online_application_file",
    ),
    path("appointments/", appointments.hall_appointments, name="appointments"),
]

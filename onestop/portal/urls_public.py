"""Public routes of the portal app (included under /o/<org_slug>/).

Only tokens travel in these addresses — never a name, a phone or a receipt
number: the status lookup takes its numbers by POST.
"""

from django.urls import path

from onestop.appointments import views as appointments
from onestop.portal import views

urlpatterns = [
    path("apply/<str:code>/", views.online_apply, name="online_apply"),
    path(
        "applications/<str:token>/",
        views.online_application,
        name="online_application",
    ),
    path(
        "applications/<str:token>/withdraw/",
        views.online_application_withdraw,
        name="online_application_withdraw",
    ),
    path("status/", views.status_lookup, name="status_lookup"),
    path("appointments/", appointments.booking_start, name="appointments_public"),
    path(
        "appointments/slots/<int:slot_id>/",
        appointments.booking_form,
        name="appointment_book",
    ),
    path(
        "appointments/<str:token>/",
        appointments.booking_confirmation,
        name="appointment",
    ),
    path(
        "appointments/<str:token>/cancel/",
        appointments.booking_cancel,
        name="appointment_cancel",
    ),
]

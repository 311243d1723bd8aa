"""Public routes of the queueing app (included under /o/<org_slug>/)."""

from django.urls import path

from onestop.queueing import views

urlpatterns = [
    path("kiosk/", views.kiosk, name="queue_kiosk"),
    path("kiosk/take/", views.kiosk_take, name="queue_kiosk_take"),
    path("kiosk/check-in/", views.kiosk_check_in, name="queue_kiosk_check_in"),
    path("kiosk/t/<str:token>/", views.kiosk_ticket, name="queue_kiosk_ticket"),
    path("display/", views.display, name="queue_display"),
    path("display.json", views.display_json, name="queue_display_json"),
    path("screen/", views.screen, name="queue_screen"),
]

"""Public routes of the providers app (included under /o/<org_slug>/).

Feedback officers report here.

The officer's personal key is the only credential in the address; it names no one.
"""

from django.urls import path

from onestop.providers import public_views

urlpatterns = [
    path("feedback/<str:key>/", public_views.officer_report, name="provider_feedback"),
]

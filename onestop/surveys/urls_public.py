"""Public routes of the surveys app (included under /o/<org_slug>/).

The invitation's token is the only thing in the address: no case number, no phone.
"""

from django.urls import path

from onestop.surveys import views

urlpatterns = [
    path("survey/<str:token>/", views.answer, name="survey_answer"),
]

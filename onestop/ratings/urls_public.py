"""Public routes of the ratings app (included under /o/<org_slug>/).

The token is the only thing in the address: no receipt number, no phone.
"""

from django.urls import path

from onestop.ratings import views

urlpatterns = [
    path("rate/<str:token>/", views.rate, name="rate"),
]

"""Public routes of the servicecontracts app (included under /o/<org_slug>/).

Only the contract's unguessable token is in the address.
"""

from django.urls import path

from onestop.servicecontracts import views

urlpatterns = [
    path("contract/<str:token>/", views.contract_public, name="contract_entitlements"),
]

"""API routes of customers (included under /api/v1/)."""

from django.urls import path

from onestop.customers.api import HotlineRouteView

urlpatterns = [
    path("hotline/route/", HotlineRouteView.as_view(), name="hotline_route"),
]

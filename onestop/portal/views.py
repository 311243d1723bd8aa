"""The public front door: the organisations this deployment serves."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from onestop.organisations.selectors import organisation_list_public


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/home.html", {"organisations": organisation_list_public()}
    )

"""The staff home page: the organisation at a glance, and today's calendar."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from onestop.compute.workdays import CalendarNotCovered
from onestop.organisations.access import staff_view
from onestop.organisations.selectors import work_calendar_for
from onestop.workspace.selectors import organisation_overview

# The limits clerks quote most often, so the home page can answer
# "if I accept it now, when is it due?" at a glance.
COMMON_LIMITS = (1, 5, 10, 20)


@staff_view()
def staff_home(request: HttpRequest) -> HttpResponse:
    organisation = request.organisation  # type: ignore[attr-defined]
    return render(
        request,
        "workspace/home.html",
        {
            "overview": organisation_overview(organisation=organisation),
            **_calendar_today(organisation),
        },
    )


def _calendar_today(organisation: Any) -> dict[str, Any]:
    calendar = work_calendar_for(organisation)
    now = timezone.localtime()
    try:
        return {
            "today_is_workday": calendar.is_workday(now.date()),
            "due_examples": [
                (days, calendar.due_after(now, days)) for days in COMMON_LIMITS
            ],
        }
    except CalendarNotCovered as gap:
        return {"calendar_gap": str(gap)}

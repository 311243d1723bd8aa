"""What the survey pages share: the organisation, errors, the started stamp, periods.

The request's organisation; a service's refusal shown as messages or field by
field; the signed "form shown at" stamp that lets screening spot answers given
too fast (signed, so it cannot be faked); the period (and department) filter
of the results pages; the spreadsheet content type.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core import signing
from django.http import HttpRequest
from django.utils import timezone

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.surveys import selectors
from onestop.surveys.forms import PeriodForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STARTED_SALT = "surveys.started"


def _org(request: HttpRequest) -> Any:
    return request.organisation  # type: ignore[attr-defined]


def _field_errors(error: ServiceError | ServiceErrors) -> dict[str, str]:
    found: dict[str, str] = {}
    for problem in error.errors if isinstance(error, ServiceErrors) else [error]:
        found.setdefault(problem.field or "", problem.message)
    return found


def _started(value: str) -> datetime | None:
    """When the form was shown (signed, so it cannot be faked to look slow)."""
    try:
        stamp = signing.loads(value, salt=STARTED_SALT, max_age=86400)
    except signing.BadSignature:
        return None
    return datetime.fromtimestamp(float(stamp), tz=timezone.get_current_timezone())


def _period_form(request: HttpRequest, *, with_department: bool = False) -> PeriodForm:
    departments = (
        selectors.departments_of(organisation=_org(request))
        if with_department
        else None
    )
    return PeriodForm(
        request.GET or None, today=timezone.localdate(), departments=departments
    )

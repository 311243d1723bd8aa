"""What the public status lookup may say about a case: status, due date, next step. Nothing else.

The lookup needs the receipt number *and* the last four digits of the contact
phone. A wrong pair and an unknown number get the same answer after the same
work — one indexed query and one constant-time comparison — so the page
cannot be used to find out which numbers exist.
"""

from __future__ import annotations

import functools
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import Case, CaseStatus, PickupWay
from onestop.catalog.models import ServiceItem
from onestop.organisations.models import Organisation

NEXT_STEP = {
    CaseStatus.AWAITING_SUPPLEMENT: _(
        "Bring the materials listed in the one-time notice to the window; "
        "the case continues from there."
    ),
    CaseStatus.IN_PROGRESS: _(
        "Your case is being handled. Nothing is needed from you now; "
        "we will send a message when it is done."
    ),
    CaseStatus.SUSPENDED: _(
        "Handling is paused for a reason the law allows (for example an expert "
        "review); the time limit stops meanwhile. We will tell you when it resumes."
    ),
    CaseStatus.COMPLETED: _(
        "Please bring your acceptance receipt to the window to collect the result."
    ),
    CaseStatus.DELIVERED: _("The result has been handed over. Nothing more is needed."),
    CaseStatus.REJECTED: _(
        "Not accepted: the written notice gives the reason, the legal basis and "
        "how to seek a remedy."
    ),
    CaseStatus.REFERRED: _(
        "Not handled here: the referral notice names the competent body and how "
        "to reach it."
    ),
    CaseStatus.WITHDRAWN: _("The application was withdrawn."),
}
NEXT_STEP_COMPLETED_BY = {
    PickupWay.MAIL: _("The result is being sent to you by post."),
    PickupWay.ELECTRONIC: _("The result will be sent to you electronically."),
}
# Compared against when no case has the number, so both paths do the same work.
_DECOY = "\x00\x00\x00\x00"


@dataclass(frozen=True)
class PublicStatus:
    number: str
    item: str
    status: str
    status_label: str
    due_at: datetime | None
    next_step: str


def last_four_digits(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return digits[-4:] if len(digits) >= 4 else _DECOY


def _next_step(status: str, pickup_way: str) -> str:
    if status == CaseStatus.COMPLETED and pickup_way in NEXT_STEP_COMPLETED_BY:
        return str(NEXT_STEP_COMPLETED_BY[PickupWay(pickup_way)])
    return str(NEXT_STEP.get(CaseStatus(status), ""))


def case_status_public(
    *, organisation: Organisation, number: str, phone_last4: str
) -> PublicStatus | None:
    """The case's public status if the number and the phone's last four digits match."""
    number = "".join(number.split()).upper()
    row = _case_row(organisation.pk, number)
    expected = last_four_digits(row[3]) if row else _DECOY
    matches = hmac.compare_digest(expected.encode(), phone_last4.encode())
    if row is None or not matches:
        return None
    status, due_at, pickup_way, _phone, item = row
    return PublicStatus(
        number=number,
        item=item,
        status=status,
        status_label=str(CaseStatus(status).label),
        due_at=_datetime(due_at),
        next_step=_next_step(status, pickup_way),
    )


@functools.cache
def _case_sql() -> str:
    case, item = Case._meta, ServiceItem._meta
    return (
        "SELECT c.status, c.due_at, c.pickup_way, c.applicant_phone, i.name"
        f" FROM {case.db_table} c JOIN {item.db_table} i ON i.id = c.item_id"
        " WHERE c.number = %s AND c.organisation_id = %s"
    )


def _case_row(organisation_id: int, number: str) -> tuple[Any, ...] | None:
    # Plain SQL on purpose: building this query through the ORM cost six times
    # running it, on the public page hit hardest (bench/public.py). One indexed
    # row (the number is unique), the same work whether it exists or not.
    with connection.cursor() as cursor:
        cursor.execute(_case_sql(), [number, organisation_id])
        return cursor.fetchone()


def _datetime(value: datetime | str | None) -> datetime | None:
    # Through a plain cursor SQLite hands a datetime back naive (in UTC, as
    # Django stores it there), which the ORM would have made aware; PostgreSQL
    # hands back an aware datetime.
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value

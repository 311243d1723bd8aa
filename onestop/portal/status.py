"""What the public status lookup may say about a case: status, due date, next step. Nothing else.

The lookup needs the receipt number *and* the last four digits of the contact
phone. A wrong pair and an unknown number get the same answer after the same
work — one indexed query and one constant-time comparison — so the page
cannot be used to find out which numbers exist.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from onestop.cases.models import Case, CaseStatus, PickupWay
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
    row = (
        Case.objects.filter(organisation=organisation, number=number)
        .values(
            "number", "status", "due_at", "pickup_way", "applicant_phone", "item__name"
        )
        .first()
    )
    expected = last_four_digits(row["applicant_phone"]) if row else _DECOY
    matches = hmac.compare_digest(expected.encode(), phone_last4.encode())
    if row is None or not matches:
        return None
    return PublicStatus(
        number=row["number"],
        item=row["item__name"],
        status=row["status"],
        status_label=str(CaseStatus(row["status"]).label),
        due_at=row["due_at"],
        next_step=_next_step(row["status"], row["pickup_way"]),
    )

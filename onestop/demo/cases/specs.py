"""The shape of a demo case: who came, with what, and what was done since.

A ``CaseSpec`` is one request as the window took it — the item, the
applicant, the time, the clerk, the outcome and which materials were
missing or faulty — followed by ``Act``s: the supplement and the circulation
actions, each with its time and the login of the person who took it.
``expect`` is the status the script must leave the case in; the loader
checks it, so a script that stops short is caught at load time.

Applicants are made up; their identity numbers are built here with the real
check characters, so the window's checks accept them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from onestop.cases.models import ApplicantKind, CaseStatus, Channel, PickupWay
from onestop.intake.checks import Applicant
from onestop.intake.services import Decision

TZ = ZoneInfo("Asia/Shanghai")
SUPPLEMENT = "supplement"
"""The ``Act.action`` recorded through ``case_supplement``; all others go to ``case_act``."""


def at(text: str) -> datetime:
    """``"11-23 09:40"`` → 23 November 2026, 09:40 in Beijing time."""
    return datetime.fromisoformat(f"2026-{text}").replace(tzinfo=TZ)


@dataclass(frozen=True)
class Act:
    """One action on an opened case; ``params`` are the service's keyword arguments.

    For a supplement, ``params`` hold ``brings`` (positions brought in full),
    ``defects`` ({position: what is still wrong}), ``outcome``, and, for a
    second notice, ``justification``.
    """

    when: datetime
    by: str
    action: str
    params: Mapping[str, Any] = field(default_factory=dict)


def act(when: str, by: str, action: str, **params: Any) -> Act:
    return Act(at(when), by, action, MappingProxyType(params))


@dataclass(frozen=True)
class CaseSpec:
    """A request taken at the window, and the script of what followed."""

    item: str
    applicant: Applicant
    received: datetime
    by: str
    outcome: str
    expect: CaseStatus
    missing: tuple[int, ...] = ()
    defects: Mapping[int, str] = field(default_factory=dict)
    applies: tuple[int, ...] = ()
    decision: Decision | None = None
    channel: str = Channel.COUNTER
    pickup_way: str = PickupWay.WINDOW
    pickup_note: str = ""
    then: tuple[Act, ...] = ()


def case(
    item: str,
    applicant: Applicant,
    when: str,
    by: str,
    outcome: str,
    expect: CaseStatus,
    *then: Act,
    **details: Any,
) -> CaseSpec:
    """A ``CaseSpec`` in one line: ``details`` are its optional fields."""
    if "defects" in details:
        details["defects"] = MappingProxyType(details["defects"])
    return CaseSpec(
        item, applicant, at(when), by, outcome, expect, then=then, **details
    )


# --- identity numbers with their check characters ----------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def resident_id(area: str, born: str, serial: str) -> str:
    """GB 11643: area code, birth date (YYYYMMDD), 3-digit serial (odd: male), check."""
    body = f"{area}{born}{serial}"
    if len(body) != 17 or not body.isdigit():
        raise ValueError(f"not 17 digits: {body}")
    total = sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True))
    return body + _ID_CHECK[total % 11]


def credit_code(area: str, organisation_code: str, *, kind: str = "91") -> str:
    """GB 32100: registration kind, area code, the 9-character organisation code, check.

    ``organisation_code`` is the 8-character body of the GB 11714 code; its
    own check character is added first.
    """
    # GB 11714 reads digits and capital letters in base 36 (A = 10 … Z = 35).
    org_total = sum(
        int(ch, 36) * w for ch, w in zip(organisation_code, _ORG_WEIGHTS, strict=True)
    )
    org_check = 11 - org_total % 11
    org = organisation_code + {10: "X", 11: "0"}.get(org_check, str(org_check))
    body = f"{kind}{area}{org}"
    if len(body) != 17 or any(ch not in _CREDIT_CHARS for ch in body):
        raise ValueError(f"not a credit code body: {body}")
    total = sum(
        _CREDIT_CHARS.index(ch) * w for ch, w in zip(body, _CREDIT_WEIGHTS, strict=True)
    )
    return body + _CREDIT_CHARS[(31 - total % 31) % 31]


def person(
    name: str,
    phone: str,
    id_number: str,
    *,
    email: str = "",
    address: str = "",
) -> Applicant:
    return Applicant(
        kind=ApplicantKind.PERSON,
        name=name,
        phone=phone,
        id_number=id_number,
        email=email,
        address=address,
    )


def firm(
    name: str,
    phone: str,
    code: str,
    contact: str,
    *,
    email: str = "",
    address: str = "",
) -> Applicant:
    return Applicant(
        kind=ApplicantKind.ORGANISATION,
        name=name,
        phone=phone,
        id_number=code,
        email=email,
        address=address,
        contact_person=contact,
    )

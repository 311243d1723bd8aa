"""What the window checks before it decides: the applicant's details and the materials.

Pure checks that raise nothing: each returns the problems it finds, so the
window screen can show them all at once and the services refuse with the
same messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from onestop.cases.errors import CaseError
from onestop.cases.models import ApplicantKind
from onestop.catalog.models import Necessity
from onestop.catalog.versions import MaterialSpec
from onestop.common.errors import ServiceError
from onestop.common.identity import credit_code_problem, resident_id_problem

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


@dataclass(frozen=True)
class Applicant:
    kind: str
    name: str
    phone: str
    id_number: str = ""
    email: str = ""
    address: str = ""
    contact_person: str = ""


@dataclass(frozen=True)
class MaterialCheck:
    """The clerk's finding on one line of the item's material list."""

    position: int
    received: bool
    form: str = ""
    count: int = 0
    defective: bool = False
    defect_reason: str = ""
    applies: bool = True


@dataclass(frozen=True)
class Shortfall:
    """A material the applicant still owes, and why."""

    position: int
    name: str
    defective: bool
    reason: str


def applicant_problems(applicant: Applicant) -> list[ServiceError]:
    problems = []
    if not applicant.name.strip():
        problems.append(ServiceError(CaseError.NAME_MISSING, field="applicant_name"))
    phone = applicant.phone.strip()
    if not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        problems.append(ServiceError(CaseError.PHONE_INVALID, field="applicant_phone"))
    if applicant.email:
        try:
            validate_email(applicant.email)
        except ValidationError:
            problems.append(
                ServiceError(CaseError.EMAIL_INVALID, field="applicant_email")
            )
    if applicant.id_number:
        check = (
            credit_code_problem
            if applicant.kind == ApplicantKind.ORGANISATION
            else resident_id_problem
        )
        problem = check(applicant.id_number)
        if problem:
            problems.append(
                ServiceError(
                    CaseError.ID_INVALID, field="applicant_id_number", problem=problem
                )
            )
    return problems


def material_problems(
    checks: list[MaterialCheck], materials: tuple[MaterialSpec, ...], item_name: str
) -> list[ServiceError]:
    """Checks that do not fit the item's list: unknown lines, lines twice, defects unexplained."""
    problems, seen = [], set()
    for check in checks:
        if not 1 <= check.position <= len(materials):
            problems.append(
                ServiceError(
                    CaseError.MATERIAL_NOT_OF_ITEM,
                    field="materials",
                    position=check.position,
                    item=item_name,
                )
            )
            continue
        if check.position in seen:
            problems.append(
                ServiceError(
                    CaseError.MATERIAL_TWICE, field="materials", position=check.position
                )
            )
        seen.add(check.position)
        if check.defective and not check.defect_reason.strip():
            name = materials[check.position - 1].name
            problems.append(
                ServiceError(
                    CaseError.DEFECT_NEEDS_REASON, field="materials", material=name
                )
            )
    return problems


def shortfalls(
    checks: list[MaterialCheck], materials: tuple[MaterialSpec, ...]
) -> list[Shortfall]:
    """Every needed material not received in full and sound — the one-time notice's list."""
    by_position = {check.position: check for check in checks}
    owed = []
    for position, spec in enumerate(materials, start=1):
        check = by_position.get(
            position, MaterialCheck(position=position, received=False)
        )
        needed = spec.necessity == Necessity.MANDATORY or check.applies
        if not needed:
            continue
        if check.received and check.defective:
            owed.append(
                Shortfall(position, spec.name, True, check.defect_reason.strip())
            )
        elif not check.received:
            owed.append(Shortfall(position, spec.name, False, ""))
        elif check.count < spec.copies:
            reason = _("%(count)s of %(copies)s copies received") % {
                "count": check.count,
                "copies": spec.copies,
            }
            owed.append(Shortfall(position, spec.name, False, reason))
    return owed

"""Inspectors' deductions, and which months of a contract are still open.

``deduction_record`` keeps an inspector's check with its evidence against a
month of a contract. The guards here (the month lies in the contract's period;
it is not signed yet) also protect the monthly assessment.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.providers.errors import ProviderError
from onestop.providers.models import (
    AssessmentStatus,
    Contract,
    ContractDeduction,
    MonthlyAssessment,
)
from onestop.providers.months import month_end, month_label, month_start


@transaction.atomic
def deduction_record(
    *,
    actor: Any,
    contract: Contract,
    month: date,
    points: Decimal,
    reason: str,
    evidence: str,
    now: datetime | None = None,
) -> ContractDeduction:
    """An inspector's deduction for a month not yet signed, with its evidence."""
    month = month_start(month)
    errors = []
    if not Decimal("0.01") <= points <= 100:
        errors.append(ServiceError(ProviderError.DEDUCTION_POINTS, field="points"))
    if not reason.strip():
        errors.append(ServiceError(ProviderError.REASON_MISSING, field="reason"))
    if not evidence.strip():
        errors.append(ServiceError(ProviderError.EVIDENCE_MISSING, field="evidence"))
    raise_all(errors + _month_errors(contract, month))
    _refuse_signed(contract, month)
    deduction = ContractDeduction.objects.create(
        organisation_id=contract.organisation_id,
        contract=contract,
        month=month,
        points=points,
        reason=reason.strip(),
        evidence=evidence.strip(),
        recorded_by=actor,
        recorded_at=now or timezone.now(),
    )
    audit_record(
        verb="providers.deduction_recorded",
        actor=actor,
        organisation=contract.organisation,
        target=deduction,
        data={"points": str(points), "reason": deduction.reason},
    )
    return deduction


def _month_errors(contract: Contract, month: date) -> list[ServiceError]:
    if month_end(month) < contract.starts_on or month > contract.ends_on:
        return [
            ServiceError(
                ProviderError.MONTH_OUTSIDE, field="month", month=month_label(month)
            )
        ]
    return []


def _refuse_signed(contract: Contract, month: date) -> None:
    signed = MonthlyAssessment.objects.filter(
        contract=contract, month=month, status=AssessmentStatus.SIGNED
    )
    if signed.exists():
        raise ServiceError(
            ProviderError.SIGNED, field="month", month=month_label(month)
        )

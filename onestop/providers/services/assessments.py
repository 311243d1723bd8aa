"""The monthly assessment of a contract: its score and payment, and signing it.

``assessment_run`` (one contract) and ``assessment_run_month`` (every contract
in force) compute a month as a new draft version: KPI points less deductions
give the score, the contract's payment rule gives the amount, and each KPI and
deduction is kept as a line. ``assessment_sign`` closes the month.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.compute.payment import payment_for
from onestop.organisations.models import Organisation
from onestop.providers.errors import ProviderError
from onestop.providers.models import (
    AssessmentLine,
    AssessmentStatus,
    Contract,
    ContractDeduction,
    LineKind,
    MonthlyAssessment,
)
from onestop.providers.months import month_end, month_label, month_start
from onestop.providers.services.contracts import formula_of
from onestop.providers.services.deductions import _month_errors, _refuse_signed
from onestop.providers.services.scoring import KpiResult, kpi_results


@transaction.atomic
def assessment_run(
    *, actor: Any, contract: Contract, month: date, now: datetime | None = None
) -> MonthlyAssessment:
    """Compute ``contract``'s ``month`` from the data as a new version (draft)."""
    now = now or timezone.now()
    month = month_start(month)
    raise_all(_month_errors(contract, month))
    if timezone.localdate(now) <= month_end(month):
        raise ServiceError(
            ProviderError.MONTH_NOT_OVER, field="month", month=month_label(month)
        )
    Contract.objects.select_for_update().filter(pk=contract.pk).first()
    _refuse_signed(contract, month)
    results = kpi_results(contracts=[contract], month=month)[contract.pk]
    deductions = list(contract.deductions.filter(month=month).order_by("recorded_at"))
    assessment = _assessment_save(contract, month, results, deductions, actor, now)
    audit_record(
        verb="providers.assessment_run",
        actor=actor,
        organisation=contract.organisation,
        target=assessment,
        data={"score": str(assessment.score), "amount": str(assessment.amount)},
    )
    return assessment


@transaction.atomic
def assessment_run_month(
    *,
    actor: Any,
    organisation: Organisation,
    month: date,
    now: datetime | None = None,
) -> list[MonthlyAssessment]:
    """Compute ``month`` for every contract in force then and not yet signed.

    Each contract gets a new version exactly as ``assessment_run`` would give
    it, but the KPI figures of all the contracts come from one grouped query
    per table of records. Signed months are left as they are.
    """
    now = now or timezone.now()
    month = month_start(month)
    if timezone.localdate(now) <= month_end(month):
        raise ServiceError(
            ProviderError.MONTH_NOT_OVER, field="month", month=month_label(month)
        )
    signed = MonthlyAssessment.objects.filter(
        month=month, status=AssessmentStatus.SIGNED
    ).values("contract_id")
    contracts = list(
        Contract.objects.select_for_update()
        .filter(
            organisation=organisation,
            starts_on__lte=month_end(month),
            ends_on__gte=month,
        )
        .exclude(pk__in=signed)
        .order_by("pk")
    )
    results = kpi_results(contracts=contracts, month=month)
    deductions: dict[int, list[ContractDeduction]] = {c.pk: [] for c in contracts}
    for deduction in ContractDeduction.objects.filter(
        contract__in=contracts, month=month
    ).order_by("recorded_at", "pk"):
        deductions[deduction.contract_id].append(deduction)
    assessments = [
        _assessment_save(c, month, results[c.pk], deductions[c.pk], actor, now)
        for c in contracts
    ]
    audit_record(
        verb="providers.month_run",
        actor=actor,
        organisation=organisation,
        data={"month": month_label(month), "contracts": len(assessments)},
    )
    return assessments


def _assessment_save(
    contract: Contract,
    month: date,
    results: list[KpiResult],
    deductions: list[ContractDeduction],
    actor: Any,
    now: datetime,
) -> MonthlyAssessment:
    kpi_points = sum((r.points for r in results), Decimal(0))
    deducted = sum((d.points for d in deductions), Decimal(0))
    score = max(min(kpi_points - deducted, Decimal(100)), Decimal(0))
    formula = formula_of(contract)
    working = payment_for(score, contract.monthly_base, formula)
    latest = contract.assessments.filter(month=month).aggregate(v=Max("version"))["v"]
    assessment = MonthlyAssessment.objects.create(
        organisation_id=contract.organisation_id,
        contract=contract,
        month=month,
        version=(latest or 0) + 1,
        kpi_points=kpi_points,
        deducted_points=deducted,
        score=score,
        base_amount=contract.monthly_base,
        amount=working.amount,
        payment_lines=[
            {
                "kind": str(line.kind),
                "amount": str(line.amount),
                "points": str(line.points),
                "rate": str(line.rate),
            }
            for line in working.lines
        ],
        formula={k: (None if v is None else str(v)) for k, v in vars(formula).items()},
        computed_at=now,
        computed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    AssessmentLine.objects.bulk_create(_lines(assessment, results, deductions))
    return assessment


def _lines(
    assessment: MonthlyAssessment,
    results: list[KpiResult],
    deductions: list[ContractDeduction],
) -> list[AssessmentLine]:
    lines = [
        AssessmentLine(
            assessment=assessment,
            position=position,
            kind=LineKind.KPI,
            name=r.kpi.name,
            metric=r.kpi.metric,
            weight=r.kpi.weight,
            value=None if r.value is None else r.value.value,
            count=0 if r.value is None else r.value.count,
            full_points=r.kpi.full_points,
            points=r.points,
            template=r.template,
            params=r.params,
        )
        for position, r in enumerate(results, start=1)
    ]
    start = len(lines) + 1
    lines += [
        AssessmentLine(
            assessment=assessment,
            position=position,
            kind=LineKind.DEDUCTION,
            name=d.reason,
            full_points=Decimal(0),
            points=-d.points,
            evidence=d.evidence,
        )
        for position, d in enumerate(deductions, start=start)
    ]
    return lines


@transaction.atomic
def assessment_sign(
    *, actor: Any, assessment: MonthlyAssessment, now: datetime | None = None
) -> MonthlyAssessment:
    """Sign the latest version of a month; the month's payment is then fixed."""
    assessment = MonthlyAssessment.objects.select_for_update().get(pk=assessment.pk)
    _refuse_signed(assessment.contract, assessment.month)
    latest = assessment.contract.assessments.filter(month=assessment.month).aggregate(
        v=Max("version")
    )["v"]
    if assessment.version != latest:
        raise ServiceError(ProviderError.NOTHING_TO_SIGN, field="version")
    assessment.status = AssessmentStatus.SIGNED
    assessment.signed_at = now or timezone.now()
    assessment.signed_by = actor
    assessment.save(update_fields=["status", "signed_at", "signed_by"])
    audit_record(
        verb="providers.assessment_signed",
        actor=actor,
        organisation=assessment.contract.organisation,
        target=assessment,
        data={"score": str(assessment.score), "amount": str(assessment.amount)},
    )
    return assessment

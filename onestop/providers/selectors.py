"""Reads of the providers app, each within one organisation and without N+1 queries.

``scope`` says whose contracts a reader may see: ``None`` for every
provider's (staff of the organisation), or one ``Provider`` (its own staff).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from onestop.organisations.models import Organisation
from onestop.providers.models import (
    AssessmentLine,
    AssessmentStatus,
    Contract,
    ContractStatus,
    FeedbackOfficer,
    FeedbackReport,
    LineKind,
    MonthlyAssessment,
    Provider,
    ProviderStaff,
    ReportStatus,
    ServiceType,
)
from onestop.providers.renewal import MonthScore, Recommendation, recommend


def provider_of(*, user: Any, organisation: Organisation) -> Provider | None:
    link = (
        ProviderStaff.objects.filter(organisation=organisation, user=user)
        .select_related("provider")
        .first()
    )
    return link.provider if link else None


def contract_list(
    *, organisation: Organisation, scope: Provider | None
) -> QuerySet[Contract]:
    contracts = Contract.objects.filter(organisation=organisation).select_related(
        "provider", "service_type"
    )
    if scope is not None:
        contracts = contracts.filter(provider=scope)
    return contracts.prefetch_related("regions").order_by(
        "service_type__code", "provider__name", "number"
    )


def contract_get(
    *, organisation: Organisation, number: str, scope: Provider | None
) -> Contract:
    contract = contract_list(organisation=organisation, scope=scope).filter(
        number=number
    )
    found = contract.prefetch_related("kpis", "service_type__items").first()
    if found is None:
        raise Http404
    return found


def latest_assessments(*, contracts: list[Contract]) -> dict[tuple[int, date], Any]:
    """(contract id, month) → the latest version of that month."""
    rows = MonthlyAssessment.objects.filter(contract__in=contracts).order_by(
        "contract_id", "month", "version"
    )
    latest: dict[tuple[int, date], MonthlyAssessment] = {}
    for row in rows:
        latest[(row.contract_id, row.month)] = row  # later versions overwrite
    return latest


def contract_months(*, contract: Contract) -> list[MonthlyAssessment]:
    """The contract's months, latest version each, oldest first, with their lines."""
    latest = latest_assessments(contracts=[contract])
    ids = [a.pk for a in latest.values()]
    rows = (
        MonthlyAssessment.objects.filter(pk__in=ids)
        .prefetch_related(
            Prefetch("lines", AssessmentLine.objects.order_by("position"))
        )
        .order_by("month")
    )
    return list(rows)


def assessment_get(
    *, contract: Contract, month: date, version: int | None = None
) -> MonthlyAssessment:
    rows = MonthlyAssessment.objects.filter(contract=contract, month=month)
    rows = rows.select_related("computed_by", "signed_by").prefetch_related(
        Prefetch("lines", AssessmentLine.objects.order_by("position"))
    )
    found = (
        rows.filter(version=version).first()
        if version
        else rows.order_by("-version").first()
    )
    if found is None:
        raise Http404
    return found


def assessment_versions(*, contract: Contract, month: date) -> list[MonthlyAssessment]:
    return list(
        MonthlyAssessment.objects.filter(contract=contract, month=month).order_by(
            "-version"
        )
    )


def month_score(assessment: MonthlyAssessment) -> MonthScore:
    """A month as the renewal rule reads it (lines prefetched)."""
    lines = list(assessment.lines.all())
    return MonthScore(
        month=assessment.month,
        score=assessment.score,
        amount=assessment.amount,
        signed=assessment.status == AssessmentStatus.SIGNED,
        short_kpis=tuple(
            line.name
            for line in lines
            if line.kind == LineKind.KPI and line.points < line.full_points
        ),
        deductions=sum(1 for line in lines if line.kind == LineKind.DEDUCTION),
    )


def renewal_for(
    *, contract: Contract, months: list[MonthlyAssessment]
) -> Recommendation:
    """The renewal recommendation from the contract's signed months."""
    signed = [month_score(a) for a in months if a.status == AssessmentStatus.SIGNED]
    return recommend(
        signed,
        needed=contract.review_after_months,
        renew_at=contract.renew_at,
        conditions_at=contract.conditions_at,
    )


@dataclass(frozen=True)
class ComparisonRow:
    contract: Contract
    cells: list[MonthlyAssessment | None]  # one per month compared
    kpis: dict[str, list[Any]]  # KPI name → points per month (None: not assessed)
    average: float | None


def comparison(
    *, organisation: Organisation, service_type: ServiceType, months: list[date]
) -> list[ComparisonRow]:
    """Competing providers of one service type, side by side, month by month."""
    contracts = list(
        contract_list(organisation=organisation, scope=None).filter(
            service_type=service_type
        )
    )
    lines = AssessmentLine.objects.filter(
        assessment__contract__in=contracts,
        assessment__month__in=months,
        kind=LineKind.KPI,
    ).values_list("assessment_id", "name", "points")
    latest = latest_assessments(contracts=contracts)
    points_by: dict[int, dict[str, Any]] = defaultdict(dict)
    for assessment_id, name, points in lines:
        points_by[assessment_id][name] = points
    rows = []
    for contract in contracts:
        cells = [latest.get((contract.pk, m)) for m in months]
        names = list(dict.fromkeys(n for c in cells if c for n in points_by[c.pk]))
        kpis = {
            n: [points_by[c.pk].get(n) if c else None for c in cells] for n in names
        }
        scores = [float(c.score) for c in cells if c]
        average = round(sum(scores) / len(scores), 2) if scores else None
        rows.append(ComparisonRow(contract, cells, kpis, average))
    return rows


def service_types_in_competition(*, organisation: Organisation) -> list[ServiceType]:
    return list(
        ServiceType.objects.filter(organisation=organisation)
        .prefetch_related("contracts__provider")
        .order_by("code")
    )


def month_export_rows(
    *, organisation: Organisation, month: date
) -> list[MonthlyAssessment]:
    """Every contract's latest version of ``month``, with lines, for the export."""
    contracts = list(contract_list(organisation=organisation, scope=None))
    latest = latest_assessments(contracts=contracts)
    ids = [a.pk for (cid, m), a in latest.items() if m == month]
    return list(
        MonthlyAssessment.objects.filter(pk__in=ids)
        .select_related("contract__provider", "contract__service_type")
        .prefetch_related(
            Prefetch("lines", AssessmentLine.objects.order_by("position"))
        )
        .order_by("contract__service_type__code", "contract__provider__name")
    )


def report_queue(*, organisation: Organisation) -> QuerySet[FeedbackReport]:
    return (
        FeedbackReport.objects.filter(organisation=organisation)
        .select_related(
            "officer", "contract__provider", "contract__service_type", "region"
        )
        .prefetch_related("photos")
        .order_by("status", "-submitted_at")
    )


def report_get(*, organisation: Organisation, pk: int) -> FeedbackReport:
    found = report_queue(organisation=organisation).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def reports_of_contract(
    *, contract: Contract, start: date, end: date
) -> list[FeedbackReport]:
    return list(
        contract.reports.filter(
            status=ReportStatus.CONFIRMED,
            observed_on__gte=start,
            observed_on__lte=end,
        )
        .select_related("region", "officer")
        .order_by("observed_on")
    )


def officer_list(*, organisation: Organisation) -> QuerySet[FeedbackOfficer]:
    return FeedbackOfficer.objects.filter(organisation=organisation).select_related(
        "region"
    )


def officer_by_key(*, organisation: Organisation, key: str) -> FeedbackOfficer:
    found = FeedbackOfficer.objects.filter(
        organisation=organisation, key=key, is_active=True
    ).first()
    if found is None:
        raise Http404
    return found


def active_contracts(*, organisation: Organisation) -> QuerySet[Contract]:
    return contract_list(organisation=organisation, scope=None).filter(
        status=ContractStatus.ACTIVE
    )


# --- Setting up ------------------------------------------------------------------------


def provider_setup_list(*, organisation: Organisation) -> QuerySet[Provider]:
    """Every provider with its staff and its number of contracts (three queries)."""
    from django.db.models import Count

    return (
        Provider.objects.filter(organisation=organisation)
        .annotate(contract_count=Count("contracts", distinct=True))
        .prefetch_related(
            Prefetch(
                "staff",
                queryset=ProviderStaff.objects.select_related("user").order_by(
                    "user__username"
                ),
            )
        )
        .order_by("-is_active", "name")
    )


def provider_get(*, organisation: Organisation, pk: int) -> Provider:
    found = provider_setup_list(organisation=organisation).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def kpi_library(*, organisation: Organisation) -> list[Any]:
    """The indicator versions a contract KPI can be copied from: the latest of
    each data-sourced indicator in use."""
    from onestop.assessment.metrics import METRICS
    from onestop.assessment.models import Source
    from onestop.assessment.selectors import current_versions

    return [
        version
        for version in current_versions(organisation=organisation)
        if version.source == Source.METRIC and version.metric_key in METRICS
    ]

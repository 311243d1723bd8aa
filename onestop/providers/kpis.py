"""The figures a contract's KPIs are scored on, for a month.

A contract's work is the work of its provider's staff (``ProviderStaff``)
on the catalogue items of the contract's service type: the data metrics of
``onestop.assessment.metrics`` are counted for the group of those people,
narrowed to those items (the cases, their steps, ratings, rectifications,
inspections and hall numbers) — one grouped query per table of records for
every metric and contract at once. So a provider holding a canteen and a
cleaning contract has its canteen cases counted for the one and its cleaning
cases for the other. A service type listing no catalogue items has no
data-sourced work. Cases record no place, so two contracts of one provider
for the same service type in different regions share that work; the feedback
officers' reports name the contract and the place, so they count for their
contract alone.
One metric belongs to this app: ``officer_reports``, the feedback officers'
reports on the contract confirmed by a check, counted by the day seen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.assessment.metrics import METRICS, MetricValue, metric_figures
from onestop.organisations.models import Organisation
from onestop.providers.models import (
    Contract,
    FeedbackReport,
    ProviderStaff,
    ReportStatus,
    ServiceType,
)

OFFICER_REPORTS = "officer_reports"
OFFICER_REPORTS_LABEL = pgettext_lazy("provider metric", "Confirmed officer reports")
OFFICER_REPORTS_DEFINITION = _(
    "Reports of the feedback officers on this contract's service, seen in the month "
    "and confirmed by a check."
)
# Counted metrics: nothing recorded means zero events, so they always score.
COUNT_METRICS = {OFFICER_REPORTS} | {k for k, m in METRICS.items() if m.is_count}


def metric_choices() -> list[tuple[str, Promise]]:
    """Every source a KPI may name, with its label."""
    return [(key, m.label) for key, m in METRICS.items()] + [
        (OFFICER_REPORTS, OFFICER_REPORTS_LABEL)
    ]


def metric_label(key: str) -> str:
    if key == OFFICER_REPORTS:
        return str(OFFICER_REPORTS_LABEL)
    metric = METRICS.get(key)
    return str(metric.label) if metric else key


def metric_definition(key: str) -> str:
    if key == OFFICER_REPORTS:
        return str(OFFICER_REPORTS_DEFINITION)
    metric = METRICS.get(key)
    return str(metric.definition) if metric else ""


def staff_of(contracts: Iterable[Contract]) -> dict[int, list[int]]:
    """contract id → the user ids of its provider's staff (one query)."""
    contracts = list(contracts)
    by_provider: dict[int, list[int]] = defaultdict(list)
    links = ProviderStaff.objects.filter(
        provider_id__in={c.provider_id for c in contracts}
    ).values_list("provider_id", "user_id")
    for provider_id, user_id in links:
        by_provider[provider_id].append(user_id)
    return {c.pk: by_provider.get(c.provider_id, []) for c in contracts}


def items_of(contracts: Iterable[Contract]) -> dict[int, set[int]]:
    """contract id → the catalogue item ids of its service type (one query)."""
    contracts = list(contracts)
    by_type: dict[int, set[int]] = defaultdict(set)
    links = ServiceType.items.through.objects.filter(
        servicetype_id__in={c.service_type_id for c in contracts}
    ).values_list("servicetype_id", "serviceitem_id")
    for type_id, item_id in links:
        by_type[type_id].add(item_id)
    return {c.pk: by_type.get(c.service_type_id, set()) for c in contracts}


def officer_report_counts(
    *, contracts: Iterable[Contract], start: date, end: date
) -> dict[int, int]:
    """contract id → confirmed reports seen in [start, end]."""
    rows = (
        FeedbackReport.objects.filter(
            contract__in=list(contracts),
            status=ReportStatus.CONFIRMED,
            observed_on__gte=start,
            observed_on__lte=end,
        )
        .values("contract_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("contract_id", "n")
    )
    return dict(rows)


def kpi_values(
    *,
    organisation: Organisation,
    contracts: list[Contract],
    metrics: set[str],
    start: date,
    end: date,
) -> dict[tuple[int, str], MetricValue]:
    """(contract id, metric) → its figure in [start, end]; absent when nothing counted."""
    people: Mapping[int, list[int]] = staff_of(contracts)
    items: Mapping[int, set[int]] = items_of(contracts)
    found: dict[tuple[int, str], MetricValue] = {}
    figures = metric_figures(
        organisation=organisation,
        keys=sorted(metrics - {OFFICER_REPORTS}),
        subjects=["group"],
        start=start,
        end=end,
        people=people,
        item_ids=items,
    )
    for (_subject, key), values in figures.items():
        found.update({(cid, key): value for cid, value in values.items()})
    if OFFICER_REPORTS in metrics:
        counts = officer_report_counts(contracts=contracts, start=start, end=end)
        for contract in contracts:
            n = counts.get(contract.pk, 0)
            found[(contract.pk, OFFICER_REPORTS)] = MetricValue(float(n), n)
    return found

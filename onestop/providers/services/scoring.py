"""A month's KPI points: each contract KPI's figure from the data, scored by its rule.

``kpi_results`` fetches the figures of every KPI of several contracts with one
grouped query per table of records and scores each by the rule agreed in the
contract; a count with no records scores zero events, any other figure with
no records gets full points (no deduction without records).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from onestop.assessment.metrics import MetricValue
from onestop.compute.scoring import gettext_noop, rule_from_dict, score_points
from onestop.providers.kpis import COUNT_METRICS, kpi_values
from onestop.providers.models import Contract, ContractKpi
from onestop.providers.months import month_end

POINT = Decimal("0.01")


def points(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(POINT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class KpiResult:
    kpi: ContractKpi
    value: MetricValue | None
    points: Decimal
    template: str
    params: dict[str, str]


def kpi_results(
    *, contracts: list[Contract], month: date
) -> dict[int, list[KpiResult]]:
    """contract id → each KPI's figure and points for ``month`` (grouped queries)."""
    if not contracts:
        return {}
    kpis = list(
        ContractKpi.objects.filter(contract__in=contracts).order_by(
            "contract", "position"
        )
    )
    values = kpi_values(
        organisation=contracts[0].organisation,
        contracts=contracts,
        metrics={kpi.metric for kpi in kpis},
        start=month,
        end=month_end(month),
    )
    results: dict[int, list[KpiResult]] = {c.pk: [] for c in contracts}
    for kpi in kpis:
        value = values.get((kpi.contract_id, kpi.metric))
        results[kpi.contract_id].append(_score_kpi(kpi, value))
    return results


NOTHING_COUNTED = gettext_noop(
    "Nothing was counted this month: full %(full)s points (no deduction without records)."
)


def _score_kpi(kpi: ContractKpi, value: MetricValue | None) -> KpiResult:
    full = float(kpi.full_points)
    if value is None and kpi.metric in COUNT_METRICS:
        value = MetricValue(0.0, 0)
    if value is None:
        shown = {"full": f"{full:g}"}
        return KpiResult(kpi, None, points(full), NOTHING_COUNTED, shown)
    scored = score_points(rule_from_dict(kpi.rule), value.value, full)
    return KpiResult(
        kpi, value, points(scored.points), scored.template, dict(scored.params)
    )

"""Contracts and their KPIs: the terms agreed with a provider.

``KpiSpec`` and ``ContractTerms`` describe what is signed (the KPIs with their
source metrics, rules and weights; the period, regions and payment rule);
``kpi_errors`` and ``terms_errors`` name every problem with them together, and
``contract_create`` writes the contract only when there is none.
``formula_of`` reads a contract's payment rule back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.compute.payment import PaymentFormula, validate_formula
from onestop.compute.scoring import RuleError, rule_from_dict
from onestop.organisations.models import Organisation
from onestop.providers.errors import ProviderError
from onestop.providers.kpis import metric_choices
from onestop.providers.models import (
    Contract,
    ContractKpi,
    Provider,
    Region,
    ServiceType,
)


@dataclass(frozen=True)
class KpiSpec:
    name: str
    metric: str
    rule: dict[str, Any]
    weight: Decimal
    definition: str = ""
    target: str = ""

    @classmethod
    def from_indicator(cls, version: Any, weight: Decimal) -> KpiSpec:
        """A KPI taken from the assessment's indicator library (an ``IndicatorVersion``).

        The indicator's definition, source metric, target and rule are copied,
        so a contract keeps scoring by what was agreed when it was signed.
        """
        target = "" if version.target is None else f"{version.target:g}"
        return cls(
            name=version.name,
            metric=version.metric_key,
            rule=dict(version.rule),
            weight=weight,
            definition=version.definition,
            target=target,
        )


@dataclass(frozen=True)
class ContractTerms:
    number: str
    provider: Provider
    service_type: ServiceType
    regions: Sequence[Region]
    starts_on: date
    ends_on: date
    monthly_base: Decimal
    full_at: Decimal = Decimal(90)
    deduction_per_point: Decimal = Decimal(1)
    floor: Decimal = Decimal(70)
    bonus_per_point: Decimal = Decimal(0)
    bonus_cap: Decimal = Decimal(0)
    bonus_from: Decimal | None = None
    review_after_months: int = 6
    renew_at: Decimal = Decimal(90)
    conditions_at: Decimal = Decimal(80)
    kpis: Sequence[KpiSpec] = field(default_factory=tuple)


def formula_of(terms: Any) -> PaymentFormula:
    """The payment rule of a contract (or of its terms before it is saved)."""
    return PaymentFormula(
        full_at=Decimal(terms.full_at),
        deduction_per_point=Decimal(terms.deduction_per_point),
        floor=Decimal(terms.floor),
        bonus_per_point=Decimal(terms.bonus_per_point),
        bonus_cap=Decimal(terms.bonus_cap),
        bonus_from=None if terms.bonus_from is None else Decimal(terms.bonus_from),
    )


def kpi_errors(kpis: Sequence[KpiSpec]) -> list[ServiceError]:
    """Every problem with a contract's KPIs: sources, rules and weights."""
    if not kpis:
        return [ServiceError(ProviderError.NO_KPI, field="kpis")]
    known = {key for key, _label in metric_choices()}
    errors = []
    for kpi in kpis:
        if kpi.metric not in known:
            errors.append(
                ServiceError(
                    ProviderError.UNKNOWN_METRIC,
                    field="kpis",
                    kpi=kpi.name,
                    metric=kpi.metric,
                )
            )
        try:
            rule_from_dict(kpi.rule)
        except RuleError as error:
            errors.append(
                ServiceError(
                    ProviderError.BAD_RULE, field="kpis", kpi=kpi.name, problem=error
                )
            )
    total = sum((Decimal(k.weight) for k in kpis), Decimal(0))
    if total != 1:
        errors.append(ServiceError(ProviderError.WEIGHTS, field="kpis", total=total))
    return errors


def terms_errors(
    organisation: Organisation, terms: ContractTerms
) -> list[ServiceError]:
    errors = []
    taken = Contract.objects.filter(organisation=organisation, number=terms.number)
    if taken.exists():
        errors.append(
            ServiceError(
                ProviderError.NUMBER_TAKEN, field="number", number=terms.number
            )
        )
    if terms.ends_on < terms.starts_on:
        errors.append(ServiceError(ProviderError.PERIOD_REVERSED, field="ends_on"))
    if not terms.regions:
        errors.append(ServiceError(ProviderError.NO_REGION, field="regions"))
    owned = [terms.provider, terms.service_type, *terms.regions]
    for row in owned:
        if row.organisation_id != organisation.pk:
            errors.append(
                ServiceError(ProviderError.FOREIGN, field="provider", name=row)
            )
    try:
        validate_formula(formula_of(terms))
    except ValueError as error:
        errors.append(
            ServiceError(ProviderError.FORMULA, field="formula", problem=error)
        )
    if terms.renew_at < terms.conditions_at:
        errors.append(ServiceError(ProviderError.THRESHOLDS, field="renew_at"))
    return errors + kpi_errors(terms.kpis)


_TERM_FIELDS = [
    "number",
    "starts_on",
    "ends_on",
    "monthly_base",
    "full_at",
    "deduction_per_point",
    "floor",
    "bonus_per_point",
    "bonus_cap",
    "bonus_from",
    "review_after_months",
    "renew_at",
    "conditions_at",
]


@transaction.atomic
def contract_create(
    *, actor: Any, organisation: Organisation, terms: ContractTerms
) -> Contract:
    """A provider's contract with its KPIs, or a refusal naming every problem."""
    raise_all(terms_errors(organisation, terms))
    contract = Contract.objects.create(
        organisation=organisation,
        provider=terms.provider,
        service_type=terms.service_type,
        **{name: getattr(terms, name) for name in _TERM_FIELDS},
    )
    contract.regions.set(terms.regions)
    ContractKpi.objects.bulk_create(
        ContractKpi(
            contract=contract,
            position=position,
            name=kpi.name,
            definition=kpi.definition,
            metric=kpi.metric,
            rule=kpi.rule,
            target=kpi.target,
            weight=kpi.weight,
        )
        for position, kpi in enumerate(terms.kpis, start=1)
    )
    audit_record(
        verb="providers.contract_created",
        actor=actor,
        organisation=organisation,
        target=contract,
        data={"provider": terms.provider.name, "kpis": len(terms.kpis)},
    )
    return contract

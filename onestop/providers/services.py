"""Writes of the providers app. Each runs in one transaction with an audit event.

Providers: ``provider_save`` (create or edit, with the staff whose work
counts for it). Contracts: ``contract_create`` (with its KPIs, all
validated together), ``provider_staff_link``. The month: ``deduction_record`` (an inspector's
check with evidence), ``assessment_run`` (a new version of a contract's
month: KPI points from the data, deductions, payment), ``assessment_sign``
(closes the month). Feedback officers: ``officer_appoint``,
``report_submit`` (with photos kept privately), ``report_check``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onestop.assessment.metrics import MetricValue
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.compute.payment import PaymentFormula, payment_for, validate_formula
from onestop.compute.scoring import (
    RuleError,
    gettext_noop,
    rule_from_dict,
    score_points,
)
from onestop.organisations.models import Membership, Organisation
from onestop.portal.storage import private_storage
from onestop.providers.errors import ProviderError
from onestop.providers.kpis import COUNT_METRICS, kpi_values, metric_choices
from onestop.providers.models import (
    AssessmentLine,
    AssessmentStatus,
    Contract,
    ContractDeduction,
    ContractKpi,
    FeedbackOfficer,
    FeedbackReport,
    LineKind,
    MonthlyAssessment,
    Provider,
    ProviderStaff,
    Region,
    ReportStatus,
    ServiceType,
)
from onestop.providers.months import month_end, month_label, month_start
from onestop.providers.photos import Photo, photo_problems, store_photo

POINT = Decimal("0.01")


def points(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(POINT, rounding=ROUND_HALF_UP)


# --- Providers ------------------------------------------------------------------------

CREDIT_CODE = re.compile(r"^[0-9A-Z]{18}$")


@dataclass(frozen=True)
class ProviderDetails:
    name: str
    credit_code: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    is_active: bool = True


def _provider_errors(
    organisation: Organisation,
    details: ProviderDetails,
    provider: Provider | None,
    staff: Sequence[Any],
) -> list[ServiceError]:
    errors = []
    name = details.name.strip()
    if not name:
        errors.append(ServiceError(ProviderError.PROVIDER_NAME_MISSING, field="name"))
    else:
        taken = Provider.objects.filter(organisation=organisation, name=name)
        if provider is not None:
            taken = taken.exclude(pk=provider.pk)
        if taken.exists():
            errors.append(
                ServiceError(ProviderError.PROVIDER_NAME_TAKEN, field="name", name=name)
            )
    code = details.credit_code.strip()
    if code and not CREDIT_CODE.match(code):
        errors.append(
            ServiceError(ProviderError.CREDIT_CODE, field="credit_code", code=code)
        )
    members = set(
        Membership.objects.filter(
            organisation=organisation, is_active=True, user__in=list(staff)
        ).values_list("user_id", flat=True)
    )
    elsewhere = ProviderStaff.objects.filter(
        organisation=organisation, user__in=list(staff)
    ).select_related("provider")
    if provider is not None:
        elsewhere = elsewhere.exclude(provider=provider)
    taken_by = {link.user_id: link.provider for link in elsewhere}
    for user in staff:
        if user.pk not in members:
            errors.append(
                ServiceError(ProviderError.NOT_A_MEMBER, field="staff", user=user)
            )
        elif user.pk in taken_by:
            errors.append(
                ServiceError(
                    ProviderError.STAFF_ELSEWHERE,
                    field="staff",
                    user=user,
                    provider=taken_by[user.pk],
                )
            )
    return errors


@transaction.atomic
def provider_save(
    *,
    actor: Any,
    organisation: Organisation,
    details: ProviderDetails,
    staff: Sequence[Any],
    provider: Provider | None = None,
) -> Provider:
    """Create a provider (or change one) and set the people whose work counts for it.

    Every problem is named at once and nothing is written: a missing or taken
    name, a malformed credit code, a person who is not a member here or who
    works for another provider already.
    """
    if provider is not None and provider.organisation_id != organisation.pk:
        raise ServiceError(ProviderError.FOREIGN, field="provider", name=provider)
    raise_all(_provider_errors(organisation, details, provider, staff))
    created = provider is None
    if provider is None:
        provider = Provider(organisation=organisation)
    else:
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
    provider.name = details.name.strip()
    provider.credit_code = details.credit_code.strip()
    provider.contact_person = details.contact_person.strip()
    provider.contact_phone = details.contact_phone.strip()
    provider.is_active = details.is_active
    provider.save()
    wanted = {user.pk for user in staff}
    current = set(provider.staff.values_list("user_id", flat=True))
    provider.staff.exclude(user_id__in=wanted).delete()
    ProviderStaff.objects.bulk_create(
        ProviderStaff(organisation=organisation, provider=provider, user_id=user_id)
        for user_id in sorted(wanted - current)
    )
    audit_record(
        verb="providers.provider_created" if created else "providers.provider_changed",
        actor=actor,
        organisation=organisation,
        target=provider,
        data={
            "name": provider.name,
            "staff_added": sorted(wanted - current),
            "staff_removed": sorted(current - wanted),
        },
    )
    return provider


# --- Contracts ------------------------------------------------------------------------


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


@transaction.atomic
def provider_staff_link(*, actor: Any, provider: Provider, user: Any) -> ProviderStaff:
    """Count ``user``'s work for ``provider`` (one provider per person)."""
    existing = ProviderStaff.objects.filter(
        organisation_id=provider.organisation_id, user=user
    ).select_related("provider")
    link = existing.first()
    if link is not None and link.provider_id != provider.pk:
        raise ServiceError(
            ProviderError.STAFF_ELSEWHERE,
            field="user",
            user=user,
            provider=link.provider,
        )
    if link is None:
        link = ProviderStaff.objects.create(
            organisation_id=provider.organisation_id, provider=provider, user=user
        )
        audit_record(
            verb="providers.staff_linked",
            actor=actor,
            organisation=provider.organisation,
            target=link,
        )
    return link


# --- Deductions by inspectors -----------------------------------------------------------


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


# --- The monthly assessment ---------------------------------------------------------------


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


# --- Feedback officers ------------------------------------------------------------------------


@transaction.atomic
def officer_appoint(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    region: Region,
    phone: str = "",
    note: str = "",
) -> FeedbackOfficer:
    """A feedback officer with a personal reporting link (the key is the credential)."""
    if not name.strip():
        raise ServiceError(ProviderError.OFFICER_NAME_MISSING, field="name")
    if region.organisation_id != organisation.pk:
        raise ServiceError(ProviderError.FOREIGN, field="region", name=region)
    officer = FeedbackOfficer.objects.create(
        organisation=organisation,
        name=name.strip(),
        phone=phone.strip(),
        region=region,
        note=note.strip(),
        key=secrets.token_urlsafe(24),
    )
    audit_record(
        verb="providers.officer_appointed",
        actor=actor,
        organisation=organisation,
        target=officer,
    )
    return officer


def contracts_at(*, organisation: Organisation, region: Region, on: date) -> Any:
    """The contracts in force on ``on`` covering ``region`` or the area it lies in."""
    places = [region.pk] + ([region.parent_id] if region.parent_id else [])
    return (
        Contract.objects.filter(
            organisation=organisation,
            regions__in=places,
            starts_on__lte=on,
            ends_on__gte=on,
        )
        .select_related("provider", "service_type")
        .distinct()
        .order_by("service_type__code", "provider__name")
    )


def report_submit(
    *,
    officer: FeedbackOfficer,
    contract_id: int,
    region: Region,
    place_detail: str,
    description: str,
    observed_on: date,
    photos: list[Photo],
    now: datetime | None = None,
) -> FeedbackReport:
    """Keep an officer's report and its photos, or refuse naming every problem."""
    now = now or timezone.now()
    contract = _reported_contract(officer, contract_id, region, observed_on)
    errors = photo_problems(photos)
    if not description.strip():
        errors.append(
            ServiceError(ProviderError.DESCRIPTION_MISSING, field="description")
        )
    if observed_on > timezone.localdate(now):
        errors.append(ServiceError(ProviderError.FUTURE_DATE, field="observed_on"))
    raise_all(errors)
    written: list[str] = []
    try:
        with transaction.atomic():
            report = FeedbackReport.objects.create(
                organisation_id=officer.organisation_id,
                officer=officer,
                contract=contract,
                region=region,
                place_detail=place_detail.strip(),
                description=description.strip(),
                observed_on=observed_on,
                submitted_at=now,
            )
            for photo in photos:
                store_photo(report, photo, written)
            audit_record(
                verb="providers.report_submitted",
                organisation=officer.organisation,
                target=report,
                data={"officer": officer.pk, "photos": len(photos)},
            )
    except BaseException:
        storage = private_storage()
        for stored in written:
            storage.delete(stored)
        raise
    return report


def _reported_contract(
    officer: FeedbackOfficer, contract_id: int, region: Region, on: date
) -> Contract:
    if region.organisation_id != officer.organisation_id:
        raise ServiceError(ProviderError.FOREIGN, field="region", name=region)
    found = contracts_at(organisation=officer.organisation, region=region, on=on)
    contract = found.filter(pk=contract_id).first()
    if contract is None:
        raise ServiceError(
            ProviderError.CONTRACT_NOT_HERE, field="contract", place=region
        )
    return contract


@transaction.atomic
def report_check(
    *,
    actor: Any,
    report: FeedbackReport,
    confirmed: bool,
    note: str = "",
    now: datetime | None = None,
) -> FeedbackReport:
    """Confirm a report (it then counts against the provider) or set it aside, saying why."""
    report = FeedbackReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ServiceError(
            ProviderError.ALREADY_CHECKED,
            field="status",
            status=report.get_status_display(),
        )
    if not confirmed and not note.strip():
        raise ServiceError(ProviderError.NOTE_MISSING, field="note")
    # A month already signed keeps its figures: the check counts from now on.
    report.status = ReportStatus.CONFIRMED if confirmed else ReportStatus.REJECTED
    report.checked_by = actor
    report.checked_at = now or timezone.now()
    report.check_note = note.strip()
    report.save(update_fields=["status", "checked_by", "checked_at", "check_note"])
    audit_record(
        verb="providers.report_checked",
        actor=actor,
        organisation=report.contract.organisation,
        target=report,
        data={"status": report.status},
    )
    return report


__all__ = [
    "ContractTerms",
    "KpiSpec",
    "Photo",
    "ProviderDetails",
    "assessment_run",
    "assessment_run_month",
    "assessment_sign",
    "contract_create",
    "deduction_record",
    "kpi_results",
    "officer_appoint",
    "provider_save",
    "provider_staff_link",
    "report_check",
    "report_submit",
]

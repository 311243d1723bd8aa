"""Writes of the assessment. Each runs in one transaction with an audit event.

Indicators: ``indicator_define`` (a new indicator or a new version of one).
Plans: ``plan_create``, ``plan_set_weights`` (one subject group's weights),
``plan_run`` (a new frozen version of the scores), ``plan_sign`` (locks).
Checks: ``check_record``, ``check_withdraw``. Objections: ``objection_raise``,
``objection_resolve``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from onestop.assessment import engine
from onestop.assessment.errors import AssessmentError
from onestop.assessment.metrics import METRICS
from onestop.assessment.models import (
    Direction,
    Indicator,
    IndicatorVersion,
    ManualCheck,
    Objection,
    ObjectionStatus,
    Plan,
    PlanItem,
    PlanStatus,
    Run,
    Score,
    ScoreLine,
    Source,
    SubjectKind,
)
from onestop.assessment.states import PlanAction, objection_target, plan_allows
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.compute.scoring import (
    Linear,
    PassFail,
    RuleError,
    StepTable,
    rule_from_dict,
    rule_to_dict,
)
from onestop.organisations.models import Organisation

WEIGHT_TOLERANCE = Decimal("0.0001")


# --- Indicators ----------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    name: str
    definition: str
    source: str
    direction: str
    rule: Mapping[str, Any]
    metric_key: str = ""
    unit: str = ""
    target: Decimal | None = None


def _rule_higher_is_better(rule: Any) -> bool | None:
    if isinstance(rule, Linear):
        return rule.best > rule.worst
    if isinstance(rule, StepTable | PassFail):
        return rule.higher_is_better
    return None  # a deduction always scores fewer events better


def definition_errors(d: IndicatorDefinition) -> list[ServiceError]:
    errors = []
    if not d.name.strip():
        errors.append(ServiceError(AssessmentError.NAME_MISSING, field="name"))
    if not d.definition.strip():
        errors.append(
            ServiceError(AssessmentError.DEFINITION_MISSING, field="definition")
        )
    if d.source == Source.METRIC and not d.metric_key:
        errors.append(ServiceError(AssessmentError.METRIC_MISSING, field="metric_key"))
    elif d.source == Source.METRIC and d.metric_key not in METRICS:
        errors.append(
            ServiceError(
                AssessmentError.UNKNOWN_METRIC, field="metric_key", key=d.metric_key
            )
        )
    try:
        rule = rule_from_dict(d.rule)
    except RuleError as error:
        errors.append(
            ServiceError(
                AssessmentError.RULE_INVALID,
                field=f"rule.{error.part}",
                part=error.part,
                problem=error.problem,
            )
        )
    else:
        higher = _rule_higher_is_better(rule)
        if higher is not None and higher != (d.direction == Direction.HIGHER):
            errors.append(
                ServiceError(AssessmentError.DIRECTION_CONFLICT, field="direction")
            )
    return errors


@transaction.atomic
def indicator_define(
    *,
    actor: Any,
    organisation: Organisation,
    definition: IndicatorDefinition,
    indicator: Indicator | None = None,
) -> IndicatorVersion:
    """A new indicator (``indicator`` None) or a new version of ``indicator``."""
    errors = definition_errors(definition)
    code = definition.code.strip()
    taken = Indicator.objects.filter(organisation=organisation, code=code)
    if indicator is None and taken.exists():
        errors.insert(
            0, ServiceError(AssessmentError.CODE_TAKEN, field="code", code=code)
        )
    raise_all(errors)
    if indicator is None:
        indicator = Indicator.objects.create(
            organisation=organisation, code=code, name=definition.name.strip()
        )
    else:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        indicator.name = definition.name.strip()
        indicator.save(update_fields=["name", "updated_at"])
    last = indicator.versions.aggregate(n=Max("number"))["n"] or 0
    version = IndicatorVersion.objects.create(
        indicator=indicator,
        number=last + 1,
        name=definition.name.strip(),
        definition=definition.definition.strip(),
        source=definition.source,
        metric_key=definition.metric_key if definition.source == Source.METRIC else "",
        unit=definition.unit.strip(),
        direction=definition.direction,
        target=definition.target,
        rule=rule_to_dict(rule_from_dict(definition.rule)),
        created_by=actor,
        created_at=timezone.now(),
    )
    audit_record(
        verb="assessment.indicator_defined",
        actor=actor,
        organisation=organisation,
        target=version,
        data={"code": indicator.code, "version": version.number, "rule": version.rule},
    )
    return version


# --- Plans -----------------------------------------------------------------------------


def _refuse_if_locked(plan: Plan, action: str) -> None:
    if not plan_allows(plan.status, action):
        signed = timezone.localtime(plan.signed_at) if plan.signed_at else None
        raise ServiceError(
            AssessmentError.PLAN_SIGNED,
            signed_at=f"{signed:%Y-%m-%d %H:%M}" if signed else "",
        )


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    start: date,
    end: date,
    copy_from: Plan | None = None,
) -> Plan:
    """A plan for [start, end]; with ``copy_from``, its items (latest indicator versions)."""
    if end < start:
        raise ServiceError(AssessmentError.PERIOD_REVERSED, field="period_end")
    plan = Plan.objects.create(
        organisation=organisation,
        name=name.strip(),
        period_start=start,
        period_end=end,
        created_by=actor,
    )
    if copy_from is not None:
        latest = {
            v.indicator_id: v
            for v in IndicatorVersion.objects.filter(
                indicator__organisation=organisation
            ).order_by("indicator_id", "number")
        }
        PlanItem.objects.bulk_create(
            PlanItem(
                plan=plan,
                subject_kind=item.subject_kind,
                subject_id=item.subject_id,
                subject_name=item.subject_name,
                indicator_version=latest[item.indicator_version.indicator_id],
                weight=item.weight,
            )
            for item in copy_from.items.select_related("indicator_version")
        )
    audit_record(
        verb="assessment.plan_created",
        actor=actor,
        organisation=organisation,
        target=plan,
        data={
            "start": str(start),
            "end": str(end),
            "copied": getattr(copy_from, "pk", None),
        },
    )
    return plan


@transaction.atomic
def plan_set_weights(
    *,
    actor: Any,
    plan: Plan,
    subject_kind: str,
    weights: Mapping[int, Decimal],
    subject_id: int | None = None,
) -> list[PlanItem]:
    """Replace one group's items: {indicator version id: weight}; the weights sum to 1.

    An empty ``weights`` for a named subject removes its own items, so the
    plan's general items of that kind apply to it again.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _refuse_if_locked(plan, PlanAction.SET_ITEMS)
    name = ""
    if subject_id is not None:
        name = engine.subject_name(plan.organisation, subject_kind, subject_id) or ""
        if not name:
            raise ServiceError(AssessmentError.UNKNOWN_SUBJECT, field="subject")
    chosen = {pk: w for pk, w in weights.items() if w}
    _check_weights(chosen, subject_name=name or str(SubjectKind(subject_kind).label))
    versions = IndicatorVersion.objects.filter(
        pk__in=chosen, indicator__organisation=plan.organisation
    )
    if len(versions) != len(chosen):
        raise ServiceError(AssessmentError.NOT_IN_PLAN, field="weights", indicator="?")
    plan.items.filter(subject_kind=subject_kind, subject_id=subject_id).delete()
    items = PlanItem.objects.bulk_create(
        PlanItem(
            plan=plan,
            subject_kind=subject_kind,
            subject_id=subject_id,
            subject_name=name,
            indicator_version=version,
            weight=chosen[version.pk],
        )
        for version in versions
    )
    _inputs_changed(plan)
    audit_record(
        verb="assessment.plan_weights_set",
        actor=actor,
        organisation=plan.organisation,
        target=plan,
        data={
            "kind": subject_kind,
            "subject": subject_id,
            "weights": {str(k): str(v) for k, v in chosen.items()},
        },
    )
    return items


def _check_weights(weights: Mapping[int, Decimal], *, subject_name: str) -> None:
    for pk, weight in weights.items():
        if not Decimal(0) < weight <= 1:
            raise ServiceError(
                AssessmentError.WEIGHT_OUT_OF_RANGE, field=f"weight_{pk}"
            )
    total = sum(weights.values(), Decimal(0))
    if weights and abs(total - 1) > WEIGHT_TOLERANCE:
        raise ServiceError(
            AssessmentError.WEIGHTS_NOT_ONE,
            field="weights",
            subject=subject_name,
            total=f"{total:g}",
        )


def _inputs_changed(plan: Plan) -> None:
    plan.inputs_changed_at = timezone.now()
    plan.save(update_fields=["inputs_changed_at", "updated_at"])


@transaction.atomic
def plan_run(*, actor: Any, plan: Plan, note: str = "") -> Run:
    """Compute every score of the plan from today's data and freeze it as a new version."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _refuse_if_locked(plan, PlanAction.RUN)
    if not plan.items.exists():
        raise ServiceError(AssessmentError.NO_ITEMS)
    began = time.perf_counter()
    results = engine.compute(plan)
    last = plan.runs.aggregate(n=Max("number"))["n"] or 0
    run = Run.objects.create(
        plan=plan, number=last + 1, run_at=timezone.now(), run_by=actor, note=note
    )
    _store(run, results)
    run.seconds = round(time.perf_counter() - began, 3)
    run.save(update_fields=["seconds"])
    audit_record(
        verb="assessment.plan_run",
        actor=actor,
        organisation=plan.organisation,
        target=run,
        data={"number": run.number, "scores": sum(len(r) for r in results.values())},
    )
    return run


def _store(run: Run, results: Mapping[str, list[engine.SubjectResult]]) -> None:
    everyone = [r for kind_results in results.values() for r in kind_results]
    scores = Score.objects.bulk_create(
        Score(
            run=run,
            subject_kind=r.subject.kind,
            subject_id=r.subject.id,
            subject_name=r.subject.name[:120],
            group_name=r.subject.group_name[:120],
            total=r.total,
            rank=r.rank,
        )
        for r in everyone
    )
    item_columns: dict[int, tuple[Any, ...]] = {}
    encoded: dict[int, str] = {}
    rows = (
        (
            score.pk,
            *_item_columns(line.item, item_columns),
            line.value,
            line.count,
            str(line.full_points),
            str(line.points),
            line.template,
            _params_json(line.params, encoded),
            json.dumps(line.check_ids) if line.check_ids else "[]",
        )
        for score, result in zip(scores, everyone, strict=True)
        for line in result.lines
    )
    _insert_lines(rows)


def _item_columns(item: Any, seen: dict[int, tuple[Any, ...]]) -> tuple[Any, ...]:
    """The plan item's columns of a line, read once per run for its thousands of lines."""
    found = seen.get(item.pk)
    if found is None:
        version = item.indicator_version
        found = (item.pk, version.name, version.source, str(item.weight))
        seen[item.pk] = found
    return found


def _params_json(params: dict[str, str], encoded: dict[int, str]) -> str:
    """The working's figures as JSON, encoded once for the lines that share them
    (the engine scores alike lines once); the lines all live until stored."""
    found = encoded.get(id(params))
    if found is None:
        found = encoded[id(params)] = json.dumps(params, ensure_ascii=False)
    return found


LINE_COLUMNS = (
    "score_id", "item_id", "indicator_name", "source", "weight", "value", "count",
    "full_points", "points", "template", "params", "check_ids",
)  # fmt: skip


def _insert_lines(rows: Iterable[tuple[Any, ...]]) -> None:
    """Score lines by ``executemany``: the ORM's per-field preparation would
    cost more than the whole computation at 5,000 people (bench/assessment.py)."""
    table = connection.ops.quote_name(ScoreLine._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in LINE_COLUMNS)
    marks = ", ".join(["%s"] * len(LINE_COLUMNS))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


@transaction.atomic
def plan_sign(*, actor: Any, plan: Plan) -> Plan:
    """Sign the latest run: the period is locked and its scores are final."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _refuse_if_locked(plan, PlanAction.SIGN)
    latest = plan.runs.order_by("-number").first()
    if latest is None:
        raise ServiceError(AssessmentError.NOTHING_TO_SIGN)
    if plan.inputs_changed_at and plan.inputs_changed_at > latest.run_at:
        raise ServiceError(AssessmentError.STALE_RUN, number=latest.number)
    still_open = plan.objections.filter(status=ObjectionStatus.OPEN).count()
    if still_open:
        raise ServiceError(AssessmentError.OPEN_OBJECTIONS, count=still_open)
    plan.status = PlanStatus.SIGNED
    plan.signed_run = latest
    plan.signed_by = actor
    plan.signed_at = timezone.now()
    plan.save(
        update_fields=["status", "signed_run", "signed_by", "signed_at", "updated_at"]
    )
    audit_record(
        verb="assessment.plan_signed",
        actor=actor,
        organisation=plan.organisation,
        target=plan,
        data={"run": latest.number},
    )
    return plan


# --- Manual checks -------------------------------------------------------------------


@dataclass(frozen=True)
class CheckEntry:
    indicator_version: IndicatorVersion
    subject_kind: str
    subject_id: int
    occurred_on: date
    value: Decimal
    finding: str
    evidence: str
    evidence_file: Any = None


def _check_errors(plan: Plan, entry: CheckEntry) -> list[ServiceError]:
    version, errors = entry.indicator_version, []
    if version.source != Source.MANUAL:
        errors.append(ServiceError(AssessmentError.NOT_MANUAL, field="indicator_version",
                                   indicator=version.name))  # fmt: skip
    elif not plan.items.filter(indicator_version=version).exists():
        errors.append(ServiceError(AssessmentError.NOT_IN_PLAN, field="indicator_version",
                                   indicator=version.name))  # fmt: skip
    if not plan.period_start <= entry.occurred_on <= plan.period_end:
        errors.append(ServiceError(AssessmentError.OUTSIDE_PERIOD, field="occurred_on",
                                   start=plan.period_start, end=plan.period_end))  # fmt: skip
    if entry.value < 0:
        errors.append(ServiceError(AssessmentError.VALUE_NEGATIVE, field="value"))
    if not entry.finding.strip():
        errors.append(ServiceError(AssessmentError.FINDING_MISSING, field="finding"))
    if not entry.evidence.strip():
        errors.append(ServiceError(AssessmentError.EVIDENCE_MISSING, field="evidence"))
    return errors


@transaction.atomic
def check_record(*, actor: Any, plan: Plan, entry: CheckEntry) -> ManualCheck:
    """An inspector's finding with its evidence; counted from the next run."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _refuse_if_locked(plan, PlanAction.RECORD_CHECK)
    name = engine.subject_name(plan.organisation, entry.subject_kind, entry.subject_id)
    errors = _check_errors(plan, entry)
    if not name:
        errors.insert(0, ServiceError(AssessmentError.UNKNOWN_SUBJECT, field="subject"))
    raise_all(errors)
    check = ManualCheck.objects.create(
        organisation=plan.organisation,
        plan=plan,
        indicator_version=entry.indicator_version,
        subject_kind=entry.subject_kind,
        subject_id=entry.subject_id,
        subject_name=name,
        occurred_on=entry.occurred_on,
        value=entry.value,
        finding=entry.finding.strip(),
        evidence=entry.evidence.strip(),
        evidence_file=entry.evidence_file or "",
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _inputs_changed(plan)
    audit_record(
        verb="assessment.check_recorded",
        actor=actor,
        organisation=plan.organisation,
        target=check,
        data={
            "subject": [entry.subject_kind, entry.subject_id],
            "value": str(entry.value),
        },
    )
    return check


@transaction.atomic
def check_withdraw(*, actor: Any, check: ManualCheck, reason: str) -> ManualCheck:
    check = (
        ManualCheck.objects.select_for_update().select_related("plan").get(pk=check.pk)
    )
    _refuse_if_locked(check.plan, PlanAction.RECORD_CHECK)
    if check.voided_at:
        raise ServiceError(AssessmentError.ALREADY_WITHDRAWN)
    if not reason.strip():
        raise ServiceError(AssessmentError.REASON_MISSING, field="reason")
    _void(check, reason)
    _inputs_changed(check.plan)
    audit_record(
        verb="assessment.check_withdrawn",
        actor=actor,
        organisation=check.organisation,
        target=check,
        data={"reason": reason.strip()},
    )
    return check


def _void(check: ManualCheck, reason: str) -> None:
    check.voided_at = timezone.now()
    check.void_reason = reason.strip()[:200]
    check.save(update_fields=["voided_at", "void_reason"])


# --- Objections ------------------------------------------------------------------------


@transaction.atomic
def objection_raise(*, actor: Any, line: ScoreLine, reason: str) -> Objection:
    """The person scored disputes one line of their latest score."""
    line = ScoreLine.objects.select_related("score__run__plan").get(pk=line.pk)
    score, plan = line.score, line.score.run.plan
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _refuse_if_locked(plan, PlanAction.OBJECT)
    if score.subject_kind != SubjectKind.PERSON or score.subject_id != actor.pk:
        raise ServiceError(AssessmentError.NOT_YOUR_SCORE)
    if plan.runs.filter(number__gt=score.run.number).exists():
        raise ServiceError(AssessmentError.NOT_LATEST_RUN)
    if not reason.strip():
        raise ServiceError(AssessmentError.REASON_MISSING, field="reason")
    if line.objections.filter(status=ObjectionStatus.OPEN).exists():
        raise ServiceError(AssessmentError.ALREADY_OBJECTED)
    objection = Objection.objects.create(
        plan=plan,
        line=line,
        raised_by=actor,
        reason=reason.strip(),
        raised_at=timezone.now(),
    )
    audit_record(
        verb="assessment.objection_raised",
        actor=actor,
        organisation=plan.organisation,
        target=objection,
        data={"line": line.pk, "indicator": line.indicator_name},
    )
    return objection


@transaction.atomic
def objection_resolve(
    *, actor: Any, objection: Objection, action: str, answer: str
) -> Objection:
    """Uphold or reject an objection, with an answer. Upholding withdraws the
    manual checks behind the line, so the next run no longer counts them."""
    objection = (
        Objection.objects.select_for_update()
        .select_related("plan", "line")
        .get(pk=objection.pk)
    )
    _refuse_if_locked(objection.plan, PlanAction.SIGN)
    target = objection_target(objection.status, action)
    if target is None:
        raise ServiceError(AssessmentError.NOT_OPEN)
    if not answer.strip():
        raise ServiceError(AssessmentError.ANSWER_MISSING, field="answer")
    objection.status = target
    objection.resolution = answer.strip()
    objection.resolved_by = actor
    objection.resolved_at = timezone.now()
    objection.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    if target == ObjectionStatus.UPHELD and objection.line.check_ids:
        checks = ManualCheck.objects.filter(
            pk__in=objection.line.check_ids, voided_at__isnull=True
        )
        for check in checks:
            _void(check, answer)
        _inputs_changed(objection.plan)
    audit_record(
        verb=f"assessment.objection_{target}",
        actor=actor,
        organisation=objection.plan.organisation,
        target=objection,
        data={"answer": objection.resolution},
    )
    return objection

"""Assigning and scoring inspections, mystery-shopper visits and calibration rounds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.inspection.errors import InspectionError
from onestop.inspection.models import (
    CalibrationRound,
    Inspection,
    InspectionStatus,
    ItemMode,
    ItemResult,
    ResultDeduction,
    Scorecard,
    ScorecardItem,
    ScorecardKind,
    TargetKind,
)
from onestop.inspection.roles import INSPECT
from onestop.inspection.scoring import ItemMark, ItemSpec, MarkError, ScoreResult, score
from onestop.inspection.services.sampling import staff_departments
from onestop.inspection.services.scorecards import scorecard_freeze
from onestop.inspection.states import Action, allowed, transition_for
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for


@dataclass(frozen=True)
class MarkInput:
    """What the scoring form says about one item."""

    item_id: int
    applicable: bool = True
    points: Decimal | None = None
    passed: bool | None = None
    deductions: tuple[tuple[int, str], ...] = ()  # (deduction reason id, note)
    note: str = ""


@dataclass(frozen=True)
class VisitInput:
    """A mystery shopper's visit: when, at which window, what was seen."""

    visit_at: datetime | None
    window: Any
    evidence: str = ""


def check_may_inspect(inspection: Inspection, person: Any) -> None:
    if not has_organisation_perm(person, INSPECT, inspection.organisation_id):
        raise ServiceError(
            InspectionError.NOT_AN_INSPECTOR, field="inspector", person=str(person)
        )
    if person.pk == inspection.inspected_user_id:
        raise ServiceError(InspectionError.OWN_WORK, field="inspector")


@transaction.atomic
def inspection_assign(
    *, actor: Any, inspection: Inspection, inspector: Any
) -> Inspection:
    """Give an unscored inspection to another inspector (never the person inspected)."""
    inspection = _lock(inspection)
    _require(inspection, Action.SCORE)
    check_may_inspect(inspection, inspector)
    before = inspection.inspector_id
    inspection.inspector = inspector
    inspection.save(update_fields=["inspector", "updated_at"])
    _audit(
        "inspection.assigned", actor, inspection, {"from": before, "to": inspector.pk}
    )
    return inspection


@transaction.atomic
def mystery_visit_create(
    *,
    actor: Any,
    organisation: Organisation,
    scorecard: Scorecard,
    inspected_user: Any = None,
    now: datetime | None = None,
) -> Inspection:
    """A mystery-shopper checklist to fill in, assigned to the shopper (``actor``)."""
    if scorecard.kind != ScorecardKind.MYSTERY:
        raise ServiceError(InspectionError.RULE_MYSTERY_CARD, field="scorecard")
    if not scorecard.is_current:
        raise ServiceError(
            InspectionError.SCORECARD_NOT_CURRENT,
            field="scorecard",
            scorecard=str(scorecard),
        )
    inspection = Inspection(
        organisation=organisation,
        scorecard=scorecard,
        target_kind=TargetKind.MYSTERY,
        inspector=actor,
        inspected_user=inspected_user,
    )
    check_may_inspect(inspection, actor)
    if inspected_user is not None:
        departments = staff_departments(organisation, {inspected_user.pk})
        inspection.department_id = departments.get(inspected_user.pk)
    inspection.save()
    scorecard_freeze(scorecard, now or timezone.now())
    _audit("inspection.mystery_visit_started", actor, inspection)
    return inspection


@transaction.atomic
def inspection_score(
    *,
    actor: Any,
    inspection: Inspection,
    marks: Sequence[MarkInput],
    comment: str = "",
    visit: VisitInput | None = None,
    now: datetime | None = None,
) -> Inspection:
    """Score an assigned inspection: its inspector marks every item; the total follows."""
    now = now or timezone.now()
    inspection = _lock(inspection)
    if actor.pk != inspection.inspector_id:
        raise ServiceError(
            InspectionError.NOT_YOUR_INSPECTION, person=str(inspection.inspector)
        )
    _require(inspection, Action.SCORE)
    if inspection.target_kind == TargetKind.MYSTERY:
        _visit_set(inspection, visit)
    result = results_write(inspection, marks)
    inspection.comment = comment.strip()
    inspection.scored_at = now
    inspection.scored_on = timezone.localdate(now)
    inspection.appeal_due_at = _appeal_due(inspection, now)
    _result_set(inspection, result)
    inspection.status = transition_for(Action.SCORE).target
    inspection.save()
    _audit("inspection.scored", actor, inspection, {"total": str(inspection.total)})
    return inspection


def _visit_set(inspection: Inspection, visit: VisitInput | None) -> None:
    if visit is None or visit.visit_at is None or visit.window is None:
        raise ServiceError(InspectionError.VISIT_MISSING, field="visit_at")
    inspection.visit_at = visit.visit_at
    inspection.window = visit.window
    inspection.evidence = visit.evidence.strip()
    if inspection.department_id is None:
        inspection.department_id = visit.window.department_id


def _appeal_due(inspection: Inspection, now: datetime) -> datetime | None:
    if inspection.inspected_user_id is None or inspection.is_calibration_copy:
        return None
    calendar = work_calendar_for(inspection.organisation)
    return calendar.due_after(now, inspection.scorecard.appeal_days)


def _result_set(inspection: Inspection, result: ScoreResult) -> None:
    inspection.total = result.total
    inspection.critical_failed = result.critical_failed


def results_write(inspection: Inspection, marks: Sequence[MarkInput]) -> ScoreResult:
    """Replace the inspection's item results by ``marks``; the computed score."""
    items = list(
        ScorecardItem.objects.filter(scorecard_id=inspection.scorecard_id)
        .prefetch_related("deductions")
        .order_by("section__position", "position")
    )
    by_id = {m.item_id: m for m in marks}
    reasons = {r.pk: r for item in items for r in item.deductions.all()}
    item_marks = [_mark(item, by_id.get(item.pk), reasons) for item in items]
    try:
        result = score([_spec(item) for item in items], item_marks)
    except MarkError as error:
        raise _mark_error(error, {item.pk: item for item in items}) from None
    inspection.results.all().delete()
    outcomes = {o.item_id: o for o in result.items}
    for item in items:
        _result_write(inspection, item, by_id[item.pk], outcomes[item.pk])
    return result


def _spec(item: ScorecardItem) -> ItemSpec:
    return ItemSpec(
        item_id=item.pk,
        max_points=item.max_points,
        pass_fail=item.mode == ItemMode.PASS_FAIL,
        critical=item.is_critical,
    )


def _mark(
    item: ScorecardItem, mark: MarkInput | None, reasons: dict[int, Any]
) -> ItemMark:
    if mark is None:
        raise ServiceError(
            InspectionError.MARK_MISSING, field=f"item_{item.pk}", item=item.text
        )
    points = []
    for reason_id, _note in mark.deductions:
        reason = reasons.get(reason_id)
        if reason is None or reason.item_id != item.pk:
            raise ServiceError(
                InspectionError.DEDUCTION_UNKNOWN,
                field=f"item_{item.pk}",
                item=item.text,
            )
        points.append(reason.points)
    return ItemMark(
        item_id=item.pk,
        applicable=mark.applicable,
        points=mark.points,
        passed=mark.passed,
        deductions=tuple(points),
    )


def _mark_error(error: MarkError, items: dict[int, ScorecardItem]) -> ServiceError:
    item = items[error.item_id]
    field = f"item_{item.pk}"
    if error.problem == "points_out_of_range":
        return ServiceError(
            InspectionError.POINTS_OUT_OF_RANGE,
            field=field,
            item=item.text,
            max=item.max_points,
        )
    return ServiceError(InspectionError.MARK_MISSING, field=field, item=item.text)


def _result_write(
    inspection: Inspection, item: ScorecardItem, mark: MarkInput, outcome: Any
) -> None:
    result = ItemResult.objects.create(
        inspection=inspection,
        item=item,
        applicable=mark.applicable,
        points=mark.points if item.mode == ItemMode.POINTS else None,
        passed=mark.passed if item.mode == ItemMode.PASS_FAIL else None,
        earned=outcome.earned,
        possible=outcome.possible,
        note=mark.note.strip(),
    )
    ResultDeduction.objects.bulk_create(
        ResultDeduction(result=result, reason_id=reason_id, note=note.strip())
        for reason_id, note in mark.deductions
    )


# --- Calibration --------------------------------------------------------------------------


@transaction.atomic
def calibration_start(
    *, actor: Any, inspection: Inspection, name: str, inspectors: Sequence[Any]
) -> CalibrationRound:
    """Copies of ``inspection`` for other inspectors to score blind; they never count."""
    inspection = _lock(inspection)
    if inspection.is_calibration_copy:
        raise ServiceError(InspectionError.CALIBRATION_OF_COPY)
    if CalibrationRound.objects.filter(primary=inspection).exists():
        raise ServiceError(InspectionError.CALIBRATION_EXISTS)
    others = [p for p in inspectors if p.pk != inspection.inspector_id]
    if not others:
        raise ServiceError(InspectionError.CALIBRATION_TOO_FEW, field="inspectors")
    for person in others:
        check_may_inspect(inspection, person)
    calibration = CalibrationRound.objects.create(
        organisation=inspection.organisation,
        name=name.strip() or str(inspection),
        primary=inspection,
        created_by=actor,
    )
    for person in others:
        Inspection.objects.create(
            organisation=inspection.organisation,
            scorecard=inspection.scorecard,
            target_kind=inspection.target_kind,
            case=inspection.case,
            call=inspection.call,
            ticket=inspection.ticket,
            return_visit=inspection.return_visit,
            inspected_user=inspection.inspected_user,
            department=inspection.department,
            visit_at=inspection.visit_at,
            window=inspection.window,
            inspector=person,
            calibration=calibration,
        )
    audit_record(
        verb="inspection.calibration_started",
        actor=actor,
        organisation=inspection.organisation,
        target=calibration,
        data={"inspectors": sorted(p.pk for p in others)},
    )
    return calibration


# --- Helpers ------------------------------------------------------------------------------


def _lock(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("scorecard", "organisation", "inspector")
        .get(pk=inspection.pk)
    )


def _require(inspection: Inspection, action: Action) -> None:
    if not allowed(inspection.status, action):
        raise ServiceError(
            InspectionError.NOT_ALLOWED_IN_STATE,
            action=action.label,
            status=InspectionStatus(inspection.status).label,
        )


def _audit(
    verb: str, actor: Any, inspection: Inspection, data: dict[str, Any] | None = None
) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        organisation=inspection.organisation,
        target=inspection,
        data=data,
    )

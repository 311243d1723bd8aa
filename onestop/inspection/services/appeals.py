"""Appeals of the inspected staff member, decided by a supervisor, and finalising."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.inspection.errors import InspectionError
from onestop.inspection.models import Appeal, AppealStatus, Inspection, InspectionStatus
from onestop.inspection.roles import DECIDE
from onestop.inspection.services.inspections import (
    MarkInput,
    _lock,
    _require,
    _result_set,
    results_write,
)
from onestop.inspection.states import Action, transition_for
from onestop.organisations.backends import has_organisation_perm


@transaction.atomic
def appeal_file(
    *, actor: Any, inspection: Inspection, reason: str, now: datetime | None = None
) -> Appeal:
    """The inspected staff member objects to a scored inspection within the period."""
    now = now or timezone.now()
    inspection = _lock(inspection)
    if actor.pk != inspection.inspected_user_id or inspection.is_calibration_copy:
        raise ServiceError(InspectionError.NOT_YOUR_WORK)
    _require(inspection, Action.APPEAL)
    due = inspection.appeal_due_at
    if due is None or now > due:
        shown = date_format(timezone.localtime(due), "Y-m-d H:i") if due else "—"
        raise ServiceError(InspectionError.APPEAL_LATE, due=shown)
    if not reason.strip():
        raise ServiceError(InspectionError.REASON_MISSING, field="reason")
    appeal = Appeal.objects.create(
        inspection=inspection,
        filed_by=actor,
        filed_at=now,
        reason=reason.strip(),
        total_before=inspection.total,
    )
    inspection.status = transition_for(Action.APPEAL).target
    inspection.save(update_fields=["status", "updated_at"])
    _audit("inspection.appealed", actor, inspection, {"reason": appeal.reason})
    return appeal


@dataclass(frozen=True)
class Decision:
    upheld: bool
    reason: str
    corrected: Sequence[MarkInput] = ()


@transaction.atomic
def appeal_decide(
    *, actor: Any, appeal: Appeal, decision: Decision, now: datetime | None = None
) -> Appeal:
    """Uphold (the marks are corrected, the score recomputed) or reject with a reason."""
    now = now or timezone.now()
    inspection = _lock(appeal.inspection)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    action = Action.UPHOLD if decision.upheld else Action.REJECT
    _require(inspection, action)
    if not has_organisation_perm(
        actor, DECIDE, inspection.organisation_id
    ) or actor.pk in (
        inspection.inspector_id,
        inspection.inspected_user_id,
    ):
        raise ServiceError(InspectionError.DECIDE_OWN)
    if not decision.reason.strip():
        raise ServiceError(InspectionError.REASON_MISSING, field="decision")
    before = inspection.total
    if decision.upheld:
        if not decision.corrected:
            raise ServiceError(InspectionError.CORRECTION_MISSING)
        _result_set(inspection, results_write(inspection, decision.corrected))
    inspection.status = transition_for(action).target
    inspection.save(update_fields=["status", "total", "critical_failed", "updated_at"])
    appeal.status = AppealStatus.UPHELD if decision.upheld else AppealStatus.REJECTED
    appeal.decided_by = actor
    appeal.decided_at = now
    appeal.decision = decision.reason.strip()
    appeal.total_after = inspection.total
    appeal.save()
    _audit(
        f"inspection.appeal_{appeal.status}",
        actor,
        inspection,
        {
            "before": str(before),
            "after": str(inspection.total),
            "reason": appeal.decision,
        },
    )
    return appeal


def inspections_finalise(*, now: datetime) -> int:
    """Make final every decided appeal and every scored inspection past its appeal period."""
    due = Q(status=InspectionStatus.SCORED) & (
        Q(appeal_due_at__lte=now) | Q(appeal_due_at__isnull=True)
    )
    decided = Q(status__in=(InspectionStatus.UPHELD, InspectionStatus.REJECTED))
    with transaction.atomic():
        ids = list(
            Inspection.objects.select_for_update()
            .filter(due | decided)
            .values_list("pk", flat=True)
        )
        Inspection.objects.filter(pk__in=ids).update(
            status=transition_for(Action.FINALISE).target, updated_at=now
        )
    return len(ids)


def _audit(verb: str, actor: Any, inspection: Inspection, data: dict[str, Any]) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        organisation=inspection.organisation,
        target=inspection,
        data=data,
    )

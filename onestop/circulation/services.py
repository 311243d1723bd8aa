"""Internal circulation (内部流转, 限时办结): every action on an accepted case.

``case_act`` is the one door: it checks the actor's permission, locks the
case at the revision the actor saw, asks the state table (``cases.states``)
whether the action is allowed now, runs the action's handler, recomputes the
clocks, appends the event and bumps the revision — all in one transaction.
Handlers are small functions named after the action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from onestop.cases.clocks import clocks_refresh
from onestop.cases.errors import CaseError
from onestop.cases.events import event_append
from onestop.cases.locking import case_lock, require_perm
from onestop.cases.models import (
    Case,
    CaseStatus,
    DocumentKind,
    Extension,
    PickupWay,
    StepOutcome,
    Suspension,
    SuspensionReason,
    WarningLevel,
)
from onestop.cases.states import HANDLE, Action, refusal, transition_for
from onestop.circulation.assignment import may_work_on
from onestop.common.errors import ServiceError
from onestop.intake.documents import document_issue
from onestop.intake.services import step_activate
from onestop.notifications.models import NotificationKind
from onestop.notifications.services import notify_applicant
from onestop.organisations.selectors import work_calendar_for
from onestop.posts.models import Post

MAX_EXTENSION_DAYS = 60
# Actions on the step in hand: only its people or a supervisor may take them.
STEP_ACTIONS = {
    Action.APPROVE,
    Action.RETURN,
    Action.FORWARD,
    Action.REQUEST_INFO,
    Action.SUSPEND,
    Action.RESUME,
    Action.EXTEND_REQUEST,
    Action.COMPLETE,
}
CASE_FIELDS = [
    "status",
    "current_step",
    "current_department",
    "current_post",
    "current_assignee",
    "due_at",
    "yellow_at",
    "completed_at",
    "delivered_at",
    "extension_days",
    "pickup_way",
    "pickup_note",
    "escalated_level",
    "lock_version",
    "updated_at",
]


@dataclass
class Effect:
    """What a handler did, for the event: a comment and details."""

    comment: str = ""
    data: dict[str, Any] = field(default_factory=dict)


Handler = Callable[..., Effect]


@transaction.atomic
def case_act(
    *,
    actor: Any,
    case: Case,
    action: str,
    expected_version: int,
    now: datetime | None = None,
    **params: Any,
) -> Case:
    """Take ``action`` on ``case`` as ``actor``, who last saw revision ``expected_version``."""
    now = now or timezone.now()
    try:
        transition = transition_for(action)
    except LookupError:
        raise ServiceError(CaseError.UNKNOWN_ACTION, field="action") from None
    label = transition.action.label
    require_perm(
        actor=actor,
        perm=transition.permission,
        case_or_org_id=case.organisation_id,
        action_label=label,
    )
    case = case_lock(
        case=case, expected_version=expected_version, action=action, actor=actor
    )
    reason = refusal(case, action)
    if reason is not None:
        raise ServiceError(
            reason, field="action", action=label, status=case.get_status_display()
        )
    if transition.action in STEP_ACTIONS:
        _require_on_step(actor, case)
    before_status = case.status
    before_step = case.current_step.name if case.current_step else ""
    effect = HANDLERS[transition.action](case, actor, now, **params)
    if transition.target is not None:
        case.status = transition.target
    clocks_refresh(case, work_calendar_for(case.organisation), now)
    case.lock_version += 1
    case.save(update_fields=CASE_FIELDS)
    event_append(
        case=case,
        action=transition.action,
        actor=actor,
        at=now,
        from_status=before_status,
        to_status=case.status,
        from_step=before_step,
        to_step=case.current_step.name if case.current_step else "",
        comment=effect.comment,
        data=effect.data,
    )
    return case


def _require_on_step(actor: Any, case: Case) -> None:
    if may_work_on(actor, case):
        return
    step = case.current_step
    where = (
        step.post.name
        if step and step.post
        else (step.department.name if step else "—")
    )
    raise ServiceError(
        CaseError.NOT_ON_STEP,
        field="action",
        step=step.name if step else "—",
        where=where,
    )


def _finish_step(case: Case, outcome: str, now: datetime) -> None:
    step = case.current_step
    if step is not None and step.finished_at is None:
        step.finished_at, step.outcome = now, outcome
        step.save(update_fields=["finished_at", "outcome"])


def _required(text: str, code: CaseError, field_name: str) -> str:
    if not (text or "").strip():
        raise ServiceError(code, field=field_name)
    return text.strip()


def approve(case: Case, actor: Any, now: datetime, comment: str = "") -> Effect:
    _finish_step(case, StepOutcome.APPROVED, now)
    step_activate(case, position=case.current_step.position + 1, at=now)  # type: ignore[union-attr]
    return Effect(comment)


def return_to(
    case: Case,
    actor: Any,
    now: datetime,
    to_position: int | None = None,
    comment: str = "",
) -> Effect:
    last = case.current_step.position - 1  # type: ignore[union-attr]
    if not isinstance(to_position, int) or not 1 <= to_position <= last:
        raise ServiceError(
            CaseError.RETURN_TARGET_INVALID, field="to_position", last=last
        )
    reason = _required(comment, CaseError.REASON_MISSING, "comment")
    _finish_step(case, StepOutcome.RETURNED, now)
    step_activate(case, position=to_position, at=now)
    return Effect(reason, {"to_position": to_position})


def forward(
    case: Case,
    actor: Any,
    now: datetime,
    post: Post | None = None,
    assignee: Any = None,
    comment: str = "",
) -> Effect:
    step = case.current_step
    if (post is None and assignee is None) or not _belongs(case, post, assignee):
        raise ServiceError(CaseError.FORWARD_TARGET_INVALID, field="post")
    step.post = post or step.post  # type: ignore[union-attr]
    step.assignee = assignee  # type: ignore[union-attr]
    step.save(update_fields=["post", "assignee"])  # type: ignore[union-attr]
    case.current_post, case.current_assignee = step.post, assignee  # type: ignore[union-attr]
    data = {
        "post": post.code if post else "",
        "assignee": getattr(assignee, "username", ""),
    }
    return Effect(comment, data)


def _belongs(case: Case, post: Post | None, assignee: Any) -> bool:
    if post is not None and post.organisation_id != case.organisation_id:
        return False
    return (
        assignee is None
        or assignee.memberships.filter(
            organisation_id=case.organisation_id, is_active=True
        ).exists()
    )


def suspend(
    case: Case, actor: Any, now: datetime, reason: str = "", note: str = ""
) -> Effect:
    if reason not in SuspensionReason.values:
        raise ServiceError(CaseError.SUSPENSION_REASON_UNKNOWN, field="reason")
    Suspension.objects.create(
        case=case, reason=reason, note=note.strip(), started_at=now, started_by=actor
    )
    return Effect(note.strip(), {"reason": reason})


def request_info(case: Case, actor: Any, now: datetime, message: str = "") -> Effect:
    text = _required(message, CaseError.MESSAGE_MISSING, "message")
    suspend(case, actor, now, reason=SuspensionReason.APPLICANT, note=text)
    notify_applicant(
        case=case, kind=NotificationKind.INFO_REQUEST, at=now, message=text
    )
    return Effect(text, {"reason": SuspensionReason.APPLICANT})


def resume(case: Case, actor: Any, now: datetime, comment: str = "") -> Effect:
    suspension = case.suspensions.filter(ended_at__isnull=True).get()
    suspension.ended_at, suspension.ended_by = now, actor
    suspension.save(update_fields=["ended_at", "ended_by"])
    return Effect(comment, {"suspended_since": suspension.started_at.isoformat()})


def extend_request(
    case: Case, actor: Any, now: datetime, days: int | None = None, reason: str = ""
) -> Effect:
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ServiceError(
            CaseError.EXTENSION_DAYS_INVALID, field="days", maximum=MAX_EXTENSION_DAYS
        )
    text = _required(reason, CaseError.REASON_MISSING, "reason")
    Extension.objects.create(
        case=case, days=days, reason=text, requested_by=actor, requested_at=now
    )
    return Effect(text, {"days": days})


def _pending(case: Case) -> Extension:
    return case.extensions.get(approved__isnull=True)


def extend_approve(case: Case, actor: Any, now: datetime, comment: str = "") -> Effect:
    extension = _pending(case)
    extension.approved, extension.decided_by, extension.decided_at = True, actor, now
    extension.save(update_fields=["approved", "decided_by", "decided_at"])
    case.extension_days += extension.days
    case.escalated_level = WarningLevel.NONE
    clocks_refresh(case, work_calendar_for(case.organisation), now)
    decision = {
        "days": extension.days,
        "reason": extension.reason,
        "due_at": timezone.localtime(case.due_at).isoformat() if case.due_at else None,
    }
    document_issue(
        case=case, kind=DocumentKind.EXTENSION, actor=actor, at=now, decision=decision
    )
    notify_applicant(
        case=case, kind=NotificationKind.EXTENSION, at=now, message=extension.reason
    )
    return Effect(comment, {"days": extension.days})


def extend_refuse(case: Case, actor: Any, now: datetime, comment: str = "") -> Effect:
    extension = _pending(case)
    extension.approved, extension.decided_by, extension.decided_at = False, actor, now
    extension.save(update_fields=["approved", "decided_by", "decided_at"])
    return Effect(
        _required(comment, CaseError.REASON_MISSING, "comment"),
        {"days": extension.days},
    )


def complete(case: Case, actor: Any, now: datetime, comment: str = "") -> Effect:
    _finish_step(case, StepOutcome.COMPLETED, now)
    case.completed_at = now
    case.current_step = case.current_department = case.current_post = None
    case.current_assignee = None
    notify_applicant(case=case, kind=NotificationKind.COMPLETION, at=now)
    return Effect(comment)


def notify(case: Case, actor: Any, now: datetime, message: str = "") -> Effect:
    text = _required(message, CaseError.MESSAGE_MISSING, "message")
    notify_applicant(case=case, kind=NotificationKind.MESSAGE, at=now, message=text)
    return Effect(text)


def hand_over(
    case: Case,
    actor: Any,
    now: datetime,
    way: str = PickupWay.WINDOW,
    collected_by: str = "",
    tracking_number: str = "",
    comment: str = "",
) -> Effect:
    if way == PickupWay.MAIL:
        detail = {
            "tracking_number": _required(
                tracking_number, CaseError.TRACKING_MISSING, "tracking_number"
            )
        }
    else:
        detail = {
            "collected_by": _required(
                collected_by, CaseError.COLLECTOR_MISSING, "collected_by"
            )
        }
    case.delivered_at, case.pickup_way = now, way
    return Effect(comment, {"way": way, **detail})


def withdraw(case: Case, actor: Any, now: datetime, comment: str = "") -> Effect:
    text = _required(comment, CaseError.REASON_MISSING, "comment")
    case.suspensions.filter(ended_at__isnull=True).update(ended_at=now, ended_by=actor)
    _finish_step(case, StepOutcome.CLOSED, now)
    case.current_step = case.current_department = case.current_post = None
    case.current_assignee = None
    return Effect(text)


HANDLERS: dict[Action, Handler] = {
    Action.APPROVE: approve,
    Action.RETURN: return_to,
    Action.FORWARD: forward,
    Action.REQUEST_INFO: request_info,
    Action.SUSPEND: suspend,
    Action.RESUME: resume,
    Action.EXTEND_REQUEST: extend_request,
    Action.EXTEND_APPROVE: extend_approve,
    Action.EXTEND_REFUSE: extend_refuse,
    Action.COMPLETE: complete,
    Action.NOTIFY: notify,
    Action.HAND_OVER: hand_over,
    Action.WITHDRAW: withdraw,
}


def supervisors_of(case: Case) -> list[Any]:
    """The people who may approve extensions in the case's organisation."""
    return list(
        get_user_model()
        .objects.filter(
            memberships__organisation_id=case.organisation_id,
            memberships__is_active=True,
            memberships__roles__permissions__codename="approve_extension",
        )
        .distinct()
    )


__all__ = ["HANDLE", "HANDLERS", "CaseStatus", "case_act", "supervisors_of"]

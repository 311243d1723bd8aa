"""What may be done to a case in each state: one table, read by services and pages.

After wagtail's ``models/workflows.py``: the state machine is data. Each row
names an action, the states it may start from, the state it leads to (or
``None`` when the action decides, or leaves the state as it is), the
permission the actor needs in the case's organisation, and guards — small
checks that refuse the action with a reason (approving the last step is
"complete", returning needs an earlier step …). Services look actions up
here; pages offer only what the table allows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from onestop.cases.errors import CaseError
from onestop.cases.models import Case, CaseStatus

S = CaseStatus


class Action(models.TextChoices):
    SUPPLEMENT = "supplement", _("Record the supplement")
    APPROVE = "approve", _("Approve and pass on")
    RETURN = "return", _("Return to an earlier step")
    FORWARD = "forward", _("Forward")
    REQUEST_INFO = "request_info", _("Ask the applicant for information")
    SUSPEND = "suspend", _("Suspend the clock")
    RESUME = "resume", _("Resume")
    EXTEND_REQUEST = "extend_request", _("Request an extension")
    EXTEND_APPROVE = "extend_approve", _("Approve the extension")
    EXTEND_REFUSE = "extend_refuse", _("Refuse the extension")
    COMPLETE = "complete", _("Complete")
    NOTIFY = "notify", _("Notify the applicant")
    HAND_OVER = "hand_over", _("Hand over the result")
    WITHDRAW = "withdraw", _("Withdraw at the applicant's request")


Guard = Callable[[Case], CaseError | None]


def _has_next_step(case: Case) -> CaseError | None:
    step = case.current_step
    if step is None or step.position >= len(case.item_version.snapshot["steps"]):
        return CaseError.LAST_STEP_USE_COMPLETE
    return None


def _on_last_step(case: Case) -> CaseError | None:
    step = case.current_step
    if step is not None and step.position < len(case.item_version.snapshot["steps"]):
        return CaseError.STEPS_REMAIN
    return None


def _has_earlier_step(case: Case) -> CaseError | None:
    if case.current_step is None or case.current_step.position <= 1:
        return CaseError.NO_EARLIER_STEP
    return None


def _has_current_step(case: Case) -> CaseError | None:
    if case.current_step is None:
        return CaseError.NO_STEP
    return None


def _no_pending_extension(case: Case) -> CaseError | None:
    if any(e.approved is None for e in case.extensions.all()):
        return CaseError.EXTENSION_PENDING
    return None


def _pending_extension(case: Case) -> CaseError | None:
    if not any(e.approved is None for e in case.extensions.all()):
        return CaseError.NO_PENDING_EXTENSION
    return None


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[str]
    target: str | None
    permission: str
    guards: tuple[Guard, ...] = ()


def _t(
    action: Action,
    sources: tuple[str, ...],
    target: str | None,
    permission: str,
    *guards: Guard,
) -> Transition:
    return Transition(action, frozenset(sources), target, permission, guards)


HANDLE, INTAKE, SUPERVISE = (
    "cases.handle_case",
    "cases.intake_case",
    "cases.approve_extension",
)
RUNNING, CLOCKED = (S.IN_PROGRESS,), (S.IN_PROGRESS, S.SUSPENDED)

TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.SUPPLEMENT, (S.AWAITING_SUPPLEMENT,), None, INTAKE),
    _t(Action.APPROVE, RUNNING, S.IN_PROGRESS, HANDLE, _has_next_step),
    _t(Action.RETURN, RUNNING, S.IN_PROGRESS, HANDLE, _has_earlier_step),
    _t(Action.FORWARD, RUNNING, S.IN_PROGRESS, HANDLE, _has_current_step),
    _t(Action.REQUEST_INFO, RUNNING, S.SUSPENDED, HANDLE),
    _t(Action.SUSPEND, RUNNING, S.SUSPENDED, HANDLE),
    _t(Action.RESUME, (S.SUSPENDED,), S.IN_PROGRESS, HANDLE),
    _t(Action.EXTEND_REQUEST, CLOCKED, None, HANDLE, _no_pending_extension),
    _t(Action.EXTEND_APPROVE, CLOCKED, None, SUPERVISE, _pending_extension),
    _t(Action.EXTEND_REFUSE, CLOCKED, None, SUPERVISE, _pending_extension),
    _t(Action.COMPLETE, RUNNING, S.COMPLETED, HANDLE, _on_last_step),
    _t(Action.NOTIFY, (S.AWAITING_SUPPLEMENT, *CLOCKED, S.COMPLETED), None, HANDLE),
    _t(Action.HAND_OVER, (S.COMPLETED,), S.DELIVERED, INTAKE),
    _t(Action.WITHDRAW, (S.AWAITING_SUPPLEMENT, *CLOCKED), S.WITHDRAWN, INTAKE),
)
_BY_ACTION = {t.action: t for t in TRANSITIONS}


def transition_for(action: str) -> Transition:
    try:
        return _BY_ACTION[Action(action)]
    except ValueError:
        raise LookupError(action) from None


def refusal(case: Case, action: str) -> CaseError | None:
    """Why ``action`` may not be taken on ``case`` now, or None if it may."""
    try:
        transition = transition_for(action)
    except LookupError:
        return CaseError.UNKNOWN_ACTION
    if case.status not in transition.sources:
        return CaseError.NOT_ALLOWED_IN_STATE
    for guard in transition.guards:
        reason = guard(case)
        if reason is not None:
            return reason
    return None


def allowed_actions(case: Case) -> list[Action]:
    """The actions the table allows on ``case`` now (permissions aside)."""
    # Three guards read the extensions: once for all (a no-op if prefetched).
    prefetch_related_objects([case], "extensions")
    return [t.action for t in TRANSITIONS if refusal(case, t.action) is None]

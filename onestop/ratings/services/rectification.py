"""Each step of a rectification, through one door.

``rectification_act`` locks the rectification, asks the state table
(``ratings.states``) whether the action is allowed now and whether this
person may take it, runs the action's handler and appends the event — in one
transaction, so a refused step leaves nothing behind. The named functions at
the end are the same door for callers who know the step they take.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from onestop.circulation.services import supervisors_of
from onestop.common.errors import ServiceError
from onestop.notifications.models import NotificationKind
from onestop.notifications.services import notify_applicant, notify_staff
from onestop.ratings.errors import RatingError
from onestop.ratings.models import (
    AppealDecision,
    Rectification,
    RectificationEvent,
    RectificationStatus,
)
from onestop.ratings.states import Action, may_act, transition_for
from onestop.ratings.states import refusal as state_refusal


def event_append(
    rectification: Rectification,
    action: str,
    actor: Any,
    at: datetime,
    from_status: str,
    to_status: str,
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> RectificationEvent:
    last = rectification.events.aggregate(last=Max("sequence"))["last"] or 0
    return RectificationEvent.objects.create(
        rectification=rectification,
        sequence=last + 1,
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at,
        from_status=from_status,
        to_status=to_status or from_status,
        comment=comment,
        data=data or {},
    )


@dataclass
class Effect:
    """What a handler did, for the event: a comment and details."""

    comment: str = ""
    data: dict[str, Any] = field(default_factory=dict)


FIELDS = [
    "status",
    "handler",
    "verified_by",
    "verified_at",
    "valid",
    "invalid_reason",
    "appeal_text",
    "appealed_at",
    "appeal_decision",
    "appeal_decided_by",
    "appeal_decided_at",
    "measures",
    "rectified_at",
    "reply_text",
    "replied_at",
    "follow_up_note",
    "followed_up_at",
    "satisfied_after",
    "closed_at",
]


@transaction.atomic
def rectification_act(
    *,
    actor: Any,
    rectification: Rectification,
    action: str,
    now: datetime | None = None,
    **params: Any,
) -> Rectification:
    """Take ``action`` on ``rectification`` as ``actor``, if the table allows it."""
    now = now or timezone.now()
    try:
        transition = transition_for(action)
    except LookupError:
        raise ServiceError(RatingError.UNKNOWN_ACTION, field="action") from None
    locked = _lock(rectification)
    _require_allowed(actor, locked, transition)
    before = locked.status
    effect = HANDLERS[transition.action](locked, actor, now, **params)
    if transition.target is not None:
        locked.status = transition.target
    locked.save(update_fields=FIELDS)
    event_append(
        locked,
        transition.action,
        actor,
        now,
        before,
        locked.status,
        effect.comment,
        effect.data,
    )
    return locked


def _lock(rectification: Rectification) -> Rectification:
    return (
        Rectification.objects.select_for_update(of=("self",))
        .select_related("rating", "rating__case", "rating__case__organisation")
        .get(pk=rectification.pk)
    )


def _require_allowed(actor: Any, rectification: Rectification, transition: Any) -> None:
    label = transition.action.label
    reason = state_refusal(rectification, transition.action)
    if reason is not None:
        raise ServiceError(
            reason,
            field="action",
            action=label,
            status=rectification.get_status_display(),
        )
    if not may_act(actor, rectification, transition.who):
        raise ServiceError(
            RatingError.NOT_YOURS,
            field="action",
            who=transition.who.label,
            action=label,
        )


def _required(text: str, code: RatingError, field_name: str) -> str:
    if not (text or "").strip():
        raise ServiceError(code, field=field_name)
    return text.strip()


def _uncount(rectification: Rectification, reason: str) -> None:
    """A bad rating found invalid no longer counts in the figures."""
    rectification.status = RectificationStatus.INVALID
    rectification.valid = False
    rectification.invalid_reason = reason
    rating = rectification.rating
    rating.counted = False
    rating.save(update_fields=["counted"])


def verify(
    r: Rectification,
    actor: Any,
    now: datetime,
    valid: bool | None = None,
    reason: str = "",
    handler: Any = None,
) -> Effect:
    if valid is None:
        raise ServiceError(RatingError.VALIDITY_MISSING, field="valid")
    r.verified_by, r.verified_at = actor, now
    if not valid:
        _uncount(r, _required(reason, RatingError.REASON_MISSING, "reason"))
        return Effect(r.invalid_reason, {"valid": False})
    if handler is not None:
        _require_member(handler, r.organisation_id)
        r.handler = handler
    r.valid, r.status = True, RectificationStatus.RECTIFYING
    return Effect(reason.strip(), {"valid": True, "handler": r.handler.username})


def _require_member(user: Any, organisation_id: int) -> None:
    if not user.memberships.filter(
        organisation_id=organisation_id, is_active=True
    ).exists():
        raise ServiceError(RatingError.HANDLER_NOT_MEMBER, field="handler")


def appeal(r: Rectification, actor: Any, now: datetime, text: str = "") -> Effect:
    r.appeal_text = _required(text, RatingError.TEXT_MISSING, "text")
    r.appealed_at = now
    message = gettext("An appeal against a bad rating awaits your decision.")
    case = r.rating.case
    notify_staff(case=case, users=supervisors_of(case), message=message, at=now)
    return Effect(r.appeal_text)


def decide_appeal(
    r: Rectification, actor: Any, now: datetime, decision: str = "", note: str = ""
) -> Effect:
    if decision not in AppealDecision.values:
        raise ServiceError(RatingError.DECISION_MISSING, field="decision")
    note = _required(note, RatingError.REASON_MISSING, "note")
    r.appeal_decision = decision
    r.appeal_decided_by, r.appeal_decided_at = actor, now
    if decision == AppealDecision.UPHELD:
        _uncount(r, note)
    return Effect(note, {"decision": decision})


def rectify(r: Rectification, actor: Any, now: datetime, measures: str = "") -> Effect:
    r.measures = _required(measures, RatingError.TEXT_MISSING, "measures")
    r.rectified_at = now
    return Effect(r.measures)


def reply(r: Rectification, actor: Any, now: datetime, text: str = "") -> Effect:
    r.reply_text = _required(text, RatingError.TEXT_MISSING, "text")
    r.replied_at = now
    notify_applicant(
        case=r.rating.case, kind=NotificationKind.MESSAGE, at=now, message=r.reply_text
    )
    return Effect(r.reply_text)


def follow_up(
    r: Rectification,
    actor: Any,
    now: datetime,
    note: str = "",
    satisfied: bool | None = None,
) -> Effect:
    if satisfied is None:
        raise ServiceError(RatingError.SATISFACTION_MISSING, field="satisfied")
    r.follow_up_note = _required(note, RatingError.TEXT_MISSING, "note")
    r.followed_up_at, r.satisfied_after = now, satisfied
    return Effect(r.follow_up_note, {"satisfied": satisfied})


def close(r: Rectification, actor: Any, now: datetime, comment: str = "") -> Effect:
    r.closed_at = now
    return Effect(comment.strip())


Handler = Callable[..., Effect]
HANDLERS: dict[Action, Handler] = {
    Action.VERIFY: verify,
    Action.APPEAL: appeal,
    Action.DECIDE_APPEAL: decide_appeal,
    Action.RECTIFY: rectify,
    Action.REPLY: reply,
    Action.FOLLOW_UP: follow_up,
    Action.CLOSE: close,
}


# --- Named doors, for callers who know the step they take ------------------------


def rectification_verify(
    *,
    actor: Any,
    rectification: Rectification,
    valid: bool,
    reason: str = "",
    handler: Any = None,
    now: datetime | None = None,
) -> Rectification:
    """A supervisor finds the bad rating valid (to rectify) or invalid, with a reason."""
    return rectification_act(
        actor=actor,
        rectification=rectification,
        action=Action.VERIFY,
        now=now,
        valid=valid,
        reason=reason,
        handler=handler,
    )


def rectification_appeal(
    *, actor: Any, rectification: Rectification, text: str, now: datetime | None = None
) -> Rectification:
    """The staff member rated contests a rating found valid, once."""
    return rectification_act(
        actor=actor,
        rectification=rectification,
        action=Action.APPEAL,
        now=now,
        text=text,
    )


def appeal_decide(
    *,
    actor: Any,
    rectification: Rectification,
    decision: str,
    note: str,
    now: datetime | None = None,
) -> Rectification:
    """A supervisor upholds the appeal (the rating is invalid) or rejects it."""
    return rectification_act(
        actor=actor,
        rectification=rectification,
        action=Action.DECIDE_APPEAL,
        now=now,
        decision=decision,
        note=note,
    )


def rectification_rectify(
    *,
    actor: Any,
    rectification: Rectification,
    measures: str,
    now: datetime | None = None,
) -> Rectification:
    return rectification_act(
        actor=actor,
        rectification=rectification,
        action=Action.RECTIFY,
        now=now,
        measures=measures,
    )


def rectification_reply(
    *, actor: Any, rectification: Rectification, text: str, now: datetime | None = None
) -> Rectification:
    """Answer the rater; the text goes by SMS to the case's contact phone."""
    return rectification_act(
        actor=actor,
        rectification=rectification,
        action=Action.REPLY,
        now=now,
        text=text,
    )


def rectification_follow_up(
    *,
    actor: Any,
    rectification: Rectification,
    note: str,
    satisfied: bool,
    now: datetime | None = None,
) -> Rectification:
    return rectification_act(
        actor=actor,
        rectification=rectification,
        action=Action.FOLLOW_UP,
        now=now,
        note=note,
        satisfied=satisfied,
    )


def rectification_close(
    *,
    actor: Any,
    rectification: Rectification,
    comment: str = "",
    now: datetime | None = None,
) -> Rectification:
    return rectification_act(
        actor=actor,
        rectification=rectification,
        action=Action.CLOSE,
        now=now,
        comment=comment,
    )

"""What may be done to a rectification in each state, and by whom: one table.

Like ``onestop.cases.states``: each row names an action, the states it may
start from, the state it leads to (``None`` when the action decides, or
leaves the state as it is), who may take it, and guards that refuse it with
a reason. Services look actions up here; the page offers only what the table
allows the person looking at it.

Who: supervisors (those who approve extensions in the organisation) verify,
decide appeals and close; the handler — by default the staff member rated —
or a supervisor rectifies, replies and records the follow-up visit; only the
staff member rated may appeal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.organisations.backends import has_organisation_perm
from onestop.ratings.errors import RatingError
from onestop.ratings.models import Rectification, RectificationStatus

S = RectificationStatus
SUPERVISE = "cases.approve_extension"


class Action(models.TextChoices):
    VERIFY = "verify", _("Verify the rating")
    APPEAL = "appeal", _("Appeal against the rating")
    DECIDE_APPEAL = "decide_appeal", _("Decide the appeal")
    RECTIFY = "rectify", _("Record the measures taken")
    REPLY = "reply", _("Reply to the rater")
    FOLLOW_UP = "follow_up", _("Record the follow-up visit")
    CLOSE = "close", _("Close")


class Who(models.TextChoices):
    SUPERVISOR = "supervisor", _("a supervisor")
    HANDLER = "handler", _("the handler or a supervisor")
    RATED = "rated", _("the staff member rated")


Guard = Callable[[Rectification], RatingError | None]


def _no_pending_appeal(rectification: Rectification) -> RatingError | None:
    return RatingError.APPEAL_PENDING if rectification.appeal_pending else None


def _appeal_pending(rectification: Rectification) -> RatingError | None:
    return None if rectification.appeal_pending else RatingError.NO_PENDING_APPEAL


def _not_appealed(rectification: Rectification) -> RatingError | None:
    return RatingError.ALREADY_APPEALED if rectification.appealed_at else None


def _measures_recorded(rectification: Rectification) -> RatingError | None:
    return None if rectification.measures.strip() else RatingError.MEASURES_MISSING


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[str]
    target: str | None
    who: Who
    guards: tuple[Guard, ...] = ()


def _t(
    action: Action, sources: tuple[str, ...], target: str | None, who: Who, *g: Guard
) -> Transition:
    return Transition(action, frozenset(sources), target, who, g)


TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.VERIFY, (S.VERIFYING,), None, Who.SUPERVISOR),
    _t(Action.APPEAL, (S.RECTIFYING,), None, Who.RATED, _not_appealed),
    _t(Action.DECIDE_APPEAL, (S.RECTIFYING,), None, Who.SUPERVISOR, _appeal_pending),
    _t(Action.RECTIFY, (S.RECTIFYING,), None, Who.HANDLER),
    _t(
        Action.REPLY,
        (S.RECTIFYING,),
        S.REPLIED,
        Who.HANDLER,
        _no_pending_appeal,
        _measures_recorded,
    ),
    _t(Action.FOLLOW_UP, (S.REPLIED,), S.FOLLOWED_UP, Who.HANDLER),
    _t(Action.CLOSE, (S.FOLLOWED_UP,), S.CLOSED, Who.SUPERVISOR),
)
_BY_ACTION = {t.action: t for t in TRANSITIONS}


def transition_for(action: str) -> Transition:
    try:
        return _BY_ACTION[Action(action)]
    except ValueError:
        raise LookupError(action) from None


def refusal(rectification: Rectification, action: str) -> RatingError | None:
    """Why ``action`` may not be taken on ``rectification`` now, or None if it may."""
    try:
        transition = transition_for(action)
    except LookupError:
        return RatingError.UNKNOWN_ACTION
    if rectification.status not in transition.sources:
        return RatingError.NOT_ALLOWED_IN_STATE
    for guard in transition.guards:
        reason = guard(rectification)
        if reason is not None:
            return reason
    return None


def is_supervisor(actor: Any, organisation_id: int) -> bool:
    return has_organisation_perm(actor, SUPERVISE, organisation_id)


def may_act(actor: Any, rectification: Rectification, who: str) -> bool:
    """Whether ``actor`` is among those the table names for an action."""
    if who == Who.RATED:
        return actor.pk == rectification.rating.staff_id
    if is_supervisor(actor, rectification.organisation_id):
        return True
    return who == Who.HANDLER and actor.pk == rectification.handler_id


def actions_for(actor: Any, rectification: Rectification) -> list[Action]:
    """The actions ``actor`` may take on ``rectification`` now."""
    return [
        t.action
        for t in TRANSITIONS
        if refusal(rectification, t.action) is None
        and may_act(actor, rectification, t.who)
    ]

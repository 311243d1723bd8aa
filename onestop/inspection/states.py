"""What may be done to an inspection in each state: one table.

assigned → scored → (appealed → upheld / rejected) → final. A scored
inspection becomes final when its appeal period ends without an appeal; a
decided appeal becomes final at the next sweep. Calibration copies are scored
and finalised like any other, but never appealed (they do not count).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.inspection.models import InspectionStatus

S = InspectionStatus


class Action(models.TextChoices):
    SCORE = "score", _("Score")
    APPEAL = "appeal", _("Appeal")
    UPHOLD = "uphold", _("Uphold the appeal")
    REJECT = "reject", _("Reject the appeal")
    FINALISE = "finalise", _("Finalise")


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[str]
    target: str


def _t(action: Action, sources: tuple[str, ...], target: str) -> Transition:
    return Transition(action, frozenset(sources), target)


TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.SCORE, (S.ASSIGNED,), S.SCORED),
    _t(Action.APPEAL, (S.SCORED,), S.APPEALED),
    _t(Action.UPHOLD, (S.APPEALED,), S.UPHELD),
    _t(Action.REJECT, (S.APPEALED,), S.REJECTED),
    _t(Action.FINALISE, (S.SCORED, S.UPHELD, S.REJECTED), S.FINAL),
)
_BY_ACTION = {t.action: t for t in TRANSITIONS}


def transition_for(action: Action) -> Transition:
    return _BY_ACTION[action]


def allowed(status: str, action: Action) -> bool:
    return status in _BY_ACTION[action].sources

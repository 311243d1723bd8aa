"""What may happen to a plan and to an objection in each state: tables, not branches.

A plan is open until signed; signing locks it for good (篇5's monthly
quantified score becomes the record). An objection is open until the
supervisor upholds or rejects it, with an answer either way.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.assessment.models import ObjectionStatus, PlanStatus


class PlanAction(models.TextChoices):
    SET_ITEMS = "set_items", _("Set indicators and weights")
    RUN = "run", _("Run")
    RECORD_CHECK = "record_check", _("Record a manual check")
    OBJECT = "object", _("Object")
    SIGN = "sign", _("Sign off and lock")


class ObjectionAction(models.TextChoices):
    UPHOLD = "uphold", _("Uphold")
    REJECT = "reject", _("Reject")


PLAN_ACTIONS: dict[str, frozenset[str]] = {
    PlanStatus.OPEN: frozenset(PlanAction.values),
    PlanStatus.SIGNED: frozenset(),
}

OBJECTION_TRANSITIONS: dict[tuple[str, str], str] = {
    (ObjectionStatus.OPEN, ObjectionAction.UPHOLD): ObjectionStatus.UPHELD,
    (ObjectionStatus.OPEN, ObjectionAction.REJECT): ObjectionStatus.REJECTED,
}


def plan_allows(status: str, action: str) -> bool:
    return action in PLAN_ACTIONS.get(status, frozenset())


def objection_target(status: str, action: str) -> str | None:
    """The state ``action`` leads to from ``status``, or None if not allowed."""
    return OBJECTION_TRANSITIONS.get((status, action))

"""Readable names of what case events record, for timelines."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from onestop.cases.models import Outcome
from onestop.cases.states import Action


def event_action_label(action: str, data: dict[str, Any]) -> str:
    if action in ("intake", "supplement") and data.get("outcome") in Outcome.values:
        verb = _("Intake") if action == "intake" else _("Supplement")
        return f"{verb}: {Outcome(data['outcome']).label}"
    if action == "warning_yellow":
        return _("Warning: near the limit")
    if action == "warning_red":
        return _("Warning: overdue")
    if action in Action.values:
        return str(Action(action).label)
    return action

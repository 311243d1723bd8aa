"""A check that the loaded rows hold together: one case approved, then rolled back."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from onestop.cases import selectors
from onestop.cases.models import Case
from onestop.circulation.services import case_act
from onestop.common.errors import ServiceError
from onestop.organisations.models import Organisation


def sanity_check(organisation: Organisation, handler: Any) -> str:
    """Approve one loaded case through the service: the generated rows must hold together."""
    case = _approvable(organisation, handler)
    if case is None:
        return "no case to approve found"
    try:
        return _approve_and_roll_back(case, handler)
    except ServiceError as error:
        return f"approve refused on {case.number}: {error.message}"
    except Exception as error:  # the report names what broke
        return f"approve FAILED on {case.number}: {type(error).__name__}: {error}"


def _approvable(organisation: Organisation, handler: Any) -> Case | None:
    """A case in the handler's work, in progress, free or theirs, not on its last step."""
    for case in selectors.my_work(actor=handler, organisation=organisation, limit=50):
        if case.status != "in_progress" or case.current_assignee_id not in (
            None,
            handler.pk,
        ):
            continue
        steps = len(case.item_version.snapshot["steps"])
        if case.current_step is None or case.current_step.position >= steps:
            continue
        return case
    return None


def _approve_and_roll_back(case: Case, handler: Any) -> str:
    with transaction.atomic():
        after = case_act(
            actor=handler,
            case=case,
            action="approve",
            expected_version=case.lock_version,
        )
        result = (
            f"approved {after.number} step {case.current_step.position} → "
            f"{after.current_step.position}, events "
            f"{list(after.events.values_list('sequence', flat=True))}"
        )
        transaction.set_rollback(True)  # leave the data as loaded
    return result

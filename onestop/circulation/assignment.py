"""Who may work on a case's current step.

The step's assignee; else anyone on the step's post (一岗多人); else, for a
step given only to a department, anyone on a post of that department; and
always the organisation's supervisors.
"""

from __future__ import annotations

from typing import Any

from onestop.cases.models import Case
from onestop.cases.states import Action, allowed_actions, transition_for
from onestop.organisations.backends import has_organisation_perm
from onestop.posts.models import PostAssignment


def posts_of(actor: Any, organisation_id: int) -> set[int]:
    return set(
        PostAssignment.objects.filter(
            membership__user=actor,
            membership__organisation_id=organisation_id,
            membership__is_active=True,
        ).values_list("post_id", flat=True)
    )


def departments_of(actor: Any, organisation_id: int) -> set[int]:
    return set(
        PostAssignment.objects.filter(
            membership__user=actor,
            membership__organisation_id=organisation_id,
            membership__is_active=True,
        ).values_list("post__department_id", flat=True)
    )


def may_work_on(actor: Any, case: Case) -> bool:
    if has_organisation_perm(actor, "cases.approve_extension", case.organisation_id):
        return True
    if case.current_assignee_id is not None:
        return case.current_assignee_id == actor.pk
    if case.current_post_id is not None:
        return case.current_post_id in posts_of(actor, case.organisation_id)
    return case.current_department_id in departments_of(actor, case.organisation_id)


def actions_offered(actor: Any, case: Case) -> list[Action]:
    """What ``actor`` may do to ``case`` now: the state table, their roles, their step."""
    from onestop.circulation.services import STEP_ACTIONS

    on_step = may_work_on(actor, case)
    return [
        action
        for action in allowed_actions(case)
        if has_organisation_perm(
            actor, transition_for(action).permission, case.organisation_id
        )
        and (on_step or action not in STEP_ACTIONS)
    ]

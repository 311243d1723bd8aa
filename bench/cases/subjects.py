"""Who and what is measured: the organisation, its staff, and sample cases."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Max, Min

from onestop.cases import selectors
from onestop.cases.models import OPEN_STATUSES, Case
from onestop.organisations.models import Organisation

from .plans import OrgPlan


@dataclass
class Subjects:
    organisation: Organisation
    handler: Any  # the back-office handler with the most open cases waiting
    waiting: int  # how many
    supervisor: Any
    clerk: Any  # counter staff, not a supervisor


def subjects(org_plan: OrgPlan) -> Subjects:
    """The measured organisation, its busiest handler, a supervisor and a clerk."""
    organisation = Organisation.objects.get(pk=org_plan.id)
    waiting, handler = _busiest_handler(org_plan, organisation)
    return Subjects(
        organisation,
        handler,
        waiting,
        _supervisor(org_plan),
        _clerk(org_plan),
    )


def _busiest_handler(org_plan: OrgPlan, organisation: Organisation) -> tuple[int, Any]:
    open_cases = Case.objects.filter(
        organisation=organisation, status__in=OPEN_STATUSES
    )
    waiting = []
    for user in get_user_model().objects.filter(pk__in=org_plan.handlers):
        works = selectors._where_actor_works(user, organisation)
        waiting.append((open_cases.filter(works).count(), user.username, user))
    waiting.sort(reverse=True)
    count, _username, handler = waiting[0]
    return count, handler


def _supervisor(org_plan: OrgPlan) -> Any:
    """The one called "supervisor" if there is one."""
    supervisors = get_user_model().objects.filter(pk__in=org_plan.supervisors)
    return supervisors.filter(username__endswith="supervisor").first() or supervisors[0]


def _clerk(org_plan: OrgPlan) -> Any:
    """The one called "clerk" if there is one."""
    counter_staff = (
        get_user_model()
        .objects.filter(pk__in=org_plan.clerks)
        .exclude(pk__in=org_plan.supervisors)
    )
    return (
        counter_staff.filter(username__endswith="clerk").first()
        or counter_staff.first()
    )


def case_numbers(
    organisation: Organisation, count: int, rng: random.Random
) -> list[str]:
    """``count`` case numbers of the organisation: half open, half from anywhere."""
    open_ids = list(
        Case.objects.filter(organisation=organisation, status__in=OPEN_STATUSES)
        .order_by()
        .values_list("id", flat=True)
    )
    chosen = set(rng.sample(open_ids, min(len(open_ids), count // 2)))
    bounds = Case.objects.order_by().aggregate(lo=Min("id"), hi=Max("id"))
    while len(chosen) < count:
        ids = [rng.randint(bounds["lo"], bounds["hi"]) for _ in range(count * 3)]
        chosen |= set(
            Case.objects.filter(organisation=organisation, id__in=ids)
            .order_by()
            .values_list("id", flat=True)[: count - len(chosen)]
        )
    numbers = list(
        Case.objects.filter(id__in=chosen).order_by().values_list("number", flat=True)
    )
    rng.shuffle(numbers)
    return numbers

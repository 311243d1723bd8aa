"""Reads of cases: one case with its history, lists of work, the supervisor's board."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from onestop.cases.models import (
    OPEN_STATUSES,
    Case,
    CaseEvent,
    CaseSettings,
    CaseStatus,
    CaseStep,
    Extension,
)
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Organisation
from onestop.posts.models import PostAssignment


def case_colour(case: Case, now: datetime) -> str:
    """green / yellow / red from the stored deadlines; "stopped" while suspended."""
    if case.status == CaseStatus.SUSPENDED:
        return "stopped"
    if case.status != CaseStatus.IN_PROGRESS or case.due_at is None:
        return ""
    if now >= case.due_at:
        return "red"
    if case.yellow_at is not None and now >= case.yellow_at:
        return "yellow"
    return "green"


def case_get(*, organisation: Organisation, number: str) -> Case:
    """One case of ``organisation`` with everything its page shows, in a fixed number of queries."""
    cases = (
        Case.objects.filter(organisation=organisation)
        .select_related(
            "item",
            "item_version",
            "organisation",
            "first_responsible",
            "current_step",
            "current_department",
            "current_post",
            "current_assignee",
        )
        .prefetch_related(
            "materials",
            Prefetch(
                "steps",
                queryset=CaseStep.objects.select_related(
                    "department", "post", "assignee"
                ),
            ),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.select_related("actor").order_by("sequence"),
            ),
            "documents",
            "suspensions",
            "extensions",
        )
    )
    return get_object_or_404(cases, number=number)


def _where_actor_works(actor: Any, organisation: Organisation) -> Q:
    on = PostAssignment.objects.filter(
        membership__user=actor,
        membership__organisation=organisation,
        membership__is_active=True,
    )
    posts = list(on.values_list("post_id", flat=True))
    departments = list(on.values_list("post__department_id", flat=True))
    return (
        Q(current_assignee=actor)
        | Q(current_assignee__isnull=True, current_post__in=posts)
        | Q(
            current_assignee__isnull=True,
            current_post__isnull=True,
            current_department__in=departments,
        )
        | Q(
            first_responsible=actor,
            status__in=[CaseStatus.AWAITING_SUPPLEMENT, CaseStatus.COMPLETED],
        )
        | _extensions_to_decide(actor, organisation)
    )


def _extensions_to_decide(actor: Any, organisation: Organisation) -> Q:
    """For supervisors: the cases whose extension request waits for them."""
    if not has_organisation_perm(actor, "cases.approve_extension", organisation.pk):
        return Q(pk__in=[])
    pending = Extension.objects.filter(case=OuterRef("pk"), approved__isnull=True)
    return Q(Exists(pending))


# What a list row shows: loading whole items (long legal texts) and users for
# hundreds of rows cost more than the query itself at a million cases.
_LIST_FIELDS = (
    "number",
    "status",
    "received_at",
    "due_at",
    "yellow_at",
    "organisation_id",
    "current_department_id",
    "current_assignee_id",
    "item__code",
    "item__name",
    "current_step__name",
    "current_step__position",
    "current_step__due_at",
    "current_department__name",
)


def my_work(
    *, actor: Any, organisation: Organisation, limit: int = 200
) -> QuerySet[Case]:
    """Open cases waiting for ``actor``: on their steps, or theirs to hand back at the window."""
    return (
        Case.objects.filter(organisation=organisation, status__in=OPEN_STATUSES)
        .filter(_where_actor_works(actor, organisation))
        .select_related("item", "current_step", "current_department")
        .only(*_LIST_FIELDS)
        .order_by(F("due_at").asc(nulls_last=True), "received_at")[:limit]
    )


@dataclass
class BoardRow:
    department: str
    yellow: int
    red: int
    cases: list[Case]


def supervisor_board(
    *, organisation: Organisation, now: datetime, limit: int = 200
) -> list[BoardRow]:
    """Cases near or past their limit, by the department holding them, worst first."""
    late = Case.objects.filter(
        organisation=organisation, status=CaseStatus.IN_PROGRESS, yellow_at__lte=now
    )
    counts = (
        late.values("current_department_id", "current_department__name")
        .annotate(red=Count("id", filter=Q(due_at__lte=now)), total=Count("id"))
        .order_by("-red", "-total")
    )
    cases = list(
        late.select_related(
            "item", "current_step", "current_department", "current_assignee"
        )
        .only(
            *_LIST_FIELDS,
            "current_assignee__username",
            "current_assignee__first_name",
            "current_assignee__last_name",
        )
        .order_by("due_at")[:limit]
    )
    rows = []
    for count in counts:
        mine = [
            c
            for c in cases
            if c.current_department_id == count["current_department_id"]
        ]
        rows.append(
            BoardRow(
                department=count["current_department__name"] or "—",
                yellow=count["total"] - count["red"],
                red=count["red"],
                cases=mine,
            )
        )
    return rows


def case_settings_for(case: Case) -> CaseSettings:
    """The case's organisation's casework settings, read once per case object.

    An organisation that never saved its own gets the defaults (unsaved):
    the warning share, the remedies and the pickup text of the model.
    """
    cached = getattr(case, "_case_settings", None)
    if cached is None:
        cached = CaseSettings.objects.filter(
            organisation_id=case.organisation_id
        ).first() or CaseSettings(organisation_id=case.organisation_id)
        case._case_settings = cached  # type: ignore[attr-defined]
    return cached

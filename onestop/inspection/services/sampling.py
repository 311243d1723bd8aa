"""Sampling rules and their runs: draw cases, calls, hall visits or phone return
visits and assign inspectors.

A phone return visit is a survey call (``surveys.CallAttempt``) that was
answered and the survey taken down; the staff member who made the call is
the one inspected, and each questionnaire's calls are a group of the
percentage method.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.cases.models import Case
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.contactcenter.models import CallRecord
from onestop.inspection.errors import InspectionError
from onestop.inspection.models import (
    Inspection,
    SampleMethod,
    SamplingRule,
    SamplingRun,
    Scorecard,
    ScorecardKind,
    TargetKind,
)
from onestop.inspection.roles import INSPECT
from onestop.inspection.sampling import (
    Candidate,
    draw_per_staff,
    draw_percent,
    round_robin,
    run_seed,
)
from onestop.inspection.services.scorecards import scorecard_freeze
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Organisation
from onestop.posts.models import PostAssignment
from onestop.queueing.models import Ticket, TicketStatus
from onestop.surveys.models import CallAttempt, CallOutcome


@dataclass(frozen=True)
class RuleDraft:
    name: str
    scorecard: Scorecard
    target_kind: str
    method: str
    per_staff: int | None = None
    percent: Decimal | None = None
    is_active: bool = True


def rule_errors(draft: RuleDraft) -> list[ServiceError]:
    errors = []
    if draft.scorecard.kind == ScorecardKind.MYSTERY:
        errors.append(
            ServiceError(InspectionError.RULE_MYSTERY_CARD, field="scorecard")
        )
    elif not draft.scorecard.is_current:
        errors.append(
            ServiceError(
                InspectionError.SCORECARD_NOT_CURRENT,
                field="scorecard",
                scorecard=str(draft.scorecard),
            )
        )
    if draft.method == SampleMethod.PER_STAFF and not draft.per_staff:
        errors.append(
            ServiceError(InspectionError.RULE_SIZE_MISSING, field="per_staff")
        )
    if draft.method == SampleMethod.PERCENT and not (
        draft.percent is not None and 0 < draft.percent <= 100
    ):
        errors.append(
            ServiceError(InspectionError.RULE_PERCENT_MISSING, field="percent")
        )
    return errors


@transaction.atomic
def rule_save(
    *,
    actor: Any,
    organisation: Organisation,
    draft: RuleDraft,
    rule: SamplingRule | None = None,
) -> SamplingRule:
    """Create a sampling rule, or change ``rule``; past runs keep what they drew."""
    raise_all(rule_errors(draft))
    rule = rule or SamplingRule(organisation=organisation)
    rule.name = draft.name.strip()
    rule.scorecard = draft.scorecard
    rule.target_kind = draft.target_kind
    rule.method = draft.method
    rule.per_staff = draft.per_staff if draft.method == SampleMethod.PER_STAFF else None
    rule.percent = draft.percent if draft.method == SampleMethod.PERCENT else None
    rule.is_active = draft.is_active
    rule.save()
    audit_record(
        verb="inspection.rule_saved",
        actor=actor,
        organisation=organisation,
        target=rule,
    )
    return rule


@transaction.atomic
def sample_run(
    *,
    actor: Any,
    rule: SamplingRule,
    start: date,
    end: date,
    inspectors: Sequence[Any],
    now: datetime | None = None,
) -> SamplingRun:
    """Draw the rule's sample of [start, end] and assign it round-robin to ``inspectors``.

    Drawing the same period twice is refused: the seed would draw the same
    objects again. Objects already inspected with the scorecard are left out.
    """
    now = now or timezone.now()
    organisation = rule.organisation
    if end < start:
        raise ServiceError(InspectionError.PERIOD_REVERSED, field="end")
    inspector_ids = _inspector_ids(organisation, inspectors)
    if SamplingRun.objects.filter(
        rule=rule, period_start=start, period_end=end
    ).exists():
        raise ServiceError(
            InspectionError.ALREADY_DRAWN, field="start", start=start, end=end
        )
    rule = SamplingRule.objects.select_related("scorecard").get(pk=rule.pk)
    candidates = _candidates(rule, start, end)
    seed = run_seed(rule.pk, start, end)
    if rule.method == SampleMethod.PER_STAFF:
        drawn = draw_per_staff(candidates, count=rule.per_staff or 0, seed=seed)
    else:
        drawn = draw_percent(candidates, percent=rule.percent or Decimal(0), seed=seed)
    assigned = round_robin(drawn, inspector_ids)
    run = SamplingRun.objects.create(
        organisation=organisation,
        rule=rule,
        period_start=start,
        period_end=end,
        seed=seed,
        population=len(candidates),
        drawn=sum(1 for a in assigned if a is not None),
        run_at=now,
        run_by=actor,
    )
    _inspections_create(run, drawn, assigned)
    if run.drawn:
        scorecard_freeze(rule.scorecard, now)
    audit_record(
        verb="inspection.sample_drawn",
        actor=actor,
        organisation=organisation,
        target=run,
        data={"population": run.population, "drawn": run.drawn, "seed": seed},
    )
    return run


def _inspector_ids(organisation: Organisation, inspectors: Sequence[Any]) -> list[int]:
    if not inspectors:
        raise ServiceError(InspectionError.NO_INSPECTORS, field="inspectors")
    for person in inspectors:
        if not has_organisation_perm(person, INSPECT, organisation.pk):
            raise ServiceError(
                InspectionError.NOT_AN_INSPECTOR, field="inspectors", person=str(person)
            )
    return sorted({person.pk for person in inspectors})


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    first = datetime.combine(start, time.min, tzinfo=tz)
    return first, datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)


def _candidates(rule: SamplingRule, start: date, end: date) -> list[Candidate]:
    """Every object of the period the rule may draw, with its staff member and group."""
    first, after = _bounds(start, end)
    org = rule.organisation
    taken = Inspection.objects.filter(
        scorecard=rule.scorecard, calibration__isnull=True
    )
    if rule.target_kind == TargetKind.CASE:
        rows = (
            Case.objects.filter(
                organisation=org, completed_at__gte=first, completed_at__lt=after
            )
            .exclude(pk__in=taken.filter(case__isnull=False).values("case_id"))
            .values_list("pk", "first_responsible_id", "item_id")
        )
    elif rule.target_kind == TargetKind.CALL:
        rows = (
            CallRecord.objects.filter(
                organisation=org,
                answered_at__gte=first,
                answered_at__lt=after,
                agent__isnull=False,
            )
            .exclude(pk__in=taken.filter(call__isnull=False).values("call_id"))
            .values_list("pk", "agent_id", "queue_id")
        )
    elif rule.target_kind == TargetKind.RETURN_VISIT:
        rows = (
            CallAttempt.objects.filter(
                organisation=org,
                outcome=CallOutcome.ANSWERED,
                called_at__gte=first,
                called_at__lt=after,
            )
            .exclude(
                pk__in=taken.filter(return_visit__isnull=False).values(
                    "return_visit_id"
                )
            )
            .values_list("pk", "caller_id", "invitation__questionnaire__code")
        )
    else:
        rows = (
            Ticket.objects.filter(
                organisation=org,
                status=TicketStatus.DONE,
                served_to__gte=first,
                served_to__lt=after,
                staff__isnull=False,
            )
            .exclude(pk__in=taken.filter(ticket__isnull=False).values("ticket_id"))
            .values_list("pk", "staff_id", "category_id")
        )
    return [Candidate(pk, staff, str(group)) for pk, staff, group in rows]


def staff_departments(organisation: Organisation, user_ids: set[int]) -> dict[int, int]:
    """Each person's department: that of their post (the first by code), if any."""
    rows = (
        PostAssignment.objects.filter(
            membership__organisation=organisation, membership__user_id__in=user_ids
        )
        .order_by("-is_lead", "post__code")
        .values_list("membership__user_id", "post__department_id")
    )
    found: dict[int, int] = {}
    for user_id, department_id in rows:
        found.setdefault(user_id, department_id)
    return found


def _inspections_create(
    run: SamplingRun, drawn: Sequence[Candidate], assigned: Sequence[int | None]
) -> None:
    rule = run.rule
    kind = rule.target_kind
    departments = staff_departments(
        run.organisation, {c.staff_id for c in drawn if c.staff_id is not None}
    )
    fallback = _target_departments(kind, [c.object_id for c in drawn])
    rows = []
    for candidate, inspector_id in zip(drawn, assigned, strict=True):
        if inspector_id is None:
            continue
        staff = candidate.staff_id
        rows.append(
            Inspection(
                organisation=run.organisation,
                scorecard=rule.scorecard,
                target_kind=kind,
                run=run,
                inspector_id=inspector_id,
                inspected_user_id=staff,
                department_id=departments.get(staff or 0)
                or fallback.get(candidate.object_id),
                **{_FIELD[kind]: candidate.object_id},
            )
        )
    Inspection.objects.bulk_create(rows)


_FIELD = {
    TargetKind.CASE: "case_id",
    TargetKind.CALL: "call_id",
    TargetKind.VISIT: "ticket_id",
    TargetKind.RETURN_VISIT: "return_visit_id",
}


def _target_departments(kind: str, ids: list[int]) -> dict[int, int | None]:
    """The object's own department, for staff without a post: item's or window's."""
    if kind == TargetKind.CASE:
        return dict(
            Case.objects.filter(pk__in=ids).values_list("pk", "item__department_id")
        )
    if kind == TargetKind.VISIT:
        return dict(
            Ticket.objects.filter(pk__in=ids).values_list("pk", "window__department_id")
        )
    if kind == TargetKind.RETURN_VISIT:
        return dict(
            CallAttempt.objects.filter(pk__in=ids).values_list(
                "pk", "invitation__department_id"
            )
        )
    return {}

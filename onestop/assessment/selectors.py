"""Reads of the assessment, each a fixed number of queries whatever the size.

Visibility: a person sees their own person-scores; department and post
scores (the 竞赛 leaderboard) are visible to every member; other people's
scores need ``assessment.view_all_scores``. Everything is looked up within
the reader's organisation, so another organisation's object is a 404.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from onestop.assessment.models import (
    Indicator,
    IndicatorVersion,
    ManualCheck,
    Objection,
    ObjectionStatus,
    Plan,
    PlanItem,
    Run,
    Score,
    ScoreLine,
    SubjectKind,
)
from onestop.assessment.roles import ALL_SCORES
from onestop.organisations.backends import has_organisation_perm
from onestop.organisations.models import Organisation


def may_see_everyone(user: Any, organisation: Organisation) -> bool:
    return has_organisation_perm(user, ALL_SCORES, organisation.pk)


def indicator_list(*, organisation: Organisation) -> list[Indicator]:
    """Indicators with their latest version as ``current``."""
    indicators = list(
        Indicator.objects.filter(organisation=organisation).prefetch_related(
            Prefetch("versions", IndicatorVersion.objects.order_by("-number"))
        )
    )
    for indicator in indicators:
        indicator.current = next(iter(indicator.versions.all()), None)  # type: ignore[attr-defined]
    return indicators


def indicator_get(*, organisation: Organisation, pk: int) -> Indicator:
    indicator = get_object_or_404(
        Indicator.objects.prefetch_related(
            Prefetch(
                "versions",
                IndicatorVersion.objects.select_related("created_by").order_by(
                    "-number"
                ),
            )
        ),
        organisation=organisation,
        pk=pk,
    )
    indicator.current = next(iter(indicator.versions.all()), None)  # type: ignore[attr-defined]
    return indicator


def current_versions(*, organisation: Organisation) -> list[IndicatorVersion]:
    """The latest version of each indicator in use, in code order."""
    latest = (
        IndicatorVersion.objects.filter(
            indicator__organisation=organisation, indicator__is_active=True
        )
        .values("indicator_id")
        .annotate(n=Max("number"))
    )
    wanted = Q()
    for row in latest:
        wanted |= Q(indicator_id=row["indicator_id"], number=row["n"])
    if not latest:
        return []
    return list(
        IndicatorVersion.objects.filter(wanted)
        .select_related("indicator")
        .order_by("indicator__code")
    )


def plan_list(*, organisation: Organisation) -> QuerySet[Plan]:
    return Plan.objects.filter(organisation=organisation).annotate(
        run_count=Count("runs", distinct=True),
        open_objections=Count(
            "objections",
            filter=Q(objections__status=ObjectionStatus.OPEN),
            distinct=True,
        ),
    )


def plan_get(*, organisation: Organisation, pk: int) -> Plan:
    return get_object_or_404(
        Plan.objects.select_related("created_by", "signed_by", "signed_run"),
        organisation=organisation,
        pk=pk,
    )


@dataclass(frozen=True)
class ItemGroup:
    kind: str
    kind_label: str
    subject_id: int | None
    subject_name: str
    items: list[PlanItem]

    @property
    def total_weight(self) -> Any:
        return sum(item.weight for item in self.items)


def plan_groups(plan: Plan) -> list[ItemGroup]:
    """The plan's items, one group per kind of subject (general first) or subject."""
    groups: dict[tuple[str, int | None], list[PlanItem]] = defaultdict(list)
    for item in plan.items.select_related("indicator_version").order_by(
        "subject_kind", "subject_id", "indicator_version__indicator__code"
    ):
        groups[(item.subject_kind, item.subject_id)].append(item)
    order = {kind: i for i, kind in enumerate(SubjectKind.values)}
    return [
        ItemGroup(kind, str(SubjectKind(kind).label), sid, items[0].subject_name, items)
        for (kind, sid), items in sorted(
            groups.items(),
            key=lambda g: (order[g[0][0]], g[0][1] is not None, g[0][1] or 0),
        )
    ]


def plan_runs(plan: Plan) -> list[Run]:
    return list(plan.runs.select_related("run_by").order_by("-number"))


def latest_run(plan: Plan) -> Run | None:
    return plan.runs.order_by("-number").first()


def plan_checks(plan: Plan) -> list[ManualCheck]:
    return list(
        plan.checks.select_related("indicator_version", "recorded_by").order_by(
            "-occurred_on", "-id"
        )
    )


def plan_objections(plan: Plan) -> list[Objection]:
    return list(
        plan.objections.select_related(
            "raised_by", "resolved_by", "line__score__run"
        ).order_by("status", "-raised_at")
    )


def run_get(*, organisation: Organisation, pk: int) -> Run:
    return get_object_or_404(
        Run.objects.select_related("plan", "run_by"),
        plan__organisation=organisation,
        pk=pk,
    )


def run_scores(run: Run, kind: str) -> list[Score]:
    return list(run.scores.filter(subject_kind=kind).order_by("rank", "subject_name"))


def score_get(*, organisation: Organisation, pk: int, user: Any) -> Score:
    """One score with its lines; another person's person-score is a 404 to a non-supervisor."""
    score = get_object_or_404(
        Score.objects.select_related("run__plan"),
        run__plan__organisation=organisation,
        pk=pk,
    )
    if not may_see_score(user, organisation, score):
        raise Http404
    return score


def may_see_score(user: Any, organisation: Organisation, score: Score) -> bool:
    if score.subject_kind != SubjectKind.PERSON or score.subject_id == user.pk:
        return True
    return may_see_everyone(user, organisation)


def score_lines(score: Score) -> list[ScoreLine]:
    return list(
        score.lines.select_related("item__indicator_version").prefetch_related(
            Prefetch("objections", Objection.objects.select_related("resolved_by"))
        )
    )


def score_checks(score: Score) -> dict[int, ManualCheck]:
    """The manual checks a score's lines counted, by id."""
    ids = [pk for line in score.lines.all() for pk in line.check_ids]
    return {c.pk: c for c in ManualCheck.objects.filter(pk__in=ids)}


def my_scores(*, organisation: Organisation, user: Any) -> list[Score]:
    """The person's score in the latest run of every plan, newest period first."""
    latest = (
        Run.objects.filter(plan__organisation=organisation)
        .values("plan_id")
        .annotate(n=Max("number"))
    )
    wanted = Q()
    for row in latest:
        wanted |= Q(run__plan_id=row["plan_id"], run__number=row["n"])
    if not latest:
        return []
    return list(
        Score.objects.filter(
            wanted, subject_kind=SubjectKind.PERSON, subject_id=user.pk
        )
        .select_related("run__plan")
        .order_by("-run__plan__period_start")
    )


def person_history(
    *, organisation: Organisation, user_id: int, plan: Plan
) -> list[Score]:
    """A person's score in every run of ``plan``: the visible versions."""
    return list(
        Score.objects.filter(
            run__plan=plan, subject_kind=SubjectKind.PERSON, subject_id=user_id
        )
        .select_related("run")
        .order_by("-run__number")
    )


def leaderboard_run(*, organisation: Organisation) -> Run | None:
    """The latest run of the latest period: the 竞赛 standings."""
    return (
        Run.objects.filter(plan__organisation=organisation)
        .select_related("plan")
        .order_by("-plan__period_start", "-number")
        .first()
    )


def check_get(*, organisation: Organisation, pk: int) -> ManualCheck:
    return get_object_or_404(
        ManualCheck.objects.select_related("plan", "indicator_version"),
        organisation=organisation,
        pk=pk,
    )


def objection_get(*, organisation: Organisation, pk: int) -> Objection:
    return get_object_or_404(
        Objection.objects.select_related("plan", "line__score"),
        plan__organisation=organisation,
        pk=pk,
    )


def line_get(*, organisation: Organisation, pk: int) -> ScoreLine:
    return get_object_or_404(
        ScoreLine.objects.select_related("score__run__plan"),
        score__run__plan__organisation=organisation,
        pk=pk,
    )

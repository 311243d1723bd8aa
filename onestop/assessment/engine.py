"""The monthly run: every subject's points from the plan, the data and the checks.

Reads only; :func:`onestop.assessment.services.plan_run` stores the result.
The queries do not grow with the number of people: one per table of records
the metrics read (for every metric and kind of subject at once), one for the
manual checks, one per kind for the subjects; the rest
is arithmetic over the grouped figures (bench/assessment.py).

Rules applied here, shown to the person scored in each line's working:

- an item's full points are its weight × 100, so a subject's total is out
  of 100;
- items naming a subject replace the plan's general items of that kind for
  that subject (指标分解到岗到人);
- a rate or average with no records in the period earns full points (no
  work, nothing to hold against anyone); a count with no events is 0 events;
- a manual indicator's value is the sum of the checks' values (withdrawn
  checks not counted); with no check it is 0 events for a deduction rule and
  full points otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Sum

from onestop.assessment.metrics import METRICS, MetricValue, metric_figures
from onestop.assessment.models import (
    ManualCheck,
    Plan,
    PlanItem,
    Source,
    SubjectKind,
)
from onestop.common.names import person_name
from onestop.compute.scoring import (
    DeductionPerEvent,
    Points,
    gettext_noop,
    rule_from_dict,
    score_points,
)
from onestop.posts.models import Department, Post, PostAssignment

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
NO_RECORDS = gettext_noop("No records in the period: full %(full)s points.")
NO_CHECKS = gettext_noop("No check recorded in the period: full %(full)s points.")


@dataclass(frozen=True)
class Subject:
    kind: str
    id: int
    name: str
    group_name: str = ""


@dataclass
class LineResult:
    item: PlanItem
    value: float | None
    count: int
    full_points: Decimal
    points: Decimal
    template: str
    params: dict[str, str]
    check_ids: list[int] = field(default_factory=list)


@dataclass
class SubjectResult:
    subject: Subject
    lines: list[LineResult]
    rank: int = 0

    @property
    def total(self) -> Decimal:
        return sum((line.points for line in self.lines), Decimal(0))


def plan_subjects(plan: Plan, kind: str) -> list[Subject]:
    """Everyone of ``kind`` the plan assesses: all departments, posts, or people holding a post."""
    organisation = plan.organisation
    if kind == SubjectKind.DEPARTMENT:
        rows = Department.objects.filter(organisation=organisation).values_list(
            "pk", "name"
        )
        return [Subject(kind, pk, name) for pk, name in rows]
    if kind == SubjectKind.POST:
        posts = Post.objects.filter(organisation=organisation).values_list(
            "pk", "name", "department__name"
        )
        return [Subject(kind, pk, name, dept) for pk, name, dept in posts]
    return _people(plan)


def _people(plan: Plan) -> list[Subject]:
    departments: dict[int, list[str]] = defaultdict(list)
    assignments = PostAssignment.objects.filter(
        post__organisation=plan.organisation, membership__is_active=True
    ).values_list("membership__user_id", "post__department__name")
    for user_id, department in assignments.order_by("post__department__code"):
        if department not in departments[user_id]:
            departments[user_id].append(department)
    users = (
        get_user_model()
        .objects.filter(pk__in=departments)
        .only("first_name", "last_name", "username")
    )
    return [
        Subject(SubjectKind.PERSON, u.pk, person_name(u), "、".join(departments[u.pk]))
        for u in users
    ]


def _items_by_group(plan: Plan) -> dict[tuple[str, int | None], list[PlanItem]]:
    groups: dict[tuple[str, int | None], list[PlanItem]] = defaultdict(list)
    items = plan.items.select_related("indicator_version").order_by("id")
    for item in items:
        groups[(item.subject_kind, item.subject_id)].append(item)
    return groups


def _check_sums(plan: Plan) -> dict[tuple[int, str, int], tuple[float, list[int]]]:
    """(indicator version, kind, subject) → (sum of values, check ids)."""
    checks = ManualCheck.objects.filter(plan=plan, voided_at__isnull=True)
    sums = checks.values("indicator_version_id", "subject_kind", "subject_id").annotate(
        total=Sum("value")
    )
    ids: dict[tuple[int, str, int], list[int]] = defaultdict(list)
    for pk, version, kind, subject in checks.values_list(
        "pk", "indicator_version_id", "subject_kind", "subject_id"
    ).order_by("pk"):
        ids[(version, kind, subject)].append(pk)
    return {
        (row["indicator_version_id"], row["subject_kind"], row["subject_id"]): (
            float(row["total"]),
            ids[(row["indicator_version_id"], row["subject_kind"], row["subject_id"])],
        )
        for row in sums.order_by()
    }


def _metric_figures(
    plan: Plan, groups: dict[tuple[str, int | None], list[PlanItem]]
) -> dict[tuple[str, str], dict[int, MetricValue]]:
    wanted = {
        (kind, item.indicator_version.metric_key)
        for (kind, _subject), items in groups.items()
        for item in items
        if item.indicator_version.source == Source.METRIC
    }
    figures = metric_figures(
        organisation=plan.organisation,
        keys=sorted({key for _kind, key in wanted}),
        subjects=sorted({kind for kind, _key in wanted}),
        start=plan.period_start,
        end=plan.period_end,
    )
    return {pair: figures[pair] for pair in sorted(wanted)}


def _rule_of(version: Any) -> Any:
    """The version's rule, parsed once per run: the item objects are shared."""
    rule = getattr(version, "_parsed_rule", None)
    if rule is None:
        rule = version._parsed_rule = rule_from_dict(version.rule)
    return rule


def _full_points(item: PlanItem) -> Decimal:
    """The item's weight × 100, worked out once per run: the items are shared."""
    full: Decimal | None = getattr(item, "_full_points", None)
    if full is None:
        full = (item.weight * HUNDRED).quantize(CENT)
        setattr(item, "_full_points", full)  # noqa: B010 (not a model field)
    return full


Scored = tuple[Decimal, str, dict[str, str]]  # points, working template, figures


def _line(
    item: PlanItem,
    value: float | None,
    count: int,
    ids: list[int],
    scored: dict[tuple[int, float, Decimal], Scored],
) -> LineResult:
    """One line; ``scored`` holds the points already worked out in this run.

    Thousands of people share a few figures (no bad rating, a full on-time
    rate), so each (indicator version, value, full points) is scored once and
    the lines scored alike share its working, which nobody changes.
    """
    version = item.indicator_version
    full = _full_points(item)
    rule = _rule_of(version)
    if value is None and isinstance(rule, DeductionPerEvent):
        value = 0.0
    if value is None:
        template = NO_RECORDS if version.source == Source.METRIC else NO_CHECKS
        return LineResult(
            item, None, 0, full, full, template, {"full": f"{full:g}"}, ids
        )
    key = (version.pk, value, full)
    found = scored.get(key)
    if found is None:
        points: Points = score_points(rule, value, float(full))
        earned = Decimal(repr(points.points)).quantize(CENT)
        found = scored[key] = (earned, points.template, dict(points.params))
    return LineResult(item, value, count, full, *found, ids)


def _subject_lines(
    subject: Subject,
    items: Iterable[PlanItem],
    figures: dict[tuple[str, str], dict[int, MetricValue]],
    checks: dict[tuple[int, str, int], tuple[float, list[int]]],
    scored: dict[tuple[int, float, Decimal], Scored],
) -> list[LineResult]:
    lines = []
    for item in items:
        version = item.indicator_version
        if version.source == Source.METRIC:
            found = figures[(subject.kind, version.metric_key)].get(subject.id)
            if found is None and METRICS[version.metric_key].is_count:
                found = MetricValue(0.0, 0)
            value, count = (found.value, found.count) if found else (None, 0)
            lines.append(_line(item, value, count, [], scored))
        else:
            total, ids = checks.get((version.pk, subject.kind, subject.id), (None, []))
            lines.append(_line(item, total, len(ids), ids, scored))
    return lines


def _rank(results: list[SubjectResult]) -> None:
    """Standard competition ranking (1, 2, 2, 4): equal totals share a rank."""
    results.sort(key=lambda r: (-r.total, r.subject.name))
    previous: Decimal | None = None
    for position, result in enumerate(results, start=1):
        if result.total != previous:
            rank, previous = position, result.total
        result.rank = rank


def compute(plan: Plan) -> dict[str, list[SubjectResult]]:
    """Every assessed subject's lines and rank, by kind of subject."""
    groups = _items_by_group(plan)
    figures = _metric_figures(plan, groups)
    checks = _check_sums(plan)
    scored: dict[tuple[int, float, Decimal], Scored] = {}
    out: dict[str, list[SubjectResult]] = {}
    for kind in SubjectKind.values:
        if not any(k == kind for k, _subject in groups):
            continue
        results = []
        for subject in plan_subjects(plan, kind):
            items = groups.get((kind, subject.id)) or groups.get((kind, None))
            if items:
                lines = _subject_lines(subject, items, figures, checks, scored)
                results.append(SubjectResult(subject, lines))
        _rank(results)
        out[kind] = results
    return out


def subject_name(organisation: Any, kind: str, subject_id: int) -> str | None:
    """The name of one department, post or person of ``organisation``, or None."""
    if kind == SubjectKind.DEPARTMENT:
        found = Department.objects.filter(organisation=organisation, pk=subject_id)
        return found.values_list("name", flat=True).first()
    if kind == SubjectKind.POST:
        posts = Post.objects.filter(organisation=organisation, pk=subject_id)
        return posts.values_list("name", flat=True).first()
    user = (
        get_user_model()
        .objects.filter(
            pk=subject_id,
            memberships__organisation=organisation,
            memberships__is_active=True,
        )
        .first()
    )
    return person_name(user) if user else None

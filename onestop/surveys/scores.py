"""What surveys offer the quality evaluation (docs/quality.md): scores of
questions on 0–100, and the SERVQUAL report.

Every figure counts only answers of responses *not excluded by screening*
(``Answer.is_excluded``), answered in [start, end] (dates, inclusive). A
scaled answer maps to 0–100 by ``(value − scale_min) / (scale_max −
scale_min) × 100``. The scores are single-table ``GROUP BY`` queries on
``Answer`` and its index (organisation, question, answered_on, department, …).

A question's score counts the answers to every version of it: a new version
copies its questions with new ids, each pointing (``Question.lineage``) at
the first version's question. The scores first find the ids of every
version's question of the lineages asked for (one small query), then group
the answers of all of them by question id, still from the same index, and
pool each lineage's rows in Python — keyed by the id that was asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onestop.common.scores import SourceScore
from onestop.compute.evaluation import (
    SERVQUAL_DIMENSIONS,
    EvaluationError,
    ServqualResult,
    cronbach_alpha,
    servqual,
)
from onestop.organisations.models import Organisation
from onestop.surveys.models import (
    PARENT_KINDS,
    Answer,
    Audience,
    Instrument,
    Question,
    Questionnaire,
    ServqualPart,
    Status,
)

DIMENSION_LABELS = {
    "tangibles": _("Tangibles"),
    "reliability": _("Reliability"),
    "responsiveness": _("Responsiveness"),
    "assurance": _("Assurance"),
    "empathy": _("Empathy"),
}
DIMENSIONS = list(dict.fromkeys(SERVQUAL_DIMENSIONS.values()))
ITEMS = sorted(SERVQUAL_DIMENSIONS)


def _counted(
    organisation: Organisation, start: date, end: date, question_ids: Sequence[int]
) -> QuerySet[Answer]:
    return Answer.objects.filter(
        organisation=organisation,
        question_id__in=list(question_ids),
        answered_on__gte=start,
        answered_on__lte=end,
        is_excluded=False,
        value__isnull=False,
    )


Scale = tuple[float, float]


@dataclass(frozen=True)
class _Lineages:
    """The questions of every version of the asked-for questions' lineages.

    ``root``: each version's question id → the id of its first version's
    question; ``scales``: the scale of each scaled one (each version is mapped
    onto 0–100 by its own scale).
    """

    root: dict[int, int]
    scales: dict[int, Scale]

    def asked(self, question_ids: Sequence[int]) -> dict[int, int]:
        """Each asked-for scaled question of the organisation → its lineage root."""
        return {pk: self.root[pk] for pk in question_ids if pk in self.scales}


def _lineages(organisation: Organisation, question_ids: Sequence[int]) -> _Lineages:
    """One query: the asked-for questions' roots (a subquery), then every
    question of those lineages in any version."""
    roots = (
        Question.objects.filter(
            questionnaire__organisation=organisation, pk__in=list(question_ids)
        )
        .annotate(root=Coalesce("lineage_id", "pk"))
        .values("root")
    )
    rows = Question.objects.filter(
        Q(pk__in=roots) | Q(lineage_id__in=roots),
        questionnaire__organisation=organisation,
    ).values_list("pk", "lineage_id", "scale_min", "scale_max")
    root: dict[int, int] = {}
    scales: dict[int, Scale] = {}
    for pk, lineage_id, low, high in rows:
        root[pk] = lineage_id or pk
        if low is not None and high is not None and high > low:
            scales[pk] = (low, high)
    return _Lineages(root, scales)


def _on_100(mean: float | None, scale: Scale) -> float | None:
    if mean is None:
        return None
    low, high = scale
    return (mean - low) / (high - low) * 100


class _Pool:
    """Sums and counts of one lineage's answers, kept apart per scale."""

    def __init__(self) -> None:
        self.by_scale: dict[Scale, list[float]] = {}

    def add(self, scale: Scale, total: float, n: int) -> None:
        pooled = self.by_scale.setdefault(scale, [0.0, 0])
        pooled[0] += total
        pooled[1] += n

    def score(self) -> SourceScore:
        n = sum(int(count) for _total, count in self.by_scale.values())
        if not n:
            return SourceScore(None, 0)
        if len(self.by_scale) == 1:
            ((scale, (total, count)),) = self.by_scale.items()
            return SourceScore(_on_100(total / count, scale), n)
        # Versions on different scales: each mapped onto 0–100, weighted by answers.
        weighted = sum(
            _on_100(total / count, scale) * count  # type: ignore[operator]
            for scale, (total, count) in self.by_scale.items()
            if count
        )
        return SourceScore(weighted / n, n)


def _pooled(
    organisation: Organisation,
    start: date,
    end: date,
    lineages: _Lineages,
    department_id: int | None = None,
    by_department: bool = False,
) -> dict[tuple[int | None, int], _Pool]:
    """(department id or None, lineage root) → the pooled answers of every version."""
    answers = _counted(organisation, start, end, list(lineages.scales))
    if department_id is not None:
        answers = answers.filter(department_id=department_id)
    keys = ["department_id", "question_id"] if by_department else ["question_id"]
    rows = answers.values(*keys).annotate(total=Sum("value"), n=Count("id")).order_by()
    pools: dict[tuple[int | None, int], _Pool] = defaultdict(_Pool)
    for row in rows:
        question_id = row["question_id"]
        key = (row.get("department_id"), lineages.root[question_id])
        pools[key].add(lineages.scales[question_id], row["total"], row["n"])
    return pools


def question_scores(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    question_ids: Sequence[int],
    department_id: int | None = None,
) -> dict[int, SourceScore]:
    """The mean answer of each scaled question on 0–100; ``SourceScore(None, 0)``
    for a question with no counted answers (or not a scaled question of
    ``organisation``).

    A question counts the answers to every version of it (its lineage: the
    versions copied from the same first version's question), keyed by the id
    asked for, whichever version's it is."""
    lineages = _lineages(organisation, question_ids)
    pools = _pooled(organisation, start, end, lineages, department_id)
    asked = lineages.asked(question_ids)
    return {
        pk: pools[(None, asked[pk])].score()
        if (None, asked.get(pk)) in pools
        else SourceScore(None, 0)
        for pk in question_ids
    }


def question_scores_by_department(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    question_ids: Sequence[int],
) -> dict[tuple[int | None, int], SourceScore]:
    """Scores keyed by (department id, question id), in one grouped query; only
    the pairs with counted answers appear. Like ``question_scores``, every
    version of a question counts, keyed by the id asked for."""
    lineages = _lineages(organisation, question_ids)
    pools = _pooled(organisation, start, end, lineages, by_department=True)
    by_root: dict[int, list[int]] = defaultdict(list)
    for pk, root in lineages.asked(question_ids).items():
        by_root[root].append(pk)
    return {
        (department_id, pk): pool.score()
        for (department_id, root), pool in pools.items()
        for pk in by_root.get(root, [])
    }


@dataclass(frozen=True)
class ScaledQuestion:
    """A question a factor of an evaluation scheme can be bound to."""

    id: int
    questionnaire_id: int
    questionnaire: str
    version: int
    code: str
    text: str
    label: str
    # The id of the first version's question: the same for every version of it.
    lineage_id: int | None = None


def scaled_questions(*, organisation: Organisation) -> list[ScaledQuestion]:
    """Every scaled question of the organisation's published (or retired) versions."""
    rows = sorted(
        Question.objects.filter(
            questionnaire__organisation=organisation,
            scale_min__isnull=False,
            scale_max__isnull=False,
        )
        .exclude(questionnaire__status=Status.DRAFT)
        .exclude(kind__in=PARENT_KINDS)
        .select_related("questionnaire", "section", "parent"),
        key=_reading_order,
    )
    return [
        ScaledQuestion(
            id=q.pk,
            questionnaire_id=q.questionnaire_id,
            questionnaire=q.questionnaire.title,
            version=q.questionnaire.version,
            code=q.code,
            text=q.text,
            label=f"{q.questionnaire.title} v{q.questionnaire.version} · {q.code} {q.text}",
            lineage_id=q.lineage_root,
        )
        for q in rows
    ]


def _reading_order(q: Question) -> tuple[Any, ...]:
    top = q.parent.position if q.parent else q.position
    return (
        q.questionnaire.code,
        -q.questionnaire.version,
        q.section.position,
        top,
        q.position,
        q.pk,
    )


# --- SERVQUAL ------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionRow:
    key: str
    label: str
    expectation: float | None
    perception: float | None
    gap: float | None
    importance: float | None
    weighted: float | None
    alpha_expectation: float | None
    alpha_perception: float | None


@dataclass
class ServqualReport:
    """The SERVQUAL figures of one questionnaire version for a period.

    ``result``: the compute ``ServqualResult`` (None when no respondent
    answered both parts); ``alpha``: Cronbach's α of each dimension's
    perception items (``alpha_expectation`` of its expectation items; None
    where it cannot be computed); ``expectation_means`` /
    ``perception_means``: each dimension's mean on the 7-point scale.
    """

    questionnaire: Questionnaire
    start: date
    end: date
    respondents: int
    result: ServqualResult | None
    alpha: dict[str, float | None]
    alpha_expectation: dict[str, float | None]
    expectation_means: dict[str, float]
    perception_means: dict[str, float]
    importance_means: dict[str, float]
    item_gaps: dict[int, float] = field(default_factory=dict)
    item_texts: dict[int, str] = field(default_factory=dict)
    problem: str = ""

    @property
    def rows(self) -> list[DimensionRow]:
        gaps = self.result.dimension_gaps if self.result else {}
        return [
            DimensionRow(
                key=d,
                label=str(DIMENSION_LABELS[d]),
                expectation=self.expectation_means.get(d),
                perception=self.perception_means.get(d),
                gap=gaps.get(d),
                importance=self.importance_means.get(d),
                weighted=(gaps[d] * self.importance_means[d] / 100)
                if d in gaps and d in self.importance_means
                else None,
                alpha_expectation=self.alpha_expectation.get(d),
                alpha_perception=self.alpha.get(d),
            )
            for d in DIMENSIONS
        ]

    @property
    def largest_gap(self) -> DimensionRow | None:
        rows = [r for r in self.rows if r.gap is not None]
        return min(rows, key=lambda r: r.gap) if rows else None  # type: ignore[arg-type,return-value]

    @property
    def finding(self) -> str:
        """The largest gap, in plain words."""
        row = self.largest_gap
        if row is None or row.gap is None:
            return ""
        items = [
            i
            for i in ITEMS
            if SERVQUAL_DIMENSIONS[i] == row.key and i in self.item_gaps
        ]
        weakest = min(items, key=lambda i: self.item_gaps[i]) if items else None
        if row.gap >= 0:
            return gettext(
                "Perceptions meet or exceed expectations in every dimension; the "
                "narrowest margin is in %(dimension)s (%(gap)s points on the 7-point scale)."
            ) % {"dimension": row.label, "gap": f"{row.gap:+.2f}"}
        text = gettext(
            "The largest gap is in %(dimension)s: the service perceived falls "
            "%(gap)s points short of what respondents expect on the 7-point scale "
            "(expected %(expected)s, perceived %(perceived)s)."
        ) % {
            "dimension": row.label,
            "gap": f"{-row.gap:.2f}",
            "expected": f"{row.expectation:.2f}",
            "perceived": f"{row.perception:.2f}",
        }
        if weakest is not None:
            text += " " + gettext(
                "Its weakest item is no. %(item)s, “%(statement)s” (gap %(gap)s)."
            ) % {
                "item": weakest,
                "statement": self.item_texts.get(weakest, ""),
                "gap": f"{self.item_gaps[weakest]:+.2f}",
            }
        return text


def _servqual_questions(
    questionnaire: Questionnaire,
) -> dict[int, tuple[str, int | None, str]]:
    """question id → (part, item number, dimension) of the version's SERVQUAL rows."""
    return {
        pk: (part, item, dimension)
        for pk, part, item, dimension in questionnaire.questions.exclude(
            servqual_part=""
        )
        .filter(parent__isnull=False)
        .values_list("pk", "servqual_part", "servqual_item", "dimension")
    }


def _respondent_answers(
    questionnaire: Questionnaire, start: date, end: date, department_id: int | None
) -> tuple[
    dict[int, dict[str, dict[Any, float]]], dict[int, tuple[str, int | None, str]]
]:
    questions = _servqual_questions(questionnaire)
    answers = _counted(questionnaire.organisation, start, end, list(questions))
    if department_id is not None:
        answers = answers.filter(department_id=department_id)
    by_response: dict[int, dict[str, dict[Any, float]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for response_id, question_id, value in answers.values_list(
        "response_id", "question_id", "value"
    ):
        part, item, dimension = questions[question_id]
        key = dimension if part == ServqualPart.IMPORTANCE else item
        by_response[response_id][part][key] = value
    return by_response, questions


def _alpha(rows: list[list[float]]) -> float | None:
    try:
        return round(cronbach_alpha(rows), 3)
    except EvaluationError:
        return None


def _per_dimension_alpha(matrix: list[list[float]]) -> dict[str, float | None]:
    return {
        d: _alpha(
            [
                [row[i - 1] for i in ITEMS if SERVQUAL_DIMENSIONS[i] == d]
                for row in matrix
            ]
        )
        for d in DIMENSIONS
    }


def _dimension_means(matrix: list[list[float]]) -> dict[str, float]:
    if not matrix:
        return {}
    means = {}
    for d in DIMENSIONS:
        columns = [i - 1 for i in ITEMS if SERVQUAL_DIMENSIONS[i] == d]
        means[d] = sum(row[c] for row in matrix for c in columns) / (
            len(matrix) * len(columns)
        )
    return means


def servqual_report(
    *,
    organisation: Organisation,
    questionnaire: Questionnaire,
    start: date,
    end: date,
    department_id: int | None = None,
) -> ServqualReport:
    """SERVQUAL gaps, weighted score, dimension means and α for a period."""
    if questionnaire.organisation_id != organisation.pk:
        raise Questionnaire.DoesNotExist
    by_response, _questions = _respondent_answers(
        questionnaire, start, end, department_id
    )
    texts = {
        item: text
        for item, text in questionnaire.questions.filter(
            servqual_part=ServqualPart.PERCEPTION, parent__isnull=False
        ).values_list("servqual_item", "text")
    }
    expect = [
        [parts[ServqualPart.EXPECTATION][i] for i in ITEMS]
        for parts in by_response.values()
        if all(i in parts.get(ServqualPart.EXPECTATION, {}) for i in ITEMS)
    ]
    report = ServqualReport(
        questionnaire=questionnaire,
        start=start,
        end=end,
        respondents=len(expect),
        result=None,
        alpha={},
        alpha_expectation=_per_dimension_alpha(expect),
        expectation_means=_dimension_means(expect),
        perception_means={},
        importance_means={},
        item_texts=texts,
    )
    _gaps_onto(report, by_response)
    return report


def _importance_means(points: list[dict[str, float]]) -> dict[str, float]:
    full = [p for p in points if all(d in p for d in DIMENSIONS)]
    if not full:
        return {}
    return {d: sum(p[d] for p in full) / len(full) for d in DIMENSIONS}


def _gaps_onto(
    report: ServqualReport, by_response: dict[int, dict[str, dict[Any, float]]]
) -> None:
    """Gaps over the respondents who answered both parts (the paired sample)."""
    expect, perceive, points = [], [], []
    for parts in by_response.values():
        e = parts.get(ServqualPart.EXPECTATION, {})
        p = parts.get(ServqualPart.PERCEPTION, {})
        if all(i in e for i in ITEMS) and all(i in p for i in ITEMS):
            expect.append([e[i] for i in ITEMS])
            perceive.append([p[i] for i in ITEMS])
            points.append(parts.get(ServqualPart.IMPORTANCE, {}))
    if not perceive:
        return
    complete = all(all(d in p for d in DIMENSIONS) for p in points)
    try:
        report.result = servqual(
            expect, perceive, dict(SERVQUAL_DIMENSIONS), points if complete else None
        )
    except EvaluationError as error:
        report.problem = str(error)
        return
    report.respondents = len(perceive)
    report.alpha = _per_dimension_alpha(perceive)
    report.alpha_expectation = _per_dimension_alpha(expect)
    report.expectation_means = _dimension_means(expect)
    report.perception_means = _dimension_means(perceive)
    report.importance_means = _importance_means(points)
    report.item_gaps = dict(zip(ITEMS, report.result.item_gaps, strict=True))


def latest_servqual(
    *, organisation: Organisation, audience: str
) -> Questionnaire | None:
    return (
        Questionnaire.objects.filter(
            organisation=organisation, instrument=Instrument.SERVQUAL, audience=audience
        )
        .exclude(status=Status.DRAFT)
        .order_by("-published_at", "-version")
        .first()
    )


def expectation_means(
    *, organisation: Organisation, audience: str, start: date, end: date
) -> dict[int, float]:
    """Mean expectation per SERVQUAL item number (1…22) of the latest SERVQUAL
    questionnaire of ``audience`` (customers or management — gap 1)."""
    questionnaire = latest_servqual(
        organisation=organisation, audience=Audience(audience)
    )
    if questionnaire is None:
        return {}
    items = dict(
        questionnaire.questions.filter(
            servqual_part=ServqualPart.EXPECTATION, servqual_item__isnull=False
        ).values_list("pk", "servqual_item")
    )
    rows = (
        _counted(organisation, start, end, list(items))
        .values("question_id")
        .annotate(mean=Avg("value"))
        .order_by()
    )
    return {items[row["question_id"]]: row["mean"] for row in rows}


__all__ = [
    "DIMENSION_LABELS",
    "ScaledQuestion",
    "ServqualReport",
    "expectation_means",
    "question_scores",
    "question_scores_by_department",
    "scaled_questions",
    "servqual_report",
]

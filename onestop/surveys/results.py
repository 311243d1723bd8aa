"""The results of one questionnaire version over a period, question by question.

For each answered question: how many answers count, how many were screened
out, the mean and the score on 0–100 of a scaled question, and the
distribution of the counted answers over the scale points or the choices
(a multiple choice's shares are of the respondents, so they may add up to
more than 100%). A fixed number of queries whatever the number of answers,
except the multiple choices' lists, which are read row by row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum

from onestop.surveys.models import (
    Answer,
    Kind,
    Question,
    Questionnaire,
    Response,
)
from onestop.surveys.services.answering import questions_of

SCALE_KINDS = (Kind.LIKERT5, Kind.LIKERT7, Kind.ROW)
CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
RESPONSE_LIMIT = 20000


@dataclass(frozen=True)
class Option:
    label: str
    count: int
    share: float | None  # of the counted answers, 0–1


@dataclass
class QuestionResult:
    question: Question
    counted: int = 0
    screened: int = 0
    mean: float | None = None
    score: float | None = None
    options: list[Option] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def text(self) -> str:
        q = self.question
        return f"{q.parent.text} · {q.text}" if q.parent_id else q.text  # type: ignore[union-attr]

    @property
    def has_distribution(self) -> bool:
        return bool(self.options)


@dataclass
class Results:
    questionnaire: Questionnaire
    start: date
    end: date
    department_id: int | None
    responses: int
    screened_responses: int
    questions: list[QuestionResult]

    @property
    def counted_responses(self) -> int:
        return self.responses - self.screened_responses


def _scale_labels(question: Question) -> dict[int, str]:
    """The scale points of a Likert question or grid row, the ends with their labels."""
    source = question.parent if question.kind == Kind.ROW else question
    low, high = int(question.scale_min or 0), int(question.scale_max or 0)
    labels = {point: str(point) for point in range(low, high + 1)}
    if source is not None and source.low_label:
        labels[low] = f"{low} {source.low_label}"
    if source is not None and source.high_label:
        labels[high] = f"{high} {source.high_label}"
    return labels


def _answers(
    questionnaire: Questionnaire, start: date, end: date, department_id: int | None
) -> Q:
    where = Q(
        organisation_id=questionnaire.organisation_id,
        response__questionnaire=questionnaire,
        answered_on__gte=start,
        answered_on__lte=end,
    )
    if department_id is not None:
        where &= Q(department_id=department_id)
    return where


def questionnaire_results(
    *,
    questionnaire: Questionnaire,
    start: date,
    end: date,
    department_id: int | None = None,
) -> Results:
    questions = [q for q in questions_of(questionnaire) if not q.is_parent]
    where = _answers(questionnaire, start, end, department_id)
    answers = Answer.objects.filter(where)
    totals = {
        (row["question_id"], row["is_excluded"]): row
        for row in answers.values("question_id", "is_excluded")
        .annotate(n=Count("id"), total=Sum("value"), valued=Count("value"))
        .order_by()
    }
    scale_points: dict[int, Counter[int]] = defaultdict(Counter)
    scaled_ids = [q.pk for q in questions if q.kind in SCALE_KINDS]
    for question_id, value, n in (
        answers.filter(question_id__in=scaled_ids, is_excluded=False)
        .exclude(value=None)
        .values_list("question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        scale_points[question_id][int(value)] += n
    picked: dict[int, Counter[int]] = defaultdict(Counter)
    choice_ids = [q.pk for q in questions if q.kind in CHOICE_KINDS]
    for question_id, positions in answers.filter(
        question_id__in=choice_ids, is_excluded=False
    ).values_list("question_id", "choices"):
        picked[question_id].update(positions or [])
    responses = Response.objects.filter(
        questionnaire=questionnaire, answered_on__gte=start, answered_on__lte=end
    )
    if department_id is not None:
        responses = responses.filter(department_id=department_id)
    counts = responses.aggregate(
        n=Count("id"), screened=Count("id", filter=Q(is_excluded=True))
    )
    results = []
    for question in questions:
        kept = totals.get((question.pk, False), {})
        result = QuestionResult(
            question,
            counted=kept.get("n", 0),
            screened=totals.get((question.pk, True), {}).get("n", 0),
        )
        if kept.get("valued"):
            result.mean = kept["total"] / kept["valued"]
            if question.is_scaled and question.scale_max != question.scale_min:
                low, high = question.scale_min, question.scale_max
                result.score = (result.mean - low) / (high - low) * 100  # type: ignore[operator]
        if question.kind in SCALE_KINDS:
            labels = _scale_labels(question)
            found = scale_points[question.pk]
            result.options = _options(
                [(labels[p], found.get(p, 0)) for p in labels], result.counted
            )
        elif question.kind in CHOICE_KINDS:
            found = picked[question.pk]
            result.options = _options(
                [(c.label, found.get(c.position, 0)) for c in question.choices.all()],
                result.counted,
            )
        results.append(result)
    return Results(
        questionnaire,
        start,
        end,
        department_id,
        counts["n"],
        counts["screened"],
        results,
    )


def _options(pairs: list[tuple[str, int]], counted: int) -> list[Option]:
    return [Option(label, n, n / counted if counted else None) for label, n in pairs]


# --- The responses, one row each, for the workbook ---------------------------------


@dataclass(frozen=True)
class ResponseRow:
    response: Response
    cells: dict[int, float | str]


def response_rows(
    *,
    questionnaire: Questionnaire,
    start: date,
    end: date,
    department_id: int | None = None,
    questions: list[Question],
) -> list[ResponseRow]:
    """Each response of the period (screened ones too) with its answers by question
    id: a number, a choice's label (several joined) or the text. Two queries."""
    responses = (
        Response.objects.filter(
            questionnaire=questionnaire, answered_on__gte=start, answered_on__lte=end
        )
        .select_related("department", "case")
        .order_by("submitted_at", "id")
    )
    if department_id is not None:
        responses = responses.filter(department_id=department_id)
    chosen = list(responses[:RESPONSE_LIMIT])
    labels = {q.pk: {c.position: c.label for c in q.choices.all()} for q in questions}
    answers = Answer.objects.filter(
        response__questionnaire=questionnaire,
        response__answered_on__gte=start,
        response__answered_on__lte=end,
    )
    if department_id is not None:
        answers = answers.filter(response__department_id=department_id)
    cells: dict[int, dict[int, float | str]] = defaultdict(dict)
    for response_id, question_id, value, text, positions in answers.values_list(
        "response_id", "question_id", "value", "text", "choices"
    ):
        if positions and question_id in labels:
            names = [labels[question_id].get(p, str(p)) for p in positions]
            cells[response_id][question_id] = "; ".join(names)
        elif value is not None:
            cells[response_id][question_id] = value
        elif text:
            cells[response_id][question_id] = text
    return [ResponseRow(r, cells[r.pk]) for r in chosen]

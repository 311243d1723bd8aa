"""Reads for the survey pages, each scoped to the organisation (404 otherwise)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from onestop.organisations.models import Organisation
from onestop.posts.models import Department
from onestop.surveys.models import (
    IMPORTED_CHANNELS,
    INVITED_CHANNELS,
    Answer,
    CallAttempt,
    CallOutcome,
    Channel,
    Invitation,
    InvitationStatus,
    Kind,
    Question,
    Questionnaire,
    Response,
    SamplingRule,
)
from onestop.surveys.services.answering import field_name, questions_of

LIST_LIMIT = 200


def questionnaire_list(*, organisation: Organisation) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(organisation=organisation).annotate(
        response_count=Count("responses", distinct=True),
        question_count=Count(
            "questions", filter=Q(questions__parent=None), distinct=True
        ),
    )


def questionnaire_get(*, organisation: Organisation, pk: int) -> Questionnaire:
    return get_object_or_404(
        Questionnaire.objects.select_related("organisation", "published_by"),
        organisation=organisation,
        pk=pk,
    )


def question_get(*, organisation: Organisation, pk: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related(
            "questionnaire__organisation", "section", "parent"
        ),
        questionnaire__organisation=organisation,
        pk=pk,
    )


def question_versions(question: Question) -> list[int]:
    """The ids of the question in every version of its questionnaire (its lineage)."""
    root = question.lineage_root
    return list(
        Question.objects.filter(
            Q(pk=root) | Q(lineage_id=root),
            questionnaire__organisation_id=question.questionnaire.organisation_id,
        ).values_list("pk", flat=True)
    )


def departments_of(*, organisation: Organisation) -> QuerySet[Department]:
    return Department.objects.filter(organisation=organisation).order_by("code")


@dataclass
class Item:
    """A question as the answer form shows it, with its rows and choices."""

    question: Question
    rows: list[Question] = field(default_factory=list)
    values: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return field_name(self.question)


@dataclass
class SectionBlock:
    section: Any
    items: list[Item]


def questionnaire_content(questionnaire: Questionnaire) -> list[SectionBlock]:
    """Sections in order, each with its top-level questions and their rows."""
    questions = questions_of(questionnaire)
    rows: dict[int, list[Question]] = {}
    for q in questions:
        if q.parent_id:
            rows.setdefault(q.parent_id, []).append(q)
    blocks: dict[int, SectionBlock] = {
        s.pk: SectionBlock(s, [])
        for s in questionnaire.sections.order_by("position", "id")
    }
    for q in questions:
        if q.parent_id:
            continue
        values = []
        if q.scale_min is not None and q.kind != Kind.SINGLE:
            values = list(range(int(q.scale_min), int(q.scale_max or 0) + 1))
        blocks[q.section_id].items.append(
            Item(q, sorted(rows.get(q.pk, []), key=lambda r: r.position), values)
        )
    return list(blocks.values())


def answers_from_post(questionnaire: Questionnaire, data: Any) -> dict[int, Any]:
    """The posted answers by question id (``q<id>``; several for a multiple choice)."""
    answers: dict[int, Any] = {}
    for q in questions_of(questionnaire):
        if q.is_parent:
            continue
        name = field_name(q)
        answers[q.pk] = (
            data.getlist(name) if q.kind == Kind.MULTIPLE else data.get(name, "")
        )
    return answers


def invitation_list(*, questionnaire: Questionnaire) -> list[Invitation]:
    return list(
        Invitation.objects.filter(questionnaire=questionnaire)
        .select_related("case", "department", "organisation", "response")
        .order_by("-created_at", "-id")[:LIST_LIMIT]
    )


def invitation_get(*, organisation: Organisation, pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related(
            "organisation", "questionnaire", "case", "department"
        ),
        organisation=organisation,
        pk=pk,
    )


def invitation_for_token(*, organisation: Organisation, token: str) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related(
            "organisation", "questionnaire", "case__item_version"
        ),
        organisation=organisation,
        token=token,
    )


def response_of(invitation: Invitation) -> Response | None:
    return Response.objects.filter(invitation=invitation).first()


def return_visit_worklist(*, organisation: Organisation) -> list[Invitation]:
    """Phone return visits still to make: fewest attempts first, oldest first."""
    return list(
        Invitation.objects.filter(
            organisation=organisation,
            channel=Channel.PHONE,
            status=InvitationStatus.OPEN,
        )
        .select_related("questionnaire", "case__item_version", "department")
        .order_by("attempts", "created_at", "id")[:LIST_LIMIT]
    )


def call_history(invitation: Invitation) -> list[CallAttempt]:
    return list(invitation.calls.select_related("caller").order_by("called_at", "id"))


def rule_list(*, organisation: Organisation) -> list[SamplingRule]:
    return list(
        SamplingRule.objects.filter(organisation=organisation).prefetch_related("runs")
    )


def rule_get(*, organisation: Organisation, pk: int) -> SamplingRule:
    return get_object_or_404(
        SamplingRule.objects.select_related("organisation"),
        organisation=organisation,
        pk=pk,
    )


def _day_range(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def response_list(
    *,
    questionnaire: Questionnaire,
    start: date,
    end: date,
    only_excluded: bool = False,
) -> list[Response]:
    responses = Response.objects.filter(
        questionnaire=questionnaire, answered_on__gte=start, answered_on__lte=end
    ).select_related("department", "case", "recorded_by")
    if only_excluded:
        responses = responses.filter(is_excluded=True)
    return list(responses.order_by("-submitted_at", "-id")[:LIST_LIMIT])


def response_get(*, organisation: Organisation, pk: int) -> Response:
    return get_object_or_404(
        Response.objects.select_related(
            "questionnaire",
            "department",
            "case",
            "recorded_by",
            "invitation",
            "import_batch",
        ),
        organisation=organisation,
        pk=pk,
    )


def response_answers(response: Response) -> list[Answer]:
    return list(
        response.answers.select_related("question__parent", "question__section")
        .prefetch_related("question__choices")
        .order_by(
            "question__section__position",
            "question__parent__position",
            "question__position",
            "question_id",
        )
    )


def question_answers(
    *,
    question: Question,
    start: date,
    end: date,
    department_id: int | None = None,
) -> list[Answer]:
    """The raw answers behind a figure, screened ones included (and marked):
    those to every version of the question, as its score counts them."""
    answers = Answer.objects.filter(
        organisation_id=question.questionnaire.organisation_id,
        question_id__in=question_versions(question),
        answered_on__gte=start,
        answered_on__lte=end,
    ).select_related("response", "department", "question__questionnaire")
    if department_id is not None:
        answers = answers.filter(department_id=department_id)
    return list(answers.order_by("answered_on", "id")[:1000])


@dataclass(frozen=True)
class RateRow:
    channel: Channel
    invited: int | None
    responded: int
    valid: int

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.invited if self.invited else None

    @property
    def valid_rate(self) -> float | None:
        return self.valid / self.responded if self.responded else None


def response_rates(
    *, organisation: Organisation, start: date, end: date, questionnaire_code: str = ""
) -> list[RateRow]:
    """Per channel: invited in the period, how many of them responded, how many
    of those responses count; imported channels have no invitations."""
    low, high = _day_range(start, end)
    invitations = Invitation.objects.filter(
        organisation=organisation, created_at__gte=low, created_at__lt=high
    )
    imported = Response.objects.filter(
        organisation=organisation,
        channel__in=IMPORTED_CHANNELS,
        answered_on__gte=start,
        answered_on__lte=end,
    )
    if questionnaire_code:
        invitations = invitations.filter(questionnaire__code=questionnaire_code)
        imported = imported.filter(questionnaire__code=questionnaire_code)
    invited = {
        row["channel"]: row
        for row in invitations.values("channel")
        .annotate(
            invited=Count("id"),
            responded=Count("response"),
            valid=Count("response", filter=Q(response__is_excluded=False)),
        )
        .order_by()
    }
    came = {
        row["channel"]: row
        for row in imported.values("channel")
        .annotate(responded=Count("id"), valid=Count("id", filter=Q(is_excluded=False)))
        .order_by()
    }
    rows = [
        RateRow(
            Channel(c),
            invited.get(c, {}).get("invited", 0),
            invited.get(c, {}).get("responded", 0),
            invited.get(c, {}).get("valid", 0),
        )
        for c in INVITED_CHANNELS
    ]
    rows += [
        RateRow(
            Channel(c),
            None,
            came.get(c, {}).get("responded", 0),
            came.get(c, {}).get("valid", 0),
        )
        for c in IMPORTED_CHANNELS
    ]
    return rows


def call_outcomes(
    *, organisation: Organisation, start: date, end: date
) -> list[tuple[str, int]]:
    low, high = _day_range(start, end)
    counts = dict(
        CallAttempt.objects.filter(
            organisation=organisation, called_at__gte=low, called_at__lt=high
        )
        .values_list("outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(str(o.label), counts.get(o.value, 0)) for o in CallOutcome]

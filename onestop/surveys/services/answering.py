"""Taking a response: checking the answers, saving them, screening them.

Every channel — the public page, a phone return visit, an imported row —
ends in ``response_record``: the answers are checked against the exact
questionnaire version (each problem names its question), the response and its
``Answer`` rows are written in one transaction, and the response is
screened. A screened response is kept, marked with its reasons, and its
answers are excluded from the scores (``Answer.is_excluded`` follows
``Response.is_excluded``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import (
    Answer,
    Invitation,
    InvitationStatus,
    Kind,
    Question,
    Questionnaire,
    Response,
    ScreenReason,
    Status,
)

TEXT_LIMIT = 2000
POINTS_TOTAL = 100


@dataclass
class Clean:
    """One checked answer, as stored."""

    value: float | None = None
    text: str = ""
    choices: list[int] = field(default_factory=list)


def field_name(question: Question) -> str:
    """The form field (and error field) of a question: ``q<id>``."""
    return question.field_name


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    """Every question of the version in reading order (a grid's rows right after
    it), with choices."""
    questions = questionnaire.questions.select_related(
        "section", "parent"
    ).prefetch_related("choices")
    return sorted(questions, key=_reading_order)


def _reading_order(q: Question) -> tuple[int, int, int, int, int]:
    if q.parent is not None:
        return (q.section.position, q.section_id, q.parent.position, 1, q.position)
    return (q.section.position, q.section_id, q.position, 0, q.pk)


def answers_check(
    questions: list[Question], raw: Mapping[int, Any]
) -> tuple[dict[int, Clean], list[ServiceError]]:
    """Checked answers by question id, and every problem (field ``q<id>``)."""
    clean: dict[int, Clean] = {}
    errors: list[ServiceError] = []
    for question in questions:
        if question.is_parent:
            continue
        try:
            answer = _check_one(question, raw.get(question.pk))
        except ServiceError as error:
            errors.append(error)
            continue
        if answer is not None:
            clean[question.pk] = answer
    errors += _allocation_errors(questions, clean)
    return clean, errors


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def _check_one(question: Question, value: Any) -> Clean | None:
    name = field_name(question)
    if _blank(value):
        if question.required and question.kind != Kind.POINTS:
            raise ServiceError(SurveyError.ANSWER_REQUIRED, field=name)
        return None
    if question.kind in (Kind.LIKERT5, Kind.LIKERT7, Kind.ROW):
        return Clean(value=_in_scale(question, value))
    if question.kind == Kind.POINTS:
        number = _number(value, name, 0, POINTS_TOTAL)
        return Clean(value=number)
    if question.kind == Kind.SINGLE:
        choice = _choice(question, value)
        return Clean(
            value=choice.points if question.is_scaled else None,
            choices=[choice.position],
        )
    if question.kind == Kind.MULTIPLE:
        values = value if isinstance(value, list | tuple) else [value]
        return Clean(choices=sorted({_choice(question, v).position for v in values}))
    text = str(value).strip()[:TEXT_LIMIT]
    return Clean(text=text) if text else _check_one(question, None)


def _number(value: Any, name: str, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not low <= number <= high:  # NaN fails too
        raise ServiceError(
            SurveyError.ANSWER_OUT_OF_SCALE,
            field=name,
            low=f"{low:g}",
            high=f"{high:g}",
        )
    return number


def _in_scale(question: Question, value: Any) -> float:
    assert question.scale_min is not None and question.scale_max is not None
    number = _number(
        value, field_name(question), question.scale_min, question.scale_max
    )
    if number != int(number):
        raise ServiceError(
            SurveyError.ANSWER_OUT_OF_SCALE,
            field=field_name(question),
            low=f"{question.scale_min:g}",
            high=f"{question.scale_max:g}",
        )
    return number


def _choice(question: Question, value: Any) -> Any:
    for choice in question.choices.all():
        if (
            str(choice.position) == str(value).strip()
            or choice.label == str(value).strip()
        ):
            return choice
    raise ServiceError(SurveyError.CHOICE_UNKNOWN, field=field_name(question))


def _allocation_errors(
    questions: list[Question], clean: dict[int, Clean]
) -> list[ServiceError]:
    """The parts of each points allocation add up to 100 (Zeithaml et al. 1990)."""
    errors = []
    for parent in (q for q in questions if q.kind == Kind.ALLOCATION):
        parts = [q for q in questions if q.parent_id == parent.pk]
        given = [clean[q.pk].value for q in parts if q.pk in clean]
        if not given and not parent.required:
            continue
        total = sum(v or 0 for v in given)
        if abs(total - POINTS_TOTAL) > 1e-6 or len(given) != len(parts):
            errors.append(
                ServiceError(
                    SurveyError.POINTS_SUM, field=field_name(parent), total=f"{total:g}"
                )
            )
    return errors


@dataclass(frozen=True)
class Respondent:
    """Who answered and where the response belongs."""

    channel: str
    invitation: Invitation | None = None
    case: Any = None
    department_id: int | None = None
    phone: str = ""
    external_id: str = ""
    import_batch: Any = None
    recorded_by: Any = None
    comment: str = ""


@transaction.atomic
def response_record(
    *,
    questionnaire: Questionnaire,
    respondent: Respondent,
    answers: Mapping[int, Any],
    now: datetime | None = None,
    started_at: datetime | None = None,
    questions: list[Question] | None = None,
) -> Response:
    """Check and save one response, then screen it."""
    now = now or timezone.now()
    if questionnaire.status == Status.DRAFT:
        raise ServiceError(SurveyError.NOT_PUBLISHED, version=questionnaire.version)
    invitation = _locked_invitation(respondent.invitation)
    questions = questions if questions is not None else questions_of(questionnaire)
    clean, errors = answers_check(questions, answers)
    raise_all(errors)
    seconds = None
    if started_at is not None and started_at <= now:
        seconds = int((now - started_at).total_seconds())
    response = Response.objects.create(
        organisation_id=questionnaire.organisation_id,
        questionnaire=questionnaire,
        invitation=invitation,
        channel=respondent.channel,
        case=respondent.case,
        department_id=respondent.department_id,
        respondent_phone=respondent.phone,
        started_at=started_at,
        submitted_at=now,
        answered_on=timezone.localdate(now),
        seconds=seconds,
        external_id=respondent.external_id,
        import_batch=respondent.import_batch,
        recorded_by=respondent.recorded_by,
        comment=respondent.comment[:TEXT_LIMIT],
    )
    Answer.objects.bulk_create(
        Answer(
            organisation_id=response.organisation_id,
            response=response,
            question_id=question_id,
            department_id=response.department_id,
            answered_on=response.answered_on,
            value=answer.value,
            text=answer.text,
            choices=answer.choices,
        )
        for question_id, answer in clean.items()
    )
    reasons = screen_reasons(response, questions, clean)
    if reasons:
        _exclusion_write(response, reasons)
    if invitation is not None:
        invitation.status = InvitationStatus.RESPONDED
        invitation.save(update_fields=["status"])
    if respondent.import_batch is None:
        audit_record(
            verb="surveys.response_recorded",
            actor=respondent.recorded_by,
            organisation=questionnaire.organisation,
            target=response,
            data={"channel": respondent.channel, "excluded": reasons},
        )
    return response


def _locked_invitation(invitation: Invitation | None) -> Invitation | None:
    if invitation is None:
        return None
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    earlier = Response.objects.filter(invitation=locked).first()
    if earlier is not None:
        when = timezone.localtime(earlier.submitted_at)
        raise ServiceError(SurveyError.ALREADY_ANSWERED, when=f"{when:%Y-%m-%d %H:%M}")
    if locked.status in (InvitationStatus.REFUSED, InvitationStatus.UNREACHABLE):
        raise ServiceError(SurveyError.INVITATION_CLOSED)
    return locked


def screen_reasons(
    response: Response, questions: list[Question], clean: Mapping[int, Clean]
) -> list[str]:
    """Why ``response`` should not count: duplicate, straight-lining, too fast."""
    questionnaire = response.questionnaire
    reasons = []
    if _is_duplicate(response, questionnaire):
        reasons.append(ScreenReason.DUPLICATE.value)
    if _is_straight_line(questions, clean, questionnaire.straightline_items):
        reasons.append(ScreenReason.STRAIGHT_LINE.value)
    if (
        questionnaire.min_seconds
        and response.seconds is not None
        and response.seconds < questionnaire.min_seconds
    ):
        reasons.append(ScreenReason.TOO_FAST.value)
    return reasons


def _is_duplicate(response: Response, questionnaire: Questionnaire) -> bool:
    """An earlier response from the same phone to any version of the questionnaire."""
    if not response.respondent_phone or not questionnaire.duplicate_days:
        return False
    since = response.answered_on - timedelta(days=questionnaire.duplicate_days)
    return (
        Response.objects.filter(
            organisation_id=response.organisation_id,
            questionnaire__code=questionnaire.code,
            respondent_phone=response.respondent_phone,
            answered_on__gte=since,
            answered_on__lte=response.answered_on,
        )
        .exclude(pk=response.pk)
        .exists()
    )


def _is_straight_line(
    questions: list[Question], clean: Mapping[int, Clean], minimum: int
) -> bool:
    """Every item of a grid of at least ``minimum`` items given the same answer."""
    grids: dict[int, list[float | None]] = {}
    for question in questions:
        if question.kind == Kind.ROW and question.parent_id is not None:
            answer = clean.get(question.pk)
            grids.setdefault(question.parent_id, []).append(
                answer.value if answer else None
            )
    return any(
        len(values) >= minimum and None not in values and len(set(values)) == 1
        for values in grids.values()
    )


def _exclusion_write(response: Response, reasons: list[str], note: str = "") -> None:
    response.is_excluded = bool(reasons)
    response.screen_reasons = reasons
    response.screen_note = note
    response.save(update_fields=["is_excluded", "screen_reasons", "screen_note"])
    Answer.objects.filter(response=response).update(is_excluded=response.is_excluded)


@transaction.atomic
def response_exclusion_set(
    *, actor: Any, response: Response, excluded: bool, note: str
) -> Response:
    """An inspector excludes a response by hand, or lets a screened one count."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    if not note.strip():
        raise ServiceError(SurveyError.REASON_MISSING, field="note")
    reasons = [ScreenReason.MANUAL.value] if excluded else []
    _exclusion_write(response, reasons, note.strip()[:300])
    audit_record(
        verb="surveys.response_excluded" if excluded else "surveys.response_counted",
        actor=actor,
        organisation=response.organisation,
        target=response,
        data={"note": note.strip()[:300]},
    )
    return response

"""Writes that build questionnaires: drafts, sections, questions, publishing, versions.

A published version is frozen: every write here refuses it
(``SurveyError.NOT_DRAFT``); ``questionnaire_new_version`` copies it into the
next draft, and responses keep pointing at the version they answered. Each
copied question keeps its ``lineage`` (the first version's question), so the
scores of a question count the answers to every version of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.organisations.models import Organisation
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import (
    PARENT_KINDS,
    SCALES,
    Choice,
    Kind,
    Question,
    Questionnaire,
    Section,
    Status,
)

CODE = re.compile(r"^[A-Za-z0-9_-]{2,30}$")
ROW_KIND = {
    Kind.MATRIX5: Kind.ROW,
    Kind.MATRIX7: Kind.ROW,
    Kind.ALLOCATION: Kind.POINTS,
}
SETTINGS = (
    "title",
    "introduction",
    "audience",
    "min_seconds",
    "straightline_items",
    "duplicate_days",
)


@dataclass(frozen=True)
class QuestionnaireFields:
    code: str
    title: str
    introduction: str = ""
    audience: str = "customers"
    min_seconds: int = 30
    straightline_items: int = 8
    duplicate_days: int = 30


@dataclass(frozen=True)
class QuestionFields:
    """A new question. ``lines``: the choices (``label | points``) or the grid's items."""

    kind: str
    text: str
    code: str = ""
    required: bool = True
    low_label: str = ""
    high_label: str = ""
    lines: list[str] = field(default_factory=list)


@transaction.atomic
def questionnaire_create(
    *,
    actor: Any,
    organisation: Organisation,
    fields: QuestionnaireFields,
    instrument: str = "general",
) -> Questionnaire:
    errors = []
    if not CODE.match(fields.code):
        errors.append(ServiceError(SurveyError.CODE_INVALID, field="code"))
    elif Questionnaire.objects.filter(
        organisation=organisation, code=fields.code
    ).exists():
        errors.append(
            ServiceError(SurveyError.CODE_TAKEN, field="code", code=fields.code)
        )
    if not fields.title.strip():
        errors.append(ServiceError(SurveyError.TITLE_MISSING, field="title"))
    raise_all(errors)
    questionnaire = Questionnaire.objects.create(
        organisation=organisation,
        code=fields.code,
        instrument=instrument,
        **{name: getattr(fields, name) for name in SETTINGS},
    )
    _audit("surveys.questionnaire_created", actor, questionnaire)
    return questionnaire


@transaction.atomic
def questionnaire_update(
    *, actor: Any, questionnaire: Questionnaire, fields: QuestionnaireFields
) -> Questionnaire:
    questionnaire = _locked_draft(questionnaire)
    if not fields.title.strip():
        raise ServiceError(SurveyError.TITLE_MISSING, field="title")
    changed = [n for n in SETTINGS if getattr(questionnaire, n) != getattr(fields, n)]
    for name in changed:
        setattr(questionnaire, name, getattr(fields, name))
    questionnaire.save(update_fields=changed)
    _audit("surveys.questionnaire_changed", actor, questionnaire, changed=changed)
    return questionnaire


@transaction.atomic
def section_add(
    *, actor: Any, questionnaire: Questionnaire, title: str, description: str = ""
) -> Section:
    questionnaire = _locked_draft(questionnaire)
    if not title.strip():
        raise ServiceError(SurveyError.TITLE_MISSING, field="title")
    last = questionnaire.sections.aggregate(n=Max("position"))["n"] or 0
    section = Section.objects.create(
        questionnaire=questionnaire,
        position=last + 1,
        title=title.strip(),
        description=description.strip(),
    )
    _audit("surveys.section_added", actor, questionnaire, section=section.title)
    return section


@transaction.atomic
def question_add(
    *, actor: Any, section: Section, fields: QuestionFields, **extra: Any
) -> Question:
    """Add a question at the end of ``section``; a grid gets one row per line."""
    questionnaire = _locked_draft(section.questionnaire)
    code = fields.code.strip() or _next_code(questionnaire)
    raise_all(_question_errors(questionnaire, fields, code))
    last = section.questions.filter(parent=None).aggregate(n=Max("position"))["n"] or 0
    low, high = SCALES.get(fields.kind, (None, None))  # type: ignore[call-overload]
    question = Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        position=last + 1,
        code=code,
        kind=fields.kind,
        text=fields.text.strip(),
        required=fields.required,
        scale_min=low,
        scale_max=high,
        low_label=fields.low_label,
        high_label=fields.high_label,
        **extra,
    )
    if fields.kind in PARENT_KINDS:
        _rows_create(question, [line for line in fields.lines if line.strip()])
    elif fields.kind in (Kind.SINGLE, Kind.MULTIPLE):
        _choices_create(question, _parsed_choices(fields.lines))
    _audit("surveys.question_added", actor, questionnaire, question=code)
    return question


def _question_errors(
    questionnaire: Questionnaire, fields: QuestionFields, code: str
) -> list[ServiceError]:
    errors = []
    if not fields.text.strip():
        errors.append(ServiceError(SurveyError.TEXT_MISSING, field="text"))
    if questionnaire.questions.filter(code=code).exists() or not CODE.match(code):
        errors.append(
            ServiceError(SurveyError.QUESTION_CODE_TAKEN, field="code", code=code)
        )
    lines = [line for line in fields.lines if line.strip()]
    if fields.kind in PARENT_KINDS and len(lines) < 2:
        errors.append(ServiceError(SurveyError.ROWS_MISSING, field="lines"))
    if fields.kind in (Kind.SINGLE, Kind.MULTIPLE):
        if len(lines) < 2:
            errors.append(ServiceError(SurveyError.CHOICES_MISSING, field="lines"))
        else:
            try:
                _parsed_choices(fields.lines)
            except ServiceError as error:
                errors.append(error)
    return errors


def _parsed_choices(lines: list[str]) -> list[tuple[str, float | None]]:
    """``label`` or ``label | points`` per line."""
    parsed = []
    for number, line in enumerate((s for s in lines if s.strip()), start=1):
        label, bar, points = line.partition("|")
        if not bar:
            parsed.append((label.strip(), None))
            continue
        try:
            parsed.append((label.strip(), float(points.strip())))
        except ValueError:
            raise ServiceError(
                SurveyError.POINTS_INVALID, field="lines", line=number
            ) from None
    return parsed


def _choices_create(
    question: Question, choices: list[tuple[str, float | None]]
) -> None:
    Choice.objects.bulk_create(
        Choice(question=question, position=n, label=label, points=points)
        for n, (label, points) in enumerate(choices, start=1)
    )
    points = [p for _label, p in choices if p is not None]
    if question.kind == Kind.SINGLE and len(points) == len(choices):
        # A single choice whose every option has points is a score.
        question.scale_min, question.scale_max = min(points), max(points)
        if question.scale_min < question.scale_max:
            question.save(update_fields=["scale_min", "scale_max"])


def _rows_create(parent: Question, lines: list[str], **per_row: Any) -> list[Question]:
    kind = ROW_KIND[Kind(parent.kind)]
    low, high = (
        (0.0, 100.0) if kind == Kind.POINTS else (parent.scale_min, parent.scale_max)
    )
    rows = [
        Question(
            questionnaire_id=parent.questionnaire_id,
            section_id=parent.section_id,
            parent=parent,
            position=n,
            code=f"{parent.code}_{n}",
            kind=kind,
            text=line.strip(),
            required=parent.required,
            scale_min=low if kind == Kind.ROW else None,
            scale_max=high if kind == Kind.ROW else None,
            **per_row,
        )
        for n, line in enumerate(lines, start=1)
    ]
    return Question.objects.bulk_create(rows)


def _next_code(questionnaire: Questionnaire) -> str:
    taken = set(questionnaire.questions.values_list("code", flat=True))
    n = questionnaire.questions.filter(parent=None).count() + 1
    while f"Q{n}" in taken:
        n += 1
    return f"Q{n}"


@transaction.atomic
def question_delete(*, actor: Any, question: Question) -> None:
    questionnaire = _locked_draft(question.questionnaire)
    code = question.code
    question.delete()
    _audit("surveys.question_deleted", actor, questionnaire, question=code)


@transaction.atomic
def question_move(*, actor: Any, question: Question, up: bool) -> None:
    """Swap the question with its neighbour in the section."""
    _locked_draft(question.questionnaire)
    siblings = list(
        question.section.questions.filter(parent=None).order_by("position", "id")
    )
    index = siblings.index(question)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        sibling.position = position
    Question.objects.bulk_update(siblings, ["position"])


@transaction.atomic
def questionnaire_publish(
    *, actor: Any, questionnaire: Questionnaire, now: datetime | None = None
) -> Questionnaire:
    """Freeze the draft and retire the version published before it."""
    questionnaire = _locked_draft(questionnaire)
    if not questionnaire.questions.exists():
        raise ServiceError(SurveyError.EMPTY)
    Questionnaire.objects.filter(
        organisation=questionnaire.organisation,
        code=questionnaire.code,
        status=Status.PUBLISHED,
    ).update(status=Status.RETIRED)
    questionnaire.status = Status.PUBLISHED
    questionnaire.published_at = now or timezone.now()
    questionnaire.published_by = actor if getattr(actor, "pk", None) else None
    questionnaire.save(update_fields=["status", "published_at", "published_by"])
    _audit("surveys.questionnaire_published", actor, questionnaire)
    return questionnaire


@transaction.atomic
def questionnaire_new_version(
    *, actor: Any, questionnaire: Questionnaire
) -> Questionnaire:
    """The next version of a published questionnaire: a draft copy to edit."""
    family = Questionnaire.objects.select_for_update().filter(
        organisation=questionnaire.organisation, code=questionnaire.code
    )
    draft = family.filter(status=Status.DRAFT).first()
    if draft is not None:
        raise ServiceError(SurveyError.HAS_DRAFT, version=draft.version)
    source = Questionnaire.objects.get(pk=questionnaire.pk)
    copy = Questionnaire.objects.get(pk=source.pk)
    copy.pk = None
    copy.version = (family.aggregate(n=Max("version"))["n"] or 0) + 1
    copy.status, copy.published_at, copy.published_by = Status.DRAFT, None, None
    copy.save(force_insert=True)
    _copy_content(source, copy)
    _audit("surveys.version_made", actor, copy, source=source.version)
    return copy


def _copy_content(source: Questionnaire, copy: Questionnaire) -> None:
    sections = {}
    for section in source.sections.all():
        old = section.pk
        section.pk, section.questionnaire = None, copy
        section.save(force_insert=True)
        sections[old] = section
    questions: dict[int, Question] = {}
    ordered = source.questions.order_by(F("parent_id").asc(nulls_first=True), "id")
    for question in ordered.prefetch_related("choices"):
        # Parents (parent_id NULL) come first, so a row's parent is copied before it.
        old, choices = question.pk, list(question.choices.all())
        question.pk, question.questionnaire = None, copy
        # Every version's copy points at the first version's question.
        question.lineage_id = question.lineage_id or old
        question.section = sections[question.section_id]
        if question.parent_id:
            question.parent = questions[question.parent_id]
        question.save(force_insert=True)
        questions[old] = question
        Choice.objects.bulk_create(
            Choice(
                question=question, position=c.position, label=c.label, points=c.points
            )
            for c in choices
        )


def _locked_draft(questionnaire: Questionnaire) -> Questionnaire:
    locked = (
        Questionnaire.objects.select_for_update()
        .select_related("organisation")
        .get(pk=questionnaire.pk)
    )
    if locked.status != Status.DRAFT:
        raise ServiceError(SurveyError.NOT_DRAFT, version=locked.version)
    return locked


def _audit(verb: str, actor: Any, questionnaire: Questionnaire, **data: Any) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        organisation=questionnaire.organisation,
        target=questionnaire,
        data=data,
    )

"""The SERVQUAL instrument, created ready to use by one call.

Customers' version: 22 expectation items, the 100-point importance
allocation over the five dimensions, 22 perception items (7-point scales;
Parasuraman, Zeithaml & Berry 1988, 1991; Zeithaml et al. 1990, appendix),
and a comment. Management's version: the expectation part only, answered as
managers believe customers would (gap 1). Both are published at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.common.errors import ServiceError
from onestop.compute.evaluation import SERVQUAL_DIMENSIONS
from onestop.organisations.models import Organisation
from onestop.surveys import servqual_wording as wording
from onestop.surveys.errors import SurveyError
from onestop.surveys.models import (
    Audience,
    Instrument,
    Kind,
    Question,
    Questionnaire,
    Section,
    ServqualPart,
)
from onestop.surveys.services.building import (
    QuestionnaireFields,
    questionnaire_create,
    questionnaire_publish,
)

CODES = {Audience.CUSTOMERS: "SERVQUAL", Audience.MANAGEMENT: "SERVQUAL-M"}


@transaction.atomic
def servqual_create(
    *,
    actor: Any,
    organisation: Organisation,
    audience: str = Audience.CUSTOMERS,
    now: datetime | None = None,
) -> Questionnaire:
    """Create and publish the organisation's SERVQUAL questionnaire for ``audience``."""
    audience = Audience(audience)
    code = CODES[audience]
    if Questionnaire.objects.filter(organisation=organisation, code=code).exists():
        raise ServiceError(
            SurveyError.SERVQUAL_EXISTS, audience=audience.label, code=code
        )
    text = (
        wording.customers_text(organisation.name)
        if audience == Audience.CUSTOMERS
        else wording.management_text(organisation.name)
    )
    questionnaire = questionnaire_create(
        actor=actor,
        organisation=organisation,
        fields=QuestionnaireFields(
            code=code,
            title=text["title"],
            introduction=text["introduction"],
            audience=audience,
            min_seconds=90 if audience == Audience.CUSTOMERS else 45,
            straightline_items=22,
            duplicate_days=90,
        ),
        instrument=Instrument.SERVQUAL,
    )
    _grid(
        questionnaire,
        1,
        "E",
        text["expect_section"],
        text["expect_description"],
        text["expect_question"],
        ServqualPart.EXPECTATION,
        lambda s: s,
    )
    if audience == Audience.CUSTOMERS:
        _importance(questionnaire, text)
        _grid(
            questionnaire,
            3,
            "P",
            text["perceive_section"],
            text["perceive_description"],
            text["perceive_question"],
            ServqualPart.PERCEPTION,
            lambda s: f"{organisation.name}{s}",
        )
        section = Section.objects.create(
            questionnaire=questionnaire, position=4, title=text["comment_section"]
        )
        Question.objects.create(
            questionnaire=questionnaire,
            section=section,
            position=1,
            code="C",
            kind=Kind.TEXT,
            text=text["comment_question"],
            required=False,
        )
    return questionnaire_publish(
        actor=actor, questionnaire=questionnaire, now=now or timezone.now()
    )


def _grid(
    questionnaire: Questionnaire,
    position: int,
    code: str,
    title: str,
    description: str,
    question_text: str,
    part: str,
    worded: Any,
) -> Question:
    section = Section.objects.create(
        questionnaire=questionnaire,
        position=position,
        title=title,
        description=description,
    )
    grid = Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        position=1,
        code=code,
        kind=Kind.MATRIX7,
        text=question_text,
        scale_min=1,
        scale_max=7,
        low_label=wording.SCALE_LOW,
        high_label=wording.SCALE_HIGH,
        servqual_part=part,
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            section=section,
            parent=grid,
            position=item,
            code=f"{code}{item}",
            kind=Kind.ROW,
            text=worded(statement),
            scale_min=1,
            scale_max=7,
            servqual_item=item,
            servqual_part=part,
            dimension=SERVQUAL_DIMENSIONS[item],
        )
        for item, statement in wording.STATEMENTS.items()
    )
    return grid


def _importance(questionnaire: Questionnaire, text: dict[str, str]) -> None:
    section = Section.objects.create(
        questionnaire=questionnaire, position=2, title=text["importance_section"]
    )
    allocation = Question.objects.create(
        questionnaire=questionnaire,
        section=section,
        position=1,
        code="I",
        kind=Kind.ALLOCATION,
        text=text["importance_question"],
        servqual_part=ServqualPart.IMPORTANCE,
    )
    Question.objects.bulk_create(
        Question(
            questionnaire=questionnaire,
            section=section,
            parent=allocation,
            position=n,
            code=f"I{n}",
            kind=Kind.POINTS,
            text=wording.DIMENSION_DESCRIPTIONS[dimension],
            servqual_part=ServqualPart.IMPORTANCE,
            dimension=dimension,
        )
        for n, dimension in enumerate(wording.dimensions(), start=1)
    )

"""Giving the demo ratings through the services, and taking their rectifications on.

``rating_submit`` records each rating at its scripted moment (a bad one
opens its rectification and tells the supervisors); ``rectification_act``
takes each step, as the supervisor or the handler would. Only for an
organisation with no ratings yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import translation

from onestop.cases.models import Case
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.organisations.models import Organisation
from onestop.ratings.models import Rating, RatingTag, Rectification
from onestop.ratings.services import (
    rating_settings_ensure,
    rating_submit,
    rectification_act,
)

from .specs import RatingSpec


def ratings_give(
    *,
    organisation: Organisation,
    scripts: Sequence[RatingSpec],
    users: Mapping[str, Any],
    before: datetime,
) -> int:
    """Give the scripted ratings, all before ``before``; how many, or 0 if it had ratings."""
    if not scripts or Rating.objects.filter(organisation=organisation).exists():
        return 0
    rating_settings_ensure(organisation=organisation)  # makes the default tags
    tags = {t.name: t.pk for t in RatingTag.objects.filter(organisation=organisation)}
    for spec in scripts:
        case = _case_of(organisation, spec)
        _check_times(case, spec, before)
        try:
            rating = rating_submit(
                case=case,
                level=spec.level,
                channel=spec.channel,
                tags=[tags[_tag_name(tag)] for tag in spec.tags],
                comment=spec.comment,
                now=spec.rated,
            )
            for step in spec.then:
                params = dict(step.params)
                if "handler" in params:
                    params["handler"] = users[params["handler"]]
                rectification_act(
                    actor=users[step.by],
                    rectification=rating.rectification,
                    action=step.action,
                    now=step.when,
                    **params,
                )
        except (ServiceError, ServiceErrors) as error:
            raise ValueError(
                f"Demo rating of {_named(spec)} refused: {error}"
            ) from error
        _check_outcome(rating, spec)
    return len(scripts)


def _named(spec: RatingSpec) -> str:
    return f"{spec.item} of {spec.applicant}"


def _tag_name(tag: Any) -> str:
    # Tags were named in the site's first language when the organisation got them.
    with translation.override(settings.LANGUAGE_CODE):
        return str(tag)


def _case_of(organisation: Organisation, spec: RatingSpec) -> Case:
    cases = list(
        Case.objects.filter(
            organisation=organisation,
            item__code=spec.item,
            applicant_name=spec.applicant,
        )
    )
    if len(cases) != 1:
        raise ValueError(f"Demo rating of {_named(spec)}: {len(cases)} such cases")
    return cases[0]


def _check_times(case: Case, spec: RatingSpec, before: datetime) -> None:
    ended = case.delivered_at or case.completed_at or case.received_at
    moments = [ended, spec.rated, *(step.when for step in spec.then), before]
    if moments != sorted(moments) or len(set(moments)) != len(moments):
        raise ValueError(
            f"Demo rating of {_named(spec)}: not after the case ended, "
            "steps out of order, or after the demo's moment"
        )


def _check_outcome(rating: Rating, spec: RatingSpec) -> None:
    status = (
        Rectification.objects.filter(rating=rating).values_list("status", flat=True)
    ).first()
    if status != spec.expect:
        raise ValueError(
            f"Demo rating of {_named(spec)} ends {status}, not {spec.expect}"
        )

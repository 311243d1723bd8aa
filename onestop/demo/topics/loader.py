"""Loading one organisation's reasons, notes and classifier through the services."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.cases.models import Case
from onestop.organisations.models import Organisation, OrganisationKind
from onestop.topics.models import Reason
from onestop.topics.selectors import week_of
from onestop.topics.services import case_note_take
from onestop.topics.testing import notes_populate

from .taxhall import TAX_OPENINGS, TAX_PLACES, TAX_PLANTED, TAX_REASONS

CASE_NOTES = 10


def _samples(organisation: Organisation) -> dict[str, Any]:
    if organisation.kind == OrganisationKind.SERVICE_HALL:
        return {
            "reasons": TAX_REASONS,
            "planted_phrasings": TAX_PLANTED,
            "places": TAX_PLACES,
            "openings": TAX_OPENINGS,
        }
    return {}  # the university logistics centre's, in onestop.topics.samples


def topics_demo_load(organisation: Organisation) -> int:
    """Load the demo notes; how many, or 0 if the organisation already has reasons."""
    if Reason.objects.filter(organisation=organisation).exists():
        return 0
    last_week = week_of(timezone.localdate()) - timedelta(weeks=1)
    with transaction.atomic():
        notes_populate(
            organisation,
            week=last_week,
            per_week=80,
            planted=14,
            **_samples(organisation),
        )
        cases = Case.objects.filter(organisation=organisation).select_related(
            "item", "organisation"
        )[:CASE_NOTES]
        for case in cases:
            case_note_take(case=case, actor=None)
    return organisation.topics_contactnote_set.count()

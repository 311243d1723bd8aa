"""A reason tree and five weeks of notes, for tests, the browser test and the demo.

Four weeks of notes labelled by staff, then a week of notes nobody has
labelled yet in which a new promotion (``samples.PLANTED``) appears.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from onestop.organisations.models import Organisation
from onestop.topics import services
from onestop.topics.models import ContactNote, LabelSource, Reason
from onestop.topics.samples import REASONS, ReasonSample, reason_label, sample_notes

DIGEST_WEEK = date(2026, 11, 23)


def reasons_define(
    organisation: Organisation,
    actor: Any = None,
    reasons: tuple[ReasonSample, ...] = REASONS,
) -> dict[str, Reason]:
    """The sample reason tree, by label (``报修 › 水电``); existing reasons are kept."""
    found: dict[str, Reason] = {
        r.label: r
        for r in Reason.objects.filter(organisation=organisation).select_related(
            "parent"
        )
    }
    for sample in reasons:
        if sample.parent not in found:
            found[sample.parent] = services.reason_create(
                organisation=organisation, actor=actor, name=sample.parent, priority=900
            )
        if reason_label(sample) not in found:
            found[reason_label(sample)] = services.reason_create(
                organisation=organisation,
                actor=actor,
                name=sample.name,
                parent=found[sample.parent],
                keywords=" ".join(sample.keywords),
                priority=sample.priority,
            )
    return found


def _moment(day: date, index: int) -> datetime:
    return timezone.make_aware(
        datetime.combine(
            day + timedelta(days=index % 5), time(8 + index % 10, index % 60)
        )
    )


def notes_populate(
    organisation: Organisation,
    *,
    week: date = DIGEST_WEEK,
    per_week: int = 60,
    planted: int = 12,
    actor: Any = None,
    **samples: Any,
) -> dict[str, Reason]:
    """Four labelled weeks before ``week``, then ``week``'s unlabelled notes; trains once."""
    reasons = reasons_define(organisation, actor, samples.get("reasons", REASONS))
    labelled = []
    for back in range(4, 0, -1):
        monday = week - timedelta(weeks=back)
        for i, note in enumerate(sample_notes(per_week, seed=back, **samples)):
            labelled.append(
                ContactNote(
                    organisation=organisation,
                    text=note.text,
                    noted_at=_moment(monday, i),
                    reason=reasons[note.reason],
                    reason_source=LabelSource.STAFF,
                    labelled_at=_moment(monday, i),
                )
            )
    ContactNote.objects.bulk_create(labelled)
    services.classifier_train(organisation=organisation, actor=actor)
    fresh = list(sample_notes(per_week, seed=50, planted=planted, **samples))
    for i, note in enumerate(fresh):
        services.note_record(
            organisation=organisation,
            actor=actor,
            text=note.text,
            noted_at=_moment(week, i),
        )
    return reasons

"""Reads of the topics app: the reason tree, the notes, and the weekly digest.

The digest is the "customer needs research report" of 篇9: for one week
(Monday to Sunday, local time) the count of each reason against the mean of
the four weeks before it, the rising reasons, and the phrases that emerge in
this week's notes against those four weeks (whatever label the notes carry:
a new promotion hides under an old reason), each with example notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from onestop.compute import textclass
from onestop.organisations.models import Organisation
from onestop.topics.models import ClassifierVersion, ContactNote, LabelSource, Reason

BASELINE_WEEKS = 4
EXAMPLES = 3


def reason_tree(organisation: Organisation) -> list[tuple[Reason, list[Reason]]]:
    reasons = list(
        Reason.objects.filter(organisation=organisation).select_related("parent")
    )
    tops = [r for r in reasons if r.parent_id is None]
    return [(top, [r for r in reasons if r.parent_id == top.pk]) for top in tops]


def reasons_for_choice(organisation: Organisation) -> QuerySet[Reason]:
    return Reason.objects.filter(
        organisation=organisation, is_active=True
    ).select_related("parent")


def note_list(
    organisation: Organisation, *, unconfirmed: bool = False
) -> QuerySet[ContactNote]:
    notes = ContactNote.objects.filter(organisation=organisation).select_related(
        "reason__parent", "rule_reason__parent", "predicted_reason__parent", "case"
    )
    if unconfirmed:
        notes = notes.exclude(reason_source=LabelSource.STAFF)
    return notes


def note_get(organisation: Organisation, pk: int) -> ContactNote:
    return get_object_or_404(note_list(organisation), pk=pk)


def versions(organisation: Organisation) -> QuerySet[ClassifierVersion]:
    return ClassifierVersion.objects.filter(organisation=organisation).defer("model")


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class ReasonWeek:
    label: str
    weeks: tuple[int, ...]
    this_week: int
    baseline: float
    ratio: float | None
    rising: bool


@dataclass(frozen=True)
class Phrase:
    phrase: str
    this_week: int
    before: int
    score: float
    examples: tuple[ContactNote, ...]


@dataclass(frozen=True)
class Digest:
    week: date
    weeks: tuple[date, ...]
    notes: int
    reasons: tuple[ReasonWeek, ...]
    rising: tuple[ReasonWeek, ...]
    phrases: tuple[Phrase, ...]
    unlabelled: int


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def week_digest(organisation: Organisation, week: date) -> Digest:
    monday = week_of(week)
    weeks = tuple(monday - timedelta(weeks=n) for n in range(BASELINE_WEEKS, -1, -1))
    notes = list(
        ContactNote.objects.filter(
            organisation=organisation,
            noted_at__gte=_start(weeks[0]),
            noted_at__lt=_start(monday + timedelta(days=7)),
        )
        .select_related("reason__parent")
        .order_by("noted_at", "id")
    )
    index = {w: i for i, w in enumerate(weeks)}
    slots = [index[week_of(timezone.localtime(n.noted_at).date())] for n in notes]
    reasons = _reason_weeks(notes, slots, len(weeks))
    now = [n for n, slot in zip(notes, slots, strict=True) if slot == BASELINE_WEEKS]
    before = [n for n, slot in zip(notes, slots, strict=True) if slot < BASELINE_WEEKS]
    return Digest(
        week=monday,
        weeks=weeks,
        notes=len(now),
        reasons=reasons,
        rising=tuple(r for r in reasons if r.rising),
        phrases=_phrases(now, before),
        unlabelled=sum(1 for n in now if n.reason_id is None),
    )


def _reason_weeks(
    notes: list[ContactNote], slots: list[int], count: int
) -> tuple[ReasonWeek, ...]:
    counts: dict[str, list[int]] = {}
    for note, slot in zip(notes, slots, strict=True):
        label = note.reason.label if note.reason else ""
        counts.setdefault(label, [0] * count)[slot] += 1
    rising = {r.reason for r in textclass.rising_reasons(counts)}  # type: ignore[arg-type]
    rows = []
    for label, weeks in counts.items():
        baseline = sum(weeks[:-1]) / (count - 1)
        ratio = weeks[-1] / baseline if baseline else None
        rows.append(
            ReasonWeek(label, tuple(weeks), weeks[-1], baseline, ratio, label in rising)
        )
    rows.sort(key=lambda r: (not r.rising, -r.this_week, r.label))
    return tuple(rows)


def _phrases(now: list[ContactNote], before: list[ContactNote]) -> tuple[Phrase, ...]:
    found = textclass.emerging_phrases(
        [n.text for n in now], [n.text for n in before], examples=EXAMPLES
    )
    return tuple(
        Phrase(
            e.phrase, e.this_week, e.before, e.score, tuple(now[i] for i in e.examples)
        )
        for e in found
    )

"""Writes of the topics app: the reason tree, notes, corrections and training.

A note's reason is the staff's label once given; before that the current
classifier's prediction; before any classifier, the keyword rules'. A
correction retrains the classifier at once while the labelled notes are few
(``SYNC_LIMIT``), then re-predicts every note staff have not labelled.
"""

from __future__ import annotations

import contextlib
import pickle
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from onestop.cases.models import Case
from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError
from onestop.compute import textclass
from onestop.organisations.models import Organisation
from onestop.topics.errors import TopicError
from onestop.topics.models import (
    ClassifierVersion,
    ContactNote,
    LabelSource,
    NoteSource,
    Reason,
)

MAX_NOTE = 1000
MIN_TRAINING = 10
# Retraining on a correction stays synchronous up to this many labelled notes.
SYNC_LIMIT = 20_000


def reason_create(
    *,
    organisation: Organisation,
    actor: Any,
    name: str,
    parent: Reason | None = None,
    keywords: str = "",
    priority: int = 100,
) -> Reason:
    name = name.strip()
    if not name:
        raise ServiceError(TopicError.NAME_MISSING, field="name")
    if parent is not None:
        if parent.organisation_id != organisation.pk:
            raise ServiceError(TopicError.PARENT_UNKNOWN, field="parent")
        if parent.parent_id is not None:
            raise ServiceError(TopicError.TOO_DEEP, field="parent")
    siblings = Reason.objects.filter(organisation=organisation, parent=parent)
    if siblings.filter(name=name).exists():
        raise ServiceError(TopicError.NAME_TAKEN, field="name", name=name)
    with transaction.atomic():
        reason = Reason.objects.create(
            organisation=organisation,
            parent=parent,
            name=name,
            keywords=keywords.strip(),
            priority=priority,
        )
        audit_record(
            verb="topics.reason_create",
            actor=actor,
            organisation=organisation,
            target=reason,
            data={"keywords": reason.keywords, "priority": priority},
        )
    return reason


def keyword_rules(organisation: Organisation) -> list[textclass.KeywordRule]:
    reasons = Reason.objects.filter(organisation=organisation, is_active=True)
    return [
        textclass.KeywordRule(reason.pk, reason.keyword_list(), reason.priority)
        for reason in reasons
        if reason.keywords
    ]


def current_version(organisation: Organisation) -> ClassifierVersion | None:
    return ClassifierVersion.objects.filter(organisation=organisation).first()


def _load(version: ClassifierVersion | None) -> textclass.TextModel | None:
    if version is None:
        return None
    # Written by classifier_train into our own database, never from outside.
    model: textclass.TextModel = pickle.loads(bytes(version.model))
    return model


def _classify(
    notes: Sequence[ContactNote],
    rules: list[textclass.KeywordRule],
    version: ClassifierVersion | None,
) -> None:
    """Set the rules' and the classifier's reasons (and the reason, unless staff gave it)."""
    model = _load(version)
    predicted = model.predict([note.text for note in notes]) if model else []
    for i, note in enumerate(notes):
        note.rule_reason_id = textclass.rules_classify(note.text, rules)
        note.predicted_reason_id = predicted[i] if model else None
        note.predicted_by = version if model else None
        if note.reason_source == LabelSource.STAFF:
            continue
        if note.predicted_reason_id:
            note.reason_id, note.reason_source = (
                note.predicted_reason_id,
                LabelSource.CLASSIFIER,
            )
        elif note.rule_reason_id:
            note.reason_id, note.reason_source = note.rule_reason_id, LabelSource.RULE
        else:
            note.reason_id, note.reason_source = None, LabelSource.NONE


def note_record(
    *,
    organisation: Organisation,
    actor: Any,
    text: str,
    noted_at: datetime | None = None,
    case: Case | None = None,
    call: Any = None,
    source: str = NoteSource.NOTE,
) -> ContactNote:
    """Store a note and give it a reason by the classifier, else by the rules."""
    text = " ".join(text.split())
    if not text:
        raise ServiceError(TopicError.TEXT_MISSING, field="text")
    if len(text) > MAX_NOTE:
        raise ServiceError(TopicError.TEXT_TOO_LONG, field="text", maximum=MAX_NOTE)
    for linked, field in ((case, "case"), (call, "call")):
        if linked is not None and linked.organisation_id != organisation.pk:
            raise ServiceError(TopicError.CASE_UNKNOWN, field=field)
    note = ContactNote(
        organisation=organisation,
        text=text,
        noted_at=noted_at or timezone.now(),
        case=case,
        call=call,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        source=source,
    )
    _classify([note], keyword_rules(organisation), current_version(organisation))
    with transaction.atomic():
        note.save()
        audit_record(
            verb="topics.note_record",
            actor=actor,
            organisation=organisation,
            target=note,
        )
    return note


def case_note_take(*, case: Case, actor: Any) -> ContactNote:
    """A note from a case: its service item and the comments written on it."""
    comments = case.events.exclude(comment="").values_list("comment", flat=True)
    text = "；".join([case.item.name, *comments])[:MAX_NOTE]
    return note_record(
        organisation=case.organisation,
        actor=actor,
        text=text,
        noted_at=case.received_at,
        case=case,
        source=NoteSource.CASE,
    )


def case_notes_take(*, organisation: Organisation, actor: Any, since: datetime) -> int:
    """A note for every case received since ``since`` that has none yet; how many."""
    taken = ContactNote.objects.filter(organisation=organisation, case__isnull=False)
    cases = (
        Case.objects.filter(organisation=organisation, received_at__gte=since)
        .exclude(pk__in=taken.values("case_id"))
        .select_related("item", "organisation")
        .order_by("received_at")
    )
    count = 0
    for case in cases:
        case_note_take(case=case, actor=actor)
        count += 1
    return count


def note_label(
    *, note: ContactNote, actor: Any, reason: Reason, retrain: bool = True
) -> ContactNote:
    """Staff confirm or correct a note's reason; the classifier learns from it."""
    if reason.organisation_id != note.organisation_id:
        raise ServiceError(TopicError.REASON_UNKNOWN, field="reason")
    with transaction.atomic():
        previous = note.reason_id
        note.reason = reason
        note.reason_source = LabelSource.STAFF
        note.labelled_by = actor
        note.labelled_at = timezone.now()
        note.save(
            update_fields=["reason", "reason_source", "labelled_by", "labelled_at"]
        )
        audit_record(
            verb="topics.note_label",
            actor=actor,
            organisation=note.organisation,
            target=note,
            data={"from": previous, "to": reason.pk},
        )
    if retrain and _labelled(note.organisation).count() <= SYNC_LIMIT:
        # Too few labels yet: the label is kept for the next training.
        with contextlib.suppress(ServiceError):
            classifier_train(organisation=note.organisation, actor=actor)
    return note


def _labelled(organisation: Organisation) -> Any:
    return ContactNote.objects.filter(
        organisation=organisation, reason_source=LabelSource.STAFF
    ).order_by("id")


def classifier_train(*, organisation: Organisation, actor: Any) -> ClassifierVersion:
    """Train on the staff-labelled notes, record held-out accuracy, re-predict the rest."""
    labelled = list(_labelled(organisation).values_list("text", "reason_id"))
    if len(labelled) < MIN_TRAINING or len({r for _, r in labelled}) < 2:
        raise ServiceError(TopicError.TOO_FEW_LABELS, minimum=MIN_TRAINING)
    texts = [text for text, _ in labelled]
    labels = [reason for _, reason in labelled]
    evaluation, model = textclass.evaluate(texts, labels, keyword_rules(organisation))
    with transaction.atomic():
        last = ClassifierVersion.objects.filter(organisation=organisation).aggregate(
            last=Max("number")
        )["last"]
        version = ClassifierVersion.objects.create(
            organisation=organisation,
            number=(last or 0) + 1,
            trained_at=timezone.now(),
            trained_by=actor if getattr(actor, "is_authenticated", False) else None,
            trained_on=evaluation.trained_on,
            held_out=evaluation.held_out,
            accuracy=evaluation.classifier_accuracy,
            rules_accuracy=evaluation.rules_accuracy,
            model=pickle.dumps(model),
        )
        notes_reclassify(organisation=organisation, version=version)
        audit_record(
            verb="topics.classifier_train",
            actor=actor,
            organisation=organisation,
            target=version,
            data={
                "accuracy": evaluation.classifier_accuracy,
                "rules_accuracy": evaluation.rules_accuracy,
            },
        )
    return version


def notes_reclassify(
    *, organisation: Organisation, version: ClassifierVersion | None = None
) -> int:
    """Apply the rules and ``version`` (default: the current one) to every note."""
    version = version or current_version(organisation)
    notes = list(ContactNote.objects.filter(organisation=organisation))
    _classify(notes, keyword_rules(organisation), version)
    # Few distinct outcomes: one UPDATE per outcome rather than a CASE per row.
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for note in notes:
        outcome = (
            note.rule_reason_id,
            note.predicted_reason_id,
            version.pk if version and note.predicted_reason_id else None,
            note.reason_id,
            note.reason_source,
        )
        groups[outcome].append(note.pk)
    for (rule, predicted, by, reason, source), ids in groups.items():
        ContactNote.objects.filter(pk__in=ids).update(
            rule_reason_id=rule,
            predicted_reason_id=predicted,
            predicted_by_id=by,
            reason_id=reason,
            reason_source=source,
        )
    return len(notes)

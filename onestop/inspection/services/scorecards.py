"""Writing scorecards: a draft of sections, items and deductions, versioned once used."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.inspection.errors import InspectionError
from onestop.inspection.models import (
    DeductionReason,
    ItemMode,
    Scorecard,
    ScorecardItem,
    ScorecardKind,
    ScorecardSection,
)
from onestop.organisations.models import Organisation


@dataclass(frozen=True)
class DeductionDraft:
    name: str
    points: Decimal


@dataclass(frozen=True)
class ItemDraft:
    text: str
    max_points: Decimal
    mode: str = ItemMode.POINTS
    is_critical: bool = False
    guidance: str = ""
    deductions: tuple[DeductionDraft, ...] = ()


@dataclass(frozen=True)
class SectionDraft:
    title: str
    items: tuple[ItemDraft, ...]


@dataclass(frozen=True)
class ScorecardDraft:
    name: str
    sections: tuple[SectionDraft, ...]
    kind: str = ScorecardKind.INSPECTION
    description: str = ""
    appeal_days: int = 3


def draft_errors(draft: ScorecardDraft) -> list[ServiceError]:
    errors: list[ServiceError] = []
    if not draft.name.strip():
        errors.append(ServiceError(InspectionError.NAME_MISSING, field="name"))
    if not any(section.items for section in draft.sections):
        errors.append(ServiceError(InspectionError.NO_ITEMS, field="outline"))
    for section in draft.sections:
        if not section.title.strip():
            errors.append(
                ServiceError(InspectionError.SECTION_MISSING, field="outline")
            )
        for item in section.items:
            errors.extend(_item_errors(item))
    return errors


def _item_errors(item: ItemDraft) -> list[ServiceError]:
    errors = []
    if not item.text.strip():
        errors.append(ServiceError(InspectionError.ITEM_TEXT_MISSING, field="outline"))
    if item.max_points <= 0:
        errors.append(
            ServiceError(
                InspectionError.MAX_POINTS_INVALID, field="outline", item=item.text
            )
        )
    if item.is_critical and item.mode != ItemMode.PASS_FAIL:
        errors.append(
            ServiceError(
                InspectionError.CRITICAL_NOT_PASS_FAIL, field="outline", item=item.text
            )
        )
    if any(not d.name.strip() or d.points <= 0 for d in item.deductions):
        errors.append(
            ServiceError(
                InspectionError.DEDUCTION_INVALID, field="outline", item=item.text
            )
        )
    return errors


@transaction.atomic
def scorecard_create(
    *, actor: Any, organisation: Organisation, draft: ScorecardDraft
) -> Scorecard:
    """A new scorecard, version 1, current."""
    raise_all(draft_errors(draft))
    scorecard = Scorecard.objects.create(
        organisation=organisation,
        name=draft.name.strip(),
        kind=draft.kind,
        description=draft.description.strip(),
        appeal_days=draft.appeal_days,
    )
    _contents_write(scorecard, draft)
    _audit("inspection.scorecard_created", actor, scorecard)
    return scorecard


@transaction.atomic
def scorecard_update(
    *, actor: Any, scorecard: Scorecard, draft: ScorecardDraft
) -> Scorecard:
    """Change an unused scorecard in place; a used (frozen) one is refused."""
    scorecard = Scorecard.objects.select_for_update().get(pk=scorecard.pk)
    if scorecard.is_frozen:
        raise ServiceError(InspectionError.SCORECARD_FROZEN, version=scorecard.version)
    raise_all(draft_errors(draft))
    scorecard.kind = draft.kind
    scorecard.description = draft.description.strip()
    scorecard.appeal_days = draft.appeal_days
    scorecard.save(update_fields=["kind", "description", "appeal_days", "updated_at"])
    scorecard.sections.all().delete()
    _contents_write(scorecard, draft)
    _audit("inspection.scorecard_changed", actor, scorecard)
    return scorecard


@transaction.atomic
def scorecard_new_version(
    *, actor: Any, scorecard: Scorecard, draft: ScorecardDraft
) -> Scorecard:
    """The next version of a scorecard with ``draft`` as its contents; it becomes current."""
    raise_all(draft_errors(draft))
    family = Scorecard.objects.select_for_update().filter(
        organisation=scorecard.organisation, name=scorecard.name
    )
    number = (family.aggregate(n=Max("version"))["n"] or 0) + 1
    family.update(is_current=False)
    new = Scorecard.objects.create(
        organisation=scorecard.organisation,
        name=scorecard.name,
        version=number,
        kind=draft.kind,
        description=draft.description.strip(),
        appeal_days=draft.appeal_days,
    )
    _contents_write(new, draft)
    _audit("inspection.scorecard_versioned", actor, new, {"from": scorecard.version})
    return new


def scorecard_freeze(scorecard: Scorecard, now: Any) -> None:
    """Mark the scorecard used; call inside the transaction that uses it."""
    if scorecard.frozen_at is None:
        Scorecard.objects.filter(pk=scorecard.pk, frozen_at__isnull=True).update(
            frozen_at=now
        )
        scorecard.frozen_at = now


def _contents_write(scorecard: Scorecard, draft: ScorecardDraft) -> None:
    for s_pos, section_draft in enumerate(draft.sections, start=1):
        section = ScorecardSection.objects.create(
            scorecard=scorecard, position=s_pos, title=section_draft.title.strip()
        )
        for i_pos, item_draft in enumerate(section_draft.items, start=1):
            item = ScorecardItem.objects.create(
                scorecard=scorecard,
                section=section,
                position=i_pos,
                text=item_draft.text.strip(),
                guidance=item_draft.guidance.strip(),
                mode=item_draft.mode,
                max_points=item_draft.max_points,
                is_critical=item_draft.is_critical,
            )
            DeductionReason.objects.bulk_create(
                DeductionReason(item=item, name=d.name.strip(), points=d.points)
                for d in item_draft.deductions
            )


def scorecard_as_draft(scorecard: Scorecard) -> ScorecardDraft:
    """The scorecard's contents as a draft, to edit or to start the next version from."""
    sections = scorecard.sections.prefetch_related("items__deductions")
    return ScorecardDraft(
        name=scorecard.name,
        kind=scorecard.kind,
        description=scorecard.description,
        appeal_days=scorecard.appeal_days,
        sections=tuple(
            SectionDraft(
                title=section.title,
                items=tuple(
                    ItemDraft(
                        text=item.text,
                        max_points=item.max_points,
                        mode=item.mode,
                        is_critical=item.is_critical,
                        guidance=item.guidance,
                        deductions=tuple(
                            DeductionDraft(d.name, d.points)
                            for d in item.deductions.all()
                        ),
                    )
                    for item in section.items.all()
                ),
            )
            for section in sections
        ),
    )


def _audit(
    verb: str, actor: Any, scorecard: Scorecard, data: dict[str, Any] | None = None
) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        organisation=scorecard.organisation,
        target=scorecard,
        data={"version": scorecard.version, **(data or {})},
    )

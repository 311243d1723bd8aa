"""Reads of quality inspection, each a fixed number of queries whatever the size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from onestop.inspection.models import (
    COUNTED_STATUSES,
    Appeal,
    AppealStatus,
    CalibrationRound,
    Inspection,
    InspectionStatus,
    ItemResult,
    SamplingRule,
    Scorecard,
    ScorecardItem,
    ScorecardKind,
)
from onestop.inspection.scores import counted_inspections
from onestop.inspection.scoring import Spread, spread
from onestop.organisations.models import Organisation
from onestop.posts.models import Department

_RELATED = (
    "scorecard",
    "case",
    "call",
    "ticket__category",
    "return_visit__invitation__questionnaire",
    "return_visit__invitation__response",
    "return_visit__caller",
    "inspector",
    "inspected_user",
    "department",
    "window",
)


def inspectors_of(*, organisation: Organisation) -> QuerySet[Any]:
    """Active members whose roles here let them score inspections."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation,
            memberships__is_active=True,
            memberships__roles__permissions__codename="inspect",
            memberships__roles__permissions__content_type__app_label="inspection",
        )
        .distinct()
        .order_by("username")
    )


def staff_of(*, organisation: Organisation) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=organisation, memberships__is_active=True
        )
        .order_by("username")
    )


def scorecard_list(*, organisation: Organisation) -> QuerySet[Scorecard]:
    return Scorecard.objects.filter(organisation=organisation).annotate(
        item_count=Count("items", distinct=True),
        inspection_count=Count("inspections", distinct=True),
    )


def scorecard_get(*, organisation: Organisation, pk: int) -> Scorecard:
    return get_object_or_404(
        Scorecard.objects.prefetch_related("sections__items__deductions"),
        organisation=organisation,
        pk=pk,
    )


def current_scorecards(*, organisation: Organisation, kind: str) -> QuerySet[Scorecard]:
    return Scorecard.objects.filter(
        organisation=organisation, is_current=True, kind=kind
    )


def rule_list(*, organisation: Organisation) -> QuerySet[SamplingRule]:
    return (
        SamplingRule.objects.filter(organisation=organisation)
        .select_related("scorecard")
        .prefetch_related("runs")
    )


def rule_get(*, organisation: Organisation, pk: int) -> SamplingRule:
    return get_object_or_404(
        SamplingRule.objects.select_related("scorecard", "organisation"),
        organisation=organisation,
        pk=pk,
    )


def inspection_get(*, organisation: Organisation, pk: int) -> Inspection:
    return get_object_or_404(
        Inspection.objects.select_related(*_RELATED, "organisation").prefetch_related(
            Prefetch(
                "results",
                ItemResult.objects.select_related("item__section").prefetch_related(
                    "deductions__reason"
                ),
            )
        ),
        organisation=organisation,
        pk=pk,
    )


def worklist(*, organisation: Organisation, user: Any) -> dict[str, Any]:
    mine = Inspection.objects.filter(organisation=organisation, inspector=user)
    return {
        "to_score": mine.filter(status=InspectionStatus.ASSIGNED)
        .select_related(*_RELATED)
        .order_by("created_at"),
        "scored": mine.exclude(status=InspectionStatus.ASSIGNED)
        .select_related(*_RELATED)
        .order_by("-scored_at")[:30],
    }


def my_work(*, organisation: Organisation, user: Any) -> QuerySet[Inspection]:
    """The inspections of a staff member's own work (calibration copies aside)."""
    return (
        Inspection.objects.filter(
            organisation=organisation,
            inspected_user=user,
            calibration__isnull=True,
            status__in=COUNTED_STATUSES,
        )
        .select_related(*_RELATED, "appeal")
        .order_by("-scored_at")
    )


def appeals_pending(*, organisation: Organisation) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(
            inspection__organisation=organisation, status=AppealStatus.PENDING
        )
        .select_related("filed_by", "inspection__scorecard", "inspection__inspector")
        .order_by("filed_at")
    )


def appeals_decided(*, organisation: Organisation) -> QuerySet[Appeal]:
    return (
        Appeal.objects.filter(inspection__organisation=organisation)
        .exclude(status=AppealStatus.PENDING)
        .select_related("filed_by", "decided_by", "inspection__scorecard")
        .order_by("-decided_at")[:20]
    )


@dataclass(frozen=True)
class SpreadRow:
    label: str
    scores: tuple[float | None, ...]  # one per inspector, in the round's order
    spread: Spread


@dataclass(frozen=True)
class CalibrationReport:
    round: CalibrationRound
    inspections: tuple[Inspection, ...]
    items: tuple[SpreadRow, ...]
    total: SpreadRow


def calibration_get(*, organisation: Organisation, pk: int) -> CalibrationRound:
    return get_object_or_404(
        CalibrationRound.objects.select_related("primary__scorecard"),
        organisation=organisation,
        pk=pk,
    )


def calibration_report(*, calibration: CalibrationRound) -> CalibrationReport:
    """Each inspector's score per item (as % of its points) and on the total, with the spread."""
    inspections = tuple(
        Inspection.objects.filter(pk=calibration.primary_id).select_related("inspector")
    ) + tuple(calibration.copies.select_related("inspector").order_by("pk"))
    results = ItemResult.objects.filter(
        inspection__in=[i.pk for i in inspections], applicable=True
    ).values_list("inspection_id", "item_id", "earned", "possible")
    cell = {(i, item): float(e) / float(p) * 100 for i, item, e, p in results if p}
    rows = []
    for item in ScorecardItem.objects.filter(
        scorecard_id=calibration.primary.scorecard_id
    ).order_by("section__position", "position"):
        values = tuple(cell.get((i.pk, item.pk)) for i in inspections)
        rows.append(
            SpreadRow(item.text, values, spread([v for v in values if v is not None]))
        )
    totals = tuple(float(i.total) if i.total is not None else None for i in inspections)
    total = SpreadRow("", totals, spread([v for v in totals if v is not None]))
    return CalibrationReport(calibration, inspections, tuple(rows), total)


def calibration_list(*, organisation: Organisation) -> QuerySet[CalibrationRound]:
    return (
        CalibrationRound.objects.filter(organisation=organisation)
        .select_related("primary__scorecard")
        .annotate(copy_count=Count("copies"))
    )


@dataclass(frozen=True)
class FigureRow:
    label: str
    score: float | None
    count: int
    key: int | None = None


def figures(
    *, organisation: Organisation, start: date, end: date, department_id: int | None
) -> dict[str, list[FigureRow]]:
    """Mean inspection totals by scorecard, department and staff member."""
    counted = counted_inspections(
        organisation=organisation, start=start, end=end, department_id=department_id
    ).filter(total__isnull=False)

    def grouped(*fields: str) -> list[dict[str, Any]]:
        return list(
            counted.values(*fields)
            .annotate(mean=Avg("total"), n=Count("pk"))
            .order_by(*fields)
        )

    def row(label: str, r: dict[str, Any], key: int | None = None) -> FigureRow:
        return FigureRow(
            label, float(r["mean"]) if r["mean"] is not None else None, r["n"], key
        )

    User = get_user_model()
    return {
        "scorecards": [
            row(
                f"{r['scorecard__name']} v{r['scorecard__version']}",
                r,
                r["scorecard_id"],
            )
            for r in grouped("scorecard_id", "scorecard__name", "scorecard__version")
        ],
        "departments": [
            row(r["department__name"] or "—", r, r["department_id"])
            for r in grouped("department_id", "department__name")
        ],
        "staff": [
            row(_person(User, r), r, r["inspected_user_id"])
            for r in grouped(
                "inspected_user_id",
                "inspected_user__username",
                "inspected_user__last_name",
                "inspected_user__first_name",
            )
        ],
    }


def _person(User: Any, r: dict[str, Any]) -> str:
    from onestop.common.names import person_name

    if r["inspected_user_id"] is None:
        return "—"
    return person_name(
        User(
            username=r["inspected_user__username"],
            last_name=r["inspected_user__last_name"],
            first_name=r["inspected_user__first_name"],
        )
    )


def item_scorecard_items(*, organisation: Organisation) -> QuerySet[ScorecardItem]:
    return ScorecardItem.objects.filter(
        scorecard__organisation=organisation
    ).select_related("scorecard", "section")


def item_get(*, organisation: Organisation, pk: int) -> ScorecardItem:
    return get_object_or_404(item_scorecard_items(organisation=organisation), pk=pk)


def item_results(
    *,
    organisation: Organisation,
    item: ScorecardItem,
    start: date,
    end: date,
    department_id: int | None = None,
) -> QuerySet[ItemResult]:
    """The results behind an item's figure: the counted inspections' marks on it."""
    counted = counted_inspections(
        organisation=organisation, start=start, end=end, department_id=department_id
    )
    return (
        ItemResult.objects.filter(item=item, inspection__in=counted)
        .select_related(
            "inspection__inspector",
            "inspection__inspected_user",
            "inspection__department",
            "inspection__case",
            "inspection__call",
            "inspection__ticket__category",
            "inspection__return_visit__invitation",
        )
        .prefetch_related("deductions__reason")
        .order_by("-inspection__scored_on", "pk")
    )


@dataclass(frozen=True)
class BindableItem:
    id: int
    scorecard_id: int
    scorecard: str  # name and version, e.g. 窗口服务质检表 v2
    text: str
    kind: str  # "qa_item"


@dataclass(frozen=True)
class BindableScorecard:
    id: int
    name: str
    version: int
    label: str
    is_current: bool
    items: tuple[BindableItem, ...]


def bindable_items(*, organisation: Organisation) -> list[BindableScorecard]:
    """Scorecards and their items, for the evaluation builder's qa_item / qa_scorecard leaves."""
    cards = Scorecard.objects.filter(organisation=organisation).prefetch_related(
        Prefetch(
            "items", ScorecardItem.objects.order_by("section__position", "position")
        )
    )
    found = []
    for card in cards:
        label = f"{card.name} v{card.version}"
        items = tuple(
            BindableItem(item.pk, card.pk, label, item.text, "qa_item")
            for item in card.items.all()
        )
        found.append(
            BindableScorecard(
                card.pk, card.name, card.version, label, card.is_current, items
            )
        )
    return found


def departments_of(*, organisation: Organisation) -> QuerySet[Department]:
    return Department.objects.filter(organisation=organisation)


MYSTERY = ScorecardKind.MYSTERY

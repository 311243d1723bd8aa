"""What quality inspection hands to the quality evaluation (docs/quality.md).

Every figure is a ``SourceScore`` on 0–100 with the number of inspections
behind it. Inspections count from the day they are scored (``scored_on``)
while scored, appealed, decided or final; an upheld appeal has already
corrected the stored marks, so decided appeals are applied. Calibration
copies never count: the round's original inspection is the one counted.
Each function is one grouped query.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet, Sum

from onestop.common.scores import SourceScore
from onestop.inspection.models import COUNTED_STATUSES, Inspection, ItemResult
from onestop.organisations.models import Organisation


def counted_inspections(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    department_id: int | None = None,
) -> QuerySet[Inspection]:
    """The inspections a period's figures stand on (no calibration copies)."""
    found = Inspection.objects.filter(
        organisation=organisation,
        status__in=COUNTED_STATUSES,
        calibration__isnull=True,
        scored_on__gte=start,
        scored_on__lte=end,
    )
    if department_id is not None:
        found = found.filter(department_id=department_id)
    return found


def _results(
    organisation: Organisation, start: date, end: date, department_id: int | None
) -> QuerySet[ItemResult]:
    prefix = "inspection__"
    where = Q(
        **{
            f"{prefix}organisation": organisation,
            f"{prefix}status__in": COUNTED_STATUSES,
            f"{prefix}calibration__isnull": True,
            f"{prefix}scored_on__gte": start,
            f"{prefix}scored_on__lte": end,
        }
    )
    if department_id is not None:
        where &= Q(inspection__department_id=department_id)
    return ItemResult.objects.filter(where, applicable=True)


def _item_score(row: dict[str, Any]) -> SourceScore:
    possible = row["possible"] or 0
    value = float(row["earned"]) / float(possible) * 100 if possible else None
    return SourceScore(score=value, count=row["n"])


def _card_score(row: dict[str, Any]) -> SourceScore:
    mean = row["mean"]
    return SourceScore(score=float(mean) if mean is not None else None, count=row["n"])


def item_scores(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    item_ids: Sequence[int],
    department_id: int | None = None,
) -> dict[int, SourceScore]:
    """Points earned ÷ points possible × 100 of each scorecard item over the period."""
    rows = (
        _results(organisation, start, end, department_id)
        .filter(item_id__in=list(item_ids))
        .values("item_id")
        .annotate(
            earned=Sum("earned"), possible=Sum("possible"), n=Count("inspection_id")
        )
        .order_by()
    )
    return {row["item_id"]: _item_score(row) for row in rows}


def item_scores_by_department(
    *, organisation: Organisation, start: date, end: date, item_ids: Sequence[int]
) -> dict[tuple[int | None, int], SourceScore]:
    """``item_scores`` for every department at once, keyed (department id, item id)."""
    rows = (
        _results(organisation, start, end, None)
        .filter(item_id__in=list(item_ids))
        .values("inspection__department_id", "item_id")
        .annotate(
            earned=Sum("earned"), possible=Sum("possible"), n=Count("inspection_id")
        )
        .order_by()
    )
    return {
        (row["inspection__department_id"], row["item_id"]): _item_score(row)
        for row in rows
    }


def scorecard_scores(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    scorecard_ids: Sequence[int],
    department_id: int | None = None,
) -> dict[int, SourceScore]:
    """The mean total of each scorecard's inspections; a failed critical item counts 0."""
    rows = (
        counted_inspections(
            organisation=organisation, start=start, end=end, department_id=department_id
        )
        .filter(scorecard_id__in=list(scorecard_ids), total__isnull=False)
        .values("scorecard_id")
        .annotate(mean=Avg("total"), n=Count("pk"))
        .order_by()
    )
    return {row["scorecard_id"]: _card_score(row) for row in rows}


def scorecard_scores_by_department(
    *, organisation: Organisation, start: date, end: date, scorecard_ids: Sequence[int]
) -> dict[tuple[int | None, int], SourceScore]:
    """``scorecard_scores`` for every department at once, keyed (department id, scorecard id)."""
    rows = (
        counted_inspections(organisation=organisation, start=start, end=end)
        .filter(scorecard_id__in=list(scorecard_ids), total__isnull=False)
        .values("department_id", "scorecard_id")
        .annotate(mean=Avg("total"), n=Count("pk"))
        .order_by()
    )
    return {
        (row["department_id"], row["scorecard_id"]): _card_score(row) for row in rows
    }


def staff_scores(
    *, organisation: Organisation, start: date, end: date
) -> dict[int, SourceScore]:
    """The mean total of each inspected staff member's inspections, any scorecard."""
    rows = (
        counted_inspections(organisation=organisation, start=start, end=end)
        .filter(inspected_user__isnull=False, total__isnull=False)
        .values("inspected_user_id")
        .annotate(mean=Avg("total"), n=Count("pk"))
        .order_by()
    )
    return {row["inspected_user_id"]: _card_score(row) for row in rows}

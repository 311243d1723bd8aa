"""What field service offers the quality evaluation (docs/quality.md): on-site
satisfaction on 0–100.

The customer rates each signed service record from 1 to 5 on site. A
period's score is the mean rating of the records signed in [start, end]
(local dates, inclusive), mapped to 0–100 by ``(v − 1) / 4 × 100`` — the same
linear mapping surveys use for a scale from 1 to 5, so the mean of the mapped
ratings is the mapped mean. A record counts for the department of the
technician who did the job (none for a job without a technician's
department). Both functions are one grouped query on the records.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Avg, Count, QuerySet
from django.utils import timezone

from onestop.common.scores import SourceScore
from onestop.fieldservice.models import ServiceRecord
from onestop.organisations.models import Organisation

SCALE_MIN, SCALE_MAX = 1, 5
DEPARTMENT = "job__technician__department_id"


def to_percent(mean: float | None) -> float | None:
    """A mean rating on 1–5 as 0–100."""
    if mean is None:
        return None
    return (mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100


def _signed(organisation: Organisation, start: date, end: date) -> QuerySet[Any]:
    zone = timezone.get_current_timezone()
    return ServiceRecord.objects.filter(
        job__organisation=organisation,
        signed_at__gte=datetime.combine(start, time.min, tzinfo=zone),
        signed_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def satisfaction_score(
    *,
    organisation: Organisation,
    start: date,
    end: date,
    department_id: int | None = None,
) -> SourceScore:
    """On-site satisfaction of the organisation (or one department) in the period."""
    records = _signed(organisation, start, end)
    if department_id is not None:
        records = records.filter(**{DEPARTMENT: department_id})
    row = records.aggregate(mean=Avg("satisfaction"), count=Count("pk"))
    return SourceScore(to_percent(row["mean"]), row["count"])


def satisfaction_score_by_department(
    *, organisation: Organisation, start: date, end: date
) -> dict[int | None, SourceScore]:
    """Each department's on-site satisfaction, keyed by its id (None: no department)."""
    rows = (
        _signed(organisation, start, end)
        .values(DEPARTMENT)
        .annotate(mean=Avg("satisfaction"), count=Count("pk"))
        .order_by()
    )
    return {
        row[DEPARTMENT]: SourceScore(to_percent(row["mean"]), row["count"])
        for row in rows
    }

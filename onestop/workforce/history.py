"""What the call records say about a queue, per half-hour interval.

Figures are counted in the database, grouped by local hour and half hour, so
a quarter of calls costs one row per interval, not one per call. Calls that
hung up in the voice menu never reached the queue and are not offered calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, TruncHour

from onestop.contactcenter.models import CallRecord, Disposition, Queue
from onestop.workforce.intervals import INTERVAL

VIP_TIER = "VIP"


def offered_calls(queue: Queue) -> QuerySet[CallRecord]:
    return CallRecord.objects.filter(
        organisation_id=queue.organisation_id, queue=queue
    ).exclude(disposition=Disposition.ABANDONED_IVR)


def _per_interval(
    rows: QuerySet[CallRecord], field: str, value: Count
) -> dict[datetime, int]:
    """``value`` per interval of ``field`` (a datetime), keyed by interval start."""
    grouped = (
        rows.annotate(
            hour=TruncHour(field),
            half=Case(
                When(**{f"{field}__minute__gte": 30}, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .values("hour", "half")
        .annotate(n=value)
        .order_by()
    )
    return {row["hour"] + INTERVAL * row["half"]: row["n"] for row in grouped}


def calls_by_interval(
    queue: Queue, start: datetime, end: datetime
) -> dict[datetime, int]:
    """Offered calls by the interval they arrived in, for [start, end)."""
    rows = offered_calls(queue).filter(arrived_at__gte=start, arrived_at__lt=end)
    return _per_interval(rows, "arrived_at", Count("pk"))


def agents_by_interval(
    queue: Queue, start: datetime, end: datetime
) -> dict[datetime, int]:
    """Agents seen answering: those who answered at least one call in the interval,
    known by their account or, failing that, by the name the switch gives."""
    who = Concat(
        Coalesce(Cast("agent_id", CharField()), Value("")),
        Value("|"),
        "agent_name",
        output_field=CharField(),
    )
    rows = offered_calls(queue).filter(
        answered_at__gte=start, answered_at__lt=end, answered_at__isnull=False
    )
    return _per_interval(rows, "answered_at", Count(who, distinct=True))


def history_span(queue: Queue, before: datetime) -> tuple[datetime, datetime] | None:
    """When the first and the last offered call before ``before`` arrived."""
    span = (
        offered_calls(queue)
        .filter(arrived_at__lt=before)
        .aggregate(first=Min("arrived_at"), last=Max("arrived_at"))
    )
    return (span["first"], span["last"]) if span["first"] else None


def mean_handle_time(queue: Queue, start: datetime, end: datetime) -> float | None:
    """Mean handle time of the calls answered in [start, end), in seconds."""
    return (
        offered_calls(queue)
        .filter(
            arrived_at__gte=start,
            arrived_at__lt=end,
            answered_at__isnull=False,
            talk_s__gt=0,
        )
        .aggregate(aht=Avg("talk_s"))["aht"]
    )


def vip_share(queue: Queue, start: datetime, end: datetime) -> float | None:
    """The share of offered calls in [start, end) from VIP customers."""
    counts = (
        offered_calls(queue)
        .filter(arrived_at__gte=start, arrived_at__lt=end)
        .aggregate(
            all=Count("pk"),
            vip=Count("pk", filter=Q(customer_tier__iexact=VIP_TIER)),
        )
    )
    return counts["vip"] / counts["all"] if counts["all"] else None


def as_list(by_interval: dict[datetime, int], starts: Iterable[datetime]) -> list[int]:
    return [by_interval.get(start, 0) for start in starts]

"""Where each metric is counted: its records, its sums and its scale.

One function per kind of record (case steps, noticed requests, ratings,
complaints, late rectifications, hand-overs, hall numbers, inspections) gives
the period's records; the tables built on them and ``SOURCES`` bind each
metric key to its table, to the aggregates counted (hits, events or a mean,
durations summed exactly even on SQLite) and to the scale of its value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce

from onestop.assessment.metrics.definitions import Subject
from onestop.assessment.metrics.tables import (
    Sums,
    Window,
    _InspectionTable,
    _Table,
    _within,
)
from onestop.cases.models import Case, CaseStep
from onestop.organisations.models import Organisation
from onestop.posts.models import MaterialHandover
from onestop.queueing.models import Ticket
from onestop.ratings.models import (
    BAD_LEVELS,
    Rating,
    Rectification,
    RectificationStatus,
)


@dataclass(frozen=True)
class _Source:
    scale: float  # value = numerator ÷ denominator × scale (counts: numerator)
    table: _Table
    sums: Callable[[], Sums]


def _steps(organisation: Organisation, window: Window) -> QuerySet[CaseStep]:
    return CaseStep.objects.filter(
        _within("finished_at", window),
        case__organisation=organisation,
        due_at__isnull=False,
    )


def _noticed_requests(organisation: Organisation, window: Window) -> QuerySet[Case]:
    return Case.objects.filter(
        _within("received_at", window), organisation=organisation, notice_count__gte=1
    )


def _ratings(organisation: Organisation, window: Window) -> QuerySet[Rating]:
    return Rating.objects.filter(
        _within("rated_at", window), organisation=organisation, counted=True
    )


def _complaints(organisation: Organisation, window: Window) -> QuerySet[Rectification]:
    return Rectification.objects.filter(
        _within("verified_at", window),
        organisation=organisation,
        valid=True,
        rating__counted=True,
    )


def _late_rectifications(
    organisation: Organisation, window: Window
) -> QuerySet[Rectification]:
    return Rectification.objects.filter(
        _within("due_at", window),
        Q(replied_at__isnull=True) | Q(replied_at__gt=F("due_at")),
        organisation=organisation,
    ).exclude(status=RectificationStatus.INVALID)


def _handovers(
    organisation: Organisation, window: Window
) -> QuerySet[MaterialHandover]:
    return MaterialHandover.objects.filter(
        _within("handed_over_at", window),
        organisation=organisation,
        due_at__isnull=False,
    )


def _handover_item() -> Subquery:
    """A hand-over line's case, read from its reference (the receipt number)."""
    case = Case.objects.filter(
        organisation_id=OuterRef("organisation_id"), number=OuterRef("reference")
    )
    return Subquery(case.values("item_id")[:1])


def _tickets(organisation: Organisation, window: Window) -> QuerySet[Ticket]:
    return Ticket.objects.filter(_within("taken_at", window), organisation=organisation)


def _inspections(organisation: Organisation, window: Window) -> QuerySet[Any]:
    from onestop.inspection import scores

    start, end = window[0].date(), (window[1] - timedelta(days=1)).date()
    return scores.counted_inspections(
        organisation=organisation, start=start, end=end
    ).filter(inspected_user__isnull=False, total__isnull=False)


def _hits(condition: Q) -> Sums:
    return Count("pk", filter=condition), Count("pk")


def _events(condition: Q | None = None) -> Sums:
    return Count("pk", filter=condition), None


def _mean(value: Any, condition: Q | None = None) -> Sums:
    return Sum(value, filter=condition), Count("pk", filter=condition)


class _Span(Func):
    """The time from the second moment to the first, a duration summed exactly.

    SQLite has no timestamp type, and Django subtracts two moments there with
    a Python function called for every row, which costs more than the rest of
    the hall's query. Django stores a moment as UTC text ``YYYY-MM-DD
    HH:MM:SS[.ffffff]``, so its whole seconds (``strftime('%s')`` of the first
    19 characters) and microseconds (the digits after the point) give the same
    integer microseconds in SQL.
    """

    arity = 2
    output_field = DurationField()
    MICROSECONDS = (
        "(CAST(strftime('%%s', substr({0}, 1, 19)) AS INTEGER) * 1000000"
        " + CAST(substr({0}, 21) AS INTEGER))"
    )

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        end, start = (compiler.compile(e) for e in self.get_source_expressions())
        return connection.ops.subtract_temporals("DateTimeField", end, start)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        (end, end_params), (start, start_params) = (
            compiler.compile(e) for e in self.get_source_expressions()
        )
        micro = self.MICROSECONDS
        sql = f"({micro.format(end)} - {micro.format(start)})"
        return sql, (*end_params, *end_params, *start_params, *start_params)


def _minutes(start: str, end: str) -> Callable[[], Sums]:
    """The summed span from ``start`` to ``end`` of the numbers that have both."""

    def sums() -> Sums:
        both = Q(**{f"{start}__isnull": False, f"{end}__isnull": False})
        return _mean(_Span(F(end), F(start)), both)

    return sums


S = Subject
STEPS = _Table(
    {S.PERSON: "assignee_id", S.POST: "post_id", S.DEPARTMENT: "department_id"},
    "case__item_id",
    _steps,
)
NOTICED_REQUESTS = _Table(
    {S.PERSON: "first_responsible_id"}, "item_id", _noticed_requests
)
RATINGS = _Table({S.PERSON: "staff_id"}, "case__item_id", _ratings)
COMPLAINTS = _Table(
    {S.PERSON: "rating__staff_id"}, "rating__case__item_id", _complaints
)
LATE_RECTIFICATIONS = _Table(
    {S.PERSON: "handler_id"}, "rating__case__item_id", _late_rectifications
)
HANDOVERS = _Table(
    {S.PERSON: "to_user_id", S.DEPARTMENT: "to_department_id"},
    _handover_item(),
    _handovers,
)
TICKETS = _Table({S.PERSON: "staff_id"}, "case__item_id", _tickets)
# An inspection of a case, or of a hall visit whose number led to a case.
INSPECTIONS = _InspectionTable(
    {S.PERSON: "inspected_user_id"},
    Coalesce("case__item_id", "ticket__case__item_id"),
    _inspections,
)
SOURCES: Mapping[str, _Source] = {
    "on_time_rate": _Source(
        100, STEPS, lambda: _hits(Q(finished_at__lte=F("due_at")))
    ),
    "one_time_rate": _Source(100, NOTICED_REQUESTS, lambda: _hits(Q(notice_count=1))),
    "average_rating": _Source(1, RATINGS, lambda: _mean("level")),
    "bad_ratings": _Source(0, RATINGS, lambda: _events(Q(level__in=BAD_LEVELS))),
    "qa_score": _Source(1, INSPECTIONS, lambda: _mean("total")),
    "complaints": _Source(0, COMPLAINTS, _events),
    "overdue_rectifications": _Source(0, LATE_RECTIFICATIONS, _events),
    "handover_timeliness": _Source(
        100, HANDOVERS, lambda: _hits(Q(received_at__lte=F("due_at")))
    ),
    "average_wait_minutes": _Source(1 / 60, TICKETS, _minutes("taken_at", "called_at")),
    "average_serving_minutes": _Source(
        1 / 60, TICKETS, _minutes("served_from", "served_to")
    ),
}  # fmt: skip

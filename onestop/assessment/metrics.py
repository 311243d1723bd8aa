"""The data-sourced metrics an indicator can be computed from (指标数据来源).

Every metric is counted in SQL with one grouped query over the period
[00:00 on ``start``, 24:00 on ``end``) in the organisation's time zone, and
is attributed to the person whose work it measures:

- a **person** is the user named on the record (the step's assignee, the
  case's first responsible, the rated staff member …);
- a **post** or a **department** is read from the record where the record
  names one (a case step's post and department, a hand-over's receiving
  department); otherwise the person's figures are rolled up over the posts
  they are assigned to (post → department), each person counted once per
  post and once per department;
- a **group** (an outsourced provider's contract) is the union of the user
  ids the caller maps to it, optionally narrowed to the records of the
  catalogue items the caller names for it (the contract's service type), so a
  provider holding two contracts has each one's work counted for it alone.

Rates are percentages (0–100) and averages are recomputed from the summed
numerators and denominators, never averaged from averages. A count metric
with no events is 0 for anyone listed; a rate or average with nothing
counted has no value (the subject is absent from the result).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from onestop.cases.models import Case, CaseStep
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for
from onestop.posts.models import MaterialHandover, PostAssignment
from onestop.queueing.models import Ticket
from onestop.ratings.models import (
    BAD_LEVELS,
    Rating,
    Rectification,
    RectificationStatus,
)

__all__ = [
    "METRICS",
    "Direction",
    "Metric",
    "MetricValue",
    "Subject",
    "Unit",
    "metric_values",
]


class Subject(StrEnum):
    PERSON = "person"
    POST = "post"
    DEPARTMENT = "department"
    GROUP = "group"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    LEVEL = "level"
    MINUTES = "minutes"
    POINTS = "points"


@dataclass(frozen=True)
class MetricValue:
    """A subject's figure for the period and how many records stand behind it."""

    value: float
    count: int


@dataclass(frozen=True)
class Metric:
    key: str
    label: Promise
    definition: Promise
    unit: Unit
    direction: Direction

    @property
    def is_count(self) -> bool:
        """Counted events: zero when nothing happened, rather than no value."""
        return self.unit == Unit.COUNT


def _m(
    key: str, label: Promise, definition: Promise, unit: Unit, better: str
) -> Metric:
    return Metric(key, label, definition, unit, Direction(better))


METRICS: Mapping[str, Metric] = {
    m.key: m
    for m in (
        _m(
            "on_time_rate",
            pgettext_lazy("assessment metric", "On-time completion rate"),
            _(
                "Case steps finished in the period no later than their deadline ÷ "
                "case steps finished in the period that had a deadline, in per cent. "
                "A step counts for the person, post and department it was assigned to."
            ),
            Unit.PERCENT,
            "higher",
        ),
        _m(
            "one_time_rate",
            pgettext_lazy("assessment metric", "One-time notification rate"),
            _(
                "Requests received in the period and given exactly one notice of "
                "missing materials ÷ those given at least one notice (一次性告知率), "
                "in per cent, for the first responsible (首问负责) at the window."
            ),
            Unit.PERCENT,
            "higher",
        ),
        _m(
            "average_rating",
            pgettext_lazy("assessment metric", "Average rating"),
            _(
                "The mean of the applicants' ratings (1 very dissatisfied … 5 very "
                "satisfied) given in the period to the staff member rated; ratings "
                "found invalid are not counted."
            ),
            Unit.LEVEL,
            "higher",
        ),
        _m(
            "bad_ratings",
            pgettext_lazy("assessment metric", "Bad ratings"),
            _(
                "Ratings of dissatisfied or very dissatisfied given in the period to "
                "the staff member rated; ratings found invalid are not counted."
            ),
            Unit.COUNT,
            "lower",
        ),
        _m(
            "qa_score",
            pgettext_lazy("assessment metric", "Quality inspection score"),
            _(
                "The quality inspection score (0–100) of the inspections of the "
                "person's work finished in the period, decided appeals applied."
            ),
            Unit.POINTS,
            "higher",
        ),
        _m(
            "complaints",
            pgettext_lazy("assessment metric", "Valid complaints"),
            _(
                "Bad ratings verified as valid complaints in the period (the "
                "verification found them justified and no appeal overturned them), "
                "for the staff member rated."
            ),
            Unit.COUNT,
            "lower",
        ),
        _m(
            "overdue_rectifications",
            pgettext_lazy("assessment metric", "Overdue rectifications"),
            _(
                "Rectifications due in the period whose reply to the rater came after "
                "the deadline or has not come, for the person handling them; those "
                "found invalid are not counted."
            ),
            Unit.COUNT,
            "lower",
        ),
        _m(
            "handover_timeliness",
            pgettext_lazy("assessment metric", "Hand-over register timeliness"),
            _(
                "Lines of the material hand-over register handed over in the period "
                "with a confirm-by time whose receipt was confirmed by then ÷ all such "
                "lines, in per cent, for the receiver and the receiving department."
            ),
            Unit.PERCENT,
            "higher",
        ),
        _m(
            "average_wait_minutes",
            pgettext_lazy("assessment metric", "Average waiting time"),
            _(
                "The mean minutes from taking a number at the hall to its first call, "
                "over numbers taken in the period, for the staff member who called it."
            ),
            Unit.MINUTES,
            "lower",
        ),
        _m(
            "average_serving_minutes",
            pgettext_lazy("assessment metric", "Average serving time"),
            _(
                "The mean minutes from the start to the end of serving at the window, "
                "over numbers taken in the period and served, for the staff member "
                "who served."
            ),
            Unit.MINUTES,
            "lower",
        ),
    )
}


# --- The grouped queries --------------------------------------------------------
#
# Each source returns rows (subject id, numerator, denominator): a rate's
# numerator is the hits and its denominator the records; an average's the
# sum and the records; a count's the events twice. ``columns`` maps a subject
# to the record's own column for it; a subject missing there is rolled up
# from the person column. Asked for the catalogue item too (``by_item``), a
# source returns (subject id, item id, numerator, denominator), the item being
# that of the case the record belongs to (None when it belongs to none).

Window = tuple[datetime, datetime]
Rows = Iterable[tuple[Any, ...]]


@dataclass(frozen=True)
class _Source:
    scale: float  # value = numerator ÷ denominator × scale (counts: numerator)
    columns: Mapping[Subject, str]
    rows: Callable[[Organisation, Window, str, Any], Rows]
    item: Any  # the record's case's catalogue item: a lookup or an expression


def _within(field: str, window: Window) -> Q:
    return Q(**{f"{field}__gte": window[0], f"{field}__lt": window[1]})


def _grouped(queryset: QuerySet[Any], column: str, item: Any, **sums: Any) -> Rows:
    keys = [column]
    if item is not None:
        queryset = queryset.annotate(_item=F(item) if isinstance(item, str) else item)
        keys.append("_item")
    rows = queryset.values(*keys).annotate(**sums).order_by().values_list(*keys, *sums)
    return ((*key, _number(num), int(den or 0)) for *key, num, den in rows)


def _step_rows(
    organisation: Organisation, window: Window, column: str, item: Any
) -> Rows:
    steps = CaseStep.objects.filter(
        _within("finished_at", window),
        case__organisation=organisation,
        due_at__isnull=False,
    )
    on_time = Count("pk", filter=Q(finished_at__lte=F("due_at")))
    return _grouped(steps, column, item, num=on_time, den=Count("pk"))


def _notice_rows(
    organisation: Organisation, window: Window, column: str, item: Any
) -> Rows:
    cases = Case.objects.filter(
        _within("received_at", window), organisation=organisation, notice_count__gte=1
    )
    single = Count("pk", filter=Q(notice_count=1))
    return _grouped(cases, column, item, num=single, den=Count("pk"))


def _ratings(organisation: Organisation, window: Window) -> QuerySet[Rating]:
    return Rating.objects.filter(
        _within("rated_at", window), organisation=organisation, counted=True
    )


def _rating_rows(
    organisation: Organisation, window: Window, column: str, item: Any
) -> Rows:
    ratings = _ratings(organisation, window)
    return _grouped(ratings, column, item, num=Sum("level"), den=Count("pk"))


def _bad_rating_rows(
    organisation: Organisation, window: Window, column: str, item: Any
) -> Rows:
    bad = _ratings(organisation, window).filter(level__in=BAD_LEVELS)
    return _grouped(bad, column, item, num=Count("pk"), den=Count("pk"))


def _complaint_rows(
    organisation: Organisation, window: Window, column: str, item: Any
) -> Rows:
    valid = Rectification.objects.filter(
        _within("verified_at", window),
        organisation=organisation,
        valid=True,
        rating__counted=True,
    )
    return _grouped(valid, column, item, num=Count("pk"), den=Count("pk"))


def _overdue_rows(
    organisation: Organisation, window: Window, column: str, item: Any
) -> Rows:
    late = Rectification.objects.filter(
        _within("due_at", window),
        Q(replied_at__isnull=True) | Q(replied_at__gt=F("due_at")),
        organisation=organisation,
    ).exclude(status=RectificationStatus.INVALID)
    return _grouped(late, column, item, num=Count("pk"), den=Count("pk"))


def _handover_rows(
    organisation: Organisation, window: Window, column: str, item: Any
) -> Rows:
    lines = MaterialHandover.objects.filter(
        _within("handed_over_at", window),
        organisation=organisation,
        due_at__isnull=False,
    )
    confirmed = Count("pk", filter=Q(received_at__lte=F("due_at")))
    return _grouped(lines, column, item, num=confirmed, den=Count("pk"))


def _handover_item() -> Subquery:
    """A hand-over line's case, read from its reference (the receipt number)."""
    case = Case.objects.filter(
        organisation_id=OuterRef("organisation_id"), number=OuterRef("reference")
    )
    return Subquery(case.values("item_id")[:1])


def _minutes_rows(
    start: str, end: str
) -> Callable[[Organisation, Window, str, Any], Rows]:
    def rows(
        organisation: Organisation, window: Window, column: str, item: Any
    ) -> Rows:
        tickets = Ticket.objects.filter(
            _within("taken_at", window),
            organisation=organisation,
            **{f"{start}__isnull": False, f"{end}__isnull": False},
        )
        span = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
        return _grouped(tickets, column, item, num=Sum(span), den=Count("pk"))

    return rows


def _number(total: Any) -> float:
    """A sum as a float; a summed duration in seconds."""
    if isinstance(total, timedelta):
        return total.total_seconds()
    return float(total or 0)


def _qa_rows(
    organisation: Organisation, window: Window, column: str, item: Any
) -> Rows:
    from onestop.inspection import scores  # the inspection app reports per person

    start, end = window[0].date(), (window[1] - timedelta(days=1)).date()
    if item is None:
        found = scores.staff_scores(organisation=organisation, start=start, end=end)
        return (
            (user_id, score.score * score.count, score.count)
            for user_id, score in found.items()
            if score.score is not None and score.count
        )
    inspections = scores.counted_inspections(
        organisation=organisation, start=start, end=end
    ).filter(inspected_user__isnull=False, total__isnull=False)
    return _grouped(
        inspections, "inspected_user_id", item, num=Sum("total"), den=Count("pk")
    )


S = Subject
SOURCES: Mapping[str, _Source] = {
    "on_time_rate": _Source(
        100, {S.PERSON: "assignee_id", S.POST: "post_id", S.DEPARTMENT: "department_id"},
        _step_rows, "case__item_id",
    ),
    "one_time_rate": _Source(
        100, {S.PERSON: "first_responsible_id"}, _notice_rows, "item_id"
    ),
    "average_rating": _Source(
        1, {S.PERSON: "staff_id"}, _rating_rows, "case__item_id"
    ),
    "bad_ratings": _Source(
        0, {S.PERSON: "staff_id"}, _bad_rating_rows, "case__item_id"
    ),
    # An inspection of a case, or of a hall visit whose number led to a case.
    "qa_score": _Source(
        1, {S.PERSON: "user_id"}, _qa_rows,
        Coalesce("case__item_id", "ticket__case__item_id"),
    ),
    "complaints": _Source(
        0, {S.PERSON: "rating__staff_id"}, _complaint_rows, "rating__case__item_id"
    ),
    "overdue_rectifications": _Source(
        0, {S.PERSON: "handler_id"}, _overdue_rows, "rating__case__item_id"
    ),
    "handover_timeliness": _Source(
        100, {S.PERSON: "to_user_id", S.DEPARTMENT: "to_department_id"},
        _handover_rows, _handover_item(),
    ),
    "average_wait_minutes": _Source(
        1 / 60, {S.PERSON: "staff_id"}, _minutes_rows("taken_at", "called_at"),
        "case__item_id",
    ),
    "average_serving_minutes": _Source(
        1 / 60, {S.PERSON: "staff_id"}, _minutes_rows("served_from", "served_to"),
        "case__item_id",
    ),
}  # fmt: skip


# --- Rolling persons up -----------------------------------------------------------


def _memberships(organisation: Organisation, subject: Subject) -> dict[int, set[int]]:
    """user id → the ids of the posts (or departments) the person is assigned to."""
    field = "post_id" if subject == Subject.POST else "post__department_id"
    pairs = PostAssignment.objects.filter(
        post__organisation=organisation, membership__is_active=True
    ).values_list("membership__user_id", field)
    out: dict[int, set[int]] = defaultdict(set)
    for user_id, target in pairs:
        out[user_id].add(target)
    return out


def _roll_up(
    rows: Rows, targets_of: Mapping[int, Iterable[int]]
) -> dict[int, list[float]]:
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0])
    for user_id, num, den in rows:
        for target in targets_of.get(user_id or 0, ()):
            sums[target][0] += num
            sums[target][1] += den
    return sums


def _roll_up_items(
    rows: Rows,
    targets_of: Mapping[int, Iterable[int]],
    items_of: Mapping[int, frozenset[int]],
) -> dict[int, list[float]]:
    """Like ``_roll_up``, a restricted group taking only its catalogue items' rows."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0])
    for user_id, item_id, num, den in rows:
        for target in targets_of.get(user_id or 0, ()):
            allowed = items_of.get(target)
            if allowed is not None and item_id not in allowed:
                continue
            sums[target][0] += num
            sums[target][1] += den
    return sums


def _groups_of(people: Mapping[int, Iterable[int]]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for group_id, user_ids in people.items():
        for user_id in user_ids:
            out[user_id].add(group_id)
    return out


def _period(organisation: Organisation, start: date, end: date) -> Window:
    tz = work_calendar_for(organisation).tz
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def metric_values(
    *,
    organisation: Organisation,
    key: str,
    start: date,
    end: date,
    subject: str,
    people: Mapping[int, Iterable[int]] | None = None,
    item_ids: Mapping[int, Iterable[int]] | None = None,
) -> dict[int, MetricValue]:
    """Each subject's figure of metric ``key`` over [start, end] (dates, inclusive).

    ``subject`` is "person", "post", "department" or "group"; for "group",
    ``people`` maps each group id to the user ids whose work counts for it
    (and every group listed appears, with 0 for a count metric).

    ``item_ids`` (for "group" only) restricts a group to the work on some
    catalogue items: a group listed there counts only the records whose case
    is of one of its items (a step of such a case, its rating and the
    rectification of that rating, an inspection of it or of the hall visit that
    led to it, the number taken for it, a hand-over line referring to it by its
    receipt number); records tied to no case do not count for it. A group not
    listed counts all its people's work, as without ``item_ids``.
    """
    if key not in SOURCES:
        raise KeyError(key)
    source, kind = SOURCES[key], Subject(subject)
    if kind == Subject.GROUP and people is None:
        raise ValueError("people is required for the group subject")
    if item_ids is not None and kind != Subject.GROUP:
        raise ValueError("item_ids restricts the group subject only")
    window = _period(organisation, start, end)
    column = source.columns.get(kind, source.columns[Subject.PERSON])
    restricted = kind == Subject.GROUP and item_ids is not None
    rows = source.rows(
        organisation, window, column, source.item if restricted else None
    )
    if kind in source.columns:
        sums = {k: [n, d] for k, n, d in rows if k is not None}
    elif restricted:
        items_of = {g: frozenset(ids) for g, ids in (item_ids or {}).items()}
        sums = _roll_up_items(rows, _groups_of(people or {}), items_of)
    elif kind == Subject.GROUP:
        sums = _roll_up(rows, _groups_of(people or {}))
    else:
        sums = _roll_up(rows, _memberships(organisation, kind))
    values = {k: _value(source, n, int(d)) for k, (n, d) in sums.items() if d}
    if kind == Subject.GROUP and source.scale == 0:
        for group_id in people or {}:
            values.setdefault(group_id, MetricValue(0.0, 0))
    return values


def _value(source: _Source, numerator: float, denominator: int) -> MetricValue:
    if source.scale == 0:
        return MetricValue(numerator, denominator)
    return MetricValue(round(numerator / denominator * source.scale, 4), denominator)

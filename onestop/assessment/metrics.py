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
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
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
# A metric is a pair of aggregates over the records of the period: a rate's
# numerator is the hits and its denominator the records; an average's the sum
# and the records; a count's the events (the denominator repeats them).
# Metrics counted on the same records — a rating's average and the bad
# ratings, a hall number's waiting and serving time — share a ``_Table`` and
# are read in one grouped query, each metric's own conditions becoming its
# aggregates' filters. That query groups by every column the subjects asked
# for need at once: the record's own column for a subject listed in the
# table's ``columns`` (a step's post and department), the person column for
# the others, which are rolled up from the persons' figures; and, for a
# restricted group, by the catalogue item of the case the record belongs to
# (None when it belongs to none). So a run reads each table once, however many
# metrics and kinds of subject it scores (bench/assessment.py).

Window = tuple[datetime, datetime]
Rows = Iterable[tuple[Any, ...]]
Sums = tuple[Any, Any | None]  # numerator, denominator (None: the numerator again)
# A grouped row: the subject columns' values, the item (or None), and one
# (numerator, denominator) pair per metric read.
Group = tuple[tuple[Any, ...], Any, list[tuple[Any, Any]]]


def _within(field: str, window: Window) -> Q:
    return Q(**{f"{field}__gte": window[0], f"{field}__lt": window[1]})


@dataclass(frozen=True, eq=False)
class _Table:
    """Records of the period that one grouped query reads for all its metrics."""

    columns: Mapping[Subject, str]  # a subject's own column on the record
    item: Any  # the record's case's catalogue item: a lookup or an expression
    records: Callable[[Organisation, Window], QuerySet[Any]]

    def read(
        self,
        organisation: Organisation,
        window: Window,
        columns: list[str],
        item: Any,
        sums: list[Sums],
    ) -> list[Group]:
        queryset = self.records(organisation, window)
        keys = list(columns)
        if item is not None:
            queryset = queryset.annotate(
                _item=F(item) if isinstance(item, str) else item
            )
            keys.append("_item")
        aggregates: dict[str, Any] = {}
        pairs = []
        for n, (num, den) in enumerate(sums):
            aggregates[f"num{n}"] = num
            if den is not None:
                aggregates[f"den{n}"] = den
            pairs.append((f"num{n}", f"den{n}" if den is not None else f"num{n}"))
        at = {name: len(keys) + i for i, name in enumerate(aggregates)}
        rows = (
            queryset.values(*keys)
            .annotate(**aggregates)
            .order_by()
            .values_list(*keys, *aggregates)
        )
        width = len(columns)
        return [
            (
                row[:width],
                row[width] if item is not None else None,
                [(row[at[num]], row[at[den]]) for num, den in pairs],
            )
            for row in rows
        ]


@dataclass(frozen=True, eq=False)
class _InspectionTable(_Table):
    """Per person, the inspection app's own scores; per item, the inspections."""

    def read(
        self,
        organisation: Organisation,
        window: Window,
        columns: list[str],
        item: Any,
        sums: list[Sums],
    ) -> list[Group]:
        if item is not None:
            return super().read(organisation, window, columns, item, sums)
        from onestop.inspection import scores  # the inspection app reports per person

        start, end = window[0].date(), (window[1] - timedelta(days=1)).date()
        found = scores.staff_scores(organisation=organisation, start=start, end=end)
        return [
            ((user_id,), None, [(score.score * score.count, score.count)])
            for user_id, score in found.items()
            if score.score is not None and score.count
        ]


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


def _number(total: Any) -> float:
    """A sum as a float; a summed duration in seconds."""
    if isinstance(total, timedelta):
        return total.total_seconds()
    return float(total or 0)


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


# --- Summing the grouped rows per subject -------------------------------------------


def _plus(total: Any, more: Any) -> Any:
    """Sums kept exact (integers, durations, decimals); a None sum adds nothing."""
    if total is None:
        return more
    return total if more is None else total + more


def _sums_by(
    groups: list[Group], column: int, metric: int, by_item: bool
) -> dict[Any, list[Any]]:
    """One metric's exact sums by one subject column (and the item), in row order."""
    if groups and len(groups[0][0]) == 1:  # grouped by that column alone: a row a key
        rows = ((values[0], item, pairs[metric]) for values, item, pairs in groups)
        if by_item:
            return {(key, item): [num, den or 0] for key, item, (num, den) in rows}
        return {key: [num, den or 0] for key, _item, (num, den) in rows}
    sums: dict[Any, list[Any]] = {}
    for values, item, pairs in groups:
        key = (values[column], item) if by_item else values[column]
        num, den = pairs[metric]
        found = sums.get(key)
        if found is None:
            sums[key] = [num, den or 0]
        else:
            found[0], found[1] = _plus(found[0], num), found[1] + (den or 0)
    return sums


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


@dataclass
class _Reading:
    """One call's question: what the grouped rows are summed into, per subject."""

    organisation: Organisation
    people: Mapping[int, Iterable[int]] | None
    items_of: Mapping[int, frozenset[int]] | None
    targets: dict[Subject, Mapping[int, Iterable[int]]] = field(default_factory=dict)

    def targets_of(self, kind: Subject) -> Mapping[int, Iterable[int]]:
        """user id → the posts, departments or groups the person's figures go to."""
        if kind not in self.targets:
            self.targets[kind] = (
                _groups_of(self.people or {})
                if kind == Subject.GROUP
                else _memberships(self.organisation, kind)
            )
        return self.targets[kind]

    def sums(
        self,
        table: _Table,
        kind: Subject,
        groups: list[Group],
        columns: list[str],
        metric: int,
    ) -> Mapping[Any, list[float]]:
        own = table.columns.get(kind)
        if own is not None:
            found = _sums_by(groups, columns.index(own), metric, by_item=False)
            return {
                k: [_number(n), int(d)] for k, (n, d) in found.items() if k is not None
            }
        person = columns.index(table.columns[Subject.PERSON])
        restricted = self.items_of is not None
        found = _sums_by(groups, person, metric, by_item=restricted)
        if restricted:
            by_item = ((u, i, _number(n), int(d)) for (u, i), (n, d) in found.items())
            return _roll_up_items(by_item, self.targets_of(kind), self.items_of or {})
        people = ((u, _number(n), int(d)) for u, (n, d) in found.items())
        return _roll_up(people, self.targets_of(kind))


def _columns(table: _Table, kinds: Iterable[Subject]) -> list[str]:
    """The subject columns to group by: the person's first, if any kind needs it."""
    person = table.columns[Subject.PERSON]
    wanted = {table.columns.get(kind, person) for kind in kinds}
    own = [c for c in table.columns.values() if c in wanted and c != person]
    return [person, *own] if person in wanted else own


def metric_figures(
    *,
    organisation: Organisation,
    keys: Iterable[str],
    subjects: Iterable[str],
    start: date,
    end: date,
    people: Mapping[int, Iterable[int]] | None = None,
    item_ids: Mapping[int, Iterable[int]] | None = None,
) -> dict[tuple[str, str], dict[int, MetricValue]]:
    """(subject, key) → ``metric_values`` of every metric and subject asked for.

    One grouped query per table of records, however many of its metrics and
    kinds of subject are asked for; the arguments mean what they mean for
    ``metric_values``.
    """
    keys, kinds = list(dict.fromkeys(keys)), [Subject(s) for s in subjects]
    for key in keys:
        if key not in SOURCES:
            raise KeyError(key)
    if Subject.GROUP in kinds and people is None:
        raise ValueError("people is required for the group subject")
    if item_ids is not None and any(kind != Subject.GROUP for kind in kinds):
        raise ValueError("item_ids restricts the group subject only")
    window = _period(organisation, start, end)
    items_of = None
    if item_ids is not None:
        items_of = {g: frozenset(ids) for g, ids in item_ids.items()}
    reading = _Reading(organisation, people, items_of)
    tables: dict[_Table, list[str]] = defaultdict(list)
    for key in keys:
        tables[SOURCES[key].table].append(key)
    figures: dict[tuple[str, str], dict[int, MetricValue]] = {}
    for table, table_keys in tables.items():
        columns = _columns(table, kinds)
        item = table.item if items_of is not None else None
        sums = [SOURCES[key].sums() for key in table_keys]
        groups = table.read(organisation, window, columns, item, sums)
        for kind in kinds:
            for metric, key in enumerate(table_keys):
                found = reading.sums(table, kind, groups, columns, metric)
                figures[(kind.value, key)] = _values(SOURCES[key], kind, found, people)
    return figures


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
    figures = metric_figures(
        organisation=organisation, keys=[key], subjects=[subject], start=start,
        end=end, people=people, item_ids=item_ids,
    )  # fmt: skip
    return figures[(Subject(subject).value, key)]


def _values(
    source: _Source,
    kind: Subject,
    sums: Mapping[Any, list[float]],
    people: Mapping[int, Iterable[int]] | None,
) -> dict[int, MetricValue]:
    values = {k: _value(source, n, int(d)) for k, (n, d) in sums.items() if d}
    if kind == Subject.GROUP and source.scale == 0:
        for group_id in people or {}:
            values.setdefault(group_id, MetricValue(0.0, 0))
    return values


def _value(source: _Source, numerator: float, denominator: int) -> MetricValue:
    if source.scale == 0:
        return MetricValue(numerator, denominator)
    return MetricValue(round(numerator / denominator * source.scale, 4), denominator)

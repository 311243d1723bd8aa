"""Casework figures of one organisation for a period, by item, department or month.

Counts are aggregated in the database: one grouped query for each date that
places a case in a period — received, accepted, completed, extension
approved — so the number of queries does not grow with the number of cases.
Only the working days used need the calendar: the (accepted, completed)
pairs of the completed cases are loaded once and measured on the
organisation's calendar, built once. What each figure counts is written in
``definitions.FIGURES``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, DateField, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext

from onestop.cases.models import Case, Extension, Outcome
from onestop.compute.workdays import WorkCalendar
from onestop.metrics.definitions import GroupBy
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for

Window = tuple[datetime, datetime]

ON_TIME = Q(due_at__isnull=False, completed_at__lte=F("due_at"))


@dataclass
class FigureRow:
    """The figures of one group (an item, a department, a month) or of all of them."""

    key: int | date | None
    code: str
    label: str
    received: int = 0
    accepted: int = 0
    completed: int = 0
    on_time: int = 0
    notices: int = 0
    single_notices: int = 0
    extensions: int = 0
    rejections: int = 0
    referrals: int = 0
    on_the_spot: int = 0
    # The completed cases measured on the calendar, and their working days in all.
    measured: int = 0
    working_days: float = 0.0
    is_total: bool = False

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.completed if self.completed else None

    @property
    def one_time_rate(self) -> float | None:
        return self.single_notices / self.notices if self.notices else None

    @property
    def avg_working_days_used(self) -> float | None:
        return self.working_days / self.measured if self.measured else None

    def add(self, counts: Mapping[str, Any]) -> None:
        for name in _SUMMED:
            if name in counts:
                setattr(self, name, getattr(self, name) + counts[name])


_SUMMED = tuple(
    f.name
    for f in fields(FigureRow)
    if f.name not in {"key", "code", "label", "is_total"}
)


def casework_figures(
    *, organisation: Organisation, start: date, end: date, group_by: str
) -> list[FigureRow]:
    """One row per group with a figure in [start, end], then the total row.

    Grouped by month, every month of the period has its row, empty or not.
    """
    grouping = GroupBy(group_by)
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    calendar = work_calendar_for(organisation)
    window = _window(start, end, calendar.tz)
    rows: dict[Any, FigureRow] = {}
    for values in _counts(organisation, window, grouping, calendar.tz):
        _row_for(rows, grouping, values).add(values)
    for values in _working_days(organisation, window, grouping, calendar):
        _row_for(rows, grouping, values).add(values)
    if grouping == GroupBy.MONTH:
        for month in _months(start, end):
            _row_for(rows, grouping, {"group_key": month})
    ordered = sorted(rows.values(), key=lambda row: row.code)
    total = FigureRow(key=None, code="", label=gettext("Total"), is_total=True)
    for row in ordered:
        total.add({name: getattr(row, name) for name in _SUMMED})
    return [*ordered, total]


def casework_trend(
    *, organisation: Organisation, last_month: date, months: int = 12
) -> list[FigureRow]:
    """The monthly figures of the ``months`` months up to and including ``last_month``'s."""
    first, end = month_of(last_month)
    for _ in range(months - 1):
        first, _last = month_of(first - timedelta(days=1))
    rows = casework_figures(
        organisation=organisation, start=first, end=end, group_by=GroupBy.MONTH
    )
    return rows[:-1]


# --- The grouped counts ---------------------------------------------------------


def _counts(
    organisation: Organisation, window: Window, grouping: GroupBy, tz: ZoneInfo
) -> Iterator[dict[str, Any]]:
    cases = Case.objects.filter(organisation=organisation)
    yield from _grouped(
        cases.filter(**_within("received_at", window)),
        grouping,
        "received_at",
        tz,
        received=Count("pk"),
        notices=Count("pk", filter=Q(notice_count__gte=1)),
        single_notices=Count("pk", filter=Q(notice_count=1)),
        rejections=Count("pk", filter=Q(outcome=Outcome.REJECTED)),
        referrals=Count("pk", filter=Q(outcome=Outcome.REFERRED)),
        on_the_spot=Count("pk", filter=Q(outcome=Outcome.ON_THE_SPOT)),
    )
    yield from _grouped(
        cases.filter(**_within("accepted_at", window)),
        grouping,
        "accepted_at",
        tz,
        accepted=Count("pk"),
    )
    yield from _grouped(
        _completed(cases, window),
        grouping,
        "completed_at",
        tz,
        completed=Count("pk"),
        on_time=Count("pk", filter=ON_TIME),
    )
    approved = Extension.objects.filter(
        case__organisation=organisation, approved=True, **_within("decided_at", window)
    )
    yield from _grouped(
        approved, grouping, "decided_at", tz, prefix="case__", extensions=Count("pk")
    )


def _completed(cases: QuerySet[Case], window: Window) -> QuerySet[Case]:
    """Promised cases completed in the window: accepted first, so not done on the spot."""
    return cases.filter(accepted_at__isnull=False, **_within("completed_at", window))


def _grouped(
    queryset: QuerySet[Any],
    grouping: GroupBy,
    moment: str,
    tz: ZoneInfo,
    prefix: str = "",
    **counts: Count,
) -> list[dict[str, Any]]:
    groups = _group_fields(grouping, moment, tz, prefix)
    return list(
        queryset.annotate(**groups).values(*groups).annotate(**counts).order_by()
    )


def _group_fields(
    grouping: GroupBy, moment: str, tz: ZoneInfo, prefix: str
) -> dict[str, Any]:
    """The group's key (and code and name) as annotations; a month is local to ``tz``."""
    if grouping == GroupBy.MONTH:
        return {"group_key": TruncMonth(moment, tzinfo=tz, output_field=DateField())}
    path = f"{prefix}item" if grouping == GroupBy.ITEM else f"{prefix}item__department"
    return {
        "group_key": F(f"{path}_id"),
        "group_code": F(f"{path}__code"),
        "group_name": F(f"{path}__name"),
    }


def _row_for(
    rows: dict[Any, FigureRow], grouping: GroupBy, values: Mapping[str, Any]
) -> FigureRow:
    key = values["group_key"]
    if key not in rows:
        if grouping == GroupBy.MONTH:
            code, label = key.strftime("%Y-%m"), date_format(key, "YEAR_MONTH_FORMAT")
        else:
            code, label = values["group_code"], values["group_name"]
        rows[key] = FigureRow(key=key, code=code, label=label)
    return rows[key]


# --- Working days used ----------------------------------------------------------


def _working_days(
    organisation: Organisation,
    window: Window,
    grouping: GroupBy,
    calendar: WorkCalendar,
) -> Iterator[dict[str, Any]]:
    """Each completed case's office time from acceptance to completion, in working days."""
    groups = _group_fields(grouping, "completed_at", calendar.tz, "")
    pairs = (
        _completed(Case.objects.filter(organisation=organisation), window)
        .annotate(**groups)
        .values(*groups, "accepted_at", "completed_at")
        .order_by()
    )
    office_day = _office_day(calendar)
    for pair in pairs:
        used = calendar.working_time_between(pair["accepted_at"], pair["completed_at"])
        yield {**pair, "measured": 1, "working_days": used / office_day}


def _office_day(calendar: WorkCalendar) -> timedelta:
    """The office time of one working day, e.g. 7.5 h for 08:30–12:00 and 13:30–17:30."""
    day = date(2000, 1, 1)
    return sum(
        (
            datetime.combine(day, end) - datetime.combine(day, start)
            for start, end in calendar.office_hours
        ),
        timedelta(0),
    )


# --- Periods ----------------------------------------------------------------------


def _window(start: date, end: date, tz: ZoneInfo) -> Window:
    """[00:00 on ``start``, 24:00 on ``end``) in the organisation's zone."""
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )


def _within(field: str, window: Window) -> dict[str, datetime]:
    return {f"{field}__gte": window[0], f"{field}__lt": window[1]}


def month_of(day: date) -> tuple[date, date]:
    """The first and last day of ``day``'s month."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _months(start: date, end: date) -> Iterator[date]:
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = month_of(month)[1] + timedelta(days=1)

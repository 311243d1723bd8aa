"""Reads of ratings: a case from its token, rectification lists, satisfaction and figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, DateField, F, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from onestop.cases.models import Case
from onestop.common.names import person_name
from onestop.organisations.models import Organisation
from onestop.posts.models import Window
from onestop.ratings.models import (
    BAD_LEVELS,
    OPEN_STATUSES,
    SATISFIED_LEVELS,
    Level,
    Rating,
    RatingTag,
    Rectification,
    RectificationEvent,
)
from onestop.ratings.states import is_supervisor
from onestop.ratings.tokens import token_read


def case_for_token(*, organisation: Organisation, token: str) -> Case:
    """The case a rating token names, if it is genuine and of ``organisation``; else 404."""
    read = token_read(token)
    if read is None:
        raise Http404
    case_id, received = read
    case = (
        Case.objects.filter(pk=case_id, organisation=organisation)
        .select_related("organisation", "item_version", "first_responsible")
        .first()
    )
    if case is None or int(case.received_at.timestamp()) != received:
        raise Http404
    return case


def rating_of(case: Case) -> Rating | None:
    return Rating.objects.filter(case=case).prefetch_related("tags").first()


def tags_offered(*, organisation: Organisation) -> QuerySet[RatingTag]:
    return RatingTag.objects.filter(organisation=organisation, is_active=True)


def staff_window(staff_id: int, organisation: Organisation) -> Window | None:
    """The window a staff member serves, when their posts name exactly one."""
    windows = list(
        Window.objects.filter(
            organisation=organisation,
            posts__assignments__membership__user_id=staff_id,
            posts__assignments__membership__organisation=organisation,
        ).distinct()[:2]
    )
    return windows[0] if len(windows) == 1 else None


# --- Rectifications ---------------------------------------------------------------


def _rectifications(organisation: Organisation) -> QuerySet[Rectification]:
    return Rectification.objects.filter(organisation=organisation).select_related(
        "rating",
        "rating__case",
        "rating__case__item",
        "rating__staff",
        "rating__window",
        "handler",
    )


def rectification_list(
    *, organisation: Organisation, actor: Any
) -> list[Rectification]:
    """Open ones first, soonest due first; a supervisor sees all, others their own."""
    rectifications = _rectifications(organisation)
    if not is_supervisor(actor, organisation.pk):
        rectifications = rectifications.filter(
            Q(handler=actor) | Q(rating__staff=actor)
        )
    rows = list(rectifications.order_by("due_at", "id"))
    # A stable sort: the open ones first, each part still soonest due first.
    return sorted(rows, key=lambda r: r.status not in OPEN_STATUSES)


def rectification_get(
    *, organisation: Organisation, pk: int, actor: Any
) -> Rectification:
    """One rectification with its history; 404 for another's unless a supervisor."""
    events = RectificationEvent.objects.select_related("actor").order_by("sequence")
    rectifications = _rectifications(organisation).prefetch_related(
        Prefetch("events", queryset=events), "rating__tags"
    )
    if not is_supervisor(actor, organisation.pk):
        rectifications = rectifications.filter(
            Q(handler=actor) | Q(rating__staff=actor)
        )
    return get_object_or_404(rectifications, pk=pk)


# --- Satisfaction -----------------------------------------------------------------


@dataclass(frozen=True)
class Satisfaction:
    """Counted ratings, those at least "basically satisfied", and their share (None if none)."""

    count: int
    satisfied: int
    share: float | None


def satisfaction(
    *, organisation: Organisation, start: datetime, end: datetime
) -> Satisfaction:
    """Ratings given in [start, end): one aggregate query on an index."""
    totals = Rating.objects.filter(
        organisation=organisation,
        counted=True,
        rated_at__gte=start,
        rated_at__lt=end,
    ).aggregate(
        count=Count("pk"),
        satisfied=Count("pk", filter=Q(level__in=SATISFIED_LEVELS)),
    )
    count, satisfied = totals["count"], totals["satisfied"]
    return Satisfaction(count, satisfied, satisfied / count if count else None)


# --- Figures by item, window, staff member or month -------------------------------


class GroupBy(models.TextChoices):
    ITEM = "item", _("Service item")
    WINDOW = "window", _("Window")
    STAFF = "staff", _("Staff member")
    MONTH = "month", _("Month")


@dataclass
class FigureRow:
    """The ratings of one group, counted per level; the found-invalid apart."""

    key: Any
    code: str
    label: str
    levels: dict[int, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))
    invalid: int = 0
    is_total: bool = False

    @property
    def count(self) -> int:
        return sum(self.levels.values())

    @property
    def satisfied(self) -> int:
        return sum(self.levels[level] for level in SATISFIED_LEVELS)

    @property
    def bad(self) -> int:
        return sum(self.levels[level] for level in BAD_LEVELS)

    @property
    def share(self) -> float | None:
        return self.satisfied / self.count if self.count else None

    @property
    def by_level(self) -> list[int]:
        """Counts from 非常满意 down to 非常不满意, as the columns read."""
        return [self.levels[level] for level in LEVELS_SHOWN]

    def add(self, other: FigureRow | dict[str, Any]) -> None:
        if isinstance(other, FigureRow):
            counts = {f"l{level}": n for level, n in other.levels.items()}
            counts["invalid"] = other.invalid
        else:
            counts = other
        for level in Level:
            self.levels[level] += counts.get(f"l{level}", 0)
        self.invalid += counts.get("invalid", 0)


LEVELS_SHOWN = tuple(sorted(Level, reverse=True))


def rating_figures(
    *, organisation: Organisation, start: date, end: date, group_by: str
) -> list[FigureRow]:
    """One row per group with ratings given from ``start`` to ``end`` (days), then the total.

    Grouped by month, every month of the period has its row. Ratings found
    invalid are not counted in the levels; they are shown apart.
    """
    grouping = GroupBy(group_by)
    tz = timezone.get_default_timezone()
    ratings = Rating.objects.filter(
        organisation=organisation,
        rated_at__gte=datetime.combine(start, time.min, tzinfo=tz),
        rated_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )
    groups = _group_fields(grouping, tz)
    counted = {
        f"l{level}": Count("pk", filter=Q(counted=True, level=level)) for level in Level
    }
    values = (
        ratings.annotate(**groups)
        .values(*groups)
        .annotate(**counted, invalid=Count("pk", filter=Q(counted=False)))
        .order_by()
    )
    rows = _rows(grouping, list(values), start, end)
    total = FigureRow(key=None, code="", label=gettext("Total"), is_total=True)
    for row in rows:
        total.add(row)
    return [*rows, total]


def _group_fields(grouping: GroupBy, tz: Any) -> dict[str, Any]:
    if grouping == GroupBy.MONTH:
        return {
            "group_key": TruncMonth("rated_at", tzinfo=tz, output_field=DateField())
        }
    if grouping == GroupBy.ITEM:
        return {
            "group_key": F("case__item_id"),
            "group_code": F("case__item__code"),
            "group_name": F("case__item__name"),
        }
    if grouping == GroupBy.WINDOW:
        return {"group_key": F("window_id"), "group_code": F("window__number")}
    return {"group_key": F("staff_id"), "group_code": F("staff__username")}


def _rows(
    grouping: GroupBy, values: list[dict[str, Any]], start: date, end: date
) -> list[FigureRow]:
    labels = _labels(grouping, values)
    rows: dict[Any, FigureRow] = {}
    for value in values:
        key = value["group_key"]
        code, label = labels(value)
        rows.setdefault(key, FigureRow(key=key, code=code, label=label)).add(value)
    if grouping == GroupBy.MONTH:
        for month in _months(start, end):
            rows.setdefault(month, FigureRow(key=month, **_month_names(month)))
    return sorted(rows.values(), key=lambda row: (row.key is None, row.code))


def _labels(grouping: GroupBy, values: list[dict[str, Any]]) -> Any:
    """How a group's code and label are read from its values."""
    if grouping == GroupBy.MONTH:
        return lambda v: tuple(_month_names(v["group_key"]).values())
    if grouping == GroupBy.ITEM:
        return lambda v: (v["group_code"], v["group_name"])
    if grouping == GroupBy.WINDOW:
        return lambda v: (
            (
                v["group_code"],
                gettext("Window %(number)s") % {"number": v["group_code"]},
            )
            if v["group_key"] is not None
            else ("", gettext("Window not known"))
        )
    people = get_user_model().objects.in_bulk([v["group_key"] for v in values])
    return lambda v: (v["group_code"], person_name(people.get(v["group_key"])))


def _month_names(month: date) -> dict[str, str]:
    return {
        "code": month.strftime("%Y-%m"),
        "label": date_format(month, "YEAR_MONTH_FORMAT"),
    }


def _months(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months

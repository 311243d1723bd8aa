"""The grouped query over one table of records, read once for all its metrics.

A ``_Table`` names the records of a period, the columns that identify a
subject on them and the catalogue item of their case; ``read`` groups them by
the columns asked for (``_columns``) and returns one pair of sums per metric.
The inspection table reads per-person scores from the inspection app.
``_period`` turns a period's dates into the moments it spans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import F, Q, QuerySet

from onestop.assessment.metrics.definitions import Subject
from onestop.organisations.models import Organisation
from onestop.organisations.selectors import work_calendar_for

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


def _columns(table: _Table, kinds: Iterable[Subject]) -> list[str]:
    """The subject columns to group by: the person's first, if any kind needs it."""
    person = table.columns[Subject.PERSON]
    wanted = {table.columns.get(kind, person) for kind in kinds}
    own = [c for c in table.columns.values() if c in wanted and c != person]
    return [person, *own] if person in wanted else own


def _period(organisation: Organisation, start: date, end: date) -> Window:
    tz = work_calendar_for(organisation).tz
    return (
        datetime.combine(start, time.min, tzinfo=tz),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz),
    )

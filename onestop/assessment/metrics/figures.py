"""The public entry points: each subject's figure of the metrics asked for.

``metric_figures`` reads every table needed once and gives the figures of
every metric and kind of subject asked for; ``metric_values`` is the figure
of one metric for one kind of subject. A count is 0 for a group listed with
nothing counted; a rate or average with nothing counted has no value.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from onestop.assessment.metrics.definitions import MetricValue, Subject
from onestop.assessment.metrics.rollups import _Reading
from onestop.assessment.metrics.sources import SOURCES, _Source
from onestop.assessment.metrics.tables import _columns, _period, _Table
from onestop.organisations.models import Organisation


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

"""Summing the grouped rows per subject, and rolling people up to their posts.

A subject with its own column on the record (a step's post) is summed from
it; otherwise each person's exact sums go to the posts, departments or groups
the person belongs to (each person counted once per target), a restricted
group taking only the rows of its catalogue items. ``_Reading`` holds one
call's question and looks up the memberships at most once per kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from onestop.assessment.metrics.definitions import Subject
from onestop.assessment.metrics.tables import Group, Rows, _Table
from onestop.organisations.models import Organisation
from onestop.posts.models import PostAssignment


def _number(total: Any) -> float:
    """A sum as a float; a summed duration in seconds."""
    if isinstance(total, timedelta):
        return total.total_seconds()
    return float(total or 0)


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

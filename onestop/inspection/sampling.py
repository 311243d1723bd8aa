"""Drawing reproducible random samples, free of Django.

The same rule over the same period and the same population always draws the
same objects: the seed is made of the rule and the period, each group (a
staff member, a service item) draws with its own generator seeded from it,
and candidates are put in the order of their ids first. So an auditor can
redraw a month and get the inspectors' list back, and a group added later
does not change the others' draws.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Candidate:
    object_id: int
    staff_id: int | None
    group: str  # the service item, queue or ticket category


def run_seed(rule_id: int, start: date, end: date) -> str:
    text = f"inspection-rule:{rule_id}:{start.isoformat()}:{end.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()


def _grouped(candidates: Iterable[Candidate], key: str) -> dict[str, list[Candidate]]:
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in sorted(candidates, key=lambda c: c.object_id):
        value = getattr(candidate, key)
        if value is not None:
            groups[str(value)].append(candidate)
    return groups


def _draw(
    groups: dict[str, list[Candidate]], seed: str, size: dict[str, int]
) -> list[Candidate]:
    drawn: list[Candidate] = []
    for name in sorted(groups):
        members = groups[name]
        rng = random.Random(f"{seed}:{name}")
        drawn.extend(rng.sample(members, min(size[name], len(members))))
    return sorted(drawn, key=lambda c: c.object_id)


def draw_per_staff(
    candidates: Sequence[Candidate], *, count: int, seed: str
) -> list[Candidate]:
    """Up to ``count`` objects of each staff member (objects without one are left out)."""
    groups = _grouped(candidates, "staff_id")
    return _draw(groups, seed, {name: count for name in groups})


def draw_percent(
    candidates: Sequence[Candidate], *, percent: Decimal, seed: str
) -> list[Candidate]:
    """``percent`` of each group's objects, rounded up, so a small group still gets one."""
    groups = _grouped(candidates, "group")
    sizes = {
        name: math.ceil(len(members) * percent / 100)
        for name, members in groups.items()
    }
    return _draw(groups, seed, sizes)


def round_robin(
    drawn: Sequence[Candidate], inspector_ids: Sequence[int]
) -> list[int | None]:
    """An inspector for each drawn object in turn, never the object's own staff member.

    ``None`` where every inspector is the staff member concerned.
    """
    assigned: list[int | None] = []
    turn = 0
    for candidate in drawn:
        choice = None
        for step in range(len(inspector_ids)):
            inspector = inspector_ids[(turn + step) % len(inspector_ids)]
            if inspector != candidate.staff_id:
                choice = inspector
                turn += step + 1
                break
        assigned.append(choice)
    return assigned

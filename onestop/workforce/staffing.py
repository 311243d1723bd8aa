"""Agents a queue needs per interval, from its targets (no database access).

Without a patience setting the queue is staffed by Erlang C
(``compute.erlang.required_agents_many``): the fewest agents meeting the
service level target within the threshold, under the occupancy cap.

With one, callers hang up when kept waiting and Erlang C — which assumes they
never do — overstates the need. The queue is then staffed by Erlang A
(``compute.erlang.erlang_a``; Garnett, Mandelbaum & Reiman 2002): the fewest
agents, under the occupancy cap, whose abandonment stays within the queue's
connection-rate target (1 − target answered), and never more than Erlang C
would ask for.

Either way the agents on the phones are grossed up for shrinkage:
scheduled = ⌈agents / (1 − shrinkage)⌉, in exact decimals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np

from onestop.compute.erlang import erlang_a, required_agents_many
from onestop.contactcenter.models import Queue


@dataclass(frozen=True)
class Targets:
    service_level: Decimal
    within_s: int
    max_occupancy: Decimal
    shrinkage: Decimal
    answer_rate: Decimal
    patience_s: int | None

    @classmethod
    def of(cls, queue: Queue, patience_s: int | None) -> Targets:
        return cls(
            service_level=queue.target_service_level,
            within_s=queue.answer_within_s,
            max_occupancy=queue.max_occupancy,
            shrinkage=queue.shrinkage,
            answer_rate=queue.target_answer_rate,
            patience_s=patience_s,
        )

    @property
    def model(self) -> str:
        return "Erlang A" if self.patience_s else "Erlang C"


@dataclass(frozen=True)
class Requirement:
    agents: list[int]
    scheduled: list[int]


def requirement(
    calls: Sequence[float],
    aht_s: Sequence[float],
    *,
    interval_s: int,
    targets: Targets,
) -> Requirement:
    """Agents on the phones and scheduled, interval by interval."""
    erlang_c = required_agents_many(
        np.asarray(calls, dtype=np.float64),
        np.asarray(aht_s, dtype=np.float64),
        interval_s,
        float(targets.service_level),
        targets.within_s,
        float(targets.max_occupancy),
        float(targets.shrinkage),
    )
    agents = [int(n) for n in erlang_c.agents]
    if targets.patience_s:
        agents = [
            _erlang_a_agents(c, a, interval_s, targets, upper=n)
            for c, a, n in zip(calls, aht_s, agents, strict=True)
        ]
    return Requirement(agents, [scheduled(n, targets.shrinkage) for n in agents])


def scheduled(agents: int, shrinkage: Decimal) -> int:
    """⌈agents / (1 − shrinkage)⌉, exactly."""
    return math.ceil(Fraction(agents) / (1 - Fraction(shrinkage)))


def _erlang_a_agents(
    calls: float, aht_s: float, interval_s: int, targets: Targets, *, upper: int
) -> int:
    """The fewest agents from the occupancy floor up to ``upper`` whose Erlang A
    abandonment is within 1 − the answer-rate target."""
    if calls <= 0:
        return 0
    assert targets.patience_s
    load = Fraction(calls) * Fraction(aht_s) / interval_s
    floor = max(1, math.ceil(load / Fraction(targets.max_occupancy)))
    allowed = float(1 - targets.answer_rate)
    for n in range(floor, upper):
        result = erlang_a(n, calls / interval_s, 1 / aht_s, 1 / targets.patience_s)
        if result.p_abandon <= allowed:
            return n
    return max(floor, upper)

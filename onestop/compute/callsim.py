"""A day at the hotline, simulated: priority for VIPs, callers who give up.

Pure Python + SimPy + NumPy; no Django. The model is the M/M/n+M queue of
Erlang A (Palm 1957; Garnett, Mandelbaum & Reiman 2002) made to change
through the day, which the formulas cannot do:

- arrivals are a Poisson process whose rate is constant within each interval
  (the forecast's calls per interval): the number in an interval is Poisson
  and each arrival is uniform within it (Ross, *Simulation*, 5th ed., 2013,
  §5.5 on non-homogeneous Poisson processes, piecewise-constant case);
- handling times and patience are exponential, with the queue's mean handle
  time and the callers' mean patience;
- agents on the phones follow the roster, interval by interval; an agent whose
  shift ends finishes the call in hand first;
- a free agent takes the longest-waiting VIP, else the longest-waiting other
  caller (non-preemptive priority; SimPy's ``PriorityResource``, K. Müller,
  T. Vignaux, O. Lünsdorf et al., simpy.readthedocs.io);
- a caller whose patience runs out before an agent takes the call hangs up.

Service level is the share of *offered* calls answered within the threshold
(a caller who gives up counts against it); abandonment the share offered who
gave up. The same seed gives the same day.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import simpy

__all__ = ["DayPlan", "DayResult", "TierResult", "simulate_day"]

VIP, REGULAR = "VIP", "regular"
_PRIORITY = {VIP: 0, REGULAR: 1}
_OFF_DUTY = -1  # outranks every caller: the next free agent goes off duty


@dataclass(frozen=True)
class DayPlan:
    """What one simulated day is made of.

    ``calls[i]`` callers are expected and ``agents[i]`` agents are on the
    phones in interval i (each ``interval_s`` long, from time 0); ``vip_share``
    of callers are VIPs; means in seconds.
    """

    calls: Sequence[float]
    agents: Sequence[int]
    interval_s: float
    aht_s: float
    patience_s: float
    answer_within_s: float
    vip_share: float = 0.0
    seed: int = 1

    def __post_init__(self) -> None:
        if len(self.calls) != len(self.agents):
            raise ValueError("calls and agents need one value per interval each")
        if min(self.interval_s, self.aht_s, self.patience_s) <= 0:
            raise ValueError("interval_s, aht_s and patience_s must be > 0")
        if not 0 <= self.vip_share <= 1:
            raise ValueError(f"vip_share must be in [0, 1], got {self.vip_share!r}")
        if any(c < 0 for c in self.calls) or any(a < 0 for a in self.agents):
            raise ValueError("calls and agents must be ≥ 0")


@dataclass
class TierResult:
    """What happened to one tier of callers (or to all: tier ``"all"``)."""

    tier: str
    offered: int = 0
    answered: int = 0
    answered_within: int = 0
    abandoned: int = 0
    total_wait_s: float = 0.0

    @property
    def service_level(self) -> float | None:
        """Answered within the threshold / offered; None with no calls."""
        return self.answered_within / self.offered if self.offered else None

    @property
    def abandonment(self) -> float | None:
        return self.abandoned / self.offered if self.offered else None

    @property
    def mean_wait_s(self) -> float | None:
        """Mean time in queue over everyone offered, served or not."""
        return self.total_wait_s / self.offered if self.offered else None

    def add(self, *, waited: float, answered: bool, within: float) -> None:
        self.offered += 1
        self.total_wait_s += waited
        if answered:
            self.answered += 1
            self.answered_within += waited <= within
        else:
            self.abandoned += 1


@dataclass
class DayResult:
    tiers: dict[str, TierResult] = field(default_factory=dict)
    total: TierResult = field(default_factory=lambda: TierResult("all"))


@dataclass(frozen=True)
class _Caller:
    arrives: float
    tier: str
    patience: float
    handle: float


def _callers(plan: DayPlan, rng: np.random.Generator) -> list[_Caller]:
    """Every caller of the day, drawn in one order so a seed fixes them all."""
    counts = rng.poisson(np.asarray(plan.calls, dtype=np.float64))
    starts = np.repeat(np.arange(len(counts)) * plan.interval_s, counts)
    arrives = np.sort(starts + rng.uniform(0, plan.interval_s, size=starts.size))
    is_vip = rng.random(arrives.size) < plan.vip_share
    patience = rng.exponential(plan.patience_s, size=arrives.size)
    handle = rng.exponential(plan.aht_s, size=arrives.size)
    return [
        _Caller(float(t), VIP if v else REGULAR, float(p), float(h))
        for t, v, p, h in zip(arrives, is_vip, patience, handle, strict=True)
    ]


class _Centre:
    """Agents as a priority resource; those off duty are held by blockers."""

    def __init__(self, env: simpy.Environment, plan: DayPlan, result: DayResult):
        self.env, self.plan, self.result = env, plan, result
        self.seats = max(max(plan.agents, default=0), 1)
        self.agents = simpy.PriorityResource(env, capacity=self.seats)
        self.blockers: list[Any] = []

    def roster(self) -> Generator[simpy.Event, Any, None]:
        for on_duty in self.plan.agents:
            self._set_off_duty(self.seats - on_duty)
            yield self.env.timeout(self.plan.interval_s)

    def _set_off_duty(self, wanted: int) -> None:
        while len(self.blockers) < wanted:
            self.blockers.append(self.agents.request(priority=_OFF_DUTY))
        while len(self.blockers) > wanted:
            # The newest blocker first: it may not have been granted yet.
            blocker = self.blockers.pop()
            if blocker.triggered:
                self.agents.release(blocker)
            else:
                blocker.cancel()

    def arrivals(self, callers: Sequence[_Caller]) -> Generator[simpy.Event, Any, None]:
        for caller in callers:
            yield self.env.timeout(caller.arrives - self.env.now)
            self.env.process(self.call(caller))

    def call(self, caller: _Caller) -> Generator[simpy.Event, Any, None]:
        with self.agents.request(priority=_PRIORITY[caller.tier]) as request:
            outcome = yield request | self.env.timeout(caller.patience)
            waited = self.env.now - caller.arrives
            answered = request in outcome
            for one in (self.result.tiers[caller.tier], self.result.total):
                one.add(
                    waited=waited, answered=answered, within=self.plan.answer_within_s
                )
            if answered:
                yield self.env.timeout(caller.handle)


def simulate_day(plan: DayPlan) -> DayResult:
    """Run one day (see the module notes) and count what happened per tier.

    Callers still waiting when the day's intervals end are served by the
    last interval's agents or give up, so every caller is counted once.
    """
    env = simpy.Environment()
    result = DayResult(tiers={VIP: TierResult(VIP), REGULAR: TierResult(REGULAR)})
    centre = _Centre(env, plan, result)
    callers = _callers(plan, np.random.default_rng(plan.seed))
    env.process(centre.roster())
    env.process(centre.arrivals(callers))
    env.run()
    return result

"""Weekly shift rosters that cover a staffing requirement, by CP-SAT.

Pure Python + OR-Tools; no Django. The model is the set-covering shift
scheduling problem (G. B. Dantzig, "A comment on Edie's 'Traffic delays at
toll booths'", JORSA 2(3), 1954, 339–341) with named agents, as in the
tour-scheduling literature (A. T. Ernst, H. Jiang, M. Krishnamoorthy,
D. Sier, "Staff scheduling and rostering: a review of applications, methods
and models", EJOR 153(1), 2004, 3–27). It is solved by OR-Tools' CP-SAT
(L. Perron, F. Didier, *CP-SAT*, Google OR-Tools, 2024).

Time is counted in minutes from the start of the week (Monday 00:00); the
requirement has one value per interval. A shift covers an interval when the
agent works all of it: shift options are expected to start, end and break on
interval boundaries (anything else covers less, never more). Choices:

- x[a, d, s] = 1 when agent a works shift s on day d; at most one a day; none
  on the agent's days off or unavailable days;
- each agent's paid minutes in the week are within its limit;
- two shifts of one agent leave at least ``min_rest_minutes`` between them;
- shortfall[i] ≥ required[i] − covered[i], ≥ 0;
- minimise Σ shortfall first and paid minutes second (one weighted objective
  whose weight makes one agent-interval of shortfall outweigh all paid time).

A shift running past the end of the week covers nothing beyond it; shifts of
the week before are not seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

__all__ = ["AgentSpec", "RosterSolution", "ShiftSpec", "solve_roster"]

DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class ShiftSpec:
    """A shift pattern: start (minutes after midnight), length and an unpaid
    break ``break_minutes`` long starting ``break_offset`` minutes in."""

    key: str
    start: int
    length: int
    break_offset: int | None = None
    break_minutes: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.start < DAY_MINUTES or not 0 < self.length <= DAY_MINUTES:
            raise ValueError(f"shift {self.key}: start or length out of range")
        if self.break_minutes and (
            self.break_offset is None
            or self.break_offset <= 0
            or self.break_offset + self.break_minutes >= self.length
        ):
            raise ValueError(f"shift {self.key}: the break must fall inside the shift")

    @property
    def paid_minutes(self) -> int:
        return self.length - self.break_minutes

    def working(self, day: int) -> list[tuple[int, int]]:
        """The (start, end) minutes of the week worked on ``day``, break excluded."""
        begin = day * DAY_MINUTES + self.start
        end = begin + self.length
        if not self.break_minutes or self.break_offset is None:
            return [(begin, end)]
        pause = begin + self.break_offset
        return [(begin, pause), (pause + self.break_minutes, end)]


@dataclass(frozen=True)
class AgentSpec:
    """An agent: the most paid minutes in the week, days (0 = Monday) not to
    work — days off and days already taken elsewhere alike — and single
    (day, shift key) choices ruled out, e.g. too close to a shift kept."""

    key: int
    max_paid_minutes: int
    days_off: frozenset[int] = frozenset()
    blocked: frozenset[tuple[int, str]] = frozenset()


@dataclass(frozen=True)
class RosterSolution:
    """``assignments`` are (agent key, day, shift key); ``covered`` the agents
    working in each interval; ``status`` CP-SAT's (OPTIMAL, FEASIBLE …)."""

    status: str
    assignments: list[tuple[int, int, str]]
    covered: list[int]
    shortfall: int
    paid_minutes: int


def coverage(
    assignments: Sequence[tuple[int, int, str]],
    shifts: Sequence[ShiftSpec],
    *,
    interval_minutes: int,
    intervals: int,
) -> list[int]:
    """How many assigned shifts work the whole of each interval."""
    by_key = {s.key: s for s in shifts}
    covered = [0] * intervals
    for _agent, day, key in assignments:
        for i in _covered_intervals(by_key[key], day, interval_minutes, intervals):
            covered[i] += 1
    return covered


def _covered_intervals(
    shift: ShiftSpec, day: int, interval_minutes: int, intervals: int
) -> list[int]:
    out: list[int] = []
    for begin, end in shift.working(day):
        first = -(-begin // interval_minutes)  # the first interval starting in it
        last = min(end // interval_minutes, intervals)
        out += range(max(first, 0), last)
    return out


@dataclass
class _Model:
    model: cp_model.CpModel
    x: dict[tuple[int, int, str], cp_model.IntVar]


def _build(
    required: Sequence[int],
    agents: Sequence[AgentSpec],
    shifts: Sequence[ShiftSpec],
    interval_minutes: int,
    min_rest_minutes: int,
) -> tuple[_Model, list[cp_model.IntVar]]:
    model = cp_model.CpModel()
    days = range(len(required) * interval_minutes // DAY_MINUTES or 1)
    x = {
        (a.key, d, s.key): model.new_bool_var(f"x_{a.key}_{d}_{s.key}")
        for a in agents
        for d in days
        if d not in a.days_off
        for s in shifts
        if (d, s.key) not in a.blocked
    }
    m = _Model(model, x)
    for agent in agents:
        _agent_rules(m, agent, shifts, days, min_rest_minutes)
    covers: list[list[cp_model.IntVar]] = [[] for _ in required]
    by_key = {s.key: s for s in shifts}
    for (_a, d, key), var in x.items():
        for i in _covered_intervals(by_key[key], d, interval_minutes, len(required)):
            covers[i].append(var)
    shortfall = []
    for i, need in enumerate(required):
        short = model.new_int_var(0, max(need, 0), f"short_{i}")
        model.add(short + sum(covers[i]) >= need)
        shortfall.append(short)
    return m, shortfall


def _agent_rules(
    m: _Model,
    agent: AgentSpec,
    shifts: Sequence[ShiftSpec],
    days: range,
    min_rest_minutes: int,
) -> None:
    mine = {(d, k): v for (a, d, k), v in m.x.items() if a == agent.key}
    for d in days:
        m.model.add_at_most_one(v for (day, _k), v in mine.items() if day == d)
    paid = {s.key: s.paid_minutes for s in shifts}
    m.model.add(
        sum(paid[k] * v for (_d, k), v in mine.items()) <= agent.max_paid_minutes
    )
    starts = {s.key: s.start for s in shifts}
    ends = {s.key: s.start + s.length for s in shifts}
    for (d1, k1), v1 in mine.items():
        for (d2, k2), v2 in mine.items():
            gap = (d2 - d1) * DAY_MINUTES + starts[k2] - ends[k1]
            if d1 < d2 and gap < min_rest_minutes:
                m.model.add_bool_or([v1.Not(), v2.Not()])


def solve_roster(
    required: Sequence[int],
    *,
    agents: Sequence[AgentSpec],
    shifts: Sequence[ShiftSpec],
    interval_minutes: int = 30,
    min_rest_minutes: int = 11 * 60,
    time_limit_s: float = 5.0,
    workers: int = 8,
) -> RosterSolution:
    """The roster that leaves the least shortfall, then pays the fewest
    minutes, found by CP-SAT within ``time_limit_s`` (see the module notes).

    ``required[i]`` agents are needed in interval i of the week. With the time
    up before optimality the best roster found is returned (status FEASIBLE).
    """
    if interval_minutes <= 0 or DAY_MINUTES % interval_minutes:
        raise ValueError("interval_minutes must divide a day")
    m, shortfall = _build(required, agents, shifts, interval_minutes, min_rest_minutes)
    paid = {s.key: s.paid_minutes for s in shifts}
    paid_total = sum(paid[k] * v for (_a, _d, k), v in m.x.items())
    weight = sum(a.max_paid_minutes for a in agents) + 1
    m.model.minimize(weight * sum(shortfall) + paid_total)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = workers
    status = solver.solve(m.model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return RosterSolution(name, [], [0] * len(required), sum(required), 0)
    chosen = sorted(key for key, v in m.x.items() if solver.boolean_value(v))
    covered = coverage(
        chosen, shifts, interval_minutes=interval_minutes, intervals=len(required)
    )
    return RosterSolution(
        status=name,
        assignments=chosen,
        covered=covered,
        shortfall=sum(max(r - c, 0) for r, c in zip(required, covered, strict=True)),
        paid_minutes=sum(paid[k] for _a, _d, k in chosen),
    )

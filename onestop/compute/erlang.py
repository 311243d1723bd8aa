"""Erlang B, Erlang C and Erlang A (Palm) queues, and staffing a call centre.

Pure Python + NumPy; no Django. Sources:

- A. K. Erlang, "Løsning af nogle Problemer fra Sandsynlighedsregningen af
  Betydning for de automatiske Telefoncentraler", Elektroteknikeren 13 (1917);
  English: "Solution of some problems in the theory of probabilities of
  significance in automatic telephone exchanges", P.O. Elec. Eng. J. 10
  (1917–18) 189–197 — the loss (B) and delay (C) formulas.
- R. B. Cooper, *Introduction to Queueing Theory*, 2nd ed., North Holland,
  1981 — the recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) and
  C = n·B / (n − A·(1 − B)), which avoid factorials and powers entirely.
- G. Koole, *Call Center Optimization*, MG books, 2013; N. Gans,
  G. Koole, A. Mandelbaum, "Telephone call centers: tutorial, review, and
  research prospects", MSOM 5(2), 2003 — service level
  1 − C·exp(−(n − A)·t / AHT) and ASA = C·AHT / (n − A) of M/M/n.
- C. Palm, "Research on telephone traffic carried by full availability
  groups", Tele 1957 (1) (English ed.); O. Garnett, A. Mandelbaum,
  M. Reiman, "Designing a call center with impatient customers", MSOM 4(3),
  2002, 208–227; A. Mandelbaum, S. Zeltyn, "Service engineering in action:
  the Palm/Erlang-A queue, with applications to call centers", in *Advances
  in Services Innovations*, Springer, 2007, 17–45 — the M/M/n+M queue.

Staffing decisions are exact. Agent counts are integers chosen by comparing
real numbers with a target, so a float that lands on the wrong side of an
integer or of the target gives a wrong count. Inputs are read as the
decimals they print as (0.3 is 3/10); the occupancy cap and the shrinkage
division are done in rationals; a service level within rounding distance of
its target is settled with exact rationals and a correctly rounded decimal
exponential. Reported service levels, waits and probabilities are floats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt

__all__ = [
    "ErlangA",
    "Staffing",
    "StaffingArrays",
    "average_speed_of_answer",
    "erlang_a",
    "erlang_b",
    "erlang_c",
    "required_agents",
    "required_agents_many",
    "service_level",
]

_F64 = npt.NDArray[np.float64]
_I64 = npt.NDArray[np.int64]
_Bool = npt.NDArray[np.bool_]
_Array = TypeVar("_Array", bound=npt.NDArray[np.generic])

# Relative size below which a term of the Erlang A distribution, and the
# geometric bound on everything beyond it, no longer changes a float sum.
_TAIL_EPS = 1e-17
# States the Erlang A walk may visit before giving up: far more than any
# staffable queue needs (the walk covers the mode ± ~9 standard deviations).
_MAX_STATES = 5_000_000
# A float service level this close to its target is settled exactly (_band).
_BAND_ABS, _BAND_REL = 1e-9, 1e-13
# Largest offered traffic accepted by the staffing functions, in erlangs.
_MAX_TRAFFIC = 1e6


# -- results ----------------------------------------------------------------


@dataclass(frozen=True)
class Staffing:
    """Agents for one interval (:func:`required_agents`).

    ``agents`` must be answering calls ("raw" agents); ``scheduled_agents``
    is that grossed up for shrinkage. ``service_level`` is the fraction of
    calls answered within the target time, ``asa_s`` the average speed of
    answer in seconds, ``occupancy`` A / agents and ``probability_of_waiting``
    Erlang C, all at ``agents``.
    """

    agents: int
    scheduled_agents: int
    service_level: float
    asa_s: float
    occupancy: float
    probability_of_waiting: float


@dataclass(frozen=True, eq=False)
class StaffingArrays:
    """:class:`Staffing` for many intervals at once (:func:`required_agents_many`).

    Each field is a read-only array of the broadcast shape of the inputs;
    element for element equal to :func:`required_agents`.
    """

    agents: _I64
    scheduled_agents: _I64
    service_level: _F64
    asa_s: _F64
    occupancy: _F64
    probability_of_waiting: _F64


@dataclass(frozen=True)
class ErlangA:
    """Steady state of the M/M/n+M queue (:func:`erlang_a`).

    ``p_wait`` is the probability that an arrival finds every agent busy,
    ``p_abandon`` the fraction of arrivals that hang up before service,
    ``mean_wait`` the mean time in queue over all arrivals (served or not) in
    the time unit of the rates, ``mean_queue_length`` the mean number waiting.
    """

    p_wait: float
    p_abandon: float
    mean_wait: float
    mean_queue_length: float


# -- validation ---------------------------------------------------------------


def _number(value: object, name: str) -> float:
    """A finite real number as a float, or ValueError."""
    if isinstance(value, bool) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
        raise ValueError(f"{name} must be a number, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return x


def _count(value: object, name: str) -> int:
    """A whole number ≥ 0 (servers, agents), or ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name} must be an int, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be at least 0, got {value}")
    return int(value)


def _at_least(value: object, name: str, low: float, *, strict: bool) -> float:
    x = _number(value, name)
    if x < low or (strict and x == low):
        bound = "greater than" if strict else "at least"
        raise ValueError(f"{name} must be {bound} {low:g}, got {value!r}")
    return x


@dataclass(frozen=True)
class _Problem:
    """The validated inputs of one staffing problem, as floats."""

    calls: float
    aht: float
    interval: float
    target: float
    within: float
    cap: float | None
    shrinkage: float

    @property
    def traffic(self) -> float:
        """A in erlangs. Every path computes it with these same float
        operations, so scalar and vectorised results agree bit for bit."""
        return self.calls * self.aht / self.interval

    @property
    def within_per_aht(self) -> float:
        return self.within / self.aht


def _load(calls: float, aht_s: float, interval_s: float) -> tuple[float, float, float]:
    """Validated (calls, aht, interval). The traffic is capped because every
    method here costs O(A) steps: a million erlangs is far past any queue."""
    c = _at_least(calls, "calls", 0, strict=False)
    aht = _at_least(aht_s, "aht_s", 0, strict=True)
    interval = _at_least(interval_s, "interval_s", 0, strict=True)
    if c * aht / interval > _MAX_TRAFFIC:
        raise ValueError(
            f"calls × aht_s / interval_s = {c * aht / interval:g} erlangs; "
            f"at most {_MAX_TRAFFIC:g} are supported"
        )
    return c, aht, interval


def _problem(
    calls: float,
    aht_s: float,
    interval_s: float,
    target_service_level: float,
    answer_within_s: float,
    max_occupancy: float | None,
    shrinkage: float,
) -> _Problem:
    c, aht, interval = _load(calls, aht_s, interval_s)
    target = _number(target_service_level, "target_service_level")
    if not 0 < target < 1:
        # 1 is out of reach: every agent count leaves C·e^(−r) > 0.
        raise ValueError(f"target_service_level must be in (0, 1), got {target!r}")
    cap = None
    if max_occupancy is not None:
        cap = _number(max_occupancy, "max_occupancy")
        if not 0 < cap <= 1:
            raise ValueError(f"max_occupancy must be in (0, 1], got {max_occupancy!r}")
    s = _number(shrinkage, "shrinkage")
    if not 0 <= s < 1:
        raise ValueError(f"shrinkage must be in [0, 1), got {shrinkage!r}")
    within = _at_least(answer_within_s, "answer_within_s", 0, strict=False)
    return _Problem(c, aht, interval, target, within, cap, s)


# -- Erlang B and C in floats -------------------------------------------------


def _b_step(n: int, a: float, b: float) -> float:
    """B(n) from B(n − 1) (Cooper 1981). Every term stays in [0, 1],
    so thousands of servers neither overflow nor lose precision."""
    ab = a * b
    return ab / (n + ab)


def _erlang_b_float(servers: int, a: float) -> float:
    b = 1.0
    for n in range(1, servers + 1):
        b = _b_step(n, a, b)
    return b


def _c_from_b(n: int, a: float, b: float) -> float:
    """Erlang C from Erlang B: C = n·B / (n − A·(1 − B)) (Cooper 1981);
    1 when A ≥ n, where the queue never empties."""
    if a >= n:
        return 1.0
    return n * b / (n - a * (1 - b))


def _sl_from_c(n: int, a: float, c: float, w: float) -> float:
    """1 − C·exp(−(n − A)·t / AHT) with ``w`` = t / AHT (Koole 2013);
    0 when A ≥ n. NumPy's exp, so the vectorised path rounds identically."""
    if a >= n:
        return 0.0
    return 1.0 - c * float(np.exp(-((n - a) * w)))


def _asa_from_c(n: int, a: float, c: float, aht: float) -> float:
    """C·AHT / (n − A) seconds (Koole 2013); inf when A ≥ n."""
    if a >= n:
        return math.inf
    return c * aht / (n - a)


def erlang_b(servers: int, traffic: float) -> float:
    """Blocking probability of M/M/n/n with ``traffic`` A erlangs offered to
    ``servers`` n (Erlang 1917), by the recursion B(0) = 1,
    B(n) = A·B(n−1) / (n + A·B(n−1)) (Cooper 1981): stable for any n.
    """
    n = _count(servers, "servers")
    a = _at_least(traffic, "traffic", 0, strict=False)
    return _erlang_b_float(n, a)


def erlang_c(servers: int, traffic: float) -> float:
    """Probability of waiting in M/M/n (Erlang 1917), from Erlang B:
    C = n·B / (n − A·(1 − B)) (Cooper 1981); 1 when A ≥ n.
    """
    n = _count(servers, "servers")
    a = _at_least(traffic, "traffic", 0, strict=False)
    return _c_from_b(n, a, _erlang_b_float(n, a))


def service_level(
    agents: int,
    calls: float,
    aht_s: float,
    interval_s: float,
    answer_within_s: float,
) -> float:
    """Fraction of calls answered within ``answer_within_s`` seconds in M/M/n:
    1 − C·exp(−(n − A)·t / AHT), A = calls·AHT / interval (Erlang 1917;
    Koole 2013). 0 when A ≥ n; 1 with no calls (nobody waits).
    """
    n = _count(agents, "agents")
    c, aht, interval = _load(calls, aht_s, interval_s)
    w = _at_least(answer_within_s, "answer_within_s", 0, strict=False) / aht
    if c == 0:
        return 1.0
    a = c * aht / interval
    return _sl_from_c(n, a, _c_from_b(n, a, _erlang_b_float(n, a)), w)


def average_speed_of_answer(
    agents: int, calls: float, aht_s: float, interval_s: float
) -> float:
    """Mean wait in seconds over all calls in M/M/n: C·AHT / (n − A)
    (Koole 2013). inf when A ≥ n; 0 with no calls.
    """
    n = _count(agents, "agents")
    c, aht, interval = _load(calls, aht_s, interval_s)
    if c == 0:
        return 0.0
    a = c * aht / interval
    return _asa_from_c(n, a, _c_from_b(n, a, _erlang_b_float(n, a)), aht)


# -- exact arithmetic for the decisions ---------------------------------------


@lru_cache(maxsize=4096)
def _exact(x: float) -> Fraction:
    """The decimal a float prints as: repr is the shortest string that reads
    back to the same float, i.e. what was typed. 0.3 → 3/10, not the binary
    5404319552844595/18014398509481984, so 21 agents / (1 − 0.3) is 30."""
    if x.is_integer():
        return Fraction(int(x))
    return Fraction(repr(x))


def _exact_traffic(calls: float, aht: float, interval: float) -> Fraction:
    return _exact(calls) * _exact(aht) / _exact(interval)


def _first_candidate(
    calls: float, aht: float, interval: float, cap: float | None
) -> int:
    """The fewest agents worth testing, exactly: more than A (below that the
    queue never empties and the service level is 0), and at least A / cap so
    that occupancy A / n ≤ cap — equality allowed."""
    a = _exact_traffic(calls, aht, interval)
    n = math.floor(a) + 1
    if cap is not None:
        n = max(n, math.ceil(a / _exact(cap)))
    return n


def _scheduled_exact(agents: int, shrinkage: float) -> int:
    """ceil(agents / (1 − shrinkage)) in rationals: 21 / 0.7 is 30 exactly,
    while the float quotient is 30.000000000000004 and would round up to 31."""
    if shrinkage == 0:
        return agents
    return math.ceil(agents / (1 - _exact(shrinkage)))


def _erlang_c_exact(n: int, a: Fraction) -> Fraction:
    """C(n, A) as an exact rational, for n > A > 0.

    With A = p/q, X_k = p^k / B(k) is an integer: X_0 = 1 and
    X_k = p^k + k·q·X_{k−1} (the Erlang B recursion multiplied through), so
    no gcd is taken until the end. Then B = p^n / X_n and
    C = n·B / (n − A(1 − B)) = n·p^n·q / (n·q·X_n − p·(X_n − p^n)).
    """
    p, q = a.numerator, a.denominator
    x = pk = 1
    for k in range(1, n + 1):
        pk *= p
        x = pk + k * q * x
    return Fraction(n * pk * q, n * q * x - p * (x - pk))


def _to_decimal(f: Fraction) -> Decimal:
    """Rounded to the current context's precision (one rounding)."""
    return Decimal(f.numerator) / Decimal(f.denominator)


def _waits_at_most(c: Fraction, r: Fraction, slack: Fraction) -> bool:
    """Whether C·exp(−r) ≤ slack, for C in (0, 1], r > 0, slack > 0.

    exp(−r) is transcendental for rational r ≠ 0 (Lindemann 1882), so the two
    sides are never equal and enough decimal digits always decide. At
    precision p each of the five roundings errs by at most 10^(1−p)
    relative, and the one in r is multiplied by r inside exp.
    """
    # C ≤ 1: once exp(−r) alone is below slack, no digits are needed.
    if float(r) > 1 - math.log(float(slack)):
        return True
    prec = 40
    while prec <= 20_000:
        with localcontext() as ctx:
            ctx.prec = prec
            lhs = _to_decimal(c) * (-_to_decimal(r)).exp()
            rhs = _to_decimal(slack)
            margin = 2 * (Decimal(float(r)) + 8) * Decimal(10) ** (1 - prec)
            if abs(lhs - rhs) > margin * max(lhs, rhs):
                return lhs < rhs
        prec *= 2
    raise ArithmeticError("service level not decided at 20,000 digits")  # unreachable


def _meets_exactly(n: int, p: _Problem) -> bool:
    """Whether n agents reach the target service level, in exact arithmetic:
    1 − C·e^(−r) ≥ target ⇔ C·e^(−r) ≤ 1 − target, r = (n − A)·t / AHT."""
    a = _exact_traffic(p.calls, p.aht, p.interval)
    if a >= n:
        return False  # service level 0 < target
    c = _erlang_c_exact(n, a)
    slack = 1 - _exact(p.target)
    r = (n - a) * _exact(p.within) / _exact(p.aht)
    if r == 0:  # no answer time: 1 − C against the target, both rational
        return c <= slack
    return _waits_at_most(c, r, slack)


def _band(n: int, w: float) -> float:
    """How far a float service level may be from the exact one, generously.

    The stable Erlang B recursion errs by O(n·ε) relative; r = (n − A)·t/AHT
    by O((A + r)·ε) absolute, i.e. O(n·t/AHT·ε), which exp turns into
    relative error of C·e^(−r) ≤ 1. ε ≈ 2.2e-16, so 1e-13·n·(1 + t/AHT) is
    hundreds of times the worst case; 1e-9 covers the fixed costs.
    """
    return _BAND_ABS + _BAND_REL * n * (1 + w)


def _meets(sl: float, n: int, w: float, p: _Problem) -> bool:
    """Whether n agents meet the target given the float service level ``sl``:
    the float decides unless it is too close to call (:func:`_band`)."""
    if abs(sl - p.target) > _band(n, w):
        return sl >= p.target
    return _meets_exactly(n, p)


# -- staffing, one interval ------------------------------------------------------


def required_agents(
    calls: float,
    aht_s: float,
    interval_s: float,
    target_service_level: float,
    answer_within_s: float,
    max_occupancy: float | None = None,
    shrinkage: float = 0.0,
) -> Staffing:
    """The fewest agents n whose M/M/n service level (Erlang 1917; Koole 2013)
    reaches ``target_service_level`` within ``answer_within_s``, and
    whose occupancy A / n is at most ``max_occupancy`` (equality allowed);
    ``scheduled_agents`` = ceil(n / (1 − shrinkage)).

    ``calls`` arrive in ``interval_s`` seconds, each taking ``aht_s`` seconds
    on average. Both boundaries are decided exactly (see the module notes).
    Zero calls need zero agents (service level 1, occupancy 0).
    """
    p = _problem(
        calls,
        aht_s,
        interval_s,
        target_service_level,
        answer_within_s,
        max_occupancy,
        shrinkage,
    )
    if p.calls == 0:
        return Staffing(0, 0, 1.0, 0.0, 0.0, 0.0)
    a, w = p.traffic, p.within_per_aht
    n = _first_candidate(p.calls, p.aht, p.interval, p.cap)
    b = _erlang_b_float(n, a)
    while True:
        # The service level rises with n, so the first n that meets it is the least.
        c = _c_from_b(n, a, b)
        sl = _sl_from_c(n, a, c, w)
        if _meets(sl, n, w, p):
            break
        n += 1
        b = _b_step(n, a, b)
    return Staffing(
        agents=n,
        scheduled_agents=_scheduled_exact(n, p.shrinkage),
        service_level=sl,
        asa_s=_asa_from_c(n, a, c, p.aht),
        occupancy=a / n,
        probability_of_waiting=c,
    )


# -- staffing, many intervals ----------------------------------------------------


def _as_float_array(value: npt.ArrayLike, name: str) -> _F64:
    arr = np.asarray(value)
    if arr.dtype.kind not in "iuf":  # bool, object, strings: refused
        raise ValueError(f"{name} must be numbers, got dtype {arr.dtype}")
    out = arr.astype(np.float64)
    if not np.isfinite(out).all():
        i = int(np.flatnonzero(~np.isfinite(out.ravel()))[0])
        raise ValueError(f"{name} must be finite, got {out.ravel()[i]} at index {i}")
    return out


def _check_range(arr: _F64, name: str, ok: _Bool, rule: str) -> None:
    """ValueError naming the first element that breaks ``rule``."""
    if not ok.all():
        i = int(np.flatnonzero(~ok.ravel())[0])
        raise ValueError(
            f"{name} must be {rule}, got {float(arr.ravel()[i])!r} at index {i}"
        )


def _near_integer(x: _F64) -> _Bool:
    """Floats so close to an integer that rounding may have crossed it. Our
    quotients carry a few ulps (~1e-15) of error; 1e-9 is far beyond that."""
    return np.abs(x - np.rint(x)) <= 1e-9 * np.maximum(1.0, np.abs(x))


def _first_candidates(
    calls: _F64, aht: _F64, interval: _F64, cap: _F64 | None, a: _F64
) -> _I64:
    """:func:`_first_candidate` for arrays: floats where they are safely away
    from an integer, exact rationals where they are not."""
    n = np.floor(a) + 1
    suspect = _near_integer(a)
    if cap is not None:
        by_cap = a / cap
        n = np.maximum(n, np.ceil(by_cap))
        suspect |= _near_integer(by_cap)
    out = n.astype(np.int64)
    for i in np.flatnonzero(suspect).tolist():
        c = None if cap is None else float(cap[i])
        out[i] = _first_candidate(float(calls[i]), float(aht[i]), float(interval[i]), c)
    return out


def _scheduled_many(agents: _I64, shrinkage: _F64) -> _I64:
    """:func:`_scheduled_exact` for arrays, in integers: with 1 − shrinkage =
    u/v exactly, ceil(n·v / u) = (n·v + u − 1) // u. A batch has few distinct
    shrinkages, so each is turned into a rational once."""
    values, which = np.unique(shrinkage, return_inverse=True)
    ratios = [1 - _exact(float(x)) for x in values.tolist()]
    v_max = max((r.denominator for r in ratios), default=1)
    if int(agents.max(initial=0)) * v_max >= 2**62:  # int64 would overflow
        return np.array(
            [
                _scheduled_exact(int(n), float(x))
                for n, x in zip(agents, shrinkage, strict=True)
            ],
            dtype=np.int64,
        )
    u = np.array([r.numerator for r in ratios], dtype=np.int64)[which]
    v = np.array([r.denominator for r in ratios], dtype=np.int64)[which]
    return (agents * v + u - 1) // u


def _erlang_b_at(n: _I64, a: _F64) -> _F64:
    """B(n_i, A_i) for every i by one pass of the recursion over k = 1..max n.

    Sorted by n descending, the problems still climbing at step k are a
    prefix; each step updates only that prefix in place, so the cost is
    Σ n_i element operations plus three NumPy calls per step. The same
    float operations as :func:`_b_step`, hence bit-identical results.
    """
    order = np.argsort(-n, kind="stable")
    a_s, n_s = a[order], n[order]
    b, ab, den = np.ones_like(a_s), np.empty_like(a_s), np.empty_like(a_s)
    top = int(n_s[0]) if n_s.size else 0
    # live[k − 1]: how many problems need step k (those with n ≥ k).
    live = np.searchsorted(-n_s, -np.arange(1, top + 1), side="right")
    for k, m in enumerate(live.tolist(), start=1):
        x, d, bm = ab[:m], den[:m], b[:m]
        np.multiply(a_s[:m], bm, out=x)
        np.add(x, k, out=d)
        np.divide(x, d, out=bm)
    out = np.empty_like(b)
    out[order] = b
    return out


@dataclass(frozen=True)
class _Batch:
    """Flattened, broadcast, validated inputs of :func:`required_agents_many`."""

    shape: tuple[int, ...]
    calls: _F64
    aht: _F64
    interval: _F64
    target: _F64
    within: _F64
    cap: _F64 | None
    shrinkage: _F64

    def problem(self, i: int) -> _Problem:
        return _Problem(
            float(self.calls[i]),
            float(self.aht[i]),
            float(self.interval[i]),
            float(self.target[i]),
            float(self.within[i]),
            None if self.cap is None else float(self.cap[i]),
            float(self.shrinkage[i]),
        )


def _batch(
    calls: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    target_service_level: npt.ArrayLike,
    answer_within_s: npt.ArrayLike,
    max_occupancy: npt.ArrayLike | None,
    shrinkage: npt.ArrayLike,
) -> _Batch:
    names = ["calls", "aht_s", "interval_s", "target_service_level", "answer_within_s"]
    values = [calls, aht_s, interval_s, target_service_level, answer_within_s]
    if max_occupancy is not None:
        names.append("max_occupancy")
        values.append(max_occupancy)
    names.append("shrinkage")
    values.append(shrinkage)
    arrays = [_as_float_array(v, k) for k, v in zip(names, values, strict=True)]
    try:
        shape = np.broadcast_shapes(*(x.shape for x in arrays))
    except ValueError as exc:
        raise ValueError(f"the inputs do not broadcast together: {exc}") from None
    flat = {
        k: np.broadcast_to(x, shape).ravel() for k, x in zip(names, arrays, strict=True)
    }
    calls_, aht, interval = flat["calls"], flat["aht_s"], flat["interval_s"]
    _check_range(calls_, "calls", calls_ >= 0, "at least 0")
    _check_range(aht, "aht_s", aht > 0, "greater than 0")
    _check_range(interval, "interval_s", interval > 0, "greater than 0")
    traffic = calls_ * aht / interval
    limit = f"at most {_MAX_TRAFFIC:g} erlangs"
    _check_range(traffic, "calls × aht_s / interval_s", traffic <= _MAX_TRAFFIC, limit)
    target = flat["target_service_level"]
    _check_range(
        target, "target_service_level", (target > 0) & (target < 1), "in (0, 1)"
    )
    if max_occupancy is not None:
        cap = flat["max_occupancy"]
        _check_range(cap, "max_occupancy", (cap > 0) & (cap <= 1), "in (0, 1]")
    s = flat["shrinkage"]
    _check_range(s, "shrinkage", (s >= 0) & (s < 1), "in [0, 1)")
    within = flat["answer_within_s"]
    _check_range(within, "answer_within_s", within >= 0, "at least 0")
    return _Batch(
        shape=shape,
        calls=flat["calls"],
        aht=flat["aht_s"],
        interval=flat["interval_s"],
        target=flat["target_service_level"],
        within=flat["answer_within_s"],
        cap=flat.get("max_occupancy"),
        shrinkage=flat["shrinkage"],
    )


def _search_up(batch: _Batch, idx: _I64, a: _F64, w: _F64) -> tuple[_I64, _F64, _F64]:
    """From each problem's first candidate, add agents until the service level
    is met: the loop of :func:`required_agents` for all problems at once,
    dropping those met. Same float operations, same decisions. Returns the
    agents, Erlang C and the service level of each problem."""
    cap = None if batch.cap is None else batch.cap[idx]
    n = _first_candidates(batch.calls[idx], batch.aht[idx], batch.interval[idx], cap, a)
    b = _erlang_b_at(n, a)
    c_out, sl_out = np.empty_like(a), np.empty_like(a)
    target = batch.target[idx]
    todo = np.arange(n.size)
    while todo.size:
        nt, at, bt, wt, tt = n[todo], a[todo], b[todo], w[todo], target[todo]
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(at >= nt, 1.0, nt * bt / (nt - at * (1 - bt)))
            sl = np.where(at >= nt, 0.0, 1.0 - c * np.exp(-((nt - at) * wt)))
        ok = sl >= tt
        # The float decides unless it is too close to call (_band), as in _meets.
        for j in np.flatnonzero(
            np.abs(sl - tt) <= _BAND_ABS + _BAND_REL * nt * (1 + wt)
        ).tolist():
            ok[j] = _meets_exactly(int(nt[j]), batch.problem(int(idx[todo[j]])))
        done = todo[ok]
        c_out[done], sl_out[done] = c[ok], sl[ok]
        todo = todo[~ok]
        n[todo] += 1
        ab = a[todo] * b[todo]
        b[todo] = ab / (n[todo] + ab)
    return n, c_out, sl_out


def _frozen(x: _Array, shape: tuple[int, ...]) -> _Array:
    """Read-only, in the input's shape: the result is frozen like a dataclass."""
    x.shape = shape  # x is ours and contiguous: reshape in place
    x.flags.writeable = False
    return x


def required_agents_many(
    calls: npt.ArrayLike,
    aht_s: npt.ArrayLike,
    interval_s: npt.ArrayLike,
    target_service_level: npt.ArrayLike,
    answer_within_s: npt.ArrayLike,
    max_occupancy: npt.ArrayLike | None = None,
    shrinkage: npt.ArrayLike = 0.0,
) -> StaffingArrays:
    """:func:`required_agents` for many intervals at once (Erlang 1917;
    Cooper 1981; Koole 2013), element for element identical.

    ``calls`` and ``aht_s`` are arrays (e.g. intervals × queues); every
    argument broadcasts against the others. The Erlang B recursion runs for
    all problems together, each dropping out at its own first candidate
    (:func:`_erlang_b_at`); then the upward search runs on the whole batch,
    dropping problems as they are met. Boundaries are exact as in the scalar
    function, checked in rationals only where a float is too close to call.
    """
    batch = _batch(
        calls,
        aht_s,
        interval_s,
        target_service_level,
        answer_within_s,
        max_occupancy,
        shrinkage,
    )
    size = batch.calls.size
    agents = np.zeros(size, dtype=np.int64)
    sl, asa = np.ones(size), np.zeros(size)
    occupancy, p_wait = np.zeros(size), np.zeros(size)
    idx = np.flatnonzero(batch.calls != 0)  # zero calls: zero agents, as preset
    a = batch.calls[idx] * batch.aht[idx] / batch.interval[idx]
    n, c, level = _search_up(batch, idx, a, batch.within[idx] / batch.aht[idx])
    agents[idx], sl[idx], p_wait[idx] = n, level, c
    with np.errstate(divide="ignore"):
        asa[idx] = np.where(a >= n, np.inf, c * batch.aht[idx] / (n - a))
    occupancy[idx] = a / n
    scheduled = _scheduled_many(agents, batch.shrinkage)
    shape = batch.shape
    return StaffingArrays(
        agents=_frozen(agents, shape),
        scheduled_agents=_frozen(scheduled, shape),
        service_level=_frozen(sl, shape),
        asa_s=_frozen(asa, shape),
        occupancy=_frozen(occupancy, shape),
        probability_of_waiting=_frozen(p_wait, shape),
    )


# -- Erlang A (Palm) -----------------------------------------------------------------


@dataclass(frozen=True)
class _Chain:
    """The M/M/n+M birth–death chain: births λ, deaths min(k, n)·μ + (k − n)⁺·θ."""

    n: int
    lam: float
    mu: float
    theta: float

    def death(self, k: int) -> float:
        return min(k, self.n) * self.mu + max(k - self.n, 0) * self.theta

    def mode(self) -> int:
        """The most likely state, about: the last k with death(k) ≤ λ. Only a
        starting point — the walks stay correct if it is off by one."""
        if self.lam <= self.n * self.mu:
            return min(math.floor(self.lam / self.mu), self.n)
        return self.n + math.floor((self.lam - self.n * self.mu) / self.theta)


@dataclass
class _Sums:
    """Unnormalised sums over the states visited, the mode's term being 1."""

    total: float = 0.0
    waiting: float = 0.0  # Σ π_k over k ≥ n: an arrival must wait
    queue: float = 0.0  # Σ (k − n)·π_k over k > n

    def add(self, chain: _Chain, k: int, term: float) -> None:
        self.total += term
        if k >= chain.n:
            self.waiting += term
            self.queue += (k - chain.n) * term


def _tail_small(sums: _Sums, tail: float, tail_queue: float) -> bool:
    """Whether what is left out no longer changes the sums: below _TAIL_EPS of
    the probability mass, and of mass + queue for the queue-length sum."""
    return tail <= _TAIL_EPS * sums.total and tail_queue <= _TAIL_EPS * (
        sums.total + sums.queue
    )


def _too_many_states(chain: _Chain) -> ValueError:
    return ValueError(
        f"Erlang A needs more than {_MAX_STATES:,} states here (abandonment rate "
        f"{chain.theta!r} too small for the load); refusing to truncate"
    )


def _add_erlang_c_tail(chain: _Chain, k: int, term: float, sums: _Sums) -> None:
    """With θ = 0 every ratio beyond n is ρ = λ/(nμ) < 1, so the rest of the
    queue sums in closed form: Σᵢ term·ρⁱ = term·ρ/(1−ρ), and its queue-length
    weights (k − n + i) add term·((k − n)·ρ/(1−ρ) + ρ/(1−ρ)²) — Erlang C exactly,
    however close ρ is to 1."""
    rho = chain.lam / (chain.n * chain.mu)
    tail = term * rho / (1 - rho)
    sums.total += tail
    sums.waiting += tail
    sums.queue += tail * (k - chain.n) + term * rho / (1 - rho) ** 2


def _walk_up(chain: _Chain, start: int, sums: _Sums, budget: int) -> int:
    """Add the terms above the mode, π_{k+1} = π_k·λ / death(k+1), whose
    ratios r fall as k grows; stop once the geometric bound on the rest is
    small (:func:`_tail_small`). Beyond state k the queue-length weights are
    at most (k − n)⁺ + i, so their tail is ≤ term·((k − n)⁺·r/(1−r) + r/(1−r)²).
    Returns the number of states visited."""
    k, term = start, 1.0
    for visited in range(1, budget + 1):
        term *= chain.lam / chain.death(k + 1)
        k += 1
        sums.add(chain, k, term)
        if chain.theta == 0 and k >= chain.n:
            _add_erlang_c_tail(chain, k, term, sums)
            return visited
        r = chain.lam / chain.death(k + 1)
        if r < 1:
            tail = term * r / (1 - r)
            tail_queue = tail * max(k - chain.n, 0) + term * r / (1 - r) ** 2
            if _tail_small(sums, tail, tail_queue):
                return visited
    raise _too_many_states(chain)


def _walk_down(chain: _Chain, start: int, sums: _Sums, budget: int) -> None:
    """Add the terms below the mode, π_{k−1} = π_k·death(k) / λ, whose ratios
    fall as k falls; stop at state 0 or as in :func:`_walk_up` (weights below
    k are at most (k − n)⁺)."""
    k, term = start, 1.0
    for _ in range(budget):
        if k == 0:
            return
        term *= chain.death(k) / chain.lam
        k -= 1
        sums.add(chain, k, term)
        r = chain.death(k) / chain.lam
        if r < 1:
            tail = term * r / (1 - r)
            if _tail_small(sums, tail, tail * max(k - chain.n, 0)):
                return
    raise _too_many_states(chain)


def erlang_a(
    agents: int,
    arrival_rate: float,
    service_rate: float,
    abandonment_rate: float,
) -> ErlangA:
    """The exact steady state of M/M/n+M (Palm 1957; Garnett, Mandelbaum &
    Reiman 2002; Mandelbaum & Zeltyn 2007): Poisson arrivals at rate λ,
    exponential service at rate μ per agent, exponential patience at rate θ.

    The number in system is a birth–death chain with births λ and deaths
    min(k, n)·μ + (k − n)⁺·θ. Its stationary distribution is summed outward
    from the mode, each term relative to the mode's (so nothing overflows,
    whatever n), until a geometric bound on the rest is below 1e-17 of the
    sum. p_wait = P(N ≥ n) (arrivals see time averages); E[Lq] = Σ (k−n)·π_k;
    mean_wait = E[Lq] / λ (Little); p_abandon = θ·E[Lq] / λ (each waiting
    caller leaves at rate θ). Defined for λ ≥ n·μ when θ > 0; with θ = 0 it
    is Erlang C and needs λ < n·μ. Rates share one time unit, which is also
    the unit of ``mean_wait``.
    """
    n = _count(agents, "agents")
    lam = _at_least(arrival_rate, "arrival_rate", 0, strict=True)
    mu = _at_least(service_rate, "service_rate", 0, strict=True)
    theta = _at_least(abandonment_rate, "abandonment_rate", 0, strict=False)
    if theta == 0 and lam >= n * mu:
        raise ValueError(
            f"with no abandonment the queue grows without bound: arrival_rate {lam!r} "
            f"≥ agents × service_rate = {n * mu!r}"
        )
    chain = _Chain(n, lam, mu, theta)
    mode = chain.mode()
    sums = _Sums()
    sums.add(chain, mode, 1.0)
    used = _walk_up(chain, mode, sums, _MAX_STATES)
    _walk_down(chain, mode, sums, _MAX_STATES - used)
    lq = sums.queue / sums.total
    return ErlangA(
        p_wait=sums.waiting / sums.total,
        p_abandon=theta * lq / lam,
        mean_wait=lq / lam,
        mean_queue_length=lq,
    )

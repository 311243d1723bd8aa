"""Staffing one interval by Erlang C (:func:`required_agents`), every
decision exact. Pure Python + NumPy; no Django.

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

from onestop.compute.erlang._checks import _Problem, _problem
from onestop.compute.erlang.formulas import (
    _asa_from_c,
    _b_step,
    _c_from_b,
    _erlang_b_float,
    _sl_from_c,
)

# A float service level this close to its target is settled exactly (_band).
_BAND_ABS, _BAND_REL = 1e-9, 1e-13


# -- result ---------------------------------------------------------------


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

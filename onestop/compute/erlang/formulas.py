"""Erlang B and Erlang C, and the service level and average speed of answer
of M/M/n, in floats (Erlang 1917; Cooper 1981; Koole 2013).

The recursion B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)) and
C = n·B / (n − A·(1 − B)) (Cooper 1981) avoid factorials and powers entirely.
The float helpers here are also the steps of the staffing search
(:mod:`.staffing`), so every path rounds identically. Pure Python + NumPy;
no Django.
"""

from __future__ import annotations

import math

import numpy as np

from onestop.compute.erlang._checks import _at_least, _count, _load

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

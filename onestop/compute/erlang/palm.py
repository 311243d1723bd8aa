"""Erlang A (Palm): the exact steady state of the M/M/n+M queue, whose
callers hang up after an exponential patience (Palm 1957; Garnett,
Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn 2007 — cited in full in the
package docstring). No Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from onestop.compute.erlang._checks import _at_least, _count

# Relative size below which a term of the Erlang A distribution, and the
# geometric bound on everything beyond it, no longer changes a float sum.
_TAIL_EPS = 1e-17
# States the Erlang A walk may visit before giving up: far more than any
# staffable queue needs (the walk covers the mode ± ~9 standard deviations).
_MAX_STATES = 5_000_000


# -- result ---------------------------------------------------------------


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

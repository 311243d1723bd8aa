"""Benchmark: Erlang C staffing for 96 intervals × 50 queues at once.

Run from the repository root: ``.venv/bin/python bench/erlang.py``
(the peer needs ``pip install -e '.[bench]'``, which brings pyworkforce).

What it measures, on the same 4,800 problems (fixed seed: calls 10–2,000
per 30-minute interval and AHT 120–600 s, both whole numbers; 80 % answered
within 20 s, occupancy at most 0.85, shrinkage 0.3):

1. ``onestop.compute.erlang.required_agents_many`` on the whole 96 × 50
   batch; best of 3 runs.
2. The peer: a loop over ``pyworkforce.queuing.ErlangC(...)
   .required_positions(...)``, one problem at a time (its times are in
   minutes: aht = AHT/60, asa = 20/60, interval = 30); best of 3 runs. If
   pyworkforce is not installed, a plain-Python loop of the textbook Erlang C
   formula stands in, and the output says so.

Then every problem where the two disagree on raw agents or on scheduled
agents is settled by exact arithmetic written here, independently of both:
A = calls·AHT / 1800 and the occupancy cap as fractions, Erlang C by the
recursion in fractions, exp(−r) as a 60-digit decimal with its error bound
(more digits if that is too close to call). The right raw count is the
least n that meets both constraints, so an answer is right when n meets
them and n − 1 does not; the right scheduled count is ceil(raw / 0.7) of
the right raw count. A random sample of problems where both agree is
checked the same way.

How to read it: "ratio" is peer time / onestop time (goal ≥ 20×); the
disagreement lines must show no count where onestop is wrong. Times vary
with the machine and its load.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from onestop.compute.erlang import required_agents_many

SEED = 20251129
INTERVALS, QUEUES = 96, 50
INTERVAL_S = 1800
TARGET, WITHIN_S, CAP, SHRINKAGE = 0.8, 20, 0.85, 0.3
SPOT_CHECKS = 100


def problems() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    calls = rng.integers(10, 2001, size=(INTERVALS, QUEUES))
    aht = rng.integers(120, 601, size=(INTERVALS, QUEUES))
    return calls, aht


def best_of_3(fn: Callable[[], Any]) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(3):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


# -- the peer ----------------------------------------------------------------------


def pyworkforce_loop(
    calls: np.ndarray, aht: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    from pyworkforce.queuing import ErlangC

    raw, scheduled = np.empty(calls.size, np.int64), np.empty(calls.size, np.int64)
    for i, (c, h) in enumerate(
        zip(calls.ravel().tolist(), aht.ravel().tolist(), strict=True)
    ):
        erlang = ErlangC(
            transactions=c,
            aht=h / 60,
            asa=WITHIN_S / 60,
            interval=30,
            shrinkage=SHRINKAGE,
        )
        out = erlang.required_positions(service_level=TARGET, max_occupancy=CAP)
        raw[i], scheduled[i] = out["raw_positions"], out["positions"]
    return raw.reshape(calls.shape), scheduled.reshape(calls.shape)


def textbook_loop(calls: np.ndarray, aht: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The fallback peer: Erlang C as spreadsheets do it, in floats."""
    raw, scheduled = np.empty(calls.size, np.int64), np.empty(calls.size, np.int64)
    for i, (c, h) in enumerate(
        zip(calls.ravel().tolist(), aht.ravel().tolist(), strict=True)
    ):
        a = c * h / INTERVAL_S
        n = max(math.floor(a) + 1, math.ceil(a / CAP))
        while True:
            b = 1.0
            for k in range(1, n + 1):
                b = a * b / (k + a * b)
            pw = n * b / (n - a * (1 - b))
            if 1 - pw * math.exp(-(n - a) * WITHIN_S / h) >= TARGET:
                break
            n += 1
        raw[i], scheduled[i] = n, math.ceil(n / (1 - SHRINKAGE))
    return raw.reshape(calls.shape), scheduled.reshape(calls.shape)


# -- the exact arbiter -----------------------------------------------------------------


def exact_erlang_c(n: int, a: Fraction) -> Fraction:
    b = Fraction(1)
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return n * b / (n - a * (1 - b))


def meets_service_level(c: Fraction, r: Fraction, slack: Fraction) -> bool:
    """C·exp(−r) ≤ slack, by decimals with a bound on their rounding error."""
    digits = 60
    while True:
        with localcontext() as ctx:
            ctx.prec = digits
            e = (-Decimal(r.numerator) / Decimal(r.denominator)).exp()
            lhs = Decimal(c.numerator) / Decimal(c.denominator) * e
            rhs = Decimal(slack.numerator) / Decimal(slack.denominator)
            err = (
                (abs(lhs) + abs(rhs))
                * (Decimal(float(r)) + 10)
                * Decimal(10) ** (2 - digits)
            )
            if abs(lhs - rhs) > err:
                return lhs < rhs
        digits *= 2


def feasible(n: int, calls: int, aht: int) -> bool:
    a = Fraction(calls * aht, INTERVAL_S)
    if n <= a or a > Fraction(str(CAP)) * n:
        return False
    r = (n - a) * WITHIN_S / aht
    return meets_service_level(exact_erlang_c(n, a), r, 1 - Fraction(str(TARGET)))


def right_raw(n: int, calls: int, aht: int) -> bool:
    return feasible(n, calls, aht) and not feasible(n - 1, calls, aht)


def right_scheduled(raw: int) -> int:
    return math.ceil(raw / (1 - Fraction(str(SHRINKAGE))))


def settle(
    calls: np.ndarray,
    aht: np.ndarray,
    ours: tuple[np.ndarray, np.ndarray],
    theirs: tuple[np.ndarray, np.ndarray],
    peer: str,
) -> bool:
    """Print who is right where the two disagree; True if onestop always is."""
    c, h = calls.ravel().tolist(), aht.ravel().tolist()
    o_raw, o_sch = ours[0].ravel().tolist(), ours[1].ravel().tolist()
    t_raw, t_sch = theirs[0].ravel().tolist(), theirs[1].ravel().tolist()
    raw_diff = [i for i in range(len(c)) if o_raw[i] != t_raw[i]]
    sch_diff = [i for i in range(len(c)) if o_sch[i] != t_sch[i]]
    truth: dict[int, int | None] = {}  # the right raw count, None if neither has it
    raw_votes, sch_votes = [0, 0, 0], [0, 0, 0]  # onestop right, peer right, neither
    for i in raw_diff:
        o_ok, t_ok = right_raw(o_raw[i], c[i], h[i]), right_raw(t_raw[i], c[i], h[i])
        truth[i] = o_raw[i] if o_ok else t_raw[i] if t_ok else None
        raw_votes[0 if o_ok else 1 if t_ok else 2] += 1
    for i in sch_diff:
        if i not in truth:  # the raw counts agree: is that count right?
            truth[i] = o_raw[i] if right_raw(o_raw[i], c[i], h[i]) else None
        raw = truth[i]
        want = None if raw is None else right_scheduled(raw)
        sch_votes[0 if o_sch[i] == want else 1 if t_sch[i] == want else 2] += 1
    cap = Fraction(str(CAP))
    at_cap = sum(
        (Fraction(c[i] * h[i], INTERVAL_S) / cap).denominator == 1 for i in raw_diff
    )
    on_integer = sum(
        (o_raw[i] / (1 - Fraction(str(SHRINKAGE)))).denominator == 1 for i in sch_diff
    )
    for kind, diff, votes, why in (
        ("raw", raw_diff, raw_votes, f"{at_cap} with A / {CAP} a whole number"),
        ("scheduled", sch_diff, sch_votes, f"{on_integer} with raw / 0.7 whole"),
    ):
        print(
            f"{kind} agents: {len(diff)} disagreements ({why}); exact arithmetic "
            f"says onestop right in {votes[0]}, {peer} right in {votes[1]}, "
            f"neither in {votes[2]}"
        )
    examples = raw_diff[:3] + [i for i in sch_diff if i not in raw_diff][:3]
    for i in examples:
        a, raw = Fraction(c[i] * h[i], INTERVAL_S), truth[i]
        exact = "?" if raw is None else f"{raw} / {right_scheduled(raw)}"
        print(
            f"  e.g. calls {c[i]}, AHT {h[i]} s, A = {a} erlangs: onestop "
            f"{o_raw[i]} raw / {o_sch[i]} scheduled, {peer} {t_raw[i]} / "
            f"{t_sch[i]}; exact {exact}"
        )
    rng = np.random.default_rng(SEED + 1)
    same = [i for i in range(len(c)) if i not in truth]
    sample = rng.choice(same, size=min(SPOT_CHECKS, len(same)), replace=False).tolist()
    spot_ok = sum(
        right_raw(o_raw[i], c[i], h[i]) and o_sch[i] == right_scheduled(o_raw[i])
        for i in sample
    )
    print(
        f"spot check of {len(sample)} agreements by exact arithmetic: {spot_ok} right"
    )
    return (
        raw_votes[0] == len(raw_diff)
        and sch_votes[0] == len(sch_diff)
        and (spot_ok == len(sample))
    )


def main() -> int:
    calls, aht = problems()
    n = calls.size
    print(
        f"{INTERVALS} intervals × {QUEUES} queues = {n:,} problems (seed {SEED}): calls "
        f"{calls.min()}–{calls.max()} per 30 min, AHT {aht.min()}–{aht.max()} s, "
        f"{TARGET:.0%} in {WITHIN_S} s, occupancy ≤ {CAP}, shrinkage {SHRINKAGE}"
    )
    required_agents_many(
        calls[:1], aht[:1], INTERVAL_S, TARGET, WITHIN_S, CAP, SHRINKAGE
    )
    ours_s, result = best_of_3(
        lambda: required_agents_many(
            calls, aht, INTERVAL_S, TARGET, WITHIN_S, CAP, SHRINKAGE
        )
    )
    ours = (result.agents, result.scheduled_agents)
    print(
        f"onestop required_agents_many: best of 3 {ours_s * 1e3:.2f} ms "
        f"({n / ours_s:,.0f} problems/s); agents {int(ours[0].min())}–"
        f"{int(ours[0].max())}, {int(ours[0].sum()):,} raw in total"
    )
    try:
        import pyworkforce

        peer = f"pyworkforce {pyworkforce.__version__} ErlangC"
        loop = pyworkforce_loop
    except ImportError:
        peer = "textbook Erlang C loop (pyworkforce NOT installed)"
        loop = textbook_loop
    peer_s, theirs = best_of_3(lambda: loop(calls, aht))
    ratio = peer_s / ours_s
    print(
        f"{peer}, one problem at a time: best of 3 {peer_s:.2f} s ({n / peer_s:,.0f} problems/s)"
    )
    print(f"ratio: {ratio:,.0f}× (goal ≥ 20×: {'met' if ratio >= 20 else 'NOT met'})")
    right = settle(calls, aht, ours, theirs, peer.split()[0])
    print(f"onestop counts all right: {'yes' if right else 'NO'}")
    return 0 if right and ratio >= 20 else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""What the run prints: the set-up, the two figures against the goal, the verdicts."""

from __future__ import annotations

import os
import statistics
from collections import Counter

from bench.cases.measure import Figure
from bench.cases.report import verdict

from .client import Run
from .hall import Hall
from .lookups import Lookup
from .options import GOAL_P95_MS, GOAL_RATE, SETTINGS_MODULE
from .settings import BENCH_LIMIT, PROJECT_RATE_LIMITS


def hall_print(hall: Hall) -> None:
    today = ", ".join(f"{s} {n}" for s, n in sorted(hall.today.items()))
    how = "written now" if hall.written else "found, kept"
    print(
        f"hall queue of {hall.organisation.slug}: {hall.categories} categories; "
        f"{hall.history:,} numbers before today ({how}, ~{hall.per_day:,.0f} a "
        f"working day); today {sum(hall.today.values())}: {today}"
    )


def lookups_print(lookups: list[Lookup]) -> None:
    kinds = Counter(lookup.kind for lookup in lookups)
    print(
        f"status lookups: {len(lookups):,} distinct, cycled: "
        + ", ".join(f"{k} {n / len(lookups):.0%}" for k, n in kinds.items())
    )


def rate_limit_print() -> None:
    limit, window = PROJECT_RATE_LIMITS["status_lookup"]
    print(
        f"rate limit: the project allows {limit} status lookups per {window} s per "
        f"client address; every client here comes from 127.0.0.1, so gunicorn runs "
        f"{SETTINGS_MODULE}, which raises every limit to {BENCH_LIMIT:,} per window "
        f"(each request is still counted in the cache)"
    )


def client_print(clients: int, workers: int, warm_up: float, duration: float) -> None:
    print(
        f"server: gunicorn -w {workers} (sync workers) on 127.0.0.1, config.wsgi; "
        f"client: asyncio streams (standard library), {clients} concurrent "
        f"keep-alive connections in one thread, closed loop, {warm_up:g} s warm-up "
        f"then {duration:g} s measured per endpoint"
    )


def figure(name: str, run: Run) -> Figure:
    out = Figure(name, run.latencies)
    out.rate = run.rate
    return out


def results_print(figures: list[tuple[Figure, Run]]) -> bool:
    """The table and the verdicts; True when both endpoints meet the goal."""
    print()
    print(
        f"{'':38} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'errors':>7}   goal ≥ {GOAL_RATE:.0f} req/s, p95 < {GOAL_P95_MS:.0f} ms"
    )
    met_all = True
    for fig, run in figures:
        errors = sum(run.errors.values())
        met = fig.rate >= GOAL_RATE and fig.p95 < GOAL_P95_MS and not errors
        met_all = met_all and met
        p99 = (
            statistics.quantiles(fig.samples, n=100)[98] if len(fig.samples) > 1 else 0
        )
        print(
            f"{fig.name:38} {fig.rate:7.0f} {fig.p50:7.1f} {fig.p95:7.1f} {p99:7.1f} "
            f"{errors:7d}   {verdict(met)}{_why(fig, errors)}"
        )
        print(
            f"      {len(fig.samples):,} requests in {run.seconds:g} s, "
            f"~{run.connections:,} TCP connections opened"
            + (f"; errors: {dict(run.errors)}" if errors else "")
        )
        print(f"      {_cpu(run)}")
    return met_all


def _cpu(run: Run) -> str:
    """CPU ms per request by whom, and the rate the server's share alone allows."""
    n = max(1, len(run.latencies))
    cpu = dict(run.cpu)
    machine = cpu.pop("machine", None)
    ours = sum(cpu.values())
    if machine is not None:
        cpu["other processes"] = max(0.0, machine - ours)
    names = {"database": "PostgreSQL"}
    parts = ", ".join(f"{names.get(k, k)} {v * 1e3 / n:.2f}" for k, v in cpu.items())
    line = f"CPU ms per request: {parts}"
    server = cpu.get("gunicorn", 0.0) + cpu.get("database", 0.0)
    if server:
        cpus = os.cpu_count() or 1
        line += (
            f"; at the server's cost, {cpus} CPUs serve ≤ {cpus * n / server:,.0f} "
            "req/s"
        )
    return line


def _why(fig: Figure, errors: int) -> str:
    missed = []
    if fig.rate < GOAL_RATE:
        missed.append(f"rate {fig.rate / GOAL_RATE:.0%} of the goal")
    if fig.p95 >= GOAL_P95_MS:
        missed.append("p95")
    if errors:
        missed.append("errors")
    return f" ({', '.join(missed)})" if missed else ""

"""What the run prints: the header, the figures against their goals, the rates."""

from __future__ import annotations

import argparse
import os

from .measure import Figure
from .options import BENCH_DIR, GOAL_CASES, GOAL_HTTP_RATE, GOAL_P95_MS


def header_print(args: argparse.Namespace, url: str) -> None:
    print(
        f"database: {args.db} ({url}); cases: {args.cases:,}; samples: {args.samples}; "
        f"seed: {args.seed}"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} before the run")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def report_print(
    args: argparse.Namespace,
    vendor: str,
    loaded: int,
    reads: list[Figure],
    rates: list[Figure],
) -> None:
    """The latency table, then the two acceptance rates and the HTTP goal."""
    print()
    _latencies_print(reads)
    if args.db != "postgres" or loaded < GOAL_CASES:
        print(
            f"  [goal is stated for {GOAL_CASES:,} cases on PostgreSQL; "
            f"this run: {loaded:,} on {vendor}]"
        )
    print()
    _rates_print(rates)
    print(f"query plans: {BENCH_DIR / f'explain-{args.db}.txt'}")


def _latencies_print(figures: list[Figure]) -> None:
    print(f"{'':44} {'p50 ms':>8} {'p95 ms':>8}  n    goal p95 < {GOAL_P95_MS:.0f} ms")
    for figure in figures:
        if figure.skipped:
            print(f"{figure.name:44} skipped: {figure.skipped}")
            continue
        print(
            f"{figure.name:44} {figure.p50:8.1f} {figure.p95:8.1f}  {len(figure.samples):<4} "
            f"{verdict(figure.p95 < GOAL_P95_MS)}"
        )
        if figure.note:
            print(f"      {figure.note}")


def _rates_print(rates: list[Figure]) -> None:
    """The service layer's and HTTP's acceptances; the goal is HTTP's (the last)."""
    for figure in rates:
        if figure.skipped:
            print(f"{figure.name}: skipped: {figure.skipped}")
            continue
        print(
            f"{figure.name}: p50 {figure.p50:.1f} ms, p95 {figure.p95:.1f} ms; {figure.note}"
        )
    over_http = rates[-1]
    goal = f"goal ≥ {GOAL_HTTP_RATE:.0f} acceptances/s over HTTP"
    if not over_http.skipped:
        print(f"{goal}: {verdict(over_http.rate >= GOAL_HTTP_RATE)}")
    else:
        print(
            f"{goal}: not measured "
            "(see bench/README.md to run it once the endpoint exists)"
        )

"""Benchmark: statutory deadlines for a million acceptances at once.

Run from the repository root: ``.venv/bin/python bench/workdays.py``.

What it measures:

1. ``WorkCalendar.due_after_many`` on 1,000,000 random UTC acceptance instants
   across 2024–2026 (fixed seed), 20 working days each; best of 3 runs.
2. A per-item Python loop built on the ``chinesecalendar`` package's own
   ``find_workday`` (each instant → Shanghai date → the 20th working day after
   it → 17:30 that day → UTC) over a 20,000-instant sample only, because the
   loop is slow; its rate is extrapolated per due date. Its results are
   checked equal to the vectorised ones on that sample, so both compute the
   same thing.

How to read it: "rate" is due dates per second (higher is better); "ratio" is
vectorised rate / loop rate. Targets: vectorised ≥ 5,000,000/s and ≥ 500× the
loop. Rates vary with the machine and its load; the check line is the point.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from chinese_calendar import find_workday

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from onestop.compute.workdays import china_calendar

N_VECTOR = 1_000_000
N_LOOP = 20_000
WORKING_DAYS = 20
SEED = 20251104
SH = ZoneInfo("Asia/Shanghai")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
US = timedelta(microseconds=1)


def random_instants(n: int) -> np.ndarray:
    """UTC instants from 2024-01-01 to 2026-11-30 (leaving room for 20 working
    days before the end of the holiday data), microsecond resolution."""
    lo = np.datetime64("2024-01-01T00:00", "us").astype(np.int64)
    hi = np.datetime64("2026-11-30T16:00", "us").astype(np.int64)
    rng = np.random.default_rng(SEED)
    return rng.integers(lo, hi, size=n).view("datetime64[us]")


def package_loop(instants: np.ndarray, n: int) -> np.ndarray:
    """Per-item deadlines from chinesecalendar: find_workday(k, d) returns the
    k-th working day counting d itself if it works, so start from the day after
    acceptance with k = n - 1 (the acceptance day does not count)."""
    out = []
    for us in instants.astype(np.int64).tolist():
        day = (EPOCH + us * US).astimezone(SH).date()
        target = find_workday(n - 1, day + timedelta(days=1))
        out.append((datetime.combine(target, clock(17, 30), tzinfo=SH) - EPOCH) // US)
    return np.array(out, dtype=np.int64).view("datetime64[us]")


def main() -> int:
    t0 = time.perf_counter()
    cal = china_calendar()
    build_ms = (time.perf_counter() - t0) * 1e3
    instants = random_instants(N_VECTOR)

    t0 = time.perf_counter()
    cal.due_after_many(instants[:1], WORKING_DAYS)  # builds the lazy tables
    tables_ms = (time.perf_counter() - t0) * 1e3

    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        deadlines = cal.due_after_many(instants, WORKING_DAYS)
        best = min(best, time.perf_counter() - t0)
    vector_rate = N_VECTOR / best

    sample = instants[:N_LOOP]
    t0 = time.perf_counter()
    expected = package_loop(sample, WORKING_DAYS)
    loop_s = time.perf_counter() - t0
    loop_rate = N_LOOP / loop_s
    same = bool(np.array_equal(expected, deadlines[:N_LOOP]))

    ratio = vector_rate / loop_rate
    rate_ok, ratio_ok = vector_rate >= 5_000_000, ratio >= 500
    print(
        f"calendar build: {build_ms:.1f} ms; vector tables (first call): "
        f"{tables_ms:.1f} ms"
    )
    print(
        f"due_after_many: {N_VECTOR:,} instants, {WORKING_DAYS} working days, "
        f"best of 3: {best * 1e3:.1f} ms → {vector_rate:,.0f} due dates/s"
    )
    print(
        f"chinesecalendar loop (find_workday), sample of {N_LOOP:,}: "
        f"{loop_s:.2f} s → {loop_rate:,.0f} due dates/s"
    )
    print(f"results equal on the sample: {same}")
    print(f"ratio: {ratio:,.0f}×")
    print(
        f"target ≥ 5,000,000/s: {'met' if rate_ok else 'NOT met'}; "
        f"target ≥ 500× loop: {'met' if ratio_ok else 'NOT met'}"
    )
    return 0 if same and rate_ok and ratio_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""The command line, where the benchmark keeps its files, and its goals."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "var" / "bench"
BENCH_DB = "onestop_bench"
SQLITE_PATH = BENCH_DIR / "cases.sqlite3"
DEFAULT_CASES = {"postgres": 1_000_000, "sqlite": 200_000}
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432"

GOAL_P95_MS = 100.0
GOAL_CASES = 1_000_000  # the scale the latency goal is stated for
GOAL_HTTP_RATE = 300.0

DESCRIPTION = "Benchmark: casework over a large history, and acceptances per second."


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument(
        "--cases",
        type=int,
        default=None,
        help="cases to load (default: 1,000,000 on PostgreSQL, 200,000 on SQLite)",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_PG_URL", DEFAULT_PG_URL),
        help="server for --db postgres, without a database name",
    )
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--acceptances", type=int, default=500)
    parser.add_argument("--http-requests", type=int, default=1000)
    parser.add_argument("--http-clients", type=int, default=4)
    parser.add_argument("--http-workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure a database kept by an earlier --keep run; load nothing",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="at the end, profile one acceptance over the API with cProfile",
    )
    args = parser.parse_args()
    if args.cases is None:
        args.cases = DEFAULT_CASES[args.db]
    return args

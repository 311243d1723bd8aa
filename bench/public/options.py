"""The command line, the measured addresses and the goals.

The database options mean what they mean for ``bench/cases.py`` (its
``options`` module gives the defaults), so a database kept by one can be
reused by the other.
"""

from __future__ import annotations

import argparse
import os

from bench.cases.options import BENCH_DIR, DEFAULT_CASES, DEFAULT_PG_URL

SETTINGS_MODULE = "bench.public.settings"
GOAL_RATE = 500.0  # requests/s
GOAL_P95_MS = 50.0
EXPLAIN_PATH = BENCH_DIR / "explain-public-{db}.txt"
PROFILE_PATH = BENCH_DIR / "profile-public-{db}.txt"

DESCRIPTION = (
    "Benchmark: the public status lookup and the hall display's data over HTTP."
)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="postgres")
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
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument(
        "--clients", type=int, default=8, help="concurrent connections (8)"
    )
    parser.add_argument(
        "--duration", type=float, default=20.0, help="seconds measured per endpoint"
    )
    parser.add_argument(
        "--warm-up", type=float, default=3.0, help="seconds before the clock starts"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--lookups", type=int, default=2000, help="distinct status lookups to cycle"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the database afterwards"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use a database kept by --keep (this script's or bench/cases.py's)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile and explain both endpoints even when the goals are met",
    )
    args = parser.parse_args()
    if args.cases is None:
        args.cases = DEFAULT_CASES[args.db]
    return args

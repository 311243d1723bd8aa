"""The entry point: options, the database (``bench.cases``'), Django, then the run."""

from __future__ import annotations

import os
import sys

from bench.cases.database import database_create, database_url, django_start
from bench.cases.options import ROOT

from .options import arguments


def main() -> int:
    sys.path.insert(0, str(ROOT))  # onestop and config
    args = arguments()
    url = database_url(args)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    cases = "those of the reused database" if args.reuse else f"{args.cases:,}"
    print(f"database: {args.db} ({url}); cases: {cases}; seed: {args.seed}")
    print(f"machine: {os.cpu_count()} CPUs, load average {load} before the run")
    if not args.reuse:
        database_create(args)
    django_start(url)
    from .run import run  # imports the project's models: only once Django is set up

    return run(args)

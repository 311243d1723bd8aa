"""A run, once Django is set up: load, queue, serve, drive, report, profile, clean up."""

from __future__ import annotations

import argparse
import importlib.util
import os

from django.db import connection

from bench.cases.database import database_drop
from bench.cases.options import BENCH_DB
from bench.cases.over_http import GUNICORN_LOG, _free_port, _gunicorn
from bench.cases.run import _prepare
from onestop.cases.models import Case

from .client import drive
from .cpu import CpuMeter
from .endpoints import Display, StatusLookups
from .hall import hall_prepare
from .lookups import Lookup, lookups_make
from .options import EXPLAIN_PATH, PROFILE_PATH, SETTINGS_MODULE
from .profiling import display_caller, endpoint_profile, status_caller
from .report import (
    client_print,
    figure,
    hall_print,
    lookups_print,
    rate_limit_print,
    results_print,
)


def run(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("gunicorn") is None:
        raise SystemExit("bench: gunicorn missing: pip install -e '.[bench]'")
    try:
        plan = _prepare(args)[0]  # bench.cases: schema, organisations, cases
        hall = hall_prepare(plan, args.seed)
        cases = Case.objects.filter(organisation=hall.organisation).count()
        print(
            f"measured organisation: {plan.slug} ({cases:,} of "
            f"{Case.objects.count():,} cases)"
        )
        hall_print(hall)
        lookups = lookups_make(hall.organisation, args.lookups, args.seed)
        lookups_print(lookups)
        rate_limit_print()
        client_print(args.clients, args.workers, args.warm_up, args.duration)
        met = _measure(args, plan.slug, lookups)
        if args.profile or not met:
            _profile(args, plan.slug, lookups)
    finally:
        if not args.keep:
            database_drop(args)
    return 0 if met else 1


def _measure(args: argparse.Namespace, slug: str, lookups: list[Lookup]) -> bool:
    """gunicorn on the benchmark's settings; the status lookup, then the display."""
    connection.close()  # the server's workers have the database to themselves
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE  # for gunicorn only
    port = _free_port()
    with _gunicorn(args.workers, port) as started:
        if not started:
            raise SystemExit(f"bench: gunicorn did not start; see {GUNICORN_LOG}")
        loads = (
            ("status lookup (POST /o/<slug>/status/)", StatusLookups(slug, lookups)),
            ("hall display (GET /o/<slug>/display.json)", Display(slug)),
        )
        cpu = CpuMeter(BENCH_DB if args.db == "postgres" else None)
        figures = []
        for name, workload in loads:
            measured = drive(
                port, workload, args.clients, args.warm_up, args.duration, cpu
            )
            figures.append((figure(name, measured), measured))
    return results_print(figures)


def _profile(args: argparse.Namespace, slug: str, lookups: list[Lookup]) -> None:
    plans: list[str] = []
    full: list[str] = []
    print()
    for name, call in (
        ("one status lookup", status_caller(slug, lookups)),
        ("one display.json", display_caller(slug)),
    ):
        for line in endpoint_profile(name, call, plans, full):
            print(line)
    explained = str(EXPLAIN_PATH).format(db=args.db)
    profiled = str(PROFILE_PATH).format(db=args.db)
    with open(explained, "w", encoding="utf-8") as f:
        f.write("\n\n".join(plans))
    with open(profiled, "w", encoding="utf-8") as f:
        f.write("\n\n".join(full))
    print(f"query plans: {explained}; whole profiles: {profiled}")

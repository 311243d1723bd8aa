"""A run, once Django is set up: load, measure, clean up, report."""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from onestop.cases.models import Case

from .acceptances import acceptances_service
from .database import database_drop
from .loading import bulk_load
from .measure import Figure
from .options import BENCH_DIR
from .organisations import organisations_load
from .over_http import acceptances_http
from .plans import OrgPlan, organisation_plans
from .profiling import acceptance_profile
from .reads import page_reads, selector_reads
from .report import report_print
from .sanity import sanity_check
from .subjects import subjects


@dataclass
class Results:
    loaded: int = 0
    reads: list[Figure] = field(default_factory=list)
    rates: list[Figure] = field(default_factory=list)  # service layer, then HTTP
    profile: list[str] = field(default_factory=list)
    plans: list[str] = field(default_factory=list)  # EXPLAIN output, to a file


def run(args: argparse.Namespace) -> int:
    results = Results()
    try:
        orgs = _prepare(args)
        _measure(args, orgs, results)
    finally:
        if results.plans:
            target = BENCH_DIR / f"explain-{args.db}.txt"
            target.write_text("\n\n".join(results.plans), encoding="utf-8")
        if not args.keep:
            database_drop(args)
    report_print(args, connection.vendor, results.loaded, results.reads, results.rates)
    for line in results.profile:
        print(line)
    return 0


def _prepare(args: argparse.Namespace) -> list[OrgPlan]:
    """The schema, the organisations and the cases (unless reused); the plans."""
    rng = random.Random(args.seed)
    if not args.reuse:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        organisations_load()
        print(f"migrate + organisations: {time.perf_counter() - t0:.1f} s")
    orgs = organisation_plans(rng)
    print(
        "organisations: "
        + ", ".join(f"{o.slug} ({len(o.items)} items, {o.weight:.0%})" for o in orgs)
    )
    if not args.reuse:
        t0 = time.perf_counter()
        counts = bulk_load(args, orgs, timezone.now())
        print(
            f"loaded in {time.perf_counter() - t0:.1f} s: "
            + ", ".join(f"{name} {n:,}" for name, n in counts.items())
        )
    return orgs


def _measure(args: argparse.Namespace, orgs: list[OrgPlan], results: Results) -> None:
    """Everything measured, on the first organisation."""
    results.loaded = Case.objects.count()
    who = subjects(orgs[0])
    in_org = Case.objects.filter(organisation=who.organisation).count()
    print(
        f"measured organisation: {who.organisation.slug} "
        f"({in_org:,} of {results.loaded:,} cases); "
        f"handler {who.handler.username}, supervisor {who.supervisor.username}, "
        f"clerk {who.clerk.username}"
    )
    print(f"sanity: {sanity_check(who.organisation, who.handler)}")
    results.reads = selector_reads(args, who, results.plans)
    results.reads += page_reads(args, who)
    promised = [i for i in orgs[0].items if i.steps and i.limit_days]
    for measured in (acceptances_service, acceptances_http):
        results.rates.append(measured(args, who.organisation, who.clerk, promised))
    if args.profile:
        results.profile = acceptance_profile(
            args, who.organisation, who.clerk, promised
        )

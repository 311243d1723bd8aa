"""Where one acceptance over the API spends its time: cProfile of intake POSTs
through Django's test client (the request gunicorn serves, minus gunicorn)."""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import time
from collections import Counter
from typing import Any

from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token

from onestop.organisations.models import Organisation

from .acceptances import intake_bodies
from .options import BENCH_DIR, ROOT
from .over_http import INTAKE
from .plans import ItemPlan

PROFILED = 20  # acceptances under the profiler; the figures are per acceptance
WARM_UP = 3
TOP = 15

Entry = tuple[str, float, float, int]  # (function, self ms, cumulative ms, calls)


def acceptance_profile(
    args: argparse.Namespace,
    organisation: Organisation,
    clerk: Any,
    items: list[ItemPlan],
) -> list[str]:
    """Lines to print: queries and the top costs of one acceptance.

    The whole profile goes to ``var/bench/profile-<db>.txt``.
    """
    post = _poster(organisation, clerk)
    bodies = intake_bodies(items, WARM_UP + PROFILED * 2, random.Random(args.seed + 5))
    for body in bodies[:WARM_UP]:
        post(body)
    plain = bodies[WARM_UP : WARM_UP + PROFILED]
    profiled = bodies[WARM_UP + PROFILED :]
    wall, timer = _unprofiled(post, plain)
    queries, sql_ms = timer.count / PROFILED, timer.ms / PROFILED
    profiler = cProfile.Profile()
    profiler.enable()
    for body in profiled:
        post(body)
    profiler.disable()
    stats = pstats.Stats(profiler)
    _write_full(stats, args.db)
    entries = _entries(stats)
    return [
        f"one acceptance over the API (test client, {PROFILED} averaged): "
        f"{wall:.1f} ms, {queries:.0f} queries taking {sql_ms:.1f} ms "
        f"({sql_ms / wall:.0%}, the driver's calls included)",
        f"  queries by kind: {timer.kinds_per(PROFILED)}",
        f"  top {TOP} by own time (profiled, ms per acceptance):",
        *_table(sorted(entries, key=lambda e: -e[1])[:TOP]),
        f"  top {TOP} of the project's functions by cumulative time:",
        *_table(
            sorted(
                (e for e in entries if e[0].startswith("onestop/")),
                key=lambda e: -e[2],
            )[:TOP]
        ),
        f"  whole profile: {_profile_path(args.db)}",
    ]


def _poster(organisation: Organisation, clerk: Any) -> Any:
    client = Client()
    token = Token.objects.get_or_create(user=clerk)[0].key
    path = f"{INTAKE}?organisation={organisation.pk}"

    def post(body: dict[str, Any]) -> None:
        response = client.post(
            path,
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Token {token}",
            HTTP_ACCEPT="application/json",
        )
        if response.status_code != 201:
            raise RuntimeError(f"intake answered {response.status_code}")

    return post


def _unprofiled(post: Any, bodies: list[dict[str, Any]]) -> tuple[float, _QueryTimer]:
    """ms per acceptance without the profiler, and the queries of them all."""
    timer = _QueryTimer()
    t0 = time.perf_counter()
    with connection.execute_wrapper(timer):
        for body in bodies:
            post(body)
    wall = (time.perf_counter() - t0) * 1e3 / len(bodies)
    return wall, timer


class _QueryTimer:
    """An execute wrapper counting queries and the time until the driver returns."""

    def __init__(self) -> None:
        self.count, self.ms = 0, 0.0
        self.kinds: Counter[str] = Counter()

    def kinds_per(self, calls: int) -> str:
        return ", ".join(f"{n / calls:g} {k}" for k, n in self.kinds.most_common())

    def __call__(
        self, execute: Any, sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.ms += (time.perf_counter() - t0) * 1e3
            self.count += 1
            self.kinds[sql.split(None, 1)[0].upper() if sql.strip() else "?"] += 1


def _entries(stats: pstats.Stats) -> list[Entry]:
    out = []
    for (path, line, function), row in stats.stats.items():  # type: ignore[attr-defined]
        _primitive, calls, own, cumulative, _callers = row
        name = f"{_short(path)}:{line}({function})"
        out.append((name, own * 1e3 / PROFILED, cumulative * 1e3 / PROFILED, calls))
    return out


def _short(path: str) -> str:
    """A path relative to the repository or to site-packages."""
    if path.startswith(str(ROOT)):
        return path[len(str(ROOT)) + 1 :]
    marker = "site-packages/"
    return path.split(marker, 1)[1] if marker in path else path


def _table(entries: list[Entry]) -> list[str]:
    return [
        f"    {own:7.2f} {cumulative:7.2f} {calls / PROFILED:7.1f}  {name[:100]}"
        for name, own, cumulative, calls in entries
    ]


def _profile_path(db: str) -> str:
    return str(BENCH_DIR / f"profile-{db}.txt")


def _write_full(stats: pstats.Stats, db: str) -> None:
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(80)
    stats.sort_stats("tottime").print_stats(80)
    with open(_profile_path(db), "w", encoding="utf-8") as f:
        f.write(out.getvalue())

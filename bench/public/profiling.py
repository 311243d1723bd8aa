"""Where one request of each kind spends its time, and the plans of its queries.

Through Django's test client in this process (the request gunicorn serves,
without gunicorn): ``bench.cases.profiling``'s ``PROFILED`` requests timed
with their queries, the same number again under cProfile, then one more with
each of its queries explained (``bench.cases.explain``: EXPLAIN ANALYZE on
PostgreSQL, EXPLAIN QUERY PLAN and a timed run on SQLite). The status lookup
goes through the CSRF check as in a browser: the form is fetched once, then
posted. The test client keeps the database connection between requests; a
served request closes it when ``CONN_MAX_AGE`` says so (60 s on both
databases), so each call here ends as a served request does.
"""

from __future__ import annotations

import cProfile
import io
import itertools
import pstats
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.db import close_old_connections, connection
from django.test import Client, override_settings

from bench.cases.explain import explain
from bench.cases.options import ROOT
from bench.cases.profiling import PROFILED, TOP, _entries, _QueryTimer, _table

from .endpoints import FOUND, NOT_FOUND, TOKEN, display_path, status_path
from .lookups import Lookup
from .settings import ONESTOP_RATE_LIMITS

WARM_UP = 3
URLENCODED = "application/x-www-form-urlencoded"
HOST = "127.0.0.1"  # in ALLOWED_HOSTS; the test client's "testserver" is not
PLAN_LINES = 14


def status_caller(slug: str, lookups: list[Lookup]) -> Callable[[], None]:
    client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST)
    path = status_path(slug)
    page = client.get(path)
    match = TOKEN.search(page.content)
    if match is None:
        raise RuntimeError(f"GET {path} answered {page.status_code} without a token")
    token = match.group(1).decode()
    turns = itertools.cycle(lookups)

    def call() -> None:
        lookup = next(turns)
        form = {
            "csrfmiddlewaretoken": token,
            "number": lookup.number,
            "phone_last4": lookup.phone_last4,
        }
        # Encoded as a browser sends a form without files (the test client's
        # default is multipart).
        answer = client.post(path, urlencode(form), content_type=URLENCODED)
        close_old_connections()  # as at the end of a served request
        marker = FOUND if lookup.found else NOT_FOUND
        if answer.status_code != 200 or marker not in answer.content:
            raise RuntimeError(f"status lookup answered {answer.status_code} wrongly")

    return call


def display_caller(slug: str) -> Callable[[], None]:
    client = Client(HTTP_HOST=HOST)
    path = display_path(slug)

    def call() -> None:
        answer = client.get(path)
        close_old_connections()  # as at the end of a served request
        if answer.status_code != 200:
            raise RuntimeError(f"display.json answered {answer.status_code}")

    return call


def endpoint_profile(
    name: str, call: Callable[[], None], plans: list[str], full: list[str]
) -> list[str]:
    """Lines to print for one endpoint; its plans go to ``plans``, its profile to ``full``."""
    with override_settings(ONESTOP_RATE_LIMITS=ONESTOP_RATE_LIMITS):
        for _ in range(WARM_UP):
            call()
        timer = _QueryTimer()
        t0 = time.perf_counter()
        with connection.execute_wrapper(timer):
            for _ in range(PROFILED):
                call()
        wall = (time.perf_counter() - t0) * 1e3 / PROFILED
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(PROFILED):
            call()
        profiler.disable()
        first = len(plans)
        summary = explain(name, call, plans)
    stats = pstats.Stats(profiler)
    full.append(_full(name, stats))
    entries = _entries(stats)
    sql_ms = timer.ms / PROFILED
    areas = ", ".join(f"{name} {ms:.1f}" for name, ms in _areas(stats))
    return [
        f"{name} (test client, {PROFILED} averaged): {wall:.1f} ms, "
        f"{timer.count / PROFILED:g} queries taking {sql_ms:.1f} ms "
        f"({sql_ms / wall:.0%}, the driver's calls included)",
        f"  queries by kind: {timer.kinds_per(PROFILED)}",
        f"  own time by area (profiled, ms per request): {areas}",
        f"  top {TOP} by own time (profiled, ms per request):",
        *_table(sorted(entries, key=lambda e: -e[1])[:TOP]),
        f"  top {TOP} of the project's functions by cumulative time:",
        *_table(
            sorted(
                (e for e in entries if e[0].startswith("onestop/")),
                key=lambda e: -e[2],
            )[:TOP]
        ),
        f"  explained: {summary}",
        *_slowest(plans[first:]),
    ]


# Where a function's own time goes, by the start of its path (first match wins).
AREAS = (
    ("django/template", "templates"),
    ("django/utils/html.py", "templates"),
    ("django/utils/safestring.py", "templates"),
    ("django/db/", "ORM"),
    ("psycopg", "database driver"),
    ("sqlite3/", "database driver"),
    ("django/test/", "test client"),
    ("django/middleware/", "middleware and handler"),
    ("django/core/handlers/", "middleware and handler"),
    ("django/contrib/", "middleware and handler"),
    ("django/urls/", "URLs"),
    ("django/forms/", "forms"),
    ("django/", "Django, other"),
    ("onestop/", "project"),
    ("json/", "JSON"),
)


def _areas(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Own time summed by area, a built-in's given to the areas of its callers."""
    total: dict[str, float] = {}
    for (path, _line, function), row in stats.stats.items():  # type: ignore[attr-defined]
        own, callers = row[2], row[4]
        if path == "~" and "sqlite" not in function.lower() and callers:
            for (c_path, _l, c_function), c_row in callers.items():
                area = _area(c_path, c_function)
                total[area] = total.get(area, 0.0) + c_row[2]
        else:
            area = _area(path, function)
            total[area] = total.get(area, 0.0) + own
    ordered = sorted(total.items(), key=lambda a: -a[1])
    return [(name, seconds * 1e3 / PROFILED) for name, seconds in ordered if seconds]


def _area(path: str, function: str) -> str:
    if path == "~":  # a built-in called from a built-in, or the driver's C code
        return "database driver" if "sqlite" in function.lower() else "Python, other"
    where = path
    if "site-packages/" in where:
        where = where.split("site-packages/", 1)[1]
    elif where.startswith(f"{ROOT}/"):
        where = where[len(str(ROOT)) + 1 :]
    elif "/lib/python3." in where:  # the standard library: json/, email/, …
        where = where.split("/lib/python3.", 1)[1].split("/", 1)[-1]
    for prefix, area in AREAS:
        if where.startswith(prefix):
            return area
    return "Python, other"


def _slowest(plans: list[str]) -> list[str]:
    """The slowest query explained, with the head of its plan."""
    queries = [p for p in plans if p.startswith("--- ")]
    if not queries:
        return []
    worst = max(queries, key=lambda p: float(p.split()[1]))
    head, sql, *plan = worst.split("\n")
    return [
        f"  slowest query ({head[4:]}): {sql[:400]}{' …' if len(sql) > 400 else ''}",
        *(f"    {line}" for line in plan[:PLAN_LINES]),
    ]


def _full(name: str, stats: pstats.Stats) -> str:
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    out.write(f"=== {name}: {PROFILED} requests\n")
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)
    return out.getvalue()

"""The queries behind one call, each explained; the slowest summed up in a line."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def explain(name: str, work: Callable[[], Any], report: list[str]) -> str:
    """Run ``work`` once, explain each of its queries; the slowest, as one line.

    Every plan goes to ``report`` (written to ``var/bench/explain-<db>.txt``).
    """
    with CaptureQueriesContext(connection) as captured:
        work()
    slowest: tuple[float, str, list[str]] = (-1.0, "", [])
    report.append(f"=== {name}: {len(captured)} queries")
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            ms, plan = _plan(cursor, sql)
            report.append(f"--- {ms:.2f} ms\n{sql}\n" + "\n".join(plan))
            if ms > slowest[0]:
                slowest = (ms, sql, plan)
    ms, _sql, plan = slowest
    return f"{len(captured)} queries, slowest {ms:.1f} ms: {_summary(plan)}"


def _plan(cursor: Any, sql: str) -> tuple[float, list[str]]:
    """(milliseconds, plan lines) of one query."""
    if connection.vendor == "postgresql":
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        plan = [row[0] for row in cursor.fetchall()]
        ms = next(
            (
                float(line.split(":")[1].split()[0])
                for line in plan
                if line.startswith("Execution Time")
            ),
            0.0,
        )
        return ms, plan
    # SQLite's plans have no timings: time the query itself.
    t0 = time.perf_counter()
    cursor.execute(sql)
    cursor.fetchall()
    ms = (time.perf_counter() - t0) * 1e3
    cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
    return ms, [str(row[-1]) for row in cursor.fetchall()]


def _summary(plan: list[str]) -> str:
    """The scans of cases tables (up to three), and FULL SCAN where one has no index."""
    scans = [
        line.strip()
        for line in plan
        if ("Seq Scan on cases_" in line)
        or (line.startswith("SCAN cases_") and "USING" not in line)
    ]
    head = next((line.strip() for line in plan if line.strip()), "")
    if connection.vendor == "postgresql":
        nodes = [
            line.strip().lstrip("-> ").split("  (")[0]
            for line in plan
            if "Scan" in line and "cases_" in line
        ]
        head = "; ".join(nodes[:3]) or head.split("  (")[0]
    warning = f"  FULL SCAN: {scans[0]}" if scans else ""
    return f"{head[:110]}{warning}"

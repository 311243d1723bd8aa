"""The bulk load: batches of cases written with COPY or executemany, the
secondary indexes dropped before and rebuilt after, then statistics."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections import Counter
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import Max

from onestop.cases.models import ReceiptCounter

from .histories import History
from .plans import OrgPlan
from .tables import COLUMNS, LOAD_ORDER, Table

BATCH = 10_000  # cases per batch (one transaction on SQLite)


def bulk_load(
    args: argparse.Namespace, orgs: list[OrgPlan], now: datetime
) -> dict[str, int]:
    """Load ``args.cases`` cases; the rows written, by table."""
    vendor = connection.vendor
    tables = {
        name: Table(apps.get_model("cases", name), COLUMNS[name], vendor)
        for name in LOAD_ORDER
    }
    names = [t.name for t in tables.values()]
    history = History(orgs, now, args.seed)
    counters = _continue_after_demo(history, tables)
    connection.ensure_connection()
    with contextlib.closing(connection.connection.cursor()) as cursor:
        _bulk_mode(cursor, vendor)
        dropped = _secondary_indexes(cursor, vendor, names)
        for name, _sql in dropped:
            cursor.execute(f'DROP INDEX "{name}"')
        counts = _batches_write(cursor, vendor, tables, history, args.cases)
        _indexes_rebuild(cursor, vendor, dropped, names)
    # A fresh session for what follows: no bulk-load settings left behind.
    connection.close()
    _receipt_counters_save(history, counters)
    _statistics_refresh(vendor, names)
    _mix_print(history, args.cases)
    return dict(counts)


def _continue_after_demo(
    history: History, tables: dict[str, Table]
) -> dict[tuple[int, Any], ReceiptCounter]:
    """The demo plays a few cases of its own: continue after its ids and numbers."""
    for name, table in tables.items():
        top = table.model.objects.aggregate(top=Max("id"))["top"] or 0
        history.next_id[name] = top + 1
    counters = {(c.organisation_id, c.day): c for c in ReceiptCounter.objects.all()}
    history.day_counters.update({key: c.last for key, c in counters.items()})
    return counters


def _bulk_mode(cursor: Any, vendor: str) -> None:
    """No foreign-key checks while loading (rows come in table order, not FK order)."""
    if vendor == "postgresql":
        cursor.execute("SET session_replication_role = replica")  # no FK triggers
        cursor.execute("SET synchronous_commit = off")
    else:
        cursor.execute("PRAGMA foreign_keys = OFF")


def _secondary_indexes(
    cursor: Any, vendor: str, tables: list[str]
) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the non-unique indexes of ``tables``."""
    if vendor == "postgresql":
        cursor.execute(
            """
            SELECT i.relname, pg_get_indexdef(i.oid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relname = ANY(%s) AND NOT x.indisunique AND NOT x.indisprimary
            """,
            [tables],
        )
        return list(cursor.fetchall())
    marks = ", ".join("?" for _ in tables)
    cursor.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks})",
        tables,
    )
    return list(cursor.fetchall())


def _batches_write(
    cursor: Any, vendor: str, tables: dict[str, Table], history: History, cases: int
) -> Counter[str]:
    """Generate and write ``cases`` cases, a batch at a time; rows by table."""
    counts: Counter[str] = Counter()
    progress = _Progress(cases)
    done = 0
    while done < cases:
        size = min(BATCH, cases - done)
        for _ in range(size):
            history.case()
        batch = history.take()
        if vendor == "sqlite":
            cursor.execute("BEGIN")
        for name in LOAD_ORDER:
            tables[name].write(cursor, batch[name])
            counts[name] += len(batch[name])
        if vendor == "sqlite":
            cursor.execute("COMMIT")
        done += size
        progress.show(done, sum(counts.values()))
    progress.end()
    return counts


class _Progress:
    """A line per tenth of the load; on a terminal, one line rewritten per batch."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.tty = sys.stdout.isatty()
        self.started = time.perf_counter()
        self.next_report = 0.0

    def show(self, done: int, rows: int) -> None:
        elapsed = time.perf_counter() - self.started
        share = done / self.total
        if not (self.tty or share >= self.next_report or done == self.total):
            return
        line = (
            f"loading: {done:>10,} / {self.total:,} cases ({share:4.0%}), "
            f"{rows:,} rows, {elapsed:6.1f} s, "
            f"{done / elapsed:,.0f} cases/s"
        )
        if self.tty:
            print(f"\r{line}", end="", flush=True)
        else:
            print(line, flush=True)
        self.next_report = share + 0.1

    def end(self) -> None:
        if self.tty:
            print()


def _indexes_rebuild(
    cursor: Any, vendor: str, dropped: list[tuple[str, str]], tables: list[str]
) -> None:
    """The dropped indexes again, the id sequences past the ids written, FKs back on."""
    t0 = time.perf_counter()
    if vendor == "postgresql":
        cursor.execute("SET maintenance_work_mem = '1GB'")
    for _name, sql in dropped:
        cursor.execute(sql)
    if vendor == "postgresql":
        cursor.execute("SET session_replication_role = DEFAULT")
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'(SELECT coalesce(max(id), 1) FROM "{table}"))'
            )
    else:
        cursor.execute("PRAGMA foreign_keys = ON")
    print(f"rebuilt {len(dropped)} secondary indexes: {time.perf_counter() - t0:.1f} s")


def _receipt_counters_save(
    history: History, counters: dict[tuple[int, Any], ReceiptCounter]
) -> None:
    """The day's receipt counters, so that new cases get the next numbers."""
    ReceiptCounter.objects.bulk_create(
        [
            ReceiptCounter(organisation_id=org_id, day=day, last=last)
            for (org_id, day), last in history.day_counters.items()
            if (org_id, day) not in counters
        ],
        batch_size=2000,
    )
    for key, counter in counters.items():
        counter.last = history.day_counters[key]
    ReceiptCounter.objects.bulk_update(counters.values(), ["last"], batch_size=2000)


def _statistics_refresh(vendor: str, tables: list[str]) -> None:
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            for table in tables:
                cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        else:
            cursor.execute("ANALYZE")
    print(f"vacuum/analyze: {time.perf_counter() - t0:.1f} s")


def _mix_print(history: History, cases: int) -> None:
    """The statuses and the events per case, as loaded."""
    statuses = ", ".join(
        f"{s} {n / cases:.1%}" for s, n in history.statuses.most_common()
    )
    events = sum(k * n for k, n in history.events_per_case.items())
    spread = sorted(history.events_per_case.items())
    print(f"statuses: {statuses}")
    print(
        f"events per case: mean {events / cases:.2f}; "
        + ", ".join(f"{k}: {n / cases:.1%}" for k, n in spread)
    )

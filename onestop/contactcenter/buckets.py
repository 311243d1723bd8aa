"""Which 15- or 30-minute interval a call arrived in, computed by the database.

``TruncHour`` and its kin stop at the hour, so the interval is the whole
seconds from the start of the period (00:00 of its first day, local time)
to the arrival, floor-divided by the interval's length — an integer
expression on SQLite and PostgreSQL alike. Counting elapsed time from local
midnight keeps the intervals on the local clock's quarter hours even on a
day the clocks change, since every zone changes by a multiple of 30 minutes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import BigIntegerField, Expression, F, Func, IntegerField, Value
from django.db.models.expressions import ExpressionWrapper


class EpochSeconds(Func):
    """Whole seconds since 1970-01-01 00:00 UTC of a date-and-time column."""

    output_field = BigIntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # SQLite keeps aware moments as UTC text; strftime('%s') reads it.
        # Doubled twice: once for this template, once for the parameter style.
        template = "CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = "FLOOR(EXTRACT(EPOCH FROM %(expressions)s))::bigint"
        return self.as_sql(compiler, connection, template=template, **extra)


def interval_index(field: str, start: datetime, seconds: int) -> Expression:
    """The number of the ``seconds``-long interval after ``start`` that ``field`` falls in."""
    since = EpochSeconds(F(field)) - Value(int(start.timestamp()))
    return ExpressionWrapper(since / Value(seconds), output_field=IntegerField())


def interval_start(start: datetime, index: int, seconds: int) -> datetime:
    """When interval ``index`` begins, in ``start``'s zone."""
    utc = start.astimezone(UTC) + timedelta(seconds=index * seconds)
    return utc.astimezone(start.tzinfo)

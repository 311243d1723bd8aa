"""Receipt numbers: organisation prefix + date + sequence, e.g. ``TAX202611300007``.

The counter row is created or incremented by one upsert inside the caller's
transaction: PostgreSQL holds that row's lock until commit, and SQLite runs
writing transactions one at a time (IMMEDIATE mode), so two windows taking
requests at the same instant never get the same number.
"""

from __future__ import annotations

from datetime import date

from django.db import connection

from onestop.cases.models import ReceiptCounter
from onestop.organisations.models import Organisation

DOCUMENT_CODES = {
    "on_the_spot": "BJ",
    "receipt": "SL",
    "notice": "BZ",
    "rejection": "BY",
    "referral": "GZ",
    "extension": "YQ",
}


def receipt_number_next(*, organisation: Organisation, day: date) -> str:
    """Take the next receipt number of ``organisation`` for ``day``. Call inside a transaction."""
    with connection.cursor() as cursor:
        cursor.execute(_counter_sql(), [organisation.pk, day, 1])
        (last,) = cursor.fetchone()
    return f"{organisation.code}{day:%Y%m%d}{last:04d}"


def _counter_sql() -> str:
    # One statement where the ORM needs three (create if missing, increment,
    # read back): every intake takes a number. Both databases know the upsert
    # with RETURNING (PostgreSQL 9.5+, SQLite 3.35+).
    table = connection.ops.quote_name(ReceiptCounter._meta.db_table)
    return (
        f"INSERT INTO {table} (organisation_id, day, last) VALUES (%s, %s, %s)"
        f" ON CONFLICT (organisation_id, day) DO UPDATE SET last = {table}.last + 1"
        " RETURNING last"
    )


def document_number(*, case_number: str, kind: str, ordinal: int) -> str:
    """``TAX202611300007-BZ01``: the case, the kind of document, its ordinal."""
    return f"{case_number}-{DOCUMENT_CODES[kind]}{ordinal:02d}"

"""Receipt numbers: organisation prefix + date + sequence, e.g. ``TAX202611300007``.

The counter row is incremented with an UPDATE inside the caller's
transaction: PostgreSQL holds that row's lock until commit, and SQLite runs
writing transactions one at a time (IMMEDIATE mode), so two windows taking
requests at the same instant never get the same number.
"""

from __future__ import annotations

from datetime import date

from django.db.models import F

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
    ReceiptCounter.objects.bulk_create(
        [ReceiptCounter(organisation=organisation, day=day)], ignore_conflicts=True
    )
    counter = ReceiptCounter.objects.filter(organisation=organisation, day=day)
    counter.update(last=F("last") + 1)
    last = counter.values_list("last", flat=True).get()
    return f"{organisation.code}{day:%Y%m%d}{last:04d}"


def document_number(*, case_number: str, kind: str, ordinal: int) -> str:
    """``TAX202611300007-BZ01``: the case, the kind of document, its ordinal."""
    return f"{case_number}-{DOCUMENT_CODES[kind]}{ordinal:02d}"

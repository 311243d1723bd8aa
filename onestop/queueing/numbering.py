"""Ticket numbers: the category's letter and the day's sequence, e.g. ``A023``.

The same technique as ``cases/numbering.py``: the counter row of (category,
day) is incremented with an UPDATE inside the caller's transaction, so
PostgreSQL holds its row lock until commit and SQLite runs writers one at a
time; two kiosks taking a number at the same instant never get the same one.
"""

from __future__ import annotations

from datetime import date

from django.db.models import F

from onestop.queueing.models import QueueCategory, TicketCounter


def ticket_sequence_next(*, category: QueueCategory, day: date) -> int:
    """Take the next sequence of ``category`` for ``day``. Call inside a transaction."""
    TicketCounter.objects.bulk_create(
        [
            TicketCounter(
                organisation_id=category.organisation_id, category=category, day=day
            )
        ],
        ignore_conflicts=True,
    )
    counter = TicketCounter.objects.filter(category=category, day=day)
    counter.update(last=F("last") + 1)
    return counter.values_list("last", flat=True).get()

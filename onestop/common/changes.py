"""Change counters in Django's cache: what a cached read is keyed by, so a write makes it stale.

A cached read puts the counter's value in its key; a write bumps the counter,
so the next read misses and computes afresh. The bump happens twice: at once,
so that reads later in the same transaction see the change, and when the
transaction commits, so that a value another request computed in between
from the data before the commit is not served afterwards. With a per-process
cache (local memory) another process sees the bump only through its own
entries expiring: every user of a counter gives its entries a short timeout.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction


def changes_of(key: str) -> int:
    """The counter's value now (0 if never bumped, or evicted)."""
    return cache.get(key, 0)


def changes_bump(key: str) -> None:
    """Bump now and again when the current transaction commits."""
    _bump(key)
    transaction.on_commit(lambda: _bump(key))


def _bump(key: str) -> None:
    if not cache.add(key, 1, timeout=None):
        try:
            cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=None)

"""The hall display's board, computed once for every display polling the same hall.

Each display in a hall asks for the same board every second (``display.json``).
A board is kept in the cache under the hall's change counter and the second it
was computed for: a write to a ticket bumps the counter once its transaction
commits, so the next poll served by the same process recomputes at once; a
board lives at most ``BOARD_TTL`` seconds, so with a per-process cache (the
embedded run's local memory, or several gunicorn workers without Redis) a
write made in another process shows within that — inside the issue's 2 s.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.cache import cache

from onestop.common.changes import changes_bump, changes_of

BOARD_TTL = 1  # seconds


def _counter_key(organisation_id: int) -> str:
    return f"hall-board-changes:{organisation_id}"


def board_changed(*, organisation_id: int) -> None:
    """Mark the hall's board stale, now and when the transaction commits."""
    changes_bump(_counter_key(organisation_id))


def board_cached(
    *, organisation_id: int, now: datetime, compute: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """The board for ``now``: from the cache if no ticket changed since, else computed."""
    changes = changes_of(_counter_key(organisation_id))
    key = f"hall-board:{organisation_id}:{changes}:{int(now.timestamp())}"
    board = cache.get(key)
    if board is None:
        board = compute()
        cache.set(key, board, timeout=BOARD_TTL)
    return board

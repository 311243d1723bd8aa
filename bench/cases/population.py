"""The mix of cases generated: their ages, statuses and channels."""

from __future__ import annotations

import random
from collections.abc import Sequence

HISTORY_DAYS = 3 * 365  # cases received over the last three years
RECENT_DAYS = 45  # most open cases are younger than this

CHANNELS = (("counter", 70), ("online", 20), ("phone", 5), ("mail", 3), ("email", 2))
# Status of a promised case by age: (status, weight).
PROMISED_RECENT = (
    ("in_progress", 44),
    ("suspended", 6),
    ("awaiting_supplement", 9),
    ("completed", 12),
    ("delivered", 22),
    ("rejected", 3),
    ("referred", 2),
    ("withdrawn", 2),
)
PROMISED_OLD = (
    ("delivered", 91),
    ("rejected", 3),
    ("referred", 2.5),
    ("withdrawn", 2),
    ("awaiting_supplement", 0.4),  # notices never answered
    ("in_progress", 0.1),  # stuck and long overdue
)
IMMEDIATE = (("on_the_spot", 94), ("rejected", 2), ("referred", 4))
ON_TIME_SHARE = 0.8  # open cases received within their time limit
IMMEDIATE_SHARE = 0.25  # weight of an item done on the spot against a promised one
SUSPENSION_REASONS = ("applicant", "expert_review", "public_notice", "other_legal")


def weighted(rng: random.Random, table: Sequence[tuple[str, float]]) -> str:
    """One of the table's names, by its weight."""
    return rng.choices([name for name, _ in table], weights=[w for _, w in table])[0]

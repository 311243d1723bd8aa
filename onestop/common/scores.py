"""A score that a data source hands to the quality evaluation.

Surveys (a question's answers), quality inspection (a scorecard item's
points) and casework (the on-time rate) all report the same shape, so an
evaluation scheme can bind a factor to any of them without knowing how each
is counted. Scores are on a 0–100 scale: the source says how its raw figures
map onto it (docs/quality.md).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceScore:
    """One source figure for a period (and possibly a department).

    ``score`` is ``None`` when nothing was counted; ``count`` is how many
    answers, inspections or cases stand behind it, so a reader can judge it.
    """

    score: float | None
    count: int

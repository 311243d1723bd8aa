"""The arithmetic of a scorecard, free of Django: one inspection's total, a round's spread.

An item scored in points earns what the inspector gave less the deductions
ticked, never below zero nor above its maximum; a pass/fail item earns its
maximum or nothing, less deductions. An item marked "does not apply" leaves
both the earned and the possible points. The total is earned ÷ possible ×
100 (items weigh by their maximum points), and a failed critical item sets
it to zero — the usual rule of contact-centre QA forms (e.g. COPC CX
Standard, "fatal errors"; 篇5's 质检 with 一票否决).

The spread of a calibration round is the range and the population standard
deviation of the inspectors' scores (every inspector in the round is the
population, not a sample of one).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class ItemSpec:
    """An item of the scorecard as the arithmetic needs it."""

    item_id: int
    max_points: Decimal
    pass_fail: bool = False
    critical: bool = False


@dataclass(frozen=True)
class ItemMark:
    """What the inspector entered for one item."""

    item_id: int
    applicable: bool = True
    points: Decimal | None = None  # points items
    passed: bool | None = None  # pass/fail items
    deductions: tuple[Decimal, ...] = field(default=())


@dataclass(frozen=True)
class ItemOutcome:
    item_id: int
    earned: Decimal
    possible: Decimal
    critical_failed: bool


@dataclass(frozen=True)
class ScoreResult:
    items: tuple[ItemOutcome, ...]
    earned: Decimal
    possible: Decimal
    total: Decimal | None  # 0–100, two places; None when no item applied
    critical_failed: bool


class MarkError(ValueError):
    """A mark that cannot be scored; ``item_id`` and ``problem`` say which and why."""

    def __init__(self, item_id: int, problem: str) -> None:
        self.item_id = item_id
        self.problem = problem
        super().__init__(f"item {item_id}: {problem}")


def item_outcome(spec: ItemSpec, mark: ItemMark) -> ItemOutcome:
    """Points earned and possible on one item."""
    if not mark.applicable:
        return ItemOutcome(spec.item_id, Decimal(0), Decimal(0), False)
    if spec.pass_fail:
        if mark.passed is None:
            raise MarkError(spec.item_id, "passed_missing")
        given = spec.max_points if mark.passed else Decimal(0)
    else:
        if mark.points is None:
            raise MarkError(spec.item_id, "points_missing")
        if not 0 <= mark.points <= spec.max_points:
            raise MarkError(spec.item_id, "points_out_of_range")
        given = mark.points
    earned = max(Decimal(0), given - sum(mark.deductions, Decimal(0)))
    failed = spec.critical and (mark.passed is False if spec.pass_fail else earned == 0)
    return ItemOutcome(spec.item_id, earned, spec.max_points, failed)


def score(specs: Sequence[ItemSpec], marks: Sequence[ItemMark]) -> ScoreResult:
    """The inspection's total from a mark for every item of the scorecard."""
    by_item = {mark.item_id: mark for mark in marks}
    missing = [spec.item_id for spec in specs if spec.item_id not in by_item]
    if missing:
        raise MarkError(missing[0], "mark_missing")
    outcomes = tuple(item_outcome(spec, by_item[spec.item_id]) for spec in specs)
    earned = sum((o.earned for o in outcomes), Decimal(0))
    possible = sum((o.possible for o in outcomes), Decimal(0))
    critical = any(o.critical_failed for o in outcomes)
    return ScoreResult(
        outcomes, earned, possible, _total(earned, possible, critical), critical
    )


def _total(earned: Decimal, possible: Decimal, critical: bool) -> Decimal | None:
    if possible == 0:
        return None
    if critical:
        return Decimal("0.00")
    return (earned / possible * HUNDRED).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Spread:
    count: int
    low: float | None
    high: float | None
    mean: float | None
    stdev: float | None

    @property
    def range(self) -> float | None:
        if self.low is None or self.high is None:
            return None
        return self.high - self.low


def spread(values: Sequence[float | Decimal]) -> Spread:
    """Range and population standard deviation of several inspectors' scores."""
    numbers = [float(v) for v in values]
    if not numbers:
        return Spread(0, None, None, None, None)
    mean = math.fsum(numbers) / len(numbers)
    variance = math.fsum((x - mean) ** 2 for x in numbers) / len(numbers)
    return Spread(len(numbers), min(numbers), max(numbers), mean, math.sqrt(variance))

"""Input checks shared by the Erlang functions, and the validated inputs of
one staffing problem (:class:`_Problem`, :func:`_load`, :func:`_problem`).

A bad argument raises ValueError naming it. Pure Python + NumPy; no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# Largest offered traffic accepted by the staffing functions, in erlangs.
_MAX_TRAFFIC = 1e6


# -- validation ---------------------------------------------------------------


def _number(value: object, name: str) -> float:
    """A finite real number as a float, or ValueError."""
    if isinstance(value, bool) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
        raise ValueError(f"{name} must be a number, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return x


def _count(value: object, name: str) -> int:
    """A whole number ≥ 0 (servers, agents), or ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name} must be an int, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be at least 0, got {value}")
    return int(value)


def _at_least(value: object, name: str, low: float, *, strict: bool) -> float:
    x = _number(value, name)
    if x < low or (strict and x == low):
        bound = "greater than" if strict else "at least"
        raise ValueError(f"{name} must be {bound} {low:g}, got {value!r}")
    return x


@dataclass(frozen=True)
class _Problem:
    """The validated inputs of one staffing problem, as floats."""

    calls: float
    aht: float
    interval: float
    target: float
    within: float
    cap: float | None
    shrinkage: float

    @property
    def traffic(self) -> float:
        """A in erlangs. Every path computes it with these same float
        operations, so scalar and vectorised results agree bit for bit."""
        return self.calls * self.aht / self.interval

    @property
    def within_per_aht(self) -> float:
        return self.within / self.aht


def _load(calls: float, aht_s: float, interval_s: float) -> tuple[float, float, float]:
    """Validated (calls, aht, interval). The traffic is capped because every
    method here costs O(A) steps: a million erlangs is far past any queue."""
    c = _at_least(calls, "calls", 0, strict=False)
    aht = _at_least(aht_s, "aht_s", 0, strict=True)
    interval = _at_least(interval_s, "interval_s", 0, strict=True)
    if c * aht / interval > _MAX_TRAFFIC:
        raise ValueError(
            f"calls × aht_s / interval_s = {c * aht / interval:g} erlangs; "
            f"at most {_MAX_TRAFFIC:g} are supported"
        )
    return c, aht, interval


def _problem(
    calls: float,
    aht_s: float,
    interval_s: float,
    target_service_level: float,
    answer_within_s: float,
    max_occupancy: float | None,
    shrinkage: float,
) -> _Problem:
    c, aht, interval = _load(calls, aht_s, interval_s)
    target = _number(target_service_level, "target_service_level")
    if not 0 < target < 1:
        # 1 is out of reach: every agent count leaves C·e^(−r) > 0.
        raise ValueError(f"target_service_level must be in (0, 1), got {target!r}")
    cap = None
    if max_occupancy is not None:
        cap = _number(max_occupancy, "max_occupancy")
        if not 0 < cap <= 1:
            raise ValueError(f"max_occupancy must be in (0, 1], got {max_occupancy!r}")
    s = _number(shrinkage, "shrinkage")
    if not 0 <= s < 1:
        raise ValueError(f"shrinkage must be in [0, 1), got {shrinkage!r}")
    within = _at_least(answer_within_s, "answer_within_s", 0, strict=False)
    return _Problem(c, aht, interval, target, within, cap, s)

"""Latency samples and their percentiles."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Figure:
    """One measured figure: latency samples in ms, or why it was skipped."""

    name: str
    samples: list[float] = field(default_factory=list)
    note: str = ""
    skipped: str = ""
    rate: float = 0.0

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed(work: Callable[[], Any], count: int, warmup: int = 3) -> list[float]:
    """Milliseconds of ``count`` calls of ``work``, after ``warmup`` calls."""
    for _ in range(warmup):
        work()
    out = []
    for _ in range(count):
        t0 = time.perf_counter()
        work()
        out.append((time.perf_counter() - t0) * 1e3)
    return out

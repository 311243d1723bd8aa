"""The periodic sweep: make inspections final once their appeal period ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from onestop.inspection.services import inspections_finalise


@dataclass
class SweepReport:
    finalised: int = 0

    def __str__(self) -> str:
        return f"{self.finalised} inspections final" if self.finalised else ""


def inspections_sweep(*, now: datetime) -> SweepReport:
    return SweepReport(finalised=inspections_finalise(now=now))

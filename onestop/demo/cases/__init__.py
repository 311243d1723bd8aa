"""The demo's casework: scripted requests played through the case services.

``SCRIPTS`` maps an organisation's slug to its scripts; ``runner.cases_play``
plays them. ``SWEEP_AT`` is the Monday morning the demo is meant to be seen:
the warning sweep runs once at that moment, so the yellow and red cases carry
their warnings.
"""

from __future__ import annotations

from .runner import cases_play
from .specs import TZ, CaseSpec, at
from .taxhall import CASES as TAX_HALL_CASES
from .university import CASES as UNIVERSITY_CASES

SCRIPTS: dict[str, tuple[CaseSpec, ...]] = {
    "uni": UNIVERSITY_CASES,
    "tax": TAX_HALL_CASES,
}
SWEEP_AT = at("11-30 09:00")
FIRST_DAY, LAST_DAY = at("10-19 00:00").date(), at("11-27 00:00").date()

__all__ = ["FIRST_DAY", "LAST_DAY", "SCRIPTS", "SWEEP_AT", "TZ", "cases_play"]

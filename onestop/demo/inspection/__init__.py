"""The demo's quality inspection: scorecards, a month's sample, scores and an appeal.

``inspection_demo_load(organisation)`` writes, through the services, a window
scorecard and a mystery-shopper checklist, a rule drawing three finished cases
per clerk, scores for most of the sample (a few deductions, one critical
failure) and one appeal awaiting a supervisor. It does nothing when the
organisation has scorecards already.
"""

from __future__ import annotations

from .loader import inspection_demo_load

__all__ = ["inspection_demo_load"]

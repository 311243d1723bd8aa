"""The demo's surveys (问卷与回访): a satisfaction return-visit questionnaire,
the SERVQUAL instrument for customers and for management, two months of
answers (a few of them screened out: a repeat respondent, straight-lining,
too fast), and this month's phone return visits drawn from completed cases.

``surveys_demo_load(organisation)`` does nothing for an organisation that
already has questionnaires, so the demo can be loaded again.
"""

from __future__ import annotations

from .loader import surveys_demo_load

__all__ = ["surveys_demo_load"]

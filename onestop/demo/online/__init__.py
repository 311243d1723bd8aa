"""The demo's online applications (网上申请): a few per organisation, waiting for the window.

``APPLICATIONS`` maps an organisation's slug to its applications;
``runner.applications_submit`` submits them with tiny files made in memory.
"""

from __future__ import annotations

from .runner import applications_submit
from .specs import ApplicationSpec
from .taxhall import APPLICATIONS as TAX_HALL_APPLICATIONS
from .university import APPLICATIONS as UNIVERSITY_APPLICATIONS

APPLICATIONS: dict[str, tuple[ApplicationSpec, ...]] = {
    "uni": UNIVERSITY_APPLICATIONS,
    "tax": TAX_HALL_APPLICATIONS,
}

__all__ = ["APPLICATIONS", "applications_submit"]

"""The demo's ratings (好差评): about half the finished cases of each organisation.

``RATINGS`` maps an organisation's slug to its ratings; ``runner.ratings_give``
gives them. Mostly 满意 and 非常满意, a few 基本满意, and three bad ones per
organisation whose rectifications stand at different steps on the demo's
Monday morning — being verified, being rectified, replied to, closed, found
invalid, and one overdue that the sweep at ``SWEEP_AT`` escalates.
"""

from __future__ import annotations

from .runner import ratings_give
from .specs import RatingSpec
from .taxhall import RATINGS as TAX_HALL_RATINGS
from .university import RATINGS as UNIVERSITY_RATINGS

RATINGS: dict[str, tuple[RatingSpec, ...]] = {
    "uni": UNIVERSITY_RATINGS,
    "tax": TAX_HALL_RATINGS,
}

__all__ = ["RATINGS", "ratings_give"]

"""The demo hotlines: queues, four weeks of calls, agents, forecasts, rosters, knowledge.

``HOTLINES`` maps an organisation's slug to its ``HotlineSpec``;
``hotline_load`` loads one (see ``runner`` for the steps and ``calls`` for
how the calls are made up). The tax hall has its 12366 line — two queues,
nine agents, next week forecast and rostered, a dozen knowledge articles
and a campaign in planning; the university its repair line with three
operators, its week left for the supervisor to forecast and roster on the
workforce page. What depends on the day of the load:

- **Calls** cover the four weeks up to yesterday; a later load adds the days
  since the last one with calls, a load the same day adds nothing.
- The **forecast** and the **roster** are made for the week after the
  load's, when that week has none.
- **Articles** are approved some days before the load; the **campaign**
  starts on the Tuesday of the week after the load. Both are made once.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from onestop.organisations.models import Organisation

from .runner import hotline_run
from .specs import HotlineSpec
from .taxhall import HOTLINE as TAX_HALL_HOTLINE
from .university import HOTLINE as UNIVERSITY_HOTLINE

HOTLINES: dict[str, HotlineSpec] = {
    "uni": UNIVERSITY_HOTLINE,
    "tax": TAX_HALL_HOTLINE,
}


def hotline_load(
    organisation: Organisation, *, users: Mapping[str, Any], now: datetime
) -> None:
    """Load the organisation's demo hotline, if it has one; ``now``: the load's moment."""
    spec = HOTLINES.get(organisation.slug)
    if spec is not None:
        hotline_run(organisation=organisation, spec=spec, users=users, now=now)


__all__ = ["HOTLINES", "hotline_load"]

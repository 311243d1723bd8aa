"""A simulated day of a queue with its roster: does the roster hold?

Callers arrive as the forecast says; the agents on the phones are the
rostered agents less shrinkage, ⌊rostered × (1 − shrinkage)⌋ — the inverse of
the gross-up a requirement is scheduled with, so a roster that meets the
scheduled requirement puts the required agents on the phones. The model
itself is ``onestop.compute.callsim``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from onestop.compute.callsim import DayPlan, DayResult, simulate_day
from onestop.contactcenter.models import Queue
from onestop.workforce import history, selectors
from onestop.workforce.intervals import INTERVAL_S, local_midnight

DEFAULT_PATIENCE_S = 180
DEFAULT_VIP_SHARE = 0.1


@dataclass(frozen=True)
class Simulation:
    day: date
    plan: DayPlan
    result: DayResult
    forecast_calls: float
    agent_hours: float


def on_phones(rostered: int, shrinkage: Decimal) -> int:
    """⌊rostered × (1 − shrinkage)⌋, exactly."""
    return math.floor(rostered * (1 - Fraction(shrinkage)))


def usual_vip_share(queue: Queue, day: date) -> float:
    """VIPs' share of the calls in the four weeks before ``day``."""
    end = local_midnight(day)
    share = history.vip_share(queue, end - timedelta(weeks=4), end)
    return DEFAULT_VIP_SHARE if share is None else share


def usual_patience(queue: Queue) -> int:
    return selectors.planning_for(queue).patience_s or DEFAULT_PATIENCE_S


def simulate(
    *,
    queue: Queue,
    day: date,
    vip_share: float,
    patience_s: float,
    seed: int = 1,
) -> Simulation:
    """Simulate ``day`` with the queue's forecast and roster."""
    start, end = local_midnight(day), local_midnight(day + timedelta(days=1))
    rows = selectors.staffing_gap(queue=queue, start=start, end=end)
    forecast = selectors.forecast_values(queue=queue, start=start, end=end)
    aht = next(iter(forecast.values())).aht_s if forecast else 0.0
    agents = [on_phones(r.rostered_agents, queue.shrinkage) for r in rows]
    plan = DayPlan(
        calls=[r.forecast_calls for r in rows],
        agents=agents,
        interval_s=INTERVAL_S,
        aht_s=aht or float(selectors.planning_for(queue).default_aht_s),
        patience_s=patience_s,
        answer_within_s=queue.answer_within_s,
        vip_share=vip_share,
        seed=seed,
    )
    return Simulation(
        day=day,
        plan=plan,
        result=simulate_day(plan),
        forecast_calls=sum(plan.calls),
        agent_hours=sum(agents) * INTERVAL_S / 3600,
    )

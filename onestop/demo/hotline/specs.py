"""The shape of a demo hotline: queues, their calls, agents, shifts, knowledge, a campaign.

Agents are named by username (the people themselves are declared with the
rest of the demo's staff in ``demo.people``); shift templates by their
codes. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class QueueSpec:
    """A hotline queue and the calls it gets on an ordinary working day.

    ``hours`` are the manned hours (``"08:30-17:30"``); ``weekend_hours`` are
    used on rest days that are not public holidays, empty when the line is
    not manned then. ``daily_calls`` is a plain working day's offered calls;
    ``shape`` gives the weight of each manned half hour, in order (repeated
    or cut to fit); ``weekday_factor`` scales Monday … Sunday.
    """

    code: str
    name: str
    hours: str
    daily_calls: float
    shape: tuple[float, ...]
    weekday_factor: tuple[float, ...]
    aht_s: int
    patience_s: int
    weekend_hours: str = ""
    target_service_level: Decimal = Decimal("0.800")
    answer_within_s: int = 15
    target_answer_rate: Decimal = Decimal("0.950")
    shrinkage: Decimal = Decimal("0.300")
    vip_share: float = 0.0
    transfer_share: float = 0.0
    menu_hangups: int = 0  # callers a day who hang up in the voice menu off hours
    planning_patience_s: int | None = None
    seats: tuple[tuple[str, str], ...] = ()  # (username, template) worked usually


@dataclass(frozen=True)
class ShiftSpec:
    code: str
    name: str
    start: str
    hours: float
    break_after_minutes: int | None = None
    break_minutes: int = 0


@dataclass(frozen=True)
class AgentSpec:
    """An agent's limits; ``days_off`` as the profile takes them (1 Monday … 7 Sunday)."""

    username: str
    weekly_hours: Decimal = Decimal("40.0")
    days_off: str = "67"


@dataclass(frozen=True)
class VariantSpec:
    region: str
    body: str


@dataclass(frozen=True)
class ArticleSpec:
    """A knowledge article, published by ``approver`` ``days_ago`` days before the load.

    ``pending`` is the text of a second version, submitted and waiting for
    approval.
    """

    key: str
    category: str
    title: str
    body: str
    author: str
    approver: str
    days_ago: int
    variants: tuple[VariantSpec, ...] = ()
    topics: tuple[str, ...] = ()
    note: str = ""
    pending: tuple[str, str, str] | None = None  # (title, body, note)


@dataclass(frozen=True)
class CampaignSpec:
    """A campaign in planning: it starts ``starts_after`` days after next Monday."""

    code: str
    name: str
    queue: str
    channel: str
    description: str
    reach: int
    response_rate: Decimal
    starts_after: int
    days: int
    half_life_days: Decimal | None
    planner: str
    script: str


@dataclass(frozen=True)
class HotlineSpec:
    """One organisation's hotline; ``importer`` brings in the calls and plans the weeks."""

    prefix: str
    importer: str
    queues: tuple[QueueSpec, ...]
    shifts: tuple[ShiftSpec, ...]
    agents: tuple[AgentSpec, ...]
    articles: tuple[ArticleSpec, ...] = ()
    campaigns: tuple[CampaignSpec, ...] = field(default=())
    history_days: int = 28
    filing_period: bool = False  # busier up to the tax filing deadline each month
    plan_weeks: bool = False  # forecast and roster next week
    absence: float = 0.04  # the share of usual shifts not worked (leave, training)

"""北方大学后勤报修热线 (0431-8516 6110): one queue, three operators.

Manned on working days 08:00–18:00; nights and weekends the voice menu
gives the duty electrician's mobile number, so only the menu answers then.
Mondays bring the weekend's leaks and blown fuses; mornings are busiest.
The dispatcher (韩雪) sends the jobs out; the operators take the calls.
No week is planned: the supervisor (陈静) forecasts and rosters it on the
workforce page, to try it.
"""

from __future__ import annotations

from decimal import Decimal

from .specs import AgentSpec, HotlineSpec, QueueSpec, ShiftSpec

REPAIRS = "6110"
# Calls of each half hour from 08:00 to 17:30: the morning's reports, the
# lunch dip, the steady afternoon.
SHAPE = (
    1.3, 1.5, 1.4, 1.2, 1.1, 1.0, 0.9, 0.7, 0.5, 0.5,
    0.6, 0.9, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.0, 0.8,
)  # fmt: skip

QUEUES = (
    QueueSpec(
        code=REPAIRS,
        name="后勤报修热线",
        hours="08:00-18:00",
        daily_calls=80,
        shape=SHAPE,
        weekday_factor=(1.35, 1.05, 1.0, 0.95, 0.9, 0.0, 0.0),
        aht_s=150,
        patience_s=75,
        # Three people and the phone: their breaks are in their shifts, and
        # nothing else takes them off the line.
        shrinkage=Decimal("0"),
        menu_hangups=5,
        seats=(
            ("uni-hotline-01", "E"),
            ("uni-hotline-02", "L"),
            ("uni-hotline-03", "E"),
        ),
    ),
)

SHIFTS = (
    ShiftSpec("E", "早班", "08:00", 8.5, break_after_minutes=240, break_minutes=30),
    ShiftSpec("L", "晚班", "09:30", 8.5, break_after_minutes=240, break_minutes=30),
)

AGENTS = (
    AgentSpec("uni-hotline-01"),
    AgentSpec("uni-hotline-02"),
    AgentSpec("uni-hotline-03"),
)

HOTLINE = HotlineSpec(
    prefix="HQ6110",
    importer="uni-supervisor",
    queues=QUEUES,
    shifts=SHIFTS,
    agents=AGENTS,
)

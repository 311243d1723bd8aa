"""The indicators and the May plan of the service tests, with the points worked by hand.

Persons (weights 0.3, 0.1, 0.2, 0.2, 0.2 → full points 30, 10, 20, 20, 20):

====================  =========================  ===========================
indicator             uni_clerk                  uni_technician
====================  =========================  ===========================
on-time, linear       100 % → 30                 75 %: (75−60)/(100−60)×30
60 → 100 %                                       = 11.25
one-time, pass ≥ 90   75 % → 0                   no records → full 10
rating, steps         3.0 → band ≥ 3: 0.5×20=10  5.0 → band ≥ 4.5: 20
≥4.5:1, ≥4:.8, ≥3:.5
complaints, −5 each   1 → 20 − 5 = 15            0 → 20
on-site check, −2     1 event → 20 − 2 = 18      none → 0 events → 20
total                 73                         81.25
====================  =========================  ===========================

Posts: the general items are on-time 0.5 and rating 0.5; the review post U-P2
has its own, on-time 1.0. U-P1: on-time 100 % → 50, rating 3.0 (its clerk's)
→ 0.5 × 50 = 25, total 75. U-P2: (75 − 60) / 40 × 100 = 37.5.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from onestop.assessment.models import Direction, Source, SubjectKind
from onestop.assessment.services import (
    CheckEntry,
    IndicatorDefinition,
    check_record,
    indicator_define,
    plan_create,
    plan_set_weights,
)

D = Decimal


def define(t: Any, code: str, name: str, rule: dict, *, metric: str = "",
           direction: str = Direction.HIGHER) -> Any:  # fmt: skip
    return indicator_define(
        actor=t.uni_supervisor,
        organisation=t.uni,
        definition=IndicatorDefinition(
            code=code,
            name=name,
            definition=f"{name}的定义",
            source=Source.METRIC if metric else Source.MANUAL,
            metric_key=metric,
            direction=direction,
            rule=rule,
            unit="" if metric else "次",
        ),
    )


def populate_indicators(t: Any) -> None:
    t.on_time = define(t, "ZB-01", "按时办结率", {"kind": "linear", "worst": 60, "best": 100},
                       metric="on_time_rate")  # fmt: skip
    t.one_time = define(t, "ZB-02", "一次性告知率", {"kind": "pass_fail", "threshold": 90},
                        metric="one_time_rate")  # fmt: skip
    steps = [{"limit": 4.5, "share": 1}, {"limit": 4, "share": 0.8},
             {"limit": 3, "share": 0.5}]  # fmt: skip
    t.rating = define(t, "ZB-03", "评价均分", {"kind": "steps", "steps": steps},
                      metric="average_rating")  # fmt: skip
    t.complaints = define(t, "ZB-04", "有效投诉", {"kind": "deduction", "points_per_event": 5},
                          metric="complaints", direction=Direction.LOWER)  # fmt: skip
    t.onsite = define(t, "ZB-05", "现场检查", {"kind": "deduction", "points_per_event": 2},
                      direction=Direction.LOWER)  # fmt: skip


def populate_plan(t: Any) -> None:
    t.plan = plan_create(actor=t.uni_supervisor, organisation=t.uni, name="2025年5月绩效考核",
                         start=date(2025, 5, 1), end=date(2025, 5, 31))  # fmt: skip
    person_weights = {t.on_time.pk: D("0.3"), t.one_time.pk: D("0.1"), t.rating.pk: D("0.2"),
                      t.complaints.pk: D("0.2"), t.onsite.pk: D("0.2")}  # fmt: skip
    plan_set_weights(actor=t.uni_supervisor, plan=t.plan, subject_kind=SubjectKind.PERSON,
                     weights=person_weights)  # fmt: skip
    plan_set_weights(actor=t.uni_supervisor, plan=t.plan, subject_kind=SubjectKind.POST,
                     weights={t.on_time.pk: D("0.5"), t.rating.pk: D("0.5")})  # fmt: skip
    plan_set_weights(actor=t.uni_supervisor, plan=t.plan, subject_kind=SubjectKind.POST,
                     subject_id=t.post_back.pk, weights={t.on_time.pk: D(1)})  # fmt: skip


def record_onsite(t: Any, *, value: str = "1", day: int = 20) -> Any:
    return check_record(
        actor=t.uni_inspector,
        plan=t.plan,
        entry=CheckEntry(
            indicator_version=t.onsite,
            subject_kind=SubjectKind.PERSON,
            subject_id=t.uni_clerk.pk,
            occurred_on=date(2025, 5, day),
            value=D(value),
            finding="窗口工作时间玩手机",
            evidence="监控录像 5月20日 10:12，1号窗口",
        ),
    )

"""The demo's performance assessment: indicators, October signed, November run.

For the university's logistics centre or the tax hall, whichever is given:
six indicators (on-time steps, one-time notices, the average rating, valid
complaints, hand-over timeliness, an on-site check with evidence), an October
plan run and signed, and a November plan with the weights decomposed to
posts and people, one on-site finding recorded and run once — so the pages
show the standings, a signed period and an open one with a deduction the
person may object to. Runs on the demo's own recorded work (2026); does
nothing when the organisation has indicators already.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from onestop.assessment.models import Direction, Indicator, Source, SubjectKind
from onestop.assessment.services import (
    CheckEntry,
    IndicatorDefinition,
    check_record,
    indicator_define,
    plan_create,
    plan_run,
    plan_set_weights,
    plan_sign,
)
from onestop.organisations.models import Membership, Organisation
from onestop.posts.models import PostAssignment

D = Decimal
INDICATORS = (
    ("KH-01", "按时办结率", "on_time_rate", Direction.HIGHER,
     "本月办结的环节中，在时限内办结的比例（%）。", {"kind": "linear", "worst": 80, "best": 100}),
    ("KH-02", "一次性告知率", "one_time_rate", Direction.HIGHER,
     "本月受理前需补正的申请中，只告知一次即补齐的比例（%）。",
     {"kind": "pass_fail", "threshold": 95, "higher_is_better": True}),
    ("KH-03", "服务评价均分", "average_rating", Direction.HIGHER,
     "本月办事群众对本人服务的评价平均分（1—5 分），无效差评不计。",
     {"kind": "steps", "higher_is_better": True, "steps": [
         {"limit": 4.8, "share": 1}, {"limit": 4.5, "share": 0.9},
         {"limit": 4.0, "share": 0.7}, {"limit": 3.0, "share": 0.4}]}),
    ("KH-04", "有效投诉", "complaints", Direction.LOWER,
     "经核实有效的差评投诉，每起扣 5 分，最多扣完本项分值。",
     {"kind": "deduction", "points_per_event": 5}),
    ("KH-05", "资料交接及时率", "handover_timeliness", Direction.HIGHER,
     "资料交接登记簿中按时确认接收的比例（%）。", {"kind": "linear", "worst": 60, "best": 100}),
    ("KH-06", "现场检查", "", Direction.LOWER,
     "督查人员现场检查发现的违规（脱岗、着装、服务用语等），每次扣 2 分，须附证据。",
     {"kind": "deduction", "points_per_event": 2, "cap": 10}),
)  # fmt: skip
PERSON_WEIGHTS = {"KH-01": "0.3", "KH-02": "0.15", "KH-03": "0.2", "KH-04": "0.15",
                  "KH-06": "0.2"}  # fmt: skip
POST_WEIGHTS = {"KH-01": "0.4", "KH-03": "0.3", "KH-05": "0.3"}
DEPARTMENT_WEIGHTS = {"KH-01": "0.5", "KH-03": "0.5"}


def assessment_demo_load(organisation: Organisation) -> bool:
    """Load the demo assessment once; True if it was loaded now."""
    if Indicator.objects.filter(organisation=organisation).exists():
        return False
    supervisor = _supervisor(organisation)
    if supervisor is None:
        return False
    with transaction.atomic():
        versions = {
            code: indicator_define(actor=supervisor, organisation=organisation,
                                   definition=_definition(code, name, key, way, text, rule))
            for code, name, key, way, text, rule in INDICATORS
        }  # fmt: skip
        october = _plan(organisation, supervisor, versions, "2026年10月绩效考核", 10)
        plan_run(actor=supervisor, plan=october)
        plan_sign(actor=supervisor, plan=october)
        november = _plan(organisation, supervisor, versions, "2026年11月绩效考核", 11)
        _onsite_finding(november, versions["KH-06"], supervisor)
        plan_run(actor=supervisor, plan=november, note="月中试算")
    return True


def _definition(code: str, name: str, key: str, way: str, text: str, rule: Any) -> Any:
    return IndicatorDefinition(
        code=code, name=name, definition=text, direction=way, rule=rule,
        source=Source.METRIC if key else Source.MANUAL, metric_key=key,
        unit="" if key else "次",
    )  # fmt: skip


def _supervisor(organisation: Organisation) -> Any:
    for role in ("supervisor", "administrator"):
        membership = (
            Membership.objects.filter(organisation=organisation, roles__name=role)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership:
            return membership.user
    return None


def _plan(organisation: Organisation, actor: Any, versions: dict[str, Any], name: str,
          month: int) -> Any:  # fmt: skip
    end = date(2026, month, 31 if month == 10 else 30)
    plan = plan_create(actor=actor, organisation=organisation, name=name,
                       start=date(2026, month, 1), end=end)  # fmt: skip
    for kind, weights in (
        (SubjectKind.PERSON, PERSON_WEIGHTS),
        (SubjectKind.POST, POST_WEIGHTS),
        (SubjectKind.DEPARTMENT, DEPARTMENT_WEIGHTS),
    ):
        plan_set_weights(actor=actor, plan=plan, subject_kind=kind,
                         weights={versions[c].pk: D(w) for c, w in weights.items()})  # fmt: skip
    return plan


def _onsite_finding(plan: Any, version: Any, actor: Any) -> None:
    assignment = (
        PostAssignment.objects.filter(post__organisation=plan.organisation)
        .select_related("membership")
        .order_by("post__code", "pk")
        .first()
    )
    if assignment is None:
        return
    check_record(
        actor=actor,
        plan=plan,
        entry=CheckEntry(
            indicator_version=version,
            subject_kind=SubjectKind.PERSON,
            subject_id=assignment.membership.user_id,
            occurred_on=date(2026, 11, 18),
            value=D(1),
            finding="窗口服务期间离岗 15 分钟未放置暂停服务牌",
            evidence="大厅监控 11月18日 14:05—14:20，督查记录表第 23 号",
        ),
    )


__all__ = ["assessment_demo_load"]

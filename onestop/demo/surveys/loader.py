"""Loading the demo's surveys for one organisation (see the package docstring)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.compute.evaluation import SERVQUAL_DIMENSIONS
from onestop.organisations.models import Organisation, OrganisationKind
from onestop.posts.models import Department
from onestop.surveys.models import (
    Audience,
    Channel,
    Kind,
    Question,
    Questionnaire,
    ServqualPart,
)
from onestop.surveys.services import (
    QuestionFields,
    QuestionnaireFields,
    Respondent,
    RuleFields,
    invitation_links_create,
    question_add,
    questionnaire_create,
    questionnaire_publish,
    response_record,
    sampling_rule_create,
    sampling_run,
    section_add,
    servqual_create,
)

# How far, on the 7-point scale, each dimension falls short of expectations in
# the demo: reliability and responsiveness worst, as 篇9 found for a hotline.
SHORTFALL = {
    "tangibles": 0.3,
    "reliability": 1.4,
    "responsiveness": 1.1,
    "assurance": 0.5,
    "empathy": 0.7,
}
IMPORTANCE = [
    {
        "tangibles": 10,
        "reliability": 35,
        "responsiveness": 25,
        "assurance": 15,
        "empathy": 15,
    },
    {
        "tangibles": 15,
        "reliability": 30,
        "responsiveness": 20,
        "assurance": 20,
        "empathy": 15,
    },
    {
        "tangibles": 5,
        "reliability": 40,
        "responsiveness": 25,
        "assurance": 15,
        "empathy": 15,
    },
]
WORDING = {
    OrganisationKind.LOGISTICS: (
        "维修服务满意度回访",
        "报修后维修人员是否按约定时间上门",
        "维修服务",
    ),
}
DEFAULT_WORDING = ("办事满意度调查", "是否在承诺时限内办结", "办事服务")


@transaction.atomic
def surveys_demo_load(organisation: Organisation) -> None:
    if Questionnaire.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(f"surveys-{organisation.slug}")
    today = timezone.localdate()
    departments = list(Department.objects.filter(organisation=organisation))
    satisfaction = _satisfaction(organisation)
    customers = servqual_create(
        actor=None,
        organisation=organisation,
        now=_moment(today - timedelta(days=62), 9),
    )
    management = servqual_create(
        actor=None,
        organisation=organisation,
        audience=Audience.MANAGEMENT,
        now=_moment(today - timedelta(days=62), 9),
    )
    _satisfaction_answers(satisfaction, departments, rng, today)
    _servqual_answers(customers, departments, rng, today)
    _management_answers(management, rng, today)
    invitation_links_create(
        actor=None,
        questionnaire=customers,
        count=20,
        now=_moment(today - timedelta(days=3), 9),
    )
    _return_visits(organisation, today)


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(
        day, time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def _satisfaction(organisation: Organisation) -> Questionnaire:
    title, timely, service = WORDING.get(organisation.kind, DEFAULT_WORDING)  # type: ignore[call-overload]
    questionnaire = questionnaire_create(
        actor=None,
        organisation=organisation,
        fields=QuestionnaireFields(
            code="SAT",
            title=title,
            introduction=f"感谢您使用{organisation.short_name}的{service}，请花一分钟告诉我们您的感受。",
            min_seconds=20,
            straightline_items=4,
        ),
    )
    section = section_add(actor=None, questionnaire=questionnaire, title="服务评价")
    for fields in (
        QuestionFields(
            kind=Kind.LIKERT5,
            text="您对本次服务的总体满意程度",
            low_label="很不满意",
            high_label="很满意",
        ),
        QuestionFields(
            kind=Kind.MATRIX5,
            text="请对以下方面打分",
            low_label="很差",
            high_label="很好",
            lines=["办理速度", "工作人员态度", "一次性告知是否清楚", "环境与设施"],
        ),
        QuestionFields(
            kind=Kind.SINGLE,
            text=timely,
            lines=["是 | 10", "稍有延误 | 5", "明显超时 | 0"],
        ),
        QuestionFields(
            kind=Kind.MULTIPLE,
            text="您是通过哪些渠道了解办事指南的",
            lines=["网站", "电话咨询", "现场窗口", "微信公众号"],
        ),
        QuestionFields(kind=Kind.TEXT, text="您还有什么意见或建议", required=False),
    ):
        question_add(actor=None, section=section, fields=fields)
    return questionnaire_publish(
        actor=None,
        questionnaire=questionnaire,
        now=_moment(timezone.localdate() - timedelta(days=70), 9),
    )


def _codes(questionnaire: Questionnaire) -> dict[str, Question]:
    return {q.code: q for q in questionnaire.questions.all()}


def _satisfaction_answers(
    questionnaire: Questionnaire,
    departments: list[Any],
    rng: random.Random,
    today: date,
) -> None:
    q = _codes(questionnaire)
    comments = [
        "师傅很耐心",
        "希望能再快一点",
        "",
        "",
        "窗口排队时间有点长",
        "",
        "服务很好，点赞",
    ]
    for n in range(36):
        day = today - timedelta(days=rng.randint(1, 58))
        base = rng.choice([5, 4, 4, 4, 3, 5, 2])
        grid = [max(1, min(5, base + rng.choice([-1, 0, 0, 1]))) for _i in range(4)]
        if n in (5, 17):
            grid = [5, 5, 5, 5]  # straight-lining, screened out
        answers = {
            q["Q1"].pk: base,
            **{q[f"Q2_{i}"].pk: v for i, v in enumerate(grid, start=1)},
            q["Q3"].pk: rng.choice([1, 1, 1, 2, 3]),
            q["Q4"].pk: sorted(rng.sample([1, 2, 3, 4], rng.randint(1, 2))),
            q["Q5"].pk: rng.choice(comments),
        }
        submitted = _moment(day, rng.randint(9, 20), rng.randint(0, 59))
        seconds = 8 if n == 9 else rng.randint(40, 200)  # one too fast
        phone = "1380013" + (
            "0001" if n in (3, 4) else f"{n:04d}"
        )  # 3 and 4: the same person
        response_record(
            questionnaire=questionnaire,
            respondent=Respondent(
                channel=rng.choice([Channel.LINK, Channel.SMS, Channel.PHONE]),
                department_id=rng.choice(departments).pk if departments else None,
                phone=phone,
            ),
            answers=answers,
            now=submitted,
            started_at=submitted - timedelta(seconds=seconds),
        )


def _servqual_answers(
    questionnaire: Questionnaire,
    departments: list[Any],
    rng: random.Random,
    today: date,
) -> None:
    rows = list(questionnaire.questions.filter(parent__isnull=False))
    expect = {
        r.servqual_item: r.pk
        for r in rows
        if r.servqual_part == ServqualPart.EXPECTATION
    }
    perceive = {
        r.servqual_item: r.pk
        for r in rows
        if r.servqual_part == ServqualPart.PERCEPTION
    }
    importance = {
        r.dimension: r.pk for r in rows if r.servqual_part == ServqualPart.IMPORTANCE
    }
    for n in range(40):
        leniency = rng.uniform(-0.6, 0.4)
        answers: dict[int, Any] = {}
        for item in range(1, 23):
            e = _clamp(6.2 + leniency + rng.uniform(-0.6, 0.6))
            p = _clamp(
                e - SHORTFALL[SERVQUAL_DIMENSIONS[item]] + rng.uniform(-0.8, 0.8)
            )
            answers[expect[item]], answers[perceive[item]] = e, p
        if n == 11:
            answers.update(
                {pk: 7 for pk in [*expect.values(), *perceive.values()]}
            )  # straight-lining
        answers.update(
            {importance[d]: v for d, v in IMPORTANCE[n % len(IMPORTANCE)].items()}
        )
        submitted = _moment(
            today - timedelta(days=rng.randint(1, 55)),
            rng.randint(9, 21),
            rng.randint(0, 59),
        )
        response_record(
            questionnaire=questionnaire,
            respondent=Respondent(
                channel=Channel.LINK,
                department_id=rng.choice(departments).pk if departments else None,
                phone=f"1390013{n:04d}",
            ),
            answers=answers,
            now=submitted,
            started_at=submitted - timedelta(seconds=rng.randint(240, 600)),
        )


def _management_answers(
    questionnaire: Questionnaire, rng: random.Random, today: date
) -> None:
    rows = {
        r.servqual_item: r.pk
        for r in questionnaire.questions.filter(parent__isnull=False)
    }
    for _n in range(5):
        # Managers underrate how much customers expect of reliability (gap 1).
        answers = {
            pk: _clamp(
                5.6
                + rng.uniform(-0.6, 0.6)
                - (0.8 if SERVQUAL_DIMENSIONS[item] == "reliability" else 0)
            )
            for item, pk in rows.items()
        }
        submitted = _moment(today - timedelta(days=rng.randint(5, 40)), 15)
        response_record(
            questionnaire=questionnaire,
            respondent=Respondent(channel=Channel.LINK),
            answers=answers,
            now=submitted,
            started_at=submitted - timedelta(seconds=300),
        )


def _clamp(value: float) -> int:
    return max(1, min(7, round(value)))


def _return_visits(organisation: Organisation, today: date) -> None:
    """A 10% monthly sample of completed cases, called back by phone."""
    rule = sampling_rule_create(
        actor=None,
        organisation=organisation,
        fields=RuleFields(
            name="每月按事项抽取一成办结件电话回访",
            questionnaire_code="SAT",
            percent=Decimal("10"),
            minimum=1,
            channel=Channel.PHONE,
        ),
    )
    for month in (today.replace(day=1) - timedelta(days=1), today):
        sampling_run(actor=None, rule=rule, month=month.replace(day=1))

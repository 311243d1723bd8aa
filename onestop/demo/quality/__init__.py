"""The demo's quality evaluation: one monthly scheme per organisation, computed.

``quality_demo_load(organisation)`` builds 篇2's three-source scheme —
customers (the share of good ratings, and the satisfaction survey's scaled
questions where the surveys demo has a questionnaire), self-evaluation (the
on-time and one-time-notification rates, a department self-check) and the
industry (an association's ranking, a third-party assessment) — weighted by
AHP, by three experts and directly; enters the manual scores with their
evidence; and computes October and November. A second call changes nothing.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from onestop.common.errors import ServiceError
from onestop.organisations.models import Organisation, OrganisationKind
from onestop.quality import services, sources
from onestop.quality.models import BindingKind, Scheme, Source

log = logging.getLogger(__name__)

PURPOSE = "monthly"
MONTHS = (date(2026, 10, 1), date(2026, 11, 1))

# (key, name, score in October, in November, evidence)
MANUAL = {
    OrganisationKind.LOGISTICS: {
        "qb-self-check": (
            "部门自查",
            86.0,
            88.0,
            "{month}各科室服务规范自查汇总表（综合办公室）",
        ),
        "qc-association": (
            "高校后勤协会评比",
            82.0,
            82.0,
            "省高校后勤协会2026年度服务质量评比通报",
        ),
        "qc-third-party": (
            "第三方测评",
            78.0,
            80.0,
            "{month}第三方机构神秘访客测评报告",
        ),
    },
    OrganisationKind.SERVICE_HALL: {
        "qb-self-check": (
            "办税服务厅自查",
            90.0,
            91.0,
            "{month}纳税服务规范执行情况自查表",
        ),
        "qc-association": (
            "上级局考评",
            88.0,
            88.0,
            "市局2026年三季度纳税服务考评通报",
        ),
        "qc-third-party": (
            "第三方满意度调查",
            84.0,
            85.0,
            "{month}第三方纳税人满意度调查报告",
        ),
    },
}


def quality_demo_load(organisation: Organisation) -> Scheme | None:
    """Build, weight and compute the organisation's monthly scheme; once."""
    if Scheme.objects.filter(organisation=organisation, purpose=PURPOSE).exists():
        return None
    manual = MANUAL.get(organisation.kind, MANUAL[OrganisationKind.LOGISTICS])
    with transaction.atomic():
        scheme = services.scheme_create(
            actor=None,
            organisation=organisation,
            purpose=PURPOSE,
            name="服务质量月度评价"
            if organisation.kind != OrganisationKind.LOGISTICS
            else "后勤服务质量月度评价",
            inner=(0.5, 0.3, 0.2),
            outer=(0.6, 0.4),
            note="篇2：Q内 = 0.5Qa + 0.3Qb + 0.2Qc；Q外 = 0.6Qa + 0.4Qc",
        )
        scheme = _customers(scheme, organisation)
        scheme = _self_evaluation(scheme, manual)
        scheme = _industry(scheme, manual)
        for month in MONTHS:
            for key, (_name, october, november, evidence) in manual.items():
                services.manual_score_set(
                    actor=None,
                    scheme=scheme,
                    factor_key=key,
                    month=month,
                    score=october if month.month == 10 else november,
                    evidence=evidence.format(month=f"{month.year}年{month.month}月"),
                )
    for month in MONTHS:
        if month > timezone.localdate():
            continue
        try:
            services.evaluation_compute(actor=None, scheme=scheme, month=month)
        except ServiceError as error:  # pragma: no cover - the demo's data are complete
            log.warning("quality demo: %s not computed: %s", month, error.message)
    return scheme


def _add(
    scheme: Scheme,
    source: str,
    key: str,
    name: str,
    kind: str,
    ref: str = "",
    parent: str = "",
) -> Scheme:
    scheme, _factor = services.factor_add(
        actor=None,
        scheme=scheme,
        source=source,
        key=key,
        name=name,
        binding_kind=kind,
        binding_ref=ref,
        parent_key=parent,
    )
    return scheme


def _survey_questions(organisation: Organisation) -> list[Any]:
    module = sources.surveys_scores()
    if module is None or not hasattr(module, "scaled_questions"):
        return []
    return list(module.scaled_questions(organisation=organisation))[:2]


def _customers(scheme: Scheme, organisation: Organisation) -> Scheme:
    scheme = _add(
        scheme,
        Source.CUSTOMERS,
        "qa-ratings",
        "好差评满意率",
        BindingKind.CASE_METRIC,
        "good_rating_share",
    )
    questions = _survey_questions(organisation)
    if not questions:
        return services.weights_set_direct(
            actor=None,
            scheme=scheme,
            source=Source.CUSTOMERS,
            parent_key="",
            weights=[1.0],
        )[0]
    scheme = _add(scheme, Source.CUSTOMERS, "qa-survey", "回访问卷", BindingKind.GROUP)
    for index, question in enumerate(questions, start=1):
        scheme = _add(
            scheme,
            Source.CUSTOMERS,
            f"qa-survey-{index}",
            question.text[:60],
            BindingKind.SURVEY_QUESTION,
            str(question.id),
            parent="qa-survey",
        )
    scheme = services.weights_set_direct(
        actor=None,
        scheme=scheme,
        source=Source.CUSTOMERS,
        parent_key="",
        weights=[0.4, 0.6],
    )[0]
    share = round(1 / len(questions), 6)
    weights = [share] * (len(questions) - 1) + [1 - share * (len(questions) - 1)]
    return services.weights_set_direct(
        actor=None,
        scheme=scheme,
        source=Source.CUSTOMERS,
        parent_key="qa-survey",
        weights=weights,
    )[0]


def _self_evaluation(scheme: Scheme, manual: dict[str, Any]) -> Scheme:
    scheme = _add(
        scheme,
        Source.SELF,
        "qb-on-time",
        "按时办结率",
        BindingKind.CASE_METRIC,
        "on_time_rate",
    )
    scheme = _add(
        scheme,
        Source.SELF,
        "qb-one-time",
        "一次性告知率",
        BindingKind.CASE_METRIC,
        "one_time_rate",
    )
    scheme = _add(
        scheme,
        Source.SELF,
        "qb-self-check",
        manual["qb-self-check"][0],
        BindingKind.MANUAL,
    )
    # 按时办结 2× as important as 一次性告知 and 3× the self-check; CR ≈ 0.
    return services.weights_set_ahp(
        actor=None,
        scheme=scheme,
        source=Source.SELF,
        parent_key="",
        matrix=[[1, 2, 3], [1 / 2, 1, 1.5], [1 / 3, 1 / 1.5, 1]],
    )[0]


def _industry(scheme: Scheme, manual: dict[str, Any]) -> Scheme:
    for key in ("qc-association", "qc-third-party"):
        scheme = _add(scheme, Source.INDUSTRY, key, manual[key][0], BindingKind.MANUAL)
    return services.weights_set_expert(
        actor=None,
        scheme=scheme,
        source=Source.INDUSTRY,
        parent_key="",
        experts=[
            ("后勤处处长", [0.6, 0.4]),
            ("校督导组", [0.5, 0.5]),
            ("学生会代表", [0.4, 0.6]),
        ],
    )[0]


__all__ = ["quality_demo_load"]

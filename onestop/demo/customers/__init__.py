"""The demo's customers (客户): the applicants of the organisation's cases as customer
records with attributes, one duplicate left for the merge page, and two segments
by rules with their service policies (篇3 客户细分, 差异化服务).

``customers_demo_load(organisation)`` does nothing when the organisation
already has customers, so loading the demo twice changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from onestop.cases.models import Case
from onestop.common.errors import ServiceError, ServiceErrors
from onestop.customers.models import Customer, CustomerKind
from onestop.customers.rules import Condition, Rule
from onestop.customers.selectors import customer_matching
from onestop.customers.services import customer_create, policy_save, segment_save
from onestop.organisations.models import Membership, Organisation, OrganisationKind

# (kind, name, ID or credit code, phone, attributes) for each kind of organisation.
TAX_CUSTOMERS = [
    (
        "organisation",
        "长春市恒信商贸有限公司",
        "91220101MA0Y4K2L3P",
        "13844001001",
        {"规模": "大型", "年纳税额": "3600000", "生产能力": "8000", "盈利能力": "高"},
    ),
    (
        "organisation",
        "吉林省北辰机械制造有限公司",
        "91220104MA0X7P8Q2R",
        "13844001002",
        {"规模": "大型", "年纳税额": "5200000", "生产能力": "12000", "盈利能力": "中"},
    ),
    (
        "organisation",
        "长春市绿源餐饮管理有限公司",
        "91220102MA0W3N5T6U",
        "13844001003",
        {"规模": "中型", "年纳税额": "420000", "盈利能力": "中"},
    ),
    (
        "organisation",
        "朝阳区晨光文具店",
        "92220104MA0V2M4S7H",
        "13844001004",
        {"规模": "小微", "年纳税额": "18000", "盈利能力": "低"},
    ),
    (
        "individual",
        "刘建国",
        "220102197803154518",
        "13944002001",
        {"收入档次": "高", "风险偏好": "稳健", "职业": "企业主", "年纳税额": "260000"},
    ),
    (
        "individual",
        "陈晓梅",
        "220104198911202846",
        "13944002002",
        {"收入档次": "中", "风险偏好": "保守", "职业": "教师", "年纳税额": "12000"},
    ),
]
UNI_CUSTOMERS = [
    (
        "organisation",
        "北方大学化学学院",
        "12220000MB0A1234X1",
        "13644003001",
        {"规模": "大型", "年度报修量": "420", "实验楼数": "3"},
    ),
    (
        "organisation",
        "北方大学第二食堂承包方（吉林省味佳餐饮有限公司）",
        "91220106MA0T8K9L1C",
        "13644003002",
        {"规模": "中型", "年度报修量": "160"},
    ),
    (
        "individual",
        "赵立新",
        "220105196505123417",
        "13744004001",
        {"职业": "退休教职工", "年龄": "61", "行动不便": "是"},
    ),
    (
        "individual",
        "孙雨桐",
        "220106200305086623",
        "13744004002",
        {"职业": "学生", "年龄": "23"},
    ),
]

TAX_SEGMENTS = [
    (
        "VIP纳税人",
        Rule(
            "all",
            (
                Condition("kind", "eq", "organisation"),
                Condition("年纳税额", "ge", "1000000"),
            ),
        ),
        {
            "priority": 1,
            "routing_tier": "VIP",
            "time_limit_days": 3,
            "preferred_channel": "visit",
        },
    ),
    (
        "小微企业",
        Rule(
            "any",
            (
                Condition("规模", "in", "小微,小型"),
                Condition("年纳税额", "lt", "100000"),
            ),
        ),
        {
            "priority": 3,
            "routing_tier": "普通",
            "time_limit_days": None,
            "preferred_channel": "online",
        },
    ),
]
UNI_SEGMENTS = [
    (
        "重点院系",
        Rule(
            "all",
            (
                Condition("kind", "eq", "organisation"),
                Condition("年度报修量", "ge", "300"),
            ),
        ),
        {
            "priority": 1,
            "routing_tier": "优先",
            "time_limit_days": 2,
            "preferred_channel": "visit",
        },
    ),
    (
        "关爱对象",
        Rule("any", (Condition("行动不便", "eq", "是"), Condition("年龄", "ge", "60"))),
        {
            "priority": 2,
            "routing_tier": "关爱",
            "time_limit_days": None,
            "preferred_channel": "phone",
        },
    ),
]


@transaction.atomic
def customers_demo_load(organisation: Organisation) -> None:
    """Create the organisation's demo customers, segments and policies once."""
    if Customer.objects.filter(organisation=organisation).exists():
        return
    is_tax = organisation.kind == OrganisationKind.SERVICE_HALL
    for kind, name, id_number, phone, attributes in (
        TAX_CUSTOMERS if is_tax else UNI_CUSTOMERS
    ):
        _create(organisation, kind, name, id_number, phone, attributes)
    _customers_from_cases(organisation)
    # A duplicate of the first customer by phone, for the merge page.
    first = (TAX_CUSTOMERS if is_tax else UNI_CUSTOMERS)[0]
    _create(organisation, first[0], first[1][:4], "", first[3], {})
    manager = _account_manager(organisation)
    for name, rule, policy in TAX_SEGMENTS if is_tax else UNI_SEGMENTS:
        segment = segment_save(
            actor=None, organisation=organisation, name=name, rule=rule
        )
        policy_save(
            actor=None, segment=segment, fields={**policy, "account_manager": manager}
        )


def _create(
    organisation: Organisation,
    kind: str,
    name: str,
    id_number: str,
    phone: str,
    attributes: dict[str, str],
) -> Customer:
    return customer_create(
        actor=None,
        organisation=organisation,
        fields={"kind": kind, "name": name, "id_number": id_number, "phone": phone},
        attributes=attributes,
    )


def _customers_from_cases(organisation: Organisation, limit: int = 20) -> None:
    """The organisation's recent applicants become customers, with their cases linked."""
    seen: set[str] = set()
    applicants = Case.objects.filter(
        organisation=organisation, customer_link__isnull=True
    ).values_list(
        "applicant_kind", "applicant_name", "applicant_id_number", "applicant_phone"
    )
    for kind, name, id_number, phone in applicants.order_by("-received_at")[:200]:
        key = id_number or phone
        if key in seen or len(seen) >= limit:
            continue
        seen.add(key)
        found, _matched = customer_matching(
            organisation_id=organisation.pk, id_number=id_number, phone=phone
        )
        if found is not None:
            continue
        try:
            _create(organisation, _kind(kind), name, id_number, phone, {})
        except (ServiceError, ServiceErrors):
            continue  # an applicant recorded without a usable number


def _kind(applicant_kind: str) -> str:
    return (
        CustomerKind.ORGANISATION
        if applicant_kind == "organisation"
        else CustomerKind.INDIVIDUAL
    )


def _account_manager(organisation: Organisation) -> Any:
    membership = (
        Membership.objects.filter(organisation=organisation).order_by("pk").first()
    )
    return membership.user if membership else None

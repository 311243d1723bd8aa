"""The demo's outsourced providers (篇7): competing contracts, six signed months, officers.

``providers_demo_load(organisation)`` gives the university's logistics centre
(or the tax hall) its outsourced services: two canteen operators and two
cleaning companies in competition, one dormitory-repair and one property
company, each on a contract for its regions with KPIs over the work of its
staff on its service type's catalogue items (repair: the 维修服务 items,
property: the 公寓服务 ones; on-time steps, ratings, bad ratings) and the feedback officers'
confirmed reports. May to October 2026 are run and signed — so each contract
shows six months of scores and payments and a renewal recommendation — with
inspectors' deductions and officers' reports along the way; November is open
with a report waiting for its check. Goes through the services; does
nothing when the organisation has providers already.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from onestop.catalog.models import ServiceItem
from onestop.organisations.models import Membership, Organisation, OrganisationKind
from onestop.providers.models import (
    FeedbackReport,
    Provider,
    Region,
    RegionKind,
    ServiceType,
)
from onestop.providers.services import (
    ContractTerms,
    KpiSpec,
    assessment_run,
    assessment_sign,
    contract_create,
    deduction_record,
    officer_appoint,
    provider_staff_link,
    report_check,
)

SH = ZoneInfo("Asia/Shanghai")
D = Decimal
MONTHS = [date(2026, m, 1) for m in range(5, 11)]  # May–October, signed
OPEN_MONTH = date(2026, 11, 1)

KPIS = (
    KpiSpec("按时办结率", "on_time_rate", {"kind": "linear", "worst": 80, "best": 100},
            D("0.4"), "报修、服务工单在时限内办结的比例。", "≥ 95%"),
    KpiSpec("师生评价均分", "average_rating", {"kind": "linear", "worst": 3, "best": 5},
            D("0.3"), "师生对服务人员评价的平均分（1—5）。", "≥ 4.5"),
    KpiSpec("差评", "bad_ratings", {"kind": "deduction", "points_per_event": 2, "cap": 10},
            D("0.1"), "不满意、非常不满意评价，每起扣 2 分。", "0"),
    KpiSpec("信息员反映问题", "officer_reports",
            {"kind": "deduction", "points_per_event": 2, "cap": 20},
            D("0.2"), "经核实的信息员反映问题，每起扣 2 分。", "0"),
)  # fmt: skip

# (service code, name, [(provider, regions, monthly base, deductions per month)])
UNIVERSITY = (
    ("canteen", "餐饮", [("康源餐饮管理有限公司", ["东区"], D("380000"), (0, 2, 0, 1, 0, 0)),
                         ("味美佳餐饮服务有限公司", ["西区"], D("350000"), (3, 4, 2, 5, 3, 4))]),
    ("cleaning", "保洁", [("洁雅物业服务有限公司", ["东区3号楼", "东区5号楼"], D("120000"),
                           (0, 0, 1, 0, 0, 0)),
                          ("清风保洁有限公司", ["西区"], D("110000"), (2, 1, 3, 2, 1, 2))]),
    ("repair", "宿舍维修", [("安居维修工程有限公司", ["东区", "西区"], D("90000"),
                             (1, 0, 2, 1, 0, 1))]),
    ("property", "物业管理", [("恒通物业管理有限公司", ["东区", "西区"], D("260000"),
                               (0, 1, 0, 0, 1, 0))]),
)  # fmt: skip
TAX_HALL = (
    ("cleaning", "保洁", [("洁雅物业服务有限公司", ["办税大厅"], D("45000"), (0, 1, 0, 0, 0, 1)),
                          ("清风保洁有限公司", ["后勤楼"], D("30000"), (2, 2, 1, 3, 2, 2))]),
    ("security", "安保", [("金盾保安服务有限公司", ["办税大厅", "后勤楼"], D("60000"),
                           (0, 0, 1, 0, 0, 0))]),
)  # fmt: skip
UNIVERSITY_OFFICERS = (
    ("李晓雨", "东区3号楼", "2023级会计1班"),
    ("王浩", "东区5号楼", "2024级机械2班"),
    ("陈思", "西区", "研究生会"),
)
# The catalogue categories whose cases are a service type's work (its KPIs'
# cases, ratings and inspections); canteen and cleaning have no catalogue items.
ITEM_CATEGORIES = {"repair": "维修服务", "property": "公寓服务"}
TAX_HALL_OFFICERS = (("赵敏", "办税大厅", "纳税人代表"),)
DEDUCTION_REASONS = (
    ("巡查发现公共区域卫生不达标", "督查巡查记录及现场照片"),
    ("服务人员未按规定着装", "督查记录表及照片"),
    ("设备维护保养记录缺失", "月度检查记录"),
)
REPORTS = (
    "楼道垃圾未及时清运",
    "水房地面湿滑无警示",
    "饭菜价格未公示",
    "报修后三天无人上门",
)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SH)


def providers_demo_load(organisation: Organisation) -> bool:
    """Load the demo providers once; True if they were loaded now."""
    if Provider.objects.filter(organisation=organisation).exists():
        return False
    people = _people(organisation)
    if people is None:
        return False
    university = organisation.kind == OrganisationKind.LOGISTICS
    with transaction.atomic():
        regions = _regions(organisation, university)
        officers = _officers(organisation, regions, university)
        for code, name, offers in UNIVERSITY if university else TAX_HALL:
            service = ServiceType.objects.create(
                organisation=organisation, code=code, name=name
            )
            if code in ITEM_CATEGORIES:
                service.items.set(
                    ServiceItem.objects.filter(
                        organisation=organisation, category=ITEM_CATEGORIES[code]
                    )
                )
            for index, offer in enumerate(offers):
                contract = _contract(
                    organisation, service, regions, index, offer, people
                )
                _months(contract, offer[3], officers, people)
    return True


def _people(organisation: Organisation) -> dict[str, Any] | None:
    found: dict[str, Any] = {}
    for role in ("supervisor", "inspector", "administrator"):
        membership = (
            Membership.objects.filter(organisation=organisation, roles__name=role)
            .select_related("user").order_by("pk").first()
        )  # fmt: skip
        if membership:
            found[role] = membership.user
    found.setdefault("supervisor", found.get("administrator"))
    found.setdefault("inspector", found.get("supervisor"))
    if found["supervisor"] is None:
        return None
    found["provider_staff"] = [
        m.user
        for m in Membership.objects.filter(organisation=organisation, roles__name="provider")
        .select_related("user").order_by("pk")
    ]  # fmt: skip
    return found


def _regions(organisation: Organisation, university: bool) -> dict[str, Region]:
    areas = ("东区", "西区") if university else ("办税大厅", "后勤楼")
    regions = {
        name: Region.objects.create(
            organisation=organisation, name=name, kind=RegionKind.AREA
        )
        for name in areas
    }
    if university:
        for name in ("东区3号楼", "东区5号楼"):
            regions[name] = Region.objects.create(
                organisation=organisation, name=name, kind=RegionKind.BUILDING,
                parent=regions["东区"],
            )  # fmt: skip
    return regions


def _officers(
    organisation: Organisation, regions: dict[str, Region], university: bool
) -> list[Any]:
    names = UNIVERSITY_OFFICERS if university else TAX_HALL_OFFICERS
    return [
        officer_appoint(
            actor=None,
            organisation=organisation,
            name=name,
            region=regions[place],
            phone=f"139{index:04d}{5678 + index}",
            note=note,
        )
        for index, (name, place, note) in enumerate(names)
    ]


def _contract(organisation: Organisation, service: ServiceType, regions: dict[str, Region],
              index: int, offer: Any, people: dict[str, Any]) -> Any:  # fmt: skip
    name, places, base, _deductions = offer
    provider = Provider.objects.create(
        organisation=organisation,
        name=name,
        contact_person="项目经理",
        contact_phone="13700001111",
    )
    staff = people["provider_staff"]
    if (
        staff
        and service.code in ("canteen", "cleaning")
        and index == 0
        and not _linked(staff[0])
    ):
        provider_staff_link(actor=None, provider=provider, user=staff[0])
    number = f"HT-2026-{service.code.upper()[:3]}-{index + 1:02d}"
    terms = ContractTerms(
        number=number, provider=provider, service_type=service,
        regions=[regions[p] for p in places], starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31), monthly_base=base, bonus_per_point=D("0.5"),
        bonus_cap=D(3), bonus_from=D(95), kpis=KPIS,
    )  # fmt: skip
    return contract_create(
        actor=people["supervisor"], organisation=organisation, terms=terms
    )


def _linked(user: Any) -> bool:
    return user.provider_links.exists()


def _months(contract: Any, deductions: tuple[int, ...], officers: list[Any],
            people: dict[str, Any]) -> None:  # fmt: skip
    supervisor, inspector = people["supervisor"], people["inspector"]
    for number, month in enumerate(MONTHS):
        for k in range(deductions[number]):
            reason, evidence = DEDUCTION_REASONS[(number + k) % len(DEDUCTION_REASONS)]
            deduction_record(actor=inspector, contract=contract, month=month,
                             points=D("1.5") + k, reason=reason,
                             evidence=f"{month:%m}月{10 + k}日 {evidence}",
                             now=_at(month.replace(day=10 + k)))  # fmt: skip
        if deductions[number] >= 2 and officers:
            _report(contract, officers[number % len(officers)], month.replace(day=12),
                    inspector, confirmed=True)  # fmt: skip
        assessment = assessment_run(actor=supervisor, contract=contract, month=month,
                                    now=_at(date(2026, month.month + 1, 2), 9))  # fmt: skip
        assessment_sign(actor=supervisor, assessment=assessment,
                        now=_at(date(2026, month.month + 1, 3), 15))  # fmt: skip
    if officers and deductions[-1]:
        _report(
            contract, officers[0], OPEN_MONTH.replace(day=20), None, confirmed=False
        )


def _report(
    contract: Any, officer: Any, seen: date, checker: Any, *, confirmed: bool
) -> None:
    region = contract.regions.order_by("pk").first()
    report = FeedbackReport.objects.create(
        organisation=contract.organisation, officer=officer, contract=contract, region=region,
        description=REPORTS[seen.month % len(REPORTS)], observed_on=seen,
        submitted_at=_at(seen, 20),
    )  # fmt: skip
    if confirmed and checker is not None:
        report_check(actor=checker, report=report, confirmed=True, note="现场核实属实",
                     now=_at(seen, 21))  # fmt: skip


__all__ = ["providers_demo_load"]

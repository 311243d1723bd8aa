"""A hand-checked month of a cleaning contract, for tests and the browser test.

May 2025 at the university: 洁雅物业 cleans the east dormitories under
contract HT-2025-BJ-01 (base 100,000.00 yuan a month; full payment at 90
points, 1 % off per point below, at least 70 %). Its KPIs and what May
recorded, worked out by hand:

====================  ======  =====================  =====================  ======
KPI                   weight  rule                   May's data             points
====================  ======  =====================  =====================  ======
On-time completion    0.5     linear 80 → 100 %      19 of 20 steps on time  37.50
                                                     = 95 %: (95−80)/20×50
Average rating        0.3     linear 3 → 5           5, 5, 5, 4 = 4.75:      26.25
                                                     (4.75−3)/2×30
Officer reports       0.2     −2 per report, cap 10  1 confirmed             18.00
====================  ======  =====================  =====================  ======

KPI points 81.75; an inspector's deduction of 1.5 (bins not emptied) gives
a score of 80.25: 9.75 points below 90 × 1 % × 100,000 = 9,750.00 off, so
**90,250.00** is paid.

Noise that must not count: a late step by the university's own clerk, a
late step of the provider finished in June, a rejected officer report and a
confirmed one seen in June.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from onestop.assessment.testing import at, make_case, make_rating, make_step
from onestop.common.testing import make_item, make_user
from onestop.organisations.models import Organisation
from onestop.organisations.services import membership_grant
from onestop.providers.models import (
    Contract,
    FeedbackOfficer,
    Provider,
    Region,
    RegionKind,
    ReportStatus,
    ServiceType,
)
from onestop.providers.services import (
    ContractTerms,
    KpiSpec,
    contract_create,
    deduction_record,
    officer_appoint,
    provider_staff_link,
)

MAY = date(2025, 5, 1)
EXPECTED_KPI_POINTS = Decimal("81.75")
EXPECTED_SCORE = Decimal("80.25")
EXPECTED_AMOUNT = Decimal("90250.00")

KPIS = (
    KpiSpec(
        name="按时办结率",
        metric="on_time_rate",
        rule={"kind": "linear", "worst": 80, "best": 100},
        weight=Decimal("0.5"),
        target="≥ 95%",
    ),
    KpiSpec(
        name="师生平均评价",
        metric="average_rating",
        rule={"kind": "linear", "worst": 3, "best": 5},
        weight=Decimal("0.3"),
        target="≥ 4.5",
    ),
    KpiSpec(
        name="信息员反映问题",
        metric="officer_reports",
        rule={"kind": "deduction", "points_per_event": 2, "cap": 10},
        weight=Decimal("0.2"),
        target="0",
    ),
)


def provider_user(organisation: Organisation, username: str) -> Any:
    user = make_user(username, first_name=username)
    membership_grant(
        actor=None, organisation=organisation, user=user, roles=["provider"]
    )
    return user


def make_places(organisation: Organisation) -> dict[str, Region]:
    east = Region.objects.create(
        organisation=organisation, name="东区", kind=RegionKind.AREA
    )
    building = Region.objects.create(
        organisation=organisation,
        name="东区3号楼",
        kind=RegionKind.BUILDING,
        parent=east,
    )
    west = Region.objects.create(
        organisation=organisation, name="西区", kind=RegionKind.AREA
    )
    return {"east": east, "building": building, "west": west}


def make_contract(
    organisation: Organisation,
    *,
    provider: Provider,
    service_type: ServiceType,
    regions: list[Region],
    number: str,
    **terms: Any,
) -> Contract:
    return contract_create(
        actor=None,
        organisation=organisation,
        terms=ContractTerms(
            number=number,
            provider=provider,
            service_type=service_type,
            regions=regions,
            starts_on=terms.pop("starts_on", date(2025, 1, 1)),
            ends_on=terms.pop("ends_on", date(2025, 12, 31)),
            monthly_base=terms.pop("monthly_base", Decimal("100000.00")),
            kpis=terms.pop("kpis", KPIS),
            **terms,
        ),
    )


def cleaning_month(target: Any) -> None:
    """Set up the contract and May's records on ``target`` (a test class)."""
    organisation = target.uni
    target.places = make_places(organisation)
    target.cleaning = ServiceType.objects.create(
        organisation=organisation, code="cleaning", name="保洁"
    )
    target.provider = Provider.objects.create(
        organisation=organisation, name="洁雅物业"
    )
    target.rival = Provider.objects.create(organisation=organisation, name="清风保洁")
    target.cleaner = provider_user(organisation, "jieya_cleaner")
    target.cleaner2 = provider_user(organisation, "jieya_lead")
    target.rival_cleaner = provider_user(organisation, "qingfeng_cleaner")
    for user in (target.cleaner, target.cleaner2):
        provider_staff_link(actor=None, provider=target.provider, user=user)
    provider_staff_link(actor=None, provider=target.rival, user=target.rival_cleaner)
    target.contract = make_contract(
        organisation,
        provider=target.provider,
        service_type=target.cleaning,
        regions=[target.places["east"]],
        number="HT-2025-BJ-01",
    )
    target.rival_contract = make_contract(
        organisation,
        provider=target.rival,
        service_type=target.cleaning,
        regions=[target.places["west"]],
        number="HT-2025-BJ-02",
    )
    _record_may(target)


def _record_may(target: Any) -> None:
    structure = target.uni_structure
    item = make_item(target.uni, structure, code="BJ-001", name="宿舍保洁报修")
    target.cleaning.items.add(item)

    def step(assignee: Any, due: str, finished: str) -> Any:
        case = make_case(
            item, clerk=target.uni_clerk, received_at=at(due) - timedelta(days=3)
        )
        make_step(
            case,
            department=structure["back"],
            post=None,
            assignee=assignee,
            due_at=at(due),
            finished_at=at(finished),
        )
        return case

    cases = []
    for day in range(1, 20):  # 19 on time, split between the two cleaners
        who = target.cleaner if day % 2 else target.cleaner2
        cases.append(
            step(who, f"2025-05-{day + 5:02d}T17:30", f"2025-05-{day + 5:02d}T10:00")
        )
    step(target.cleaner, "2025-05-10T17:30", "2025-05-12T09:00")  # late
    step(target.uni_clerk, "2025-05-10T17:30", "2025-05-14T09:00")  # not the provider's
    step(target.cleaner, "2025-05-30T17:30", "2025-06-02T09:00")  # finished in June
    for case, level in zip(cases, (5, 5, 5, 4), strict=False):
        make_rating(
            case, staff=target.cleaner, level=level, rated_at=at("2025-05-20T12:00")
        )
    # Rival (100 points): every step on time, rated 5, no reports.
    make_rating(
        cases[5], staff=target.rival_cleaner, level=5, rated_at=at("2025-05-20T12:00")
    )
    for day in range(1, 6):
        step(
            target.rival_cleaner,
            f"2025-05-{day + 5:02d}T17:30",
            f"2025-05-{day + 5:02d}T09:00",
        )
    _officer_reports(target)
    deduction_record(
        actor=target.uni_inspector,
        contract=target.contract,
        month=MAY,
        points=Decimal("1.5"),
        reason="3号楼垃圾桶未按时清运",
        evidence="5月16日巡查，东区3号楼一层垃圾桶满溢，已拍照存档。",
        now=at("2025-05-16T10:00"),
    )


def _officer_reports(target: Any) -> None:
    from onestop.providers.models import FeedbackReport

    target.officer: FeedbackOfficer = officer_appoint(
        actor=None,
        organisation=target.uni,
        name="李同学",
        region=target.places["building"],
        phone="13912345678",
    )
    for seen, status in (
        (date(2025, 5, 8), ReportStatus.CONFIRMED),
        (date(2025, 5, 9), ReportStatus.REJECTED),
        (date(2025, 6, 2), ReportStatus.CONFIRMED),
    ):
        FeedbackReport.objects.create(
            organisation=target.uni,
            officer=target.officer,
            contract=target.contract,
            region=target.places["building"],
            description="楼道地面有积水未清理",
            observed_on=seen,
            submitted_at=at(f"{seen}T20:00"),
            status=status,
        )

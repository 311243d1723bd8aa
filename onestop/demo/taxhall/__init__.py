# ruff: noqa: E501  (catalogue text reads better unbroken)
"""城东区税务局办税服务厅: a tax service hall run the 一窗式 way (篇1, 篇5).

Windows are all-round (全职能通用窗口) except the invoice and filing windows;
non-immediate business is taken at any window against a 文书受理单 and
circulates to the back offices with a time limit for each step. Legal bases
are the real laws and rules; the hall, its people and its numbers are made up.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from onestop.demo.specs import (
    DutyLogSpec,
    HandoverSpec,
    OrganisationSpec,
)
from onestop.organisations.models import OrganisationKind
from onestop.posts.models import Shift

from .catalogue import ITEMS
from .structure import DEPARTMENTS, HALL_PHONE, POSTS, WINDOW_TYPES, WINDOWS

_TZ = ZoneInfo("Asia/Shanghai")


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=_TZ)


DUTY_LOG = (
    DutyLogSpec(
        author="tax-supervisor",
        day=date(2026, 11, 16),
        shift=Shift.DAY,
        post="HALL-02",
        summary="十一月征期最后一天（15 日为休息日顺延），取号 312 人次，办结 298 件；7、8 号窗口改为申报专窗，午间延时服务 40 分钟。",
        incidents="14:05 征管系统响应缓慢约 20 分钟，启动应急预案，引导纳税人到自助办税区和电子税务局申报，未发生滞留投诉。",
        handover_notes="明日上午复核当日延时办理的 9 笔申报是否全部入库。",
    ),
    DutyLogSpec(
        author="tax-clerk",
        day=date(2026, 11, 17),
        shift=Shift.MORNING,
        post="HALL-01",
        summary="3 号窗口办理设立登记信息确认 4 户、发票领用 11 户、跨区域涉税事项报告 3 件；受理注销税务登记 1 件（文书受理单 TAX-20261117-0012）。",
        handover_notes="注销材料已交征收管理科，见资料交接登记簿。",
    ),
    DutyLogSpec(
        author="tax-agent",
        day=date(2026, 11, 18),
        shift=Shift.AFTERNOON,
        post="SERVICE-01",
        summary="12366 热线接听 57 通，集中在小规模纳税人减免政策、数电发票开具额度调整和跨区域报告；转办工单 3 件。",
        handover_notes="关于开具额度调整的 2 件转办工单明日到期，请后台审核岗回复。",
    ),
)

HANDOVERS = (
    HandoverSpec(
        reference="TAX-20261117-0012",
        materials=(
            "清税申报表",
            "营业执照副本复印件",
            "股东会注销决议",
            "经办人身份证件复印件",
        ),
        copies=4,
        from_user="tax-clerk",
        from_department="HALL",
        to_user="tax-backoffice",
        to_department="COLLECT",
        handed_over_at=_at(17, 10, 50),
        due_at=_at(17, 17, 30),
        confirmed=True,
    ),
    HandoverSpec(
        reference="TAX-20261118-0005",
        materials=("税务行政许可申请表", "增值税专用发票最高开票限额申请单"),
        copies=4,
        from_user="tax-clerk",
        from_department="HALL",
        to_user="tax-backoffice",
        to_department="COLLECT",
        handed_over_at=_at(18, 9, 40),
        due_at=_at(18, 17, 30),
        confirmed=True,
    ),
    HandoverSpec(
        reference="TAX-20261118-0005",
        materials=("准予税务行政许可决定书",),
        copies=1,
        from_user="tax-backoffice",
        from_department="COLLECT",
        to_user="tax-clerk",
        to_department="HALL",
        handed_over_at=_at(26, 16, 20),
        due_at=_at(27, 12, 0),
        remarks="办结文书退回窗口，待纳税人领取",
    ),
)

TAX_HALL = OrganisationSpec(
    slug="tax",
    code="TAX",
    name="城东区税务局办税服务厅",
    short_name="城东办税厅",
    kind=OrganisationKind.SERVICE_HALL,
    address="城东区建设大街 166 号",
    phone=HALL_PHONE,
    office_hours="08:30-12:00, 13:30-17:30",
    commitments=(
        "首问负责：首位接待的工作人员负责解答或引导办理，不推诿。",
        "一次性告知：资料不全的，一次性告知需要补正的全部内容。",
        "限时办结：即办事项当场办结；非即办事项出具文书受理单，在承诺时限内办结。",
        "延时服务：下班时仍在办理的业务办结后下班；征期最后三天午间不间断办税。",
        "公开办税：办税流程、资料清单、办结时限和法律依据全部公开，涉税事项一律不收费。",
        "预约服务：可通过 12366 或电子税务局预约办税，按预约时段优先办理。",
    ),
    departments=DEPARTMENTS,
    window_types=WINDOW_TYPES,
    windows=WINDOWS,
    posts=POSTS,
    items=ITEMS,
    duty_log=DUTY_LOG,
    handovers=HANDOVERS,
)

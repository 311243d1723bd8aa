# ruff: noqa: E501  (catalogue text reads better unbroken)
"""北方大学后勤服务中心: a university's logistics centre and its service hall (篇2, 篇7).

``UNIVERSITY`` gathers the structure, the catalogue and a week of paperwork
from November 2026.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from onestop.demo.specs import (
    CalendarExceptionSpec,
    DutyLogSpec,
    HandoverSpec,
    OrganisationSpec,
)
from onestop.organisations.models import CalendarExceptionKind, OrganisationKind
from onestop.posts.models import Shift

from .catalogue import ITEMS
from .structure import (
    DEPARTMENTS,
    HALL_PHONE,
    POSTS,
    QUALITY_PHONE,
    REPAIR_HOTLINE,
    WINDOW_TYPES,
    WINDOWS,
)

_TZ = ZoneInfo("Asia/Shanghai")


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=_TZ)


DUTY_LOG = (
    DutyLogSpec(
        author="uni-supervisor",
        day=date(2026, 11, 23),
        shift=Shift.DAY,
        post="HALL-02",
        summary="大厅接待师生 86 人次，受理事项 41 件（即办 27 件、承诺件 14 件），即办率 65.9%。",
        incidents="10:20 一名研究生对校园卡补办工本费有异议，值班长出示收费依据（校财〔2022〕7号）并解释后办结。",
        handover_notes="3 号窗口打印机缺墨，已报信息化管理岗。",
    ),
    DutyLogSpec(
        author="uni-clerk",
        day=date(2026, 11, 24),
        shift=Shift.MORNING,
        post="HALL-01",
        summary="1 号窗口受理宿舍调换申请 3 件、会议室预订 5 件、车辆通行证 2 件；出具一次性告知书 1 份（宿舍调换缺辅导员签字）。",
        handover_notes="HQ-20261124-0003 材料已交公寓管理科，见交接登记簿。",
    ),
    DutyLogSpec(
        author="uni-tech",
        day=date(2026, 11, 25),
        shift=Shift.NIGHT,
        post="REPAIR-02",
        summary="夜间维修值班，处理报修 6 起（7 号楼卫生间漏水、12 号楼 512 室跳闸等），均当晚处置。",
        incidents="22:40 学生公寓 7 号楼 3 层水管接头破裂，关闭楼层阀门后更换接头，23:35 恢复供水，无人员受伤。",
        handover_notes="7 号楼 3 层走廊吊顶受潮，请物业项目部白班检查更换。",
    ),
)

HANDOVERS = (
    HandoverSpec(
        reference="HQ-20261124-0003",
        materials=(
            "宿舍调换申请表（辅导员已签字）",
            "学生证复印件",
            "调入宿舍同学同意书",
        ),
        copies=3,
        from_user="uni-clerk",
        from_department="HALL",
        to_user="uni-backoffice",
        to_department="APT",
        handed_over_at=_at(24, 10, 35),
        due_at=_at(24, 17, 30),
        confirmed=True,
    ),
    HandoverSpec(
        reference="HQ-20261124-0003",
        materials=("宿舍调换通知书", "新宿舍钥匙 2 把"),
        copies=3,
        from_user="uni-backoffice",
        from_department="APT",
        to_user="uni-clerk",
        to_department="HALL",
        handed_over_at=_at(27, 15, 10),
        due_at=_at(27, 17, 30),
        remarks="办结件退回窗口，待学生领取",
    ),
    HandoverSpec(
        reference="质检-2026-11",
        materials=("物业服务月度质量自查记录表（11月）", "保洁巡查签到表"),
        copies=12,
        from_user="uni-provider",
        from_department="PROP",
        to_user="qa-inspector",
        to_department="QA",
        handed_over_at=_at(27, 16, 0),
        due_at=_at(30, 12, 0),
    ),
)

UNIVERSITY = OrganisationSpec(
    slug="uni",
    code="HQ",
    name="北方大学后勤服务中心",
    short_name="北方大学后勤",
    kind=OrganisationKind.LOGISTICS,
    address="北方大学主校区学生服务中心一层（学府路 88 号）",
    phone=HALL_PHONE,
    office_hours="08:00-12:00, 14:00-17:30",
    commitments=(
        "首问负责：师生来访、来电由首位接待人员负责到底，不推诿。",
        "一次性告知：材料不全的，一次性书面告知需补正的全部内容。",
        "限时办结：承诺件在承诺时限内办结，不能按时办结的提前告知原因。",
        f"维修响应：一般报修 2 个工作日内修复，水电紧急故障 30 分钟内到场，24 小时报修热线 {REPAIR_HOTLINE}。",
        f"接受监督：对服务不满意的，请拨打服务质量监督电话 {QUALITY_PHONE}，5 个工作日内答复。",
    ),
    departments=DEPARTMENTS,
    window_types=WINDOW_TYPES,
    windows=WINDOWS,
    posts=POSTS,
    items=ITEMS,
    calendar_exceptions=(
        CalendarExceptionSpec(
            date(2026, 12, 11),
            CalendarExceptionKind.CLOSURE,
            "第十二届冰雪运动会（校运会）停课一天，后勤服务大厅闭厅；24 小时报修热线照常值守",
        ),
    ),
    duty_log=DUTY_LOG,
    handovers=HANDOVERS,
)

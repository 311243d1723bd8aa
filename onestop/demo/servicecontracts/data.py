"""Contracts of a university logistics centre's systems and of a tax hall's queueing system."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from .specs import ContractSpec, QuoteSpec, RateSpec, VisitSpec

ON, REMOTE = "on_site", "remote"

RATES: tuple[RateSpec, ...] = (
    RateSpec(date(2026, 1, 1), D(100), D(50), D(500), D(1000)),
    RateSpec(date(2026, 9, 1), D(120), D(60), D(550), D(1100)),
)

UNIVERSITY: tuple[ContractSpec, ...] = (
    ContractSpec(
        number="HQ-FW-2026-001",
        customer_name="北方大学图书馆",
        system="后勤一站式服务平台",
        location="local",
        start_date=date(2026, 3, 1),
        contact="李老师",
        visits=(
            VisitSpec(
                "installation", ON, date(2026, 3, 3), D(2), 2, note="首次安装并培训馆员"
            ),
            VisitSpec("data_import", REMOTE, date(2026, 3, 5), note="导入读者与规则"),
            VisitSpec("visit", ON, date(2026, 4, 14), note="自助终端故障排查"),
            VisitSpec("visit", ON, date(2026, 6, 9), note="暑期升级"),
            VisitSpec("questions", ON, date(2026, 7, 2), D("0.5")),
            VisitSpec("visit", ON, date(2026, 9, 8), note="新学期上线检查"),
            VisitSpec(
                "visit",
                ON,
                date(2026, 10, 20),
                D(1),
                2,
                D("46.00"),
                note="机房迁移，超出合同",
            ),
            VisitSpec("remote_maintenance", REMOTE, date(2026, 11, 3), D("0.5")),
        ),
        quotes=(
            QuoteSpec(
                "座位预约统计报表",
                "按楼层、时段统计座位预约与违约次数，每月导出。",
                D(6),
                date(2026, 5, 10),
                approved_by="图书馆 王馆长",
                approved_on=date(2026, 5, 15),
                billed_on=date(2026, 6, 30),
            ),
            QuoteSpec(
                "读者短信提醒",
                "图书到期前三天短信提醒读者。",
                D("3.5"),
                date(2026, 11, 2),
            ),
        ),
    ),
    ContractSpec(
        number="HQ-FW-2026-002",
        customer_name="西山校区后勤办公室",
        system="宿舍报修系统",
        location="remote",
        start_date=date(2026, 4, 1),
        contact="赵主任",
        visits=(
            VisitSpec("visit", ON, date(2026, 4, 20), D(3), 2, note="首次上门部署"),
            VisitSpec("needs_analysis", REMOTE, date(2026, 5, 6), D("0.5")),
            VisitSpec(
                "visit",
                ON,
                date(2026, 10, 12),
                D(2),
                1,
                D("386.50"),
                note="报修终端更换，超出合同",
            ),
        ),
    ),
)

TAX_HALL: tuple[ContractSpec, ...] = (
    ContractSpec(
        number="TAX-FW-2026-001",
        customer_name="城东税务局第二办税服务厅",
        system="排队叫号与评价系统",
        location="local",
        start_date=date(2026, 2, 1),
        contact="陈科长",
        visits=(
            VisitSpec("installation", ON, date(2026, 2, 3), D(1), 2),
            VisitSpec("visit", ON, date(2026, 5, 18), note="叫号屏更换"),
            VisitSpec("support", REMOTE, date(2026, 8, 7), D("0.5")),
        ),
    ),
)

CONTRACTS: dict[str, tuple[ContractSpec, ...]] = {"uni": UNIVERSITY, "tax": TAX_HALL}

"""北方大学后勤服务中心: three online applications from the weekend, waiting for the window."""

from __future__ import annotations

from onestop.demo.cases.specs import person, resident_id

from .specs import application

# fmt: off
HE_YUXUAN = person("何雨萱", "15144026718", resident_id("220105", "20060211", "084"),
                   address="3 号公寓 214 室")
LUO_ZHENYU = person("罗振宇", "13894405217", resident_id("220104", "19820619", "035"),
                    email="luozy@example.com", address="外国语学院 305 办公室")
GU_XIAOMEI = person("顾晓梅", "18604416039", resident_id("220102", "19870302", "026"),
                    address="化学学院 B 座 112 室")

APPLICATIONS = (
    application("HQ-HY-01", LUO_ZHENYU, "11-27 17:20",
                (1, "会议室预订申请表.pdf"), (2, "工作证.png")),
    application("HQ-WX-01", HE_YUXUAN, "11-28 21:40",
                (1, "报修登记单.pdf"), (2, "学生证.png"), (3, "卫生间漏水照片.png")),
    application("HQ-JT-02", GU_XIAOMEI, "11-29 10:05",
                (1, "公务用车申请单.pdf"), (2, "经费卡号截图.png")),
)
# fmt: on

"""城东区税务局办税服务厅: departments, windows and posts (岗责体系).

Phone numbers are fictional.
"""

from __future__ import annotations

from onestop.demo.specs import (
    DepartmentSpec,
    PostSpec,
    WindowSpec,
    WindowTypeSpec,
)

HOTLINE = "12366"
HALL_PHONE = "0431-8860 2366"

DEPARTMENTS = (
    DepartmentSpec("HALL", "办税服务厅", phone=HALL_PHONE),
    DepartmentSpec("OFFICE", "局领导及办公室", phone="0431-8860 2300"),
    DepartmentSpec(
        "COLLECT", "征收管理科", is_back_office=True, phone="0431-8860 2310"
    ),
    DepartmentSpec("SOURCE", "税源管理科", is_back_office=True, phone="0431-8860 2320"),
    DepartmentSpec(
        "SERVICE", "纳税服务科", is_back_office=True, phone="0431-8860 2330"
    ),
    DepartmentSpec(
        "GOODS", "货物和劳务税科", is_back_office=True, phone="0431-8860 2340"
    ),
    DepartmentSpec("LEGAL", "法制科", is_back_office=True, phone="0431-8860 2350"),
)

WINDOW_TYPES = (
    WindowTypeSpec(
        "GEN", "综合服务", "税务咨询、登记、认定、申报征收及非即办事项涉税文书受理。"
    ),
    WindowTypeSpec("INVOICE", "发票管理", "发票领用、代开、缴销和验旧。"),
    WindowTypeSpec("FILING", "申报征收", "纳税申报、税款征收和完税证明开具。"),
    WindowTypeSpec("REG", "登记认定", "设立、变更、注销登记和一般纳税人登记。"),
)

_AREA_A = "办税服务厅一楼 A 区"
WINDOWS = (
    *(
        WindowSpec(str(n), "GEN", "HALL", is_all_round=True, location=_AREA_A)
        for n in range(1, 7)
    ),
    WindowSpec("7", "INVOICE", "HALL", location="办税服务厅一楼 B 区（代开发票专窗）"),
    WindowSpec("8", "FILING", "HALL", location="办税服务厅一楼 B 区（申报征收专窗）"),
)

POSTS = (
    PostSpec(
        "HALL-01",
        "窗口受理岗",
        "HALL",
        (
            "受理纳税人全部涉税事项，执行首问负责制",
            "即办事项当场办结；非即办事项初审后出具文书受理单，注明受理种类、数量、承诺办结期限和领取时间",
            "材料不全的出具补正材料清单，一次性告知",
            "不予受理的书面告知理由；不属本局职责的告知纳税人向有关机关申请",
            "将文书登记交接后台，办结后通知纳税人领取",
        ),
        windows=tuple(str(n) for n in range(1, 9)),
    ),
    PostSpec(
        "HALL-02",
        "值班长岗",
        "HALL",
        (
            "统筹当班窗口和人员，征期高峰时增开窗口、实行延时服务",
            "处理现场疑难事项和纳税人当面投诉",
            "督办预警、超时的文书，组织系统故障应急处置",
            "填写值班日志",
        ),
    ),
    PostSpec(
        "HALL-03",
        "导税岗",
        "HALL",
        (
            "引导纳税人取号、分流到窗口或自助办税区",
            "辅导纳税人使用电子税务局和自助办税终端",
            "发放办税指南，预审申请材料",
        ),
    ),
    PostSpec(
        "HALL-04",
        "发票代开岗",
        "HALL",
        ("审核代开发票申请，先征税后开票", "发票领用、验旧和缴销"),
        windows=("7",),
    ),
    PostSpec(
        "COLLECT-01",
        "后台审核岗",
        "COLLECT",
        (
            "接收窗口流转的涉税文书，在时限内审核",
            "需实地调查的转税源管理科，需审批的报科长或局领导",
            "审核结果录入征管系统，文书退回窗口",
        ),
    ),
    PostSpec(
        "COLLECT-02",
        "征管科长岗",
        "COLLECT",
        ("审批注销、延期申报等事项", "签发税务事项通知书"),
    ),
    PostSpec(
        "SOURCE-01",
        "税源管理员岗",
        "SOURCE",
        (
            "对注销、限额审批等事项实地核查，出具核查报告",
            "清理欠税、未缴销发票和未结案件",
        ),
    ),
    PostSpec(
        "SERVICE-01",
        "12366 热线座席岗",
        "SERVICE",
        (
            "接听 12366 纳税服务热线，解答政策和办税问题",
            "不能即时答复的登记转办，限时回复",
            "记录热点问题，按周报送纳税服务科",
        ),
    ),
    PostSpec(
        "SERVICE-02",
        "纳税信用管理岗",
        "SERVICE",
        ("受理纳税信用复评、修复申请并复核", "发布纳税信用评价结果"),
    ),
    PostSpec(
        "SERVICE-03",
        "服务质量监督岗",
        "SERVICE",
        (
            "抽查窗口服务和办结文书，检查一次性告知执行情况",
            "组织纳税人满意度回访",
            "受理纳税服务投诉并督促整改",
        ),
    ),
    PostSpec(
        "GOODS-01",
        "出口退税审核岗",
        "GOODS",
        ("审核出口退（免）税备案和申报", "开展出口企业分类管理"),
    ),
    PostSpec(
        "LEGAL-01",
        "法制审核岗",
        "LEGAL",
        ("审核税务行政许可、行政处罚文书的合法性", "受理行政复议申请"),
    ),
    PostSpec(
        "OFFICE-01",
        "分管局长岗",
        "OFFICE",
        ("审批税务行政许可事项", "审定办税服务厅服务承诺和考核结果"),
    ),
    PostSpec(
        "OFFICE-02",
        "信息系统管理岗",
        "OFFICE",
        ("维护征管系统、叫号系统和 LED 公开屏", "维护事项目录、办税指南和人员权限"),
    ),
)

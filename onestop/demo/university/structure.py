"""北方大学后勤服务中心: departments, windows and posts (岗责体系).

Phone numbers are fictional.
"""

from __future__ import annotations

from onestop.demo.specs import (
    DepartmentSpec,
    PostSpec,
    WindowSpec,
    WindowTypeSpec,
)

HALL_PHONE = "0431-8516 6000"
REPAIR_HOTLINE = "0431-8516 6110"
APARTMENT_PHONE = "0431-8516 6020"
ENERGY_PHONE = "0431-8516 6030"
CONFERENCE_PHONE = "0431-8516 6040"
CARD_PHONE = "0431-8516 6050"
FOOD_PHONE = "0431-8516 6060"
TRANSPORT_PHONE = "0431-8516 6070"
PROPERTY_PHONE = "0431-8516 6080"
QUALITY_PHONE = "0431-8516 6090"

DEPARTMENTS = (
    DepartmentSpec("HALL", "后勤服务大厅", phone=HALL_PHONE),
    DepartmentSpec("OFFICE", "中心办公室", phone="0431-8516 6001"),
    DepartmentSpec("APT", "公寓管理科", is_back_office=True, phone=APARTMENT_PHONE),
    DepartmentSpec("ENERGY", "能源管理科", is_back_office=True, phone=ENERGY_PHONE),
    DepartmentSpec("REPAIR", "维修服务中心", is_back_office=True, phone=REPAIR_HOTLINE),
    DepartmentSpec("CONF", "会议中心", is_back_office=True, phone=CONFERENCE_PHONE),
    DepartmentSpec("CARD", "校园卡管理中心", is_back_office=True, phone=CARD_PHONE),
    DepartmentSpec("FOOD", "饮食服务科", is_back_office=True, phone=FOOD_PHONE),
    DepartmentSpec("TRANS", "交通运输科", is_back_office=True, phone=TRANSPORT_PHONE),
    DepartmentSpec(
        "PROP", "校园物业项目部（恒安物业）", is_back_office=True, phone=PROPERTY_PHONE
    ),
    DepartmentSpec(
        "QA", "服务质量监督办公室", is_back_office=True, phone=QUALITY_PHONE
    ),
)

WINDOW_TYPES = (
    WindowTypeSpec("GEN", "综合服务", "咨询、受理各类后勤服务事项，出具受理回执。"),
    WindowTypeSpec("REPAIR", "维修报修", "宿舍、教学楼宇水电、空调、家具报修与派单。"),
    WindowTypeSpec("CARD", "卡务办理", "校园卡补办、挂失、解挂与充值。"),
    WindowTypeSpec("APT", "公寓事务", "宿舍调换、钥匙补配、入住与退宿。"),
)

_HALL_FLOOR = "后勤服务大厅一层"
WINDOWS = (
    WindowSpec("1", "GEN", "HALL", is_all_round=True, location=_HALL_FLOOR),
    WindowSpec("2", "GEN", "HALL", is_all_round=True, location=_HALL_FLOOR),
    WindowSpec("3", "REPAIR", "REPAIR", location=_HALL_FLOOR),
    WindowSpec("4", "CARD", "CARD", location=_HALL_FLOOR),
    WindowSpec("5", "APT", "APT", location=_HALL_FLOOR),
    WindowSpec(
        "6", "GEN", "HALL", is_all_round=True, location="后勤服务大厅一层（东侧）"
    ),
)

POSTS = (
    PostSpec(
        "HALL-01",
        "窗口受理岗",
        "HALL",
        (
            "接待来访师生，解答咨询，执行首问负责制",
            "按办事指南核对申请材料，即办事项当场办结",
            "承诺件出具受理回执，注明材料、承诺办结日期和取件方式",
            "材料不全的出具一次性告知书，列明全部补正内容",
            "将承诺件材料登记交接至承办科室，并在办结后通知师生领取",
        ),
        windows=("1", "2", "6"),
    ),
    PostSpec(
        "HALL-02",
        "大厅值班长岗",
        "HALL",
        (
            "安排窗口班次，高峰时段增开窗口并调度人员",
            "处理现场疑难问题和师生当面投诉",
            "巡查超时预警件，督促承办科室限时办结",
            "填写值班日志，记录当日接待量和突发情况",
        ),
    ),
    PostSpec(
        "OFFICE-01",
        "中心主任岗",
        "OFFICE",
        (
            "主持后勤服务中心全面工作，审定服务承诺和服务标准",
            "审批超出科室权限的事项和服务延期",
            "每月听取服务质量分析报告，部署整改",
        ),
    ),
    PostSpec(
        "OFFICE-02",
        "信息化管理岗",
        "OFFICE",
        (
            "维护一站式服务系统、事项目录和人员权限",
            "维护大厅排队叫号、触摸查询和显示屏设备",
            "按月导出服务数据，报送中心办公室",
        ),
    ),
    PostSpec(
        "APT-01",
        "公寓审核岗",
        "APT",
        (
            "审核宿舍调换、退宿申请，核实辅导员意见",
            "调配房源并通知宿舍管理员做好入住准备",
            "办理毕业生离校退宿的宿舍检查与公物核对",
        ),
        windows=("5",),
    ),
    PostSpec(
        "REPAIR-01",
        "报修调度岗",
        "REPAIR",
        (
            "受理窗口、电话和网上报修，当日派单",
            "跟踪维修进度，超时未修的及时催办",
            "维修完成后电话回访，记录师生评价",
        ),
        windows=("3",),
    ),
    PostSpec(
        "REPAIR-02",
        "水电维修岗",
        "REPAIR",
        (
            "按派单上门维修水电、空调及门窗五金",
            "水电紧急故障 30 分钟内到达现场",
            "维修后填写维修单并请报修人签字确认",
            "轮值夜间维修值班",
        ),
    ),
    PostSpec(
        "ENERGY-01",
        "能源核算岗",
        "ENERGY",
        (
            "核对宿舍电表读数和充值到账情况",
            "处理电费异常和电表故障核查",
        ),
    ),
    PostSpec(
        "CONF-01",
        "会务安排岗",
        "CONF",
        (
            "审核会议室、报告厅、教室和场地借用申请",
            "协调音响、投影和会场布置",
            "出具借用确认单，活动结束后验收场地",
        ),
    ),
    PostSpec(
        "CARD-01",
        "卡务制卡岗",
        "CARD",
        (
            "办理校园卡补办、挂失、解挂",
            "收取工本费并开具收费票据",
            "核对卡内余额迁移",
        ),
        windows=("4",),
    ),
    PostSpec(
        "FOOD-01",
        "送水服务岗",
        "FOOD",
        ("接收饮用水订单并安排配送", "登记水票和空桶回收"),
    ),
    PostSpec(
        "TRANS-01",
        "车辆管理岗",
        "TRANS",
        (
            "审核车辆通行证申请材料并制证",
            "安排公务用车和司机",
            "维护校园道闸车辆信息",
        ),
    ),
    PostSpec(
        "PROP-01",
        "物业服务岗（外包）",
        "PROP",
        (
            "承担楼宇保洁、家具维修和大件垃圾清运",
            "按派单时限上门服务，完成后反馈工单",
            "每月报送物业服务质量自查记录",
        ),
    ),
    PostSpec(
        "QA-01",
        "服务质量监督岗",
        "QA",
        (
            "受理服务投诉，核实情况并督促责任部门整改",
            "按月抽查办结件并电话回访",
            "汇总师生满意度调查结果，撰写质量分析报告",
        ),
    ),
)

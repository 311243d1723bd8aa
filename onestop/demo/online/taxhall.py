"""城东区税务局办税服务厅: three online applications from the weekend, waiting for the window."""

from __future__ import annotations

from onestop.demo.cases.specs import credit_code, firm

from .specs import application

EAST = "220105"

# fmt: off
DINGLI = firm("长春鼎力机电设备有限公司", "13604431872", credit_code(EAST, "33827145"),
              "经办人 王磊")
XINGHAI = firm("长春星海网络科技有限公司", "15948106623", credit_code(EAST, "35719208"),
               "财务 刘婷", email="liuting@xinghai-net.example.com")
RUIXIANG = firm("长春瑞祥冷链物流有限公司", "13089127754", credit_code(EAST, "34160592"),
                "财务 陈佳")

APPLICATIONS = (
    application("TAX-DJ-02", DINGLI, "11-27 18:30",
                (1, "营业执照副本.pdf"), (2, "变更登记通知书.pdf"), (3, "经办人身份证.png")),
    application("TAX-FP-04", XINGHAI, "11-28 09:45",
                (1, "发票票种核定表.pdf"), (2, "经办人身份证.png")),
    application("TAX-SB-02", RUIXIANG, "11-29 08:20",
                (1, "延期申报申请核准表.pdf"), (2, "冷库停电事故证明.pdf"),
                (3, "经办人身份证.png")),
)
# fmt: on

"""城东区税务局办税服务厅: ten of the eighteen finished cases rated, three of them badly.

On Monday 30 November: a complaint about being sent elsewhere has been
answered and waits for the follow-up visit; a rating of a lawful refusal was
found invalid; a complaint about the wait at the reductions window was
given on Thursday and waits to be verified.
"""

from __future__ import annotations

from onestop.demo.cases.specs import act

from .specs import (
    ATTITUDE,
    EFFICIENCY,
    MATERIALS,
    ONE_VISIT,
    RECEIPT,
    SMS,
    TABLET,
    L,
    R,
    rating,
)

CLERK, SUPERVISOR = "tax-clerk", "tax-supervisor"

# fmt: off
RATINGS = (
    rating("TAX-DJ-01", "长春鑫源商贸有限公司", "10-19 09:07", L.VERY_SATISFIED, TABLET,
           tags=(EFFICIENCY, ONE_VISIT), comment="十分钟就办完了，窗口讲得很清楚。"),
    rating("TAX-DJ-04", "长春华信智能科技有限公司", "10-21 14:03", L.VERY_SATISFIED, TABLET,
           tags=(EFFICIENCY, ATTITUDE)),
    rating("TAX-FP-02", "周桂兰", "10-23 10:34", L.VERY_SATISFIED, TABLET,
           tags=(ATTITUDE,), comment="窗口的同志很耐心，一步一步教我填表。"),
    rating("TAX-SB-02", "长春安泰物业管理有限公司", "10-27 18:20", L.BASICALLY_SATISFIED, SMS,
           tags=(MATERIALS,), comment="证明材料补了一次，希望办事指南写得再具体些。"),
    rating("TAX-DJ-03", "长春鼎盛国际贸易有限公司", "11-02 14:40", L.SATISFIED, RECEIPT,
           tags=(ATTITUDE,), comment="注销比想象中顺利，每一步都有短信告知。"),
    rating("TAX-SX-01", "吉林省博远建筑工程有限公司", "11-11 10:24", L.SATISFIED, TABLET,
           tags=(ONE_VISIT,)),
    # Sent to the district where the flat is: the guide did not say so.
    rating("TAX-FP-02", "潘淑芬", "11-12 18:05", L.DISSATISFIED, RECEIPT,
           act("11-13 09:20", SUPERVISOR, "verify", valid=True,
               reason="办事指南未写明出租外区房产代开发票的管辖，纳税人白跑一趟，评价属实。"),
           act("11-16 10:30", CLERK, "rectify",
               measures="在发票代开办事指南中补充不动产所在地管辖的说明；导税岗取号前先询问房产所在区。"),
           act("11-16 10:45", CLERK, "reply",
               text="潘女士您好：您反映的问题属实，我厅已在办事指南中写明出租房产代开发票由房产所在地税务机关办理，并请导税人员事先询问。给您添麻烦了，欢迎继续监督。"),
           tags=(ONE_VISIT,), comment="跑了一趟才知道这事不在这儿办，网上没写清楚。",
           expect=R.REPLIED),
    # A refusal in law, rated as if it were the service: found invalid.
    rating("TAX-SB-02", "长春中联印务有限公司", "11-18 09:48", L.VERY_DISSATISFIED, TABLET,
           act("11-19 10:10", SUPERVISOR, "verify", valid=False,
               reason="申请在申报期限届满后提出，依《税收征收管理法实施细则》第三十七条不予受理，窗口已当场书面告知理由；评价针对法定条件而非服务，经核实为无效评价。"),
           tags=(EFFICIENCY,), comment="不给延期，白跑一趟！",
           expect=R.INVALID),
    rating("TAX-FP-04", "长春佳禾农业科技有限公司", "11-25 11:30", L.SATISFIED, SMS,
           tags=(EFFICIENCY,), comment="比承诺的时间提前办好了。"),
    # Thursday's complaint about the wait, still to be verified.
    rating("TAX-SX-02", "长春天成文化传媒有限公司", "11-26 12:30", L.DISSATISFIED, SMS,
           tags=(EFFICIENCY,), comment="取号后等了快五十分钟，减免备案只有一个窗口能办。",
           expect=R.VERIFYING),
)
# fmt: on

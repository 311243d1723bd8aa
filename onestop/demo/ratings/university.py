"""北方大学后勤服务中心: ten of the eighteen finished cases rated, three of them badly.

On Monday 30 November: the room-change complaint of early November went the
whole way — verified, rectified, answered, visited and closed; a complaint
about the card-window queue was verified on 13 November and then nobody
acted, so it is overdue and the sweep escalates it; a complaint about the
car-pass materials has its measures recorded and awaits the reply.
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

CLERK, SUPERVISOR, APARTMENTS = "uni-clerk", "uni-supervisor", "uni-backoffice"

# fmt: off
RATINGS = (
    rating("HQ-KW-01", "王子涵", "10-19 09:14", L.VERY_SATISFIED, TABLET,
           tags=(EFFICIENCY, ONE_VISIT), comment="五分钟就补好了卡。"),
    rating("HQ-WX-01", "刘洋", "10-21 12:10", L.SATISFIED, SMS,
           tags=(EFFICIENCY,), comment="维修师傅上门很准时。"),
    rating("HQ-GY-02", "孙浩然", "10-28 14:22", L.SATISFIED, TABLET,
           tags=(ATTITUDE,)),
    rating("HQ-HY-01", "邓晓峰", "10-29 16:05", L.VERY_SATISFIED, RECEIPT,
           tags=(ATTITUDE, ONE_VISIT), comment="会议室提前布置好了，服务很周到。"),
    # Closed: the apartments office now tells students how a room change is going.
    rating("HQ-GY-01", "许诺", "11-02 19:30", L.DISSATISFIED, SMS,
           act("11-03 09:00", SUPERVISOR, "verify", valid=True, handler=APARTMENTS,
               reason="调换审批期间未告知进度，评价属实，交公寓管理科整改。"),
           act("11-04 10:00", APARTMENTS, "rectify",
               measures="宿舍调换审批期间每两个工作日短信告知一次进度；公寓管理科指定专人跟进调换申请。"),
           act("11-04 10:20", APARTMENTS, "reply",
               text="许诺同学你好：你反映的调换期间不知道进度的问题属实，今后审批期间每两个工作日会短信告知进度。感谢你的监督。"),
           act("11-06 15:00", APARTMENTS, "follow_up", satisfied=True,
               note="电话回访，学生认可整改措施，对新宿舍满意。"),
           act("11-06 16:00", SUPERVISOR, "close", comment="整改到位，回访满意，办结。"),
           tags=(EFFICIENCY,), comment="调换等了一个星期，中间没人告诉我进度。",
           expect=R.CLOSED),
    rating("HQ-JT-01", "董立群", "11-05 19:05", L.BASICALLY_SATISFIED, SMS,
           tags=(MATERIALS,), comment="通行证办好了，就是要的材料有点多。"),
    # Verified, then left: overdue since 20 November.
    rating("HQ-KW-01", "李欣怡", "11-12 14:33", L.DISSATISFIED, TABLET,
           act("11-13 09:30", SUPERVISOR, "verify", valid=True,
               reason="当日补卡高峰只开一个窗口，评价属实。"),
           tags=(EFFICIENCY,), comment="补卡排了四十分钟的队，只有一个窗口在办。",
           expect=R.RECTIFYING),
    rating("HQ-GY-01", "袁晨曦", "11-25 17:40", L.VERY_SATISFIED, SMS,
           tags=(EFFICIENCY, ATTITUDE), comment="比承诺的时间还快，谢谢老师。"),
    # The guide and the window asked for different papers: measures recorded, reply due.
    rating("HQ-JT-01", "钱文博", "11-25 18:40", L.DISSATISFIED, SMS,
           act("11-26 09:30", SUPERVISOR, "verify", valid=True,
               reason="办事指南材料清单与窗口要求不一致，评价属实。"),
           act("11-27 10:00", CLERK, "rectify",
               measures="核对并更新车辆通行证办理的办事指南材料清单，窗口按公布清单收取材料。"),
           tags=(MATERIALS,), comment="网上说要三样材料，到了窗口要五样。",
           expect=R.RECTIFYING),
    rating("HQ-LX-01", "陈思远", "11-26 09:33", L.SATISFIED, TABLET,
           tags=(ONE_VISIT,)),
)
# fmt: on

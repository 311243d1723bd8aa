# ruff: noqa: E501  (case text reads better unbroken)
"""北方大学后勤服务中心: six weeks of requests, 19 October – 27 November 2026.

Office hours 08:00–12:00 and 14:00–17:30. Seen on Monday 30 November at
09:00: three room changes — one waiting for its extension, one already
extended — are near their limit (yellow); an air-conditioner repair and a
bulky-waste collection are overdue (red). The people, their numbers and
the university's rules are made up.
"""

from __future__ import annotations

from onestop.cases.models import CaseStatus, Channel, Outcome, PickupWay
from onestop.intake.services import Decision

from .specs import (
    SUPPLEMENT,
    CaseSpec,
    act,
    case,
    credit_code,
    firm,
    person,
    resident_id,
)

S = CaseStatus
CLERK, SUPERVISOR = "uni-clerk", "uni-supervisor"
DISPATCH, TECH, PROVIDER = "uni-dispatch", "uni-tech", "uni-provider"
APARTMENTS, AFFAIRS = "uni-backoffice", "uni-affairs"

APARTMENT_RULES = "《北方大学学生公寓管理办法》（北大后字〔2023〕12 号）"

# fmt: off
# Applicants: students, staff, a student society and a department.
WANG_ZIHAN = person("王子涵", "13604518827", resident_id("230103", "20050612", "035"))
ZHAO_YUTONG = person("赵雨桐", "15843106672", resident_id("220102", "20060308", "124"))
SUN_HAORAN = person("孙浩然", "18686523019", resident_id("370102", "20040921", "057"))
ZHANG_YU = person("张宇", "13843170285", resident_id("220281", "20050524", "011"))
LI_XINYI = person("李欣怡", "13943125508", resident_id("410105", "20051127", "046"))
CHEN_SIYUAN = person("陈思远", "17604417795", resident_id("220183", "20010415", "013"),
                     address="研究生公寓 2 号楼 517 室")
ZHOU_JIAQI = person("周佳琪", "19904316628", resident_id("130102", "20060117", "228"))
ZHENG_KAIWEN = person("郑凯文", "13159870046", resident_id("210102", "20040303", "071"))
QIHANG = firm("长春启航教育咨询有限公司", "13504402718",
              credit_code("220104", "30982617"), "经理 刘明")
MA_JUN = person("马骏", "18343107725", resident_id("220104", "20050809", "093"))
ZHANG_ZHENHUA = person("张振华", "13009003412", resident_id("220102", "19580324", "015"),
                       address="学府家园 3 栋 1 单元 302 室")
WU_TING = person("吴婷", "15526781034", resident_id("420106", "20060522", "082"))
TIAN_LIXIN = person("田立新", "13596023847", resident_id("220104", "19790811", "037"))
LIN_XIAOTONG = person("林晓彤", "18043145570", resident_id("350102", "20050730", "166"))
FENG_JIANJUN = person("冯建军", "13756120983", resident_id("220102", "19830419", "031"))
STUDENT_UNION_ARTS = firm("北方大学学生会文艺部", "18243168021", "", "文艺部部长 何嘉怡")
DU_YUHANG = person("杜宇航", "15004427613", resident_id("230102", "20060214", "059"),
                   address="6 号公寓 308 室")
PENG_XUEMEI = person("彭雪梅", "13694318902", resident_id("220103", "19860927", "048"),
                     email="pengxm@example.com", address="明德楼 A 座 415 办公室")
CAO_YUXUAN = person("曹宇轩", "17743129056", resident_id("140105", "20050418", "015"))
JIANG_GUOQIANG = person("姜国强", "13804467720", resident_id("220104", "19750606", "013"),
                        address="化学楼 B305 恒温实验室")
FOREIGN_LANGUAGES = firm("北方大学外国语学院", "13089126654", "", "学院办公室 邹老师",
                         address="外语楼 1 层 108 室")
SHAO_YIMING = person("邵一鸣", "15643190217", resident_id("370202", "20060909", "037"))
LIANG_HAIYAN = person("梁海燕", "13843028871", resident_id("220102", "19820214", "026"),
                      email="lianghy@example.com")
SONG_JIAYI = person("宋佳怡", "18844106637", resident_id("320106", "20050321", "084"))
GAO_JUNXI = person("高俊熙", "13331748860", resident_id("220381", "20040607", "051"))
XIE_ZHIMING = person("谢志明", "13904317562", resident_id("220104", "19690130", "017"),
                     address="信息中心 2 号机房")
HAN_MENGYAO = person("韩梦瑶", "15164398820", resident_id("150102", "20060704", "128"))
QIAN_WENBO = person("钱文博", "18604301937", resident_id("220102", "19880112", "053"))
YUAN_CHENXI = person("袁晨曦", "17390412285", resident_id("510107", "20050916", "042"))
PHOTO_SOCIETY = firm("北方大学摄影协会", "18946617742", "", "会长 蒋天佑")
LIU_YANG = person("刘洋", "13578410396", resident_id("220183", "20040825", "019"),
                  address="3 号公寓 221 室")
XU_NUO = person("许诺", "15043175826", resident_id("130602", "20050113", "026"))
DONG_LIQUN = person("董立群", "13009112846", resident_id("220104", "19660718", "024"),
                    email="donglq@example.com",
                    address="长春市朝阳区学府家园 6 栋 2 单元 501 室")
DENG_XIAOFENG = person("邓晓峰", "13596108827", resident_id("220102", "19800306", "035"))
# fmt: on

_DONE = "已完成，请申请人到窗口领取结果"

# fmt: off
CASES: tuple[CaseSpec, ...] = (
    # --- done on the spot (即办) ---------------------------------------------
    case("HQ-KW-01", WANG_ZIHAN, "10-19 09:12", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("HQ-NY-01", ZHAO_YUTONG, "10-20 10:35", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("HQ-GY-02", SUN_HAORAN, "10-28 14:20", SUPERVISOR, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("HQ-KW-02", ZHANG_YU, "11-04 08:40", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    # A roommate replaces the card on her behalf, with a letter of authority.
    case("HQ-KW-01", LI_XINYI, "11-12 14:30", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED,
         applies=(3,)),
    case("HQ-LX-01", CHEN_SIYUAN, "11-26 09:30", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("HQ-NY-01", ZHOU_JIAQI, "11-27 16:10", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    # --- not accepted (不予受理) and referred (告知) ----------------------------
    case("HQ-GY-01", ZHENG_KAIWEN, "10-22 10:05", CLERK, Outcome.REJECTED, S.REJECTED,
         decision=Decision(
             reason="申请人已于 2026 年 9 月办理校外走读登记并退出校内住宿，不具备宿舍调换申请资格",
             legal_basis=f"{APARTMENT_RULES}第十五条：宿舍调换仅限在校住宿学生申请",
         )),
    case("HQ-CD-02", QIHANG, "11-10 15:40", CLERK, Outcome.REJECTED, S.REJECTED,
         decision=Decision(
             reason="申请人为校外培训机构，借用教室用于有偿培训，不属于教室借用的服务对象",
             legal_basis="《北方大学教室管理规定》第六条：教室仅供本校教学、学生活动和学术活动使用，不得用于营利性活动",
         )),
    case("HQ-CD-01", MA_JUN, "10-26 14:20", CLERK, Outcome.REFERRED, S.REFERRED,
         decision=Decision(
             competent_body="体育教学部场馆管理中心（体育馆、田径场由其统一管理和出借）",
             contact="体育馆一楼 102 室，电话 0431-8516 6210，工作日 08:00–17:00",
         )),
    case("HQ-WX-01", ZHANG_ZHENHUA, "11-03 09:15", CLERK, Outcome.REFERRED, S.REFERRED,
         channel=Channel.PHONE,
         decision=Decision(
             competent_body="学府家园小区物业服务中心（长春恒业物业服务有限公司）：教职工家属区住宅维修不属本中心受理范围",
             contact="学府家园 3 栋底商，电话 0431-8517 3300，24 小时值班",
         )),
    # --- withdrawn (撤回) ------------------------------------------------------
    case("HQ-GY-01", WU_TING, "11-09 10:10", CLERK, Outcome.ACCEPTED, S.WITHDRAWN,
         act("11-10 15:30", CLERK, "withdraw",
             comment="申请人与原宿舍同学经辅导员调解已和好，本人来窗口申请撤回调换申请")),
    case("HQ-JT-01", TIAN_LIXIN, "11-11 09:50", CLERK, Outcome.NOTICE, S.WITHDRAWN,
         act("11-18 10:20", CLERK, "withdraw", comment="申请人来电告知车辆已转让，不再办理通行证"),
         missing=(3,)),
    # --- awaiting supplement after a one-time notice (补正) --------------------
    case("HQ-GY-01", LIN_XIAOTONG, "11-24 14:40", CLERK, Outcome.NOTICE, S.AWAITING_SUPPLEMENT,
         missing=(3,)),
    case("HQ-JT-01", FENG_JIANJUN, "11-25 10:20", CLERK, Outcome.NOTICE, S.AWAITING_SUPPLEMENT,
         missing=(5,),
         defects={2: "行驶证复印件字迹模糊，车辆识别代号无法辨认"}),
    # The approval brought with the supplement names another date: a justified second notice.
    case("HQ-CD-01", STUDENT_UNION_ARTS, "11-17 15:10", CLERK, Outcome.NOTICE, S.AWAITING_SUPPLEMENT,
         act("11-23 09:30", CLERK, SUPPLEMENT, brings=(2,), outcome=Outcome.NOTICE,
             defects={3: "校团委审批意见所载活动日期（12 月 5 日）与申请表（12 月 12 日）不一致"},
             justification="首次告知所列校团委审批意见已补交，但其所载活动日期与申请表不一致，"
                           "属补正材料本身出现的新问题，首次告知时无法发现，故再次告知"),
         missing=(2, 3)),
    # --- in progress (办理中) --------------------------------------------------
    # Reported online on Friday morning, not yet dispatched.
    case("HQ-WX-01", DU_YUHANG, "11-27 10:15", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         channel=Channel.ONLINE, applies=(3,)),
    case("HQ-CD-02", SHAO_YIMING, "11-27 14:30", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS),
    case("HQ-WX-02", PENG_XUEMEI, "11-26 09:05", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-26 10:00", DISPATCH, "approve", comment="已派单至水电维修岗李德福"),
         act("11-26 16:00", TECH, "notify", message="已与您约定 11 月 30 日上午 9 点上门检修空调，请届时留人开门")),
    case("HQ-HY-01", LIANG_HAIYAN, "11-26 10:00", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-26 15:00", AFFAIRS, "approve", comment="12 月 2 日下午逸夫楼 305 会议室空闲，同意预订")),
    # Near the limit on Monday: due 30 November.
    case("HQ-GY-01", CAO_YUXUAN, "11-23 09:50", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-24 15:00", APARTMENTS, "approve", comment="经核实，与同宿舍同学作息差异较大，辅导员已签署意见，情况属实"),
         act("11-26 10:00", APARTMENTS, "approve", comment="已调配至 12 号公寓 305 室 3 号床")),
    # Overdue on Monday: the compressor part has not come.
    case("HQ-WX-02", JIANG_GUOQIANG, "11-19 14:20", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-19 15:00", DISPATCH, "approve", comment="恒温实验室空调，优先派单"),
         act("11-20 10:30", TECH, "notify", message="经检测为压缩机启动电容损坏，配件已订购，预计到货后即上门更换")),
    case("HQ-HJ-01", FOREIGN_LANGUAGES, "11-24 09:30", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-24 11:00", PROVIDER, "approve", comment="已与学院约定 11 月 26 日下午清运报废桌椅 32 件"),
         channel=Channel.ONLINE, applies=(2,)),
    # A pending extension, and an approved one.
    case("HQ-GY-01", SONG_JIAYI, "11-23 10:30", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-25 09:30", APARTMENTS, "approve", comment="情况属实，同意调换"),
         act("11-27 15:00", APARTMENTS, "extend_request", days=3,
             reason="申请调入的 7 号公寓暂无空余床位，需待 12 月初研究生退宿后调配")),
    case("HQ-GY-01", GAO_JUNXI, "11-16 09:20", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-17 10:00", APARTMENTS, "approve", comment="诊断证明属实，同意调至一楼宿舍"),
         act("11-20 14:30", APARTMENTS, "extend_request", days=5,
             reason="一楼宿舍已满员，需与其他楼层同学协商对调，预计需 5 个工作日"),
         act("11-20 16:00", SUPERVISOR, "extend_approve", comment="同意延期 5 个工作日，请公寓科抓紧协调"),
         applies=(4,)),
    # --- suspended (暂停计时) --------------------------------------------------
    case("HQ-WX-02", XIE_ZHIMING, "11-18 08:30", CLERK, Outcome.ACCEPTED, S.SUSPENDED,
         act("11-18 09:10", DISPATCH, "approve", comment="机房空调，已派单"),
         act("11-19 10:00", TECH, "suspend", reason="expert_review",
             note="室外机压缩机疑似故障，已报请厂家售后技术人员上门检测，检测期间暂停计时")),
    case("HQ-GY-01", HAN_MENGYAO, "11-18 14:15", CLERK, Outcome.ACCEPTED, S.SUSPENDED,
         act("11-19 09:40", APARTMENTS, "request_info",
             message="请补充提供辅导员签字的情况说明，写明申请调换的具体原因，送至公寓管理科或后勤服务大厅 5 号窗口")),
    # --- completed, awaiting pickup (办结待取件) -------------------------------
    case("HQ-JT-01", QIAN_WENBO, "11-23 10:40", CLERK, Outcome.ACCEPTED, S.COMPLETED,
         act("11-24 09:30", AFFAIRS, "approve", comment="资格审核通过"),
         act("11-25 14:20", AFFAIRS, "complete", comment="通行证已制作完成（证号 2026-J-0318），请持工作证到窗口领取")),
    case("HQ-GY-01", YUAN_CHENXI, "11-20 09:00", CLERK, Outcome.ACCEPTED, S.COMPLETED,
         act("11-23 10:00", APARTMENTS, "approve", comment="情况属实"),
         act("11-24 14:30", APARTMENTS, "approve", comment="已调配至 9 号公寓 216 室 2 号床"),
         act("11-25 15:00", APARTMENTS, "complete", comment="调宿通知单及新宿舍钥匙已送服务大厅，待申请人领取")),
    # Sent back once from the arrangement step to the review.
    case("HQ-CD-01", PHOTO_SOCIETY, "11-19 10:00", CLERK, Outcome.ACCEPTED, S.COMPLETED,
         act("11-20 09:30", AFFAIRS, "approve", comment="活动方案及安全预案齐全，同意借用"),
         act("11-20 15:00", AFFAIRS, "return", to_position=1,
             comment="场地需架设大功率灯光，原审核未核实用电负荷，退回审核环节补充确认"),
         act("11-23 10:00", AFFAIRS, "approve", comment="已与能源管理科确认用电负荷满足要求"),
         act("11-23 15:00", AFFAIRS, "approve", comment="已协调保卫处安排散场疏导"),
         act("11-24 10:00", AFFAIRS, "complete", comment=_DONE)),
    # --- delivered (已送达) ----------------------------------------------------
    case("HQ-WX-01", LIU_YANG, "10-19 10:05", CLERK, Outcome.ACCEPTED, S.DELIVERED,
         act("10-19 10:30", DISPATCH, "approve", comment="卫生间水龙头漏水，已派单"),
         act("10-20 15:00", TECH, "complete", comment="更换水龙头阀芯，试水无渗漏"),
         act("10-21 09:20", CLERK, "hand_over", way=PickupWay.WINDOW,
             collected_by="报修人刘洋（维修回执已签字确认）"),
         channel=Channel.ONLINE, applies=(3,)),
    case("HQ-GY-01", XU_NUO, "10-26 09:40", CLERK, Outcome.ACCEPTED, S.DELIVERED,
         act("10-27 10:00", APARTMENTS, "approve", comment="申请理由属实"),
         act("10-27 15:00", APARTMENTS, "request_info",
             message="拟调入的 4 号公寓 503 室现住同学尚未签署同意书，请您协调后带同意书到 5 号窗口"),
         act("10-29 09:00", APARTMENTS, "resume", comment="申请人已补交调入宿舍同学同意书"),
         act("10-29 16:00", APARTMENTS, "approve", comment="已调配至 4 号公寓 503 室 1 号床"),
         act("10-30 10:00", APARTMENTS, "complete", comment=_DONE),
         act("11-02 09:10", CLERK, "hand_over", way=PickupWay.WINDOW, collected_by="申请人许诺本人")),
    case("HQ-JT-01", DONG_LIQUN, "11-02 14:30", CLERK, Outcome.ACCEPTED, S.DELIVERED,
         act("11-04 09:30", AFFAIRS, "approve", comment="资格审核通过"),
         act("11-05 10:00", AFFAIRS, "complete", comment="通行证已制作完成（证号 2026-J-0297）"),
         act("11-05 16:00", CLERK, "hand_over", way=PickupWay.MAIL,
             tracking_number="1183406259717", comment="EMS 邮寄到付，已电话告知申请人"),
         pickup_way=PickupWay.MAIL,
         pickup_note="邮寄至：长春市朝阳区学府家园 6 栋 2 单元 501 室 董立群收"),
    case("HQ-HY-01", DENG_XIAOFENG, "10-27 09:30", CLERK, Outcome.NOTICE, S.DELIVERED,
         act("10-28 10:10", CLERK, SUPPLEMENT, brings=(3,), outcome=Outcome.ACCEPTED),
         act("10-28 15:00", AFFAIRS, "approve", comment="学术报告厅 10 月 30 日上午空闲"),
         act("10-29 09:30", AFFAIRS, "complete", comment="已安排报告厅并调试投影、扩音设备"),
         act("10-29 14:30", CLERK, "hand_over", way=PickupWay.WINDOW, collected_by="申请人邓晓峰本人"),
         missing=(3,)),
)
# fmt: on

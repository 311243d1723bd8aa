# ruff: noqa: E501  (case text reads better unbroken)
"""城东区税务局办税服务厅: six weeks of requests, 19 October – 27 November 2026.

Office hours 08:30–12:00 and 13:30–17:30. Seen on Monday 30 November at
09:00: a deregistration in its investigation, a deregistration extended by
ten days and an invoice-limit approval waiting for its extension are near
their limit (yellow); a deregistration waiting for the section chief and a
late-filing application not yet reviewed are overdue (red). The taxpayers
and their numbers are made up; the laws cited are real.
"""

from __future__ import annotations

from onestop.cases.models import CaseStatus, Outcome, PickupWay
from onestop.intake.checks import Applicant
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
CLERK, SUPERVISOR = "tax-clerk", "tax-supervisor"
REVIEW, CHIEF, SOURCE = "tax-backoffice", "tax-chief", "tax-source"

EAST = "220105"  # the district's area code in the credit codes of firms registered here


def _company(name: str, phone: str, code: str, contact: str, **more: str) -> Applicant:
    return firm(name, phone, credit_code(EAST, code), contact, **more)


def _sole_trader(name: str, phone: str, code: str, contact: str) -> Applicant:
    """个体工商户: registration kind 92."""
    return firm(name, phone, credit_code(EAST, code, kind="92"), contact)


# fmt: off
XINYUAN = _company("长春鑫源商贸有限公司", "13604420158", "31758204", "经办人 刘畅")
HUAXIN = _company("长春华信智能科技有限公司", "15844023716", "30619457", "财务 孙丽",
                  email="finance@huaxin-tech.example.com")
ZHOU_GUILAN = person("周桂兰", "13089015573", resident_id(EAST, "19620915", "026"),
                     address="城东区东盛大街 211 号 3 单元 602 室")
GUO_JIANHUA = person("郭建华", "13943088126", resident_id(EAST, "19780223", "031"))
DONGSHENG = _company("长春东盛物流有限公司", "13500881247", "33150862", "经办人 赵敏")
BOYUAN = _company("吉林省博远建筑工程有限公司", "13331705286", "12480379", "经办人 钱勇")
JIAHE = _company("长春嘉禾餐饮管理有限公司", "18243090651", "32946105",
                 "代理人 许静（长春诚信税务师事务所）")
TIANCHENG = _company("长春天成文化传媒有限公司", "15526740983", "34071296", "财务 苏晴")
HENGDA = _company("长春恒达五金机电有限公司", "13756001834", "30284517", "财务 马玉梅")
JINTAI = _company("长春金泰食品有限公司", "17604435519", "31592048", "经办人 唐伟")
RUIFENG = _company("长春瑞丰汽车配件有限公司", "18686401127", "32807163", "财务 白雪")
HONGTU = _company("长春宏图装饰工程有限公司", "13069111823", "33619274", "经理 邓志强")
LAO_YANG = _sole_trader("二道区老杨家酸菜馆", "13159741096", "60231458", "业主 杨国庆")
ZHONGLIAN = _company("长春中联印务有限公司", "15043062218", "30857621", "财务 彭艳")
HOU_JIANJUN = person("侯建军", "18043020794", resident_id("220104", "19750901", "053"))
BEICHEN = firm("长春北辰电子商务有限公司", "13504466392",
               credit_code("220106", "34502817"), "经办人 冯涛")
PAN_SHUFEN = person("潘淑芬", "13844091736", resident_id(EAST, "19690412", "046"))
HUITONG = _company("长春汇通电子有限公司", "13596123770", "31047685", "财务 吕红")
XINYUAN_GARMENTS = _company("长春新元服装有限公司", "15584420036", "32718540", "财务 罗敏")
CHANGTAI = _company("长春长泰机械制造有限公司", "13894351128", "12739054", "财务 韩冰")
DONGHUI = _company("长春东辉科技有限公司", "17390448652", "35260914", "经办人 邹阳")
CHENGUANG = _sole_trader("二道区晨光便利店", "13630551287", "60748213", "业主 陈晨")
SHENGYUAN = _company("长春盛源药业有限公司", "18946601358", "12906347", "财务 魏红",
                     email="weihong@shengyuan-pharma.example.com")
HONGDA = _company("吉林省宏达建材有限公司", "13009411265", "31482960", "财务 蒋丽")
BOWEN = _company("长春博文教育科技有限公司", "15143116629", "34815027", "财务 曾琳")
YONGSHUN = _company("长春永顺贸易有限公司", "13596078813", "33094725", "经理 夏志刚")
XINGWANG = _sole_trader("二道区兴旺五金店", "13134401987", "60913578", "业主 石兴旺")
JIAHE_AGRI = _company("长春佳禾农业科技有限公司", "18743018825", "35527180", "财务 任静")
XINGYE = _company("长春兴业建筑劳务有限公司", "13504318264", "32063819", "财务 张丽")
LIANCHUANG = _company("长春联创信息咨询有限公司", "15948312076", "34286509", "经办人 薛伟")
DINGSHENG = _company("长春鼎盛国际贸易有限公司", "13804312869", "30971452", "财务 王会计",
                     email="caiwu@dingsheng-trade.example.com",
                     address="城东区东盛大街 358 号东盛国际 B 座 1206 室")
ANTAI = _company("长春安泰物业管理有限公司", "13756092435", "33542198", "财务 程丽")
CHENXING = _company("长春晨星服饰有限公司", "18844091265", "35103847", "经办人 方园")
# fmt: on

_DEREGISTERED = "准予注销，已出具《清税证明》，请纳税人领取"

# fmt: off
CASES: tuple[CaseSpec, ...] = (
    # --- done on the spot (即办) ---------------------------------------------
    case("TAX-DJ-01", XINYUAN, "10-19 09:05", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("TAX-DJ-04", HUAXIN, "10-21 14:00", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("TAX-FP-02", ZHOU_GUILAN, "10-23 10:30", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("TAX-SB-03", GUO_JIANHUA, "10-29 09:40", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED,
         applies=(2,)),
    case("TAX-DJ-05", DONGSHENG, "11-05 15:10", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("TAX-SX-01", BOYUAN, "11-11 10:20", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED),
    case("TAX-DJ-02", JIAHE, "11-20 14:30", CLERK, Outcome.ON_THE_SPOT, S.DELIVERED,
         applies=(4,)),
    case("TAX-SX-02", TIANCHENG, "11-26 09:50", SUPERVISOR, Outcome.ON_THE_SPOT, S.DELIVERED),
    # --- not accepted (不予受理) and referred (告知) ----------------------------
    case("TAX-SB-02", ZHONGLIAN, "11-18 09:45", CLERK, Outcome.REJECTED, S.REJECTED,
         decision=Decision(
             reason="申请人于 10 月所属期申报期限（2026 年 11 月 16 日）届满后才提出延期申报申请，"
                    "不符合应当在申报期限内提出书面申请的规定；请按规定办理申报，逾期申报按规定处理",
             legal_basis="《中华人民共和国税收征收管理法》第二十七条；《中华人民共和国税收征收管理法实施细则》第三十七条",
         )),
    case("TAX-SX-05", HOU_JIANJUN, "11-06 14:50", CLERK, Outcome.REJECTED, S.REJECTED,
         decision=Decision(
             reason="申请查询的是其他纳税人（长春某商贸有限公司）的涉税信息，申请人未能提供该纳税人的授权委托书，"
                    "税务机关依法为纳税人的涉税信息保密",
             legal_basis="《中华人民共和国税收征收管理法》第八条第二款；《纳税人涉税保密信息管理暂行办法》第二条、第九条",
         )),
    case("TAX-DJ-01", BEICHEN, "10-27 10:10", CLERK, Outcome.REFERRED, S.REFERRED,
         decision=Decision(
             competent_body="城西区税务局办税服务厅（纳税人登记注册地在城西区，由其主管税务机关办理）",
             contact="城西区兴华路 25 号，电话 0431-8877 2366；也可通过电子税务局办理",
         )),
    case("TAX-FP-02", PAN_SHUFEN, "11-12 15:30", CLERK, Outcome.REFERRED, S.REFERRED,
         decision=Decision(
             competent_body="城东区不动产登记中心税务综合窗口（个人销售不动产的税款征收和发票代开在此办理）",
             contact="城东区民丰大街 8 号不动产登记中心一楼，电话 0431-8860 3120",
         )),
    # --- withdrawn (撤回) ------------------------------------------------------
    case("TAX-DJ-03", HONGTU, "11-04 09:20", CLERK, Outcome.NOTICE, S.WITHDRAWN,
         act("11-13 10:00", CLERK, "withdraw",
             comment="公司股东会决定暂缓注销、继续经营，经办人持书面申请撤回"),
         missing=(2,)),
    case("TAX-SB-04", LAO_YANG, "11-10 14:00", CLERK, Outcome.ACCEPTED, S.WITHDRAWN,
         act("11-16 09:30", CLERK, "withdraw",
             comment="业主决定按规定设置账簿、改为查账征收，申请撤回定期定额核定")),
    # --- awaiting supplement after a one-time notice (补正) --------------------
    case("TAX-DJ-03", HENGDA, "11-25 10:40", CLERK, Outcome.NOTICE, S.AWAITING_SUPPLEMENT,
         missing=(5,), defects={1: "清税申报表未加盖企业公章"}),
    case("TAX-FP-03", JINTAI, "11-26 15:20", CLERK, Outcome.NOTICE, S.AWAITING_SUPPLEMENT,
         defects={2: "申请单所填最高开票限额（十万元）与税务行政许可申请表（一百万元）不一致"}),
    # The seal impression brought with the supplement is illegible: a justified second notice.
    case("TAX-FP-04", RUIFENG, "11-19 10:15", CLERK, Outcome.NOTICE, S.AWAITING_SUPPLEMENT,
         act("11-23 14:10", CLERK, SUPPLEMENT, outcome=Outcome.NOTICE,
             defects={3: "补交的发票专用章印模印迹模糊，章内名称和税号无法辨认"},
             justification="首次告知时纳税人未提交发票专用章印模；本次补交的印模本身印迹不清，"
                           "属补正材料的新问题，首次告知时无法发现，故再次告知"),
         missing=(3,)),
    # --- in progress (办理中) --------------------------------------------------
    case("TAX-FP-04", DONGHUI, "11-27 09:20", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS),
    case("TAX-SB-04", CHENGUANG, "11-23 15:00", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS),
    case("TAX-FP-03", SHENGYUAN, "11-20 10:00", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-24 10:30", REVIEW, "approve", comment="申请材料齐全，近 12 个月月均开票额符合申请限额，转实地核查")),
    # Near the limit on Monday: due 1 December.
    case("TAX-DJ-03", HUITONG, "11-17 09:30", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-19 14:00", REVIEW, "approve", comment="清税申报表与系统数据一致，转税源管理部门清税检查")),
    # Overdue on Monday: one waits for the section chief, one was never reviewed.
    case("TAX-DJ-03", XINYUAN_GARMENTS, "11-10 10:00", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-12 09:40", REVIEW, "approve", comment="审核无误"),
         act("11-18 15:20", SOURCE, "approve", comment="经实地核查，无欠税、无未结案件，发票已全部缴销")),
    case("TAX-SB-02", CHANGTAI, "11-19 10:30", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS),
    # A pending extension, and an approved one.
    case("TAX-FP-03", HONGDA, "11-16 09:10", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-18 10:00", REVIEW, "approve", comment="材料齐全，转实地核查"),
         act("11-26 16:00", SOURCE, "extend_request", days=10,
             reason="纳税人新建生产线尚在安装调试，需待设备投产后实地核查经营规模（《行政许可法》第四十二条）")),
    case("TAX-DJ-03", BOWEN, "11-05 14:10", CLERK, Outcome.ACCEPTED, S.IN_PROGRESS,
         act("11-06 10:00", REVIEW, "approve", comment="审核无误"),
         act("11-16 10:30", SOURCE, "extend_request", days=10,
             reason="纳税人取得的 3 份进项发票需向开票方主管税务机关函调核实，10 个工作日内无法办结"),
         act("11-16 15:00", SUPERVISOR, "extend_approve", comment="同意延长 10 个工作日，已告知纳税人")),
    # --- suspended (暂停计时) --------------------------------------------------
    case("TAX-DJ-03", YONGSHUN, "11-09 09:00", CLERK, Outcome.ACCEPTED, S.SUSPENDED,
         act("11-11 10:00", REVIEW, "approve", comment="审核无误，转清税检查"),
         act("11-16 14:30", SOURCE, "suspend", reason="expert_review",
             note="清税检查发现 2 份增值税专用发票疑似异常，已提请发票真伪鉴定，鉴定期间暂停计时")),
    case("TAX-SB-04", XINGWANG, "11-12 10:40", CLERK, Outcome.ACCEPTED, S.SUSPENDED,
         act("11-19 10:00", SOURCE, "request_info",
             message="请补充提供 2026 年 7—10 月的进货单据及经营场所水电费缴费凭证，用于典型调查核定营业额")),
    # --- completed, awaiting pickup (办结待取件) -------------------------------
    case("TAX-FP-04", JIAHE_AGRI, "11-24 10:00", CLERK, Outcome.ACCEPTED, S.COMPLETED,
         act("11-24 15:00", REVIEW, "approve", comment="审核无误"),
         act("11-25 10:00", CHIEF, "complete", comment="核定增值税普通发票（卷式）票种，月领用 5 卷；请领取《税务事项通知书》")),
    case("TAX-SB-02", XINGYE, "11-17 14:20", CLERK, Outcome.ACCEPTED, S.COMPLETED,
         act("11-18 10:00", REVIEW, "approve", comment="因财务人员突发疾病住院，证明材料属实"),
         act("11-19 16:00", CHIEF, "complete", comment="核准延期至 2026 年 12 月 15 日前办理 10 月所属期申报")),
    case("TAX-DJ-03", LIANCHUANG, "11-12 09:15", CLERK, Outcome.ACCEPTED, S.COMPLETED,
         act("11-13 10:20", REVIEW, "approve", comment="审核无误"),
         act("11-20 11:00", SOURCE, "approve", comment="清税检查无异常"),
         act("11-25 14:00", CHIEF, "complete", comment=_DEREGISTERED)),
    # --- delivered (已送达) ----------------------------------------------------
    # Sent back once from the approval to the investigation; the result went by post.
    case("TAX-DJ-03", DINGSHENG, "10-19 14:00", CLERK, Outcome.ACCEPTED, S.DELIVERED,
         act("10-21 10:00", REVIEW, "approve", comment="审核无误，转清税检查"),
         act("10-27 15:00", SOURCE, "approve", comment="清税检查无欠税、无未结案件"),
         act("10-28 10:00", CHIEF, "return", to_position=2,
             comment="核查报告未载明税控设备（金税盘）缴销情况，退回清税检查环节补充核实"),
         act("10-29 14:30", SOURCE, "approve", comment="已核实金税盘于 10 月 20 日注销缴销"),
         act("10-30 10:00", CHIEF, "complete", comment=_DEREGISTERED),
         act("11-02 09:30", CLERK, "hand_over", way=PickupWay.MAIL,
             tracking_number="1183552604819", comment="《清税证明》EMS 邮寄"),
         applies=(5,), pickup_way=PickupWay.MAIL,
         pickup_note="邮寄至：城东区东盛大街 358 号东盛国际 B 座 1206 室 王会计收"),
    case("TAX-SB-02", ANTAI, "10-22 09:30", CLERK, Outcome.ACCEPTED, S.DELIVERED,
         act("10-23 10:00", REVIEW, "approve", comment="公司档案室因供暖管道爆裂被淹、账簿资料受损，证明材料属实"),
         act("10-26 11:00", CHIEF, "complete", comment="核准延期至 2026 年 11 月 13 日前办理申报"),
         act("10-27 14:00", CLERK, "hand_over", way=PickupWay.WINDOW,
             collected_by="经办人程丽（身份证末四位 2846）")),
    case("TAX-FP-04", CHENXING, "11-02 10:00", CLERK, Outcome.NOTICE, S.DELIVERED,
         act("11-03 09:20", CLERK, SUPPLEMENT, brings=(3,), outcome=Outcome.ACCEPTED),
         act("11-03 15:00", REVIEW, "approve", comment="审核无误"),
         act("11-04 10:00", CHIEF, "complete", comment="核定增值税电子普通发票票种"),
         act("11-04 14:10", CLERK, "hand_over", way=PickupWay.WINDOW,
             collected_by="经办人方园（身份证末四位 0528）"),
         missing=(3,)),
)
# fmt: on

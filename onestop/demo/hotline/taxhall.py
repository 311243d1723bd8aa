"""城东区税务局 12366 纳税服务热线: two queues, nine agents, a dozen articles, one campaign.

The line is manned on working days 08:30–17:30. 综合咨询 takes most calls —
about 235 on a plain midweek day, a quarter more on Mondays and up to half
as many again in the last days before the filing deadline. 企业专线 is the
line for the district's key tax-source enterprises (重点税源企业): fewer,
longer calls, on two dedicated seats, answered within 20 seconds. The hall's
guide 林小雨 takes the afternoon seat; 周丽萍 works mornings only.

Policy texts follow the national rules in force in 2026; the regional text
and the hotline's own practice are made up. Phone numbers are fictional.
"""

from __future__ import annotations

from decimal import Decimal

from onestop.campaigns.models import Channel

from .specs import (
    AgentSpec,
    ArticleSpec,
    CampaignSpec,
    HotlineSpec,
    QueueSpec,
    ShiftSpec,
    VariantSpec,
)

MAIN, FIRMS = "12366", "12366-QY"
HOURS = "08:30-17:30"
# Calls of each half hour from 08:30 to 17:00: the morning peak, the lunch
# dip, the afternoon peak.
SHAPE = (
    0.6, 1.0, 1.3, 1.4, 1.35, 1.2, 0.9, 0.5, 0.45,
    0.6, 0.95, 1.2, 1.3, 1.25, 1.1, 0.95, 0.7, 0.45,
)  # fmt: skip
WEEKDAYS = (1.25, 1.05, 1.0, 0.95, 0.88, 0.0, 0.0)

SUPERVISOR, MANAGER, ADMIN = "tax-supervisor", "tax-manager", "tax-admin"
CAMPAIGN = "ZXKC-2027"

# The enterprise line comes first: its two dedicated seats (专席) are rostered
# before the general pool. They do nothing but take its calls, so no shrinkage.
QUEUES = (
    QueueSpec(
        code=FIRMS,
        name="企业专线（重点税源企业）",
        hours=HOURS,
        daily_calls=26,
        shape=SHAPE,
        weekday_factor=(1.15, 1.05, 1.0, 1.0, 0.9, 0.0, 0.0),
        aht_s=360,
        patience_s=200,
        answer_within_s=20,
        target_answer_rate=Decimal("0.980"),
        shrinkage=Decimal("0"),
        vip_share=1.0,
        transfer_share=0.08,
        planning_patience_s=200,
        seats=(("tax-hotline-01", "D1"), ("tax-hotline-02", "D2")),
    ),
    QueueSpec(
        code=MAIN,
        name="综合咨询",
        hours=HOURS,
        daily_calls=235,
        shape=SHAPE,
        weekday_factor=WEEKDAYS,
        aht_s=250,
        patience_s=110,
        shrinkage=Decimal("0.250"),
        vip_share=0.03,
        transfer_share=0.04,
        menu_hangups=6,
        seats=(
            ("tax-hotline-03", "D1"),
            ("tax-hotline-04", "D2"),
            ("tax-hotline-05", "D1"),
            ("tax-hotline-06", "D2"),
            ("tax-hotline-08", "D1"),
            ("tax-hotline-07", "AM"),
            ("tax-agent", "PM"),
        ),
    ),
)

SHIFTS = (
    ShiftSpec("D1", "全天班", "08:30", 9, break_after_minutes=210, break_minutes=60),
    ShiftSpec(
        "D2",
        "全天班（错峰午休）",
        "08:30",
        9,
        break_after_minutes=270,
        break_minutes=60,
    ),
    ShiftSpec("AM", "上午班", "08:30", 4),
    ShiftSpec("PM", "下午班", "13:30", 4),
)

AGENTS = (
    AgentSpec("tax-agent", weekly_hours=Decimal("20.0")),  # also guides in the hall
    AgentSpec("tax-hotline-01"),
    AgentSpec("tax-hotline-02"),
    AgentSpec("tax-hotline-03"),
    AgentSpec("tax-hotline-04"),
    AgentSpec("tax-hotline-05"),
    AgentSpec("tax-hotline-06"),
    AgentSpec("tax-hotline-07", weekly_hours=Decimal("20.0")),
    AgentSpec("tax-hotline-08", days_off="567"),  # 在职研究生, Fridays at school
)

# fmt: off
ARTICLES = (
    ArticleSpec(
        "FP-001", "发票", "丢失已开具增值税专用发票怎么办",
        "纳税人同时丢失已开具增值税专用发票的发票联和抵扣联，可凭加盖销售方发票专用章的"
        "相应发票记账联复印件，作为增值税进项税额的抵扣凭证、退税凭证或记账凭证。\n"
        "仅丢失抵扣联的，可凭相应发票联复印件作为抵扣凭证或退税凭证；仅丢失发票联的，"
        "可将抵扣联复印件作为记账凭证。\n"
        "取得的是数电发票的，不存在丢失问题，可在电子发票服务平台重新下载。\n"
        "依据：《国家税务总局关于增值税发票管理等有关事项的公告》（2019年第33号）。",
        SUPERVISOR, ADMIN, 60,
    ),
    ArticleSpec(
        "FP-002", "发票", "数电发票开具金额总额度不够用",
        "纳税人开具数电发票的金额总额度，由税务机关根据纳税信用等级、经营情况等"
        "自动赋予并按月动态调整。\n"
        "当月额度不足的，可在电子税务局“发票业务—发票额度调整申请”提出临时调整，"
        "税务机关审核后办结；也可到办税服务厅申请。",
        MANAGER, SUPERVISOR, 45,
        pending=(
            "数电发票开具金额总额度不够用",
            "纳税人开具数电发票的金额总额度，由税务机关根据纳税信用等级、经营情况等"
            "自动赋予并按月动态调整。\n"
            "当月额度不足的，可在电子税务局“发票业务—发票额度调整申请”提出临时调整，"
            "填写调整额度、调整理由和有效期，并上传近期购销合同；税务机关审核后办结，"
            "一般不超过2个工作日。也可到办税服务厅申请。\n"
            "临时调整到期后恢复为按月赋予的额度。",
            "补充申请时要填写的内容、办结时限和到期后的额度",
        ),
    ),
    ArticleSpec(
        "ZQ-001", "申报纳税", "每月申报纳税期限（征期）",
        "按月申报的增值税、消费税及代扣代缴的个人所得税等，申报期限为次月1日起至15日。"
        "最后一日是法定休假日的，以休假日期满的次日为期限的最后一日；期限内有连续3日以上"
        "法定休假日的，按休假日天数顺延。\n"
        "每月的具体截止日以国家税务总局公布的申报纳税期限为准，可在电子税务局“办税日历”"
        "查询。",
        SUPERVISOR, ADMIN, 80,
    ),
    ArticleSpec(
        "XGM-001", "税收优惠", "小规模纳税人增值税减免政策",
        "自2023年1月1日至2027年12月31日，增值税小规模纳税人月销售额10万元以下"
        "（含本数；按季申报的，季度销售额30万元以下）的，免征增值税。\n"
        "适用3%征收率的应税销售收入，减按1%征收率征收增值税；适用3%预征率的预缴增值税"
        "项目，减按1%预征率预缴。\n"
        "依据：财政部 税务总局公告2023年第19号。",
        SUPERVISOR, ADMIN, 75,
    ),
    ArticleSpec(
        "GS-001", "个人所得税", "个人所得税综合所得年度汇算",
        "居民个人取得综合所得需要办理年度汇算的，在取得所得的次年3月1日至6月30日内办理。"
        "可通过个人所得税App或自然人电子税务局网页端自行办理，也可委托任职受雇单位或"
        "涉税专业服务机构办理。\n"
        "年度汇算需补税但综合所得收入全年不超过12万元，或需补税金额不超过400元的，"
        "可免于办理（已预缴税额与年度应纳税额一致或不申请退税的，也无需办理）。",
        MANAGER, SUPERVISOR, 70,
    ),
    ArticleSpec(
        "GS-002", "个人所得税", "2027年度专项附加扣除信息确认",
        "每年12月，纳税人需对次年享受的专项附加扣除内容进行确认。\n"
        "操作：登录个人所得税App，首页“专项附加扣除填报”，选择扣除年度2027，"
        "点击“一键带入”，核对子女教育、住房贷款利息、赡养老人等信息后提交；"
        "信息有变化的，直接修改后提交。\n"
        "未按期确认的，扣缴义务人自次年1月起暂停按上年度信息办理扣除，纳税人确认后"
        "再恢复办理，已暂停月份的扣除可在年度汇算时补扣。",
        SUPERVISOR, ADMIN, 6, topics=(CAMPAIGN,),
        note="配合专项附加扣除确认提醒短信",
    ),
    ArticleSpec(
        "SBF-001", "社会保险费", "灵活就业人员社保费缴纳",
        "本市灵活就业人员按年或按月缴纳基本养老保险费、基本医疗保险费。首次缴费前，"
        "需先到社会保险经办机构办理参保登记并选择缴费基数档次。\n"
        "登记后可通过“吉林税务”App、微信公众号、合作银行网点柜面或自助终端缴费；"
        "缴费基数档次的年度调整到社会保险经办机构办理，不在税务部门办理。",
        SUPERVISOR, ADMIN, 40,
        variants=(
            VariantSpec(
                "九台区",
                "九台区灵活就业人员的参保登记在九台区社会保险经办机构办理。"
                "缴费渠道与全市相同；农村户籍人员也可在所在乡镇（街道）便民服务中心"
                "的自助终端缴费。缴费基数档次的年度调整在九台区社会保险经办机构办理。",
            ),
        ),
    ),
    ArticleSpec(
        "CCS-001", "财产和行为税", "车船税在哪里缴",
        "购买机动车交通事故责任强制保险（交强险）时，由保险机构代收代缴车船税，"
        "纳税人无需另行申报。\n"
        "新购车辆当年的车船税自取得所有权的当月起按月计算。依法不需购买交强险的车船，"
        "向车船登记地的税务机关申报缴纳。",
        MANAGER, SUPERVISOR, 90,
    ),
    ArticleSpec(
        "DJ-001", "登记", "新办纳税人“套餐式”服务",
        "新办企业领取营业执照后，可登录电子税务局“新办纳税人套餐”，一次办理登记信息确认、"
        "财务会计制度备案、税费种认定、发票票种核定和数电发票开票权限等事项，"
        "资料齐全的一般当日办结。\n"
        "需准备：法定代表人、财务负责人、办税人员的实名信息和联系电话，"
        "以及对公银行账户信息。",
        SUPERVISOR, ADMIN, 55,
    ),
    ArticleSpec(
        "ZX-001", "注销", "清税注销“即办”条件",
        "未办理过涉税事宜的纳税人，或办理过涉税事宜但未领用发票、无欠税（滞纳金）及"
        "罚款的纳税人，可免予到税务机关办理清税证明，直接向市场监管部门申请注销登记。\n"
        "其他纳税人申请清税，资料齐全、符合法定形式的，符合即办条件的当场出具"
        "清税文书；不符合的，按规定时限办结并一次性告知需补正的事项。",
        MANAGER, SUPERVISOR, 35,
    ),
    ArticleSpec(
        "DZSWJ-001", "电子税务局", "电子税务局登录不上怎么办",
        "自然人忘记密码：在登录页选择“忘记密码”，通过已绑定的手机号或人脸识别重置。\n"
        "企业办税人员登录不上：先确认本人已被企业授权为办税人员；授权由法定代表人或"
        "财务负责人登录后在“用户管理”中办理。\n"
        "多次输错被锁定的，按页面提示稍后重试或重置密码。仍不能登录的，记下纳税人识别号、"
        "报错截图和发生时间，登记转技术支持，承诺1个工作日内回复。",
        SUPERVISOR, ADMIN, 20,
    ),
    ArticleSpec(
        "XY-001", "纳税信用", "纳税信用修复",
        "纳税人发生未按期申报等失信行为，已纠正并按规定申请的，可以修复纳税信用。"
        "例如未按期办理纳税申报，在税务机关责令限期改正的期限内改正，或在期限届满后"
        "30日内改正的，可以申请修复。\n"
        "通过电子税务局“纳税信用修复”提交申请，税务机关自受理之日起15个工作日内办结。",
        MANAGER, SUPERVISOR, 25,
    ),
)
# fmt: on

CAMPAIGNS = (
    CampaignSpec(
        code=CAMPAIGN,
        name="2027年度专项附加扣除确认提醒",
        queue=MAIN,
        channel=Channel.SMS,
        description=(
            "向辖区内上年度填报过专项附加扣除的纳税人发送短信，提醒在年底前通过个人所得税App"
            "确认2027年度扣除信息；短信注明“详情请致电12366”。"
        ),
        reach=48000,
        response_rate=Decimal("0.35"),
        starts_after=1,  # the Tuesday of next week
        days=4,
        half_life_days=Decimal("1.0"),
        planner=MANAGER,
        script=(
            "您好，这里是12366纳税服务热线。\n"
            "关于2027年度专项附加扣除确认：请登录个人所得税App，首页点击“专项附加扣除填报”，"
            "扣除年度选2027，点“一键带入”，核对信息后提交；信息有变化的可以直接修改。\n"
            "年底前没有确认的，单位从1月起会暂停为您办理扣除，确认后即可恢复，"
            "暂停月份的扣除可在年度汇算时补扣。\n"
            "请问还有其他可以帮您的吗？"
        ),
    ),
)

HOTLINE = HotlineSpec(
    prefix="CD12366",
    importer=SUPERVISOR,
    queues=QUEUES,
    shifts=SHIFTS,
    agents=AGENTS,
    articles=ARTICLES,
    campaigns=CAMPAIGNS,
    filing_period=True,
    plan_weeks=True,
)

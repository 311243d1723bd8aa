"""北方大学后勤服务中心: the service catalogue.

The legal bases are the university's own rules — internal, but cited as a
real guide would cite them.
"""

from __future__ import annotations

from onestop.demo.specs import (
    COPY,
    ELECTRONIC,
    ORIGINAL,
    ORIGINAL_AND_COPY,
    FaqSpec,
    ItemSpec,
    MaterialSpec,
    StepSpec,
)

from .structure import (
    APARTMENT_PHONE,
    CARD_PHONE,
    CONFERENCE_PHONE,
    ENERGY_PHONE,
    FOOD_PHONE,
    PROPERTY_PHONE,
    QUALITY_PHONE,
    REPAIR_HOTLINE,
    TRANSPORT_PHONE,
)

APARTMENT_RULES = "《北方大学学生公寓管理规定》（校后勤〔2021〕6号）"
REPAIR_RULES = "《北方大学后勤维修服务管理办法》（校后勤〔2022〕3号）"
CARD_RULES = "《北方大学校园卡管理办法》（校信〔2020〕11号）"
FEES = "《北方大学后勤服务收费项目及标准》（校财〔2023〕21号）"

STUDENT_CARD = MaterialSpec(
    "校园卡或学生证（教职工为工作证）", ORIGINAL, notes="核验身份后当场退还"
)
PROXY_LETTER = MaterialSpec(
    "委托书及代办人身份证件",
    ORIGINAL,
    condition="委托他人代办时",
    notes="委托书需本人签字，写明委托事项",
)


_REPAIR_FAQ_URGENT = FaqSpec(
    "夜间或节假日发生漏水、断电怎么办？",
    f"请拨打 24 小时报修热线 {REPAIR_HOTLINE}，值班维修人员 30 分钟内到场先行处置。",
)

ITEMS = (
    ItemSpec(
        code="HQ-WX-01",
        name="宿舍报修",
        category="维修服务",
        department="REPAIR",
        window_type="REPAIR",
        promised_limit_days=2,
        steps=(
            StepSpec(
                "派单", "REPAIR", 1, "REPAIR-01", "核实报修部位，当日派给维修人员"
            ),
            StepSpec("上门维修", "REPAIR", 1, "REPAIR-02", "上门修复，报修人签字确认"),
        ),
        summary="学生宿舍内水电、门窗、卫浴设施损坏的报修；水电紧急故障随报随修。",
        eligibility="在校住宿学生及宿舍管理员",
        fee="自然损耗维修不收费；人为损坏按材料成本收费",
        fee_basis=f"{FEES}第二项；{APARTMENT_RULES}第三十一条",
        legal_basis=f"{APARTMENT_RULES}第十二条；{REPAIR_RULES}第八条",
        materials=(
            MaterialSpec(
                "报修登记单",
                ELECTRONIC,
                notes="窗口、电话或网上填写，写明楼号、房间号和损坏部位",
            ),
            STUDENT_CARD,
            MaterialSpec(
                "损坏部位照片",
                ELECTRONIC,
                condition="网上报修时",
                notes="1–3 张，能看清损坏部位",
            ),
        ),
        result="维修完成（维修单由报修人签字）",
        delivery_ways="上门维修",
        online_available=True,
        consult_phone=REPAIR_HOTLINE,
        keywords="报修 维修 漏水 跳闸 灯坏了 门锁 水龙头 下水道堵塞",
        faqs=(
            _REPAIR_FAQ_URGENT,
            FaqSpec(
                "维修人员上门时宿舍必须有人吗？",
                "需有本宿舍同学或宿舍管理员在场，维修人员不单独进入无人宿舍。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-WX-02",
        name="空调报修",
        category="维修服务",
        department="REPAIR",
        window_type="REPAIR",
        promised_limit_days=3,
        steps=(
            StepSpec("派单", "REPAIR", 1, "REPAIR-01", "确认空调编号和故障现象"),
            StepSpec(
                "检修",
                "REPAIR",
                2,
                "REPAIR-02",
                "检修或更换配件；需整机更换的报中心办公室",
            ),
        ),
        summary="学生宿舍、办公室和教室空调不制冷（热）、漏水、遥控失灵等故障的报修。",
        eligibility="全校师生",
        fee_basis="空调维修费用由学校运维经费列支",
        legal_basis=f"{REPAIR_RULES}第十条",
        materials=(
            MaterialSpec(
                "报修登记单", ELECTRONIC, notes="写明楼号、房间号、空调编号（机身标签）"
            ),
            STUDENT_CARD,
        ),
        result="空调修复或出具整机更换意见",
        delivery_ways="上门维修",
        online_available=True,
        consult_phone=REPAIR_HOTLINE,
        keywords="空调 不制冷 不制热 漏水 遥控器",
        faqs=(
            FaqSpec(
                "遥控器丢了可以补吗？",
                "可以，在维修报修窗口登记后由维修人员配发，遗失的按成本价 35 元收取。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-WX-03",
        name="家具维修",
        category="维修服务",
        department="REPAIR",
        window_type="REPAIR",
        promised_limit_days=3,
        steps=(
            StepSpec("派单", "REPAIR", 1, "REPAIR-01", "派给物业项目部"),
            StepSpec("上门维修", "PROP", 2, "PROP-01", "修复床铺、桌椅、柜门等家具"),
        ),
        summary="宿舍、办公室床铺、桌椅、衣柜等学校配置家具的维修。",
        eligibility="全校师生",
        fee="自然损耗不收费；人为损坏按材料成本收费",
        fee_basis=f"{FEES}第二项",
        legal_basis=f"{APARTMENT_RULES}第十三条；{REPAIR_RULES}第九条",
        materials=(
            MaterialSpec(
                "报修登记单", ELECTRONIC, notes="写明家具名称、资产标签号和损坏情况"
            ),
            STUDENT_CARD,
        ),
        result="家具修复",
        delivery_ways="上门维修",
        online_available=True,
        consult_phone=REPAIR_HOTLINE,
        keywords="家具 床 桌子 椅子 衣柜 柜门",
        faqs=(
            FaqSpec(
                "家具无法修复怎么办？",
                "由物业项目部出具报废意见，公寓管理科在 5 个工作日内调配替换家具。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-NY-01",
        name="能源缴费（电费充值）",
        category="能源服务",
        department="ENERGY",
        window_type="CARD",
        summary="为学生宿舍电表充值，充值后即时到账。",
        eligibility="在校住宿学生",
        fee="按电价收取：学生宿舍 0.52 元/千瓦时",
        fee_basis="《北方大学学生宿舍用电管理办法》（校后勤〔2023〕15号）第七条",
        legal_basis="《北方大学学生宿舍用电管理办法》（校后勤〔2023〕15号）第五条",
        materials=(
            MaterialSpec("校园卡", ORIGINAL, notes="从校园卡余额中扣款"),
            MaterialSpec("宿舍楼号及房间号", ELECTRONIC, notes="在自助机或窗口录入"),
        ),
        result="电费充值到账",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=ENERGY_PHONE,
        keywords="电费 充电费 交电费 充值 停电 没电了",
        faqs=(
            FaqSpec(
                "充值后宿舍仍然没电怎么办？",
                "先查看电表是否显示余额，仍未恢复的请报修，由能源管理科核查电表。",
            ),
            FaqSpec(
                "每个宿舍每月有免费电量吗？",
                "每间宿舍每月赠送 15 千瓦时基础电量，超出部分按电价收费。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-NY-02",
        name="电表异常核查",
        category="能源服务",
        department="ENERGY",
        window_type="GEN",
        promised_limit_days=3,
        steps=(
            StepSpec(
                "现场核查", "ENERGY", 2, "ENERGY-01", "读取电表记录，核对充值流水"
            ),
            StepSpec("核查结论", "ENERGY", 1, "ENERGY-01", "确有多扣的，原路退回"),
        ),
        summary="宿舍电量消耗异常、充值未到账、电表故障的核查。",
        eligibility="在校住宿学生",
        legal_basis="《北方大学学生宿舍用电管理办法》（校后勤〔2023〕15号）第十一条",
        materials=(
            MaterialSpec("电表异常核查申请表", ORIGINAL),
            MaterialSpec("充值记录截图", ELECTRONIC, condition="充值未到账时"),
            STUDENT_CARD,
        ),
        result="电表核查结论（多扣费用原路退回）",
        delivery_ways="短信通知；窗口领取核查单",
        online_available=True,
        consult_phone=ENERGY_PHONE,
        keywords="电表 电费异常 电费太高 充值没到账",
        faqs=(
            FaqSpec(
                "核查期间会停电吗？",
                "不会，核查期间按原电表继续供电；更换电表时提前半天通知。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-GY-01",
        name="宿舍调换申请",
        category="公寓服务",
        department="APT",
        window_type="APT",
        statutory_limit_days=10,
        promised_limit_days=5,
        steps=(
            StepSpec("核实申请", "APT", 2, "APT-01", "核实辅导员意见和调换理由"),
            StepSpec("调配房源", "APT", 2, "APT-01", "在同性别、同校区空余床位中调配"),
            StepSpec(
                "通知入住", "APT", 1, "APT-01", "通知宿舍管理员和申请人，办理钥匙交接"
            ),
        ),
        summary="学生因身体、学业或宿舍关系等原因申请调换宿舍。",
        eligibility="在校住宿本科生、研究生；每学年限申请一次",
        legal_basis=f"{APARTMENT_RULES}第二十条",
        materials=(
            MaterialSpec("宿舍调换申请表", ORIGINAL, notes="需辅导员签字、学院盖章"),
            STUDENT_CARD,
            MaterialSpec(
                "调入宿舍同学同意书",
                ORIGINAL,
                condition="调入已有同学居住的宿舍或与他人对调时",
            ),
            MaterialSpec(
                "二级以上医院诊断证明", COPY, condition="因身体原因申请调换时"
            ),
        ),
        result="宿舍调换通知书",
        delivery_ways="窗口领取；短信通知",
        consult_phone=APARTMENT_PHONE,
        keywords="换宿舍 调宿舍 调换寝室 换寝室",
        faqs=(
            FaqSpec(
                "可以跨校区调换吗？",
                "原则上不跨校区调换；因转专业等原因需跨校区的，需教务处出具证明。",
            ),
            FaqSpec(
                "调换后住宿费会变吗？",
                "调入不同收费标准的宿舍的，下学年起按新标准收取，本学年不补差。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-GY-02",
        name="公寓钥匙补配",
        category="公寓服务",
        department="APT",
        window_type="APT",
        summary="宿舍门钥匙、柜钥匙遗失或损坏的补配。",
        eligibility="在校住宿学生",
        fee="每把 5 元（材料费）；需更换锁芯的每个 60 元",
        fee_basis=f"{FEES}第三项",
        legal_basis=f"{APARTMENT_RULES}第二十六条",
        materials=(
            STUDENT_CARD,
            MaterialSpec(
                "宿舍管理员签字的补配单", ORIGINAL, notes="向本楼宿舍管理员领取"
            ),
            MaterialSpec(
                "钥匙遗失说明", ORIGINAL, condition="全宿舍钥匙遗失需更换锁芯时"
            ),
        ),
        result="补配钥匙",
        delivery_ways="当场领取",
        consult_phone=APARTMENT_PHONE,
        keywords="钥匙 配钥匙 钥匙丢了 换锁",
        faqs=(
            FaqSpec(
                "钥匙丢了进不了宿舍怎么办？",
                "可先找本楼宿舍管理员核验身份后临时开门，再到窗口补配。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-LX-01",
        name="毕业生离校退宿",
        category="公寓服务",
        department="APT",
        window_type="APT",
        summary="毕业生离校前办理退宿：交还钥匙、核对公物、结清电费。",
        eligibility="当年毕业并已完成宿舍检查的学生",
        fee_basis=f"公物损坏按{APARTMENT_RULES}附件《公寓物品赔偿标准》赔偿",
        legal_basis=f"{APARTMENT_RULES}第三十五条",
        materials=(
            STUDENT_CARD,
            MaterialSpec("宿舍全部钥匙", ORIGINAL, notes="门钥匙、柜钥匙"),
            MaterialSpec("离校手续单", ORIGINAL, notes="学院盖章、宿舍管理员签字"),
            PROXY_LETTER,
        ),
        result="离校手续单加盖“公寓已退宿”章",
        delivery_ways="当场办结",
        consult_phone=APARTMENT_PHONE,
        keywords="退宿 离校 毕业 退寝 搬离宿舍",
        faqs=(
            FaqSpec(
                "行李来不及带走怎么办？",
                "可在 6 月 30 日前到公寓管理科登记寄存，寄存期最长 30 天。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-HY-01",
        name="会议室预订",
        category="会议与场地",
        department="CONF",
        window_type="GEN",
        promised_limit_days=2,
        steps=(
            StepSpec("审核", "CONF", 1, "CONF-01", "核对时段、人数和用途"),
            StepSpec("安排确认", "CONF", 1, "CONF-01", "安排会场设备，出具预订确认单"),
        ),
        summary="预订会议中心各会议室及学术报告厅。",
        eligibility="校内各单位、教职工；学生组织需指导教师签字",
        fee="校内公务会议不收费；非公务活动按标准收费",
        fee_basis="《北方大学会议中心收费标准》（校财〔2023〕22号）",
        legal_basis="《北方大学会议中心管理办法》（校后勤〔2022〕8号）第六条",
        materials=(
            MaterialSpec("会议室预订申请表", ORIGINAL),
            MaterialSpec("经办人工作证或学生证", ORIGINAL),
            MaterialSpec(
                "单位负责人签字并加盖公章的申请",
                ORIGINAL,
                condition="使用学术报告厅或参会超过 100 人时",
            ),
            MaterialSpec("会议议程", COPY, condition="涉外会议或邀请校外人员参会时"),
        ),
        result="会议室预订确认单",
        delivery_ways="短信通知；网上查看确认单",
        online_available=True,
        consult_phone=CONFERENCE_PHONE,
        keywords="会议室 报告厅 开会 订会议室",
        faqs=(
            FaqSpec(
                "最多可以提前多久预订？",
                "可预订 30 天内的时段；学术报告厅需至少提前 3 个工作日预订。",
            ),
            FaqSpec(
                "预订后不用了怎么办？",
                "请至少提前 1 个工作日取消，无故未使用累计 3 次的暂停预订一个月。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-CD-01",
        name="场地借用",
        category="会议与场地",
        department="CONF",
        window_type="GEN",
        promised_limit_days=3,
        steps=(
            StepSpec("审核", "CONF", 1, "CONF-01", "核对活动内容、时间和安全预案"),
            StepSpec("协调安排", "CONF", 1, "CONF-01", "协调物业保洁、电源和桌椅"),
            StepSpec("出具借用单", "CONF", 1, "CONF-01", "出具场地借用单"),
        ),
        summary="借用学生活动中心、礼堂、文化广场等场地开展校园活动。",
        eligibility="校内各单位、学生组织",
        fee="校内公益活动不收费；商业活动按标准收取场地费",
        fee_basis=f"{FEES}第五项",
        legal_basis="《北方大学公共场地管理办法》（校后勤〔2022〕9号）第九条",
        materials=(
            MaterialSpec("场地借用申请表", ORIGINAL, notes="学生组织需指导教师签字"),
            MaterialSpec(
                "活动方案及安全预案", ORIGINAL, notes="写明人数、时间、负责人"
            ),
            MaterialSpec(
                "校团委或主管部门审批意见",
                ORIGINAL,
                condition="学生组织举办 200 人以上活动时",
            ),
        ),
        result="场地借用单",
        delivery_ways="窗口领取；短信通知",
        online_available=True,
        consult_phone=CONFERENCE_PHONE,
        keywords="借场地 礼堂 广场 活动场地 学生活动中心",
        faqs=(
            FaqSpec(
                "活动结束后需要做什么？",
                "请恢复场地原状，由会务安排岗验收后签字，押金当场退回。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-CD-02",
        name="教室借用",
        category="会议与场地",
        department="CONF",
        window_type="GEN",
        promised_limit_days=2,
        steps=(
            StepSpec("审核", "CONF", 1, "CONF-01", "避开教学排课，核对用途"),
            StepSpec("安排确认", "CONF", 1, "CONF-01", "通知楼宇值班员开门"),
        ),
        summary="非教学活动（讲座、社团活动、考试辅导）借用公共教学楼教室。",
        eligibility="校内各单位、学生组织",
        legal_basis="《北方大学公共教室使用管理办法》（校后勤〔2023〕4号）第七条",
        materials=(
            MaterialSpec("教室借用申请表", ORIGINAL, notes="学生组织需指导教师签字"),
            MaterialSpec("经办人学生证或工作证", ORIGINAL),
        ),
        result="教室借用确认单",
        delivery_ways="短信通知；网上查看确认单",
        online_available=True,
        consult_phone=CONFERENCE_PHONE,
        keywords="借教室 教室 自习室 讲座",
        faqs=(
            FaqSpec(
                "上课用的教室调课找谁？",
                "教学调课由教务处办理，本事项只受理非教学活动借用。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-KW-01",
        name="校园卡补办",
        category="校园卡",
        department="CARD",
        window_type="CARD",
        summary="校园卡遗失、损坏的补办；原卡余额自动转入新卡。",
        eligibility="在校学生、在职教职工",
        fee="工本费 20 元/张（非人为损坏免费更换）",
        fee_basis=f"《关于校园卡工本费收费标准的通知》（校财〔2022〕7号）；{CARD_RULES}第十九条",
        legal_basis=f"{CARD_RULES}第十八条",
        materials=(
            MaterialSpec("本人身份证或学生证", ORIGINAL),
            MaterialSpec(
                "损坏的原卡",
                ORIGINAL,
                condition="因损坏补办时",
                notes="非人为损坏的免收工本费",
            ),
            PROXY_LETTER,
        ),
        result="新校园卡（卡号、余额不变）",
        delivery_ways="当场领取",
        consult_phone=CARD_PHONE,
        keywords="校园卡 饭卡 一卡通 补卡 卡丢了",
        faqs=(
            FaqSpec(
                "补办前需要先挂失吗？",
                "需要。请先在自助机、网上或窗口挂失，以免余额被盗刷。",
            ),
            FaqSpec(
                "补办后门禁权限要重新开通吗？",
                "不需要，新卡沿用原卡号，门禁和图书借阅权限自动生效。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-KW-02",
        name="校园卡挂失与解挂",
        category="校园卡",
        department="CARD",
        window_type="CARD",
        summary="校园卡遗失后挂失，找回后解挂。",
        eligibility="在校学生、在职教职工",
        legal_basis=f"{CARD_RULES}第十六条",
        materials=(
            MaterialSpec("本人身份证或学生证", ORIGINAL),
            MaterialSpec("校园卡查询密码", ELECTRONIC, notes="自助机、网上挂失时输入"),
        ),
        result="挂失或解挂生效",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=CARD_PHONE,
        keywords="挂失 解挂 校园卡丢了 饭卡丢了",
        faqs=(
            FaqSpec(
                "挂失前被刷走的钱能退吗？",
                "挂失生效前的消费无法追回，请发现遗失后立即挂失。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-YS-01",
        name="饮用水配送",
        category="饮食服务",
        department="FOOD",
        window_type="GEN",
        promised_limit_days=1,
        steps=(StepSpec("配送", "FOOD", 1, "FOOD-01", "按订单送水上门，回收空桶"),),
        summary="为办公室、实验室和学生宿舍配送桶装饮用水。",
        eligibility="校内单位和住宿学生",
        fee="桶装水 12 元/桶（18.9 升），首次押桶费 30 元",
        fee_basis="《北方大学饮用水配送服务收费标准》（校财〔2023〕23号）",
        legal_basis="《北方大学饮食服务管理办法》（校后勤〔2021〕12号）第十五条",
        materials=(
            MaterialSpec("水票或校园卡", ORIGINAL),
            MaterialSpec("送水地址", ELECTRONIC, notes="楼号、房间号和联系人"),
        ),
        result="饮用水送达",
        delivery_ways="送货上门",
        online_available=True,
        consult_phone=FOOD_PHONE,
        keywords="送水 桶装水 订水 饮用水",
        faqs=(
            FaqSpec("周末可以送水吗？", "周六上午正常配送，周日和法定节假日不配送。"),
        ),
    ),
    ItemSpec(
        code="HQ-JT-01",
        name="车辆通行证办理",
        category="交通服务",
        department="TRANS",
        window_type="GEN",
        promised_limit_days=3,
        steps=(
            StepSpec("资格审核", "TRANS", 2, "TRANS-01", "核对车辆与教职工的关系"),
            StepSpec("制证", "TRANS", 1, "TRANS-01", "录入道闸系统并制作通行证"),
        ),
        summary="教职工私家车进出校园的年度通行证办理。",
        eligibility="在职及离退休教职工，每人限办一辆",
        fee="不收费（临时通行证同样免费）",
        legal_basis="《北方大学校园交通管理办法》（校保〔2022〕5号）第十条",
        materials=(
            MaterialSpec("车辆通行证申请表", ORIGINAL),
            MaterialSpec("机动车行驶证", ORIGINAL_AND_COPY, notes="原件核验后退还"),
            MaterialSpec("驾驶证", COPY),
            MaterialSpec("工作证", ORIGINAL),
            MaterialSpec("结婚证", COPY, condition="车辆登记在配偶名下时"),
        ),
        result="车辆通行证",
        delivery_ways="窗口领取",
        consult_phone=TRANSPORT_PHONE,
        keywords="车证 通行证 停车证 进校 私家车",
        faqs=(
            FaqSpec(
                "换车了怎么办？", "携带新车行驶证到窗口办理变更，原通行证同时注销。"
            ),
            FaqSpec(
                "访客车辆能进校吗？",
                "访客车辆由被访人通过网上预约登记临时通行，当日有效。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-JT-02",
        name="公务用车预约",
        category="交通服务",
        department="TRANS",
        window_type="GEN",
        promised_limit_days=2,
        steps=(
            StepSpec("审核", "TRANS", 1, "TRANS-01", "核对用车事由和经费卡"),
            StepSpec("派车", "TRANS", 1, "TRANS-01", "安排车辆和司机，短信通知用车人"),
        ),
        summary="校内单位公务出行、接送专家的用车预约。",
        eligibility="校内各单位",
        fee="按里程结算：市内 3.0 元/公里，由单位经费卡转账",
        fee_basis=f"{FEES}第七项",
        legal_basis="《北方大学公务用车管理办法》（校办〔2021〕14号）第八条",
        materials=(
            MaterialSpec("公务用车申请单", ORIGINAL, notes="单位负责人签字"),
            MaterialSpec("经费卡号", ELECTRONIC),
        ),
        result="派车通知",
        delivery_ways="短信通知",
        online_available=True,
        consult_phone=TRANSPORT_PHONE,
        keywords="用车 派车 公务车 接站 接机",
        faqs=(
            FaqSpec(
                "临时急需用车怎么办？",
                "请直接拨打交通运输科电话，有空余车辆的当即派车，事后补单。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-HJ-01",
        name="大件垃圾清运",
        category="环境物业",
        department="PROP",
        window_type="GEN",
        promised_limit_days=2,
        steps=(
            StepSpec("预约确认", "PROP", 1, "PROP-01", "电话确认清运时间和物品"),
            StepSpec("上门清运", "PROP", 1, "PROP-01", "清运至校园垃圾中转站"),
        ),
        summary="宿舍、办公室废旧家具、纸箱等大件垃圾的预约清运。",
        eligibility="校内单位、住宿学生及家属区住户",
        fee="学生宿舍和办公区不收费；家属区装修垃圾 80 元/车",
        fee_basis=f"{FEES}第六项",
        legal_basis="《北方大学校园环境卫生管理办法》（校后勤〔2020〕10号）第十四条",
        materials=(
            MaterialSpec("清运预约单", ELECTRONIC, notes="写明地点、物品和数量"),
            MaterialSpec("固定资产报废审批单", COPY, condition="清运学校固定资产时"),
        ),
        result="垃圾清运完毕",
        delivery_ways="上门服务",
        online_available=True,
        consult_phone=PROPERTY_PHONE,
        keywords="垃圾 清运 搬家 旧家具 装修垃圾",
        faqs=(
            FaqSpec(
                "学校的旧桌椅可以直接扔吗？",
                "不可以。学校固定资产须先办理报废审批，凭审批单清运。",
            ),
        ),
    ),
    ItemSpec(
        code="HQ-JD-01",
        name="物业服务投诉",
        category="监督投诉",
        department="QA",
        window_type="GEN",
        statutory_limit_days=7,
        promised_limit_days=5,
        steps=(
            StepSpec("登记核实", "QA", 2, "QA-01", "调阅工单和现场核实"),
            StepSpec("督促整改", "QA", 2, "QA-01", "责任部门限期整改，书面说明"),
            StepSpec("回访答复", "QA", 1, "QA-01", "答复投诉人并请其评价"),
        ),
        summary="对保洁、维修、宿舍管理等物业服务的质量、态度和时效的投诉。",
        eligibility="全校师生",
        legal_basis="《北方大学后勤服务质量监督办法》（校后勤〔2022〕11号）第九条",
        materials=(
            MaterialSpec(
                "投诉登记表", ORIGINAL, notes="写明时间、地点、事由；可匿名，但无法回访"
            ),
            MaterialSpec("现场照片或视频", ELECTRONIC, condition="有现场证据时"),
        ),
        result="书面答复及整改结果",
        delivery_ways="电话答复；书面答复窗口领取",
        online_available=True,
        consult_phone=QUALITY_PHONE,
        keywords="投诉 意见 不满意 服务态度 物业",
        faqs=(
            FaqSpec(
                "投诉会不会被泄露个人信息？",
                "投诉人信息只有服务质量监督办公室掌握，不向被投诉人透露。",
            ),
            FaqSpec(
                "对答复不满意怎么办？",
                "可在 5 个工作日内申请复查，由中心主任组织复查并答复。",
            ),
        ),
    ),
)

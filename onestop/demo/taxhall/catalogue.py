# ruff: noqa: E501  (catalogue text reads better unbroken)
"""城东区税务局办税服务厅: the service catalogue, with the real laws and rules as legal basis."""

from __future__ import annotations

from onestop.demo.specs import (
    COPY,
    ORIGINAL,
    FaqSpec,
    ItemSpec,
    MaterialSpec,
    StepSpec,
)

from .structure import HOTLINE

LAW = "《中华人民共和国税收征收管理法》"
RULES = "《中华人民共和国税收征收管理法实施细则》"
REGISTRATION = (
    "《税务登记管理办法》（国家税务总局令第7号公布，第36号、第44号、第48号令修改）"
)
INVOICES = "《中华人民共和国发票管理办法》"
NO_FEE_BASIS = "税务机关办理涉税事项不收取任何费用"

LICENCE = MaterialSpec(
    "营业执照副本或其他登记证件",
    ORIGINAL,
    notes="已实行“多证合一”的，无需另行提供税务登记证",
)
AGENT_ID = MaterialSpec(
    "经办人身份证件", ORIGINAL, notes="首次办理的经办人需完成实名认证"
)
PROXY = MaterialSpec(
    "授权委托书",
    ORIGINAL,
    condition="委托税务代理人或他人办理时",
    notes="写明委托事项和期限，加盖公章",
)

ITEMS = (
    ItemSpec(
        code="TAX-DJ-01",
        name="设立税务登记",
        category="登记认定",
        department="HALL",
        window_type="REG",
        summary="从事生产、经营的纳税人领取营业执照后办理税务登记；“多证合一”企业办理信息确认。",
        eligibility="从事生产、经营的单位、个体工商户及其他应办理税务登记的纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{LAW}第十五条；{RULES}第十二条；{REGISTRATION}",
        materials=(
            LICENCE,
            MaterialSpec("法定代表人（负责人、业主）身份证件", COPY),
            AGENT_ID,
            MaterialSpec(
                "生产经营场所产权证明或租赁协议", COPY, notes="无偿使用的提供产权人证明"
            ),
            MaterialSpec("税务登记表", ORIGINAL, condition="未实行“多证合一”的纳税人"),
        ),
        result="税务登记信息确认（或税务登记证件）",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="新办 开业 税务登记 办税务登记 信息确认 新办企业",
        faqs=(
            FaqSpec(
                "营业执照领了多久内要办税务登记？", "自领取营业执照之日起 30 日内办理。"
            ),
            FaqSpec(
                "“多证合一”后还需要到税务局吗？",
                "需要完成信息确认，可在电子税务局办理，也可到任一综合服务窗口办理。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-DJ-02",
        name="变更税务登记",
        category="登记认定",
        department="HALL",
        window_type="REG",
        summary="纳税人名称、法定代表人、经营范围、注册地址等登记内容发生变化的变更登记。",
        eligibility="已办理税务登记的纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{LAW}第十六条；{RULES}第十四条；{REGISTRATION}",
        materials=(
            MaterialSpec("变更后的营业执照副本", ORIGINAL),
            MaterialSpec(
                "变更登记的有关证明文件",
                COPY,
                notes="如股东会决议、市场监管部门变更通知书",
            ),
            AGENT_ID,
            PROXY,
        ),
        result="变更登记完成",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="变更 改名 换法人 迁址 经营范围变更",
        faqs=(
            FaqSpec(
                "变更后发票要重新领吗？",
                "名称变更的，需将旧名称的空白发票缴销后按新名称领用。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-DJ-03",
        name="注销税务登记",
        category="登记认定",
        department="COLLECT",
        window_type="REG",
        statutory_limit_days=20,
        promised_limit_days=10,
        steps=(
            StepSpec(
                "审核", "COLLECT", 3, "COLLECT-01", "核对申报、欠税、发票和未结案件"
            ),
            StepSpec(
                "调查（清税检查）",
                "SOURCE",
                5,
                "SOURCE-01",
                "实地核查，出具清税核查报告",
            ),
            StepSpec(
                "审批", "COLLECT", 2, "COLLECT-02", "签发清税证明或税务事项通知书"
            ),
        ),
        summary="纳税人解散、破产、撤销或者依法终止纳税义务的，结清税款、缴销发票后注销税务登记。",
        eligibility="依法终止纳税义务的纳税人；未领用发票、无欠税的纳税人可适用即办简易注销",
        fee_basis=NO_FEE_BASIS,
        legal_basis=(
            f"{LAW}第十六条；{RULES}第十五条；{REGISTRATION}；"
            "《国家税务总局关于进一步优化办理企业税务注销程序的通知》（税总发〔2018〕149号）"
        ),
        materials=(
            MaterialSpec("清税申报表", ORIGINAL, copies=2),
            MaterialSpec("上级主管部门批复文件或董事会（股东会）决议", COPY),
            LICENCE,
            AGENT_ID,
            MaterialSpec(
                "未缴销的发票及税控设备", ORIGINAL, condition="领用过发票的纳税人"
            ),
        ),
        result="清税证明",
        delivery_ways="窗口领取；邮寄送达",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="注销 清税 关门 公司注销 税务注销",
        faqs=(
            FaqSpec(
                "哪些情况可以当场办结注销？",
                "未办理过涉税事宜，或未领用发票、无欠税（滞纳金）及罚款的纳税人，符合条件的当场出具清税证明。",
            ),
            FaqSpec(
                "注销期间还要申报吗？",
                "要。注销办结前仍应按期申报，逾期申报会影响注销进度。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-DJ-04",
        name="增值税一般纳税人登记",
        category="登记认定",
        department="HALL",
        window_type="REG",
        summary="年应征增值税销售额超过小规模纳税人标准的纳税人，或会计核算健全的小规模纳税人，登记为一般纳税人。",
        eligibility="年应征增值税销售额超过 500 万元的纳税人；会计核算健全、能够提供准确税务资料的小规模纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis="《中华人民共和国增值税法》第九条；《增值税一般纳税人登记管理办法》（国家税务总局令第43号）",
        materials=(
            MaterialSpec("增值税一般纳税人登记表", ORIGINAL, copies=2),
            LICENCE,
            AGENT_ID,
        ),
        result="一般纳税人登记生效",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="一般纳税人 认定 登记 小规模转一般",
        faqs=(
            FaqSpec(
                "登记为一般纳税人后还能转回小规模吗？",
                "除国家另有规定外，一经登记为一般纳税人，不得转为小规模纳税人。",
            ),
            FaqSpec(
                "从什么时候开始按一般计税方法计税？",
                "自登记表中选择的生效之日起，生效之日可选当月 1 日或次月 1 日。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-DJ-05",
        name="存款账户账号报告",
        category="登记认定",
        department="HALL",
        window_type="REG",
        summary="纳税人开立基本存款账户和其他存款账户后，向税务机关报告全部账号。",
        eligibility="从事生产、经营的纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{LAW}第十七条；{RULES}第十七条",
        materials=(
            MaterialSpec("纳税人存款账户账号报告表", ORIGINAL),
            MaterialSpec("银行开户证明", COPY),
            AGENT_ID,
        ),
        result="账户信息登记完成",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="银行账户 开户 账号报告 三方协议",
        faqs=(
            FaqSpec(
                "报告期限是多久？",
                "自开立账户之日起 15 日内报告；账户变更的，自变更之日起 15 日内报告。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-DJ-06",
        name="停业登记",
        category="登记认定",
        department="HALL",
        window_type="REG",
        summary="实行定期定额征收的个体工商户在营业执照核准的经营期限内需要停业的，办理停业登记。",
        eligibility="实行定期定额征收方式的个体工商户",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{REGISTRATION}第二十三条",
        materials=(
            MaterialSpec("停业复业报告书", ORIGINAL),
            AGENT_ID,
            MaterialSpec("未使用完的发票", ORIGINAL, condition="领用过发票的"),
        ),
        result="停业登记完成",
        delivery_ways="当场办结",
        consult_phone=HOTLINE,
        keywords="停业 歇业 暂停营业 个体户停业",
        faqs=(
            FaqSpec("停业最长多久？", "停业期限不得超过一年。"),
            FaqSpec(
                "停业期间恢复营业怎么办？", "提前到窗口办理复业登记，领回封存的发票。"
            ),
        ),
    ),
    ItemSpec(
        code="TAX-FP-01",
        name="发票领用",
        category="发票办理",
        department="HALL",
        window_type="INVOICE",
        summary="已核定发票票种的纳税人领用纸质发票，或调整数电发票开具额度。",
        eligibility="已办理税务登记并核定发票票种的纳税人",
        fee_basis="国家已停止收取发票工本费",
        legal_basis=f"{INVOICES}第十五条；《中华人民共和国发票管理办法实施细则》",
        materials=(
            AGENT_ID,
            MaterialSpec("发票专用章", ORIGINAL, condition="领用纸质发票时"),
            MaterialSpec("税控设备", ORIGINAL, condition="使用税控设备开票的纳税人"),
        ),
        result="发票（或开具额度调整）",
        delivery_ways="当场领取；邮寄送达",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="领发票 领票 买发票 发票领购 额度",
        faqs=(
            FaqSpec(
                "首次领用发票要多久？",
                "首次申领的，税务机关在 5 个工作日内确认票种、数量和领用方式；资料齐全的新办纳税人当场办结。",
            ),
            FaqSpec(
                "能网上申领发票邮寄到家吗？",
                "可以，在电子税务局申领并选择邮寄，邮费由税务机关承担。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-FP-02",
        name="发票代开",
        category="发票办理",
        department="HALL",
        window_type="INVOICE",
        summary="需要临时使用发票的单位和个人，向经营地税务机关申请代开发票。",
        eligibility="临时从事经营活动的单位和个人；按规定可申请代开的纳税人",
        fee="不收取代开费用；应纳税款先征后开",
        fee_basis=f"{INVOICES}第十六条",
        legal_basis=f"{INVOICES}第十六条；《中华人民共和国发票管理办法实施细则》",
        materials=(
            MaterialSpec("代开发票申请表", ORIGINAL),
            MaterialSpec("购销合同、协议或其他经营活动证明", COPY),
            AGENT_ID,
            PROXY,
        ),
        result="代开的发票",
        delivery_ways="当场领取",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="代开发票 开票 个人开发票 临时发票",
        faqs=(
            FaqSpec(
                "自然人出租房屋可以代开发票吗？",
                "可以，携带房屋产权证明、租赁合同和身份证件到 7 号窗口或在电子税务局办理。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-FP-03",
        name="增值税专用发票最高开票限额审批",
        category="发票办理",
        department="COLLECT",
        window_type="INVOICE",
        statutory_limit_days=20,
        promised_limit_days=10,
        steps=(
            StepSpec(
                "审核", "COLLECT", 2, "COLLECT-01", "审核申请资料和纳税人经营情况"
            ),
            StepSpec(
                "实地核查",
                "SOURCE",
                5,
                "SOURCE-01",
                "申请限额超过十万元的实地核查经营场所",
            ),
            StepSpec("审批", "OFFICE", 3, "OFFICE-01", "作出准予或不予行政许可决定"),
        ),
        summary="税务行政许可：纳税人申请或调整增值税专用发票单份发票最高开票限额。",
        eligibility="增值税一般纳税人，以及自愿使用增值税专用发票的小规模纳税人",
        fee_basis="《中华人民共和国行政许可法》第五十八条：实施行政许可不得收取任何费用",
        legal_basis=(
            "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）；"
            "《中华人民共和国行政许可法》第四十二条；"
            "《税务行政许可实施办法》（国家税务总局令第27号公布，第44号令修改）"
        ),
        materials=(
            MaterialSpec("税务行政许可申请表", ORIGINAL, copies=2),
            MaterialSpec("增值税专用发票最高开票限额申请单", ORIGINAL, copies=2),
            AGENT_ID,
            PROXY,
        ),
        result="准予（不予）税务行政许可决定书",
        delivery_ways="窗口领取；邮寄送达；电子税务局送达",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="最高开票限额 专票限额 百万版 十万版 提高限额 行政许可",
        faqs=(
            FaqSpec(
                "申请十万元以下限额要实地核查吗？",
                "申请最高开票限额不超过十万元的，不需事前实地核查，一般当场或在 2 个工作日内作出决定。",
            ),
            FaqSpec(
                "法定期限是多久？",
                "行政许可法规定 20 个工作日内作出决定；本厅承诺 10 个工作日内办结。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-FP-04",
        name="发票票种核定（首次申领）",
        category="发票办理",
        department="COLLECT",
        window_type="INVOICE",
        statutory_limit_days=5,
        promised_limit_days=2,
        steps=(
            StepSpec(
                "审核", "COLLECT", 1, "COLLECT-01", "核对经营范围、规模和风险等级"
            ),
            StepSpec(
                "核定",
                "COLLECT",
                1,
                "COLLECT-02",
                "确定发票种类、数量（开具额度）和领用方式",
            ),
        ),
        summary="首次申领发票的纳税人，由税务机关确认可领用的发票种类、数量和领用方式。",
        eligibility="已办理税务登记、首次申领发票的纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{INVOICES}第十五条；《中华人民共和国发票管理办法实施细则》",
        materials=(
            MaterialSpec("纳税人领用发票票种核定表", ORIGINAL),
            AGENT_ID,
            MaterialSpec("发票专用章印模", ORIGINAL, condition="领用纸质发票时"),
        ),
        result="发票票种核定结果",
        delivery_ways="短信通知；电子税务局查看",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="票种核定 首次领票 新办领票 发票核定",
        faqs=(
            FaqSpec(
                "新办企业当天能领到发票吗？",
                "资料齐全、风险较低的新办纳税人可与设立登记一并办理，当场领用发票。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-SB-04",
        name="个体工商户定期定额核定",
        category="申报征收",
        department="SOURCE",
        window_type="FILING",
        promised_limit_days=10,
        steps=(
            StepSpec(
                "典型调查",
                "SOURCE",
                5,
                "SOURCE-01",
                "实地了解经营面积、设备、人员和销售情况",
            ),
            StepSpec("审核", "COLLECT", 2, "COLLECT-01", "按核定方法测算定额"),
            StepSpec(
                "公示并下达",
                "SOURCE",
                3,
                "SOURCE-01",
                "在办税服务厅公示定额，下达核定定额通知书",
            ),
        ),
        summary="生产、经营规模小、达不到建账标准的个体工商户，由税务机关核定一定期间的应纳税经营额及税额。",
        eligibility="经主管税务机关认定和县以上税务机关批准的定期定额户",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{LAW}第三十五条；《个体工商户税收定期定额征收管理办法》（国家税务总局令第16号）",
        materials=(
            MaterialSpec("定期定额户自行申报表", ORIGINAL),
            LICENCE,
            MaterialSpec("经营场所租赁协议", COPY),
            AGENT_ID,
        ),
        result="核定定额通知书",
        delivery_ways="窗口领取；电子税务局送达",
        consult_phone=HOTLINE,
        keywords="定额 双定户 个体户 核定 定期定额",
        faqs=(
            FaqSpec(
                "对核定的定额有异议怎么办？",
                "可在接到核定定额通知书后向主管税务机关申请重新核定，并提供相关证据。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-SB-01",
        name="纳税申报",
        category="申报征收",
        department="HALL",
        window_type="FILING",
        summary="纳税人在法定申报期限内申报各税种，并缴纳应纳税款。",
        eligibility="负有纳税申报义务的纳税人、扣缴义务人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{LAW}第二十五条；{RULES}第三十二条",
        materials=(
            MaterialSpec("纳税申报表及附列资料", ORIGINAL),
            MaterialSpec(
                "财务会计报表", ORIGINAL, condition="按规定报送财务报表的纳税人"
            ),
            AGENT_ID,
        ),
        result="申报成功并缴纳税款",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="报税 申报 缴税 交税 纳税申报 零申报",
        faqs=(
            FaqSpec(
                "申报期最后一天是节假日怎么办？",
                "申报期限最后一日是法定休假日的，以休假日期满的次日为最后一日。",
            ),
            FaqSpec(
                "没有收入也要申报吗？", "要。纳税期内没有应纳税款的也应按期办理零申报。"
            ),
        ),
    ),
    ItemSpec(
        code="TAX-SB-02",
        name="延期申报申请",
        category="申报征收",
        department="COLLECT",
        window_type="FILING",
        promised_limit_days=5,
        steps=(
            StepSpec(
                "审核", "COLLECT", 2, "COLLECT-01", "核实不可抗力或确有困难的情形"
            ),
            StepSpec("核准", "COLLECT", 1, "COLLECT-02", "出具核准延期申报通知书"),
        ),
        summary="纳税人按期办理纳税申报确有困难，在申报期限内申请延期申报。",
        eligibility="因不可抗力或财务处理上的特殊原因不能按期申报的纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{LAW}第二十七条；{RULES}第三十七条",
        materials=(
            MaterialSpec("延期申报申请核准表", ORIGINAL, copies=2),
            MaterialSpec("确有困难或不可抗力的证明材料", COPY),
            AGENT_ID,
        ),
        result="核准延期申报通知书",
        delivery_ways="窗口领取；电子税务局送达",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="延期申报 推迟申报 晚点报税",
        faqs=(
            FaqSpec(
                "延期申报是不是也延期缴税？",
                "不是。核准延期申报的，应在原申报期内按上期实际缴纳的税额或核定税额预缴税款。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-SB-03",
        name="开具税收完税证明",
        category="申报征收",
        department="HALL",
        window_type="FILING",
        summary="为已缴纳税款的纳税人开具税收完税证明（文书式或表格式）。",
        eligibility="已缴纳税款的纳税人、扣缴义务人",
        fee_basis=NO_FEE_BASIS,
        legal_basis="《税收票证管理办法》（国家税务总局令第28号公布，第40号、第48号令修改）",
        materials=(
            AGENT_ID,
            MaterialSpec(
                "完税凭证或缴款信息", COPY, condition="开具某一笔税款的完税证明时"
            ),
            PROXY,
        ),
        result="税收完税证明",
        delivery_ways="当场领取；电子税务局自行打印",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="完税证明 纳税证明 缴税证明 纳税记录",
        faqs=(
            FaqSpec(
                "个人所得税的完税证明怎么开？",
                "个人所得税可在个人所得税 App 开具纳税记录，与完税证明效力相同。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-SX-01",
        name="跨区域涉税事项报告",
        category="综合事项",
        department="HALL",
        window_type="GEN",
        summary="纳税人跨省（市、县）临时从事生产经营活动的，向机构所在地税务机关填报跨区域涉税事项报告。",
        eligibility="跨区域临时从事生产经营活动的纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=(
            f"{RULES}第二十一条；"
            "《国家税务总局关于创新跨区域涉税事项报验管理制度的通知》（税总发〔2017〕103号）"
        ),
        materials=(
            MaterialSpec("跨区域涉税事项报告表", ORIGINAL),
            MaterialSpec("外出经营合同", COPY, condition="机构所在地税务机关要求时"),
            AGENT_ID,
        ),
        result="跨区域涉税事项报告信息",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="外经证 外出经营 跨区域 异地施工",
        faqs=(
            FaqSpec(
                "报告有效期多久？",
                "按合同有效期确定；合同未列明的，默认 180 天，可申请延期。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-SX-02",
        name="税收减免备案",
        category="综合事项",
        department="HALL",
        window_type="GEN",
        summary="享受备案类减免税优惠的纳税人，向主管税务机关办理备案或留存备查。",
        eligibility="符合税收减免条件的纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{LAW}第三十三条；《税收减免管理办法》（国家税务总局公告2015年第43号）",
        materials=(
            MaterialSpec("纳税人减免税备案登记表", ORIGINAL, copies=2),
            MaterialSpec("享受减免税的证明材料", COPY, notes="按具体优惠政策要求提供"),
            AGENT_ID,
        ),
        result="减免税备案完成",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="减免税 免税 优惠 备案 税收优惠",
        faqs=(
            FaqSpec(
                "备案后条件变了怎么办？",
                "不再符合减免税条件的，应自变化之日起停止享受优惠，并按规定申报纳税。",
            ),
        ),
    ),
    ItemSpec(
        code="TAX-SX-03",
        name="出口退（免）税备案",
        category="综合事项",
        department="GOODS",
        window_type="GEN",
        summary="出口企业或其他单位首次申报出口退（免）税前办理备案。",
        eligibility="已办理对外贸易经营者备案登记或签订委托出口协议的出口企业",
        fee_basis=NO_FEE_BASIS,
        legal_basis="《出口货物劳务增值税和消费税管理办法》（国家税务总局公告2012年第24号）",
        materials=(
            MaterialSpec("出口退（免）税备案表", ORIGINAL, copies=2),
            MaterialSpec(
                "对外贸易经营者备案登记表或委托出口协议",
                COPY,
                condition="按规定需提供时",
            ),
            MaterialSpec(
                "中华人民共和国海关报关单位注册登记证书",
                COPY,
                condition="按规定需提供时",
            ),
            AGENT_ID,
        ),
        result="出口退（免）税备案完成",
        delivery_ways="当场办结",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="出口退税 退税备案 免抵退 外贸",
        faqs=(FaqSpec("备案内容变化怎么办？", "自变化之日起 30 日内办理备案变更。"),),
    ),
    ItemSpec(
        code="TAX-SX-04",
        name="纳税信用复评",
        category="综合事项",
        department="SERVICE",
        window_type="GEN",
        promised_limit_days=10,
        steps=(
            StepSpec("审核", "SERVICE", 3, "SERVICE-02", "核对扣分指标和异议理由"),
            StepSpec(
                "复核", "SERVICE", 5, "SERVICE-02", "调取征管记录，重新计算评价指标"
            ),
            StepSpec("审批", "SERVICE", 2, "SERVICE-02", "确定复评结果并告知纳税人"),
        ),
        summary="纳税人对纳税信用评价结果有异议的，向作出评价的税务机关申请复评。",
        eligibility="对本年度纳税信用评价结果有异议的纳税人",
        fee_basis=NO_FEE_BASIS,
        legal_basis="《纳税信用管理办法（试行）》（国家税务总局公告2014年第40号）",
        materials=(
            MaterialSpec("纳税信用复评申请表", ORIGINAL, copies=2),
            MaterialSpec("异议事项的证明材料", COPY),
            AGENT_ID,
        ),
        result="纳税信用复评结果告知书",
        delivery_ways="电子税务局送达；窗口领取",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="纳税信用 信用等级 A级 复评 评价异议",
        faqs=(FaqSpec("什么时候可以申请复评？", "在评价结果发布的当年年底前提出。"),),
    ),
    ItemSpec(
        code="TAX-SX-05",
        name="涉税信息查询",
        category="综合事项",
        department="HALL",
        window_type="GEN",
        summary="纳税人查询自身的纳税记录、申报记录、发票信息等涉税信息。",
        eligibility="纳税人本人或其委托代理人",
        fee_basis=NO_FEE_BASIS,
        legal_basis=f"{LAW}第八条；《涉税信息查询管理办法》（国家税务总局公告2016年第41号）",
        materials=(
            MaterialSpec("涉税信息查询申请表", ORIGINAL),
            AGENT_ID,
            PROXY,
        ),
        result="涉税信息查询结果",
        delivery_ways="当场领取；电子税务局查询",
        online_available=True,
        consult_phone=HOTLINE,
        keywords="查询 纳税记录 申报记录 涉税信息",
        faqs=(
            FaqSpec(
                "能查询别人的纳税信息吗？",
                "不能。税务机关依法为纳税人的涉税信息保密，只向本人或其授权的代理人提供。",
            ),
        ),
    ),
)

"""The SERVQUAL instrument's wording, in Chinese, for a service organisation.

The 22 statements of Parasuraman, Zeithaml & Berry (1988), in the revised
wording of 1991 (*Journal of Retailing* 67(4), 420–450: every item worded
positively), adapted to a service hall or a logistics centre. Each statement
reads after "优秀的服务机构应当" (expectation) and after the organisation's
name (perception). This is questionnaire content — data, written as the
respondent reads it — not interface text, so it is not in the message
catalogue.
"""

from __future__ import annotations

from onestop.compute.evaluation import SERVQUAL_DIMENSIONS

STATEMENTS: dict[int, str] = {
    1: "拥有现代化的服务设施和设备",
    2: "服务场所的设施外观整洁、吸引人",
    3: "工作人员着装整洁、仪表得体",
    4: "办事指南、告知单等资料清楚、美观",
    5: "承诺在某个时间做到的事，能按时做到",
    6: "在服务对象遇到问题时，真诚地帮助解决",
    7: "第一次就把服务做对",
    8: "在承诺的时间内提供服务",
    9: "服务记录准确无差错",
    10: "告诉服务对象各项服务何时办好",
    11: "为服务对象提供及时的服务",
    12: "工作人员总是乐于帮助服务对象",
    13: "工作人员不会因为忙碌而不回应服务对象的要求",
    14: "工作人员的言行让人信任",
    15: "让服务对象在办事过程中感到放心",
    16: "工作人员始终对服务对象礼貌周到",
    17: "工作人员具备回答服务对象问题的专业知识",
    18: "给予每位服务对象个别的关注",
    19: "服务时间方便所有服务对象",
    20: "工作人员给予服务对象个性化的关心",
    21: "把服务对象的利益放在心上",
    22: "了解服务对象的具体需要",
}

DIMENSION_NAMES: dict[str, str] = {
    "tangibles": "有形性",
    "reliability": "可靠性",
    "responsiveness": "响应性",
    "assurance": "保证性",
    "empathy": "移情性",
}

DIMENSION_DESCRIPTIONS: dict[str, str] = {
    "tangibles": "有形性：服务设施、设备、人员和资料的外观",
    "reliability": "可靠性：可靠、准确地履行服务承诺的能力",
    "responsiveness": "响应性：帮助服务对象并迅速提供服务的意愿",
    "assurance": "保证性：工作人员的知识、礼貌以及使人信任的能力",
    "empathy": "移情性：关心服务对象并提供个性化的服务",
}

SCALE_LOW, SCALE_HIGH = "非常不同意", "非常同意"
IDEAL = "优秀的服务机构"


def dimensions() -> list[str]:
    """The five dimensions in questionnaire order."""
    return list(dict.fromkeys(SERVQUAL_DIMENSIONS.values()))


def customers_text(name: str) -> dict[str, str]:
    return {
        "title": f"{name}服务质量调查（SERVQUAL）",
        "introduction": (
            f"感谢您参加{name}的服务质量调查。问卷分三部分：先请您说说对"
            f"{IDEAL}的期望，再请您为五个方面的重要程度分配 100 分，最后请您评价"
            f"{name}实际提供的服务。答案没有对错之分，仅用于改进服务，约需 5 分钟。"
        ),
        "expect_section": "第一部分：您的期望",
        "expect_description": (
            f"请想一想能提供优质服务的{IDEAL}。对下列每一项，请选择您同意的程度："
            f"1 表示{SCALE_LOW}，7 表示{SCALE_HIGH}。"
        ),
        "expect_question": f"{IDEAL}应当……",
        "importance_section": "第二部分：各方面的重要程度",
        "importance_question": (
            "下面五个方面对您有多重要？请把 100 分分配给这五个方面，"
            "越重要分数越高，合计必须为 100 分。"
        ),
        "perceive_section": "第三部分：您的感受",
        "perceive_description": (
            f"下面各项是关于{name}的描述。请根据您的亲身经历，选择您同意的程度："
            f"1 表示{SCALE_LOW}，7 表示{SCALE_HIGH}。"
        ),
        "perceive_question": f"您对{name}的感受",
        "comment_section": "其他意见",
        "comment_question": "您对我们的服务还有什么意见或建议？",
    }


def management_text(name: str) -> dict[str, str]:
    return {
        "title": f"{name}管理层对服务对象期望的认识（SERVQUAL 管理层问卷）",
        "introduction": (
            "本问卷请管理人员回答：您认为服务对象对优质服务有怎样的期望。"
            "结果将与服务对象自己的期望对照，用于分析“管理层认识的差距”（差距一）。"
        ),
        "expect_section": "服务对象的期望",
        "expect_description": (
            f"请站在服务对象的角度：您认为服务对象在多大程度上期望{IDEAL}做到下列各项？"
            f"1 表示{SCALE_LOW}，7 表示{SCALE_HIGH}。"
        ),
        "expect_question": f"服务对象认为，{IDEAL}应当……",
    }

"""Realistic contact notes of a university logistics centre, for tests, the demo and the bench.

No Django here: the bench imports it to generate a million notes. Each
reason has notes that name its keyword and notes that say the same thing in
other words (滴水 for 漏水), and a few that use another reason's keyword (食堂
的工作人员态度差 is about 服务态度, not 餐饮) — the notes the keyword rules
get wrong and a classifier trained on labelled notes gets right.

``PLANTED`` is the new promotion (青春流量包) that appears in the digest week
only: the hot-topics digest must name it.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class ReasonSample:
    """A leaf of the reason tree, its keywords and how people describe it."""

    parent: str
    name: str
    keywords: tuple[str, ...]
    priority: int
    phrasings: tuple[str, ...]


REASONS: tuple[ReasonSample, ...] = (
    ReasonSample(
        "报修",
        "水电",
        ("漏水", "停电", "跳闸"),
        10,
        (
            "{place}卫生间漏水，地上全是水",
            "{place}停电了，插座都没电",
            "{place}一直在滴水，天花板有水渍",
            "{place}的灯不亮，开关按了没反应",
            "{place}热水器不出热水，洗不了澡",
            "{place}水龙头关不紧，哗哗流",
        ),
    ),
    ReasonSample(
        "报修",
        "门窗家具",
        ("门锁", "床板"),
        20,
        (
            "{place}门锁坏了，钥匙插不进去",
            "{place}床板断了一根，睡觉不安全",
            "{place}窗户关不上，晚上漏风",
            "{place}衣柜门掉了，合页松动",
            "{place}书桌抽屉拉不开",
            "{place}椅子腿断了需要更换",
        ),
    ),
    ReasonSample(
        "报修",
        "网络",
        ("网络", "断网"),
        30,
        (
            "{place}网络连不上，一直显示无法访问",
            "{place}断网一整天了",
            "{place}无线信号很弱，网页打不开",
            "{place}网口没有信号，电脑连不上",
            "{place}网速特别慢，视频卡顿",
        ),
    ),
    ReasonSample(
        "咨询",
        "校园卡",
        ("校园卡", "饭卡"),
        40,
        (
            "校园卡丢了怎么补办，{place}附近有没有办理点",
            "饭卡充值后余额没到账",
            "一卡通挂失以后还能找回吗",
            "卡里的钱怎么转到新卡上",
            "新生的一卡通什么时候发",
        ),
    ),
    ReasonSample(
        "咨询",
        "缴费与发票",
        ("缴费", "发票"),
        50,
        (
            "电费怎么缴费，{place}已经欠费了",
            "住宿费的发票在哪里领",
            "网上缴费页面打不开，网络缴费失败",
            "水电费账单金额不对，想查明细",
            "报销需要开收据，去哪里开",
        ),
    ),
    ReasonSample(
        "投诉",
        "服务态度",
        ("态度", "不耐烦"),
        5,
        (
            "{place}的宿管阿姨态度很差，说话很冲",
            "维修师傅不耐烦，没修好就走了",
            "食堂打饭的工作人员对学生大声呵斥",
            "前台工作人员爱答不理，问三遍才回答",
            "师傅说好上午来结果一直没来，打电话也不接",
        ),
    ),
    ReasonSample(
        "投诉",
        "餐饮",
        ("食堂", "饭菜"),
        15,
        (
            "食堂的饭菜里吃出了头发",
            "二食堂的菜太咸了，价格还涨了",
            "外卖窗口的米饭是夹生的",
            "餐厅的餐具没洗干净，有油渍",
            "早餐的包子是凉的，排队半小时",
        ),
    ),
)

PLACES = (
    "3号楼",
    "12号楼",
    "研究生公寓",
    "留学生公寓",
    "东区宿舍",
    "西区5栋",
    "图书馆",
    "教学楼A座",
    "实验楼",
    "北区学生公寓",
)
OPENINGS = ("", "同学来电，", "老师反映，", "昨晚", "今天上午", "这两天")
CLOSINGS = ("", "，麻烦尽快处理", "，希望给个答复", "，谢谢", "，已经不是第一次了")

PLANTED = "青春流量包"
PLANTED_PHRASINGS = (
    "青春流量包怎么开通，{place}能用吗",
    "办了青春流量包以后网速没变化",
    "青春流量包的价格是多少，有没有学生优惠",
    "青春流量包开通后扣费两次",
)


@dataclass(frozen=True)
class SampleNote:
    """A generated note and the leaf reason (``parent › name``) it is about."""

    text: str
    reason: str


def reason_label(sample: ReasonSample) -> str:
    return f"{sample.parent} › {sample.name}"


def sample_notes(
    count: int,
    *,
    seed: int = 7,
    planted: int = 0,
    reasons: tuple[ReasonSample, ...] = REASONS,
    planted_phrasings: tuple[str, ...] = PLANTED_PHRASINGS,
    places: tuple[str, ...] = PLACES,
    openings: tuple[str, ...] = OPENINGS,
) -> Iterator[SampleNote]:
    """``count`` notes over the reasons, then ``planted`` notes on the new promotion.

    The planted notes carry the first reason's label only because every
    sample has one: in the data they are unlabelled, the text the digest
    scans for new phrases.
    """
    rng = random.Random(seed)
    for _ in range(count):
        sample = rng.choice(reasons)
        text = _dress(rng, rng.choice(sample.phrasings), places, openings)
        yield SampleNote(text, reason_label(sample))
    for _ in range(planted):
        text = _dress(rng, rng.choice(planted_phrasings), places, openings)
        yield SampleNote(text, reason_label(reasons[0]))


def _dress(
    rng: random.Random,
    phrasing: str,
    places: tuple[str, ...],
    openings: tuple[str, ...],
) -> str:
    body = phrasing.format(place=rng.choice(places))
    return f"{rng.choice(openings)}{body}{rng.choice(CLOSINGS)}"

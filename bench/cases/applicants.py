"""Who applies: made-up people and firms of Jilin province."""

from __future__ import annotations

import random
from typing import NamedTuple

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖"
    "田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白"
    "邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
)
GIVEN = (
    *("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋"),
    *("勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚"),
    *("桂英", "晓东", "海燕", "建华", "志强", "雪梅", "子涵", "浩然"),
    *("欣怡", "宇轩", "思远", "雨桐", "嘉怡", "国庆", "红梅", "立新"),
)
FIRMS = (
    *("恒达", "鑫源", "华信", "宏图", "金泰", "瑞丰", "东盛", "博远"),
    *("嘉禾", "天成", "长泰", "中联", "汇通", "新元", "北辰"),
)
TRADES = (
    *("商贸", "科技", "建筑工程", "餐饮管理", "物流", "文化传媒"),
    *("机械制造", "电子", "农业发展", "医疗器械"),
)
CITIES = ("长春市", "吉林市", "四平市", "通化市", "延吉市")
FIRM_SHARE = 0.7  # of a tax hall's applicants
EMAIL_SHARE = 0.3


class Applicant(NamedTuple):
    kind: str  # "person" or "organisation"
    name: str
    id_number: str  # ID card number, or the firm's credit code
    phone: str
    email: str
    contact: str  # the person who comes for a firm


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def applicant(rng: random.Random, slug: str) -> Applicant:
    """A person, or at a tax hall mostly a firm with a contact person."""
    name = person_name(rng)
    phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
    email = (
        f"user{rng.randrange(10**6)}@example.cn" if rng.random() < EMAIL_SHARE else ""
    )
    if slug.startswith("tax") and rng.random() < FIRM_SHARE:
        firm = rng.choice(CITIES) + rng.choice(FIRMS) + rng.choice(TRADES)
        credit = f"91220{rng.randrange(10**12):012d}X"
        return Applicant("organisation", f"{firm}有限公司", credit, phone, email, name)
    id_number = f"220{rng.randrange(10**14):014d}{rng.choice('0123456789X')}"
    return Applicant("person", name, id_number, phone, email, "")

"""Catalogue search that works for Chinese.

Chinese has no spaces, so a query such as 领购发票 is cut into words with
jieba's search mode and an item matches when its text holds every word —
发票领购 is found by 领购发票, 发票 finds every invoice item.
"""

from __future__ import annotations

import logging

import jieba

jieba.setLogLevel(logging.WARNING)

_PUNCTUATION = set(" \t\r\n,.;:!?，。；：！？、（）()[]【】《》\"'“”‘’-—/")
# Words of the question, not of the business: 我要怎么办理发票 asks for 发票.
_STOPWORDS = {
    "的",
    "了",
    "和",
    "与",
    "及",
    "或",
    "在",
    "是",
    "我",
    "要",
    "想",
    "我要",
    "我想",
    "怎么",
    "怎样",
    "怎么办",
    "如何",
    "办理",
    "哪里",
    "什么",
    "需要",
    "请问",
    "可以",
}


def search_terms(query: str) -> list[str]:
    """The words of ``query`` worth matching, longest first, without duplicates."""
    words = {w.strip().lower() for w in jieba.cut_for_search(query)}
    words = {
        w for w in words if w and w not in _STOPWORDS and not set(w) <= _PUNCTUATION
    }
    # Search mode yields both 发票领购 and its parts 发票, 领购; requiring the
    # parts only lets 领购发票 find 发票领购 too.
    kept = [w for w in words if not any(w != other and other in w for other in words)]
    return sorted(kept, key=lambda w: (-len(w), w))


def search_text_of(*parts: str) -> str:
    """The text an item is searched in: its words, lower-cased, on one line."""
    return " ".join(p.replace("\n", " ") for p in parts if p).lower()

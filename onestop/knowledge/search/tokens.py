"""Words of Chinese text for the knowledge base's index and questions.

jieba's search mode yields a long word and the dictionary words inside it:
增值税发票 gives 增值, 增值税 and 发票, so a question about 发票 finds an
article on 增值税发票. Documents and questions are cut the same way; a
question keeps every word, long and short, so an article holding the whole
word 增值税 outranks one that only holds 增值.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import jieba

from onestop.knowledge.search.ranking import TITLE_BOOST

jieba.setLogLevel(logging.WARNING)

MAX_TERM_LENGTH = 40
MAX_QUERY_TERMS = 12
_NOT_A_WORD = re.compile(r"^[\W_]+$")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Particles, and the words of a caller's question rather than of the business.
STOPWORDS = frozenset(
    """的 了 和 与 及 或 在 是 我 你 他 她 它 们 这 那 有 也 就 都 而 被 把 吗 呢 吧 啊
    要 想 我要 我想 怎么 怎样 怎么办 如何 哪里 什么 请问 可以 能否 能不能 一下 一个""".split()  # noqa: SIM905
)


def words(text: str) -> Iterator[str]:
    """Every indexable word of ``text``, lower-cased, in order, repeats included."""
    for word in jieba.cut_for_search(text):
        word = word.strip().lower()
        if word and word not in STOPWORDS and not _NOT_A_WORD.match(word):
            yield word[:MAX_TERM_LENGTH]


@dataclass(frozen=True)
class DocumentTerms:
    """A version's words: weighted frequency of each, and its length in words."""

    frequencies: dict[str, float]
    length: int

    @property
    def text(self) -> str:
        return " ".join(sorted(self.frequencies))


def document_terms(title: str, texts: Iterable[str]) -> DocumentTerms:
    """The words of a title and its texts (the base text and each region's).

    Regional texts mostly repeat the base text, so a word counts as often as
    in the text that holds it most, not once per region.
    """
    title_counts = Counter(words(title))
    body_counts: Counter[str] = Counter()
    body_length = 0
    for text in texts:
        counts: Counter[str] = Counter()
        for line in text.splitlines():
            for word, count in _line_words(line):
                counts[word] += count
        body_counts |= counts
        body_length = max(body_length, counts.total())
    frequencies = {
        term: float(body_counts[term] + TITLE_BOOST * title_counts[term])
        for term in title_counts.keys() | body_counts.keys()
    }
    return DocumentTerms(frequencies, title_counts.total() + body_length)


@lru_cache(maxsize=20_000)
def _line_words(line: str) -> tuple[tuple[str, int], ...]:
    """The words of one line with their counts. Cached: regional texts repeat
    most lines of the base text, articles share boilerplate lines, and cutting
    is the slow part of indexing."""
    return tuple(Counter(words(line)).items())


def query_terms(query: str) -> list[str]:
    """The words of a question to rank by, longest first, without repeats.

    A lone Chinese character beside longer words is dropped: in 开发票 the 开
    is a verb articles write as 开具, and matching it alone finds noise.
    """
    found = list(dict.fromkeys(words(query)))
    if any(len(w) > 1 for w in found):
        found = [w for w in found if len(w) > 1 or not _CJK.match(w)]
    return sorted(found, key=lambda w: (-len(w), w))[:MAX_QUERY_TERMS]

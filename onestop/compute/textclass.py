"""Contact reasons from Chinese notes: keyword rules, a trained classifier, hot topics.

Pure: no Django. A note is a string; a reason is any hashable label (the
caller's reason id). What an analyst would import in a notebook:

- ``tokenise`` — jieba's accurate mode (Sun Junyi, *jieba* 结巴中文分词), with
  punctuation, digits and spaces dropped; ``Tokeniser`` caches per distinct note,
  because contact notes repeat (the same complaint is written the same way).
- ``rules_classify`` — the first matching keyword rule by priority.
- ``train`` / ``TextModel.predict`` — TF-IDF over word uni- and bigrams (Salton &
  Buckley 1988) with a linear support vector machine (Fan et al. 2008,
  LIBLINEAR), the standard strong baseline for short-text classification
  (Joachims 1998).
- ``held_out_split`` and ``evaluate`` — accuracy of rules and classifier on the
  same held-out notes.
- ``rising_reasons`` — this week's count against the mean of the previous weeks.
- ``emerging_phrases`` — word n-grams over-represented this week against the
  previous weeks by Dunning's log-likelihood ratio G² (Dunning 1993, "Accurate
  methods for the statistics of surprise and coincidence"), keeping only the
  longest phrase of a nested family, with example notes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import jieba
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

jieba.setLogLevel(60)

_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# Words that carry no reason: they appear in every kind of note.
_STOPWORD_TEXT = (
    "的 了 是 我 你 他 她 在 有 和 就 也 都 要 说 吗 呢 吧 啊 请 这 那 一个 没有 "
    "什么 怎么 一下 我们 你们 已经 还是 还 很 把 被 给 让 对 从 到 又 再 能 会 想 "
    "客户 来电 反映 表示 称 咨询了 现在 今天 昨天"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split(" "))


def tokenise(text: str) -> list[str]:
    """The words of ``text`` by jieba's accurate mode, without punctuation or stopwords."""
    return [
        word
        for word in jieba.lcut(text)
        if _KEEP.search(word) and word not in STOPWORDS
    ]


@dataclass
class Tokeniser:
    """``tokenise`` with a cache per distinct note (notes repeat a great deal)."""

    cache: dict[str, list[str]] = field(default_factory=dict)

    def __call__(self, text: str) -> list[str]:
        words = self.cache.get(text)
        if words is None:
            words = self.cache[text] = tokenise(text)
        return words


# --- Keyword rules -------------------------------------------------------------


@dataclass(frozen=True)
class KeywordRule:
    """Label a note ``reason`` when it contains any of ``keywords``; lower priority first."""

    reason: Hashable
    keywords: tuple[str, ...]
    priority: int = 100


def rules_classify(text: str, rules: Sequence[KeywordRule]) -> Hashable | None:
    """The reason of the first rule, by priority then order given, whose keyword occurs."""
    for rule in sorted(rules, key=lambda rule: rule.priority):
        if any(keyword and keyword in text for keyword in rule.keywords):
            return rule.reason
    return None


# --- The classifier -------------------------------------------------------------


def _identity(words: list[str]) -> list[str]:
    return words


@dataclass
class TextModel:
    """A fitted TF-IDF vectoriser and linear classifier over tokenised notes."""

    vectoriser: TfidfVectorizer
    classifier: Any
    labels: tuple[Hashable, ...]

    def predict_tokens(self, documents: Sequence[list[str]]) -> list[Hashable]:
        if len(self.labels) == 1:
            return [self.labels[0]] * len(documents)
        matrix = self.vectoriser.transform([w + _bigrams(w) for w in documents])
        return [self.labels[i] for i in self.classifier.predict(matrix)]

    def predict(
        self, texts: Sequence[str], tokeniser: Tokeniser | None = None
    ) -> list[Hashable]:
        tokens = tokeniser or Tokeniser()
        return self.predict_tokens([tokens(text) for text in texts])

    def confidence(self, texts: Sequence[str]) -> list[float]:
        """The margin between the best and second-best decision values (0 when unsure)."""
        if len(self.labels) < 3:
            return [1.0] * len(texts)
        documents = [words + _bigrams(words) for words in map(tokenise, texts)]
        scores = self.classifier.decision_function(self.vectoriser.transform(documents))
        top = np.sort(scores, axis=1)
        return [float(x) for x in top[:, -1] - top[:, -2]]


def train_tokens(
    documents: Sequence[list[str]], labels: Sequence[Hashable]
) -> TextModel:
    """Fit TF-IDF (word 1–2 grams, sublinear tf) and a linear SVM (LIBLINEAR)."""
    if not documents or len(documents) != len(labels):
        raise ValueError("train needs as many labels as notes, at least one")
    distinct = tuple(dict.fromkeys(labels))
    index = {label: i for i, label in enumerate(distinct)}
    vectoriser = TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, min_df=1, dtype=np.float32
    )
    documents = [words + _bigrams(words) for words in documents]
    matrix = vectoriser.fit_transform(documents)
    classifier = None
    if len(distinct) > 1:
        classifier = LinearSVC(C=1.0, dual="auto")
        classifier.fit(matrix, [index[label] for label in labels])
    return TextModel(vectoriser, classifier, distinct)


def _bigrams(words: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in pairwise(words)]


def train(texts: Sequence[str], labels: Sequence[Hashable]) -> TextModel:
    """Tokenise ``texts`` with jieba and fit the classifier to ``labels``."""
    tokens = Tokeniser()
    return train_tokens([tokens(text) for text in texts], labels)


# --- Held-out accuracy -----------------------------------------------------------


def held_out_split(count: int, *, every: int = 5) -> tuple[list[int], list[int]]:
    """Indices for training and for the held-out test: every ``every``-th note is held out.

    Deterministic, so the accuracy of one version can be compared with the next.
    """
    test = list(range(every - 1, count, every))
    held = set(test)
    return [i for i in range(count) if i not in held], test


@dataclass(frozen=True)
class Evaluation:
    """Accuracy of the keyword rules and of the classifier on the same held-out notes."""

    trained_on: int
    held_out: int
    rules_accuracy: float | None
    classifier_accuracy: float | None


def accuracy(
    predicted: Sequence[Hashable | None], actual: Sequence[Hashable]
) -> float | None:
    if not actual:
        return None
    return sum(p == a for p, a in zip(predicted, actual, strict=True)) / len(actual)


def evaluate(
    texts: Sequence[str],
    labels: Sequence[Hashable],
    rules: Sequence[KeywordRule],
    *,
    every: int = 5,
) -> tuple[Evaluation, TextModel]:
    """Train on all but every ``every``-th note, score both methods on those held out.

    Returns the evaluation and a model trained on *all* notes, the one to use.
    """
    tokens = Tokeniser()
    documents = [tokens(text) for text in texts]
    train_index, test_index = held_out_split(len(texts), every=every)
    actual = [labels[i] for i in test_index]
    classifier_accuracy = None
    if train_index and test_index:
        model = train_tokens(
            [documents[i] for i in train_index], [labels[i] for i in train_index]
        )
        classifier_accuracy = accuracy(
            model.predict_tokens([documents[i] for i in test_index]), actual
        )
    rules_accuracy = accuracy(
        [rules_classify(texts[i], rules) for i in test_index], actual
    )
    evaluation = Evaluation(
        len(train_index), len(test_index), rules_accuracy, classifier_accuracy
    )
    return evaluation, train_tokens(documents, labels)


# --- Hot topics -------------------------------------------------------------------


@dataclass(frozen=True)
class Rising:
    """A reason counted this week against the mean of the previous weeks."""

    reason: Hashable
    this_week: int
    baseline: float
    ratio: float | None


def rising_reasons(
    counts: dict[Hashable, Sequence[int]], *, minimum: int = 3, factor: float = 1.5
) -> list[Rising]:
    """Reasons whose count this week (the last of each sequence) is at least ``factor``
    times the mean of the weeks before it, and at least ``minimum``; steepest first.

    A reason new this week (baseline 0) has ratio ``None`` and comes first.
    """
    rising = []
    for reason, weeks in counts.items():
        *before, now = weeks
        baseline = sum(before) / len(before) if before else 0.0
        if now < minimum or now < factor * baseline:
            continue
        ratio = now / baseline if baseline else None
        rising.append(Rising(reason, now, baseline, ratio))
    return sorted(
        rising, key=lambda r: (r.ratio is not None, -(r.ratio or 0), -r.this_week)
    )


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """Dunning's G² for a phrase seen in ``a`` of ``c`` notes now and ``b`` of ``d`` before.

    G² = 2 Σ O ln(O/E) over the 2×2 table (Dunning 1993, eq. as in Rayson &
    Garside 2000); signed positive when the phrase is relatively more frequent now.
    """
    total = c + d
    if not total or not (a + b):
        return 0.0
    e1 = c * (a + b) / total
    e2 = d * (a + b) / total
    g2 = 0.0
    for observed, expected in ((a, e1), (b, e2), (c - a, c - e1), (d - b, d - e2)):
        if observed > 0 and expected > 0:
            g2 += observed * math.log(observed / expected)
    g2 *= 2
    return g2 if a / max(c, 1) >= b / max(d, 1) else -g2


@dataclass(frozen=True)
class Emerging:
    """A phrase over-represented this week, with indices of example notes (this week's)."""

    phrase: str
    this_week: int
    before: int
    score: float
    examples: tuple[int, ...]


def _phrases(words: list[str], longest: int) -> set[str]:
    found = set()
    for n in range(1, longest + 1):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if n == 1 and len(gram[0]) < 2:
                continue
            found.add("".join(gram))
    return found


def phrase_counts(
    documents: Iterable[tuple[list[str], int]], *, longest: int = 3
) -> Counter[str]:
    """In how many notes each word n-gram (n ≤ ``longest``) occurs; weights for repeats."""
    counts: Counter[str] = Counter()
    for words, weight in documents:
        for phrase in _phrases(words, longest):
            counts[phrase] += weight
    return counts


def emerging_from_counts(
    now: Counter[str],
    before: Counter[str],
    notes_now: int,
    notes_before: int,
    *,
    minimum: int = 3,
    top: int = 10,
    threshold: float = 10.83,
) -> list[Emerging]:
    """Phrases with G² ≥ ``threshold`` (p < 0.001 for one degree of freedom) that rose.

    Of a nested family (流量 ⊂ 流量包 ⊂ 双十一流量包) with nearly the same count
    only the longest is kept, so a promotion is named whole.
    """
    scored = []
    for phrase, a in now.items():
        if a < minimum:
            continue
        b = before.get(phrase, 0)
        score = log_likelihood(a, b, notes_now, notes_before)
        if score >= threshold:
            scored.append((phrase, a, b, score))
    kept = [
        s
        for s in scored
        if not any(s[0] != o[0] and s[0] in o[0] and o[1] >= 0.8 * s[1] for o in scored)
    ]
    kept.sort(key=lambda s: -s[3])
    return [Emerging(p, a, b, round(score, 1), ()) for p, a, b, score in kept[:top]]


def emerging_phrases(
    this_week: Sequence[str],
    previous: Sequence[str],
    *,
    minimum: int = 3,
    top: int = 10,
    examples: int = 3,
    longest: int = 3,
) -> list[Emerging]:
    """Emerging phrases of ``this_week``'s notes against ``previous`` weeks' notes.

    Greedy by score, a phrase is kept only when most of its notes (more than
    a fifth) are not already explained by a phrase kept before it — so one
    promotion yields its name, not five fragments of the same sentences.
    """
    tokens = Tokeniser()
    joined = ["".join(tokens(text)) for text in this_week]
    now = phrase_counts(((tokens(t), 1) for t in this_week), longest=longest)
    before = phrase_counts(((tokens(t), 1) for t in previous), longest=longest)
    candidates = emerging_from_counts(
        now, before, len(this_week), len(previous), minimum=minimum, top=top * 5
    )
    covered: set[int] = set()
    kept = []
    for candidate in candidates:
        notes = [i for i, text in enumerate(joined) if candidate.phrase in text]
        fresh = [i for i in notes if i not in covered]
        if len(fresh) * 5 <= len(notes):
            continue
        covered.update(notes)
        kept.append(
            Emerging(
                candidate.phrase,
                candidate.this_week,
                candidate.before,
                candidate.score,
                tuple(notes[:examples]),
            )
        )
    return kept[:top]

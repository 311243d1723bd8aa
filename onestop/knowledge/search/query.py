"""Ranking approved versions for a question: BM25 over the inverted index.

Two queries, one per word of the question, and one more, whatever the size
of the knowledge base: the
words' document frequencies (``SearchWord``) and the statistics row (N and
the average length); then, for each word of the question, its postings in
force on the day, best first — all of them for a rare word, the
``CHAMPIONS`` best by impact for a common one (办理, 客户 …); last, every
posting of the ``RESCORED`` most promising versions, so their BM25 sums
(``ranking.bm25``) are exact before the best ``limit`` are kept.

Reading only a common word's best postings is the "champion list" of
Manning, Raghavan & Schütze, *Introduction to Information Retrieval*
(2008), §7.1.3. It bounds the work per word; the price is that a version
which is in no word's list, or whose partial sum does not reach the
rescored few, is missed — rare when the lists are long next to the page of
results (``bench/knowledge.py`` prints the agreement with the exhaustive
ranking). Each list is one range of the covering index
``knowledge_term_lookup``, read in impact order and stopped after
``CHAMPIONS`` rows, on SQLite and PostgreSQL alike; the rescoring reads the
postings by their primary key (version, word).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from onestop.knowledge.models import SearchStatistics, SearchTerm, SearchWord
from onestop.knowledge.search.ranking import bm25, idf, term_weight

CHAMPIONS = 3000
RESCORED = 200


@dataclass(frozen=True)
class Hit:
    version_id: int
    matched: int
    score: float


@dataclass(frozen=True)
class Corpus:
    documents: int
    average_length: float


def corpus_of(organisation_id: int) -> Corpus:
    row = (
        SearchStatistics.objects.filter(organisation_id=organisation_id)
        .values_list("documents", "total_length")
        .first()
    )
    documents, total = row or (0, 0)
    return Corpus(documents, total / documents if documents else 1.0)


def document_frequencies(organisation_id: int, terms: list[str]) -> dict[str, int]:
    rows = SearchWord.objects.filter(
        organisation_id=organisation_id, term__in=terms, documents__gt=0
    ).values_list("term", "documents")
    return dict(rows)


def best_postings(
    organisation_id: int, term: str, on: date, size: int | None
) -> list[tuple[int, float, int]]:
    """(version, frequency, length) of ``term``'s postings in force on ``on``, best first."""
    postings = SearchTerm.objects.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=on),
        organisation_id=organisation_id,
        term=term,
        effective_from__lte=on,
    ).order_by("-impact")
    if size is not None:
        postings = postings[:size]
    return list(postings.values_list("version_id", "frequency", "length"))


def ranked_versions(
    *,
    organisation_id: int,
    terms: list[str],
    on: date,
    limit: int = 20,
    champions: int | None = CHAMPIONS,
) -> list[Hit]:
    """The best ``limit`` versions in force on ``on`` for ``terms``, best first.

    ``champions`` None reads every posting: the exhaustive ranking.
    """
    frequencies = document_frequencies(organisation_id, terms) if terms else {}
    if not frequencies:
        return []
    corpus = corpus_of(organisation_id)
    partial = _partial_scores(organisation_id, frequencies, corpus, on, champions)
    promising = heapq.nlargest(
        max(RESCORED, limit), partial, key=lambda v: (partial[v], -v)
    )
    hits = [
        Hit(
            version_id,
            len(found),
            bm25(found, frequencies, corpus.documents, corpus.average_length),
        )
        for version_id, found in _postings_of(promising, list(frequencies)).items()
    ]
    return heapq.nsmallest(limit, hits, key=lambda h: (-h.score, h.version_id))


def _partial_scores(
    organisation_id: int,
    frequencies: dict[str, int],
    corpus: Corpus,
    on: date,
    champions: int | None,
) -> dict[int, float]:
    """BM25 summed over the postings read: each word's list, or its best part."""
    scores: dict[int, float] = {}
    for term, containing in frequencies.items():
        weight = idf(corpus.documents, containing)
        for version_id, frequency, length in best_postings(
            organisation_id, term, on, champions
        ):
            gain = weight * term_weight(frequency, length, corpus.average_length)
            scores[version_id] = scores.get(version_id, 0.0) + gain
    return scores


def _postings_of(
    version_ids: list[int], terms: list[str]
) -> dict[int, dict[str, tuple[float, int]]]:
    """Every posting of the versions for the words: {version: {word: (frequency, length)}}."""
    found: dict[int, dict[str, tuple[float, int]]] = {v: {} for v in version_ids}
    rows = SearchTerm.objects.filter(version_id__in=version_ids, term__in=terms)
    for version_id, term, frequency, length in rows.values_list(
        "version_id", "term", "frequency", "length"
    ):
        found[version_id][term] = (frequency, length)
    return found

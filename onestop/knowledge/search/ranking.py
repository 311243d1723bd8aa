"""BM25 relevance (Robertson & Zaragoza, "The Probabilistic Relevance
Framework: BM25 and Beyond", 2009), with the always-positive idf of Lucene.

Pure: no Django. ``search.query`` computes the same sum in SQL over the
postings; this module is the reference it is tested against.

``impact`` orders a word's postings for reading the best first; it is
the term weight at a fixed ``REFERENCE_LENGTH``, so it never needs updating
as the knowledge base grows.

Titles count ``TITLE_BOOST`` times: a simple form of BM25F's field weights,
so a word in an article's title outranks the same word in its body.
"""

from __future__ import annotations

import math

K1 = 1.2
B = 0.75
TITLE_BOOST = 3
REFERENCE_LENGTH = 100.0


def idf(documents: int, containing: int) -> float:
    """Inverse document frequency of a word found in ``containing`` of ``documents``."""
    documents = max(documents, containing)
    return math.log(1 + (documents - containing + 0.5) / (containing + 0.5))


def term_weight(frequency: float, length: int, average_length: float) -> float:
    """BM25's saturated, length-normalised term frequency."""
    norm = K1 * (1 - B + B * length / max(average_length, 1.0))
    return frequency * (K1 + 1) / (frequency + norm)


def impact(frequency: float, length: int) -> float:
    """The posting's term weight at the reference length: its place in its word's list."""
    return term_weight(frequency, length, REFERENCE_LENGTH)


def bm25(
    postings: dict[str, tuple[float, int]],
    document_frequency: dict[str, int],
    documents: int,
    average_length: float,
) -> float:
    """Score of one document: ``postings`` maps each query word it holds to (frequency, length)."""
    return sum(
        idf(documents, document_frequency[term])
        * term_weight(frequency, length, average_length)
        for term, (frequency, length) in postings.items()
    )

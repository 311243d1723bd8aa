"""Writing the inverted index: a version's postings when it is approved.

Called from inside the services' transactions. Only approved versions are
indexed; a posting carries its version's period, so when a newer version
cuts that period the postings follow (``index_reperiod``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F

from onestop.knowledge.models import (
    ArticleVersion,
    SearchStatistics,
    SearchTerm,
    SearchWord,
)
from onestop.knowledge.search.ranking import impact
from onestop.knowledge.search.tokens import DocumentTerms, document_terms


def version_terms(version: ArticleVersion) -> DocumentTerms:
    """The words of a version: its title, its base text and every regional text."""
    texts = [version.body, *(v.body for v in version.variants.all())]
    return document_terms(version.title, texts)


def postings(
    version: ArticleVersion, organisation_id: int, terms: DocumentTerms
) -> list[SearchTerm]:
    return [
        SearchTerm(
            version=version,
            organisation_id=organisation_id,
            term=term,
            frequency=frequency,
            length=terms.length,
            impact=impact(frequency, terms.length),
            effective_from=version.effective_from,
            effective_to=version.effective_to,
        )
        for term, frequency in terms.frequencies.items()
    ]


def index_add(version: ArticleVersion) -> None:
    """Index ``version`` (approved, its period final) for search."""
    organisation_id = version.article.organisation_id
    terms = version_terms(version)
    SearchTerm.objects.bulk_create(postings(version, organisation_id, terms))
    version.search_text = terms.text
    version.save(update_fields=["search_text"])
    _words_change(organisation_id, terms.frequencies, 1)
    _statistics_change(organisation_id, documents=1, length=terms.length)


def index_remove(version: ArticleVersion) -> None:
    """Take ``version`` out of search (withdrawn, or replaced before its first day)."""
    rows = list(
        SearchTerm.objects.filter(version=version).values_list("term", "length")
    )
    if not rows:
        return
    organisation_id = version.article.organisation_id
    SearchTerm.objects.filter(version=version).delete()
    _words_change(organisation_id, [term for term, _ in rows], -1)
    _statistics_change(organisation_id, documents=-1, length=-rows[0][1])


def index_reperiod(version: ArticleVersion) -> None:
    """Give ``version``'s postings its period again, after a newer version changed it."""
    SearchTerm.objects.filter(version=version).update(
        effective_from=version.effective_from, effective_to=version.effective_to
    )


def _words_change(organisation_id: int, terms: Iterable[str], change: int) -> None:
    """Count a version in or out of each word's document frequency.

    Missing rows are made at 0 first, ignoring a concurrent maker's, so two
    approvals adding the same new word both count.
    """
    terms = list(terms)
    SearchWord.objects.bulk_create(
        [SearchWord(organisation_id=organisation_id, term=t) for t in terms],
        ignore_conflicts=True,
    )
    SearchWord.objects.filter(organisation_id=organisation_id, term__in=terms).update(
        documents=F("documents") + change
    )


def _statistics_change(organisation_id: int, *, documents: int, length: int) -> None:
    SearchStatistics.objects.get_or_create(organisation_id=organisation_id)
    SearchStatistics.objects.filter(organisation_id=organisation_id).update(
        documents=F("documents") + documents, total_length=F("total_length") + length
    )

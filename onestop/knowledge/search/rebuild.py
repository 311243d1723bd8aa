"""Rebuilding an organisation's whole index from its approved versions.

For when the words change under the index (a newer jieba dictionary, a new
stopword) and for loading many articles at once, where indexing them one by
one in their approvals would be slow. Postings go in as plain rows — COPY on
PostgreSQL, one ``executemany`` per batch on SQLite — because building a
model instance per posting costs more than cutting the text. The statistics
are counted afresh, so they cannot drift.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import F, QuerySet

from onestop.knowledge.models import (
    APPROVED_STATUSES,
    ArticleVersion,
    SearchStatistics,
    SearchTerm,
    SearchWord,
)
from onestop.knowledge.search.index import version_terms
from onestop.knowledge.search.ranking import impact
from onestop.knowledge.search.tokens import DocumentTerms

Progress = Callable[[int, int], None]
BATCH = 1000
COLUMNS = (
    "version_id",
    "organisation_id",
    "term",
    "frequency",
    "length",
    "impact",
    "effective_from",
    "effective_to",
)


def indexable_versions(organisation_id: int) -> QuerySet[ArticleVersion]:
    """Approved versions that are or were in force at some time (not replaced before)."""
    return (
        ArticleVersion.objects.filter(
            article__organisation_id=organisation_id, status__in=APPROVED_STATUSES
        )
        .exclude(effective_to__lt=F("effective_from"))
        .order_by("pk")
    )


@transaction.atomic
def index_rebuild(
    *, organisation_id: int, batch: int = BATCH, progress: Progress | None = None
) -> int:
    """Index every approved version of the organisation again; how many were."""
    SearchTerm.objects.filter(organisation_id=organisation_id).delete()
    SearchWord.objects.filter(organisation_id=organisation_id).delete()
    versions = indexable_versions(organisation_id)
    total, done, length = versions.count(), 0, 0
    words: Counter[str] = Counter()
    for chunk in _chunks(versions, batch):
        length += _index_chunk(chunk, organisation_id, words)
        done += len(chunk)
        if progress:
            progress(done, total)
    SearchWord.objects.bulk_create(
        (
            SearchWord(organisation_id=organisation_id, term=t, documents=n)
            for t, n in words.items()
        ),
        batch_size=5000,
    )
    SearchStatistics.objects.update_or_create(
        organisation_id=organisation_id,
        defaults={"documents": done, "total_length": length},
    )
    return done


def _chunks(
    versions: QuerySet[ArticleVersion], size: int
) -> Iterator[list[ArticleVersion]]:
    """Batches by primary key, each with its regional texts in one more query."""
    last = 0
    while True:
        chunk = list(versions.filter(pk__gt=last).prefetch_related("variants")[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _index_chunk(
    chunk: list[ArticleVersion], organisation_id: int, words: Counter[str]
) -> int:
    rows: list[tuple[Any, ...]] = []
    length = 0
    for version in chunk:
        terms = version_terms(version)
        rows += _rows(version, organisation_id, terms)
        words.update(terms.frequencies.keys())
        version.search_text = terms.text
        length += terms.length
    _insert(rows)
    ArticleVersion.objects.bulk_update(chunk, ["search_text"], batch_size=500)
    return length


def _rows(
    version: ArticleVersion, organisation_id: int, terms: DocumentTerms
) -> list[tuple[Any, ...]]:
    start = _date(version.effective_from)
    end = _date(version.effective_to)
    return [
        (
            version.pk,
            organisation_id,
            term,
            frequency,
            terms.length,
            impact(frequency, terms.length),
            start,
            end,
        )
        for term, frequency in terms.frequencies.items()
    ]


def _date(day: date | None) -> Any:
    return connection.ops.adapt_datefield_value(day)


def _insert(rows: list[tuple[Any, ...]]) -> None:
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(COLUMNS))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)

"""Reads of the knowledge base for agents, editors and other apps.

For other apps (a campaign's readiness check, SPEC §5.4):

``articles_published_for(*, organisation, topic: str, on: date) -> QuerySet[Article]``
    The articles of ``organisation`` tagged with ``topic`` (a campaign code or
    any subject key, see ``ArticleTopic``) that have an approved version in
    force on ``on`` — what agents will read that day. Ordered by key; one row
    per article. An article tagged but only drafted, awaiting approval,
    withdrawn, or approved from a later date is not in it.

``articles_tagged(*, organisation, topic: str) -> QuerySet[Article]``
    Every article tagged with ``topic``, whatever its state: with the first,
    "3 of 4 articles published" (the fourth is the one to chase).

To publish, an editor drafts (``services.article_create`` / ``article_draft``),
submits (``version_submit``) and another person approves
(``services.version_approve``), which publishes the version from its first
day in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from onestop.knowledge.models import (
    APPROVED_STATUSES,
    Article,
    ArticleRead,
    ArticleVariant,
    ArticleVersion,
    VersionStatus,
)
from onestop.knowledge.search.highlight import Fragment, highlight, snippet
from onestop.knowledge.search.query import ranked_versions
from onestop.knowledge.search.tokens import query_terms
from onestop.organisations.models import Organisation

NEW_FOR_DAYS = 30
REGIONS_CACHE_SECONDS = 300
UPCOMING_DAYS = 14
LIST_LIMIT = 200


def in_force(on: date, prefix: str = "") -> Q:
    """Versions in force on ``on``; ``prefix`` reaches them through a relation."""
    return Q(
        Q(**{f"{prefix}effective_to__isnull": True})
        | Q(**{f"{prefix}effective_to__gte": on}),
        **{
            f"{prefix}status__in": APPROVED_STATUSES,
            f"{prefix}effective_from__lte": on,
        },
    )


# --- For other apps ---------------------------------------------------------------


def articles_published_for(
    *, organisation: Organisation, topic: str, on: date
) -> QuerySet[Article]:
    """Articles tagged ``topic`` with a version in force on ``on`` (see the module's doc)."""
    versions = ArticleVersion.objects.filter(in_force(on), article=OuterRef("pk"))
    return (
        articles_tagged(organisation=organisation, topic=topic)
        .filter(Exists(versions))
        .order_by("key")
    )


def articles_tagged(*, organisation: Organisation, topic: str) -> QuerySet[Article]:
    return Article.objects.filter(
        organisation=organisation, topics__code=topic.strip()
    ).order_by("key")


# --- Articles and their versions -----------------------------------------------------


def article_get(*, organisation: Organisation, key: str) -> Article:
    return get_object_or_404(
        Article.objects.prefetch_related("topics"), organisation=organisation, key=key
    )


def version_in_force(*, article: Article, on: date) -> ArticleVersion | None:
    return (
        article.versions.filter(in_force(on))
        .select_related("author", "approver")
        .prefetch_related("variants")
        .order_by("-effective_from")
        .first()
    )


def version_get(
    *, article: Article, number: int, include_unpublished: bool
) -> ArticleVersion:
    versions = article_history(article=article, include_unpublished=include_unpublished)
    return get_object_or_404(versions.prefetch_related("variants"), number=number)


def version_previous(*, version: ArticleVersion) -> ArticleVersion | None:
    """The approved version before ``version``, to compare it with."""
    return (
        ArticleVersion.objects.filter(
            article_id=version.article_id,
            number__lt=version.number,
            approved_at__isnull=False,
        )
        .prefetch_related("variants")
        .order_by("-number")
        .first()
    )


def version_upcoming(*, article: Article, on: date) -> ArticleVersion | None:
    """The next approved version to come into force after ``on``, if any."""
    return (
        article.versions.filter(status=VersionStatus.PUBLISHED, effective_from__gt=on)
        .order_by("effective_from")
        .first()
    )


def article_history(
    *, article: Article, include_unpublished: bool
) -> QuerySet[ArticleVersion]:
    """Every version, newest first; agents see only those that were approved."""
    versions = article.versions.select_related(
        "author", "approver", "superseded_by", "withdrawn_by"
    )
    if not include_unpublished:
        versions = versions.filter(approved_at__isnull=False)
    return versions.order_by("-number")


def open_version(*, article: Article) -> ArticleVersion | None:
    """The version being drafted or awaiting approval, if any."""
    return (
        article.versions.filter(
            status__in=(VersionStatus.DRAFT, VersionStatus.SUBMITTED)
        )
        .select_related("author")
        .prefetch_related("variants")
        .first()
    )


# --- Text for a region ----------------------------------------------------------------


@dataclass(frozen=True)
class ArticleText:
    """What agents in ``region`` read in ``version``: its regional text or the base."""

    version: ArticleVersion
    region: str
    body: str
    is_regional: bool


def version_text(version: ArticleVersion, region: str = "") -> ArticleText:
    """The text of ``version`` for ``region``; the base text where it has none."""
    for variant in version.variants.all():
        if region and variant.region == region:
            return ArticleText(version, region, variant.body, True)
    return ArticleText(version, region, version.body, False)


def article_text(article: Article, region: str, on: date) -> ArticleText | None:
    """What agents in ``region`` read of ``article`` on ``on``; None if nothing is in force."""
    version = version_in_force(article=article, on=on)
    return version_text(version, region) if version else None


def regions_of(version: ArticleVersion) -> list[str]:
    return [variant.region for variant in version.variants.all()]


def regions_cache_key(organisation_id: int) -> str:
    return f"knowledge:regions:{organisation_id}"


def regions_used(*, organisation: Organisation) -> list[str]:
    """Every region an approved version of ``organisation`` has a regional text for.

    Cached: the search page offers them on every search, and finding them
    reads every regional text. An approval or a withdrawal forgets the list;
    with several web processes and a per-process cache, a new region shows
    in the others within ``REGIONS_CACHE_SECONDS``.
    """

    def find() -> list[str]:
        return list(
            ArticleVariant.objects.filter(
                version__article__organisation=organisation,
                version__status__in=APPROVED_STATUSES,
            )
            .order_by("region")
            .values_list("region", flat=True)
            .distinct()
        )

    key = regions_cache_key(organisation.pk)
    return cache.get_or_set(key, find, REGIONS_CACHE_SECONDS)  # type: ignore[no-any-return]


# --- What changed since a person last looked ---------------------------------------


def last_read(*, user: Any, article: Article) -> ArticleRead | None:
    return (
        ArticleRead.objects.filter(user=user, article=article)
        .select_related("version")
        .prefetch_related("version__variants")
        .first()
    )


@dataclass(frozen=True)
class ChangedArticle:
    article: Article
    seen: ArticleVersion
    current: ArticleVersion


@dataclass(frozen=True)
class Changes:
    changed: list[ChangedArticle]
    new: list[ArticleVersion]
    upcoming: list[ArticleVersion]


def changes_for(
    *, user: Any, organisation: Organisation, on: date, now: datetime
) -> Changes:
    """Articles changed since ``user`` read them, new ones, and those about to change."""
    return Changes(
        changed=_changed(user, organisation, on),
        new=_new_unread(user, organisation, on, now),
        upcoming=_upcoming(organisation, on),
    )


def _changed(user: Any, organisation: Organisation, on: date) -> list[ChangedArticle]:
    current = ArticleVersion.objects.filter(in_force(on), article=OuterRef("article"))
    reads = (
        ArticleRead.objects.filter(user=user, article__organisation=organisation)
        .annotate(
            current_id=Subquery(current.order_by("-effective_from").values("pk")[:1])
        )
        .exclude(current_id__isnull=True)
        .exclude(current_id=F("version_id"))
        .select_related("article", "version")[:LIST_LIMIT]
    )
    reads = list(reads)
    currents = ArticleVersion.objects.in_bulk([r.current_id for r in reads])  # type: ignore[attr-defined]
    rows = [ChangedArticle(r.article, r.version, currents[r.current_id]) for r in reads]  # type: ignore[attr-defined]
    return sorted(
        rows,
        key=lambda row: row.current.approved_at or row.current.created_at,
        reverse=True,
    )


def _new_unread(
    user: Any, organisation: Organisation, on: date, now: datetime
) -> list[ArticleVersion]:
    read = ArticleRead.objects.filter(user=user, article=OuterRef("article"))
    versions = ArticleVersion.objects.filter(
        in_force(on),
        article__organisation=organisation,
        approved_at__gte=now - timedelta(days=NEW_FOR_DAYS),
    ).exclude(Exists(read))
    return list(
        versions.select_related("article").order_by("-approved_at")[:LIST_LIMIT]
    )


def _upcoming(organisation: Organisation, on: date) -> list[ArticleVersion]:
    versions = ArticleVersion.objects.filter(
        article__organisation=organisation,
        status=VersionStatus.PUBLISHED,
        effective_from__gt=on,
        effective_from__lte=on + timedelta(days=UPCOMING_DAYS),
    )
    return list(
        versions.select_related("article").order_by("effective_from")[:LIST_LIMIT]
    )


# --- Editors ---------------------------------------------------------------------------


def review_queue(*, organisation: Organisation) -> QuerySet[ArticleVersion]:
    """Versions awaiting approval, oldest first."""
    return (
        ArticleVersion.objects.filter(
            article__organisation=organisation, status=VersionStatus.SUBMITTED
        )
        .select_related("article", "author")
        .order_by("submitted_at", "pk")
    )


def drafts_of(*, organisation: Organisation, user: Any) -> QuerySet[ArticleVersion]:
    return (
        ArticleVersion.objects.filter(
            article__organisation=organisation,
            status=VersionStatus.DRAFT,
            author=user,
        )
        .select_related("article")
        .order_by("-updated_at")
    )


# --- Search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    version: ArticleVersion
    title: list[Fragment]
    snippet: list[Fragment]
    is_regional: bool
    matched: int
    score: float

    @property
    def article(self) -> Article:
        return self.version.article


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: list[str]
    results: list[SearchResult]


def article_search(
    *,
    organisation: Organisation,
    query: str,
    on: date,
    region: str = "",
    limit: int = 20,
) -> SearchResults:
    """Versions in force on ``on`` that best answer ``query``, best first, words marked."""
    terms = query_terms(query)
    hits = ranked_versions(
        organisation_id=organisation.pk, terms=terms, on=on, limit=limit
    )
    versions = (
        ArticleVersion.objects.select_related("article")
        .prefetch_related("variants")
        .in_bulk([hit.version_id for hit in hits])
    )
    results = [_result(versions[hit.version_id], hit, terms, region) for hit in hits]
    return SearchResults(query, terms, results)


def _result(
    version: ArticleVersion, hit: Any, terms: list[str], region: str
) -> SearchResult:
    text = version_text(version, region)
    return SearchResult(
        version=version,
        title=highlight(version.title, terms),
        snippet=snippet(text.body, terms),
        is_regional=text.is_regional,
        matched=hit.matched,
        score=hit.score,
    )

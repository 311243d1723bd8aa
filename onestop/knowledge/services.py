"""Writes to the knowledge base. Each runs in one transaction with an audit event.

Drafting: ``article_create`` (a new article and its first draft) and
``article_draft`` (a new draft version, or the author's open draft changed).
Each step of a version goes through ``version_act``, which asks the state
table (``knowledge.states``); ``version_submit``, ``version_approve``
(publishes), ``version_return``, ``version_discard`` and ``version_withdraw``
are the same door for callers who know the step. ``article_mark_read``
remembers what a person has seen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from onestop.common.audit import audit_record
from onestop.common.errors import ServiceError, raise_all
from onestop.knowledge.errors import KnowledgeError
from onestop.knowledge.models import (
    APPROVED_STATUSES,
    OPEN_STATUSES,
    Article,
    ArticleRead,
    ArticleTopic,
    ArticleVariant,
    ArticleVersion,
    VersionStatus,
)
from onestop.knowledge.periods import Period, remaining_period
from onestop.knowledge.search.index import index_add, index_remove, index_reperiod
from onestop.knowledge.selectors import regions_cache_key
from onestop.knowledge.states import may_act, refusal, transition_for
from onestop.organisations.models import Organisation

CONTENT_FIELDS = ["title", "body", "effective_from", "effective_to", "note"]


@dataclass(frozen=True)
class ArticleContent:
    """What a version says: its text for every region, regional texts, its period."""

    title: str
    body: str
    effective_from: date
    effective_to: date | None = None
    variants: tuple[tuple[str, str], ...] = ()  # (region, text)
    note: str = ""


@dataclass(frozen=True)
class ArticleMeta:
    """What the article is filed under; it changes at once, not by version."""

    category: str = ""
    topics: tuple[str, ...] = ()


# --- Drafting ----------------------------------------------------------------------


def content_errors(content: ArticleContent) -> list[ServiceError]:
    errors: list[ServiceError] = []
    if not content.title.strip():
        errors.append(ServiceError(KnowledgeError.TITLE_MISSING, field="title"))
    if not content.body.strip():
        errors.append(ServiceError(KnowledgeError.BODY_MISSING, field="body"))
    end = content.effective_to
    if end is not None and end < content.effective_from:
        errors.append(
            ServiceError(KnowledgeError.PERIOD_REVERSED, field="effective_to")
        )
    return errors + _variant_errors(content.variants)


def _variant_errors(variants: tuple[tuple[str, str], ...]) -> list[ServiceError]:
    errors: list[ServiceError] = []
    seen: set[str] = set()
    for region, body in variants:
        region = region.strip()
        if not region:
            errors.append(ServiceError(KnowledgeError.REGION_MISSING, field="variants"))
        elif region in seen:
            errors.append(
                ServiceError(
                    KnowledgeError.REGION_REPEATED, field="variants", region=region
                )
            )
        elif not body.strip():
            errors.append(
                ServiceError(
                    KnowledgeError.REGION_TEXT_MISSING, field="variants", region=region
                )
            )
        seen.add(region)
    return errors


@transaction.atomic
def article_create(
    *,
    actor: Any,
    organisation: Organisation,
    key: str,
    content: ArticleContent,
    meta: ArticleMeta | None = None,
) -> ArticleVersion:
    """A new article with ``content`` as its first draft (version 1)."""
    errors = content_errors(content)
    if Article.objects.filter(organisation=organisation, key=key).exists():
        errors.insert(0, ServiceError(KnowledgeError.KEY_TAKEN, field="key", key=key))
    raise_all(errors)
    meta = meta or ArticleMeta()
    article = Article.objects.create(
        organisation=organisation, key=key, title=content.title, category=meta.category
    )
    _topics_set(article, meta.topics)
    version = _version_new(article, 1, content, actor)
    _audit("knowledge.article_created", actor, version)
    return version


@transaction.atomic
def article_draft(
    *,
    actor: Any,
    article: Article,
    content: ArticleContent,
    meta: ArticleMeta | None = None,
) -> ArticleVersion:
    """Change the author's open draft, or start the next version as a draft."""
    article = _lock(article)
    raise_all(content_errors(content))
    draft = _open_draft_of(article, actor)
    if draft is None:
        number = (article.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = _version_new(article, number, content, actor)
    else:
        _version_fill(draft, content)
    _article_refresh(article, content, meta)
    _audit("knowledge.version_drafted", actor, draft)
    return draft


def _open_draft_of(article: Article, actor: Any) -> ArticleVersion | None:
    """The open version ``actor`` may change, None if there is none; refuse another's."""
    open_version = article.versions.filter(status__in=OPEN_STATUSES).first()
    if open_version is None:
        return None
    if open_version.status == VersionStatus.SUBMITTED:
        raise ServiceError(KnowledgeError.AWAITING_APPROVAL, number=open_version.number)
    if open_version.author_id != actor.pk:
        raise ServiceError(
            KnowledgeError.DRAFT_OF_ANOTHER,
            author=str(open_version.author),
            number=open_version.number,
        )
    return open_version


def _version_new(
    article: Article, number: int, content: ArticleContent, actor: Any
) -> ArticleVersion:
    version = ArticleVersion(article=article, number=number, author=actor)
    _version_fill(version, content)
    return version


def _version_fill(version: ArticleVersion, content: ArticleContent) -> None:
    for name in CONTENT_FIELDS:
        value = getattr(content, name)
        setattr(version, name, value.strip() if isinstance(value, str) else value)
    version.save()
    version.variants.all().delete()
    ArticleVariant.objects.bulk_create(
        ArticleVariant(version=version, region=region.strip(), body=body.strip())
        for region, body in sorted(content.variants)
    )


def _article_refresh(
    article: Article, content: ArticleContent, meta: ArticleMeta | None
) -> None:
    fields = []
    if not article.versions.filter(status__in=APPROVED_STATUSES).exists():
        article.title, fields = content.title.strip(), ["title"]
    if meta is not None:
        article.category = meta.category
        fields.append("category")
        _topics_set(article, meta.topics)
    if fields:
        article.save(update_fields=[*fields, "updated_at"])


def _topics_set(article: Article, topics: tuple[str, ...]) -> None:
    wanted = {t.strip() for t in topics if t.strip()}
    article.topics.exclude(code__in=wanted).delete()
    have = set(article.topics.values_list("code", flat=True))
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=article, code=code) for code in sorted(wanted - have)
    )


# --- The steps of a version -----------------------------------------------------


@transaction.atomic
def version_act(
    *,
    actor: Any,
    version: ArticleVersion,
    action: str,
    comment: str = "",
    now: datetime | None = None,
) -> ArticleVersion:
    """Take ``action`` on ``version`` as ``actor``, if the state table allows it."""
    now = now or timezone.now()
    try:
        transition = transition_for(action)
    except LookupError:
        raise ServiceError(KnowledgeError.UNKNOWN_ACTION, field="action") from None
    _lock(version.article)
    version = ArticleVersion.objects.select_related(
        "article", "article__organisation"
    ).get(pk=version.pk)
    _require_allowed(actor, version, transition)
    before = version.status
    data = HANDLERS[transition.action](version, actor, now, comment)
    version.status = transition.target
    version.save()
    _audit(
        f"knowledge.version_{transition.action}",
        actor,
        version,
        {"from": before, "to": version.status, "comment": comment, **data},
    )
    return version


def _require_allowed(actor: Any, version: ArticleVersion, transition: Any) -> None:
    label = transition.action.label
    reason = refusal(version, transition.action)
    if reason is not None:
        raise ServiceError(
            reason, field="action", action=label, status=version.get_status_display()
        )
    if not may_act(actor, version, transition.who):
        raise ServiceError(
            KnowledgeError.NOT_YOURS,
            field="action",
            who=transition.who.label,
            action=label,
        )


Handler = Callable[[ArticleVersion, Any, datetime, str], dict[str, Any]]


def _submit(
    version: ArticleVersion, actor: Any, now: datetime, comment: str
) -> dict[str, Any]:
    version.submitted_at = now
    version.review_comment = ""
    return {}


def _return(
    version: ArticleVersion, actor: Any, now: datetime, comment: str
) -> dict[str, Any]:
    version.review_comment = comment.strip()
    return {}


def _close(
    version: ArticleVersion, actor: Any, now: datetime, comment: str
) -> dict[str, Any]:
    version.withdrawn_by, version.withdrawn_at = actor, now
    version.review_comment = comment.strip() or version.review_comment
    index_remove(version)
    _regions_forget(version)
    return {}


def _approve(
    version: ArticleVersion, actor: Any, now: datetime, comment: str
) -> dict[str, Any]:
    """Publish: the period starts no earlier than today, older versions give way."""
    today = timezone.localdate(now)
    asked = version.effective_from
    if version.effective_to is not None and version.effective_to < today:
        raise ServiceError(
            KnowledgeError.PERIOD_OVER, field="effective_to", end=version.effective_to
        )
    version.effective_from = max(asked, today)
    version.approver, version.approved_at = actor, now
    version.review_comment = comment.strip()
    superseded = _give_way(version)
    index_add(version)
    _regions_forget(version)
    version.article.title = version.title
    version.article.save(update_fields=["title", "updated_at"])
    return {
        "from_asked": str(asked),
        "effective_from": str(version.effective_from),
        "superseded": superseded,
    }


def _give_way(newer: ArticleVersion) -> list[int]:
    """Cut the periods of approved versions that overlap ``newer``'s; their numbers."""
    period = Period(newer.effective_from, newer.effective_to)
    overlapping = (
        newer.article.versions.filter(status__in=APPROVED_STATUSES)
        .exclude(pk=newer.pk)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=period.start))
    )
    changed = []
    for older in overlapping:
        left = remaining_period(
            Period(older.effective_from, older.effective_to), period
        )
        if left != Period(older.effective_from, older.effective_to):
            _reperiod(older, left, newer)
            changed.append(older.number)
    return changed


def _reperiod(older: ArticleVersion, left: Period, newer: ArticleVersion) -> None:
    postponed = left.start != older.effective_from and not left.is_empty
    older.effective_from, older.effective_to = left.start, left.end
    if not postponed:
        older.status, older.superseded_by = VersionStatus.SUPERSEDED, newer
    older.save(
        update_fields=[
            "effective_from",
            "effective_to",
            "status",
            "superseded_by",
            "updated_at",
        ]
    )
    if left.is_empty:
        index_remove(older)
    else:
        index_reperiod(older)


def _regions_forget(version: ArticleVersion) -> None:
    key = regions_cache_key(version.article.organisation_id)
    transaction.on_commit(lambda: cache.delete(key))


HANDLERS: dict[str, Handler] = {
    "submit": _submit,
    "approve": _approve,
    "return": _return,
    "discard": _close,
    "withdraw": _close,
}


def version_submit(*, actor: Any, version: ArticleVersion) -> ArticleVersion:
    return version_act(actor=actor, version=version, action="submit")


def version_approve(
    *,
    actor: Any,
    version: ArticleVersion,
    comment: str = "",
    now: datetime | None = None,
) -> ArticleVersion:
    """Publish ``version``: agents read it from its first day in force."""
    return version_act(
        actor=actor, version=version, action="approve", comment=comment, now=now
    )


def version_return(
    *, actor: Any, version: ArticleVersion, comment: str
) -> ArticleVersion:
    return version_act(actor=actor, version=version, action="return", comment=comment)


def version_discard(*, actor: Any, version: ArticleVersion) -> ArticleVersion:
    return version_act(actor=actor, version=version, action="discard")


def version_withdraw(
    *, actor: Any, version: ArticleVersion, reason: str
) -> ArticleVersion:
    return version_act(actor=actor, version=version, action="withdraw", comment=reason)


# --- Reading ------------------------------------------------------------------------


def article_mark_read(
    *, user: Any, version: ArticleVersion, at: datetime | None = None
) -> ArticleRead:
    """Remember that ``user`` has seen ``version`` of its article."""
    read, _created = ArticleRead.objects.update_or_create(
        user=user,
        article_id=version.article_id,
        defaults={"version": version, "read_at": at or timezone.now()},
    )
    return read


# --- Helpers ----------------------------------------------------------------------


def _lock(article: Article) -> Article:
    return Article.objects.select_for_update().get(pk=article.pk)


def _audit(
    verb: str, actor: Any, version: ArticleVersion, data: dict[str, Any] | None = None
) -> None:
    audit_record(
        verb=verb,
        actor=actor,
        organisation=version.article.organisation,
        target=version,
        data={"version": version.number, **(data or {})},
    )

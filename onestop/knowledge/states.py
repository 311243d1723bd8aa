"""What may be done to an article version in each state, and by whom: one table.

Like ``onestop.ratings.states``: each row names an action, the states it may
start from, the state it leads to and who may take it. Services look actions
up here; pages offer only what the table allows the person looking.

Who: the author drafts and submits; approvers (``knowledge.approve_article``)
publish — never their own text, so every published version was read by two
people — and withdraw published versions. The author may also take a
submitted version back to draft, or discard an unpublished one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from onestop.knowledge.errors import KnowledgeError
from onestop.knowledge.models import ArticleVersion, VersionStatus
from onestop.organisations.backends import has_organisation_perm

S = VersionStatus
WRITE = "knowledge.change_article"
APPROVE = "knowledge.approve_article"


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit for approval")
    APPROVE = "approve", _("Approve and publish")
    RETURN = "return", _("Return to draft")
    DISCARD = "discard", _("Discard")
    WITHDRAW = "withdraw", _("Withdraw")


class Who(models.TextChoices):
    AUTHOR = "author", _("the author")
    OTHER_APPROVER = "other_approver", _("an approver other than the author")
    AUTHOR_OR_APPROVER = "author_or_approver", _("the author or an approver")
    APPROVER = "approver", _("an approver")


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[str]
    target: str
    who: Who


def _t(action: Action, sources: tuple[str, ...], target: str, who: Who) -> Transition:
    return Transition(action, frozenset(sources), target, who)


TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.SUBMIT, (S.DRAFT,), S.SUBMITTED, Who.AUTHOR),
    _t(Action.APPROVE, (S.SUBMITTED,), S.PUBLISHED, Who.OTHER_APPROVER),
    _t(Action.RETURN, (S.SUBMITTED,), S.DRAFT, Who.AUTHOR_OR_APPROVER),
    _t(Action.DISCARD, (S.DRAFT, S.SUBMITTED), S.WITHDRAWN, Who.AUTHOR_OR_APPROVER),
    _t(Action.WITHDRAW, (S.PUBLISHED, S.SUPERSEDED), S.WITHDRAWN, Who.APPROVER),
)
_BY_ACTION = {t.action: t for t in TRANSITIONS}


def transition_for(action: str) -> Transition:
    try:
        return _BY_ACTION[Action(action)]
    except ValueError:
        raise LookupError(action) from None


def refusal(version: ArticleVersion, action: str) -> KnowledgeError | None:
    """Why ``action`` may not be taken on ``version`` now, or None if it may."""
    try:
        transition = transition_for(action)
    except LookupError:
        return KnowledgeError.UNKNOWN_ACTION
    if version.status not in transition.sources:
        return KnowledgeError.NOT_ALLOWED_IN_STATE
    return None


def may_act(actor: Any, version: ArticleVersion, who: str) -> bool:
    """Whether ``actor`` is among those the table names for an action."""
    organisation_id = version.article.organisation_id
    is_author = actor.pk == version.author_id
    approver = has_organisation_perm(actor, APPROVE, organisation_id)
    if who == Who.AUTHOR:
        return is_author and has_organisation_perm(actor, WRITE, organisation_id)
    if who == Who.OTHER_APPROVER:
        return approver and not is_author
    if who == Who.AUTHOR_OR_APPROVER:
        return approver or is_author
    return approver


def actions_for(actor: Any, version: ArticleVersion) -> list[Action]:
    """The actions ``actor`` may take on ``version`` now."""
    return [
        t.action
        for t in TRANSITIONS
        if version.status in t.sources and may_act(actor, version, t.who)
    ]

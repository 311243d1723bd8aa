"""Test base for the knowledge base: the two organisations, their agents, and a press.

``uni_supervisor`` and ``uni_admin`` both write and approve, so one drafts
and the other approves; ``uni_agent`` reads. Days are Shanghai dates, and
time is frozen with ``time_machine`` where the day matters.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from onestop.common.testing import OneStopTestCase, make_user
from onestop.knowledge.models import Article, ArticleVersion
from onestop.knowledge.services import (
    ArticleContent,
    ArticleMeta,
    article_create,
    article_draft,
    version_approve,
    version_submit,
)
from onestop.organisations.models import Organisation
from onestop.organisations.services import membership_grant

SH = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 9, 28)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SH)


def content(
    title: str = "5G套餐变更",
    body: str = "客户可在营业厅办理5G套餐变更，次月生效。",
    *,
    start: date = TODAY,
    end: date | None = None,
    variants: dict[str, str] | None = None,
    note: str = "",
) -> ArticleContent:
    return ArticleContent(
        title=title,
        body=body,
        effective_from=start,
        effective_to=end,
        variants=tuple((variants or {}).items()),
        note=note,
    )


class KnowledgeTestCase(OneStopTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.uni_agent = cls.member("uni_agent", cls.uni, "agent")
        cls.tax_agent = cls.member("tax_agent", cls.tax, "agent")
        cls.tax_supervisor = cls.member("tax_supervisor", cls.tax, "supervisor")

    @classmethod
    def member(cls, username: str, organisation: Organisation, role: str) -> Any:
        user = make_user(username, first_name=username)
        membership_grant(actor=None, organisation=organisation, user=user, roles=[role])
        return user

    def draft(
        self,
        key: str = "5G-TC-001",
        *,
        organisation: Organisation | None = None,
        author: Any = None,
        topics: tuple[str, ...] = (),
        **fields: Any,
    ) -> ArticleVersion:
        return article_create(
            actor=author or self.uni_supervisor,
            organisation=organisation or self.uni,
            key=key,
            content=content(**fields),
            meta=ArticleMeta(category="套餐资费", topics=topics),
        )

    def publish(
        self,
        version: ArticleVersion,
        *,
        approver: Any = None,
        now: datetime | None = None,
    ) -> ArticleVersion:
        """Submit as the author and approve as another editor of the same organisation."""
        version_submit(actor=version.author, version=version)
        approver = approver or self._other_editor(version)
        return version_approve(actor=approver, version=version, now=now or at(TODAY))

    def revise(
        self, article: Article, *, author: Any = None, **fields: Any
    ) -> ArticleVersion:
        return article_draft(
            actor=author or self.uni_supervisor,
            article=article,
            content=content(**fields),
        )

    def _other_editor(self, version: ArticleVersion) -> Any:
        if version.article.organisation_id == self.tax.pk:
            return (
                self.tax_admin
                if version.author != self.tax_admin
                else self.tax_supervisor
            )
        return (
            self.uni_admin if version.author != self.uni_admin else self.uni_supervisor
        )

"""Drafting, approval by a second person, superseding and withdrawal."""

from __future__ import annotations

from datetime import timedelta

from onestop.common.errors import ServiceError, ServiceErrors
from onestop.common.models import AuditEvent
from onestop.knowledge.errors import KnowledgeError
from onestop.knowledge.models import (
    ArticleVersion,
    SearchTerm,
    SearchWord,
    VersionStatus,
)
from onestop.knowledge.services import (
    version_act,
    version_approve,
    version_discard,
    version_return,
    version_submit,
    version_withdraw,
)
from onestop.knowledge.states import Action, actions_for
from onestop.knowledge.testing import TODAY, KnowledgeTestCase, at, content


class ApprovalTests(KnowledgeTestCase):
    def test_the_author_cannot_approve_their_own_version(self) -> None:
        version = self.draft()
        version_submit(actor=self.uni_supervisor, version=version)
        with self.assertRaises(ServiceError) as raised:
            version_approve(actor=self.uni_supervisor, version=version, now=at(TODAY))
        self.assertEqual(raised.exception.code, KnowledgeError.NOT_YOURS)
        version.refresh_from_db()
        self.assertEqual(version.status, VersionStatus.SUBMITTED)
        self.assertFalse(SearchTerm.objects.exists())

    def test_another_editor_approves_and_that_publishes_it(self) -> None:
        version = self.publish(self.draft(), approver=self.uni_admin)
        self.assertEqual(version.status, VersionStatus.PUBLISHED)
        self.assertEqual(
            (version.approver, version.approved_at), (self.uni_admin, at(TODAY))
        )
        self.assertTrue(
            SearchTerm.objects.filter(version=version, term="套餐").exists()
        )
        self.assertTrue(
            AuditEvent.objects.filter(
                verb="knowledge.version_approve", target_id=str(version.pk)
            ).exists()
        )

    def test_an_agent_may_neither_submit_nor_approve(self) -> None:
        version = self.draft()
        self.assertEqual(actions_for(self.uni_agent, version), [])
        with self.assertRaises(ServiceError):
            version_submit(actor=self.uni_agent, version=version)

    def test_a_draft_must_be_submitted_before_approval(self) -> None:
        version = self.draft()
        with self.assertRaises(ServiceError) as raised:
            version_approve(actor=self.uni_admin, version=version)
        self.assertEqual(raised.exception.code, KnowledgeError.NOT_ALLOWED_IN_STATE)

    def test_returned_to_draft_with_the_approvers_comment_then_resubmitted(
        self,
    ) -> None:
        version = self.draft()
        version_submit(actor=self.uni_supervisor, version=version)
        version_return(actor=self.uni_admin, version=version, comment="资费写错了")
        version.refresh_from_db()
        self.assertEqual(
            (version.status, version.review_comment),
            (VersionStatus.DRAFT, "资费写错了"),
        )
        fixed = self.revise(
            version.article, body="5G套餐变更次月生效，资费按新套餐计。"
        )
        self.assertEqual(fixed.pk, version.pk)
        self.assertEqual(
            version_submit(actor=self.uni_supervisor, version=fixed).status,
            VersionStatus.SUBMITTED,
        )

    def test_the_editors_actions_follow_the_state_table(self) -> None:
        version = self.draft()
        self.assertEqual(
            actions_for(self.uni_supervisor, version), [Action.SUBMIT, Action.DISCARD]
        )
        version_submit(actor=self.uni_supervisor, version=version)
        version.refresh_from_db()
        self.assertEqual(
            actions_for(self.uni_supervisor, version), [Action.RETURN, Action.DISCARD]
        )
        self.assertEqual(
            actions_for(self.uni_admin, version),
            [Action.APPROVE, Action.RETURN, Action.DISCARD],
        )

    def test_an_unknown_action_is_refused(self) -> None:
        with self.assertRaises(ServiceError) as raised:
            version_act(actor=self.uni_admin, version=self.draft(), action="publish")
        self.assertEqual(raised.exception.code, KnowledgeError.UNKNOWN_ACTION)


class DraftingTests(KnowledgeTestCase):
    def test_a_new_draft_after_publication_is_the_next_version(self) -> None:
        first = self.publish(self.draft())
        second = self.revise(first.article, body="新的口径")
        self.assertEqual((second.number, second.status), (2, VersionStatus.DRAFT))
        first.refresh_from_db()
        self.assertEqual(first.status, VersionStatus.PUBLISHED)

    def test_one_open_version_at_a_time(self) -> None:
        version = self.draft()
        with self.assertRaises(ServiceError) as raised:
            self.revise(version.article, author=self.uni_admin)
        self.assertEqual(raised.exception.code, KnowledgeError.DRAFT_OF_ANOTHER)
        version_submit(actor=self.uni_supervisor, version=version)
        with self.assertRaises(ServiceError) as raised:
            self.revise(version.article)
        self.assertEqual(raised.exception.code, KnowledgeError.AWAITING_APPROVAL)

    def test_every_problem_of_a_draft_is_reported_at_once(self) -> None:
        with self.assertRaises(ServiceErrors) as raised:
            self.draft(
                title=" ",
                body="",
                end=TODAY - timedelta(days=1),
                variants={"长春": " "},
            )
        codes = [e.code for e in raised.exception.errors]
        self.assertEqual(
            codes,
            [
                KnowledgeError.TITLE_MISSING,
                KnowledgeError.BODY_MISSING,
                KnowledgeError.PERIOD_REVERSED,
                KnowledgeError.REGION_TEXT_MISSING,
            ],
        )
        self.assertFalse(ArticleVersion.objects.exists())

    def test_a_key_is_unique_within_the_organisation_only(self) -> None:
        self.draft("FP-001")
        with self.assertRaises(ServiceError) as raised:
            self.draft("FP-001")
        self.assertEqual(raised.exception.code, KnowledgeError.KEY_TAKEN)
        other = self.draft("FP-001", organisation=self.tax, author=self.tax_admin)
        self.assertEqual(other.article.organisation, self.tax)

    def test_discarding_a_draft_leaves_the_published_version_alone(self) -> None:
        first = self.publish(self.draft())
        second = self.revise(first.article, body="改了一半")
        version_discard(actor=self.uni_supervisor, version=second)
        second.refresh_from_db()
        first.refresh_from_db()
        self.assertEqual(second.status, VersionStatus.WITHDRAWN)
        self.assertEqual(first.status, VersionStatus.PUBLISHED)
        third = self.revise(first.article, body="重新起草")
        self.assertEqual(third.number, 3)


class SupersedingTests(KnowledgeTestCase):
    def test_approval_supersedes_the_previous_version_from_its_first_day(self) -> None:
        first = self.publish(self.draft())
        second = self.publish(
            self.revise(first.article, start=TODAY + timedelta(days=3))
        )
        first.refresh_from_db()
        self.assertEqual(first.status, VersionStatus.SUPERSEDED)
        self.assertEqual(first.superseded_by, second)
        self.assertEqual(first.effective_to, TODAY + timedelta(days=2))
        self.assertEqual(
            set(
                SearchTerm.objects.filter(version=first).values_list(
                    "effective_to", flat=True
                )
            ),
            {TODAY + timedelta(days=2)},
        )

    def test_a_period_asked_to_start_in_the_past_starts_on_the_day_of_approval(
        self,
    ) -> None:
        version = self.draft(start=TODAY - timedelta(days=10))
        self.publish(version, now=at(TODAY))
        version.refresh_from_db()
        self.assertEqual(version.effective_from, TODAY)

    def test_a_period_already_over_is_refused(self) -> None:
        version = self.draft(
            start=TODAY - timedelta(days=10), end=TODAY - timedelta(days=1)
        )
        with self.assertRaises(ServiceError) as raised:
            self.publish(version)
        self.assertEqual(raised.exception.code, KnowledgeError.PERIOD_OVER)

    def test_a_scheduled_version_replaced_before_its_first_day_never_comes_into_force(
        self,
    ) -> None:
        first = self.publish(self.draft(start=TODAY + timedelta(days=5)))
        second = self.publish(
            self.revise(first.article, start=TODAY + timedelta(days=1))
        )
        first.refresh_from_db()
        self.assertEqual(first.status, VersionStatus.SUPERSEDED)
        self.assertTrue(first.never_in_force)
        self.assertFalse(SearchTerm.objects.filter(version=first).exists())
        self.assertTrue(SearchTerm.objects.filter(version=second).exists())

    def test_withdrawing_takes_the_version_out_of_force_and_search(self) -> None:
        version = self.publish(self.draft())
        version_withdraw(actor=self.uni_admin, version=version, reason="活动取消")
        version.refresh_from_db()
        self.assertEqual(
            (version.status, version.withdrawn_by, version.review_comment),
            (VersionStatus.WITHDRAWN, self.uni_admin, "活动取消"),
        )
        self.assertFalse(SearchTerm.objects.filter(version=version).exists())
        self.assertEqual(
            SearchWord.objects.get(organisation=self.uni, term="套餐").documents, 0
        )

    def test_only_an_approver_withdraws_a_published_version(self) -> None:
        version = self.publish(
            self.draft(author=self.uni_admin), approver=self.uni_supervisor
        )
        with self.assertRaises(ServiceError):
            version_withdraw(actor=self.uni_agent, version=version, reason="x")


class ContentTests(KnowledgeTestCase):
    def test_a_version_keeps_its_own_text_and_regional_texts(self) -> None:
        first = self.publish(self.draft(variants={"长春": "长春：到指定营业厅办理。"}))
        self.revise(first.article, body="改过的口径", variants={})
        first.refresh_from_db()
        self.assertEqual(first.body, "客户可在营业厅办理5G套餐变更，次月生效。")
        self.assertEqual(
            list(first.variants.values_list("region", "body")),
            [("长春", "长春：到指定营业厅办理。")],
        )

    def test_content_has_no_trailing_spaces(self) -> None:
        version = self.draft(title=" 宽带报装 ", body=" 正文 \n")
        self.assertEqual((version.title, version.body), ("宽带报装", "正文"))
        self.assertEqual(content().title, "5G套餐变更")

"""What agents read: the version in force on a day, the text for their region,
what changed since they last looked, and what the campaign check is told."""

from __future__ import annotations

from datetime import timedelta

from onestop.knowledge.selectors import (
    article_text,
    articles_published_for,
    articles_tagged,
    changes_for,
    version_in_force,
)
from onestop.knowledge.services import article_mark_read, version_withdraw
from onestop.knowledge.testing import TODAY, KnowledgeTestCase, at

LATER = TODAY + timedelta(days=5)


class EffectiveDateTests(KnowledgeTestCase):
    def test_a_future_version_is_not_in_force_and_the_old_one_shows_until_then(
        self,
    ) -> None:
        first = self.publish(self.draft(body="58元套餐"))
        second = self.publish(self.revise(first.article, body="38元套餐", start=LATER))
        article = first.article
        for day, expected in (
            (TODAY, first),
            (LATER - timedelta(days=1), first),
            (LATER, second),
            (LATER + timedelta(days=100), second),
        ):
            with self.subTest(day=day):
                self.assertEqual(version_in_force(article=article, on=day), expected)
        self.assertEqual(article_text(article, "", TODAY).body, "58元套餐")
        self.assertEqual(article_text(article, "", LATER).body, "38元套餐")

    def test_nothing_is_in_force_before_the_first_day_or_after_the_last(self) -> None:
        version = self.publish(self.draft(start=LATER, end=LATER + timedelta(days=9)))
        article = version.article
        self.assertIsNone(article_text(article, "", TODAY))
        self.assertIsNotNone(article_text(article, "", LATER + timedelta(days=9)))
        self.assertIsNone(article_text(article, "", LATER + timedelta(days=10)))

    def test_a_draft_or_a_submitted_version_is_never_in_force(self) -> None:
        version = self.draft()
        self.assertIsNone(version_in_force(article=version.article, on=TODAY))

    def test_a_withdrawn_version_leaves_nothing_in_force(self) -> None:
        version = self.publish(self.draft())
        version_withdraw(actor=self.uni_admin, version=version, reason="错误")
        self.assertIsNone(version_in_force(article=version.article, on=TODAY))


class RegionTests(KnowledgeTestCase):
    def setUp(self) -> None:
        self.version = self.publish(
            self.draft(
                body="全省：营业厅办理。",
                variants={"长春": "长春：指定营业厅预约办理。"},
            )
        )

    def test_a_region_with_its_own_text_reads_it(self) -> None:
        text = article_text(self.version.article, "长春", TODAY)
        self.assertEqual(
            (text.body, text.is_regional), ("长春：指定营业厅预约办理。", True)
        )

    def test_a_region_without_its_own_text_reads_the_base(self) -> None:
        for region in ("吉林", ""):
            with self.subTest(region=region):
                text = article_text(self.version.article, region, TODAY)
                self.assertEqual(
                    (text.body, text.is_regional), ("全省：营业厅办理。", False)
                )


class ChangedSinceTests(KnowledgeTestCase):
    def changes(self, day=TODAY) -> object:
        return changes_for(
            user=self.uni_agent, organisation=self.uni, on=day, now=at(day, 18)
        )

    def test_an_article_read_then_revised_is_listed_as_changed(self) -> None:
        first = self.publish(self.draft())
        article_mark_read(user=self.uni_agent, version=first, at=at(TODAY, 11))
        self.assertEqual(self.changes().changed, [])
        second = self.publish(
            self.revise(first.article, body="新口径"), now=at(TODAY, 12)
        )
        [row] = self.changes().changed
        self.assertEqual((row.seen, row.current), (first, second))

    def test_reading_the_new_version_clears_it(self) -> None:
        first = self.publish(self.draft())
        article_mark_read(user=self.uni_agent, version=first)
        second = self.publish(self.revise(first.article, body="新口径"))
        article_mark_read(user=self.uni_agent, version=second)
        self.assertEqual(self.changes().changed, [])

    def test_a_scheduled_version_is_upcoming_until_its_day_then_changed(self) -> None:
        first = self.publish(self.draft())
        article_mark_read(user=self.uni_agent, version=first)
        second = self.publish(self.revise(first.article, body="新口径", start=LATER))
        now = self.changes()
        self.assertEqual((now.changed, now.upcoming), ([], [second]))
        then = self.changes(LATER)
        self.assertEqual([row.current for row in then.changed], [second])
        self.assertEqual(then.upcoming, [])

    def test_a_new_article_is_listed_until_read(self) -> None:
        version = self.publish(self.draft())
        self.assertEqual(self.changes().new, [version])
        article_mark_read(user=self.uni_agent, version=version)
        self.assertEqual(self.changes().new, [])

    def test_another_persons_reading_changes_nothing_for_me(self) -> None:
        first = self.publish(self.draft())
        article_mark_read(user=self.uni_agent, version=first)
        article_mark_read(user=self.uni_clerk, version=first)
        self.publish(self.revise(first.article, body="新口径"))
        clerk = changes_for(
            user=self.uni_clerk, organisation=self.uni, on=TODAY, now=at(TODAY)
        )
        self.assertEqual(len(clerk.changed), 1)
        self.assertEqual(len(self.changes().changed), 1)


class CampaignSelectorTests(KnowledgeTestCase):
    def test_only_articles_in_force_on_the_day_count_as_published_for_the_campaign(
        self,
    ) -> None:
        ready = self.publish(self.draft("C-1", topics=("JL-5G-2026", "5G")))
        later = self.publish(self.draft("C-2", topics=("JL-5G-2026",), start=LATER))
        self.draft("C-3", topics=("JL-5G-2026",))  # drafted only
        self.publish(self.draft("C-4", topics=("OTHER",)))
        launch = LATER
        self.assertEqual(
            list(
                articles_published_for(
                    organisation=self.uni, topic="JL-5G-2026", on=TODAY
                )
            ),
            [ready.article],
        )
        self.assertEqual(
            list(
                articles_published_for(
                    organisation=self.uni, topic="JL-5G-2026", on=launch
                )
            ),
            [ready.article, later.article],
        )
        self.assertEqual(
            [a.key for a in articles_tagged(organisation=self.uni, topic="JL-5G-2026")],
            ["C-1", "C-2", "C-3"],
        )

    def test_another_organisations_articles_do_not_count(self) -> None:
        self.publish(
            self.draft(
                "C-1",
                organisation=self.tax,
                author=self.tax_admin,
                topics=("JL-5G-2026",),
            )
        )
        self.assertFalse(
            articles_published_for(
                organisation=self.uni, topic="JL-5G-2026", on=TODAY
            ).exists()
        )
        self.assertTrue(
            articles_published_for(
                organisation=self.tax, topic="JL-5G-2026", on=TODAY
            ).exists()
        )

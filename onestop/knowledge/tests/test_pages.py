"""The pages agents and editors use, through the test client."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.core.cache import cache
from django.urls import reverse

from onestop.knowledge.models import Article, ArticleRead, ArticleVersion, VersionStatus
from onestop.knowledge.services import article_mark_read
from onestop.knowledge.testing import TODAY, KnowledgeTestCase, at


class PageTestCase(KnowledgeTestCase):
    def setUp(self) -> None:
        cache.clear()  # the search page's regions
        self.clock = time_machine.travel(at(TODAY, 15), tick=False)
        self.clock.start()
        self.addCleanup(self.clock.stop)

    def article_url(self, key: str = "5G-TC-001") -> str:
        return reverse("staff:knowledge_article", args=[key])


class AgentPageTests(PageTestCase):
    def test_search_shows_ranked_results_with_the_words_marked(self) -> None:
        self.publish(
            self.draft("FP-1", title="增值税发票丢失", body="发票丢失当日报告。")
        )
        self.login(self.uni_agent)
        response = self.client.get(reverse("staff:knowledge"), {"q": "发票"})
        self.assertContains(response, "<mark>发票</mark>", html=False)
        self.assertContains(response, 'data-key="FP-1"')
        self.assertContains(response, reverse("staff:knowledge"))  # the nav link

    def test_the_search_page_offers_the_regions_with_their_own_texts(self) -> None:
        self.login(self.uni_agent)
        self.assertNotContains(self.client.get(reverse("staff:knowledge")), "延边")
        with self.captureOnCommitCallbacks(execute=True):
            self.publish(self.draft(variants={"延边": "延边口径"}))
        response = self.client.get(reverse("staff:knowledge"))
        self.assertContains(response, '<option value="延边">', html=False)

    def test_a_search_that_finds_nothing_says_so(self) -> None:
        self.login(self.uni_agent)
        response = self.client.get(reverse("staff:knowledge"), {"q": "卫星电话"})
        self.assertContains(response, "卫星电话")
        self.assertNotContains(response, '<ol class="kb-results">', html=False)

    def test_the_article_page_marks_the_version_in_force_as_read(self) -> None:
        version = self.publish(self.draft())
        self.login(self.uni_agent)
        response = self.client.get(self.article_url())
        self.assertContains(response, 'data-version="1"')
        self.assertEqual(ArticleRead.objects.get(user=self.uni_agent).version, version)

    def test_the_article_page_shows_what_changed_since_my_last_read(self) -> None:
        first = self.publish(self.draft(body="办理地点：营业厅\n资费：58元"))
        article_mark_read(user=self.uni_agent, version=first, at=at(TODAY, 9))
        self.publish(
            self.revise(
                first.article, body="办理地点：营业厅\n资费：38元", note="降价"
            ),
            now=at(TODAY, 11),
        )
        self.login(self.uni_agent)
        response = self.client.get(self.article_url())
        self.assertContains(response, 'id="changes"')
        self.assertContains(response, '<li class="removed">', html=False)
        self.assertContains(response, "资费：58元")
        self.assertContains(response, "降价")
        again = self.client.get(self.article_url())
        self.assertNotContains(again, 'id="changes"')

    def test_the_region_picker_shows_the_regions_text_and_is_remembered(self) -> None:
        self.publish(self.draft(body="全省口径", variants={"长春": "长春口径"}))
        self.login(self.uni_agent)
        response = self.client.get(self.article_url(), {"region": "长春"})
        self.assertContains(response, "长春口径")
        self.assertNotContains(response, "全省口径")
        self.assertContains(self.client.get(self.article_url()), "长春口径")
        self.assertContains(
            self.client.get(self.article_url(), {"region": "吉林"}), "全省口径"
        )

    def test_a_version_coming_into_force_is_announced(self) -> None:
        first = self.publish(self.draft())
        self.publish(self.revise(first.article, start=TODAY + timedelta(days=3)))
        self.login(self.uni_agent)
        response = self.client.get(self.article_url())
        self.assertContains(response, "kb-notice")
        self.assertContains(
            response, reverse("staff:knowledge_version", args=["5G-TC-001", 2])
        )

    def test_the_changes_page_lists_changed_new_and_upcoming(self) -> None:
        first = self.publish(self.draft("A"))
        article_mark_read(user=self.uni_agent, version=first)
        self.publish(self.revise(first.article, body="新"))
        self.publish(self.draft("B"))
        self.publish(self.draft("C", start=TODAY + timedelta(days=2)))
        self.login(self.uni_agent)
        response = self.client.get(reverse("staff:knowledge_changes"))
        for section, key in (("changed", "A"), ("new", "B"), ("upcoming", "C")):
            with self.subTest(section=section):
                part = (
                    response.content.decode()
                    .split(f'id="{section}"')[1]
                    .split("</section>")[0]
                )
                self.assertIn(f'data-key="{key}"', part)

    def test_agents_see_no_drafts_and_may_not_edit(self) -> None:
        first = self.publish(self.draft())
        self.revise(first.article, body="草稿")
        self.login(self.uni_agent)
        self.assertEqual(
            self.client.get(
                reverse("staff:knowledge_version", args=["5G-TC-001", 2])
            ).status_code,
            404,
        )
        self.assertEqual(
            self.client.get(
                reverse("staff:knowledge_edit", args=["5G-TC-001"])
            ).status_code,
            403,
        )
        self.assertEqual(
            self.client.get(reverse("staff:knowledge_review")).status_code, 403
        )

    def test_a_clerk_without_the_knowledge_role_is_refused(self) -> None:
        self.login(self.uni_clerk)
        self.assertEqual(self.client.get(reverse("staff:knowledge")).status_code, 403)

    def test_another_organisations_article_is_not_found(self) -> None:
        self.publish(self.draft("T-1", organisation=self.tax, author=self.tax_admin))
        self.login(self.uni_agent)
        self.assertEqual(self.client.get(self.article_url("T-1")).status_code, 404)


class EditorPageTests(PageTestCase):
    def form(self, **overrides: str) -> dict[str, str]:
        data = {
            "key": "KD-001",
            "title": "宽带报装",
            "category": "宽带",
            "topics": "JL-KD-2026，宽带",
            "body": "携带身份证到营业厅办理。",
            "effective_from": TODAY.isoformat(),
            "effective_to": "",
            "note": "首版",
            "variants-TOTAL_FORMS": "2",
            "variants-INITIAL_FORMS": "0",
            "variants-0-region": "长春",
            "variants-0-body": "长春可上门办理。",
            "variants-1-region": "",
            "variants-1-body": "",
        }
        return {**data, **overrides}

    def test_draft_submit_and_approval_by_another_editor(self) -> None:
        self.login(self.uni_supervisor)
        response = self.client.post(reverse("staff:knowledge_new"), self.form())
        version_url = reverse("staff:knowledge_version", args=["KD-001", 1])
        self.assertRedirects(response, version_url)
        article = Article.objects.get(key="KD-001")
        self.assertEqual(
            sorted(article.topics.values_list("code", flat=True)),
            ["JL-KD-2026", "宽带"],
        )
        self.client.post(reverse("staff:knowledge_step", args=["KD-001", 1, "submit"]))
        own = self.client.post(
            reverse("staff:knowledge_step", args=["KD-001", 1, "approve"])
        )
        self.assertContains(
            self.client.get(own.url), 'class="message error"', html=False
        )
        self.login(self.uni_admin)
        queue = self.client.get(reverse("staff:knowledge_review"))
        self.assertContains(queue, version_url)
        self.client.post(reverse("staff:knowledge_step", args=["KD-001", 1, "approve"]))
        version = ArticleVersion.objects.get(article=article)
        self.assertEqual(
            (version.status, version.approver),
            (VersionStatus.PUBLISHED, self.uni_admin),
        )
        self.assertEqual(
            list(version.variants.values_list("region", flat=True)), ["长春"]
        )

    def test_a_repeated_key_is_shown_on_the_form(self) -> None:
        self.draft("KD-001")
        self.login(self.uni_supervisor)
        response = self.client.post(reverse("staff:knowledge_new"), self.form())
        self.assertContains(response, "KD-001", status_code=400)
        self.assertEqual(Article.objects.count(), 1)

    def test_editing_starts_the_next_version_from_the_text_in_force(self) -> None:
        self.publish(self.draft(body="旧口径"))
        self.login(self.uni_supervisor)
        url = reverse("staff:knowledge_edit", args=["5G-TC-001"])
        self.assertContains(self.client.get(url), "旧口径")
        data = self.form(body="新口径", note="改口径")
        del data["key"]
        response = self.client.post(url, data)
        self.assertRedirects(
            response, reverse("staff:knowledge_version", args=["5G-TC-001", 2])
        )
        page = self.client.get(response.url)
        self.assertContains(page, '<li class="added">', html=False)
        self.assertContains(page, 'data-action="submit"')

    def test_the_version_page_offers_the_approver_approve_and_return(self) -> None:
        version = self.draft()
        self.client.force_login(self.uni_supervisor)
        self.client.post(
            reverse("staff:knowledge_step", args=["5G-TC-001", 1, "submit"])
        )
        self.login(self.uni_admin)
        page = self.client.get(
            reverse("staff:knowledge_version", args=["5G-TC-001", 1])
        )
        for action in ("approve", "return", "discard"):
            self.assertContains(page, f'data-action="{action}"')
        self.client.post(
            reverse("staff:knowledge_step", args=["5G-TC-001", 1, "return"]),
            {"return-comment": "请补充资费"},
        )
        version.refresh_from_db()
        self.assertEqual(
            (version.status, version.review_comment),
            (VersionStatus.DRAFT, "请补充资费"),
        )

"""Search: Chinese words found inside longer words, ranked by BM25, titles first,
only what is in force, only the organisation's own, in a bounded number of queries."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from onestop.knowledge.models import (
    Article,
    ArticleVersion,
    SearchStatistics,
    SearchTerm,
    SearchWord,
    VersionStatus,
)
from onestop.knowledge.search.highlight import Fragment
from onestop.knowledge.search.query import best_postings, corpus_of, ranked_versions
from onestop.knowledge.search.ranking import bm25
from onestop.knowledge.search.rebuild import index_rebuild
from onestop.knowledge.selectors import article_search
from onestop.knowledge.testing import TODAY, KnowledgeTestCase, at


class SearchTests(KnowledgeTestCase):
    def search(self, query: str, *, on=TODAY, organisation=None, region=""):
        return article_search(
            organisation=organisation or self.uni, query=query, on=on, region=region
        )

    def keys(self, query: str, **kwargs) -> list[str]:
        return [r.article.key for r in self.search(query, **kwargs).results]

    def test_finds_fapiao_inside_zengzhishui_fapiao(self) -> None:
        self.publish(
            self.draft(
                "FP-1", title="专票遗失处理", body="增值税发票丢失，应当日书面报告。"
            )
        )
        self.publish(self.draft("KD-1", title="宽带报装", body="宽带报装需要身份证。"))
        self.assertEqual(self.keys("发票"), ["FP-1"])

    def test_a_title_match_ranks_above_a_body_match(self) -> None:
        self.publish(
            self.draft(
                "BODY", title="营业厅业务须知", body="办理携号转网前请先结清话费。"
            )
        )
        self.publish(self.draft("TITLE", title="携号转网", body="办理前请先结清话费。"))
        self.assertEqual(self.keys("携号转网"), ["TITLE", "BODY"])

    def test_an_article_holding_more_of_the_words_comes_first(self) -> None:
        self.publish(self.draft("ONE", title="发票", body="发票发票发票。"))
        self.publish(self.draft("BOTH", title="说明", body="增值税专用发票的开具。"))
        self.assertEqual(self.keys("增值税发票"), ["BOTH", "ONE"])

    def test_the_score_is_bm25_over_the_postings(self) -> None:
        self.publish(self.draft("A", title="国际漫游", body="国际漫游开通方法。"))
        self.publish(self.draft("B", title="宽带", body="漫游资费。"))
        [first, second] = self.search("国际漫游").results
        corpus = corpus_of(self.uni.pk)
        df = {"国际漫游": 1, "国际": 1, "漫游": 2}
        rows = SearchTerm.objects.filter(version=first.version, term__in=df)
        postings = {r.term: (r.frequency, r.length) for r in rows}
        expected = bm25(postings, df, corpus.documents, corpus.average_length)
        self.assertAlmostEqual(first.score, expected, places=6)
        self.assertEqual((first.matched, second.matched), (3, 1))

    def test_words_found_are_marked_in_title_and_snippet(self) -> None:
        self.publish(
            self.draft("FP-1", title="增值税发票丢失", body="发现发票丢失，当日报告。")
        )
        [result] = self.search("发票").results
        self.assertIn(Fragment("发票", True), result.title)
        self.assertIn(Fragment("发票", True), result.snippet)

    def test_the_snippet_is_the_regions_text(self) -> None:
        self.publish(
            self.draft(body="全省统一办理。", variants={"长春": "长春需预约办理。"})
        )
        [result] = self.search("办理", region="长春").results
        self.assertTrue(result.is_regional)
        self.assertIn("预约", "".join(f.text for f in result.snippet))

    def test_only_versions_in_force_on_the_day_are_found(self) -> None:
        first = self.publish(self.draft(title="5G套餐", body="旧资费58元。"))
        self.publish(
            self.revise(
                first.article,
                title="5G套餐",
                body="新资费38元。",
                start=TODAY + timedelta(days=3),
            )
        )
        self.draft("D-1", title="5G套餐草稿", body="未审批。")
        today = self.search("5G套餐").results
        self.assertEqual([r.version.number for r in today], [1])
        later = self.search("5G套餐", on=TODAY + timedelta(days=3)).results
        self.assertEqual([r.version.number for r in later], [2])

    def test_another_organisations_articles_are_never_found(self) -> None:
        self.publish(
            self.draft(
                "T-1",
                organisation=self.tax,
                author=self.tax_admin,
                title="发票领用",
                body="发票领用流程。",
            )
        )
        self.assertEqual(self.keys("发票"), [])
        self.assertEqual(self.keys("发票", organisation=self.tax), ["T-1"])

    def test_a_question_of_only_particles_finds_nothing_without_querying(self) -> None:
        self.publish(self.draft())
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.search("我要怎么").results, [])
        self.assertEqual(len(queries), 0)


class RebuildTests(KnowledgeTestCase):
    def test_rebuilding_gives_the_same_postings_and_statistics(self) -> None:
        self.publish(self.draft("A", variants={"长春": "长春另行规定。"}))
        self.publish(self.draft("B", title="宽带", body="宽带报装。"))
        before = set(
            SearchTerm.objects.values_list("version_id", "term", "frequency", "impact")
        )
        words = set(SearchWord.objects.values_list("term", "documents"))
        statistics = SearchStatistics.objects.values_list(
            "documents", "total_length"
        ).get()
        self.assertEqual(index_rebuild(organisation_id=self.uni.pk, batch=1), 2)
        after = set(
            SearchTerm.objects.values_list("version_id", "term", "frequency", "impact")
        )
        self.assertEqual(after, before)
        self.assertEqual(
            set(SearchWord.objects.values_list("term", "documents")), words
        )
        self.assertEqual(
            SearchStatistics.objects.values_list("documents", "total_length").get(),
            statistics,
        )


class SearchScaleTests(KnowledgeTestCase):
    """2,000 articles: the number of queries of a search does not grow with them."""

    WORDS = [
        "发票",
        "宽带",
        "套餐",
        "漫游",
        "携号转网",
        "话费",
        "流量",
        "停机",
        "补卡",
        "积分",
    ]

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        articles = Article.objects.bulk_create(
            Article(organisation=cls.uni, key=f"K-{i:04d}", title=cls._title(i))
            for i in range(2000)
        )
        ArticleVersion.objects.bulk_create(
            ArticleVersion(
                article=a,
                number=1,
                title=a.title,
                body=f"{cls._title(i * 7)}的办理说明：{cls._title(i * 3)}，请携带身份证。",
                effective_from=TODAY,
                status=VersionStatus.PUBLISHED,
                author=cls.uni_supervisor,
                approver=cls.uni_admin,
                approved_at=at(TODAY),
            )
            for i, a in enumerate(articles)
        )
        index_rebuild(organisation_id=cls.uni.pk)

    @classmethod
    def _title(cls, i: int) -> str:
        return cls.WORDS[i % 10] + cls.WORDS[(i // 10) % 10]

    def test_a_search_runs_a_query_per_word_and_five_more_whatever_the_articles(
        self,
    ) -> None:
        # Words and statistics, one list per word, the rescoring, the versions
        # and their regional texts.
        with self.assertNumQueries(2 + 3 + 1 + 2):
            found = article_search(
                organisation=self.uni, query="宽带 套餐 流量", on=TODAY, limit=20
            )
        self.assertEqual(sorted(found.terms), sorted(["宽带", "套餐", "流量"]))
        self.assertEqual(len(found.results), 20)
        self.assertTrue(all(r.matched == 3 for r in found.results[:10]))

    def test_a_rare_word_is_read_whole_while_a_common_one_is_cut(self) -> None:
        """The one article on 靓号 mentions 套餐 once in a long text: far down
        套餐's list, past the 50 read of it, yet first for 套餐靓号."""
        special = self.publish(
            self.draft("RARE", title="说明", body="靓号。" + "其他规定。" * 80 + "套餐")
        )
        terms = ["套餐", "靓号"]
        rank_in_list = [
            v for v, _f, _l in best_postings(self.uni.pk, "套餐", TODAY, None)
        ].index(special.pk)
        self.assertGreater(rank_in_list, 50)
        hits = ranked_versions(
            organisation_id=self.uni.pk, terms=terms, on=TODAY, champions=50
        )
        self.assertEqual((hits[0].version_id, hits[0].matched), (special.pk, 2))
        exhaustive = ranked_versions(
            organisation_id=self.uni.pk, terms=terms, on=TODAY, champions=None
        )
        self.assertEqual(hits[0], exhaustive[0])

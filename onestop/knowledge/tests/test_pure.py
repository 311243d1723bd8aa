"""The pure parts: periods, line diffs, BM25, words and highlighting. No database."""

from __future__ import annotations

import math
import unittest
from datetime import date

from onestop.knowledge.diffs import Change, has_changes, line_diff
from onestop.knowledge.periods import Period, remaining_period
from onestop.knowledge.search.highlight import Fragment, highlight, snippet
from onestop.knowledge.search.ranking import bm25, idf, term_weight
from onestop.knowledge.search.tokens import document_terms, query_terms

D = date.fromisoformat


class PeriodTests(unittest.TestCase):
    def test_what_is_left_of_an_older_period_when_a_newer_one_is_approved(self) -> None:
        cases = [
            # older, newer, left of older
            (("2026-01-01", None), ("2026-10-01", None), ("2026-01-01", "2026-09-30")),
            (
                ("2026-01-01", "2026-06-30"),
                ("2026-10-01", None),
                ("2026-01-01", "2026-06-30"),
            ),
            (("2026-11-01", None), ("2026-10-01", None), ("2026-11-01", "2026-10-31")),
            (("2026-11-01", None), ("2026-10-01", "2026-11-15"), ("2026-11-16", None)),
            (
                ("2026-10-05", "2026-10-20"),
                ("2026-10-01", "2026-10-31"),
                ("2026-10-05", "2026-10-04"),
            ),
            (
                ("2026-01-01", None),
                ("2026-10-01", "2026-10-31"),
                ("2026-01-01", "2026-09-30"),
            ),
            (("2026-10-01", None), ("2026-10-01", None), ("2026-10-01", "2026-09-30")),
        ]
        for older, newer, left in cases:
            with self.subTest(older=older, newer=newer):
                result = remaining_period(
                    Period(D(older[0]), older[1] and D(older[1])),
                    Period(D(newer[0]), newer[1] and D(newer[1])),
                )
                self.assertEqual(result, Period(D(left[0]), left[1] and D(left[1])))

    def test_an_empty_period_contains_no_day_and_overlaps_nothing(self) -> None:
        empty = Period(D("2026-10-05"), D("2026-10-04"))
        self.assertTrue(empty.is_empty)
        self.assertFalse(empty.contains(D("2026-10-05")))
        self.assertFalse(empty.overlaps(Period(D("2026-01-01"))))


class DiffTests(unittest.TestCase):
    def test_a_changed_line_is_removed_then_added_in_place(self) -> None:
        lines = line_diff(
            "办理地点：营业厅\n资费：58元\n次月生效",
            "办理地点：营业厅\n资费：38元\n次月生效",
        )
        self.assertEqual(
            [(line.change, line.text) for line in lines],
            [
                (Change.SAME, "办理地点：营业厅"),
                (Change.REMOVED, "资费：58元"),
                (Change.ADDED, "资费：38元"),
                (Change.SAME, "次月生效"),
            ],
        )
        self.assertTrue(has_changes(lines))
        self.assertFalse(has_changes(line_diff("一\n二", "一\n二")))


class RankingTests(unittest.TestCase):
    def test_bm25_by_hand(self) -> None:
        # N=10, df=1: idf = ln(1 + 9.5/1.5); tf=2, dl = avgdl: 2·2.2/(2+1.2) = 1.375
        self.assertAlmostEqual(idf(10, 1), math.log(1 + 9.5 / 1.5))
        self.assertAlmostEqual(term_weight(2, 100, 100.0), 1.375)
        self.assertAlmostEqual(
            bm25({"发票": (2, 100)}, {"发票": 1}, 10, 100.0), idf(10, 1) * 1.375
        )

    def test_idf_stays_positive_for_a_word_in_every_document(self) -> None:
        self.assertGreater(idf(10, 10), 0)

    def test_a_longer_document_weighs_the_same_count_less(self) -> None:
        self.assertGreater(term_weight(1, 50, 100.0), term_weight(1, 200, 100.0))


class WordTests(unittest.TestCase):
    def test_a_long_word_is_found_by_its_parts(self) -> None:
        terms = document_terms("增值税发票丢失", ["应于发现丢失当日书面报告税务机关。"])
        for word in ("增值税", "增值", "发票", "丢失"):
            self.assertIn(word, terms.frequencies)

    def test_title_words_count_three_times(self) -> None:
        terms = document_terms("宽带报装", ["宽带报装需要身份证。"])
        self.assertEqual(terms.frequencies["宽带"], 4.0)
        self.assertEqual(terms.frequencies["身份证"], 1.0)

    def test_a_regional_text_repeating_the_base_does_not_count_twice(self) -> None:
        terms = document_terms("", ["携号转网", "携号转网，长春另需预约"])
        self.assertEqual(terms.frequencies["携号"], 1.0)

    def test_a_question_keeps_the_business_words(self) -> None:
        self.assertEqual(query_terms("我要怎么开发票"), ["开发票", "发票", "开发"])
        self.assertEqual(query_terms("5G套餐"), ["5g", "套餐"])
        self.assertEqual(query_terms("，。"), [])


class HighlightTests(unittest.TestCase):
    def test_the_longest_word_is_marked_whole(self) -> None:
        self.assertEqual(
            highlight("开具增值税发票", ["发票", "增值税", "增值"]),
            [Fragment("开具"), Fragment("增值税", True), Fragment("发票", True)],
        )

    def test_a_snippet_starts_near_the_first_word_found(self) -> None:
        text = "甲" * 200 + "发票" + "乙" * 200
        fragments = snippet(text, ["发票"], length=40)
        self.assertEqual(fragments[0], Fragment("…"))
        self.assertIn(Fragment("发票", True), fragments)
        self.assertEqual(fragments[-1], Fragment("…"))
        self.assertLessEqual(sum(len(f.text) for f in fragments[1:-1]), 40)

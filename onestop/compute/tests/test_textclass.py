"""Contact reasons and hot topics from Chinese notes (pure; no database)."""

from __future__ import annotations

import unittest

from scipy.stats import chi2_contingency

from onestop.compute import textclass as tc
from onestop.topics.samples import PLANTED, REASONS, reason_label, sample_notes

RULES = [tc.KeywordRule(reason_label(r), r.keywords, r.priority) for r in REASONS]


class TokeniseTests(unittest.TestCase):
    def test_words_without_punctuation_or_stopwords(self) -> None:
        self.assertEqual(tc.tokenise("食堂的饭菜，太咸了！"), ["食堂", "饭菜", "太咸"])

    def test_cache_keeps_one_entry_per_distinct_note(self) -> None:
        tokens = tc.Tokeniser()
        for _ in range(3):
            tokens("宿舍停电了")
        tokens("宿舍漏水")
        self.assertEqual(len(tokens.cache), 2)


class RuleTests(unittest.TestCase):
    def test_lower_priority_number_wins_when_two_rules_match(self) -> None:
        rules = [
            tc.KeywordRule("餐饮", ("食堂",), 15),
            tc.KeywordRule("服务态度", ("态度",), 5),
        ]
        cases = [
            ("食堂的师傅态度很差", "服务态度"),
            ("食堂饭菜太咸", "餐饮"),
            ("宿舍停电", None),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(tc.rules_classify(text, rules), expected)


class ClassifierTests(unittest.TestCase):
    def test_classifier_beats_keyword_rules_on_held_out_notes(self) -> None:
        notes = list(sample_notes(300, seed=11))
        evaluation, _ = tc.evaluate(
            [n.text for n in notes], [n.reason for n in notes], RULES
        )
        self.assertEqual((evaluation.trained_on, evaluation.held_out), (240, 60))
        assert evaluation.rules_accuracy is not None
        assert evaluation.classifier_accuracy is not None
        self.assertGreater(evaluation.classifier_accuracy, evaluation.rules_accuracy)
        self.assertGreater(evaluation.classifier_accuracy, 0.9)

    def test_a_paraphrase_without_the_keyword_is_learnt(self) -> None:
        notes = list(sample_notes(200, seed=3))
        model = tc.train([n.text for n in notes], [n.reason for n in notes])
        text = "12号楼一直在滴水，天花板有水渍"
        self.assertIsNone(tc.rules_classify(text, RULES))
        self.assertEqual(model.predict([text]), ["报修 › 水电"])

    def test_held_out_split_is_every_fifth_note(self) -> None:
        train, test = tc.held_out_split(10)
        self.assertEqual(test, [4, 9])
        self.assertEqual(train, [0, 1, 2, 3, 5, 6, 7, 8])

    def test_single_label_model_predicts_that_label(self) -> None:
        model = tc.train(["宿舍停电", "宿舍漏水"], ["水电", "水电"])
        self.assertEqual(model.predict(["食堂"]), ["水电"])


class HotTopicTests(unittest.TestCase):
    def test_log_likelihood_matches_scipy_g_test(self) -> None:
        # G² of the 2×2 table [[a, b], [c − a, d − b]], as scipy computes it.
        for a, b, c, d in ((12, 0, 112, 400), (30, 10, 100, 100), (5, 50, 100, 1000)):
            with self.subTest(a=a, b=b):
                g2, *_ = chi2_contingency(
                    [[a, b], [c - a, d - b]], correction=False, lambda_="log-likelihood"
                )
                self.assertAlmostEqual(abs(tc.log_likelihood(a, b, c, d)), g2, places=6)

    def test_log_likelihood_is_negative_for_a_falling_phrase(self) -> None:
        self.assertLess(tc.log_likelihood(1, 50, 100, 100), 0)

    def test_rising_reasons_compare_with_previous_weeks_mean(self) -> None:
        rising = tc.rising_reasons(
            {"水电": [2, 3, 2, 5, 12], "餐饮": [5, 5, 5, 5, 6], "网络": [0, 0, 0, 0, 4]}
        )
        self.assertEqual([r.reason for r in rising], ["网络", "水电"])
        self.assertEqual(rising[1].baseline, 3.0)
        self.assertEqual(rising[1].ratio, 4.0)
        self.assertIsNone(rising[0].ratio)

    def test_a_planted_promotion_is_named_whole_with_examples(self) -> None:
        before = [n.text for n in sample_notes(400, seed=1)]
        now = [n.text for n in sample_notes(100, seed=2, planted=12)]
        found = tc.emerging_phrases(now, before)
        self.assertEqual(found[0].phrase, PLANTED)
        self.assertEqual(found[0].this_week, 12)
        self.assertTrue(all(PLANTED in now[i] for i in found[0].examples))
        self.assertEqual(len(found[0].examples), 3)

    def test_no_emerging_phrase_when_the_week_is_like_the_others(self) -> None:
        before = [n.text for n in sample_notes(400, seed=1)]
        now = [n.text for n in sample_notes(100, seed=2)]
        self.assertEqual(tc.emerging_phrases(now, before), [])
